"""Front matter decoding and parsing: encodings, line numbers, refused aliases."""

from __future__ import annotations

import time

import pytest
import yaml
from dangjian.core.errors import ContentError
from dangjian.core.frontmatter import (
    construct,
    decode,
    load_yaml_nodes,
    parse_front_matter,
    parse_mapping,
)
from dangjian.core.messages import msg
from hypothesis import given, settings
from hypothesis import strategies as st


def test_gbk_file_is_named_with_advice() -> None:
    raw = "---\ntitle: 学习\n---\n正文\n".encode("gbk")
    text, errors = decode("a.md", raw)
    assert text is None
    assert [str(e) for e in errors] == [
        "a.md:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030），请用 UTF-8 重新保存"
    ]


def test_bom_and_crlf_are_accepted() -> None:
    raw = "\ufeff---\r\ntitle: 学习\r\n---\r\n正文\r\n".encode()
    text, errors = decode("a.md", raw)
    assert errors == []
    front, errors = parse_front_matter("a.md", text)
    assert errors == []
    assert front.get("title") == "学习"
    assert front.body == "正文\n"


def test_keys_carry_their_file_lines() -> None:
    front, errors = parse_front_matter("a.md", "---\ntitle: 甲\n\ndate: 2026-01-02\n---\nx")
    assert errors == []
    assert front.line_of("title") == 2
    assert front.line_of("date") == 4
    assert front.body_line == 6


def test_yaml_syntax_error_names_line_and_column() -> None:
    _, errors = parse_front_matter("a.md", "---\ntitle: 甲\ntags: [一, 二\n---\n")
    assert len(errors) == 1
    assert errors[0].line == 3
    assert "YAML 格式错误" in errors[0].message


def test_colon_in_value_is_explained_in_chinese() -> None:
    _, errors = parse_front_matter("a.md", "---\ntitle: 时间: 今天\n---\n")
    assert str(errors[0]).startswith("a.md:2:")
    assert "加引号" in errors[0].message


def test_duplicate_key_is_an_error() -> None:
    _, errors = parse_front_matter("a.md", "---\ntitle: 甲\ntitle: 乙\n---\n")
    assert [(e.line, e.key) for e in errors] == [(3, "title")]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    started = time.perf_counter()
    _, errors = parse_front_matter("bomb.md", text)
    assert time.perf_counter() - started < 0.5
    assert [e.line for e in errors] == [2]
    assert "别名" in errors[0].message


def test_unclosed_front_matter() -> None:
    _, errors = parse_front_matter("a.md", "---\ntitle: 甲\n")
    assert [str(e) for e in errors] == ["a.md:1: front matter 没有结束行 ---"]


def test_file_without_front_matter_is_all_body() -> None:
    front, errors = parse_front_matter("a.md", "# 标题\n正文")
    assert errors == [] and front.entries == {} and front.body == "# 标题\n正文"


def test_scalar_document_is_not_a_mapping() -> None:
    entries, errors = parse_mapping("t.yml", "只是一句话\n")
    assert entries is None
    assert "键: 值" in errors[0].message


def test_constructed_front_matter_keeps_no_yaml_node_alive() -> None:
    """Every page's nodes would otherwise stay in memory to the end of the build."""
    import gc
    import weakref

    from dangjian.core.frontmatter import construct, load_yaml_nodes

    root, errors = load_yaml_nodes("a.md", "title: 标题\ndate: 2026-01-01\ntags: [党章, 党史]\n")
    assert errors == []
    assert construct(root) == {"title": "标题", "date": "2026-01-01", "tags": ["党章", "党史"]}
    scalar = weakref.ref(root.value[0][1])
    del root
    gc.collect()
    assert scalar() is None


def test_each_call_gets_its_own_front_matter_to_change() -> None:
    """The last file's front matter is kept for the next call on the same text: a caller
    changing what it got (the content model adds a title from the heading) changes nothing
    for the next caller."""
    text = "---\ntitle: 甲\ntags: [乙]\n---\n\n正文\n"
    first, first_errors = parse_front_matter("a.md", text)
    first.entries["title"] = first.entries["tags"]
    first_errors.append("changed")
    second, second_errors = parse_front_matter("a.md", text)
    assert second.get("title") == "甲" and second_errors == []
    assert parse_front_matter("b.md", "---\ntitle: 丙\n---\n")[0].get("title") == "丙"


# Pieces of YAML: anchors and aliases, "&" and "*" inside quotes and plain text, and errors
_YAML_PIECES = [
    "a: 1\n",
    "b: &x 2\n",
    "c: *x\n",
    "- *y\n",
    "d: '&'\n",
    'e: "a*b"\n',
    "f: [1, *z]\n",
    "g: {h: &k 3}\n",
    "i: 甲&乙\n",
    "j: 2*3\n",
    "<<: *m\n",
    ": bad\n",
    "\tk: 1\n",
    "l: [1, 2\n",
    "  m: 4\n",
    "n: !!str 5\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=6))
def test_aliases_are_found_as_a_full_look_finds_them(pieces: list[str]) -> None:
    """Text without "&" and "*" skips the look for anchors and aliases: the same nodes and
    errors as looking through every YAML event."""
    from dangjian.core import frontmatter

    def compose_looking_always(path, text, offset, loader):
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return None, [
                    ContentError(
                        path, mark.line + offset, mark.column + 1, message=msg("yaml_alias")
                    )
                ]
        return yaml.compose(text, Loader=loader), []

    text = "".join(pieces)
    root, errors = frontmatter.load_yaml_nodes("a.md", text, 2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frontmatter, "_compose", compose_looking_always)
        expected_root, expected_errors = frontmatter.load_yaml_nodes("a.md", text, 2)
    assert [str(e) for e in errors] == [str(e) for e in expected_errors]
    value = frontmatter.construct(root) if root is not None else None
    expected = frontmatter.construct(expected_root) if expected_root is not None else None
    assert value == expected


def test_an_alias_is_refused_wherever_it_is() -> None:
    for text in ("a: &x 1\n", "a: 1\nb: *x\n", "- [1, *y]\n", "a: {b: &c d}\n"):
        root, errors = load_yaml_nodes("a.md", text)
        assert root is None and [e.message for e in errors] == [msg("yaml_alias")], text
    root, errors = load_yaml_nodes("a.md", "a: '&x'\nb: 2*3\nc: 甲&乙\n")
    assert errors == [] and construct(root) == {"a": "&x", "b": "2*3", "c": "甲&乙"}
