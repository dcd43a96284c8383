"""`dangjian serve`'s file watcher: folders on a local disk are watched by the system, which
reports a save at once and nothing the build itself does; everything else is polled, and the
polling waits while a build runs (it took Python's lock from the build, which then took twice
as long) and finds what was saved meanwhile after it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dangjian.core import watcher
from dangjian.core.watcher import Watcher, filesystem_type
from dangjian.preview import PreviewServer
from dangjian.site import build_site
from watchdog.events import FileSystemEvent, FileSystemEventHandler


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))
            self.changed.set()


@contextlib.contextmanager
def watching(root: Path) -> Iterator[tuple[PreviewServer, Seen]]:
    """A preview server's watcher, running, and a handler to schedule on it."""
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    server.observer.start()
    try:
        yield server, Seen()
    finally:
        server.idle.set()
        server.observer.stop()
        server.observer.join(5)


def test_the_watcher_waits_for_the_build_and_then_sees_what_was_saved(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_text("# 甲\n", encoding="utf-8")
    with watching(tmp_path) as (server, seen):
        server.observer.polling.schedule(seen, str(docs), recursive=True)
        time.sleep(1)  # its first look
        server.idle.clear()  # a build starts
        page.write_text("# 乙\n", encoding="utf-8")
        assert not seen.changed.wait(2.5)  # five of its half-second looks: none taken
        server.idle.set()  # the build has ended
        assert seen.changed.wait(5)
        assert str(page) in seen.paths


MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
30 27 0:40 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs
31 27 0:41 / /home/me/My\\040Docs rw - cifs //server/docs rw
32 27 0:42 / /tmp rw - tmpfs tmpfs rw
33 32 0:43 / /tmp rw - nfs server:/tmp rw
34 27 0:44 / /srv shared:5 master:2 - xfs /dev/vdb rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/me/site/content", "ext4"),  # the root's
        ("/mnt/c/Users/me/site", "9p"),  # a Windows drive under WSL
        ("/mnt/cd", "ext4"),  # not under /mnt/c
        ("/home/me/My Docs/site", "cifs"),  # a space, escaped
        ("/tmp/site", "nfs"),  # mounted over the tmpfs
        ("/srv/site", "xfs"),  # after optional fields
        ("/", "ext4"),
    ],
)
def test_the_file_system_of_a_folder_is_that_of_its_nearest_mount(path: str, kind: str) -> None:
    assert filesystem_type(path, MOUNTINFO) == kind


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every folder counts as on a local disk, whatever this machine's are."""
    monkeypatch.setattr(watcher, "system_watchable", lambda path: Path(path).is_dir())


def test_a_folder_on_a_local_disk_is_watched_by_the_system_even_during_a_build(
    tmp_path: Path, local: None
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page, config = docs / "a.md", tmp_path / "mkdocs.yml"
    page.write_text("# 甲\n", encoding="utf-8")
    config.write_text("site_name: 甲\n", encoding="utf-8")
    with watching(tmp_path) as (server, seen):
        server.observer.schedule(seen, str(docs), recursive=True)
        server.observer.schedule(seen, str(config))  # a file: polled
        assert server.observer.natively_watched() == [str(docs)]
        server.idle.clear()  # a build starts: polling waits, the system does not
        page.write_text("# 乙\n", encoding="utf-8")
        assert seen.changed.wait(5)
        assert str(page) in seen.paths


def test_what_a_build_does_in_a_watched_folder_starts_no_build(
    site_copy: Path, local: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sample site, every plugin on: a build reads every page, template and bank
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780459200")
    with watching(site_copy) as (server, seen):
        server.observer.schedule(seen, str(site_copy / "content"), recursive=True)
        server.observer.schedule(seen, str(site_copy / "theme"), recursive=True)
        assert len(server.observer.natively_watched()) == 2
        build_site(site_copy / "mkdocs.yml", site_copy / "build" / "site")
        time.sleep(0.5)
        assert seen.paths == []
        (site_copy / "content" / "index.md").write_text("# 改\n", encoding="utf-8")
        assert seen.changed.wait(5)


def test_a_folder_the_system_refuses_is_polled(
    tmp_path: Path, local: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    refusing = watcher.native_observer()
    assert refusing is not None  # Linux: inotify

    def refuse(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(refusing, "schedule", refuse)
    with watching(tmp_path) as (server, seen):
        server.observer = Watcher(server.observer.polling, lambda: refusing)
        watch = server.observer.schedule(seen, str(docs), recursive=True)
        assert server.observer.natively_watched() == []
        time.sleep(1)  # the polling's first look
        (docs / "b.md").write_text("# 丙\n", encoding="utf-8")
        assert seen.changed.wait(5)
        server.observer.unschedule(watch)
        assert server.observer.watches == {}
    refusing.stop()


def test_the_preview_starts_no_thread_before_it_watches_a_folder(
    tmp_path: Path, local: None
) -> None:
    # A running thread keeps a build from forking its helper (core/convertahead.py): the
    # preview's first build comes before anything is watched
    before = threading.active_count()
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert threading.active_count() == before
    try:
        server.observer.schedule(Seen(), str(tmp_path), recursive=True)
        assert threading.active_count() > before  # the system's watcher, now
    finally:
        server.observer.stop()
        server.observer.join(5)


def test_the_preview_watches_its_content_folder_by_the_system_on_a_local_disk(
    site: Path, local: None
) -> None:
    with watching(site) as (server, _):
        server.watch(str(site / "content"))
        server.watch(str(site / "mkdocs.yml"))
        assert server.observer.natively_watched() == [str(site / "content")]
        server.unwatch(str(site / "content"))
        assert server.observer.natively_watched() == []


def test_a_folder_with_a_link_inside_is_polled_and_a_linked_folder_is_watched_by_the_system(
    tmp_path: Path,
) -> None:
    # This machine's file systems decide, so only what holds on any of them is asserted
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    (docs / "study").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "shared.md").write_text("# 共用\n", encoding="utf-8")
    assert watcher.system_watchable(str(docs)) == watcher.system_watchable(str(elsewhere))
    (docs / "study" / "shared.md").symlink_to(elsewhere / "shared.md")
    assert not watcher.system_watchable(str(docs))  # its target's edits inotify never sees
    linked = tmp_path / "content"
    linked.symlink_to(docs / "study", target_is_directory=True)
    (docs / "study" / "shared.md").unlink()
    assert watcher.system_watchable(str(linked)) == watcher.system_watchable(str(elsewhere))


def test_a_linked_folder_is_watched_through_its_target(tmp_path: Path, local: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    linked = tmp_path / "content"
    linked.symlink_to(docs, target_is_directory=True)
    with watching(tmp_path) as (server, seen):
        server.observer.schedule(seen, str(linked), recursive=True)
        assert server.observer.natively_watched() == [str(docs)]
        (linked / "a.md").write_text("# 甲\n", encoding="utf-8")
        assert seen.changed.wait(5)
