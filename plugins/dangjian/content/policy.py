"""What a page body may not contain: code that runs or navigates in members' browsers.

By default `<script>` (and `<object>`, `<embed>`, `<base>`), inline event handlers
(`on…=`), `javascript:`/`vbscript:`/`data:text/html` URLs and `srcdoc` are errors; the
site may allow them with the content plugin's `allow_scripts: true`. `<meta
http-equiv="refresh">` is always an error. The rendered HTML is checked (code shown in
code blocks is escaped there, so it never counts); the line is found in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..core.errors import ContentError
from ..core.messages import msg

ACTIVE_TAGS = ("script", "object", "embed", "base")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background"}
)
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Anything the parser could flag; a page without a match needs no parse
_SUSPECT_RE = re.compile(
    r"<(script|object|embed|base|meta)\b|[\s/\"']on[a-z]+\s*=|srcdoc"
    r"|\b(href|src|action|data|poster|background)\s*=\s*[\"']?[^\"'>]*?(&#|&[a-z]|script|data\s*:)",
    re.I,
)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Finding:
    """One forbidden construct: how the editor is told, and a pattern to find it in the source."""

    what: str
    needle: str
    script: bool = True


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.append(Finding(f"<{tag}>", rf"<\s*{tag}\b"))
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self.found.append(Finding("refresh", r"http-equiv\s*=\s*[\"']?refresh", script=False))
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(Finding(f"事件属性 {name}=", rf"\b{re.escape(name)}\s*="))
            elif name == "srcdoc":
                self.found.append(Finding("srcdoc 属性", r"\bsrcdoc\s*="))
            elif name in URL_ATTRIBUTES:
                url = _INVISIBLE_RE.sub("", value).lower()
                scheme = next((s for s in ACTIVE_SCHEMES if url.startswith(s)), None)
                if scheme:
                    needle = re.escape(scheme.rstrip(":"))
                    self.found.append(Finding(f"{scheme} 地址", needle))

    handle_startendtag = handle_starttag


# In Markdown an active URL may still be a link target: [x](javascript:…)
_SUSPECT_MARKDOWN_RE = re.compile(r"(java|vb)script\s*:|data\s*:\s*text/html|http-equiv", re.I)


# Every match of the two patterns above holds `<` or `=`, or one of these words in any case:
# looked for in the casefolded text (so ſ is s, as for `re.IGNORECASE`) with the dotless ı as
# i, which `re.IGNORECASE` also takes for i. Chinese text usually holds none of them, and
# looking is about eight times cheaper than the patterns' search (0.22 ms for 2,400 characters)
_SUSPECT_WORDS = ("script", "data", "srcdoc", "http-equiv")


def might_be_active(markdown: str) -> bool:
    """Whether a page's Markdown could render to something `find_active` flags (cheap test)."""
    if "<" not in markdown and "=" not in markdown:
        folded = markdown.casefold().replace("ı", "i")
        if not any(word in folded for word in _SUSPECT_WORDS):
            return False
    return bool(_SUSPECT_RE.search(markdown) or _SUSPECT_MARKDOWN_RE.search(markdown))


def find_active(html: str) -> list[Finding]:
    """Every forbidden construct in rendered page HTML, in document order."""
    if not _SUSPECT_RE.search(html):  # most pages: one regex pass instead of a parse
        return []
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def check_page(
    path: str, html: str, source: str, first_line: int, *, allow_scripts: bool
) -> list[ContentError]:
    """Errors for forbidden constructs in `html`, located in the Markdown `source`."""
    errors: list[ContentError] = []
    for finding in find_active(html):
        if finding.script and allow_scripts:
            continue
        match = re.search(finding.needle, source, re.I)
        line = source.count("\n", 0, match.start()) + 1 if match else first_line
        message = msg("unsafe_html", what=finding.what) if finding.script else msg("unsafe_refresh")
        error = ContentError(path, line, message=message)
        if error not in errors:
            errors.append(error)
    return errors
