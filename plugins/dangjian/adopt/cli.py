"""`dangjian init` and `dangjian new`: start a site repository, add content to it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.console import make_console
from ..core.exitcodes import EXIT_CONTENT, EXIT_OK
from ..core.messages import msg

console = make_console()


def _ask(question: str, default: str) -> str:
    answer = input(f"{question}（直接回车用“{default}”）：").strip()
    return answer or default


def cmd_init(args: argparse.Namespace) -> int:
    from .init import (
        DEFAULT_BRANCH,
        DEFAULT_SITE_NAME,
        InitError,
        SiteAnswers,
        create_site,
        git_init,
    )

    site_name, branch = args.site_name, args.branch
    # Questions only for a person at a terminal; scripts and CI get the defaults or the flags
    if sys.stdin.isatty():
        site_name = site_name or _ask("站点名称", DEFAULT_SITE_NAME)
        branch = branch or _ask("构建和发布用的 git 分支", DEFAULT_BRANCH)
    answers = SiteAnswers(
        site_name=site_name or DEFAULT_SITE_NAME,
        branch=branch or DEFAULT_BRANCH,
        site_url=args.site_url,
        hook_repo=args.hook_repo,
    )
    folder = Path(args.folder)
    try:
        create_site(folder, answers, force=args.force)
    except InitError as exc:
        console.print(exc, style="bold red")
        return EXIT_CONTENT
    if git_init(folder, answers.branch):
        console.print(msg("init_git", branch=answers.branch))
    else:
        console.print(msg("init_no_git"))
    console.print(msg("init_done", path=folder, site=answers.site_name))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from ..core.paths import display_path
    from ..core.publishing import site_today
    from ..site import load_or_report
    from .new import NewError, new_content, site_folders

    config = load_or_report(Path(args.config_file))
    if config is None:
        return EXIT_CONTENT
    try:
        path = new_content(
            args.kind,
            args.title,
            site_folders(config),
            site_today(config),
            topic=args.topic,
            pinned=args.pinned,
            draft=args.draft,
            name=args.name,
        )
    except NewError as exc:
        console.print(exc, style="bold red")
        return EXIT_CONTENT
    shown = display_path(path)
    print(shown)  # the path alone on stdout, for scripts
    console.print(msg("new_done", path=shown))
    return EXIT_OK


def register(sub, add_config_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `init` and `new` to the `dangjian` command."""
    init = sub.add_parser("init", help="新建一个学习站仓库（示例内容、编辑指南、CI 文件）")
    init.add_argument("folder", metavar="目录", help="新站点的文件夹（应为空或不存在）")
    init.add_argument("--site-name", metavar="名称", help="站点名称（不给时在终端中询问）")
    init.add_argument("--branch", metavar="分支", help="构建和发布用的 git 分支（默认 main）")
    init.add_argument("--site-url", metavar="地址", help="网站的正式地址（用于 Atom 订阅）")
    init.add_argument(
        "--hook-repo",
        metavar="地址",
        help="dangjian 的 git 仓库地址，写入 .pre-commit-config.yaml（不给则从软件包索引安装）",
    )
    init.add_argument("--force", action="store_true", help="文件夹不为空时也写入（覆盖同名文件）")
    init.set_defaults(handler=cmd_init)

    new = sub.add_parser("new", help="新建一篇通知、学习资料或一个题库，开头信息已填好")
    add_config_option(new)
    new.add_argument(
        "kind",
        choices=("notice", "study", "quiz"),
        metavar="类型",
        help="notice 通知、study 学习资料、quiz 题库",
    )
    new.add_argument("title", metavar="标题", help="标题（文件名由标题的拼音生成）")
    new.add_argument("--topic", metavar="专题", help="学习资料所属专题的文件夹名")
    new.add_argument("--pinned", action="store_true", help="通知置顶")
    new.add_argument("--draft", action="store_true", help="先存为草稿（draft: true），不发布")
    new.add_argument("--name", metavar="文件名", help="自定文件名（小写字母、数字、连字符）")
    new.set_defaults(handler=cmd_new)
