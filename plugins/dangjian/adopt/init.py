"""`dangjian init`: a new site repository that builds at once, with CI files and the guide.

The files come from `templates/site/` (package data). A path part `dot-x` is written as `.x`
(setuptools and some tools skip dotfiles), and `@@NAME@@` placeholders are filled in.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..core.packaged import packaged_dir

TEMPLATES = Path(__file__).resolve().parent / "templates" / "site"
# Where GitHub-style CI finds how to read our problem lines
DEFAULT_SITE_NAME = "党支部学习站"
DEFAULT_BRANCH = "main"
BRANCH_RE = re.compile(r"^(?!.*\.\.)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._/-]*$")
# Files that never count as content when deciding whether a folder is empty
IGNORED = {".git", ".DS_Store", "Thumbs.db"}


class InitError(Exception):
    """The site cannot be written; the message is for the editor, in Chinese."""


@dataclass(frozen=True)
class SiteAnswers:
    """What `init` asks: the site's name, the git branch CI builds, optional URLs."""

    site_name: str = DEFAULT_SITE_NAME
    branch: str = DEFAULT_BRANCH
    site_url: str | None = None
    hook_repo: str | None = None


def placeholders(answers: SiteAnswers, today: dt.date) -> dict[str, str]:
    """Values for the `@@NAME@@` placeholders, each escaped for where it is written."""
    if answers.site_url:
        site_url = f"site_url: {json.dumps(answers.site_url)}"
    else:
        site_url = "# 填写网站的正式地址后会生成 Atom 订阅（notices.xml、study.xml）：\n# site_url: https://xuexi.example.org/"
    return {
        "SITE_NAME_YAML": json.dumps(answers.site_name, ensure_ascii=False),
        "SITE_NAME": html.escape(answers.site_name, quote=False),
        "SITE_URL_LINE": site_url,
        "BRANCH": answers.branch,
        "VERSION": __version__,
        "TODAY": today.isoformat(),
        "YEAR": str(today.year),
        "HOOK_REPOS": _hook_repos(answers.hook_repo),
    }


def _hook_repos(hook_repo: str | None) -> str:
    """The pre-commit repos: dangjian's published hook, or the same command from the index."""
    if hook_repo:
        return (
            f"  - repo: {hook_repo}\n"
            f"    rev: v{__version__}\n"
            "    hooks:\n"
            "      - id: dangjian-check\n"
        )
    return (
        "  # 与 dangjian 仓库 .pre-commit-hooks.yaml 中的 dangjian-check 相同；pre-commit 会为它\n"
        "  # 单独安装固定版本的 dangjian。有 dangjian 仓库的地址时可改为 repo: <地址>、rev: v版本\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: dangjian-check\n"
        "        name: dangjian check（内容检查）\n"
        "        entry: dangjian check\n"
        "        language: python\n"
        f'        additional_dependencies: ["dangjian=={__version__}"]\n'
        "        pass_filenames: false\n"
        "        files: ^(content/|mkdocs\\.yml$)\n"
    )


def fill(text: str, values: dict[str, str]) -> str:
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m[1]], text)


def target_path(relative: Path, values: dict[str, str]) -> Path:
    """Where a template file goes: `dot-` parts become dotfiles, placeholders are filled."""
    parts = ["." + p[4:] if p.startswith("dot-") else fill(p, values) for p in relative.parts]
    return Path(*parts)


def check_answers(answers: SiteAnswers) -> None:
    from ..core.messages import msg

    if not answers.site_name.strip() or "\n" in answers.site_name:
        raise InitError(msg("init_empty_name"))
    if not BRANCH_RE.match(answers.branch):
        raise InitError(msg("init_bad_branch", branch=answers.branch))


def is_empty(folder: Path) -> bool:
    return not folder.exists() or not any(p.name not in IGNORED for p in folder.iterdir())


def create_site(
    folder: Path, answers: SiteAnswers, *, force: bool = False, today: dt.date | None = None
) -> list[Path]:
    """Write the new site into `folder`; returns the files written, relative to it."""
    from ..core.messages import msg

    check_answers(answers)
    if folder.exists() and not folder.is_dir() or not force and not is_empty(folder):
        raise InitError(msg("init_not_empty", path=folder))
    values = placeholders(answers, today or dt.date.today())
    written = []
    for source in sorted(TEMPLATES.rglob("*")):
        if source.is_dir() or source.name == "__pycache__":
            continue
        relative = target_path(source.relative_to(TEMPLATES), values)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(source.read_text(encoding="utf-8"), values), encoding="utf-8")
        written.append(relative)
    (folder / "ci.sh").chmod(0o755)
    guide = packaged_dir("guide")
    if guide is not None:
        shutil.copytree(guide, folder / "content" / "guide", dirs_exist_ok=True)
        written += [
            Path("content/guide") / p.relative_to(guide) for p in guide.rglob("*") if p.is_file()
        ]
    return written


def git_init(folder: Path, branch: str) -> bool:
    """`git init` on `branch` when git is installed; False when it is not."""
    if shutil.which("git") is None:
        return False
    run = {"cwd": folder, "capture_output": True, "check": False}
    if subprocess.run(["git", "init", "-q", "-b", branch], **run).returncode != 0:
        # git before 2.28 has no -b
        subprocess.run(["git", "init", "-q"], **run)
        subprocess.run(["git", "symbolic-ref", "HEAD", f"refs/heads/{branch}"], **run)
    return (folder / ".git").exists()
