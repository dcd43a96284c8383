"""`dangjian serve` serves the page just edited while the rest of the site is still being
built (`core/early.py`, `preview.py`), and the last complete site meanwhile."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from dangjian.preview import PreviewServer, kept_between_builds, preview_build

from .test_cache import CHANGES

EDITED = "study/alpha/a1.html"  # the page CHANGES["page text"] edits
OTHER = "study/alpha/a2.html"


RELOAD_SCRIPT = re.compile(
    rb"<script>\nvar livereload = .*?\nlivereload\((\d+), \d+\);\n</script>", re.S
)


def page(body: bytes) -> tuple[bytes, int]:
    """A served page without the live-reload script MkDocs' server adds, and the epoch the
    script waits to move past."""
    scripts = RELOAD_SCRIPT.findall(body)
    assert len(scripts) == 1, body[-300:]
    return RELOAD_SCRIPT.sub(b"", body), int(scripts[0])


def get(server: PreviewServer, path: str) -> tuple[str, bytes]:
    """What the server answers to GET `path`, as its request threads do."""
    answer: dict[str, str] = {}

    def start_response(status: str, headers: list, exc_info=None) -> None:
        answer["status"] = status

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    body = b"".join(server.serve_request(environ, start_response))
    return answer["status"], body


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    site = tmp_path / "preview" / "site"
    site.mkdir(parents=True)
    preview = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    preview._watched_paths = {"content": 1}  # as once watching: pages get the reload script
    try:
        yield preview
    finally:
        preview.server_close()


def test_the_edited_page_is_served_while_the_rest_is_built(
    site: Path, server: PreviewServer
) -> None:
    preview = Path(server.root)
    seen: dict[str, object] = {}
    with kept_between_builds() as early:
        preview_build(site / "mkdocs.yml", preview)
        before = {path: (preview / path).read_bytes() for path in (EDITED, OTHER)}
        CHANGES["page text"](site)

        def show(dest_uri: str, output: bytes) -> None:  # the build is held until it returns
            server.show_early(dest_uri, output)
            seen["epoch"] = server._visible_epoch
            seen["edited"] = get(server, "/" + EDITED)
            seen["other"] = get(server, "/" + OTHER)
            seen["poll"] = get(server, f"/livereload/{started}/1")  # answers at once

        early.publish = show
        started = server._visible_epoch
        server._wanted_epoch = started + 1  # as MkDocs' build loop does as a build starts
        preview_build(site / "mkdocs.yml", preview)
        server.build_ended(reload=early.others)
    epoch = seen["epoch"]
    assert epoch == started + 1
    assert seen["poll"] == ("200 OK", b"%d" % epoch)  # browsers showing the site reload
    after = (preview / EDITED).read_bytes()
    assert after != before[EDITED] and "遵义会议的学习体会".encode() in after
    assert seen["edited"][0] == seen["other"][0] == "200 OK"
    assert page(seen["edited"][1]) == (after, epoch)
    assert page(seen["other"][1]) == (before[OTHER], epoch)
    # Another page changed too (b1's related materials follow a1's key terms): the browsers
    # reload once more, when MkDocs' build loop makes this epoch visible
    assert early.others and server._wanted_epoch == epoch + 1 and server.early == {}
    server._visible_epoch = server._wanted_epoch
    assert page(get(server, "/" + EDITED)[1]) == (after, epoch + 1)  # from the new site


def blank_lines(site: Path) -> None:
    """An edit that changes no page but the edited one (whose output is the same, even)."""
    source = site / "content" / "study" / "alpha" / "a1.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "others"),
    [(blank_lines, False), (CHANGES["page title"], True)],  # a title is in other pages' nav
    ids=["blank lines", "page title"],
)
def test_the_browsers_reload_again_only_if_other_pages_changed(
    site: Path, server: PreviewServer, change, others: bool
) -> None:
    preview = Path(server.root)
    shown = []
    with kept_between_builds() as early:
        preview_build(site / "mkdocs.yml", preview)
        change(site)
        early.publish = lambda dest, output: (shown.append(dest), server.show_early(dest, output))
        server._wanted_epoch += 1
        preview_build(site / "mkdocs.yml", preview)
        shown_at = server._visible_epoch
        server.build_ended(reload=early.others)
    assert shown == [EDITED] and early.others == others
    assert server._wanted_epoch == shown_at + others


def test_a_file_missing_from_the_last_site_waits_for_the_build(server: PreviewServer) -> None:
    """Such as an image added with the edited page that shows it."""
    root = Path(server.root)
    server._wanted_epoch += 1
    server.show_early(EDITED, b"<html><body><img src=new.png></body></html>")
    answers = []
    asking = threading.Thread(target=lambda: answers.append(get(server, "/study/alpha/new.png")))
    asking.start()
    asking.join(timeout=0.5)
    assert asking.is_alive()  # held, not a 404
    (root / "study" / "alpha").mkdir(parents=True)
    (root / "study" / "alpha" / "new.png").write_bytes(b"PNG")
    server.build_ended(reload=False)
    asking.join(timeout=10)
    assert answers == [("200 OK", b"PNG")]


def test_a_build_failing_after_a_page_was_shown_reloads_the_browsers(
    server: PreviewServer,
) -> None:
    server.problems = ["content/a.md:1: 旧问题"]
    server._wanted_epoch += 1
    server.show_early(EDITED, b"<html><body>new</body></html>")
    assert server.problems == []  # shown only once every problem is reported: none
    shown_at = server._visible_epoch
    server.build_ended(reload=True)
    assert server._wanted_epoch > shown_at and server.early == {}
    server._visible_epoch = server._wanted_epoch  # as MkDocs' build loop does next
    assert get(server, "/" + EDITED)[0].startswith("404")  # the page of the last site: none
