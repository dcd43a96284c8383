"""QR codes: SVG drawn at build time for the page's absolute address, deterministic."""

from __future__ import annotations

import segno
from dangjian.year.qr import MASK, page_qr_svg

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
