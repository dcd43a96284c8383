"""QR codes of page addresses, drawn at build time as inline SVG (no request, no script).

Encoding a code is the costly part of a notice page's template data, and its SVG depends only
on the address, the label and segno's version: `QrCodes` keeps each one in the build cache.
"""

from __future__ import annotations

import io
from urllib.parse import urljoin

import segno
from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from ..core.errors import ErrorLog

MASK = 4
NAMESPACE = "qr-codes"


def page_qr_svg(site_url: str, page_url: str, title: str) -> str:
    """SVG markup of a QR code for the page's absolute address; `title` labels it."""
    address = urljoin(site_url, page_url)
    # A fixed mask pattern (valid for every reader) skips scoring all eight: ~6x faster,
    # which matters on sites with thousands of notices
    code = segno.make(address, error="m", micro=False, mask=MASK)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=3,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="dj-qr__code",
        lineclass=None,
        omitsize=False,
    )
    return out.getvalue().decode("utf-8")


def _valid(value: object) -> bool:
    return isinstance(value, str) and value.startswith("<svg")


class QrCodes:
    """`page_qr_svg` of this build, from `build/.cache/pages/qr-codes/` where already drawn."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.cache = PageCache.for_build(config, NAMESPACE, _valid)

    def svg(self, site_url: str, page_url: str, title: str) -> str:
        key = self.cache.key(segno.__version__, str(MASK), site_url, page_url, title)
        found = self.cache.get_or_compute(key, lambda: page_qr_svg(site_url, page_url, title))
        return found  # type: ignore[return-value]

    def finish(self, log: ErrorLog, root: str) -> None:
        """End of a build: warn about a damaged cache, drop the codes no page showed."""
        self.cache.finish(log, root)
