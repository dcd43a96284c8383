"""What a build leaves on disk when it is stopped, raced, refused, or served by another user.

- SIGTERM or SIGINT in the middle of a build: exit 143/130, one Chinese line, no
  `build/.site-new-*` left, the previous site untouched.
- Two builds at once: both finish, the site is complete and the same as one build.
- A `build/` the user cannot write: one Chinese line, exit 1, no internal error.
- Output is world-readable (folders 0755, files 0644) whatever the umask, so nginx running
  as www-data serves it; zip entries carry the same modes.
- The zip's name changes with uncommitted changes.
- Ctrl+C or SIGTERM ends `dangjian serve` quietly and removes its temporary folders.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, free_port, require_nginx, running_nginx

from .pack_cases import (
    Case,
    add_pages,
    assert_lines_clean,
    assert_refused,
    command,
    environment,
    leftovers,
    make_site,
    run,
    shared_folder,
    tree_digest,
)


def wait_for_staging(build: Path, process: subprocess.Popen[str], pages: int = 20) -> None:
    """Return once the build's staging folder holds `pages` rendered material pages."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the build ended before it could be interrupted"
        for staging in build.glob(".site-new-*"):
            if len(list((staging / "study" / "many").glob("*.html"))) >= pages:
                return
        time.sleep(0.02)
    pytest.fail("the build never got going")


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"]
)
def test_signal_mid_build_leaves_nothing_behind(signum: int, code: int, tmp_path: Path) -> None:
    config = make_site(tmp_path)
    assert run("build", cwd=tmp_path).returncode == 0
    build = tmp_path / "build"
    before = tree_digest(build / "site")
    add_pages(config, 400)
    process = subprocess.Popen(
        command("build"), cwd=tmp_path, env=environment(), stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for_staging(build, process)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert_refused(
        subprocess.CompletedProcess([], process.returncode, "", err),
        Case("interrupted", r"^已中止：没有写出新文件，原有网站未改动。$", code),
    )
    assert leftovers(build) == []
    assert tree_digest(build / "site") == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl+C", "SIGTERM"])
def test_stopping_serve_leaves_nothing_behind(signum: int, tmp_path: Path) -> None:
    """Ctrl+C reaches every process of the command: the preview and its search index process
    (one for all its builds) end quietly, and the previewed site's temporary folder goes."""
    site = tmp_path / "site"  # the sample site, with every plugin
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "mkdocs.yml", site)
    temp = tmp_path / "temp"
    temp.mkdir()
    process = subprocess.Popen(
        [*command("serve", "-a", f"127.0.0.1:{free_port()}")],
        cwd=site,
        env=environment(PYTHONUNBUFFERED="1", TMPDIR=str(temp)),
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, as a terminal's foreground command
        # A shell starts background commands with Ctrl+C ignored; a terminal does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stderr is not None
        lines = []
        while not any("Ctrl+C" in line for line in lines):
            line = process.stderr.readline()
            assert line, lines  # ended before it was ready
            lines.append(line)
        previewed = list(temp.glob("dangjian-serve-*/site/index.html"))
        assert len(previewed) == 1, sorted(temp.iterdir())
        if signum == signal.SIGINT:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)  # as a service manager stops it
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert_lines_clean(err)
    assert sorted(temp.iterdir()) == []


def test_two_builds_at_once(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    add_pages(config, 60)
    builds = [
        subprocess.Popen(
            command("build"), cwd=tmp_path, env=environment(), stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    errors = [process.communicate(timeout=300)[1] for process in builds]
    assert [process.returncode for process in builds] == [0, 0], errors
    for err in errors:
        assert_lines_clean(err)
    assert leftovers(tmp_path / "build") == []
    together = tree_digest(tmp_path / "build" / "site")
    assert run("build", "-d", str(tmp_path / "alone"), cwd=tmp_path).returncode == 0
    assert together == tree_digest(tmp_path / "alone")


def make_unwritable(folder: Path) -> None:
    """Take write permission away from `folder`, even from root (which ignores modes)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("running as root without chattr +i: cannot make a folder unwritable")


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_unwritable_build_folder(tmp_path: Path) -> None:
    make_site(tmp_path)
    assert run("build", cwd=tmp_path).returncode == 0
    build = tmp_path / "build"
    before = tree_digest(build / "site")
    make_unwritable(build)
    try:
        result = run("build", cwd=tmp_path)
    finally:
        make_writable(build)
    assert_refused(result, Case("read-only-build", rf"^无法写入 {build}：没有写入权限$", 1))
    assert leftovers(build) == []
    assert tree_digest(build / "site") == before


def test_unwritable_pack_folder(tmp_path: Path) -> None:
    make_site(tmp_path)
    dist = tmp_path / "dist"
    dist.mkdir()
    make_unwritable(dist)
    try:
        result = run("pack", "-o", str(dist), cwd=tmp_path)
    finally:
        make_writable(dist)
    assert_refused(result, Case("read-only-dist", rf"^无法写入 {dist}：没有写入权限$", 1))
    assert list(dist.iterdir()) == []


def modes(tree: Path) -> set[tuple[str, int]]:
    kinds = {p.is_dir() for p in tree.rglob("*")}
    assert kinds == {True, False}
    return {
        ("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode))
        for p in [tree, *tree.rglob("*")]
    }


def test_output_is_world_readable_whatever_the_umask(tmp_path: Path) -> None:
    make_site(tmp_path)
    result = run("pack", cwd=tmp_path, preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    assert modes(tmp_path / "build" / "site") == {("dir", 0o755), ("file", 0o644)}
    (zip_path,) = (tmp_path / "build" / "dist").glob("*.zip")
    assert stat.S_IMODE(zip_path.stat().st_mode) == 0o644
    assert stat.S_IMODE(zip_path.with_name(zip_path.name + ".sha256").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "build").stat().st_mode) == 0o755
    with zipfile.ZipFile(zip_path) as archive:
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644, 0o040755}


def test_nginx_as_www_data_serves_the_build() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to run nginx workers as www-data")
    require_nginx()
    with shared_folder() as folder:
        make_site(folder)
        result = run("build", cwd=folder, preexec_fn=lambda: os.umask(0o077))
        assert result.returncode == 0, result.stderr
        port = free_port()
        http = f"server {{ listen 127.0.0.1:{port}; root {folder / 'build' / 'site'}; }}\n"
        with running_nginx(folder / "nginx", port, http, user="www-data") as base:
            for page in ("index.html", "study/topic/first.html", "files/plan.txt"):
                with urllib.request.urlopen(base + page, timeout=10) as response:
                    assert response.status == 200, page


def git(folder: Path, *args: str) -> None:
    identity = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
        "GIT_AUTHOR_DATE": "2026-11-26T08:00:00+08:00",
        "GIT_COMMITTER_DATE": "2026-11-26T08:00:00+08:00",
    }
    subprocess.run(
        ["git", *args], cwd=folder, env={**os.environ, **identity}, check=True, capture_output=True
    )


def zip_names(folder: Path) -> list[str]:
    names = sorted(p.name for p in (folder / "build" / "dist").glob("*.zip"))
    shutil.rmtree(folder / "build" / "dist")
    return names


def test_uncommitted_changes_change_the_zip_name(tmp_path: Path) -> None:
    make_site(tmp_path)
    (tmp_path / ".gitignore").write_text("/build/\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "site")
    assert run("pack", cwd=tmp_path).returncode == 0
    (clean,) = zip_names(tmp_path)
    assert "dirty" not in clean
    notice = tmp_path / "content" / "notices" / "2026" / "new.md"
    notice.parent.mkdir(parents=True)
    notice.write_text("# 新通知\n\n明天开会。\n", encoding="utf-8")
    assert run("pack", cwd=tmp_path).returncode == 0
    (dirty,) = zip_names(tmp_path)
    assert dirty != clean and dirty.startswith(clean.removesuffix(".zip") + "-dirty-")
    assert run("pack", cwd=tmp_path).returncode == 0
    assert zip_names(tmp_path) == [dirty]  # the same sources give the same name
    notice.write_text("# 新通知\n\n后天开会。\n", encoding="utf-8")
    assert run("pack", cwd=tmp_path).returncode == 0
    (other,) = zip_names(tmp_path)
    assert other not in (clean, dirty)
