"""`dangjian search` and `quiz list` at 80 columns: whole paths, uncut headers, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.core.terminal import fit, snippet
from rich.cells import cell_len

from tests.search.test_plugin import CONFIG, PAGES

LONG = "docs/zuzhi-shenghuo-yu-zhibu-jianshe/sanhui-yike-zhidu-de-jiben-yaoqiu-he-zuofa.md"


@pytest.fixture
def long_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    page = tmp_path / LONG
    page.parent.mkdir(parents=True)
    body = "党支部要把“三会一课”作为组织生活的基本制度，" * 4
    page.write_text(f"# 组织生活制度\n\n前言。\n\n{body}\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_search_shows_title_whole_path_and_one_line_snippet(long_site: Path, capsys) -> None:
    assert main(["search", "三会一课"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(" 1. 组织生活制度")
    assert lines[1] == f"    {LONG}:5"  # never split, even past 80 columns
    assert lines[2].startswith("    党支部要把“三会一课”") and lines[2].endswith("…")
    assert cell_len(lines[2]) <= 80


def test_search_json(long_site: Path, capsys) -> None:
    assert main(["search", "三会一课", "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["file"] == LONG and results[0]["line"] == 5
    assert results[0]["title"] == "组织生活制度" and "三会一课" in results[0]["snippet"]
    assert set(results[0]) == {
        "rank", "title", "file", "line", "kind", "date", "url", "snippet", "loose",
    }  # fmt: skip


def test_snippet_highlights_every_match_and_fits() -> None:
    text = snippet("前面很长的一段文字" * 5 + "三会一课和三会一课" + "后文" * 40, ["三会一课"], 40)
    assert cell_len(text.plain) <= 40 and text.plain.startswith("…")
    marked = [text.plain[s.start : s.end] for s in text.spans]
    assert marked == ["三会一课", "三会一课"]


def test_fit_counts_chinese_as_two_cells() -> None:
    assert fit("党章党规", 8) == "党章党规"
    assert fit("党章党规基础", 8) == "党章党…"
    assert cell_len(fit("党章党规基础", 8)) <= 8


def test_quiz_list_fits_80_columns_with_whole_headers(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    root = Path(__file__).resolve().parents[2]
    assert main(["quiz", "list", "-f", str(root / "mkdocs.yml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if "题数" in line)
    for column in ("id", "标题", "题数", "单选", "多选", "判断", "填空", "限时"):
        assert column in header
    assert "…" not in header
    assert all(cell_len(line) <= 80 for line in lines)
    assert any("zuzhi-baomi" in line and "10分" in line for line in lines)


def test_quiz_list_json(capsys) -> None:
    root = Path(__file__).resolve().parents[2]
    assert main(["quiz", "list", "-f", str(root / "mkdocs.yml"), "--format", "json"]) == 0
    banks = {bank["id"]: bank for bank in json.loads(capsys.readouterr().out)}
    assert banks["zuzhi-baomi"]["time_limit"] == 10
    assert sum(banks["zuzhi-baomi"]["types"].values()) == banks["zuzhi-baomi"]["questions"]
