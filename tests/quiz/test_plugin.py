"""Bank and embed problems stop the build with every problem named by file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.site import SiteError, build_site

from .conftest import BANK, write_site


def problems(config: Path, out: Path) -> list[str]:
    with pytest.raises(SiteError) as caught:
        build_site(config, out)
    return caught.value.problems


def test_source_links_and_duplicate_ids_are_reported_together(tmp_path: Path):
    bank = BANK.replace("#一、党章的基本结构", "#三、不存在的小标题").replace(
        "options: [甲, 乙, 丙]\n    answer: AC",
        "options: [甲, 乙, 丙]\n    answer: AC\n    source: ../study/t/nope.md",
    )
    other = (
        "id: other\ntitle: 另一个\nquestions:\n  - {id: demo-3, type: judge, stem: s, answer: 对}\n"
    )
    config = write_site(tmp_path, bank, {"content/quizzes/other.yml": other})
    (tmp_path / "build" / "site").mkdir(parents=True)
    (tmp_path / "build" / "site" / "old.html").write_text("old")
    found = problems(config, tmp_path / "build" / "site")
    assert found == [
        "content/quizzes/demo.yml:12: 题目 demo-1：source 指向的小标题不存在：../study/t/page.md#三、不存在的小标题 [DJ404]",
        "content/quizzes/demo.yml:18: 题目 demo-2：source 指向的页面不存在：../study/t/nope.md [DJ404]",
        "content/quizzes/other.yml:4: 题目 id “demo-3”重复（另见 content/quizzes/demo.yml:19） [DJ402]",
    ]
    # The previous site is left as it was
    assert (tmp_path / "build" / "site" / "old.html").read_text() == "old"


def test_embed_block_problems(tmp_path: Path):
    page = "# 练习\n\n```quiz\nbank: nope\n```\n\n```quiz\nbank: demo\ndraw: {single: 9}\n```\n\n```quiz\nview: odd\n```\n"
    config = write_site(tmp_path, pages={"content/quizzes/lianxi.md": page})
    assert problems(config, tmp_path / "out") == [
        "content/quizzes/lianxi.md:4: quiz 代码块：题库“nope”不存在（已有：demo） [DJ405]",
        "content/quizzes/lianxi.md:9: quiz 代码块：要抽 9 道单选题，但所选题库只有 1 道 [DJ405]",
        "content/quizzes/lianxi.md:13: quiz 代码块：view 只能是 bank/paper/wrongbook/center 之一，实际是“odd” [DJ405]",
    ]


def test_broken_yaml_and_encoding_reported_by_check(tmp_path: Path, capsys):
    config = write_site(tmp_path, "id: demo\ntitle: [坏\n")
    (tmp_path / "content" / "quizzes" / "gbk.yml").write_bytes(
        "id: gbk\ntitle: 题库\n".encode("gbk")
    )
    code = main(["check", "-f", str(config)])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/quizzes/demo.yml:3:" in err and "YAML 格式错误" in err
    assert "content/quizzes/gbk.yml:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）" in err
    assert "Traceback" not in err


def test_bank_id_must_match_file_name(tmp_path: Path):
    config = write_site(tmp_path, BANK.replace("id: demo\n", "id: demo-x\n", 1))
    assert (
        "content/quizzes/demo.yml:1: 题库 id “demo-x”与文件名不一致（应为 demo-x.yml） [DJ401]"
        in problems(config, tmp_path / "out")
    )


def test_source_may_point_to_an_attachment(tmp_path: Path):
    bank = BANK.replace("#一、党章的基本结构", "").replace(
        "source: ../study/t/page.md\n", "source: ../study/t/dangzhang.pdf\n", 1
    )
    config = write_site(tmp_path, bank)
    (tmp_path / "content" / "study" / "t" / "dangzhang.pdf").write_bytes(b"%PDF-1.4\n")
    build_site(config, tmp_path / "out")
    data = (tmp_path / "out" / "assets/dangjian/quiz/demo.json").read_text(encoding="utf-8")
    assert '"url":"study/t/dangzhang.pdf"' in data


def test_percent_encoded_source_resolves_like_the_plain_one(tmp_path: Path):
    # "%70" is "p" and the anchor is "二、总纲": the same page and heading as written plainly
    bank = BANK.replace(
        "source: ../study/t/page.md\n",
        "source: ../study/t/%70age.md#%E4%BA%8C%E3%80%81%E6%80%BB%E7%BA%B2\n",
        1,
    )
    config = write_site(tmp_path, bank)
    build_site(config, tmp_path / "out")
    data = (tmp_path / "out" / "assets/dangjian/quiz/demo.json").read_text(encoding="utf-8")
    assert '"source":{"title":"党章学习 · 二、总纲","url":"study/t/page.html#二总纲"}' in data
