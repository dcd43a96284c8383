"""HTML (from a Word converter or a web article) to the Markdown our pages are written in.

markdownify does the conversion; we add what our pages need: text that cannot become raw
HTML, links only to web pages or files, Word footnotes as Markdown footnotes `[^1]`, and the
front matter block.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import html as lxml_html
from markdownify import MarkdownConverter

SAFE_SCHEMES = ("", "http", "https", "mailto")
_NOTE_MARK = "DJNOTE{}END"
_NOTE_RE = re.compile(r"DJNOTE(\d+)END")
_BLANK_LINES = re.compile(r"\n{3,}")


def safe_url(url: str) -> bool:
    """True for relative, http(s) and mailto addresses; never javascript: or data:."""
    return urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES


class _Converter(MarkdownConverter):
    def escape(self, text: str, parent_tags: Any) -> str:
        # Text stays text: a "<script>" in a document must not become HTML in the page
        return super().escape(text, parent_tags).replace("<", "&lt;")

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        if not safe_url(el.get("href") or ""):
            return text
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        if not safe_url(el.get("src") or "") or not el.get("src"):
            return ""
        return super().convert_img(el, text, parent_tags)


def _footnotes(tree: Any) -> dict[str, str]:
    """Take Word footnotes out of mammoth's HTML: references become marks, notes are returned."""
    notes: dict[str, str] = {}
    for item in tree.xpath('//li[starts-with(@id, "footnote-")]'):
        number = item.get("id").removeprefix("footnote-")
        for back in item.xpath('.//a[starts-with(@href, "#footnote-ref-")]'):
            back.drop_tree()
        notes[number] = " ".join(item.text_content().split())
        parent = item.getparent()
        item.drop_tree()
        if parent is not None and len(parent) == 0:
            parent.drop_tree()
    for ref in tree.xpath('//a[starts-with(@href, "#footnote-") and @id]'):
        number = ref.get("href").removeprefix("#footnote-")
        outer = ref
        while outer.getparent() is not None and outer.getparent().tag == "sup":
            outer = outer.getparent()
        if outer is ref and ref.getparent() is not None and ref.getparent().tag == "sup":
            outer = ref.getparent()
        marker = lxml_html.fromstring(f"<span>{_NOTE_MARK.format(number)}</span>")
        marker.tail = outer.tail
        outer.getparent().replace(outer, marker)
    return notes


def titled_body(html: str, title: str) -> tuple[str, str]:
    """The page's title and body HTML: the title is the page's only level-1 heading.

    Without a title the first heading gives it; a heading equal to the title is dropped
    (the page shows its title), and remaining headings move one level down.
    """
    tree = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    headings = list(tree.iter("h1"))
    if headings:
        text = " ".join(headings[0].text_content().split())
        title = title or text
        if text == title:
            headings[0].drop_tree()
        if any(True for _ in tree.iter("h1")):
            for level in range(5, 0, -1):
                for heading in tree.iter(f"h{level}"):
                    heading.tag = f"h{level + 1}"
    return title, lxml_html.tostring(tree, encoding="unicode")


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment: ATX headings, `-` bullets, pipe tables, footnotes."""
    tree = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    notes = _footnotes(tree)
    text = lxml_html.tostring(tree, encoding="unicode")
    markdown = _Converter(
        heading_style="ATX",
        bullets="-",
        strong_em_symbol="*",
        table_infer_header=True,
        escape_underscores=False,
    ).convert(text)
    markdown = _NOTE_RE.sub(r"[^\1]", markdown)
    if notes:
        markdown += "\n\n" + "\n".join(f"[^{n}]: {t}" for n, t in notes.items())
    lines = [line.rstrip() for line in markdown.strip().split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)) + "\n"


def with_front_matter(fields: dict[str, Any], body: str) -> str:
    """`---` YAML `---` then the body; empty fields are left out."""
    kept = {k: v for k, v in fields.items() if v not in (None, "", [])}
    front = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=4096)
    return f"---\n{front}---\n\n{body}"
