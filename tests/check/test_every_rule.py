"""Every rule with a failing and a passing fixture, each set checked in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from dangjian.check.rules import RULES
from dangjian.check.runner import run_check

from tests.quiz.conftest import CONFIG

BANK_OK = (
    "id: demo\ntitle: 演示题库\nquestions:\n  - id: d-01\n    type: single\n"
    "    stem: 哪一个正确？\n    options:\n      A: 甲\n      B: 乙\n    answer: A\n"
    "    source: ../study/t/a.md#学习要点\n"
)
PAGE_OK = "---\ntitle: 甲\ndate: 2026-03-01\n---\n\n## 学习要点\n\n共 3 页。\n"
NOTICE_OK = "---\ntitle: 通知\ndate: 2026-03-01\nattachments: [files/plan.txt]\n---\n\n正文。\n"

# rule: (file, failing content, passing content); all failing files go into one site
CASES: dict[str, tuple[str, str | bytes, str | bytes]] = {
    "DJ101": ("study/t/gbk.md", "---\ntitle: 庚\n---\n\n正文。\n".encode("gbk"), PAGE_OK),
    "DJ102": ("study/u/_topic.yml", "title: [坏\n", "title: 专题\n"),
    "DJ103": ("notices/2026/no-date.md", "---\ntitle: 通知\n---\n\n正文。\n", NOTICE_OK),
    "DJ104": ("study/t/key.md", "---\ntitle: 甲\nsumary: 摘要\n---\n\n正文。\n", PAGE_OK),
    "DJ105": ("study/t/type.md", "---\ntitle: 甲\nhours: 很多\n---\n\n正文。\n", PAGE_OK),
    "DJ106": ("study/t/date.md", "---\ntitle: 甲\ndate: 2026-02-30\n---\n\n正文。\n", PAGE_OK),
    "DJ107": ("study/t/nul.md", PAGE_OK + "\n正文\x00。\n", PAGE_OK),
    "DJ201": ("study/t/link.md", PAGE_OK + "\n见[甲](nope.md)。\n", PAGE_OK + "\n见[甲](a.md)。\n"),
    "DJ202": ("study/t/anchor.md", PAGE_OK + "\n见[甲](a.md#没有)。\n", PAGE_OK + "\n见[甲](a.md#学习要点)。\n"),
    "DJ203": ("notices/2026/attach.md", NOTICE_OK.replace("plan.txt", "gone.pdf"), NOTICE_OK),
    "DJ301": ("study/t/space.md", PAGE_OK.replace("共 3 页", "共3页"), PAGE_OK),
    "DJ302": ("study/t/punct.md", PAGE_OK.replace("共 3 页。", "共 3 页,请看."), PAGE_OK),
    "DJ310": ("study/t/term.md", PAGE_OK.replace("共 3 页", "帐号共 3 页"), PAGE_OK),
    "DJ401": ("quizzes/shape.yml", "id: shape\ntitle: 题库\nquestions: 没有\n", BANK_OK.replace("demo", "shape").replace("d-01", "s-01")),
    "DJ402": ("quizzes/twice.yml", BANK_OK.replace("id: demo", "id: twice"), BANK_OK.replace("demo", "twice").replace("d-01", "t-01")),
    "DJ403": ("quizzes/answer.yml", BANK_OK.replace("demo", "answer").replace("d-01", "a-01").replace("answer: A", "answer: E"), BANK_OK.replace("demo", "answer").replace("d-01", "a-01")),
    "DJ404": ("quizzes/source.yml", BANK_OK.replace("demo", "source").replace("d-01", "o-01").replace("#学习要点", "#没有"), BANK_OK.replace("demo", "source").replace("d-01", "o-01")),
    "DJ405": ("study/t/block.md", PAGE_OK + "\n```quiz\nbank: nope\n```\n", PAGE_OK + "\n```quiz\nbank: demo\n```\n"),
    "DJ501": ("study/t/script.md", PAGE_OK + "\n<script>alert(1)</script>\n", PAGE_OK),
}  # fmt: skip
NOT_FROM_CONTENT = {"DJ100", "DJ900"}  # fallbacks: covered in test_silence_and_formats


def make_site(tmp_path: Path, variant: int) -> Path:
    site = tmp_path / ("bad" if variant == 1 else "good")
    (site / "content" / "notices" / "2026" / "files").mkdir(parents=True)
    (site / "content" / "notices" / "2026" / "files" / "plan.txt").write_text("计划")
    config = CONFIG + "site_url: https://example.org/\n"
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    files = {"study/t/a.md": PAGE_OK, "quizzes/demo.yml": BANK_OK, "index.md": PAGE_OK}
    files.update({case[0]: case[variant] for case in CASES.values()})
    for name, content in files.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("rules")
    found = {}
    for variant, name in ((1, "bad"), (2, "good")):
        site = make_site(tmp, variant)
        found[name] = run_check(site / "mkdocs.yml").findings
    return found


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.id for rule in RULES} - NOT_FROM_CONTENT


@pytest.mark.parametrize("rule", sorted(CASES))
def test_failing_fixture_gives_the_rule_at_its_file(findings, rule: str) -> None:
    path = "content/" + CASES[rule][0]
    assert any(f.rule == rule and f.path == path for f in findings["bad"]), [
        str(f) for f in findings["bad"] if f.path == path
    ]


def test_passing_fixtures_give_nothing(findings) -> None:
    assert [str(f) for f in findings["good"]] == []
