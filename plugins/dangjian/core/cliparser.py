"""argparse in Chinese, through its public API only.

`ChineseArgumentParser` writes its own `-h` help line, puts "用法：" and Chinese group
headings into what `format_usage`/`format_help` return, and says argparse's error messages
in Chinese in `error`. Subcommand parsers are of the same class (`add_subparsers` makes its
parsers with the parser's own class). An argparse message not listed here stays as argparse
wrote it; `tests/test_cli_parser.py` fails if one listed here stops matching.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn, Protocol

USAGE = "用法："
HELP = "显示帮助并退出"
_ARGPARSE_USAGE = "usage: "
# Group headings argparse prints at the start of a line, and ours
_HEADINGS = {"positional arguments": "参数", "options": "选项", "optional arguments": "选项"}
_HEADING_RE = re.compile(r"^(" + "|".join(map(re.escape, _HEADINGS)) + r"):$", re.MULTILINE)

# argparse's error messages, in the order they are tried; {message} is translated again
_ERRORS = (
    (r"the following arguments are required: (?P<names>.*)", "缺少参数：{names}"),
    (r"unrecognized arguments: (?P<args>.*)", "无法识别的参数：{args}"),
    (r"argument (?P<name>.+?): (?P<message>.*)", "参数 {name}：{message}"),
    (
        r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
        "无效的选择：{value}（可选：{choices}）",
    ),
    (r"expected one argument", "需要一个值"),
    (r"invalid \S+ value: (?P<value>.*)", "无效的值：{value}"),
)
_ERROR_RES = tuple((re.compile(pattern, re.DOTALL), chinese) for pattern, chinese in _ERRORS)


def translate_error(message: str) -> str:
    """An argparse error message in Chinese; one we do not know is returned as it is."""
    for pattern, chinese in _ERROR_RES:
        found = pattern.fullmatch(message)
        if found:
            parts = found.groupdict()
            if "message" in parts:
                parts["message"] = translate_error(parts["message"])
            return chinese.format(**parts)
    return message


def _usage_in_chinese(text: str) -> str:
    """`text` with argparse's "usage: " prefix as "用法：", wrapped lines moved to match."""
    if not text.startswith(_ARGPARSE_USAGE):
        return text
    lines = text.split("\n")
    shift = len(_ARGPARSE_USAGE) - len(USAGE)
    result = [USAGE + lines[0][len(_ARGPARSE_USAGE) :]]
    rest = 1
    while rest < len(lines) and lines[rest].startswith(" " * len(_ARGPARSE_USAGE)):
        result.append(lines[rest][shift:])
        rest += 1
    return "\n".join(result + lines[rest:])


class Subcommands(Protocol):
    """What a feature's `register(sub, …)` uses of the action `add_subparsers` returns."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class ChineseArgumentParser(argparse.ArgumentParser):
    """An `ArgumentParser` whose help, usage and errors are in Chinese."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        # The subcommands made by `add_subparsers`, if any
        self.subcommands: argparse.Action | None = None
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP)

    def add_subparsers(self, **kwargs: Any) -> Any:
        self.subcommands = super().add_subparsers(**kwargs)
        return self.subcommands

    def format_usage(self) -> str:
        return _usage_in_chinese(super().format_usage())

    def format_help(self) -> str:
        text = _usage_in_chinese(super().format_help())
        return _HEADING_RE.sub(lambda found: _HEADINGS[found.group(1)] + ":", text)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate_error(message)}\n")
