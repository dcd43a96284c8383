"""`dangjian pack` and `dangjian verify`: the offline zip and its integrity check."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..core.console import make_console, report_problems, with_progress
from ..core.exitcodes import EXIT_CONTENT, EXIT_OK
from ..core.messages import msg
from ..core.output import unwritable
from .config import offline_options
from .package import PackError, PackResult, pack_built_site
from .verify import verify_zip

# One message, one line; no markup or emoji codes, so `[x].md` prints as it is
console = make_console()


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"


def size_report(result: PackResult, limit_mb: float) -> None:
    """Files, bytes and the largest files of the pack; a warning above `limit_mb`."""
    # Size first, path last and whole: a path is never wrapped or cut at 80 columns
    console.print("离线包大小（最大的文件）：")
    for rel, size in result.largest:
        console.print(f"{human_size(size):>10}  {rel}", soft_wrap=True)
    console.print(
        f"共 {result.files} 个文件，原始大小 {human_size(result.bytes)}，"
        f"压缩后 {human_size(result.zip_bytes)}"
    )
    console.print(msg("pack_generator", version=__version__))
    if result.zip_bytes > limit_mb * 1024 * 1024:
        console.print(
            "警告：" + msg("pack_too_large", size=human_size(result.zip_bytes), limit=limit_mb),
            style="bold yellow",
        )


def cmd_pack(args: argparse.Namespace) -> int:
    from ..site import SiteError, build_site, load, source_date_epoch

    config_file = Path(args.config_file)
    try:
        config = load(config_file)
    except SiteError as exc:
        report_problems(exc.problems, msg("build_failed", count=len(exc.problems)))
        return EXIT_CONTENT
    if config.use_directory_urls:
        report_problems([f"{config_file}: {msg('pack_directory_urls')}"], msg("pack_failed"))
        return EXIT_CONTENT
    options = offline_options(config)
    site_dir = Path(config.site_dir)
    if args.no_build:
        if not (site_dir / "index.html").is_file():
            report_problems([msg("pack_no_site", site=site_dir)], msg("pack_failed"))
            return EXIT_CONTENT
    else:
        try:
            with_progress(
                "正在构建", lambda advance: build_site(config_file, site_dir, on_page=advance)
            )
        except SiteError as exc:
            report_problems(exc.problems, msg("build_failed", count=len(exc.problems)))
            return EXIT_CONTENT
    dist_dir = Path(args.output) if args.output else config_file.parent / options.dist_dir
    try:
        with source_date_epoch(config_file.parent.resolve()):
            result = pack_built_site(config, site_dir, dist_dir)
    except PackError as exc:
        if not exc.findings:  # not the scan: e.g. a file changed while it was packed
            report_problems(exc.problems, msg("pack_failed"))
            return EXIT_CONTENT
        lines = refusal_lines(exc, config, site_dir, args.verbose)
        report_problems(lines, msg("pack_scan_failed", count=len(exc.problems)))
        return EXIT_CONTENT
    except OSError as exc:
        report_problems([unwritable(dist_dir, exc)], msg("pack_failed"))
        return EXIT_CONTENT
    size_report(result, options.max_size_mb)
    if result.warnings:  # each was printed as it was found
        console.print(msg("warnings", count=len(result.warnings)))
    console.print(
        msg("pack_ok", zip=result.zip_path, files=result.files, size=human_size(result.zip_bytes))
    )
    console.print(msg("pack_sha256", sha256=result.sha256, file=result.zip_path.name + ".sha256"))
    return EXIT_OK


def refusal_lines(exc: PackError, config, site_dir: Path, verbose: bool) -> list[str]:
    """Outside references at their Markdown file:line grouped by host, then the other findings."""
    from ..core.paths import display_path, site_root
    from .sources import references, report_lines

    root = Path(site_root(config))
    refs, other = references(exc.findings, site_dir, Path(config.docs_dir), root)
    shown = display_path(site_dir, root)
    return [f"{shown}/{problem}" for problem in other] + (
        report_lines(refs, verbose=verbose) if refs else []
    )


def cmd_verify(args: argparse.Namespace) -> int:
    zip_path = Path(args.zip)
    problems, checked = verify_zip(zip_path)
    if problems:
        report_problems(problems, msg("verify_failed", count=len(problems)))
        return EXIT_CONTENT
    console.print(msg("verify_ok", zip=zip_path, files=checked))
    return EXIT_OK


def register(sub, add_config_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `pack` and `verify` to the `dangjian` command."""
    pack = sub.add_parser(
        "pack", help="生成离线包 build/dist/<站点>-<版本>.zip（可用 U 盘拷贝、双击打开）"
    )
    add_config_option(pack)
    pack.add_argument(
        "--no-build", action="store_true", help="不重新构建，直接打包上次成功构建的网站"
    )
    pack.add_argument("-o", "--output", metavar="目录", help="zip 的输出目录（默认 build/dist）")
    pack.add_argument(
        "-v", "--verbose", action="store_true", help="列出每一处外部引用（默认每个网站列前几处）"
    )
    pack.set_defaults(handler=cmd_pack)

    verify = sub.add_parser("verify", help="校验离线包：对照 .sha256 和包内 SHA256SUMS")
    verify.add_argument("zip", metavar="ZIP", help="离线包文件")
    verify.set_defaults(handler=cmd_verify)
