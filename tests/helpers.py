"""What many test packages need, written once: a small site in a folder, `dangjian` run
in-process, and a real nginx on a free local port.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from dangjian.cli import main

ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT / "theme"
# 2026-06-03 12:00 China time: the fixed build "today" of the small test sites
BUILD_EPOCH = "1780459200"


def mkdocs_yml(site_name: str, rest: str, *, site_url: str | None = None) -> str:
    """A small site's mkdocs.yml: sources in content/, output in build/site, `.html` URLs,
    strict, our theme without web fonts; `rest` adds plugins and markdown_extensions."""
    url = f"site_url: {site_url}\n" if site_url else ""
    return (
        f"site_name: {site_name}\n{url}docs_dir: content\nsite_dir: build/site\n"
        "use_directory_urls: false\nstrict: true\n"
        f"theme:\n  name: material\n  custom_dir: {THEME}\n  language: zh\n  font: false\n"
    ) + rest


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write each file (text as UTF-8) below `folder`, making folders as needed."""
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")


def enter_site(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Run from the site's folder, with the fixed build date."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


@dataclass
class Run:
    """What `dangjian ARGS` did: exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run `dangjian ARGS` in this process; only its own output is captured."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code=code, out=captured.out, err=captured.err)


NGINX = os.environ.get("DANGJIAN_NGINX", "/usr/sbin/nginx")
MIME_TYPES = "/etc/nginx/mime.types"


def require_nginx(*files: str) -> None:
    """Skip without nginx (and `files` it needs); under CI (any value) fail instead."""
    if not Path(NGINX).exists() or not all(Path(file).exists() for file in files):
        if os.environ.get("CI"):
            pytest.fail(f"CI 需要 nginx（Debian 包 nginx-light）：{NGINX} 不存在")
        pytest.skip(f"nginx not installed at {NGINX}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_nginx(prefix: Path, port: int, http: str, *, user: str = "") -> Iterator[str]:
    """nginx in the foreground with its files in `prefix` and `http` inside `http {}`;
    yields http://127.0.0.1:port/ once it accepts connections, stops it afterwards."""
    prefix.mkdir(parents=True, exist_ok=True)
    temp_paths = "".join(
        f"{kind}_temp_path {prefix / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        (f"user {user};\n" if user else "")
        + f"daemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp_paths}{http}}}\n",
        encoding="utf-8",
    )
    log = prefix / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()  # so that reading its output cannot wait for ever
                    process.wait(timeout=10)
                    output = process.stdout.read().decode() if process.stdout else ""
                    errors = log.read_text() if log.exists() else ""
                    pytest.fail(f"nginx did not start: {output} {errors}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix / "client_body", ignore_errors=True)
