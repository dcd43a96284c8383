"""`dangjian localize`: download the outside pictures and files pages use, and link them locally.

Every download is checked twice before it is kept: the server's Content-Type must name a
picture or document (or be the generic `application/octet-stream`), and the first bytes must
be one. Each address is fetched once; files are stored by content (`img/<hash12>.<ext>` next to
the page), so the same picture under two addresses is stored once.
"""

from __future__ import annotations

import hashlib
import html
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.external import MediaRef, extension, find_external_media
from ..core.frontmatter import decode
from ..core.messages import msg
from ..core.paths import display_path
from .assets import DOCUMENT_TYPES, IMAGE_TYPES, OFFICE_EXTENSIONS, sniff, store

GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "")
USER_AGENT = "dangjian-localize"


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg_, headers, newurl):  # noqa: ANN001, ANN201
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect", headers, fp)
        return super().redirect_request(req, fp, code, msg_, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnlyRedirects)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 20.0


class FetchError(Exception):
    """A download that is not kept; carries the Chinese reason."""


@dataclass
class Report:
    found: int = 0
    rewritten: int = 0
    files: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def fetch(url: str, limits: Limits) -> tuple[bytes, str]:
    """Download `url` (redirects followed) and return its bytes and file extension."""
    if url.startswith("//"):
        url = "https:" + url
    request = urllib.request.Request(html.unescape(url), headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=limits.timeout) as response:
            kind = (
                response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            )
            if kind not in IMAGE_TYPES and kind not in DOCUMENT_TYPES and kind not in GENERIC_TYPES:
                raise FetchError(msg("localize_not_media", kind=kind))
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limits.max_bytes:
                raise FetchError(msg("localize_too_large", limit=_mb(limits)))
            data = response.read(limits.max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(msg("localize_http", status=exc.code)) from None
    except TimeoutError:
        raise FetchError(msg("localize_timeout", seconds=f"{limits.timeout:g}")) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(msg("localize_timeout", seconds=f"{limits.timeout:g}")) from None
        raise FetchError(msg("localize_network", reason=exc.reason)) from None
    except (OSError, ValueError) as exc:
        raise FetchError(msg("localize_network", reason=exc)) from None
    if len(data) > limits.max_bytes:
        raise FetchError(msg("localize_too_large", limit=_mb(limits)))
    hint = IMAGE_TYPES.get(kind) or DOCUMENT_TYPES.get(kind) or extension(url)
    ext = sniff(data, hint if hint in OFFICE_EXTENSIONS else "")
    if ext is None:
        raise FetchError(msg("localize_not_media", kind=kind or extension(url) or "?"))
    return data, ext


def _mb(limits: Limits) -> str:
    return f"{limits.max_bytes / 1024 / 1024:g}"


def rewrite(text: str, changes: dict[tuple[int, str], str]) -> str:
    """Replace each (file line, url) with its local link, on that line only."""
    lines = text.split("\n")
    for (number, url), local in changes.items():
        index = number - 1
        lines[index] = lines[index].replace(url, local)
    return "\n".join(lines)


def markdown_files(docs: Path, only: list[Path] | None = None) -> list[Path]:
    """Markdown pages under `docs`, or only those at or below the paths in `only`."""
    pages = sorted(p for p in docs.rglob("*.md") if p.is_file())
    if not only:
        return pages
    wanted = [path.resolve() for path in only]
    return [p for p in pages if any(p.resolve().is_relative_to(w) for w in wanted)]


class _Localizer:
    """Walks the pages; remembers each address's download so it is fetched once."""

    def __init__(self, limits: Limits, dry_run: bool, on_line: Callable[[str], None]) -> None:
        self.limits = limits
        self.dry_run = dry_run
        self.on_line = on_line
        self.report = Report()
        self.downloads: dict[str, tuple[bytes, str] | FetchError] = {}

    def page(self, page: Path) -> None:
        name = display_path(page)
        text, _ = decode(name, page.read_bytes())
        if text is None:
            return
        refs = find_external_media(text)
        self.report.found += len(refs)
        changes: dict[tuple[int, str], str] = {}
        for ref in refs:
            line = self.reference(ref, f"{name}:{ref.line}", page.parent, changes)
            self.report.lines.append(line)
            self.on_line(line)
        if changes:
            page.write_text(rewrite(text, changes), encoding="utf-8")

    def reference(
        self, ref: MediaRef, where: str, folder: Path, changes: dict[tuple[int, str], str]
    ) -> str:
        if self.dry_run:
            kind = "图片" if ref.kind == "image" else "文件"
            return msg("localize_found", where=where, kind=kind, url=ref.url)
        if ref.url not in self.downloads:
            try:
                self.downloads[ref.url] = fetch(ref.url, self.limits)
            except FetchError as exc:
                self.downloads[ref.url] = exc
        result = self.downloads[ref.url]
        if isinstance(result, FetchError):
            self.report.failed += 1
            return msg("localize_failed", where=where, url=ref.url, reason=result)
        local = store(folder, *result)
        changes[(ref.line, ref.url)] = local
        self.report.rewritten += 1
        return msg("localize_saved", where=where, url=ref.url, file=local)


def localize_site(
    docs: Path,
    limits: Limits,
    *,
    dry_run: bool = False,
    on_line: Callable[[str], None] = print,
    only: list[Path] | None = None,
) -> Report:
    """Localize the Markdown pages under `docs` (or `only` some); one report line per reference."""
    localizer = _Localizer(limits, dry_run, on_line)
    for page in markdown_files(docs, only):
        localizer.page(page)
    stored = {
        hashlib.sha256(v[0]).hexdigest()
        for v in localizer.downloads.values()
        if isinstance(v, tuple)
    }
    localizer.report.files = len(stored)
    return localizer.report
