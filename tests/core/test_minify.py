"""Page HTML without template indentation (core/minify.py): the page reads the same."""

from __future__ import annotations

from html.parser import HTMLParser

from dangjian.core.minify import collapse_whitespace
from hypothesis import given
from hypothesis import strategies as st

PAGE = """<!doctype html>
<html lang="zh">
  <head>
    <script id="__config" type="application/json">{"a":  1}
    </script>
    <style>
      p >  a { color: red }
    </style>
  </head>
  <body>
    <nav class="md-tabs">
      <ul>
        <li>
          <a href="a.html">
            首页
          </a>
        </li>
        <li>   <a href="b.html">学习</a>   </li>
      </ul>
    </nav>
    <pre><code><span>def</span>  <span>f</span>
    <span>pass</span></code></pre>
    <p>行内 <code>a  <b>b</b>
      c</code> 与 <kbd>Ctrl</kbd>  <kbd>C</kbd></p>
    <textarea>
      留言 </textarea>
  </body>
</html>
"""


class _Text(HTMLParser):
    """The text a reader gets: whitespace runs outside `pre`-like elements count as one."""

    KEEP = {"pre", "textarea", "code", "kbd", "script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.kept = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.kept += tag in self.KEEP
        self.parts.append(f"<{tag}{attrs}>")

    def handle_endtag(self, tag) -> None:
        self.kept -= tag in self.KEEP
        self.parts.append(f"</{tag}>")

    def handle_data(self, data) -> None:
        self.parts.append(data if self.kept else " ".join(data.split()) or " ")


def reads(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def test_indentation_between_tags_goes_and_the_page_reads_the_same() -> None:
    small = collapse_whitespace(PAGE)
    assert len(small) < len(PAGE) * 0.9
    assert reads(small) == reads(PAGE)
    assert "<li>\n<a" in small and "<li> <a" in small
    assert "<kbd>Ctrl</kbd> <kbd>C</kbd>" in small  # between two elements: one space


def test_whitespace_shown_as_is_stays() -> None:
    small = collapse_whitespace(PAGE)
    for kept in (
        "<span>def</span>  <span>f</span>\n    <span>pass</span>",
        "<code>a  <b>b</b>\n      c</code>",
        "<textarea>\n      留言 </textarea>",
        '{"a":  1}\n    </script>',
        "p >  a { color: red }\n    </style>",
    ):
        assert kept in small


@given(
    st.lists(st.sampled_from(["<p>", "</p>", "<pre>", "</pre>", " ", "\n  ", "字", "<b>", "</b>"]))
)
def test_idempotent_and_never_longer(pieces: list[str]) -> None:
    html = "".join(pieces)
    once = collapse_whitespace(html)
    assert collapse_whitespace(once) == once
    assert len(once) <= len(html)
