"""The rules behind the catalogue, as pure functions: no build needed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dangjian.content.model import attachment_target
from dangjian.content.policy import check_page, find_active
from dangjian.core.configfile import check_config_text
from dangjian.core.paths import RealFolder, is_inside
from dangjian.core.safehtml import escape_meta, plain_text, text_html
from dangjian.core.schema import Invalid


def test_is_inside_follows_every_symlink(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("x")
    os.symlink(tmp_path / "secret.md", docs / "a" / "out.md")
    os.symlink(docs / "a", docs / "b")
    os.symlink("../..", docs / "a" / "up")
    assert is_inside(docs / "a", docs) and is_inside(docs / "b" / "x.md", docs)
    assert not is_inside(docs / "a" / "out.md", docs)
    assert not is_inside(docs / "a" / "up" / "secret.md", docs)
    assert not is_inside(tmp_path / "docs-other", docs), "a prefix is not a parent"


def test_a_folders_real_path_found_once_answers_as_every_symlink_followed(
    tmp_path: Path,
) -> None:
    """`RealFolder` remembers each folder's real path and follows only a last name that is
    a symlink: the same answers as `os.path.realpath` of every path, asked in any order."""
    docs = tmp_path / "docs"
    (docs / "a" / "b").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "secret.md").write_text("x")
    (docs / "a" / "ok.md").write_text("x")
    os.symlink(tmp_path / "secret.md", docs / "a" / "out.md")
    os.symlink(docs / "a" / "ok.md", docs / "a" / "b" / "in.md")
    os.symlink(docs / "a", docs / "same")
    os.symlink(tmp_path / "outside", docs / "a" / "away")
    os.symlink("../..", docs / "a" / "up")
    os.symlink("../up", docs / "a" / "b" / "chain")
    names = ["ok.md", "out.md", "in.md", "secret.md", "x.md", ".", "..", "b", "away", "up"]
    folders = [
        docs,
        docs / "a",
        docs / "a" / "b",
        docs / "same",
        docs / "a" / "away",
        docs / "a" / "up",
        docs / "a" / "b" / "chain",
        tmp_path,
    ]
    paths = [str(folder / name) for folder in folders for name in names]
    paths += [str(folder) for folder in folders] + [str(tmp_path / "docs-other")]

    def expected(path: str) -> bool:
        real, root = os.path.realpath(path), os.path.realpath(docs)
        return real == root or real.startswith(root + os.sep)

    for order in (paths, paths[::-1]):
        real_docs = RealFolder(docs)
        assert [real_docs.contains(p) for p in order] == [expected(p) for p in order]
    answers = dict(zip(paths, (expected(p) for p in paths), strict=True))
    assert answers[str(docs / "a" / "ok.md")] and answers[str(docs / "same" / "ok.md")]
    assert not answers[str(docs / "a" / "out.md")] and not answers[str(docs / "a" / "up" / "ok.md")]
    assert not answers[str(docs / "a" / "away" / "x.md")]
    assert not answers[str(docs / "a" / "b" / "chain" / "ok.md")]


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ("<script>x</script>", "<script>"),
        ("<SCRIPT SRC=x></SCRIPT>", "<script>"),
        ('<a href="  JaVaScRiPt:alert(1)">x</a>', "javascript: 地址"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: 地址"),
        ("<form action=javascript:x><button>x</button></form>", "javascript: 地址"),
        ("<img src=x onerror=y>", "事件属性 onerror="),
        ("<body onload=y>", "事件属性 onload="),
        ("<base href=https://example.com/>", "<base>"),
        ('<meta http-equiv="Refresh" content="0">', "refresh"),
    ],
)
def test_active_html_is_found(html: str, what: str) -> None:
    assert [f.what for f in find_active(html)] == [what]


@pytest.mark.parametrize(
    "html",
    [
        "<p>三会一课</p>",
        "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
        '<a href="https://example.org/a?x=1&amp;y=2">x</a>',
        '<a href="../files/javascript-guide.pdf">x</a>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        "<p>person=1 onion = 2</p>",
    ],
)
def test_plain_html_passes(html: str) -> None:
    assert find_active(html) == []


def test_policy_locates_the_line_and_respects_allow_scripts() -> None:
    source = "---\ntitle: 甲\n---\n\n正文\n\n<script>x</script>\n"
    html = "<p>正文</p><script>x</script>"
    errors = check_page("a.md", html, source, 5, allow_scripts=False)
    assert [(e.line, "<script>" in e.message) for e in errors] == [(7, True)]
    assert check_page("a.md", html, source, 5, allow_scripts=True) == []
    refresh = '<meta http-equiv="refresh" content="0">'
    assert check_page("a.md", refresh, refresh, 1, allow_scripts=True)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("plan.pdf", "notices/2026/plan.pdf"),
        ("../attachments/plan.pdf", "notices/attachments/plan.pdf"),
        ("./sub/plan.pdf", "notices/2026/sub/plan.pdf"),
    ],
)
def test_attachment_inside(file: str, expected: str) -> None:
    assert attachment_target("notices/2026/n.md", file, "notices") == expected


@pytest.mark.parametrize(
    "file",
    [
        "../../quizzes/bank.yml",
        "/etc/passwd",
        "../../../x",
        "https://example.org/a.pdf",
        "//example.org/a.pdf",
        "file:///etc/passwd",
        "mailto:a@b",
    ],
)
def test_attachment_outside_refused(file: str) -> None:
    with pytest.raises(Invalid):
        attachment_target("notices/2026/n.md", file, "notices")


def test_attachments_folder_narrows_where_files_may_be() -> None:
    assert attachment_target("notices/2026/n.md", "../files/a.pdf", "notices/files")
    with pytest.raises(Invalid):
        attachment_target("notices/2026/n.md", "../other/a.pdf", "notices/files")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['id']",
        "a: !!python/name:os.system",
        "a: !!python/object/new:os.system ['id']",
        "a: !<tag:yaml.org,2002:python/object/apply:os.system> ['id']",
        "%TAG !p! tag:yaml.org,2002:python/\n---\na: !p!object/apply:os.system ['id']",
        "a: !!python/object/apply:pymdownx.slugs.slugify.__globals__ ['id']",
    ],
)
def test_python_tags_refused_without_running(text: str) -> None:
    _, errors = check_config_text("mkdocs.yml", text)
    assert errors and "不允许的 Python 标签" in errors[0].message


def test_known_callables_allowed() -> None:
    text = (
        "toc:\n  slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "fence: !!python/name:pymdownx.superfences.fence_code_format\n"
        "env: !ENV [HOME, x]\n"
    )
    assert check_config_text("mkdocs.yml", text)[1] == []


def test_text_is_escaped_once_and_read_back_plain() -> None:
    html = text_html('A & B <c> "d"')
    assert html == "A &amp; B &lt;c&gt; &#34;d&#34;" or html == "A &amp; B &lt;c&gt; &quot;d&quot;"
    assert text_html(html) is html, "escaping twice would show &amp;"
    assert plain_text(html) == 'A & B <c> "d"'
    meta = {"title": 12345, "author": "<b>", "tags": ["<i>", 3, None], "description": True}
    escape_meta(meta, {})
    assert meta == {"title": "12345", "author": "&lt;b&gt;", "tags": ["&lt;i&gt;", "3"]}
