"""dangjian-offline's rewrites: marked outside links, inline scripts moved to files."""

from __future__ import annotations

import posixpath

from dangjian.offline.plugin import page_root
from dangjian.offline.rewrite import mark_external_link, patch_material_bundle, rewrite_html
from dangjian.offline.scan import scan_html


def test_mark_external_link_adds_class_once() -> None:
    assert mark_external_link('<a href="https://e.org/">') == (
        '<a class="dj-external" href="https://e.org/">'
    )
    assert mark_external_link('<a class="x" href="h">') == '<a class="x dj-external" href="h">'
    assert mark_external_link('<a class="dj-external" href="h">') == (
        '<a class="dj-external" href="h">'
    )


def test_rewrite_marks_outside_links_only() -> None:
    html = '<p><a href="https://e.org/">外</a> <a href="b.html">内</a></p>'
    out, scripts = rewrite_html(html, ".")
    assert (
        out == '<p><a class="dj-external" href="https://e.org/">外</a> <a href="b.html">内</a></p>'
    )
    assert scripts == {}
    assert scan_html("p.html", out) == []


def test_inline_scripts_become_files_relative_to_the_page() -> None:
    html = (
        '<head><script>var a = "<b>";</script></head>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script src="x.js"></script><script>var a = "<b>";</script>'
    )
    out, scripts = rewrite_html(html, "../..")
    assert len(scripts) == 1
    ((path, code),) = scripts.items()
    assert path.startswith("assets/dangjian/inline/") and code == 'var a = "<b>";'
    assert out.count(f'<script src="../../{path}"></script>') == 2
    assert '<script id="__config" type="application/json">{"a": 1}</script>' in out
    assert '<script src="x.js"></script>' in out


def test_page_root() -> None:
    assert page_root("index.html") == "."
    assert page_root("study/topic/a.html") == "../.."
    for dest in ("404.html", "a/index.html", "a b/c/d/e.html", "学习/专题/index.html"):
        assert page_root(dest) == posixpath.relpath(".", posixpath.dirname(dest) or ".")


def test_material_bundle_loads_polyfill_from_the_site() -> None:
    js = 'x?_t("https://unpkg.com/resize-observer-polyfill"):$(void 0)'
    out = patch_material_bundle(js)
    assert "unpkg" not in out
    assert 'new URL("assets/dangjian/vendor/resize-observer-polyfill.js",__md_scope).href' in out
