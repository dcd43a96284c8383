"""Catalogue of odd but acceptable content: the build passes and nothing is injected.

Markup in front matter, `_topic.yml`, banks and config text must come out as text: the raw
tag appears in no built file (HTML, scripts, feeds), escaped text does. Odd titles, names
and sizes build without a crash.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import BANK, HostileSite

PAYLOAD = "<img src=x onerror=window.__pwned=1>"
ESCAPED = "&lt;img src=x onerror=window.__pwned=1&gt;"
Q = f"'x{PAYLOAD}'"  # the payload as a quoted YAML scalar

Config = Callable[[str], str]


@dataclass(frozen=True)
class Accepted:
    """Files to add; the built file that must show `shown` (escaped text)."""

    files: dict[str, str | bytes]
    page: str = ""
    shown: tuple[str, ...] = ()
    config: Config | None = None
    links: dict[str, str] = field(default_factory=dict)
    warning: str | None = None


def material(front: str, body: str = "正文。\n") -> str:
    return f"---\n{front}\n---\n\n{body}"


def notice(front: str) -> str:
    return f"---\ntitle: 通知\ndate: 2026-01-05\n{front}\n---\n\n正文。\n"


def plugin_option(option: str) -> Config:
    return lambda text: text.replace(
        "  - dangjian-content\n", f"  - dangjian-content:\n      {option}\n"
    )


X = "study/t/x.html"

CASES: dict[str, Accepted] = {
    # 9. titles YAML reads as numbers and dates
    "title is an integer": Accepted(
        {"study/t/x.md": material("title: 12345")}, X, ("<title>12345",)
    ),
    "title is a float": Accepted({"study/t/x.md": material("title: 3.14")}, X, ("<title>3.14",)),
    "title is a date": Accepted(
        {"study/t/x.md": material("title: 2026-01-05")}, X, ("<title>2026-01-05",)
    ),
    "notice title is a number": Accepted(
        {"notices/2026/x.md": "---\ntitle: 2026\ndate: 2026-01-05\n---\n正文\n"},
        "notices/2026/x.html",
        ("<title>2026",),
    ),
    "guide page title is a number": Accepted(
        {"guide/x.md": "---\ntitle: 42\n---\n正文\n"}, "guide/x.html", ("<title>42",)
    ),
    # 2. markup from front matter, _topic.yml, banks and config text
    "ampersand and angle in a title": Accepted(
        {"study/t/x.md": material("title: 'A & B <c>'")}, X, ("A &amp; B &lt;c&gt;",)
    ),
    "markup in title": Accepted({"study/t/x.md": material(f"title: {Q}")}, X, (ESCAPED,)),
    "markup in tags": Accepted(
        {"study/t/x.md": material(f"title: 甲\ntags: [{Q}]")}, X, (ESCAPED,)
    ),
    "markup in tags, tags index": Accepted(
        {"study/t/x.md": material(f"title: 甲\ntags: [{Q}]")}, "tags.html", (ESCAPED,)
    ),
    "markup in topic title (navigation)": Accepted(
        {"study/t/_topic.yml": f"title: {Q}\n"}, "study/t/ok.html", (ESCAPED,)
    ),
    "markup in topic description": Accepted(
        {
            "study/t/_topic.yml": "title: 专题\ndescription: '\"><img src=x onerror=window.__pwned=1>'\n"
        },
        "study/t/index.html",
        ('content="&quot;&gt;&lt;img',),
    ),
    "markup in author": Accepted(
        {"study/t/x.md": material(f"title: 甲\nauthor: {Q}")},
        X,
        ('name="author" content="x&lt;img',),
    ),
    "quote in author attribute": Accepted(
        {"study/t/x.md": material("title: 甲\nauthor: 'a\" onmouseover=\"window.__pwned=1'")},
        X,
        ("&quot; onmouseover=",),
    ),
    "markup in source and summary": Accepted(
        {"study/t/x.md": material(f"title: 甲\nsource: {Q}\nsummary: {Q}")}, X, (ESCAPED,)
    ),
    "markup in description of a guide page": Accepted(
        {"guide/x.md": f"---\ntitle: 指南\ndescription: {Q}\n---\n正文\n"},
        "guide/x.html",
        ('name="description" content="x&lt;img',),
    ),
    "markup in subtitle": Accepted(
        {"guide/x.md": f"---\ntitle: 指南\nsubtitle: {Q}\n---\n正文\n"}, "guide/x.html"
    ),
    "markup in notice audience": Accepted(
        {"notices/2026/x.md": notice(f"audience: {Q}")}, "notices/2026/x.html", (ESCAPED,)
    ),
    "markup in attachment title": Accepted(
        {"notices/2026/x.md": notice(f"attachments:\n  - file: plan.txt\n    title: {Q}")},
        "notices/2026/x.html",
        (ESCAPED,),
    ),
    "markup in a category": Accepted(
        {"notices/2026/x.md": notice(f"category: {Q}")},
        "notices/index.html",
        (ESCAPED,),
        config=plugin_option(f"categories: [通知, {Q}]"),
    ),
    "markup in bank title": Accepted(
        {"quizzes/bank.yml": BANK.replace("title: 题库", f"title: {Q}")},
        "quizzes/bank.html",
        (ESCAPED,),
    ),
    "markup in bank description": Accepted(
        {"quizzes/bank.yml": BANK.replace("title: 题库", f"title: 题库\ndescription: {Q}")},
        "quizzes/bank.html",
        (ESCAPED,),
    ),
    "hostile HTML in a question": Accepted(
        {"quizzes/bank.yml": BANK.replace("stem: 一加一等于几？", f"stem: {Q}")}
    ),
    "script in copyright": Accepted(
        {},
        "index.html",
        ("版权",),
        config=lambda t: t.replace(
            "site_name: 测试站\n",
            f"site_name: 测试站\ncopyright: '版权 <script>window.__pwned=1</script>{PAYLOAD}'\n",
        ),
    ),
    "markup in heading text": Accepted(
        {"study/t/x.md": material("title: 甲", "## A &lt; B & C\n\n正文\n")},
        X,
        ("A &lt; B &amp; C",),
    ),
    "MkDocs' own !ENV tag in mkdocs.yml": Accepted(
        {},
        "index.html",
        ("环境说明",),
        config=lambda t: t.replace(
            "site_name: 测试站\n",
            "site_name: 测试站\nsite_description: !ENV [DJ_UNSET_VARIABLE, 环境说明]\n",
        ),
    ),
    # 3. what the body policy allows
    "script shown in a code block": Accepted(
        {
            "study/t/x.md": material(
                "title: 甲",
                '```text\n<script>alert(1)</script>\n<a href="javascript:x" onclick="y">\n```\n',
            )
        },
        X,
        ("&lt;script&gt;",),
    ),
    "refresh shown in inline code": Accepted(
        {"study/t/x.md": material("title: 甲", '写 `<meta http-equiv="refresh">` 会自动跳转。\n')},
        X,
        ('http-equiv="refresh"&gt;',),
    ),
    "scripts allowed by the site": Accepted(
        {"study/t/x.md": material("title: 甲", "<script>var ok = 1;</script>\n")},
        config=plugin_option("allow_scripts: true"),
    ),
    "the word onion= is text": Accepted(
        {"study/t/x.md": material("title: 甲", "写作 a onion=1 不是属性。\n")}
    ),
    # 1. symlinks that stay inside content/
    "symlink inside content": Accepted(
        {}, "study/t/alias.html", ("好资料",), links={"study/t/alias.md": "ok.md"}
    ),
    # 12. odd file names
    "file names with # ? %": Accepted(
        {
            "study/t/a#b.md": material("title: 井号"),
            "study/t/what?.md": material("title: 问号"),
            "study/t/百分%E4.md": material("title: 百分号"),
        }
    ),
    # handled well today: keep them so
    "front matter only": Accepted(
        {"study/t/x.md": "---\ntitle: 只有标题\n---\n"}, X, ("只有标题",)
    ),
    "BOM and CRLF": Accepted(
        {"study/t/x.md": "\ufeff---\r\ntitle: 换行\r\n---\r\n\r\n正文\r\n".encode()}, X, ("换行",)
    ),
    "unknown key warns": Accepted(
        {"study/t/x.md": material("title: 甲\ncolour: red")},
        warning=r"content/study/t/x\.md:3: 警告：未知的键 colour",
    ),
    "empty guide page": Accepted({"guide/empty.md": ""}),
    # Python-Markdown is quadratic in unclosed brackets: 5,000 take 45 s there, 2,000 a few
    "50-level list and 2,000 brackets": Accepted(
        {
            "study/t/x.md": material(
                "title: 深", "".join("  " * i + "- 层\n" for i in range(50)) + "[" * 2000 + "\n"
            )
        }
    ),
    "5 MB page": Accepted(
        {"study/t/x.md": material("title: 大", ("党的建设。" * 200 + "\n\n") * 1750)}
    ),
}


def _install(site: HostileSite, case: Accepted) -> None:
    for name, body in case.files.items():
        site.write(name, body)
    for name, target in case.links.items():
        os.symlink(target, site.content / name)
    if case.config:
        config = site.root / "mkdocs.yml"
        config.write_text(case.config(config.read_text(encoding="utf-8")), encoding="utf-8")


def built_texts(site: Path) -> dict[str, str]:
    """Every text file of the built site: pages, scripts (search data, banks), feeds."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.suffix in (".html", ".js", ".json", ".xml") and "vendor" not in p.parts
    }


@pytest.mark.parametrize("name", list(CASES))
def test_accepted(name: str, hostile_site: HostileSite, run_dangjian, caplog) -> None:
    case = CASES[name]
    _install(hostile_site, case)
    result = run_dangjian("build")
    assert result.code == 0, result.err
    assert "内部错误" not in result.err and "Traceback" not in result.err
    if case.warning:
        # warnings are logged as they are found (pytest's log capture holds them here)
        assert re.search(case.warning, result.err + caplog.text), result.err
    texts = built_texts(hostile_site.site)
    # Pages and feeds hold no raw markup; script data (search, banks) holds plain text that
    # the browser shows with textContent (tests/browser/test_hostile_content.py)
    for path, text in texts.items():
        if path.endswith((".html", ".xml")):
            assert PAYLOAD not in text, f"raw markup in {path}"
            assert "<script>window.__pwned" not in text, path
    if case.page:
        for shown in case.shown:
            assert shown in texts[case.page], f"{shown!r} not in {case.page}"


def _search_entries(site: Path) -> list[list]:
    """(url, title, …) of every page in the browser search index's chunks."""
    entries = []
    for chunk in sorted((site / "assets" / "dangjian" / "search").glob("c-*.js")):
        text = chunk.read_text(encoding="utf-8")
        data = json.loads(text[text.index(",") + 1 : text.rindex(")")])
        entries += data
    return entries


def test_search_titles_are_plain_text_not_escaped_twice(hostile_site, run_dangjian) -> None:
    hostile_site.write("study/t/x.md", material("title: 'A & B <c>'"))
    hostile_site.write("study/t/n.md", material("title: 12345"))
    assert run_dangjian("build").code == 0
    titles = {entry[2] for entry in _search_entries(hostile_site.site)}
    assert {"A & B <c>", "12345"} <= titles, titles


def test_search_urls_are_encoded(hostile_site, run_dangjian) -> None:
    for name in ("a#b", "what?", "百分%E4"):
        hostile_site.write(f"study/t/{name}.md", material(f"title: {name}奇名"))
    assert run_dangjian("build").code == 0
    urls = {entry[1] for entry in _search_entries(hostile_site.site)}
    assert {
        "study/t/a%23b.html",
        "study/t/what%3F.html",
        "study/t/%E7%99%BE%E5%88%86%25E4.html",
    } <= urls
    for url in urls:
        from urllib.parse import unquote

        assert (hostile_site.site / unquote(url)).is_file(), url
