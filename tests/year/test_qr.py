"""QR codes: SVG drawn at build time for the page's absolute address, deterministic."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import segno
from dangjian.core.cache import CACHE_DIR, STORE
from dangjian.core.errors import ErrorLog
from dangjian.core.messages import msg
from dangjian.year.qr import MASK, NAMESPACE, QrCodes, page_qr_svg

SITE = "https://dangjian.example.org/"


def test_qr_svg_is_for_the_page_address_and_deterministic() -> None:
    svg = page_qr_svg(SITE, "notices/2026/a.html", "本页网址 <二维码>")
    assert svg.startswith("<svg") and "<title>本页网址 &lt;二维码&gt;</title>" in svg
    assert 'class="dj-qr__code"' in svg and "http" not in svg.split("<title>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert svg == page_qr_svg(SITE, "notices/2026/a.html", "本页网址 <二维码>")
    assert svg != page_qr_svg(SITE, "notices/2026/b.html", "本页网址 <二维码>")
    # The modules are those of the absolute address (site_url joined with the page URL)
    assert _path(svg) == _path(_segno_svg(SITE + "notices/2026/a.html"))
    assert _path(svg) != _path(_segno_svg("notices/2026/a.html"))


def _segno_svg(address: str) -> str:
    import io

    out = io.BytesIO()
    segno.make(address, error="m", micro=False, mask=MASK).save(out, kind="svg", scale=3, border=2)
    return out.getvalue().decode()


def _path(svg: str) -> str:
    return svg.split(' d="', 1)[1].split('"', 1)[0]


def _config(root: Path) -> SimpleNamespace:
    """What the build cache reads of a build's configuration: mkdocs.yml, an output inside."""
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), site_dir=str(root / "site"))


def test_qr_codes_are_kept_in_the_build_cache_and_read_from_it(tmp_path: Path) -> None:
    config = _config(tmp_path)
    codes = QrCodes(config)
    first = codes.svg(SITE, "notices/2026/a.html", "本页网址二维码")
    assert first == page_qr_svg(SITE, "notices/2026/a.html", "本页网址二维码")
    log = ErrorLog()
    codes.finish(log, str(tmp_path))
    assert log.warnings == []
    # A stored code is what the next build shows: poison it, and the poison is shown
    store = tmp_path / CACHE_DIR / NAMESPACE / STORE
    with sqlite3.connect(store) as db:
        record = json.loads(db.execute("SELECT record FROM entries").fetchone()[0])
        record["value"] = "<svg>伪造</svg>"
        db.execute("UPDATE entries SET record=?", (json.dumps(record, ensure_ascii=False),))
    db.close()
    again = QrCodes(config)
    assert again.svg(SITE, "notices/2026/a.html", "本页网址二维码") == "<svg>伪造</svg>"
    # Another address or label is another code
    assert again.svg(SITE, "notices/2026/b.html", "本页网址二维码") == page_qr_svg(
        SITE, "notices/2026/b.html", "本页网址二维码"
    )
    again.finish(ErrorLog(), str(tmp_path))


def test_a_damaged_qr_entry_is_drawn_again_with_a_warning(tmp_path: Path) -> None:
    config = _config(tmp_path)
    codes = QrCodes(config)
    codes.svg(SITE, "notices/2026/a.html", "本页网址二维码")
    codes.finish(ErrorLog(), str(tmp_path))
    with sqlite3.connect(tmp_path / CACHE_DIR / NAMESPACE / STORE) as db:
        db.execute('UPDATE entries SET record=\'{"format": "other"}\'')
    db.close()
    again = QrCodes(config)
    assert again.svg(SITE, "notices/2026/a.html", "本页网址二维码") == page_qr_svg(
        SITE, "notices/2026/a.html", "本页网址二维码"
    )
    log = ErrorLog()
    again.finish(log, str(tmp_path))
    assert [w.message for w in log.warnings] == [
        msg("cache_rejected", path=f"{CACHE_DIR}/{NAMESPACE}", count=1)
    ]
