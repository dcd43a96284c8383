"""Drafts and scheduled publishing: out of pages, lists, search, feeds and zip; in check and serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from dangjian.offline.package import pack_built_site
from dangjian.site import SiteError, build_site, check_site, load

# Words that occur only in the withheld pages, and in one page already due
WITHHELD = {
    "notices/2026/xdraft.md": "---\ntitle: 草稿通知甲乙丙\ndate: 2026-05-01\ndraft: true\n---\n正文鹦鹉螺一\n",
    "study/rumen/xfuture.md": "---\ntitle: 未来资料丁戊己\npublish: 2999-01-01\n---\n正文鹦鹉螺二\n",
    "xdraft-page.md": "---\ntitle: 草稿页面庚辛\ndraft: yes\n---\n正文鹦鹉螺三\n",
}
BANK = """\
id: xdraft-bank
title: 草稿题库壬癸
draft: true
questions:
  - id: cg-01
    type: judge
    stem: 正文鹦鹉螺四
    answer: 正确
"""
DUE = "---\ntitle: 已到期资料子丑\ndate: 2026-05-01\npublish: 2000-01-01\n---\n正文海星\n"
MARKERS = ("甲乙丙", "丁戊己", "庚辛", "壬癸", "鹦鹉螺", "xdraft", "xfuture")


@pytest.fixture
def drafted(new_site: Path) -> Path:
    content = new_site / "content"
    for name, text in WITHHELD.items():
        (content / name).write_text(text, encoding="utf-8")
    (content / "quizzes" / "xdraft-bank.yml").write_text(BANK, encoding="utf-8")
    (content / "study" / "rumen" / "guoqu.md").write_text(DUE, encoding="utf-8")
    return new_site


def site_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".html", ".js", ".xml", ".json", ".txt")
    )


def test_withheld_pages_are_in_no_page_list_search_feed_or_zip(
    drafted: Path, tmp_path: Path
) -> None:
    site = tmp_path / "out"
    build_site(drafted / "mkdocs.yml", site)
    names = "\n".join(p.relative_to(site).as_posix() for p in site.rglob("*"))
    text = site_text(site)
    assert [m for m in MARKERS if m in names or m in text] == []
    assert "已到期资料子丑" in (site / "study" / "rumen" / "index.html").read_text(encoding="utf-8")
    assert "已到期资料子丑" in (site / "study.xml").read_text(encoding="utf-8")
    assert "海星" in text  # due page is indexed for search
    result = pack_built_site(load(drafted / "mkdocs.yml"), site, tmp_path / "dist")
    with zipfile.ZipFile(result.zip_path) as archive:
        packed = "\n".join(archive.namelist())
        assert [m for m in MARKERS if m in packed] == []
        content = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8", "replace")
    assert [m for m in MARKERS if m in content] == []


def test_check_checks_withheld_pages_and_build_does_not_stop_for_them(
    drafted: Path, tmp_path: Path
) -> None:
    built = build_site(drafted / "mkdocs.yml", tmp_path / "out")
    checked = check_site(drafted / "mkdocs.yml")
    assert checked.pages == built.pages + 4  # notice, material, page and the bank's page
    broken = drafted / "content" / "notices" / "2026" / "xdraft.md"
    broken.write_text(
        "---\ntitle: 草稿\ndate: 2026-02-30\ndraft: true\n---\n正文\n", encoding="utf-8"
    )
    with pytest.raises(SiteError) as failed:
        check_site(drafted / "mkdocs.yml")
    assert any(
        "content/notices/2026/xdraft.md:3" in p and "2026-02-30" in p for p in failed.value.problems
    )
    build_site(drafted / "mkdocs.yml", tmp_path / "out")  # a broken draft does not block publishing


def test_bad_draft_value_and_time_zone_are_reported(drafted: Path, tmp_path: Path) -> None:
    page = drafted / "content" / "xdraft-page.md"
    page.write_text("---\ntitle: 页\npublish: 明天\n---\n正文\n", encoding="utf-8")
    with pytest.raises(SiteError) as failed:
        build_site(drafted / "mkdocs.yml", tmp_path / "out")
    assert any("content/xdraft-page.md:3" in p and "publish" in p for p in failed.value.problems)
    page.unlink()
    config = drafted / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - dangjian-content\n", "  - dangjian-content:\n      time_zone: Mars/Olympus\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(SiteError) as failed:
        build_site(config, tmp_path / "out")
    assert any("time_zone" in p and "Mars/Olympus" in p for p in failed.value.problems)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_serve_shows_withheld_pages_with_a_banner(drafted: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANGJIAN_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "dangjian.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=drafted,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        root = f"http://127.0.0.1:{port}/"
        notice = fetch(root + "notices/2026/xdraft.html", deadline)
        assert '<p class="dj-withheld" role="note">草稿</p>' in notice
        assert "草稿通知甲乙丙" in notice
        scheduled = fetch(root + "study/rumen/xfuture.html", deadline)
        assert "定时发布：2999-01-01 起对外显示" in scheduled
        bank = fetch(root + "quizzes/xdraft-bank.html", deadline)
        assert "草稿题库壬癸" in bank and '<p class="dj-withheld" role="note">草稿</p>' in bank
        due = fetch(root + "study/rumen/guoqu.html", deadline)
        assert "dj-withheld" not in due
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_link_to_a_withheld_page_is_an_error_in_check_and_build(
    drafted: Path, tmp_path: Path
) -> None:
    page = drafted / "content" / "study" / "rumen" / "guoqu.md"
    page.write_text(DUE + "\n见[草稿通知](../../notices/2026/xdraft.md)。\n", encoding="utf-8")
    for run in (check_site, lambda config: build_site(config, tmp_path / "out")):
        with pytest.raises(SiteError) as failed:
            run(drafted / "mkdocs.yml")
        assert [p for p in failed.value.problems if "尚未发布" in p] == [
            "content/study/rumen/guoqu.md:8: 链接指向尚未发布的页面（草稿或未到 publish 日期）："
            "../../notices/2026/xdraft.md；请先发布它，或暂时去掉这个链接 [DJ201]"
        ]
    # a draft may link to another draft
    page.write_text(
        DUE.replace("publish: 2000-01-01", "draft: true")
        + "\n见[草稿](../../notices/2026/xdraft.md)。\n",
        encoding="utf-8",
    )
    build_site(drafted / "mkdocs.yml", tmp_path / "out")
