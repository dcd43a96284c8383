"""`dangjian quiz …`: import banks from Excel or Word/text, list the site's banks."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from rich import box
from rich.cells import cell_len
from rich.table import Table

from ..core.cliparser import Subcommands
from ..core.console import make_console
from ..core.errors import ContentError
from ..core.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from ..core.frontmatter import decode
from ..core.messages import msg
from ..core.paths import display_path
from .model import TYPES

MAX_TEXT_BYTES = 8 * 1024**2  # a text import: well above 3,000 questions of Chinese
IMPORT_SUFFIXES = (".xlsx", ".docx", ".txt", ".md")
console = make_console()


def register(sub: Subcommands, add_config_option: Callable) -> None:
    quiz = sub.add_parser("quiz", help="题库：从 Excel/Word 文本导入、列出题库")
    commands = quiz.add_subparsers(dest="quiz_command", metavar="子命令", title="子命令")
    quiz.set_defaults(handler=lambda args: _usage(quiz))

    convert = commands.add_parser(
        "import",
        help="把 Excel（.xlsx）或 Word 复制出的文本（.txt/.md）转换成题库 YAML",
        description="读取 Excel 表格（表头：题型、题干、选项A…选项H、答案、解析、分值、难度、标签）"
        "或文本（一、单选题 / 1. 题干 / A. 选项 / 【答案】B / 【解析】…），写出题库 YAML。"
        "读不了的行会逐条列出行号和原因。",
    )
    convert.add_argument("file", metavar="文件", help="要导入的 .xlsx、.docx、.txt 或 .md 文件")
    convert.add_argument(
        "-o", "--output", metavar="题库.yml", help="输出文件（默认：与输入同名的 .yml）"
    )
    convert.add_argument("--id", metavar="ID", help="题库 id（默认取输出文件名）")
    convert.add_argument("--title", metavar="标题", help="题库标题（默认取文本标题或文件名）")
    convert.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    convert.add_argument(
        "--dry-run", action="store_true", help="只读取并按题型统计，列出读不了的题，不写出文件"
    )
    convert.set_defaults(handler=cmd_import)

    template = commands.add_parser("template", help="写出 Excel 导入模板（含各题型示例）")
    template.add_argument("output", metavar="文件.xlsx", help="模板保存位置")
    template.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    template.set_defaults(handler=cmd_template)

    listing = commands.add_parser("list", help="列出站点的全部题库和题目数，并检查题库格式")
    add_config_option(listing)
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json"
    )
    listing.set_defaults(handler=cmd_list)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_USAGE


def cmd_import(args: argparse.Namespace) -> int:
    from .importers import bank_id_for, bank_yaml

    source = Path(args.file)
    if not source.is_file():
        console.print(msg("quiz_import_missing", path=args.file), style="bold red")
        return EXIT_USAGE
    suffix = source.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        console.print(msg("quiz_import_format", path=args.file), style="bold red")
        return EXIT_USAGE
    output = Path(args.output) if args.output else source.with_suffix(".yml")
    if output.exists() and not args.force and not args.dry_run:
        console.print(msg("quiz_import_exists", out=output), style="bold red")
        return EXIT_USAGE
    try:
        imported = _read(source, suffix)
    except ValueError as exc:
        console.print(str(exc), style="bold red")
        return EXIT_CONTENT
    name = display_path(source)
    if imported.skipped:
        console.print(msg("quiz_import_skipped", count=len(imported.skipped)))
        for skipped in imported.skipped:
            print(f"{name}: {skipped}", file=sys.stderr)
    if not imported.questions:
        console.print(msg("quiz_import_nothing"), style="bold red")
        return EXIT_CONTENT
    if args.dry_run:
        console.print(dry_run_summary(imported))
        return EXIT_OK
    bank_id = args.id or bank_id_for(output)
    text = bank_yaml(imported, bank_id, args.title or imported.title or bank_id)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(msg("quiz_import_done", count=len(imported.questions), out=output))
    return EXIT_OK


def dry_run_summary(imported) -> str:
    """`可导入 7 道题（单选 2、多选 1、判断 2、填空 2）`."""
    counts = [
        (name, sum(q["type"] == kind for q in imported.questions)) for kind, name in TYPES.items()
    ]
    text = "、".join(f"{name} {count}" for name, count in counts if count)
    return msg(
        "quiz_import_dry_run",
        count=len(imported.questions),
        counts=text,
        skipped=len(imported.skipped),
    )


def cmd_template(args: argparse.Namespace) -> int:
    from .template import write_template

    output = Path(args.output)
    if output.exists() and not args.force:
        console.print(msg("quiz_import_exists", out=output), style="bold red")
        return EXIT_USAGE
    write_template(output)
    console.print(f"已写出模板：{args.output}")
    return EXIT_OK


def _read(source: Path, suffix: str):
    from ..core.archive import human_bytes
    from .import_text import read_text
    from .import_xlsx import ImportLimitError, read_xlsx

    name = display_path(source)
    if suffix == ".xlsx":
        try:
            return read_xlsx(source)
        except ImportLimitError:
            raise
        except Exception:  # openpyxl raises many kinds for a damaged or non-xlsx file
            damaged = msg("quiz_import_damaged")
            raise ValueError(msg("quiz_import_unreadable", path=name, reason=damaged)) from None
    if suffix == ".docx":
        from ..importer.word import WordError, docx_text

        try:
            return read_text(source.stem, docx_text(source))
        except WordError as exc:
            raise ValueError(str(exc)) from None
    size = source.stat().st_size
    if size > MAX_TEXT_BYTES:
        limit = msg(
            "quiz_import_file_size", size=human_bytes(size), limit=human_bytes(MAX_TEXT_BYTES)
        )
        raise ValueError(msg("quiz_import_limit", path=name, problem=limit))
    text, errors = decode(name, source.read_bytes())
    if text is None:
        raise ValueError(str(errors[0]))
    return read_text(source.stem, text)


def cmd_list(args: argparse.Namespace) -> int:
    from ..site import load_or_report
    from .parse import parse_bank

    config = load_or_report(Path(args.config_file))
    if config is None:
        return EXIT_CONTENT
    folder = Path(config["docs_dir"]) / "quizzes"
    for plugin in config["plugins"].values():
        if type(plugin).__name__ == "QuizPlugin":
            folder = Path(config["docs_dir"]) / plugin.config.quizzes_dir
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if not files:
        console.print(msg("quiz_list_empty", folder=display_path(folder)))
        return EXIT_OK
    rows: list[dict] = []
    problems: list[ContentError] = []
    for path in files:
        name = display_path(path)
        text, errors = decode(name, path.read_bytes())
        problems += errors
        if text is None:
            continue
        bank, errors = parse_bank(name, path.name, text)
        problems += [e for e in errors if e.level == "error"]
        if bank is None:
            continue
        rows.append(
            {
                "id": bank.id,
                "title": bank.title,
                "file": name,
                "questions": len(bank.questions),
                "types": {kind: bank.count(kind) for kind in TYPES},
                "time_limit": bank.time_limit,
            }
        )
    if getattr(args, "format", "text") == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        make_console(stderr=False).print(bank_table(rows))
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems:
        console.print(msg("check_failed", count=len(problems)), style="bold red")
        return EXIT_CONTENT
    return EXIT_OK


def bank_table(rows: list[dict]) -> Table:
    """Banks in 80 columns: no header is ever cut; only a long title gets an ellipsis."""
    table = Table(title="题库", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    table.add_column("id", no_wrap=True)
    table.add_column("标题", no_wrap=True, overflow="ellipsis", max_width=20)
    for header in ("题数", *TYPES.values(), "限时"):
        table.add_column(header, justify="right", no_wrap=True, min_width=cell_len(header))
    for row in rows:
        table.add_row(
            row["id"],
            row["title"],
            str(row["questions"]),
            *(str(row["types"][kind]) for kind in TYPES),
            f"{row['time_limit']}分" if row["time_limit"] else "—",
        )
    return table
