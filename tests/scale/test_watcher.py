"""`dangjian serve`'s file watcher waits while a build runs (its polling took Python's lock
from the build, which then took twice as long) and finds what was saved meanwhile after it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dangjian.preview import PreviewServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler


class Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))
            self.changed.set()


def test_the_watcher_waits_for_the_build_and_then_sees_what_was_saved(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_text("# 甲\n", encoding="utf-8")
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    seen = Seen()
    server.observer.schedule(seen, str(docs), recursive=True)
    server.observer.start()
    try:
        time.sleep(1)  # its first look
        server.idle.clear()  # a build starts
        page.write_text("# 乙\n", encoding="utf-8")
        assert not seen.changed.wait(2.5)  # five of its half-second looks: none taken
        server.idle.set()  # the build has ended
        assert seen.changed.wait(5)
        assert str(page) in seen.paths
    finally:
        server.idle.set()
        server.observer.stop()
        server.observer.join(5)
