"""The external-URL scan: every kind of outside reference is found with file:line."""

from __future__ import annotations

import re
from pathlib import Path

from dangjian.offline.scan import TOKENS, scan_css, scan_html, scan_js, scan_site
from hypothesis import given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "external"


def found(problems) -> list[tuple[int | None, str]]:
    return [(p.line, p.message.split("：", 1)[1].split("（")[0]) for p in problems]


def test_html_reports_every_request_with_line() -> None:
    text = (FIXTURES / "page.html").read_text(encoding="utf-8")
    problems = scan_html("page.html", text)
    assert found(problems) == [
        (4, "https://cdn.example.com/a.css"),
        (5, "//cdn.example.com/favicon.ico"),
        (7, "https://cdn.example.com/lib.js"),
        (9, "https://img.example.com/bg.png"),
        (13, "http://img.example.com/a.png"),
        (14, "https://img.example.com/b@2x.png"),
        (15, "//img.example.com/c.png"),
        (16, "https://outside.example.org/"),
        (18, "/root.html"),
        (19, "https://icons.example.com/s.svg#i"),
        (20, "https://video.example.com/embed"),
        (23, "https://track.example.com/t.js"),
    ]
    assert all(p.path == "page.html" for p in problems)
    # the unmarked <a> is reported as a missing marker, not as a request
    assert "外部链接" in problems[7].message


def test_css_imports_and_urls() -> None:
    text = (FIXTURES / "style.css").read_text(encoding="utf-8")
    assert found(scan_css("style.css", text)) == [
        (2, "https://fonts.example.com/font.css"),
        (4, "https://img.example.com/d.png"),
        (6, "//fonts.example.com/f.woff2"),
    ]


def test_js_code_but_not_comments_regexes_or_namespaces() -> None:
    text = (FIXTURES / "app.js").read_text(encoding="utf-8")
    assert [(p.line, p.column) for p in scan_js("app.js", text)] == [(7, 14), (8, 14)]


def test_allowlist_prefixes() -> None:
    text = '<script src="https://cdn.example.com/lib.js"></script>\n<img src="https://x.org/a.png">'
    problems = scan_html("p.html", text, allow=["https://cdn.example.com/"])
    assert found(problems) == [(2, "https://x.org/a.png")]


def test_plain_relative_site_is_clean() -> None:
    html = (
        '<link rel="stylesheet" href="../a.css"><link rel="canonical" href="https://e.org/x">'
        '<a class="md-x dj-external" href="https://e.org/">e</a><img src="data:image/png;base64,AA">'
    )
    assert scan_html("p.html", html) == []
    assert scan_css("a.css", ".a{background:url(data:image/svg+xml;charset=utf-8,<svg/>)}") == []


def test_scan_site_walks_html_css_js_with_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html").write_text('<p>\n<img src="//e.org/x.png">', encoding="utf-8")
    (tmp_path / "a.css").write_text("@import url(https://e.org/f.css);", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("https://e.org/", encoding="utf-8")
    problems = scan_site(tmp_path)
    assert [str(p).split(": ")[0] for p in problems] == ["a.css:1:9", "sub/p.html:2:1"]


def test_data_scripts_flag_only_loading_html() -> None:
    shard = (
        'dangjian.registerSearchChunk("2",[[1,"a.html","标题","打开 http://127.0.0.1:8000 预览"]]);\n'
        'window.dangjian.registerBank({"explain":"<p><img src=\\"https://img.example.com/q.png\\"></p>",'
        '"see":"<a href=\\"https://e.org/\\">e</a>"});\n'
    )
    problems = scan_js("assets/dangjian/search/c-2.js", shard)
    assert [(p.line, p.message.split("：", 1)[1].split("（")[0]) for p in problems] == [
        (2, "https://img.example.com/q.png")
    ]


# The tokenizer as first written, with backtracking attributes: the possessive one must
# find exactly the same tokens
_BACKTRACKING_TOKENS = re.compile(
    r"""<!--.*?-->
    | <(?P<raw>script|style)\b(?P<rawattrs>(?:"[^"]*"|'[^']*'|[^'">])*)>(?P<body>.*?)</(?P=raw)\s*>
    | <(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">])*)>""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_PIECES = ["<", ">", '"', "'", "a", "p", " ", "=", "/", "x", "\n", "中", "<!--", "-->"]
_PIECES += ["<script", "</script>", "<style", "</style >", "<a href=", "//"]


def _tokens(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), *m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_tokens_are_those_of_the_backtracking_pattern(text: str) -> None:
    assert _tokens(TOKENS, text) == _tokens(_BACKTRACKING_TOKENS, text)


def test_tokens_of_a_page_with_quotes_and_unclosed_tags() -> None:
    page = (
        '<p title="a > b">x</p><script type="x">if (a<b) {}</script><a href=\'//x\'>'
        '<div data-x="<script>"><!-- <script>y</script> --><img alt="unclosed >'
        "<style>p{}</style><script>never closed"
    )
    tokens = _tokens(TOKENS, page)
    assert tokens == _tokens(_BACKTRACKING_TOKENS, page)
    tags = [t[4] or t[1] for t in tokens]
    # the unclosed quote makes `<img` no tag; a script never closed is a start tag
    assert tags == ["p", "script", "a", "div", None, "style", "script"]
