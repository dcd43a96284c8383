"""Our page scripts ship as one file, `assets/dangjian/site.js`, joined in the order the
plugins listed them; a site's `custom_dir` still overrides any piece and its own scripts stay
separate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIECES = ("progress", "notices", "sidebar", "tables", "readaloud")  # dangjian-content's


def scripts(html: str) -> list[str]:
    """The scripts a page loads, without the page's own externalised inline scripts."""
    return [s for s in re.findall(r'<script src="([^"]+)"', html) if "/inline/" not in s]


def test_pages_load_our_scripts_as_one_file_after_materials_bundle(
    build: Callable[[], Path],
) -> None:
    out = build()
    loaded = scripts((out / "index.html").read_text(encoding="utf-8"))
    assert loaded[:2] == ["assets/dangjian/textsize.js", "assets/dangjian/dangjian.js"]
    assert re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", loaded[2])
    assert loaded[3:] == ["assets/dangjian/site.js"]
    joined = (out / "assets/dangjian/site.js").read_text(encoding="utf-8")
    positions = [joined.index(f"/* {name}.js */\n") for name in PIECES]
    assert positions == sorted(positions)
    for name in PIECES:
        piece = (ROOT / "theme/assets/dangjian" / f"{name}.js").read_text(encoding="utf-8")
        assert piece in joined
        assert not (out / "assets/dangjian" / f"{name}.js").exists()  # shipped once, joined
    # A deeper page names the same file
    deeper = next(p for p in out.rglob("*.html") if p.parent != out)
    assert scripts(deeper.read_text(encoding="utf-8"))[-1].endswith("/assets/dangjian/site.js")


def test_custom_dir_overrides_a_piece_and_the_sites_own_script_stays_apart(
    small_site: Path, build: Callable[[], Path]
) -> None:
    # The fixture's custom_dir is its own copy of our theme: changing a piece there overrides it
    (small_site / "theme/assets/dangjian/tables.js").write_text(
        "/* the branch's own tables */ window.ownTables = 1", encoding="utf-8"
    )
    (small_site / "content/js").mkdir()
    (small_site / "content/js/own.js").write_text("window.own = 1;\n", encoding="utf-8")
    config = small_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "extra_javascript:\n  - js/own.js\n",
        encoding="utf-8",
    )
    out = build()
    assert scripts((out / "index.html").read_text(encoding="utf-8"))[-2:] == [
        "js/own.js",
        "assets/dangjian/site.js",
    ]
    joined = (out / "assets/dangjian/site.js").read_text(encoding="utf-8")
    # The override, then `;` so that the next piece is not read as part of its last line
    assert "/* tables.js */\n/* the branch's own tables */ window.ownTables = 1\n;\n" in joined
    ours = (ROOT / "theme/assets/dangjian/tables.js").read_text(encoding="utf-8")
    assert ours not in joined
    assert (out / "js/own.js").read_text(encoding="utf-8") == "window.own = 1;\n"
    assert "window.own = 1" not in joined


def styles(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_pages_load_our_style_sheets_as_one_file_after_the_themes(
    build: Callable[[], Path],
) -> None:
    out = build()
    loaded = styles((out / "index.html").read_text(encoding="utf-8"))
    assert re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", loaded[0])
    assert loaded[2:] == [
        "assets/dangjian/base.css",
        "assets/dangjian/reading.css",
        "assets/dangjian/site.css",
    ]
    joined = (out / "assets/dangjian/site.css").read_text(encoding="utf-8")
    pieces = ("materials", "print")  # dangjian-content's, in the order it lists them
    positions = [joined.index(f"/* {name}.css */\n") for name in pieces]
    assert positions == sorted(positions)
    for name in pieces:
        piece = (ROOT / "theme/assets/dangjian" / f"{name}.css").read_text(encoding="utf-8")
        assert f"/* {name}.css */\n{piece}" in joined  # no `;` between rules
        assert not (out / "assets/dangjian" / f"{name}.css").exists()


def test_no_style_sheet_of_ours_needs_the_top_of_a_file() -> None:
    # `@import` and `@charset` count only at the top of a file: inside site.css they would not
    for sheet in (ROOT / "theme/assets/dangjian").glob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert "@import" not in text and "@charset" not in text, sheet.name


def test_only_a_run_of_ours_is_joined_and_the_sites_sheets_keep_their_place(
    small_site: Path, build: Callable[[], Path]
) -> None:
    (small_site / "theme/assets/dangjian/materials.css").write_text(
        ".branch-own-materials {}\n", encoding="utf-8"
    )
    (small_site / "content/css").mkdir()
    for name in ("first", "between"):
        (small_site / f"content/css/{name}.css").write_text(f".{name} {{}}\n", encoding="utf-8")
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # The site lists a sheet of its own, then one of ours, one more of its own, one of ours
    text += (
        "extra_css:\n  - css/first.css\n  - assets/dangjian/quiz.css\n"
        "  - css/between.css\n  - assets/dangjian/year.css\n"
    )
    config.write_text(text, encoding="utf-8")
    out = build()
    assert styles((out / "index.html").read_text(encoding="utf-8"))[4:] == [
        "css/first.css",
        "assets/dangjian/site.css",
        "css/between.css",
        "assets/dangjian/year.css",
        "assets/dangjian/materials.css",
        "assets/dangjian/print.css",
    ]
    joined = (out / "assets/dangjian/site.css").read_text(encoding="utf-8")
    assert joined.startswith("/* quiz.css */\n") and "/* year.css */" not in joined
    assert (out / "assets/dangjian/materials.css").read_text(encoding="utf-8") == (
        ".branch-own-materials {}\n"
    )
