"""`dangjian import` (Word, web page → page) and `dangjian localize` (outside pictures → site)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.cliparser import Subcommands
from ..core.console import make_console
from ..core.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from ..core.messages import msg
from ..core.paths import display_path

console = make_console()


def register(sub: Subcommands, add_config_option: Callable) -> None:
    """Add `import` and `localize` to the `dangjian` command."""
    page = sub.add_parser(
        "import",
        help="把 Word 文件（.docx）或保存的网页（.html）导入为学习资料或通知",
        description="标题、小标题、列表、表格、加粗和脚注保留；图片存到页面旁的 img/ 文件夹；"
        "自动填写标题、日期和出处。",
    )
    add_config_option(page)
    page.add_argument("file", metavar="文件", help="要导入的 .docx 或 .html 文件")
    where = page.add_mutually_exclusive_group()
    where.add_argument("--topic", metavar="专题", help="导入为学习资料，放在 study/<专题>/ 下")
    where.add_argument("--notice", action="store_true", help="导入为通知，放在 notices/<年份>/ 下")
    page.add_argument(
        "-o", "--output", metavar="页面.md", help="要写出的页面文件（默认按上面两项）"
    )
    page.add_argument("--url", metavar="网址", help="网页的原始地址（作为出处；网页自带时可不填）")
    page.add_argument("--force", action="store_true", help="页面已存在时覆盖")
    page.set_defaults(handler=cmd_import)

    localize = sub.add_parser(
        "localize",
        help="下载内容中引用的外部图片和文件到本站，并改写引用（需要联网）",
        description="逐个下载 Markdown 中的外部图片和文档，存到页面旁的 img/ 文件夹"
        "（相同内容只存一份），并把引用改成本站文件。只接受图片和文档。",
    )
    add_config_option(localize)
    localize.add_argument(
        "paths", nargs="*", metavar="路径", help="只处理这些页面或文件夹（默认：全部内容）"
    )
    localize.add_argument(
        "--max-size", type=float, default=20, metavar="MB", help="单个文件的大小上限（默认 20）"
    )
    localize.add_argument(
        "--timeout", type=float, default=20, metavar="秒", help="每次下载的超时（默认 20）"
    )
    localize.add_argument("--dry-run", action="store_true", help="只列出外部引用，不下载")
    localize.set_defaults(handler=cmd_localize)


def _site(args: argparse.Namespace):
    from ..site import load_or_report

    return load_or_report(Path(args.config_file))


def _content_options(config) -> tuple[str, str, str]:
    """Study folder, notices folder and first notice category of the site."""
    plugin = config.plugins.get("dangjian-content")
    if plugin is None:
        return "study", "notices", "通知"
    options = plugin.config
    first = options.categories[0] if options.categories else "通知"
    return options.study_dir.strip("/"), options.notices_dir.strip("/"), first


def cmd_import(args: argparse.Namespace) -> int:
    from .pages import PageImportError, import_page, target_path
    from .webpage import PageError
    from .word import WordError

    source = Path(args.file)
    if not source.is_file():
        console.print(msg("import_missing", path=args.file), style="bold red")
        return EXIT_USAGE
    if not (args.topic or args.notice or args.output):
        console.print(msg("import_where"), style="bold red")
        return EXIT_USAGE
    config = _site(args)
    if config is None:
        return EXIT_USAGE
    today = dt.date.today()
    docs = Path(config["docs_dir"])
    study, notices, category = _content_options(config)
    if args.output:
        out = Path(args.output)
    else:
        out = target_path(source, docs, study, notices, args.topic, today)
    if not out.resolve().is_relative_to(docs.resolve()):
        console.print(
            msg("import_outside_docs", out=out, docs=display_path(docs)), style="bold red"
        )
        return EXIT_USAGE
    if out.exists() and not args.force:
        console.print(msg("import_exists", out=display_path(out)), style="bold red")
        return EXIT_USAGE
    try:
        page = import_page(
            source,
            out,
            notice=args.notice,
            today=today,
            category=category,
            url=args.url,
            force=args.force,
        )
    except (PageImportError, PageError, WordError) as exc:
        console.print(exc, style="bold red")
        return EXIT_CONTENT
    shown = display_path(page.out)
    console.print(msg("import_done", title=page.title, out=shown, images=page.images))
    if page.lost:
        console.print(msg("import_lost_head"))
        for line in page.lost:
            print(f"  {display_path(source)}: {line}", file=sys.stderr)
    remote = _remote_count(page.out)
    if remote:
        console.print(msg("import_remote_images", count=remote), style="yellow")
    console.print(msg("import_next", out=shown))
    return EXIT_OK


def _remote_count(page: Path) -> int:
    from ..content.external import find_external_media

    return len(find_external_media(page.read_text(encoding="utf-8")))


def cmd_localize(args: argparse.Namespace) -> int:
    from .localize import Limits, localize_site

    config = _site(args)
    if config is None:
        return EXIT_USAGE
    docs = Path(config["docs_dir"])
    limits = Limits(max_bytes=int(args.max_size * 1024 * 1024), timeout=args.timeout)
    report = localize_site(
        docs,
        limits,
        dry_run=args.dry_run,
        on_line=lambda line: print(line, file=sys.stderr),
        only=[Path(p) for p in args.paths],
    )
    if not report.found:
        console.print(msg("localize_none"))
        return EXIT_OK
    if args.dry_run:
        console.print(msg("localize_dry_run", count=report.found))
        return EXIT_OK
    console.print(msg("localize_done", count=report.rewritten, files=report.files))
    if report.failed:
        console.print(msg("localize_failed_count", count=report.failed), style="bold red")
        return EXIT_CONTENT
    return EXIT_OK
