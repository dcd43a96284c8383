"""Pages converted and templated ahead in a second process (core/convertahead.py): the site
is byte for byte what one process builds, what the second process made is neither converted
nor templated again, and a page that warned there is made (and warns) in the build itself."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2
import markdown
import pytest
from dangjian.check.copycheck import CopyChecker
from dangjian.content import keyterms
from dangjian.content.plugin import ContentPlugin
from dangjian.core import convertahead, pagecache
from dangjian.core.cache import CACHE_DIR
from dangjian.site import BuildResult, SiteError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from ..calls import record_calls
from .test_cache import assert_same_tree, build, cold, edit
from .test_checkcache import WARNINGS, add_problems

# Per build, per stage ("check": copy rules and key terms, "convert": Markdown, "render":
# templates), the pages (src_uri) the build took from the second process
Taken = list[dict[str, set[str]]]


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Taken]:
    """Fork for any number of pages, even with pytest's threads running, and let the helper
    finish before the build takes its first page from it: what each does is then certain."""
    monkeypatch.setattr(convertahead, "forks", lambda count: True)
    seen: Taken = []
    take = convertahead.ConvertAhead.take
    start = convertahead.ConvertAhead.start

    def starting(self, files, make) -> None:
        self.stage = make.__name__
        self.waited = False  # the same helper object serves the next build
        if not seen or self.stage in seen[-1]["started"]:  # a new build
            seen.append({"check": set(), "convert": set(), "render": set(), "started": set()})
        seen[-1]["started"].add(self.stage)
        start(self, files, make)

    def taking(self, src_uri: str, key: str):
        if self.process is not None and not getattr(self, "waited", False):
            # The build lags: the helper makes every page it will before the build takes one
            self.waited = True
            self.process.join(60)
        made = take(self, src_uri, key)
        if made is not None:
            seen[-1][self.stage].add(src_uri)
        return made

    monkeypatch.setattr(convertahead.ConvertAhead, "start", starting)
    monkeypatch.setattr(convertahead.ConvertAhead, "take", taking)
    yield seen


def test_site_made_by_two_processes_equals_one(site: Path, taken: Taken) -> None:
    two = cold(site)
    assert taken[-1]["convert"], "the second process converted no page"
    assert taken[-1]["render"], "the second process templated no page"
    assert_same_tree(two, _single(site))


def _note_and_warn(pids: Path, word: str) -> None:
    """Note which process got here, and warn as MkDocs does (a warning fails a strict build)."""
    with pids.open("a") as noted:
        noted.write(f"{os.getpid()}\n")
    logging.getLogger("mkdocs.test").warning("%s pid %s", word, os.getpid())


def _assert_made_and_reported_by_the_build(
    site: Path, taken: Taken, stage: str, pids: Path, word: str
) -> None:
    """b1.md warns at `stage` wherever it is made: made in both processes, taken from none,
    and the build's own warning fails the (strict) build."""
    with pytest.raises(SiteError, match=f"{word} pid {os.getpid()}$"):
        build(site, "first")
    assert taken[-1][stage], f"the second process made no page at {stage}"
    assert "study/beta/b1.md" not in taken[-1][stage]
    made_by = pids.read_text().split()
    assert len(made_by) == 2 and str(os.getpid()) in made_by


# The test's own process: the build's; a helper is a fork with another pid
BUILD_PID = os.getpid()


def _b1_in_the_helper(page: Page) -> bool:
    return os.getpid() != BUILD_PID and page.file.src_uri == "study/beta/b1.md"


def _assert_b1_made_again_by_the_build(site: Path, taken: Taken, stage: str) -> None:
    """The helper made b1.md differently (另一进程): the build took none of it at `stage`."""
    out, _ = build(site, "first")
    assert taken[-1][stage] and "study/beta/b1.md" not in taken[-1][stage]
    assert "另一进程" not in (out / "study/beta/b1.html").read_text(encoding="utf-8")
    assert_same_tree(out, _single(site))


def _single(site: Path) -> Path:
    return _single_build(site)[0]


def test_pages_taken_are_stored_for_the_next_build(site: Path, taken: Taken, counts) -> None:
    build(site, "first")
    assert taken[-1]["convert"] and taken[-1]["render"]
    warm, _ = build(site, "warm")
    assert counts[-1] == (0, 0)  # nothing converted or templated again
    assert_same_tree(warm, _single(site))


def _single_build(site: Path) -> tuple[Path, BuildResult]:
    """A cold build in one process, leaving no cache behind: its site and what it reported."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(convertahead, "forks", lambda count: False)
    shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
    try:
        return build(site, "single")
    finally:
        monkeypatch.undo()
        shutil.rmtree(site / CACHE_DIR, ignore_errors=True)


def test_copy_findings_and_key_terms_found_in_the_helper_are_the_builds(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_problems(site, WARNINGS)
    one, single = _single_build(site)
    two, found = build(site, "first")
    assert "about.md" in taken[-1]["check"], "the copy rules ran in the build, not the helper"
    assert any(src.startswith("study/") for src in taken[-1]["check"])  # with key terms
    assert [str(w) for w in found.warnings] == [str(w) for w in single.warnings]
    assert "DJ302" in {w.rule for w in found.warnings}
    assert_same_tree(two, one)  # the same related materials
    # Stored as if found here: the next build, without a helper, runs neither the copy rules
    # nor segmentation
    monkeypatch.setattr(convertahead, "forks", lambda count: False)
    ran = record_calls(monkeypatch, CopyChecker, "check")
    segmented = record_calls(monkeypatch, keyterms, "key_terms")
    build(site, "warm")
    assert ran == [] and segmented == []


def test_copy_findings_the_helper_made_of_other_text_are_not_taken(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper read about.md with one more wrong comma: the build takes none of its
    findings (their key is another), and reports what one process reports."""
    add_problems(site, WARNINGS)
    read = ContentPlugin._read

    def read_there(self, file, path):
        text, problems = read(self, file, path)
        if os.getpid() != BUILD_PID and file.src_uri == "about.md":
            text += "\n另一进程里多了一句话,逗号用错。\n"
        return text, problems

    monkeypatch.setattr(ContentPlugin, "_read", read_there)
    _, found = build(site, "first")
    assert taken[-1]["check"] and "about.md" not in taken[-1]["check"]
    _, single = _single_build(site)
    assert [str(w) for w in found.warnings] == [str(w) for w in single.warnings]


def test_page_that_warns_is_converted_and_warns_in_the_build(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A conversion that logs a warning in the second process is not handed over: the build
    converts that page itself, and the warning fails the build (strict) from there."""
    edit(site, "content/study/beta/b1.md", lambda t: t + "\n警示词出现在这里。\n")
    convert = markdown.Markdown.convert
    converted_by = tmp_path / "pids"

    def warning_convert(self, source: str) -> str:
        if "警示词" in source:
            _note_and_warn(converted_by, "警示词")
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", warning_convert)
    _assert_made_and_reported_by_the_build(site, taken, "convert", converted_by, "警示词")


def test_page_read_differently_there_is_converted_again(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build takes a body only under its own key for the page."""
    read_source = Page.read_source

    def reading(self: Page, config) -> None:
        read_source(self, config)
        if _b1_in_the_helper(self):
            self.markdown += "\n只在另一进程里读到的一句。\n"

    monkeypatch.setattr(Page, "read_source", reading)
    _assert_b1_made_again_by_the_build(site, taken, "convert")


def test_template_that_warns_is_rendered_and_warns_in_the_build(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    render = jinja2.Template.render
    rendered_by = tmp_path / "pids"

    def warning_render(self, *args, **kwargs) -> str:
        context = args[0] if args else kwargs
        page = context.get("page")
        if page is not None and page.file.src_uri == "study/beta/b1.md":
            _note_and_warn(rendered_by, "模板警示")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", warning_render)
    _assert_made_and_reported_by_the_build(site, taken, "render", rendered_by, "模板警示")


def test_template_context_made_differently_there_is_rendered_again(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch
) -> None:
    get_context = pagecache.get_context

    def context_there(nav, files, config, page):
        context = get_context(nav, files, config, page)
        if _b1_in_the_helper(page):
            page.meta = {**page.meta, "description": "另一进程的摘要"}  # only its own <head>
        return context

    monkeypatch.setattr(pagecache, "get_context", context_there)
    _assert_b1_made_again_by_the_build(site, taken, "render")


def test_helper_stops_on_a_rebuild_that_finds_its_pages_stored(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where page after page is stored already, the helper leaves the machine to the build."""
    calls = tmp_path / "calls"
    start = convertahead.ConvertAhead.start

    def counting(self, files, make) -> None:
        def counted(file: File):
            with calls.open("a") as seen:
                seen.write(f"{make.__name__}\n")
            return make(file)

        counted.__name__ = make.__name__
        start(self, files, counted)

    monkeypatch.setattr(convertahead.ConvertAhead, "start", counting)
    monkeypatch.setattr(convertahead, "STORED_RUN", 3)
    # A rebuild finds its pages stored and asks no helper: keep it slow here too
    for name in ("markdown", "context"):
        step = getattr(pagecache.PageOutputCache, name)

        def slow(self, *args, step=step):
            if not self.in_second_process:
                time.sleep(0.05)
            return step(self, *args)

        monkeypatch.setattr(pagecache.PageOutputCache, name, slow)
    # and the build's own copy check (the helper's goes through `_check_ahead`), so that on a
    # loaded machine the build does not pass the helper before it has looked at three pages
    copy_check = ContentPlugin._copy_check

    def slow_copy_check(self, *args):
        time.sleep(0.05)
        return copy_check(self, *args)

    monkeypatch.setattr(ContentPlugin, "_copy_check", slow_copy_check)
    build(site, "first")
    first = calls.read_text().split()
    assert all(first.count(stage) > 3 for stage in ("check", "convert", "render"))
    calls.unlink()
    build(site, "warm")
    again = calls.read_text().split()
    assert all(again.count(stage) == 3 for stage in ("check", "convert", "render"))


def test_build_goes_on_when_the_second_process_dies(
    site: Path, taken: Taken, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*args) -> None:
        os._exit(3)

    monkeypatch.setattr(convertahead, "_convert_from_the_end", dies)
    out, _ = build(site, "first")
    assert taken[-1]["started"] == {"check", "convert", "render"}
    assert taken[-1]["check"] == taken[-1]["convert"] == taken[-1]["render"] == set()
    assert_same_tree(out, _single(site))


def test_forks_only_without_other_threads_and_for_enough_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(convertahead.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(convertahead.threading, "active_count", lambda: 1)
    assert convertahead.forks(convertahead.FORK_MIN)
    assert not convertahead.forks(convertahead.FORK_MIN - 1)
    monkeypatch.setattr(convertahead.threading, "active_count", lambda: 2)  # a progress bar
    assert not convertahead.forks(10 * convertahead.FORK_MIN)
    monkeypatch.setattr(convertahead.threading, "active_count", lambda: 1)
    monkeypatch.setattr(convertahead.os, "cpu_count", lambda: 1)
    assert not convertahead.forks(10 * convertahead.FORK_MIN)
