"""Find everything in a built site that would make a browser contact another host.

A request is any URL the browser loads or navigates to by itself; `CONSTRUCTS` lists the
HTML ones (`src`, `srcset`, `poster`, `<object data>`, fetching `<link href>`, `<base href>`,
`<meta http-equiv=refresh>`, SVG `<use>`/`<image>` references, `style` attributes,
`<iframe srcdoc>`), beside CSS `url()`/`@import`/`image-set()` and URL literals in script.
A plain `<a href>` to the outside is not a request, but it must carry the `dj-external` marker so members see it needs the network.
Root-absolute URLs (`/x.css`) are reported too: they break when the site is opened from
file://. Every finding is a `ContentError` with the file (relative to the site) and line.
What counts as another host is `core/links.is_external`, the one rule for links.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ContentError
from ..core.links import is_external, is_root_absolute
from ..core.messages import msg

EXTERNAL_CLASS = "dj-external"

# Namespace names look like URLs but are never fetched
NAMESPACES = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
)

# SVG elements whose href is loaded
SVG_LOADING = ("use", "image", "feimage", "script")

# `<link rel>` values that make the browser fetch (or connect to) the href
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "manifest",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "prerender",
}

ANY = "*"
# How an attribute's value is read: one URL, a srcset list, CSS, a refresh, or HTML
URL, SRCSET, CSS, REFRESH, HTML = "url", "srcset", "css", "refresh", "html"


def _fetching_link(values: dict[str, str]) -> bool:
    return bool(set(values.get("rel", "").lower().split()) & FETCHING_RELS)


def _refresh(values: dict[str, str]) -> bool:
    return values.get("http-equiv", "").strip().lower() == "refresh"


@dataclass(frozen=True)
class Construct:
    """An element/attribute pair that makes the browser load or navigate by itself."""

    tag: str  # ANY for every element
    attr: str
    read: str = URL
    when: Callable[[dict[str, str]], bool] | None = None


# Every HTML construct the scan knows; anything else (an <a href>, a <form action>) needs a click
CONSTRUCTS = (
    *(Construct(ANY, attr) for attr in ("src", "poster", "data", "background", "lowsrc")),
    Construct(ANY, "dynsrc"),
    Construct(ANY, "srcset", SRCSET),
    Construct(ANY, "imagesrcset", SRCSET),
    Construct(ANY, "style", CSS),
    Construct("link", "href", when=_fetching_link),
    Construct("base", "href"),
    Construct("meta", "content", REFRESH, when=_refresh),
    Construct("iframe", "srcdoc", HTML),
    *(Construct(tag, attr) for tag in SVG_LOADING for attr in ("href", "xlink:href")),
)

_CSS_URL = re.compile(
    r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*)(?P=q)\s*\)|@import\s+(?P<iq>["'])(?P<iurl>[^"']*)(?P=iq)""",
    re.IGNORECASE,
)
# image-set("a.png" 1x, "b.png" 2x) loads plain strings too, not only url()
_IMAGE_SET = re.compile(r"image-set\(([^()]*(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE)
_CSS_STRING = re.compile(r"""url\([^)]*\)|(?P<q>["'])(?P<url>[^"']*)(?P=q)(?P<iurl>)""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# In script code: an absolute URL, or a quoted protocol-relative one ("//host.tld/...")
_JS_URL = re.compile(
    r"""https?://[^\s"'`<>)\\]*|(?<=["'`])//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`<>)\\]*""",
    re.IGNORECASE,
)


def allowed(url: str, allow: Sequence[str]) -> bool:
    """True if `url` is a namespace name or starts with an allowlisted prefix."""
    url = url.strip()
    return url in NAMESPACES or any(url.startswith(prefix) for prefix in allow)


def _line_col(text: str, index: int, line: int = 1, col: int = 0) -> tuple[int, int]:
    """Line (1-based) and column (1-based) of `index` in `text`, which starts at line:col."""
    before = text[:index]
    newlines = before.count("\n")
    if newlines:
        return line + newlines, index - before.rfind("\n")
    return line, col + index + 1


def _image_set_strings(code: str) -> Iterable[re.Match[str]]:
    for image_set in _IMAGE_SET.finditer(code):
        for string in _CSS_STRING.finditer(code, image_set.start(1), image_set.end(1)):
            if string.group("q"):  # url() inside image-set() is found by _CSS_URL
                yield string


def scan_css(
    path: str, text: str, allow: Sequence[str] = (), line: int = 1, col: int = 0
) -> list[ContentError]:
    """Report external and root-absolute `url()` / `@import` targets in CSS text."""
    # Blank out comments but keep their newlines, so line numbers stay right
    code = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    problems = []
    for match in [*_CSS_URL.finditer(code), *_image_set_strings(code)]:
        url = match.group("url") if match.group("url") is not None else match.group("iurl")
        at_line, at_col = _line_col(code, match.start(), line, col)
        if is_external(url) and not allowed(url, allow):
            problems.append(ContentError(path, at_line, at_col, None, msg("scan_css", url=url)))
        elif is_root_absolute(url):
            problems.append(ContentError(path, at_line, at_col, None, msg("scan_root", url=url)))
    return problems


def _js_code_spans(text: str) -> Iterable[tuple[int, int]]:
    """Yield (start, end) of the parts of `text` that are code or string literals, not comments.

    A small lexer: it knows strings, template literals, comments and (by the usual
    "what came before" rule) regular-expression literals, which is enough to tell a URL in
    a licence comment from one the code loads.
    """
    i, n, start = 0, len(text), 0
    last = ""  # last significant character before the current position
    while i < n:
        ch = text[i]
        if ch == "/" and i + 1 < n and text[i + 1] in "/*":
            yield start, i
            end = text.find("\n", i) if text[i + 1] == "/" else text.find("*/", i + 2)
            i = n if end < 0 else end + (0 if text[i + 1] == "/" else 2)
            start = i
            continue
        if ch in "\"'`":
            j = i + 1
            while j < n and text[j] != ch:
                if text[j] == "\\":
                    j += 1
                elif ch != "`" and text[j] == "\n":
                    break
                j += 1
            i, last = j + 1, ch
            continue
        if ch == "/" and (not last or last in "(,=:[!&|?{};+-*%<>~^"):
            # Regular-expression literal: skip to its closing slash
            j, in_class = i + 1, False
            while j < n and text[j] != "\n":
                if text[j] == "\\":
                    j += 1
                elif text[j] == "[":
                    in_class = True
                elif text[j] == "]":
                    in_class = False
                elif text[j] == "/" and not in_class:
                    break
                j += 1
            i, last = j + 1, "/"
            continue
        if not ch.isspace():
            last = "a" if (ch.isalnum() or ch in "_$") else ch
        i += 1
    yield start, n


# Data scripts (search shards, question banks) only pass values to `dangjian.register…()`
_DATA_SCRIPT = re.compile(r"^\s*(?:/\*.*?\*/\s*)?(?:window\.)?dangjian\.register\w*\(", re.DOTALL)
# In data, text may mention a URL; only HTML that would load one counts
_DATA_URL = re.compile(
    r"""(?:\b(?:src|srcset|poster|data)\s*=\s*\\?["']\s*|url\(\s*\\?["']?)((?:https?:)?//[^\s"'\\)]+)""",
    re.IGNORECASE,
)


def is_data_script(text: str) -> bool:
    """True for a classic script that only hands data to `dangjian.register…()`."""
    return bool(_DATA_SCRIPT.match(text))


def scan_js(
    path: str, text: str, allow: Sequence[str] = (), line: int = 1, col: int = 0
) -> list[ContentError]:
    """Report URLs to other hosts that script code could load (comments are ignored).

    In data scripts only URLs in HTML `src`-like attributes or CSS `url()` count: a search
    shard quoting "http://127.0.0.1:8000" from a page's text loads nothing.
    """
    if is_data_script(text):
        spans: Iterable[tuple[int, int]] = [(0, len(text))]
        pattern, group = _DATA_URL, 1
    else:
        spans, pattern, group = _js_code_spans(text), _JS_URL, 0
    problems = []
    for begin, end in spans:
        for match in pattern.finditer(text, begin, end):
            url = match.group(group)
            if allowed(url, allow):
                continue
            at_line, at_col = _line_col(text, match.start(group), line, col)
            problems.append(ContentError(path, at_line, at_col, None, msg("scan_js", url=url)))
    return problems


# One pass of C-speed regex over the page: comments, script/style elements, start tags.
# (html.parser took ~0.3 s for a page whose navigation lists 300 materials.) The attributes
# are matched possessively (`*+`, Python 3.11): giving back any part of them leaves a
# character that is not `>`, so backtracking never finds another match, and skipping it
# halves the time of the pass (0.29 -> 0.13 ms for a 23 KB page).
TOKENS = re.compile(
    r"""<!--.*?-->
    | <(?P<raw>script|style)\b(?P<rawattrs>(?:"[^"]*"|'[^']*'|[^'">]+)*+)>(?P<body>.*?)</(?P=raw)\s*>
    | <(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">]+)*+)>""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
# One attribute of a start tag: its name, then its value double-, single- or un-quoted
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# A start tag can only matter if it holds one of these
_SUSPECT = re.compile(
    r"""[/\\]{2}|url\(|image-set|=\s*["']?\s*[/\\]|style\s*=|srcdoc|refresh"""
    r"""|&(?:\#|sol;|bsol;|colon;|tab;|newline;)|(?:https?|ftp|wss?):""",
    re.IGNORECASE,
)


# Most start tags of a site are the same template markup on every page: decide each once
@functools.lru_cache(maxsize=1 << 16)
def _suspect(attrs: str) -> bool:
    return _SUSPECT.search(attrs) is not None


# <meta http-equiv=refresh content="3; url='…'">, read as the HTML standard does
_REFRESH = re.compile(
    r"""^\s*[0-9.]*\s*[;,]?\s*(?:url\s*=\s*)?(?:(?P<q>["'])(?P<quoted>[^"']*)|(?P<url>.*))""",
    re.IGNORECASE | re.DOTALL,
)


def refresh_url(content: str) -> str:
    """The URL a refresh `content` navigates to ("" when it only reloads the page)."""
    match = _REFRESH.match(content)
    if not match:
        return ""
    url = match.group("quoted") if match.group("q") else match.group("url")
    return (url or "").strip()


def attributes(text: str) -> dict[str, str]:
    values = {}
    for match in ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        values.setdefault(name, html.unescape(value))
    return values


class _HtmlScan:
    def __init__(self, path: str, text: str, allow: Sequence[str]) -> None:
        self.path = path
        self.text = text
        self.allow = allow
        self.problems: list[ContentError] = []
        self._starts: list[int] | None = None  # of every line, found when a problem is

    def position(self, offset: int) -> tuple[int, int]:
        """(line, 0-based column) of an offset, as html.parser's getpos() gives them."""
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1]

    def _add(self, at: int, message: str) -> None:
        line, col = self.position(at)
        self.problems.append(ContentError(self.path, line, col + 1, None, message))

    def _check_request(self, at: int, tag: str, attr: str, url: str) -> None:
        if is_external(url) and not allowed(url, self.allow):
            self._add(at, msg("scan_html", tag=tag, attr=attr, url=url.strip()))
        elif is_root_absolute(url):
            self._add(at, msg("scan_root", url=url.strip()))

    def start_tag(self, at: int, tag: str, values: dict[str, str]) -> None:
        loaded = set()
        for construct in CONSTRUCTS:
            if construct.tag not in (ANY, tag) or construct.attr not in values:
                continue
            if construct.when is not None and not construct.when(values):
                continue
            loaded.add(construct.attr)
            self._read(at, tag, construct, values[construct.attr])
        href = values.get("href")
        if href is None or "href" in loaded:
            return
        if tag == "a" and is_external(href) and not allowed(href, self.allow):
            if EXTERNAL_CLASS not in values.get("class", "").split():
                self._add(at, msg("scan_unmarked", url=href.strip()))
        elif is_root_absolute(href):
            self._add(at, msg("scan_root", url=href.strip()))

    def _read(self, at: int, tag: str, construct: Construct, value: str) -> None:
        """Check one attribute value the way the browser reads it."""
        if construct.read == URL:
            self._check_request(at, tag, construct.attr, value)
        elif construct.read == SRCSET:
            for candidate in value.split(","):
                if candidate.strip():
                    self._check_request(at, tag, construct.attr, candidate.split()[0])
        elif construct.read == REFRESH:
            target = refresh_url(value)
            if target:
                self._check_request(at, tag, "http-equiv=refresh", target)
        elif construct.read == CSS:
            line, col = self.position(at)
            self.problems += scan_css(self.path, value, self.allow, line, col)
        elif construct.read == HTML:
            line, _ = self.position(at)
            for problem in _HtmlScan(self.path, value, self.allow).run():
                at_line = line + (problem.line or 1) - 1
                self.problems.append(ContentError(self.path, at_line, None, None, problem.message))

    def _body(self, token: re.Match[str], scanner: Callable[..., list[ContentError]]) -> None:
        """Scan a style or script element's text; where it starts is only found for a problem."""
        body = token.group("body")
        if not body or body.isspace():  # `<script src=…></script>`: nothing to read
            return
        if scanner(self.path, body, self.allow):
            line, col = self.position(token.start("body"))
            self.problems += scanner(self.path, body, self.allow, line, col)

    def run(self) -> list[ContentError]:
        for token in TOKENS.finditer(self.text):
            raw, tag, attrs = token.group("raw", "tag", "attrs")
            if raw is not None:
                attrs = token.group("rawattrs")
                if _suspect(attrs):
                    self.start_tag(token.start(), raw.lower(), attributes(attrs))
                if raw.lower() == "style":
                    self._body(token, scan_css)
                elif _runs_as_script(attrs):
                    self._body(token, scan_js)
            elif tag is not None and _suspect(attrs):
                self.start_tag(token.start(), tag.lower(), attributes(attrs))
        return self.problems


SCRIPT_TYPES = ("", "text/javascript", "module", "application/javascript")


@functools.lru_cache(maxsize=1 << 12)
def _runs_as_script(attrs: str) -> bool:
    return attributes(attrs).get("type", "").lower() in SCRIPT_TYPES


def scan_html(path: str, text: str, allow: Sequence[str] = ()) -> list[ContentError]:
    """Report requests to other hosts, root-absolute URLs and unmarked outside links."""
    return _HtmlScan(path, text, allow).run()


SCANNERS = {
    ".html": scan_html,
    ".htm": scan_html,
    ".xhtml": scan_html,
    ".svg": scan_html,  # opened on its own (or in <object>/<iframe>) an SVG loads like a page
    ".css": scan_css,
    ".js": scan_js,
}

# Material's bundle calls the GitHub/GitLab APIs only when `repo_url` is set, which the
# dangjian-offline plugin refuses; these URLs are dead code in our sites.
MATERIAL_BUNDLE = "assets/javascripts/bundle."
MATERIAL_DORMANT = ("https://api.github.com/", "https://${")


def scan_file(rel: str, data: bytes, allow: Sequence[str] = ()) -> list[ContentError]:
    """Scan one file of the site (by its path relative to the site root)."""
    scanner = SCANNERS.get(Path(rel).suffix.lower())
    if scanner is None:
        return []
    if rel.startswith(MATERIAL_BUNDLE):
        allow = (*allow, *MATERIAL_DORMANT)
    return scanner(rel, data.decode("utf-8", errors="replace"), allow)


def scan_site(
    site_dir: Path, allow: Sequence[str] = (), skip: Sequence[str] = ()
) -> list[ContentError]:
    """Scan every HTML, CSS and JS file of a built site; paths are relative to `site_dir`."""
    problems: list[ContentError] = []
    for file in sorted(site_dir.rglob("*")):
        rel = file.relative_to(site_dir).as_posix()
        if file.is_file() and rel not in skip:
            problems += scan_file(rel, file.read_bytes(), allow)
    return sorted(problems)
