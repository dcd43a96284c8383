"""Parts of a page that depend on it only through its folder (Material's navigation and tabs for
pages outside the navigation, styles, script settings, scripts), rendered once a folder:
the site is what rendering them for every page gives, and our copies are Material's."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from dangjian.core.fragments import Fragments

from .test_cache import assert_same_tree, cold

THEME = Path(__file__).resolve().parents[2] / "theme"
MATERIAL = Path(material.__file__).parent / "templates"


@pytest.mark.parametrize("kind", ["nav", "tabs"])
def test_our_partials_hold_materials_own(kind: str) -> None:
    ours = (THEME / "partials" / f"{kind}.html").read_text(encoding="utf-8")
    copy = ours.split("{#- material -#}\n", 1)[1].split("{#- /material -#}", 1)[0]
    original = (MATERIAL / "partials" / f"{kind}.html").read_text(encoding="utf-8")
    # Material's file starts with a comment that it is generated
    assert copy == original.split("-#}\n", 1)[1]


@pytest.mark.parametrize("limit", [1, 100])
def test_site_is_what_rendering_them_for_every_page_gives(
    site: Path, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above `limit` materials a topic's materials leave the navigation too
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  - dangjian-content\n", f"  - dangjian-content:\n      nav_materials_limit: {limit}\n"
    )
    config.write_text(text, encoding="utf-8")
    calls = {"kept": 0, "printed": 0}
    key, keep = Fragments.key, Fragments.keep

    def counting_key(self: Fragments, kind: str, page):
        found = key(self, kind, page)
        calls["printed"] += found in self.kept
        return found

    def counting_keep(self: Fragments, found, html: str) -> str:
        calls["kept"] += 1
        return keep(self, found, html)

    monkeypatch.setattr(Fragments, "key", counting_key)
    monkeypatch.setattr(Fragments, "keep", counting_keep)
    shared = cold(site, "shared")
    printed = calls["printed"]
    monkeypatch.setattr(Fragments, "key", lambda self, kind, page: None)
    assert_same_tree(shared, cold(site, "each"))
    # Pages outside the navigation (notices, and materials above the limit) printed what an
    # earlier page of their folder kept
    assert printed >= 4 and calls["kept"] >= 2
