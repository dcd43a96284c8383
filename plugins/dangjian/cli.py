"""The `dangjian` command: build, preview, check, and the commands each feature adds."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .check import cli as check_cli
from .core.cliargs import address, listen_problem
from .core.cliparser import ChineseArgumentParser
from .core.console import console, report_problems, with_progress
from .core.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from .core.messages import msg
from .core.output import Terminated, sigterm_raises

# Feature packages that add subcommands through `register(subparsers)`
FEATURE_CLIS = (
    "dangjian.quiz.cli",
    "dangjian.search.cli",
    "dangjian.offline.cli",
    "dangjian.adopt.cli",
    "dangjian.importer.cli",
)


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.config_file)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="文件",
        help="站点配置文件（默认：当前目录下的 mkdocs.yml）",
    )


def cmd_build(args: argparse.Namespace) -> int:
    from .site import SiteError, build_site

    site_dir = Path(args.site_dir) if args.site_dir else None
    try:
        result = with_progress(
            "正在构建",
            lambda advance: build_site(_config_path(args), site_dir, on_page=advance),
        )
    except SiteError as exc:
        report_problems(exc.problems, msg("build_failed", count=len(exc.problems)))
        return EXIT_CONTENT
    if result.warnings:
        console.print(msg("warnings", count=len(result.warnings)))
    console.print(msg("build_ok", site=result.site_dir, pages=result.pages, seconds=result.seconds))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .check.cli import run

    return run(args, _config_path(args), console, with_progress)


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve
    from .site import SiteError

    if getattr(args, "production", False):
        from .offline.server import serve_production

        return serve_production(_config_path(args), args.dev_addr)
    try:
        return serve(_config_path(args), args.dev_addr)
    except SiteError as exc:
        report_problems(exc.problems, msg("build_failed", count=len(exc.problems)))
        return EXIT_CONTENT
    except OSError as exc:
        problem = listen_problem(args.dev_addr, exc)
        if problem is None:
            raise
        console.print(problem, style="bold red")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_OK


def make_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="dangjian",
        description="党建学习站生成器：把学习资料、通知公告和题库生成可离线使用的静态网站。",
        epilog="退出码：0 成功；1 内容有误（文件:行 逐条列出）；2 用法错误（参数不对、"
        "找不到 -f 指定的配置文件、要写的文件已存在、端口被占用）；130/143 被 Ctrl+C/终止信号中止。",
    )
    parser.add_argument(
        "--version", action="version", version=f"dangjian {__version__}", help="显示版本号"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")

    build = sub.add_parser("build", help="构建网站到 build/site/（失败时保留原网站）")
    add_config_option(build)
    build.add_argument(
        "-d", "--site-dir", metavar="目录", help="输出目录（默认取配置中的 site_dir）"
    )
    build.set_defaults(handler=cmd_build)

    check = sub.add_parser("check", help="检查全部内容（一次列出所有问题），不写出网站")
    add_config_option(check)
    check_cli.add_arguments(check)
    check.set_defaults(handler=cmd_check)

    serve = sub.add_parser("serve", help="本地实时预览（修改后自动刷新）")
    add_config_option(serve)
    serve.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        type=address,
        metavar="地址:端口",
        help="监听地址",
    )
    serve.add_argument(
        "--production",
        action="store_true",
        help="按 deploy/nginx.conf 的响应头提供上次构建的网站（CSP、缓存、gzip），用于上线前自查",
    )
    serve.set_defaults(handler=cmd_serve)

    for name in FEATURE_CLIS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not exc.name or not name.startswith(exc.name):
                raise
            continue
        module.register(sub, add_config_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    config_file = getattr(args, "config_file", None)
    if config_file is not None and not Path(config_file).is_file():
        console.print(msg("config_missing", path=config_file), style="bold red")
        return EXIT_USAGE
    try:
        with sigterm_raises():
            return args.handler(args)
    except (KeyboardInterrupt, Terminated) as exc:
        console.print(msg("terminated"))
        return 130 if isinstance(exc, KeyboardInterrupt) else 143
    except Exception as exc:  # a bug of ours: one line for the editor, details on request
        if os.environ.get("DANGJIAN_DEBUG"):
            raise
        console.print(f"内部错误：{type(exc).__name__}: {exc}", style="bold red")
        console.print("请设置环境变量 DANGJIAN_DEBUG=1 重新运行以查看详细信息，并报告此问题。")
        return EXIT_CONTENT


# New objects between two passes of the cycle collector's youngest generation (`run`)
GC_OBJECTS = 10_000


def run() -> NoReturn:
    """The `dangjian` command: `main`, then exit without first collecting the objects left in
    reference cycles (a site's pages, navigation and files: a quarter of a second at 2,000
    pages, for memory the system takes back anyway). Nothing is lost: a build has closed its
    caches and files, and objects freed by their reference count still are.

    The cycle collector runs after every 10,000 new objects instead of Python's 700: a build
    makes millions (pages, tokens, nodes), nearly all freed by their reference count. At
    2,000 pages the collector's passes took 0.38 s of a 12 s rebuild, and take 0.16 s now;
    the price is at most 10,000 objects in cycles waiting a little longer to be freed."""
    gc.set_threshold(GC_OBJECTS, *gc.get_threshold()[1:])
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
