"""One Markdown converter for a build's pages: every page comes out as from MkDocs' own
`Page.render`, whichever pages were converted before it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from dangjian.core import converter
from dangjian.core.converter import Converter, reusable
from dangjian.core.defaults import apply_defaults
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from ..helpers import ROOT

# Each leaves per-document state in an extension that a missing `reset` would carry over:
# footnotes, abbreviations, tab and code-block counters, repeated heading ids
STATEFUL = {
    "a.md": (
        "# 标题\n\n## 小节\n\n## 小节\n\n正文[^1]，HTML 缩写。\n\n[^1]: 注释一\n\n"
        '*[HTML]: 超文本标记语言\n\n=== "一"\n\n    内容一\n\n=== "二"\n\n    内容二\n\n'
        '```python linenums="1"\nprint(1)\n```\n\n??? note "展开"\n    细节\n'
    ),
    "b.md": (
        '## 小节\n\nHTML 不是缩写[^2]。\n\n[^2]: 注释二\n\n=== "三"\n\n    内容三\n\n'
        '```python linenums="1"\nprint(2)\n```\n\n- [x] 任务\n\n术语\n:   定义\n'
    ),
    "c.md": '没有标题，[链接](a.md#小节_1)和 <a id="raw"></a> 锚点。\n\n| 列 |\n|---|\n| 值 |\n',
}


def site_config(docs: Path | None = None) -> MkDocsConfig:
    config = load_config(str(ROOT / "mkdocs.yml"))
    if docs is not None:
        config["docs_dir"] = str(docs)
    apply_defaults(config)
    return config


def rendered(page: Page) -> dict:
    toc = [(item.id, item.title, item.level, len(item.children)) for item in page.toc]
    links = {file.src_uri: value for file, value in page.links_to_anchors.items()}
    return {
        "content": page.content,
        "toc": toc,
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": links,
    }


def render_all(config: MkDocsConfig, files: Files, order: list[File], fresh: bool) -> dict:
    converter = Converter(config)
    out = {}
    for file in order:
        page = Page(None, file, config)
        page.read_source(config)
        if fresh:
            page.render(config, files)
        else:
            converter.render(page, config, files)
        out[file.src_uri] = rendered(page)
    return out


def test_the_sites_extensions_share_one_converter() -> None:
    assert reusable(site_config())


@pytest.mark.parametrize("reverse", [False, True])
def test_every_page_of_the_sample_site_is_what_mkdocs_makes(reverse: bool) -> None:
    config = site_config()
    files = get_files(config)
    pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri, reverse=reverse)
    assert len(pages) > 50
    fresh = render_all(config, files, pages, fresh=True)
    assert render_all(config, files, pages, fresh=False) == fresh


@pytest.mark.parametrize("order", [["a.md", "b.md", "c.md"], ["c.md", "b.md", "a.md", "a.md"]])
def test_no_state_is_carried_from_one_page_to_the_next(tmp_path: Path, order: list[str]) -> None:
    for name, text in STATEFUL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = site_config(tmp_path)
    files = get_files(config)
    sequence = [files.get_file_from_path(name) for name in order]
    reused = render_all(config, files, sequence, fresh=False)
    assert reused == render_all(config, files, sequence, fresh=True)
    # What the test is about is in the pages: not carried over, it would show
    assert "<abbr" in reused["a.md"]["content"] and "<abbr" not in reused["b.md"]["content"]
    assert "注释一" not in reused["b.md"]["content"] and "raw" in reused["c.md"]["anchors"]


def test_one_instance_for_all_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in STATEFUL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = site_config(tmp_path)
    files = get_files(config)
    made: list[markdown.Markdown] = []
    init = markdown.Markdown.__init__

    def counting(self: markdown.Markdown, *args, **kwargs) -> None:
        made.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(markdown.Markdown, "__init__", counting)
    render_all(config, files, list(files.documentation_pages()) * 2, fresh=False)
    assert len(made) == 1


def test_another_extension_gets_mkdocs_own_rendering(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STATEFUL["a.md"], encoding="utf-8")
    config = site_config(tmp_path)
    config.markdown_extensions.append("pymdownx.keys")
    files = get_files(config)
    assert not reusable(config)
    converter = Converter(config)
    page = Page(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    converter.render(page, config, files)
    assert converter.md is None and "<abbr" in (page.content or "")


def test_a_conversion_cut_short_leaves_the_next_page_a_new_converter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in STATEFUL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = site_config(tmp_path)
    files = get_files(config)
    converter = Converter(config)
    pages = {}
    for name in ("a.md", "b.md"):
        pages[name] = Page(None, files.get_file_from_path(name), config)
        pages[name].read_source(config)
    convert = markdown.Markdown.convert

    def failing(self: markdown.Markdown, source: str) -> str:
        if "注释一" in source:  # page a, half converted: the block parser is mid-document
            self.parser.state.set("list")
            raise RecursionError("maximum recursion depth exceeded")
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", failing)
    with pytest.raises(RecursionError):
        converter.render(pages["a.md"], config, files)
    assert converter.md is None
    converter.render(pages["b.md"], config, files)
    reused = rendered(pages["b.md"])
    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    assert (
        reused == render_all(config, files, [files.get_file_from_path("b.md")], fresh=True)["b.md"]
    )


def _long_document() -> str:
    """Every page of the sample site and the stateful pages, one after another, until the
    document has more blocks than `LONG_DOCUMENT` (as a topic's print page does)."""
    bodies = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        bodies.append(text)
    bodies += list(STATEFUL.values())
    document, copy = "", 0
    while document.count("\n\n") <= converter.LONG_DOCUMENT:
        copy += 1
        document += "".join(f"\n\n## 第{copy}份\n\n{body}" for body in bodies)
    return document


def test_a_long_document_is_parsed_from_a_deque_into_what_mkdocs_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "long.md").write_text(_long_document(), encoding="utf-8")
    (tmp_path / "short.md").write_text(STATEFUL["a.md"], encoding="utf-8")
    config = site_config(tmp_path)
    files = get_files(config)
    kinds: list[tuple[str, int]] = []
    parse_blocks = converter.BlockParser.parseBlocks

    def recording(self, parent, blocks) -> None:
        if len(blocks) > 20:
            kinds.append((type(blocks).__name__, len(blocks)))
        parse_blocks(self, parent, blocks)

    monkeypatch.setattr(converter.BlockParser, "parseBlocks", recording)
    pages = [files.get_file_from_path("long.md"), files.get_file_from_path("short.md")]
    reused = render_all(config, files, pages, fresh=False)
    assert [kind for kind, _ in kinds] == ["_Blocks"]
    assert kinds[0][1] > converter.LONG_DOCUMENT
    kinds.clear()
    assert render_all(config, files, pages, fresh=True) == reused
    assert [kind for kind, _ in kinds] == ["list"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(max_size=3), max_size=8),
    st.lists(
        st.one_of(
            st.tuples(st.just("pop"), st.integers(-3, 3)),
            st.tuples(st.just("insert"), st.integers(-3, 3), st.text(max_size=3)),
            st.tuples(st.just("first")),
        ),
        max_size=20,
    ),
)
def test_blocks_answer_as_a_list_does(start: list[str], operations: list[tuple]) -> None:
    blocks, expected = converter._Blocks(start), list(start)
    for operation in operations:
        for sequence in (blocks, expected):
            try:
                if operation[0] == "pop":
                    result = sequence.pop(operation[1])
                elif operation[0] == "insert":
                    result = sequence.insert(operation[1], operation[2])
                else:
                    result = sequence[0]
            except IndexError:
                result = IndexError
            if sequence is blocks:
                got = result
        assert got == result
        assert list(blocks) == expected and len(blocks) == len(expected)
        assert bool(blocks) == bool(expected)
