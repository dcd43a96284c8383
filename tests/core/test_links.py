"""The one module for links: what leaves the site, and where a link inside points."""

from __future__ import annotations

import pytest
from dangjian.core.links import (
    Target,
    is_external,
    is_root_absolute,
    is_site_link,
    page_file,
    resolve_from_docs_root,
    resolve_from_page,
)

# target, is_site_link (a file of the site), is_external (the browser contacts another host)
KINDS = [
    ("https://www.12371.cn/a.html", False, True),
    ("http://example.org", False, True),
    ("HTTPS://EXAMPLE.ORG/", False, True),
    ("https:example.org", False, True),
    ("ftp://files.example.org/a.pdf", False, True),
    ("wss://example.org/live", False, True),
    ("//cdn.example.org/x.js", False, True),
    ("\\\\cdn.example.org/x.js", True, True),  # a browser reads \\ as //
    (" \thttps://example.org", False, True),  # tabs and leading spaces are dropped
    ("mailto:dangwei@example.org", False, False),
    ("tel:010-12345678", False, False),
    ("data:image/png;base64,AAAA", False, False),
    ("javascript:alert(1)", False, False),
    ("#学习要点", True, False),
    ("../x.md#a", True, False),
    ("%E5%AD%A6%E4%B9%A0.md", True, False),
    ("学习/二十大报告.md", True, False),
    ("/study/index.md", True, False),
    ("..\\x.md", True, False),
]


@pytest.mark.parametrize(("target", "site", "external"), KINDS)
def test_what_leaves_the_site(target: str, site: bool, external: bool) -> None:
    assert is_site_link(target) is site
    assert is_external(target) is external


@pytest.mark.parametrize(
    ("url", "expected"),
    [("/x.css", True), ("\\x.css", True), ("//host/x.css", False), ("x.css", False), ("", False)],
)
def test_root_absolute(url: str, expected: bool) -> None:
    assert is_root_absolute(url) is expected


# Markdown links of the page study/t/a.md: relative to study/t/
FROM_PAGE = [
    ("b.md", Target("study/t/b.md", "")),
    ("#学习要点", Target("", "学习要点")),
    ("../x.md#a", Target("study/x.md", "a")),
    ("./b.md#%E8%A6%81%E7%82%B9", Target("study/t/b.md", "要点")),
    ("%E5%AD%A6%E4%B9%A0.md", Target("study/t/学习.md", "")),
    ("二十大 报告.md", Target("study/t/二十大 报告.md", "")),
    ("/notices/index.md", Target("notices/index.md", "")),
    ("sub/", Target("study/t/sub", "")),
    ("..\\x.md", Target("study/t/..\\x.md", "")),  # a backslash is part of the name
    ("../../../etc/passwd", Target("../etc/passwd", "")),  # leaves the docs folder
]


@pytest.mark.parametrize(("target", "expected"), FROM_PAGE)
def test_resolve_from_page(target: str, expected: Target) -> None:
    assert resolve_from_page("study/t/a.md", target) == expected


# A bank's source: from the docs folder; ./ and ../ from the bank's folder quizzes/
FROM_DOCS_ROOT = [
    ("study/t/a.md#要点", Target("study/t/a.md", "要点")),
    ("/study/t/a.md", Target("study/t/a.md", "")),
    (" study/t/a.md#要点 ", Target("study/t/a.md", "要点")),
    ("./b.md", Target("quizzes/b.md", "")),
    ("../study/t/a.md#a", Target("study/t/a.md", "a")),
    ("study/%E5%AD%A6%E4%B9%A0.md#%E8%A6%81", Target("study/学习.md", "要")),
    ("study/t/", Target("study/t/", "")),
    ("a.md", Target("a.md", "")),  # not relative to the bank: docs root
    ("..\\a.md", Target("..\\a.md", "")),
    ("../../a.md", Target("../a.md", "")),  # leaves the docs folder
]


@pytest.mark.parametrize(("target", "expected"), FROM_DOCS_ROOT)
def test_resolve_from_docs_root(target: str, expected: Target) -> None:
    assert resolve_from_docs_root("quizzes/bank.yml", target) == expected


def test_the_two_rules_differ_only_for_plain_relative_paths() -> None:
    assert resolve_from_page("quizzes/bank.yml", "../study/a.md") == resolve_from_docs_root(
        "quizzes/bank.yml", "../study/a.md"
    )
    assert resolve_from_page("quizzes/bank.yml", "study/a.md").path == "quizzes/study/a.md"
    assert resolve_from_docs_root("quizzes/bank.yml", "study/a.md").path == "study/a.md"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("study/a.md", "study/a.md"),
        ("study/t", "study/t/index.md"),
        ("study/t/", "study/t/index.md"),
        ("study/v1.0/", "study/v1.0/index.md"),
        ("files/a.pdf", "files/a.pdf"),
        ("", ""),
    ],
)
def test_page_file(path: str, expected: str) -> None:
    assert page_file(path) == expected
