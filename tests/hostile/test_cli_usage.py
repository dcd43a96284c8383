"""Usage mistakes give one Chinese line and the documented exit code (2) in every command.

`dangjian --help` documents: 0 success, 1 content problems, 2 usage errors (bad options or
values, a missing -f config file, an output that exists, a busy port).
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .pack_cases import Case, assert_refused, command, environment, make_site, run

COMMANDS_WITH_CONFIG = [
    ("build",),
    ("check",),
    ("serve",),
    ("serve", "--production"),
    ("pack",),
    ("search", "党章"),
    ("quiz", "list"),
]


@pytest.mark.parametrize("args", COMMANDS_WITH_CONFIG, ids=" ".join)
def test_missing_config_file_is_a_usage_error_everywhere(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    result = run(*args, "-f", "nope.yml", cwd=tmp_path, timeout=60)
    case = Case(
        "missing-config", r"^找不到配置文件 nope\.yml（请在站点目录中运行，或用 -f 指定）$", 2
    )
    assert_refused(result, case)


def test_exit_codes_are_documented_in_help(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "退出码：0 成功；1 内容有误" in result.stdout
    assert (
        "2 用法错误（参数不对、找不到 -f 指定的配置文件、要写的文件已存在、端口被占用）"
        in result.stdout
    )


USAGE = [
    (Case("unknown-option", r"无法识别的参数：--nonsense", 2), ("build", "--nonsense")),
    (Case("unknown-command", r"无效的选择：'publish-everything'", 2), ("publish-everything",)),
    (Case("verify-unknown-option", r"无法识别的参数：--fast", 2), ("verify", "x.zip", "--fast")),
    (Case("quiz-import-no-file", r"缺少参数：文件", 2), ("quiz", "import")),
    (
        Case("bad-address", r"参数 -a/--dev-addr：地址应写成“主机:端口”.*“nonsense”", 2),
        ("serve", "-a", "nonsense"),
    ),
    (
        Case("bad-port", r"参数 -a/--dev-addr：.*“127\.0\.0\.1:99999”", 2),
        ("serve", "-a", "127.0.0.1:99999"),
    ),
    (
        Case("bad-host", r"参数 -a/--dev-addr：.*“1\.2\.3:80”", 2),
        ("serve", "--production", "-a", "1.2.3:80"),
    ),
    (
        Case("negative-limit", r"参数 -n/--limit：应为正整数，实际是“-5”", 2),
        ("search", "党章", "-n", "-5"),
    ),
    (
        Case("zero-limit", r"参数 -n/--limit：应为正整数，实际是“0”", 2),
        ("search", "党章", "-n", "0"),
    ),
    (
        Case("word-limit", r"参数 -n/--limit：应为正整数，实际是“ten”", 2),
        ("search", "党章", "-n", "ten"),
    ),
]


@pytest.mark.parametrize(("case", "args"), USAGE, ids=[case.id for case, _ in USAGE])
def test_bad_arguments(case: Case, args: tuple[str, ...], tmp_path: Path) -> None:
    make_site(tmp_path)
    assert_refused(run(*args, cwd=tmp_path, timeout=60), case)


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("production", [False, True], ids=["serve", "serve-production"])
def test_busy_port(production: bool, busy_port: int, tmp_path: Path) -> None:
    make_site(tmp_path)
    if production:
        assert run("build", cwd=tmp_path).returncode == 0
    args = ["serve", "-a", f"127.0.0.1:{busy_port}", *(["--production"] if production else [])]
    result = run(*args, cwd=tmp_path, timeout=60)
    case = Case("busy-port", rf"^地址 127\.0\.0\.1:{busy_port} 已被占用.*请用 -a 换一个端口", 2)
    assert_refused(result, case)


def test_production_without_a_build(tmp_path: Path) -> None:
    make_site(tmp_path)
    result = run("serve", "--production", cwd=tmp_path, timeout=60)
    assert_refused(
        result, Case("no-site", r"^找不到已构建的网站 .*build/site（请先运行 dangjian build）$", 1)
    )


def test_serve_on_a_free_port_still_starts(tmp_path: Path) -> None:
    """The checks above must not refuse a good address."""
    make_site(tmp_path)
    assert run("build", cwd=tmp_path).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        command("serve", "--production", "-a", f"localhost:{port}"),
        cwd=tmp_path,
        env=environment(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.1)
        else:
            pytest.fail("serve --production did not start")
    finally:
        server.terminate()
        server.wait(timeout=10)


MARKUP_NAMES = [
    (
        Case("markup-config", r"^找不到配置文件 \[/\]:cn:\[bold\]（", 2),
        ("build", "-f", "[/]:cn:[bold]"),
    ),
    (
        Case("markup-import", r"^找不到要导入的文件：\[/\]x\.xlsx$", 2),
        ("quiz", "import", "[/]x.xlsx"),
    ),
    (Case("markup-verify", r"^找不到离线包：\[red\]\[/\]\.zip$", 1), ("verify", "[red][/].zip")),
]


@pytest.mark.parametrize(("case", "args"), MARKUP_NAMES, ids=[case.id for case, _ in MARKUP_NAMES])
def test_names_that_look_like_console_markup_print_as_they_are(
    case: Case, args: tuple[str, ...], tmp_path: Path
) -> None:
    assert_refused(run(*args, cwd=tmp_path, timeout=60), case)
