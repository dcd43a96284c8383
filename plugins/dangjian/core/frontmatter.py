"""Decode content files and parse their YAML front matter with line numbers for every key.

Pure functions: bytes or text in, values and `ContentError`s out. Nothing here knows MkDocs.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError
from .memo import remembered
from .messages import msg

# Front matter larger than this is refused before YAML sees it.
MAX_FRONT_MATTER = 64 * 1024
MAX_YAML_TEXT = MAX_FRONT_MATTER * 16  # characters of one YAML file (a question bank)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

# libyaml's parser when PyYAML was built with it (about 10x faster), else pure Python
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE_RE = re.compile(r"^-{3}[ \t]*$")
_END_RE = re.compile(r"^(-{3}|\.{3})[ \t]*$")

# Common PyYAML problems, said in Chinese.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现冒号（值里有冒号时请给整个值加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found unexpected end of stream": "内容意外结束（引号或括号没有闭合？）",
    "found a tab character that violates indentation": "不能用 Tab 缩进，请改用空格",
    "expected <block end>, but found '-'": "列表缩进不一致",
    "did not find expected key": "缩进不一致或缺少键",
    "found undefined alias": "不支持 YAML 别名/锚点（& 和 *）",
    "expected the node content, but found '<stream end>'": "内容意外结束（括号或引号没有闭合？）",
    "expected ',' or ']', but got ':'": "方括号 [ ] 没有闭合，或值里的冒号没有加引号",
    "expected ',' or '}', but got '<stream end>'": "花括号 { } 没有闭合",
    "expected ',' or ']', but got '<stream end>'": "方括号 [ ] 没有闭合",
}


class YamlDate(str):
    """A YAML timestamp kept as its source text, so impossible dates are reported, not raised."""


@dataclass
class Entry:
    """One top-level front-matter key with its value and position in the file."""

    value: Any
    line: int
    column: int


@dataclass
class FrontMatter:
    """Parsed front matter: entries by key, the Markdown body and where the body starts."""

    entries: dict[str, Entry] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    end_line: int = 1

    def get(self, key: str, default: Any = None) -> Any:
        entry = self.entries.get(key)
        return default if entry is None else entry.value

    def line_of(self, key: str) -> int:
        entry = self.entries.get(key)
        return entry.line if entry else 1


def decode(path: str, raw: bytes) -> tuple[str | None, list[ContentError]]:
    """Decode UTF-8 (BOM allowed), normalise line ends; name the line of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            key = "not_utf8_gbk"
            # GBK text may pass as UTF-8 for a few bytes; point at where it starts
            start = next(i for i, byte in enumerate(raw) if byte >= 0x80)
        except UnicodeDecodeError:
            key, start = "not_utf8", exc.start
        line = raw.count(b"\n", 0, start) + 1
        return None, [ContentError(path, line, message=msg(key))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        # MkDocs would copy the character into the page; no editor means to write it
        line = text.count("\n", 0, text.index("\0")) + 1
        return None, [ContentError(path, line, message=msg("nul_byte"))]
    return text, []


def yaml_error(path: str, exc: yaml.YAMLError, offset: int) -> ContentError:
    """A PyYAML error as one located `ContentError`, its problem said in Chinese if we know it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    text = _YAML_PROBLEMS.get(problem, problem)
    if mark is None:
        return ContentError(path, offset, message=msg("yaml_syntax", problem=text))
    return ContentError(
        path, mark.line + offset, mark.column + 1, message=msg("yaml_syntax", problem=text)
    )


def load_yaml_nodes(
    path: str, text: str, offset: int = 1
) -> tuple[Node | None, list[ContentError]]:
    """Compose YAML into nodes, refusing anchors and aliases (no expansion bombs).

    `offset` is the file line of the YAML text's first line.
    """
    if len(text) > MAX_YAML_TEXT:
        return None, [ContentError(path, offset, message=msg("yaml_too_large"))]
    try:
        try:
            return _compose(path, text, offset, _Loader)
        except yaml.YAMLError:
            # Parse again in pure Python: its messages and positions are the ones we translate
            return _compose(path, text, offset, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return None, [yaml_error(path, exc, offset)]
    except RecursionError:
        return None, [ContentError(path, offset, message=msg("yaml_too_large"))]


def _compose(
    path: str, text: str, offset: int, loader: type
) -> tuple[Node | None, list[ContentError]]:
    # An anchor starts with "&" and an alias with "*": text with neither has none to look for
    # (a page's front matter rarely has them: the look costs as much as composing it)
    if "&" not in text and "*" not in text:
        return yaml.compose(text, Loader=loader), []
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            return None, [
                ContentError(path, mark.line + offset, mark.column + 1, message=msg("yaml_alias"))
            ]
    return yaml.compose(text, Loader=loader), []


_constructor = yaml.SafeLoader("")


def construct(node: Node) -> Any:
    """Build Python values from a node; timestamps stay text (`YamlDate`) for our own checks."""
    if isinstance(node, ScalarNode):
        if node.tag == TIMESTAMP_TAG:
            return YamlDate(node.value)
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value
        finally:
            # PyYAML remembers every node it constructed (for aliases, which we refuse):
            # forgotten here, or every page's front matter would stay in memory to the end
            _constructor.constructed_objects.clear()
    if isinstance(node, SequenceNode):
        return [construct(item) for item in node.value]
    if isinstance(node, MappingNode):
        return {str(construct(k)): construct(v) for k, v in node.value}
    return None


def parse_mapping(
    path: str, text: str, offset: int = 1
) -> tuple[dict[str, Entry] | None, list[ContentError]]:
    """Parse a YAML mapping into entries with file lines; `offset` is the line of `text`'s start."""
    root, errors = load_yaml_nodes(path, text, offset)
    if errors:
        return None, errors
    if root is None:
        return {}, []
    if not isinstance(root, MappingNode):
        line = root.start_mark.line + offset
        return None, [ContentError(path, line, message=msg("frontmatter_not_mapping"))]
    entries: dict[str, Entry] = {}
    for key_node, value_node in root.value:
        key = str(construct(key_node))
        line = key_node.start_mark.line + offset
        if key in entries:
            errors.append(ContentError(path, line, key=key, message=msg("duplicate_key", key=key)))
            continue
        entries[key] = Entry(construct(value_node), line, value_node.start_mark.column + 1)
    return entries, errors


# The last page parsed, its text and what it gave (see `parse_front_matter`)
_last: tuple[str, str, tuple[FrontMatter, list[ContentError]]] | None = None


def parse_front_matter(path: str, text: str) -> tuple[FrontMatter, list[ContentError]]:
    """Split `text` into front matter and body and parse the front matter.

    A file without a leading `---` line has empty front matter. Each call returns its own
    `FrontMatter` and list, which the caller may change (not the values of its entries).
    """
    global _last
    if _last is not None and _last[0] == path and _last[1] is text:
        front, errors = _last[2]
    else:
        # In the preview, a page whose text is unchanged since the last build is not parsed
        # again (0.25 s of 2,000 pages); kept without its body, which is the text's end
        kept, body_start, errors = remembered(
            "front-matter",
            (path, text),
            lambda: _without_body(text, *_parse_front_matter(path, text)),
        )
        front = dataclasses.replace(kept, body=text[body_start:])
        # A page's front matter is asked for twice in a row while a build reads it (whether
        # it is published, then its kind's fields): parsed once (0.15 s of 2,000 pages)
        _last = (path, text, (front, errors))
    return dataclasses.replace(front, entries=dict(front.entries)), list(errors)


def _without_body(
    text: str, front: FrontMatter, errors: list[ContentError]
) -> tuple[FrontMatter, int, list[ContentError]]:
    """`front` without its body, where that body starts in `text`, and `errors`."""
    return dataclasses.replace(front, body=""), len(text) - len(front.body), errors


def _parse_front_matter(path: str, text: str) -> tuple[FrontMatter, list[ContentError]]:
    lines = text.split("\n")
    if not lines or not _FENCE_RE.match(lines[0]):
        return FrontMatter(body=text, body_line=1), []
    for index in range(1, len(lines)):
        if _END_RE.match(lines[index]):
            break
    else:
        return FrontMatter(body=text), [ContentError(path, 1, message=msg("frontmatter_unclosed"))]
    yaml_text = "\n".join(lines[1:index])
    if len(yaml_text) > MAX_FRONT_MATTER:
        return FrontMatter(body=text), [ContentError(path, 2, message=msg("yaml_too_large"))]
    body = "\n".join(lines[index + 1 :])
    entries, errors = parse_mapping(path, yaml_text, offset=2)
    return (
        FrontMatter(entries or {}, body=body, body_line=index + 2, end_line=index + 1),
        errors,
    )
