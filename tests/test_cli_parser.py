"""argparse in Chinese through public API: every help page, usage line and known error."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest
from dangjian.cli import make_parser
from dangjian.core.cliparser import ChineseArgumentParser, translate_error

# What argparse prints in English, none of which a member should see
ENGLISH = re.compile(
    r"usage:|^options:|^positional arguments:|show this help|error:|required:|unrecognized",
    re.MULTILINE,
)


def _parsers(parser: ChineseArgumentParser, path: tuple[str, ...] = ()) -> Iterator:
    """(command words, parser) for the parser and every subcommand below it."""
    yield path, parser
    if parser.subcommands is not None:
        for name, child in parser.subcommands.choices.items():
            yield from _parsers(child, (*path, name))


def test_every_command_has_chinese_help() -> None:
    commands = dict(_parsers(make_parser()))
    # The commands registered by every feature package, and quiz's own subcommands
    assert {("build",), ("check",), ("serve",), ("search",), ("pack",)} <= commands.keys()
    assert {("quiz", "import"), ("quiz", "template"), ("quiz", "list")} <= commands.keys()
    for path, parser in commands.items():
        assert isinstance(parser, ChineseArgumentParser), path
        text = parser.format_help()
        assert text.startswith("用法：dangjian"), path
        assert "-h, --help" in text and "显示帮助并退出" in text, path
        assert "选项:" in text, path
        assert not ENGLISH.search(text), (path, text)
        assert parser.format_usage().startswith("用法：dangjian"), path


def test_positional_arguments_heading() -> None:
    parser = dict(_parsers(make_parser()))[("quiz", "import")]
    assert "\n参数:\n  文件 " in parser.format_help()


def test_wrapped_usage_lines_stay_under_the_command() -> None:
    parser = ChineseArgumentParser(prog="dangjian demo")
    for index in range(12):
        parser.add_argument(f"--option-{index}", metavar="值")
    lines = parser.format_usage().rstrip("\n").split("\n")
    assert len(lines) > 1
    assert lines[0].startswith("用法：dangjian demo [-h]")
    indent = " " * len("用法：dangjian demo ")
    assert all(line.startswith(indent + "[--option-") for line in lines[1:]), lines


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["build", "--nonsense"], "dangjian：错误：无法识别的参数：--nonsense"),
        (["quiz", "import"], "dangjian quiz import：错误：缺少参数：文件"),
        (["build", "-d"], "dangjian build：错误：参数 -d/--site-dir：需要一个值"),
        (
            ["quiz", "list", "--format", "xml"],
            "dangjian quiz list：错误：参数 --format：无效的选择：'xml'（可选：'text', 'json'）",
        ),
        (["quiz", "nope"], "dangjian quiz：错误：参数 子命令：无效的选择：'nope'（可选："),
    ],
)
def test_usage_errors_in_chinese_exit_2(argv: list[str], expected: str, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        make_parser().parse_args(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：dangjian")
    assert expected in err
    assert not ENGLISH.search(err), err


def test_invalid_typed_value(capsys) -> None:
    parser = ChineseArgumentParser(prog="demo")
    parser.add_argument("--count", type=int)
    with pytest.raises(SystemExit):
        parser.parse_args(["--count", "三"])
    assert "demo：错误：参数 --count：无效的值：'三'" in capsys.readouterr().err


def test_version_and_help_exit_0(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        make_parser().parse_args(["build", "-h"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("用法：dangjian build [-h]")


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("the following arguments are required: 文件, 目录", "缺少参数：文件, 目录"),
        ("unrecognized arguments: --a --b", "无法识别的参数：--a --b"),
        ("argument -n/--limit: expected one argument", "参数 -n/--limit：需要一个值"),
        (
            "argument 命令: invalid choice: 'x' (choose from 'a', 'b')",
            "参数 命令：无效的选择：'x'（可选：'a', 'b'）",
        ),
        ("argument --count: invalid int value: '三'", "参数 --count：无效的值：'三'"),
        (
            "argument -a/--dev-addr: 地址应写成“主机:端口”",
            "参数 -a/--dev-addr：地址应写成“主机:端口”",
        ),
        (
            "ambiguous option: --f could match --fix, --force",
            "ambiguous option: --f could match --fix, --force",
        ),
    ],
)
def test_translate_error(english: str, chinese: str) -> None:
    assert translate_error(english) == chinese


def test_no_help_option_when_asked() -> None:
    parser = ChineseArgumentParser(prog="demo", add_help=False)
    assert "-h" not in parser.format_help()
    assert isinstance(parser, argparse.ArgumentParser)
