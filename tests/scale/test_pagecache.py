"""Rendered pages from the build cache: a warm build converts and templates only the pages
whose inputs changed, and its site is byte-identical to a cold build's after every kind of
change."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import dangjian
import pytest
from dangjian.check.runner import run_check
from dangjian.core.cache import CACHE_DIR, text_record
from dangjian.core.converter import Converter
from dangjian.preview import preview_build
from dangjian.search import plugin as search_plugin
from dangjian.search.index import SEARCH_DIR
from dangjian.site import SiteError
from mkdocs.structure.pages import Page

from .test_cache import (
    CHANGES,
    assert_rejected,
    assert_same_tree,
    build,
    cold,
    edit,
    entries,
    rewrite,
    store,
    warn_in_mkdocs,
)

PAGE_CHANGES = {
    **CHANGES,
    "theme override": lambda s: edit(
        s,
        "theme/main.html",
        lambda t: t.replace("{% block extrahead %}", "{% block extrahead %}<!-- 覆盖 -->"),
    ),
}


def pages(site: Path) -> int:
    return len(list((site / "content").rglob("*.md")))


@pytest.mark.parametrize("change", [*PAGE_CHANGES, "new version"])
def test_warm_build_equals_cold_build_after_each_change(
    site: Path, change: str, counts: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site, "first")
    assert entries(site, "page-body") and entries(site, "page-html")
    if change == "new version":
        monkeypatch.setattr(dangjian, "__version__", dangjian.__version__ + ".post1")
    else:
        PAGE_CHANGES[change](site)
    warm, result = build(site, "warm")
    assert result.warnings == []
    assert_same_tree(warm, cold(site))


def test_unchanged_site_is_neither_converted_nor_templated(site: Path, counts: list) -> None:
    build(site, "first")
    warm, _ = build(site, "warm")
    first, second = counts[0], counts[1]
    assert first[0] >= pages(site) and first[1] >= pages(site)
    assert second == (0, 0)
    assert_same_tree(warm, cold(site))


def test_text_edit_converts_only_the_edited_page(site: Path, counts: list) -> None:
    build(site, "first")
    CHANGES["page text"](site)
    build(site, "warm")
    converted, templated = counts[1]
    assert converted == 1
    # The page itself, plus pages listing its reading time or related to it
    assert 1 <= templated < pages(site) // 2


def test_a_page_from_the_cache_is_not_rendered_by_markdown(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site, "first")
    CHANGES["page text"](site)
    rendered: list[str] = []  # pages converted by the build's Markdown converter
    render = Converter.render

    def counting(self: Converter, page: Page, config, files) -> None:
        rendered.append(page.file.src_uri)
        render(self, page, config, files)

    monkeypatch.setattr(Converter, "render", counting)
    warm, _ = build(site, "warm")
    # Only the edited page is rendered; the others skip it, and the output is still what a
    # cold build gives (so their stored body, table of contents and anchors came back)
    assert rendered == ["study/alpha/a1.md"]
    assert_same_tree(warm, cold(site))


def test_a_page_from_the_cache_is_not_cut_into_search_sections_again(
    site: Path, counts: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site, "first")
    CHANGES["page text"](site)
    cut: list[str] = []
    split_sections = search_plugin.split_sections

    def counting(html: str):
        cut.append(html)
        return split_sections(html)

    monkeypatch.setattr(search_plugin, "split_sections", counting)
    warm, _ = build(site, "warm")
    # Once for each page converted in this build (the edited one), stored with its body; the
    # search index, in the site, is still what a cold build makes
    assert counts[1][0] == 1 and len(cut) == 1 and "新增一段关于遵义会议" in cut[0]
    assert_same_tree(warm, cold(site))


def poison_sections(site: Path, sections: list) -> int:
    def change(text: str) -> str:
        record = json.loads(text)
        record["value"]["derived"][search_plugin.SECTIONS] = sections
        return json.dumps(record)

    return rewrite(site, "page-body", change)


def test_stored_search_sections_are_what_the_index_reads(site: Path) -> None:
    build(site, "first")
    poison_sections(site, [["", "", "伪造的检索文字", 0]])
    warm, _ = build(site, "warm")
    chunks = "".join(p.read_text(encoding="utf-8") for p in (warm / SEARCH_DIR).glob("c-*.js"))
    assert "伪造的检索文字" in chunks


@pytest.mark.parametrize(
    "sections", [[["", "", 7, 0]], [["", "", "文字"]], "文字", [["", "", "文字", True]]]
)
def test_invalid_stored_search_sections_are_ignored_with_a_warning(
    site: Path, sections: object
) -> None:
    build(site, "first")
    assert_rejected(site, "page-body", poison_sections(site, sections))


def test_config_change_renders_everything_again(site: Path, counts: list) -> None:
    build(site, "first")
    CHANGES["mkdocs.yml"](site)
    build(site, "warm")
    assert counts[1] == counts[0]


def poison_html(site: Path) -> None:
    rewrite(site, "page-html", lambda text: text_record(key_of(text), "<html>伪造</html>"))


def key_of(text_cache_record: str) -> str:
    return json.loads(text_cache_record.partition("\n")[0])["key"]


def invalid_value(record: str) -> str:
    """The record with a value of the right form that fails the namespace's check."""
    if "\n" in record:  # page-html's: a header line, then the page
        return text_record(key_of(record), "  ")
    return json.dumps({**json.loads(record), "value": {"content": 7}})


def damaged_inside(record: str) -> str:
    """One character in the middle of the page changed, the record otherwise whole."""
    middle = len(record) * 3 // 4
    return record[:middle] + ("甲" if record[middle] != "甲" else "乙") + record[middle + 1 :]


def test_poisoned_entries_change_the_output_so_the_tests_above_can_fail(site: Path) -> None:
    build(site, "first")
    poison_html(site)
    warm, _ = build(site, "warm")
    page = "study/alpha/a2.html"
    assert "伪造" in (warm / page).read_text(encoding="utf-8")
    assert (warm / page).read_bytes() != (cold(site) / page).read_bytes()


@pytest.mark.parametrize("namespace", ["page-body", "page-html"])
@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: json.dumps({"format": "other-tool/3", "value": "<p>外来</p>"}),
        invalid_value,
    ],
    ids=["truncated", "foreign", "invalid value"],
)
def test_damaged_or_foreign_page_entries_are_ignored_with_a_warning(
    site: Path, namespace: str, damage, counts: list
) -> None:
    build(site, "first")
    assert_rejected(site, namespace, rewrite(site, namespace, damage))


def test_a_stored_page_damaged_inside_is_ignored_with_a_warning(site: Path) -> None:
    # Stored as text after a header, not inside JSON: its checksum finds what parsing cannot
    build(site, "first")
    assert_rejected(site, "page-html", rewrite(site, "page-html", damaged_inside))


def test_a_build_with_a_mkdocs_warning_keeps_no_page_entries(site: Path) -> None:
    warn_in_mkdocs(site)
    _, result = build(site, "first")
    assert result.pages
    assert entries(site, "page-body") == [] and entries(site, "page-html") == []


def test_a_failed_build_keeps_no_page_entries(site: Path) -> None:
    edit(site, "content/about.md", lambda t: t + "\n[缺失](missing.md)\n")
    with pytest.raises(SiteError):
        build(site, "first")
    assert entries(site, "page-body") == [] and entries(site, "page-html") == []
    for namespace in ("page-body", "page-html"):  # nor any entry waiting to be committed
        assert pending(site, namespace) == 0


def pending(site: Path, namespace: str) -> int:
    if not store(site, namespace).is_file():
        return 0
    with sqlite3.connect(store(site, namespace)) as db:
        count = db.execute("SELECT count(*) FROM entries WHERE owner != 0").fetchone()[0]
    db.close()
    return count


def test_pending_entries_of_a_killed_build_are_removed(site: Path) -> None:
    build(site, "first")
    with sqlite3.connect(store(site, "page-html")) as db:  # written by a build that was killed
        db.execute("INSERT INTO entries VALUES (?, 999999, '{}')", ("ab" * 32,))
    db.close()
    stale = site / CACHE_DIR / "page-html" / ".pending-999999"  # the layout of 0.x
    stale.mkdir()
    (stale / ("ab" * 32 + ".json")).write_text("{}", encoding="utf-8")
    warm, result = build(site, "warm")
    assert result.warnings == []
    assert pending(site, "page-html") == 0
    assert not stale.exists()
    shutil.rmtree(site / CACHE_DIR)
    assert_same_tree(warm, cold(site))


def test_serve_rebuilds_only_the_edited_page_and_keeps_the_builds_entries(
    site: Path, counts: list
) -> None:
    build(site, "first")
    kept = set(entries(site, "page-html"))
    preview = site.parent / "preview" / "site"  # serve builds outside the project
    preview_build(site / "mkdocs.yml", preview)
    CHANGES["page text"](site)
    preview_build(site / "mkdocs.yml", preview)
    assert counts[2][0] == 1  # the second preview converted only the edited page
    assert 1 <= counts[2][1] < pages(site) // 2
    assert "新增一段关于遵义会议" in (preview / "study/alpha/a1.html").read_text(encoding="utf-8")
    assert kept <= set(entries(site, "page-html"))  # the preview pruned nothing
    shutil.rmtree(site / CACHE_DIR)
    again = site.parent / "cold-preview" / "site"
    preview_build(site / "mkdocs.yml", again)
    assert_same_tree(preview, again)


def test_check_finds_the_same_with_a_warm_cache(site: Path) -> None:
    build(site, "first")
    edit(site, "content/about.md", lambda t: t + "\n[章节](study/alpha/a2.md#没有这一节)\n")
    warm = run_check(site / "mkdocs.yml")
    shutil.rmtree(site / CACHE_DIR)
    cold_check = run_check(site / "mkdocs.yml")
    assert warm.findings and [str(f) for f in warm.findings] == [
        str(f) for f in cold_check.findings
    ]
