"""`dangjian serve` reads each page's front matter as MkDocs does, parsing it again only when
the page's text changed (`core/pagesource.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dangjian.core import pagesource
from dangjian.core.memo import next_build, results_kept
from mkdocs.structure.files import File, get_files
from mkdocs.structure.pages import Page

from .test_converter import site_config


def read(file: File, config, remembered: bool) -> Page:
    page = Page(None, file, config)
    if remembered:
        pagesource.read_remembered(page)
    page.read_source(config)
    return page


def test_every_page_of_the_sample_site_reads_as_mkdocs_reads_it() -> None:
    config = site_config()
    pages = get_files(config).documentation_pages()
    assert len(pages) > 20
    with results_kept():
        for _ in range(2):  # parsed, then found
            for file in pages:
                ours, theirs = read(file, config, True), read(file, config, False)
                assert (ours.markdown, ours.meta) == (theirs.markdown, theirs.meta), file.src_uri
            next_build()


@pytest.fixture
def page_file(tmp_path: Path):
    config = site_config(tmp_path)
    (tmp_path / "a.md").write_text(
        "---\ntitle: 甲\ntags: [一, 二]\n---\n\n正文\n", encoding="utf-8"
    )
    return config, get_files(config).get_file_from_path("a.md"), tmp_path / "a.md"


def test_an_unchanged_page_is_not_parsed_again_and_its_meta_is_its_own(
    page_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, file, _ = page_file
    parsed: list[str] = []
    get_data = pagesource.mkdocs_meta.get_data

    def counted(source: str):
        parsed.append(source)
        return get_data(source)

    monkeypatch.setattr(pagesource.mkdocs_meta, "get_data", counted)
    with results_kept():
        first = read(file, config, True)
        first.meta["tags"].append("三")  # as a plugin may change a page's meta
        first.meta["title"] = "改"
        next_build()
        second = read(file, config, True)
    assert len(parsed) == 1
    assert second.meta == {"title": "甲", "tags": ["一", "二"]}
    assert second.markdown == "正文\n"


def test_a_changed_page_is_parsed_again(page_file) -> None:
    config, file, path = page_file
    with results_kept():
        assert read(file, config, True).meta["title"] == "甲"
        next_build()
        path.write_text("---\ntitle: 乙\n---\n\n正文\n", encoding="utf-8")
        assert read(file, config, True).meta["title"] == "乙"


def test_outside_the_preview_mkdocs_reads_the_page_itself(page_file) -> None:
    config, file, _ = page_file
    page = Page(None, file, config)
    pagesource.read_remembered(page)
    assert "read_source" not in page.__dict__
