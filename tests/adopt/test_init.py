"""`dangjian init`: a site that checks at once, refuses to overwrite, git init, CI files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from dangjian import __version__
from dangjian.cli import main
from dangjian.site import check_site

COMMANDS = ("dangjian check", "dangjian build", "dangjian pack", "dangjian verify")


def test_init_writes_a_site_that_checks_without_problems(new_site: Path) -> None:
    for name in (
        "mkdocs.yml",
        ".gitignore",
        "README.md",
        "ci.sh",
        ".gitlab-ci.yml",
        ".github/workflows/site.yml",
        ".pre-commit-config.yaml",
        "content/index.md",
        "content/study/rumen/_topic.yml",
        "content/quizzes/rumen-ceshi.yml",
        "content/notices/attachments/xuexi-anpai.txt",
        "content/guide/index.md",
        "content/guide/jianzhan.md",
    ):
        assert (new_site / name).is_file(), name
    assert len(list((new_site / "content/study/rumen").glob("*.md"))) == 2
    notices = sorted((new_site / "content/notices/2026").glob("*.md"))
    assert len(notices) == 2
    assert any("attachments:" in n.read_text(encoding="utf-8") for n in notices)
    assert "```quiz" in (new_site / "content/quizzes/index.md").read_text(encoding="utf-8")
    result = check_site(new_site / "mkdocs.yml")
    assert result.warnings == []
    assert result.pages > 20
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert all(f"dangjian {c}" in readme for c in ("check", "serve", "build"))


def test_site_name_is_quoted_in_yaml_and_escaped_in_markdown(tmp_path: Path) -> None:
    name = '一支部: <b>"学习"</b> # 站'
    assert main(["init", str(tmp_path / "s"), "--site-name", name]) == 0
    config = yaml.safe_load((tmp_path / "s/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == name
    home = (tmp_path / "s/content/index.md").read_text(encoding="utf-8")
    assert "&lt;b&gt;" in home and "<b>" not in home


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.md").write_text("我的笔记", encoding="utf-8")
    assert main(["init", str(folder), "--site-name", "站"]) == 1
    assert "不是空的" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.md"]
    assert main(["init", str(folder), "--site-name", "站", "--force"]) == 0
    assert (folder / "mkdocs.yml").is_file() and (folder / "notes.md").is_file()


def test_init_runs_git_init_on_the_chosen_branch(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "s"), "--site-name", "站", "--branch", "fabu"]) == 0
    head = subprocess.run(
        ["git", "symbolic-ref", "HEAD"], cwd=tmp_path / "s", capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/fabu"
    ci = yaml.safe_load((tmp_path / "s/.github/workflows/site.yml").read_text(encoding="utf-8"))
    assert ci[True]["push"]["branches"] == ["fabu"]  # YAML 1.1 reads the key `on` as True
    gitlab = (tmp_path / "s/.gitlab-ci.yml").read_text(encoding="utf-8")
    assert '$CI_COMMIT_BRANCH == "fabu"' in gitlab


def test_bad_branch_name_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["init", str(tmp_path / "s"), "--branch", "my branch"]) == 1
    assert "分支名" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_github_workflow_runs_every_step_on_full_history_daily(new_site: Path) -> None:
    workflow = yaml.safe_load((new_site / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"][0]["cron"]  # daily: scheduled pages appear
    steps = workflow["jobs"]["site"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    script = "\n".join(s.get("run", "") for s in steps)
    assert all(command in script for command in COMMANDS)
    assert 'pip install "dangjian==${DANGJIAN_VERSION}"' in script
    assert workflow["env"]["DANGJIAN_VERSION"] == __version__
    uploads = [s["with"]["path"] for s in steps if "upload-artifact" in s.get("uses", "")]
    assert uploads == ["build/site/", "build/dist/"]
    assert "bash ci.sh publish" in script


def test_gitlab_ci_runs_every_step_on_full_history(new_site: Path) -> None:
    gitlab = yaml.safe_load((new_site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    assert gitlab["variables"]["DANGJIAN_VERSION"] == __version__
    job = gitlab["site"]
    script = "\n".join(job["before_script"] + job["script"])
    assert all(command in script for command in COMMANDS)
    assert job["artifacts"]["paths"] == ["build/site/", "build/dist/"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "dangjian check --format gitlab > gl-code-quality-report.json" in script
    assert gitlab["publish"]["script"] == ["bash ci.sh publish"]


def test_ci_sh_is_valid_bash_with_every_step(new_site: Path) -> None:
    script = new_site / "ci.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    text = script.read_text(encoding="utf-8")
    assert all(command in text for command in COMMANDS)
    assert f"DANGJIAN_VERSION:-{__version__}" in text
    assert "git fetch --unshallow" in text
    assert "mv -T" in text and "rsync" in text  # publish: atomic switch as in deploy/README.md
    assert script.stat().st_mode & 0o111


def test_pre_commit_config_uses_the_dangjian_check_hook(new_site: Path, tmp_path: Path) -> None:
    config = yaml.safe_load((new_site / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "dangjian-check" and hook["language"] == "python"
    assert hook["additional_dependencies"] == [f"dangjian=={__version__}"]
    assert ".venv" not in str(config)
    assert (
        main(["init", str(tmp_path / "s"), "--hook-repo", "https://git.example.org/dangjian"]) == 0
    )
    config = yaml.safe_load((tmp_path / "s/.pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] == [
        {
            "repo": "https://git.example.org/dangjian",
            "rev": f"v{__version__}",
            "hooks": [{"id": "dangjian-check"}],
        }
    ]


def test_this_repository_publishes_the_hook(repo_root: Path) -> None:
    hooks = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dangjian-check"]
    assert hook["language"] == "python" and hook["entry"] == "dangjian check"
    own = (repo_root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert ".venv/" not in own


@pytest.mark.parametrize("flag", ["--site-name", "--branch"])
def test_no_question_is_asked_without_a_terminal(tmp_path: Path, flag: str) -> None:
    # stdin is not a terminal under pytest: defaults are used, nothing waits for input
    assert main(["init", str(tmp_path / "s"), flag, "fabu"]) == 0
    assert (tmp_path / "s/mkdocs.yml").is_file()


def test_init_asks_its_two_questions_at_a_terminal(tmp_path: Path) -> None:
    import os
    import sys

    leader, follower = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "dangjian.cli", "init", "s"],
        cwd=tmp_path,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    os.write(leader, "第三党支部学习站\nfabu\n".encode())
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        output += chunk
    assert child.wait(timeout=60) == 0
    os.close(leader)
    text = output.decode("utf-8", "replace")
    assert "站点名称" in text and "分支" in text
    config = yaml.safe_load((tmp_path / "s/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "第三党支部学习站"
    head = subprocess.run(
        ["git", "symbolic-ref", "HEAD"], cwd=tmp_path / "s", capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/fabu"
