"""The icons our defaults give Material (theme/.icons/dangjian/) are spans that base.css paints
with the paths of Material's own icons: checked against the installed Material, and no page
of the sample site carries an inline SVG for them."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
from dangjian.core import defaults
from dangjian.site import build_site

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "theme" / ".icons" / "dangjian"
MATERIAL = (
    Path(importlib.metadata.distribution("mkdocs-material").locate_file("material"))
    / "templates"
    / ".icons"
    / "material"
)
_RULE_RE = re.compile(
    r"\.dj-icon--([a-z0-9-]+) \{\s*--dj-icon: url\(\"data:image/svg\+xml;charset=utf-8,([^\"]+)\"\);"
)


def _css_icons() -> dict[str, str]:
    css = (ROOT / "theme" / "assets" / "dangjian" / "base.css").read_text(encoding="utf-8")
    return dict(_RULE_RE.findall(css))


def test_each_icon_is_a_span_painted_with_material_s_own_path() -> None:
    painted = _css_icons()
    names = sorted(path.stem for path in OURS.glob("*.svg"))
    assert names == sorted(painted) and len(names) >= 8
    for name in names:
        snippet = (OURS / f"{name}.svg").read_text(encoding="utf-8").strip()
        assert snippet == f'<span class="dj-icon dj-icon--{name}"></span>'
        material = (MATERIAL / f"{name}.svg").read_text(encoding="utf-8").strip()
        assert painted[name] == material.replace('"', "'"), name


def test_every_icon_the_theme_names_is_ours() -> None:
    named = list(defaults.THEME["icon"].values())
    named += [option["toggle"]["icon"] for option in defaults.THEME["palette"]]
    search = (ROOT / "theme" / "partials" / "search.html").read_text(encoding="utf-8")
    named += re.findall(r'include "\.icons/([a-z/-]+)\.svg"', search)
    assert len(named) >= 9
    for name in named:
        folder, _, icon = name.partition("/")
        assert folder == "dangjian" and (OURS / f"{icon}.svg").is_file(), name


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("icons") / "site"
    build_site(ROOT / "mkdocs.yml", site)
    return site


def test_pages_carry_no_inline_svg_in_header_footer_or_search(built_sample: Path) -> None:
    page = (built_sample / "study" / "baomi" / "weixin-baomi.html").read_text(encoding="utf-8")
    chrome = re.sub(r"<article.*?</article>", "", page, flags=re.S)
    assert "<svg" not in chrome
    shown = set(re.findall(r'<span class="dj-icon dj-icon--([a-z0-9-]+)"></span>', chrome))
    assert shown == set(_css_icons())
