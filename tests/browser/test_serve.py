"""`dangjian serve`: address in Chinese, a broken file shown in terminal and browser, reload."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT

FIXTURE = ROOT / "tests" / "content" / "fixtures" / "site"
DANGJIAN = Path(sys.executable).with_name("dangjian")
NOTICE = "content/notices/2026/newest.md"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Terminal:
    """The output of a running `dangjian serve`, read line by line in the background."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"“{text}” not printed; output so far: {self.seen}")


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    shutil.copytree(ROOT / "theme", site / "theme")
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1780459200", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [str(DANGJIAN), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    try:
        yield site, f"http://127.0.0.1:{port}/", Terminal(process)
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_shows_problems_in_terminal_and_browser_then_reloads(preview, browser) -> None:
    site, url, terminal = preview
    ready = terminal.wait_for("预览地址")
    assert url in ready and "Ctrl+C" in ready
    context = browser.new_context(locale="zh-CN")
    errors: list[str] = []
    outside: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "notices/2026/newest.html")
    assert page.title().startswith("最新的公告")

    # Break the notice: the terminal and the open page both say so, in Chinese
    notice = site / NOTICE
    good = notice.read_text(encoding="utf-8")
    notice.write_text(good.replace("date: 2026-06-01", "date: 2026-02-30"), encoding="utf-8")
    line = terminal.wait_for("newest.md:3")
    assert line == f"{NOTICE}:3: date 不是有效日期：2026-02-30（格式为 YYYY-MM-DD） [DJ106]"
    overlay = page.wait_for_selector("#dj-preview-problems", timeout=30_000)
    assert "date 不是有效日期：2026-02-30" in overlay.inner_text()
    assert "修正并保存后，本页会自动刷新" in overlay.inner_text()
    # The last good site is still served, promptly, with the problems laid over it
    started = time.monotonic()
    with urllib.request.urlopen(url + "about.html", timeout=5) as response:
        body = response.read().decode("utf-8")
    assert time.monotonic() - started < 5
    assert "dj-preview-problems" in body and "关于" in body

    # Fix it: the page reloads by itself without the problems
    notice.write_text(good, encoding="utf-8")
    terminal.wait_for("已更新")
    page.wait_for_selector("#dj-preview-problems", state="detached", timeout=30_000)
    assert page.title().startswith("最新的公告")

    # An edit: the open page shows it by itself (served as soon as it is rendered)
    notice.write_text(good + "\n本次修改新增的一句话。\n", encoding="utf-8")
    page.wait_for_selector("text=本次修改新增的一句话", timeout=30_000)
    terminal.wait_for("已更新")
    visible = page.inner_text("body")
    for bad in ("[object", "undefined", "NaN"):
        assert bad not in visible
    page.close()
    context.close()
    assert errors == [] and outside == []


def test_serve_with_a_broken_site_from_the_start_shows_a_self_reloading_page(preview, browser):
    site, url, terminal = preview
    terminal.wait_for("预览地址")
    notice = site / NOTICE
    good = notice.read_text(encoding="utf-8")
    notice.write_text(good.replace("date: 2026-06-01", "date: 六月"), encoding="utf-8")
    terminal.wait_for("newest.md:3")
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(url + "no-such-page.html")
    assert "date 不是有效日期：六月" in page.inner_text("#dj-preview-problems")
    notice.write_text(good, encoding="utf-8")
    terminal.wait_for("已更新")
    page.wait_for_selector("#dj-preview-problems", state="detached", timeout=30_000)
    context.close()
