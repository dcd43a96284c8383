"""`dangjian check [--fix] [--format text|json|github|gitlab]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.exitcodes import EXIT_CONTENT, EXIT_OK
from ..core.messages import msg
from . import report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fix",
        action="store_true",
        help="先自动修正中文排版（空格、全角标点），列出改动，再检查",
    )
    parser.add_argument(
        "--format",
        choices=report.FORMATS,
        default="text",
        help="输出格式：text 文字（默认）、json、github（GitHub Actions 注释）、gitlab（代码质量报告）",
    )


def run(args: argparse.Namespace, config_file: Path, console, with_progress) -> int:
    """Check (after fixing, with --fix); exit 1 if any finding is an error."""
    from ..site import SiteError
    from .fix import fix_site
    from .runner import run_check

    try:
        if args.fix:
            changes = fix_site(config_file)
            for line in changes.lines:
                print(line, file=sys.stderr)
            console.print(
                msg("fix_summary", files=changes.files, changes=len(changes.lines))
                if changes.lines
                else msg("fix_none")
            )
        result = with_progress("正在检查", lambda advance: run_check(config_file, on_page=advance))
    except SiteError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_CONTENT
    errors, warnings = len(result.errors), len(result.warnings)
    if args.format != "text":
        output = report.render(args.format, result.findings, result.pages)
        if output:
            print(output)
    else:
        for finding in result.findings:
            print(finding, file=sys.stderr)
    if errors:
        console.print(msg("check_failed", count=errors), style="bold red")
        if warnings:
            console.print(msg("warnings", count=warnings))
        return EXIT_CONTENT
    if warnings:
        console.print(msg("check_warnings_only", pages=result.pages, warnings=warnings))
    else:
        console.print(msg("check_ok", pages=result.pages))
    return EXIT_OK
