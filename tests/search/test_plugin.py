"""The plugin in a real MkDocs build, the incremental Whoosh index and `dangjian search`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.search.assets import PIECES, SCRIPTS
from dangjian.search.store import WhooshStore
from dangjian.site import build_site

ROOT = Path(__file__).resolve().parents[2]

CONFIG = f"""\
site_name: 测试站
docs_dir: docs
site_dir: build/site
use_directory_urls: false
theme:
  name: material
  custom_dir: {ROOT / "theme"}
  language: zh
  font: false
plugins:
  - dangjian-search:
      whoosh: true
markdown_extensions:
  - toc:
      permalink: true
"""

PAGES = {
    "index.md": "# 首页\n\n欢迎来到学习站。\n",
    "a.md": "# 党章学习\n\n党章是党的根本大法。\n\n## 入党誓词\n\n我志愿加入中国共产党。\n",
    "b.md": "# 智慧党建平台\n\n登录智慧党建平台。\n\n## 注意\n\n不得使用个人U盘。\n",
}


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    return tmp_path


def search_files(site: Path) -> dict[str, bytes]:
    folder = site / "build" / "site" / "assets" / "dangjian" / "search"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_build_writes_the_index_and_loads_the_scripts(tiny_site: Path) -> None:
    build_site(tiny_site / "mkdocs.yml")
    files = search_files(tiny_site)
    assert "manifest.js" in files and any(n.startswith("t-") for n in files)
    html = (tiny_site / "build" / "site" / "a.html").read_text(encoding="utf-8")
    assert "assets/dangjian/search-engine.js" in html and 'class="dj-search"' in html
    assert "md-search__input" not in html  # Material's search stays off


def test_pages_load_the_engine_joined_from_every_piece_then_the_search_box(
    tiny_site: Path,
) -> None:
    theme = ROOT / "theme" / "assets" / "dangjian"
    assert sorted(PIECES) == sorted(p.name for p in theme.glob("search-*.js"))
    build_site(tiny_site / "mkdocs.yml")
    html = (tiny_site / "build" / "site" / "a.html").read_text(encoding="utf-8")
    assert re.findall(r'src="assets/dangjian/(search[^"]*)"', html) == list(SCRIPTS)
    shipped = tiny_site / "build" / "site" / "assets" / "dangjian"
    assert sorted(p.name for p in shipped.glob("search*.js")) == ["search-engine.js", "search.js"]
    engine = (shipped / "search-engine.js").read_text(encoding="utf-8")
    positions = [engine.index(f"/* {name} */\n") for name in PIECES]
    assert positions == sorted(positions)
    for name in PIECES:
        assert (theme / name).read_text(encoding="utf-8") in engine


def test_a_sites_custom_dir_overrides_one_piece_of_the_engine(tiny_site: Path) -> None:
    overrides = tiny_site / "overrides" / "assets" / "dangjian"
    overrides.mkdir(parents=True)
    (overrides / "search-rank.js").write_text("/* the site's own ranking */\n", encoding="utf-8")
    config = tiny_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"custom_dir: {ROOT / 'theme'}", "custom_dir: overrides"))
    build_site(config)
    engine = tiny_site / "build" / "site" / "assets" / "dangjian" / "search-engine.js"
    shipped = engine.read_text(encoding="utf-8")
    assert "/* search-rank.js */\n/* the site's own ranking */\n" in shipped
    ours = ROOT / "theme" / "assets" / "dangjian"
    assert (ours / "search-rank.js").read_text(encoding="utf-8") not in shipped
    assert (ours / "search-tokenizer.js").read_text(encoding="utf-8") in shipped


def test_same_input_same_bytes(tiny_site: Path) -> None:
    build_site(tiny_site / "mkdocs.yml")
    first = search_files(tiny_site)
    build_site(tiny_site / "mkdocs.yml")
    assert search_files(tiny_site) == first


def test_whoosh_index_is_updated_incrementally(tiny_site: Path) -> None:
    build_site(tiny_site / "mkdocs.yml")
    store = WhooshStore(tiny_site / "build" / ".cache" / "search")
    assert [h.key for h in store.search("入党誓词")] == ["a.md"]
    (tiny_site / "docs" / "b.md").write_text("# 智慧党建平台\n\n入党誓词学习。\n", encoding="utf-8")
    (tiny_site / "docs" / "index.md").unlink()
    changed: list[tuple[int, int]] = []
    original = WhooshStore.update

    def spy(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        changed.append(result)
        return result

    WhooshStore.update = spy  # type: ignore[method-assign]
    try:
        build_site(tiny_site / "mkdocs.yml")
    finally:
        WhooshStore.update = original  # type: ignore[method-assign]
    assert changed == [(1, 1)]  # b.md re-indexed, index.md removed, a.md untouched
    assert sorted(h.key for h in store.search("入党誓词")) == ["a.md", "b.md"]


def test_cli_search_prints_file_and_line(tiny_site: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    code = main(["search", "-f", str(tiny_site / "mkdocs.yml"), "U盘"])
    out = capsys.readouterr().out
    assert code == 0
    assert "docs/b.md:7" in out and "智慧党建平台" in out


def test_cli_search_finds_the_line_of_a_mixed_phrase(tiny_site: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    (tiny_site / "docs" / "c.md").write_text(
        "# 保密提醒\n\n航天工程要保密。\n\n不要在网上谈论921工程的细节。\n", encoding="utf-8"
    )
    code = main(["search", "-f", str(tiny_site / "mkdocs.yml"), "921工程"])
    out = capsys.readouterr().out
    assert code == 0
    assert "docs/c.md:5" in out


def test_cli_search_nothing_found(tiny_site: Path, capsys) -> None:
    code = main(["search", "-f", str(tiny_site / "mkdocs.yml"), "红烧肉菜谱"])
    assert code == 0
    assert "没有找到与“红烧肉菜谱”相关的内容" in capsys.readouterr().out


def test_cli_search_empty_query_is_a_usage_error(tiny_site: Path, capsys) -> None:
    assert main(["search", "-f", str(tiny_site / "mkdocs.yml"), "，。"]) == 2


def test_cli_search_reports_content_errors(tiny_site: Path, capsys) -> None:
    (tiny_site / "mkdocs.yml").write_text(CONFIG + "nav: [", encoding="utf-8")
    assert main(["search", "-f", str(tiny_site / "mkdocs.yml"), "党章"]) == 1
    assert "配置文件有误" in capsys.readouterr().out


def test_damaged_whoosh_cache_is_rebuilt(tiny_site: Path) -> None:
    cache = tiny_site / "build" / ".cache" / "search"
    cache.mkdir(parents=True)
    (cache / "VERSION").write_text("1")  # claims to be an index, holds none
    result = build_site(tiny_site / "mkdocs.yml")
    assert (
        tiny_site / "build" / "site" / "assets" / "dangjian" / "search" / "manifest.js"
    ).is_file()
    assert result.warnings == []
    assert [h.key for h in WhooshStore(cache).search("入党誓词")] == ["a.md"]


def test_unusable_whoosh_cache_is_a_warning_not_a_failed_build(tiny_site: Path) -> None:
    (tiny_site / "build").mkdir()
    (tiny_site / "build" / ".cache").write_text("a file where the cache folder should be")
    result = build_site(tiny_site / "mkdocs.yml")
    assert (
        tiny_site / "build" / "site" / "assets" / "dangjian" / "search" / "manifest.js"
    ).is_file()
    assert any("无法更新编辑用搜索索引" in str(w) for w in result.warnings)


def test_ordinary_builds_leave_whoosh_to_the_search_command(tiny_site: Path, capsys) -> None:
    config = tiny_site / "mkdocs.yml"
    config.write_text(CONFIG.replace("      whoosh: true\n", ""), encoding="utf-8")
    build_site(config)
    assert not (tiny_site / "build" / ".cache" / "search").exists()
    assert main(["search", "-f", str(config), "入党誓词"]) == 0
    assert "docs/a.md:5" in capsys.readouterr().out


def test_search_false_pages_stay_out_and_the_guide_comes_last(tiny_site: Path) -> None:
    docs = tiny_site / "docs"
    (docs / "hidden.md").write_text(
        "---\nsearch: false\n---\n\n# 内部草稿\n\n党章草稿不公开。\n", encoding="utf-8"
    )
    (docs / "guide").mkdir()
    (docs / "guide" / "howto.md").write_text("# 党章页面的写法\n\n编辑写党章。\n", encoding="utf-8")
    build_site(tiny_site / "mkdocs.yml")
    files = {n: b.decode() for n, b in search_files(tiny_site).items()}
    chunks = "".join(text for name, text in files.items() if name.startswith("c-"))
    assert "内部草稿" not in chunks and "hidden.html" not in chunks
    manifest = json.loads(files["manifest.js"].split("(", 1)[1].rsplit(")", 1)[0])
    # Ids from manifest.editors on are the guide's pages: here the last one
    assert manifest["editors"] == manifest["pages"] - 1
    assert '"guide/howto.html","党章页面的写法","guide"' in chunks
    assert "遵义会议" not in files["suggest.js"] and "党章页面的写法" not in files["suggest.js"]
