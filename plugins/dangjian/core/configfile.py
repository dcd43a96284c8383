"""mkdocs.yml read safely: Python tags refused before MkDocs loads it (nothing executes), and
MkDocs' own configuration errors said in Chinese with file:line.

Pure functions over the file's text and MkDocs' log messages; `site.load` calls them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError
from .frontmatter import decode, yaml_error
from .messages import msg
from .paths import display_path

PYTHON_TAG = "tag:yaml.org,2002:python/"

# The only Python objects mkdocs.yml may name: pure functions that Markdown extensions call
ALLOWED_PYTHON = frozenset(
    {
        "pymdownx.slugs.slugify",
        "pymdownx.superfences.fence_code_format",
        "pymdownx.superfences.fence_div_format",
        "pymdownx.emoji.twemoji",
        "pymdownx.emoji.emojione",
        "pymdownx.emoji.gemoji",
        "pymdownx.emoji.to_svg",
        "pymdownx.emoji.to_png",
        "pymdownx.emoji.to_alt",
        "pymdownx.arithmatex.arithmatex_inline_format",
        "pymdownx.arithmatex.arithmatex_fenced_format",
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "markdown.extensions.toc.slugify",
        "markdown.extensions.toc.slugify_unicode",
    }
)
ALLOWED_SUMMARY = "pymdownx.slugs.slugify、pymdownx.superfences 的 fence_code_format 等已知函数"
# The forms that only name or call such a function
_PYTHON_FORMS = ("name:", "object/apply:")

# Printed by Material on every page without escaping (copyright is sanitised instead)
PLAIN_TEXT_KEYS = ("site_name", "site_description", "site_author")
_MARKUP_RE = re.compile(r"[<>\"]")

Display = Callable[[str], str]


def _python_tag_allowed(tag: str) -> bool:
    rest = tag.removeprefix(PYTHON_TAG)
    return any(
        rest.startswith(form) and rest[len(form) :] in ALLOWED_PYTHON for form in _PYTHON_FORMS
    )


def check_config_text(path: str, text: str) -> tuple[Node | None, list[ContentError]]:
    """Nodes of one config file's YAML, or its syntax error / refused Python tags.

    Reads events only: no tag is ever constructed, so no code can run.
    """
    errors: list[ContentError] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            tag = getattr(event, "tag", None) or ""
            if tag.startswith(PYTHON_TAG) and not _python_tag_allowed(tag):
                mark = event.start_mark
                shown = "!!" + tag.removeprefix("tag:yaml.org,2002:")
                errors.append(
                    ContentError(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        message=msg("config_python_tag", tag=shown, allowed=ALLOWED_SUMMARY),
                    )
                )
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        errors += _markup_in_text(path, root)
    except yaml.YAMLError as exc:
        error = yaml_error(path, exc, 1)
        return None, [
            ContentError(
                error.path,
                error.line,
                error.column,
                message=msg("config_yaml", problem=error.message.split("：", 1)[-1]),
            )
        ]
    return root, errors


def _markup_in_text(path: str, root: Node | None) -> list[ContentError]:
    """Site texts Material prints as HTML on every page must be plain text."""
    errors = []
    for key in PLAIN_TEXT_KEYS:
        node = _find(root, [key])
        if isinstance(node, ScalarNode) and _MARKUP_RE.search(node.value):
            line = node.start_mark.line + 1
            errors.append(ContentError(path, line, key=key, message=msg("config_markup", key=key)))
    # Titles in a hand-written nav are printed the same way
    for title in _nav_titles(_find(root, ["nav"])):
        if _MARKUP_RE.search(title.value):
            line = title.start_mark.line + 1
            errors.append(
                ContentError(path, line, key="nav", message=msg("config_markup", key="nav"))
            )
    return errors


def _nav_titles(node: Node | None) -> list[ScalarNode]:
    """Every title (mapping key) in a nav tree."""
    found: list[ScalarNode] = []
    if isinstance(node, SequenceNode):
        for item in node.value:
            found += _nav_titles(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                found.append(key)
            found += _nav_titles(value)
    return found


def check_config_file(config_file: str, display: Display) -> list[ContentError]:
    """Check mkdocs.yml and every file it INHERITs, before MkDocs loads any of them."""
    errors: list[ContentError] = []
    seen: set[str] = set()
    current: str | None = os.path.abspath(config_file)
    while current and current not in seen and os.path.isfile(current):
        seen.add(current)
        with open(current, "rb") as handle:
            text, problems = decode(display(current), handle.read())
        if text is None:
            return errors + problems
        root, problems = check_config_text(display(current), text)
        errors += problems
        parent = _scalar(_find(root, ["INHERIT"]))
        current = os.path.join(os.path.dirname(current), parent) if parent else None
    return errors


def _scalar(node: Node | None) -> str | None:
    return node.value if isinstance(node, ScalarNode) and node.value else None


def _find(node: Node | None, keys: Iterable[str]) -> Node | None:
    """The node at `keys` below `node`; in a list, the item that is or holds the key."""
    for key in keys:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, SequenceNode):
            found = None
            for item in node.value:
                if isinstance(item, ScalarNode) and item.value == key:
                    found = item
                    break
                if isinstance(item, MappingNode):
                    inner = _find(item, [key])
                    if inner is not None:
                        found = inner
                        break
            node = found
        else:
            return None
        if node is None:
            return None
    return node


_RECORD_RE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<detail>.*)$", re.S)
_PLUGIN_OPTION_RE = re.compile(
    r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<detail>.*)$", re.S
)
_TYPES = {
    "bool": " true 或 false",
    "str": "文字",
    "int": "整数",
    "float": "数字",
    "list": "列表",
    "dict": "“键: 值”",
}
_DETAILS = (
    (
        re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>"),
        lambda m: msg(
            "config_expected", expected=_TYPES.get(m[1], m[1]), actual=_TYPES.get(m[2], m[2])
        ),
    ),
    (
        re.compile(r"Unrecognised configuration name: (\S+)"),
        lambda m: msg("config_unknown_option", name=m[1]),
    ),
    (
        re.compile(r'The "([^"]+)" plugin is not installed'),
        lambda m: msg("config_no_plugin", name=m[1]),
    ),
    (re.compile(r"Required configuration not provided"), lambda m: msg("config_required")),
    (re.compile(r"Unrecognised theme name: '([^']+)'"), lambda m: msg("config_theme", name=m[1])),
)
_DOCS_MISSING_RE = re.compile(r"The path '([^']+)' isn't an existing directory")


def translate_record(path: str, root: Node | None, record: str) -> ContentError:
    """One MkDocs configuration message as a Chinese `ContentError` at the key's line."""
    match = _RECORD_RE.match(record)
    if not match:
        return ContentError(path, message=msg("config_invalid", problem=record))
    keys, detail = [match["key"]], match["detail"]
    plugin = _PLUGIN_OPTION_RE.match(detail)
    if plugin:
        keys += [plugin["plugin"], plugin["option"]]
        detail = plugin["detail"]
    node = None
    for depth in range(len(keys), 0, -1):  # the deepest key the file names
        node = _find(root, keys[:depth])
        if node is not None:
            break
    line = node.start_mark.line + 1 if node is not None else None
    missing = _DOCS_MISSING_RE.search(detail)
    if keys[0] == "docs_dir" and missing:
        return ContentError(path, line, message=msg("docs_missing", path=display_path(missing[1])))
    for pattern, say in _DETAILS:
        found = pattern.search(detail)
        if found:
            detail = say(found)
            break
    return ContentError(
        path, line, message=msg("config_value", key=" › ".join(keys), detail=detail)
    )
