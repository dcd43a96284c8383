"""The offline package: a built site as one reproducible zip with a manifest.

The zip holds one top-level folder `<site>-<version>/` (plus `-dirty-<hash>` when the
sources differ from the commit the version names) with the site, a Chinese landing
page `打开我.html` and `SHA256SUMS`. Entries are sorted, timestamps come from
SOURCE_DATE_EPOCH (the last commit), permissions are fixed: the same site gives the same bytes.
"""

from __future__ import annotations

import collections
import contextlib
import html
import itertools
import os
import re
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import ContentError, ErrorLog, ProblemsError
from ..core.git import git
from ..core.messages import msg
from ..core.output import make_folders, signals_held
from .manifest import MANIFEST, render_manifest, sha256, sha256_file, sidecar_path

LANDING = "打开我.html"

# Pages only a web server uses; from file:// they can never be shown
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold
FILE_MODE = 0o100644
DIR_MODE = 0o040755

# zlib level, measured on the 2,000-page benchmark site (96.6 MB, 4,481 files): level 9
# compresses in 4.2 s CPU to 23.27 MB, 6 in 2.3 s to 23.37 MB (+0.4%), 5 in 1.7 s to
# 23.93 MB (+2.9%). Beyond 6 the time nearly doubles for a tenth of a percent.
COMPRESS_LEVEL = 6

_UNSAFE = re.compile(r'[\s/\\:*?"<>|]+')


def slugify_name(site_name: str) -> str:
    """File-system friendly site name; Chinese is kept, separators and spaces become '-'."""
    slug = _UNSAFE.sub("-", site_name).strip("-.")
    return slug or "site"


def git_version(folder: Path) -> str:
    """`git describe --tags`, else `<commit date>-<short hash>`, else the build date."""

    described = (git(folder, "describe", "--tags") or "").strip()
    if described:
        return slugify_name(described)
    dated = (
        git(folder, "log", "-1", "--format=%cd-%h", "--date=format-local:%Y%m%d") or ""
    ).strip()
    if dated:
        return dated
    return time.strftime("%Y%m%d", time.gmtime(source_epoch()))


def source_state(folder: Path, outputs: Sequence[Path] = ()) -> str | None:
    """ "clean" when the sources are exactly a commit, "dirty" when they differ from it,
    None outside git. Output folders (`build/` and `outputs`) do not count."""
    excludes = [":(exclude)build"]
    for output in outputs:
        try:
            excludes.append(
                f":(exclude){output.resolve().relative_to(folder.resolve()).as_posix()}"
            )
        except ValueError:
            continue  # outside the sources
    status = git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".", *excludes)
    if status is None:
        return None
    return "dirty" if status.strip() else "clean"


def source_epoch() -> int:
    """SOURCE_DATE_EPOCH (set by the build from the last commit), clamped to zip's range."""
    try:
        value = int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH))
    except ValueError:
        value = ZIP_EPOCH
    return max(value, ZIP_EPOCH)


def landing_page(site_name: str) -> str:
    """The Chinese page at the top of the zip that leads to index.html (no script needed)."""
    name = html.escape(site_name)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="refresh" content="0; url=index.html">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{name}</title>\n</head>\n<body>\n"
        f"<h1>{name}</h1>\n"
        "<p>正在打开学习站……</p>\n"
        '<p>如果没有自动打开，请点击：<a href="index.html">进入学习站（index.html）</a></p>\n'
        "<p>请先把整个压缩包解压到一个文件夹，再打开本页；不需要联网。</p>\n"
        "</body>\n</html>\n"
    )


class SiteFiles(Mapping[str, bytes]):
    """The files of the zip: the site's read from disk when asked for, plus generated ones.

    A 20,000-page site is about 1 GB, more than a pack should hold in memory, so each file is
    read when it is scanned and again when it is compressed. Every read is checked against the
    digest taken when the pack began (the digest the manifest lists): a file changed meanwhile
    stops the pack instead of entering the zip unscanned or unlisted.
    """

    def __init__(
        self,
        site_dir: Path,
        digests: Mapping[str, str],
        sizes: Mapping[str, int],
        generated: Mapping[str, bytes] | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.digests = dict(digests)
        self.sizes = dict(sizes)
        self.generated = dict(generated or {})

    def plus(self, generated: Mapping[str, bytes]) -> SiteFiles:
        """These files and `generated` ones (landing page, manifest)."""
        return SiteFiles(self.site_dir, self.digests, self.sizes, {**self.generated, **generated})

    def size(self, rel: str) -> int:
        return len(self.generated[rel]) if rel in self.generated else self.sizes[rel]

    def __getitem__(self, rel: str) -> bytes:
        if rel in self.generated:
            return self.generated[rel]
        if rel not in self.digests:
            raise KeyError(rel)
        try:
            data = (self.site_dir / rel).read_bytes()
        except OSError:
            data = None
        if data is None or sha256(data) != self.digests[rel]:
            raise PackError([msg("pack_file_changed", path=rel)])
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self.digests, *self.generated}))

    def __len__(self) -> int:
        return len({*self.digests, *self.generated})


@dataclass
class PackResult:
    zip_path: Path
    sha256: str
    files: int
    bytes: int
    zip_bytes: int
    largest: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)  # about the build cache


@dataclass
class Package:
    """A built site on its way into `<folder>.zip`."""

    site_dir: Path
    site_name: str
    version: str
    epoch: int = ZIP_EPOCH
    state: str | None = "clean"  # of the sources, see `source_state`

    def folder(self, files: SiteFiles) -> str:
        """`<site>-<version>`; unless the version names these exact sources, the content's
        hash is added, so two different packages never share a name."""
        name = f"{slugify_name(self.site_name)}-{self.version}"
        if self.state == "clean":
            return name
        tag = sha256(files[MANIFEST])[:8]
        return f"{name}-dirty-{tag}" if self.state == "dirty" else f"{name}-{tag}"

    def site_files(self) -> list[str]:
        """Paths (relative to the site, '/'-separated, sorted) of the files that are packed."""
        found = []
        for path in self.site_dir.rglob("*"):
            rel = path.relative_to(self.site_dir).as_posix()
            if path.is_file() and rel not in SERVER_ONLY and rel not in (LANDING, MANIFEST):
                found.append(rel)
        return sorted(found)

    def site_contents(self) -> SiteFiles:
        """The packed files of the site (read when used), with their SHA-256 digests."""
        digests, sizes = {}, {}
        for rel in self.site_files():
            path = self.site_dir / rel
            digests[rel] = sha256_file(path)
            sizes[rel] = path.stat().st_size
        return SiteFiles(self.site_dir, digests, sizes)

    def contents(self, site: SiteFiles | None = None) -> SiteFiles:
        """Every file of the zip below the top folder, including landing page and manifest."""
        site = self.site_contents() if site is None else site
        landing = landing_page(self.site_name).encode("utf-8")
        entries = {**site.digests, LANDING: sha256(landing)}
        generated = {LANDING: landing, MANIFEST: render_manifest(entries.items()).encode("utf-8")}
        return site.plus(generated)

    def write(
        self,
        dist_dir: Path,
        files: SiteFiles | None = None,
        approve: Callable[[], None] = lambda: None,
    ) -> PackResult:
        """Write the zip and its `.sha256` into `dist_dir`, each replaced in one rename.

        `approve` runs once the zip is written aside, before it replaces anything: when it
        raises, nothing is left behind.
        """
        made = [folder for folder in (dist_dir, *dist_dir.parents) if not folder.exists()]
        make_folders(dist_dir)
        files = self.contents() if files is None else files
        folder = self.folder(files)
        target = dist_dir / f"{folder}.zip"
        fd, temp = tempfile.mkstemp(prefix=".pack-", suffix=".zip", dir=dist_dir)
        os.close(fd)
        try:
            self._zip(folder, files, Path(temp))
            try:
                approve()
            except BaseException:
                os.unlink(temp)
                for empty in made:  # a refused pack leaves no trace (deepest folder first)
                    with contextlib.suppress(OSError):
                        empty.rmdir()
                raise
            os.chmod(temp, 0o644)
            digest = sha256_file(Path(temp))
            sidecar = sidecar_path(target)
            with signals_held():  # a zip without its matching sidecar would fail verify
                os.replace(temp, target)
                sidecar.write_text(f"{digest}  {target.name}\n", encoding="utf-8")
                os.chmod(sidecar, 0o644)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        sizes = sorted(((rel, files.size(rel)) for rel in files), key=lambda x: (-x[1], x[0]))
        return PackResult(
            zip_path=target,
            sha256=digest,
            files=len(files),
            bytes=sum(size for _, size in sizes),
            zip_bytes=target.stat().st_size,
            largest=sizes[:10],
        )

    def _zip(self, folder: str, files: SiteFiles, path: Path) -> None:
        stamp = time.gmtime(self.epoch)[:6]
        folders = {folder}
        for rel in files:
            parts = rel.split("/")[:-1]
            folders.update(f"{folder}/{'/'.join(parts[:i])}" for i in range(1, len(parts) + 1))
        entries = [(name + "/", None) for name in folders]
        entries += [(f"{folder}/{rel}", rel) for rel in files]
        entries.sort(key=lambda entry: entry[0])
        # Files are read, checked and compressed by threads (zlib and hashlib let go of the
        # GIL), a few ahead of the one being written, in order
        workers = min(4, os.cpu_count() or 1)
        with zipfile.ZipFile(path, "w") as archive, ThreadPoolExecutor(workers) as pool:
            # Each entry's compression is submitted when it is taken from `jobs`
            jobs: Iterator[tuple[str, Future | None]] = (
                (name, None if rel is None else pool.submit(_deflate, files, rel))
                for name, rel in entries
            )
            ahead = collections.deque(itertools.islice(jobs, 4 * workers))
            while ahead:
                name, compressing = ahead.popleft()
                ahead.extend(itertools.islice(jobs, 1))
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # unix, so the permission bits are honoured
                if compressing is None:
                    info.external_attr = (DIR_MODE << 16) | 0x10
                    archive.writestr(info, b"")
                else:
                    info.external_attr = FILE_MODE << 16
                    _write_deflated(archive, info, *compressing.result())


def _deflate(files: SiteFiles, rel: str) -> tuple[int, int, bytes]:
    """The file's size, CRC-32 and raw deflate stream, as `zipfile` would compress it."""
    data = files[rel]
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return len(data), zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _write_deflated(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, crc: int, deflated: bytes
) -> None:
    """The same bytes as `archive.writestr(info, data, compresslevel=COMPRESS_LEVEL)` with
    ZIP_DEFLATED, from data compressed already (by `_deflate`, in another thread).

    `zipfile` has no public way to add compressed data; this follows `ZipFile.writestr` on a
    seekable file, and `tests/offline/test_package.py` checks it gives the same zip.
    """
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.CRC, info.compress_size = size, crc, len(deflated)
    info.flag_bits = 0
    zip64 = size * 1.05 > zipfile.ZIP64_LIMIT
    archive.fp.seek(archive.start_dir)  # type: ignore[union-attr]
    info.header_offset = archive.fp.tell()  # type: ignore[union-attr]
    archive._writecheck(info)  # type: ignore[attr-defined]
    archive._didModify = True  # type: ignore[attr-defined]
    archive.fp.write(info.FileHeader(zip64))  # type: ignore[union-attr]
    archive.fp.write(deflated)  # type: ignore[union-attr]
    archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


class PackError(ProblemsError):
    """The site cannot be packed; `problems` are lines for the editor, in Chinese."""

    def __init__(self, problems: list[str], findings: list | None = None) -> None:
        super().__init__(problems)
        self.findings = findings or []  # the scan's ContentErrors, paths relative to the site


def pack_built_site(config, site_dir: Path, dist_dir: Path) -> PackResult:
    """Scan a built site for outside requests and write its zip. Raises `PackError`.

    The files not scanned before are scanned in a second process while this one compresses
    (`sitescan.py`); the zip replaces nothing until the scan has found no problem.
    """
    from ..core.paths import display_path, site_root
    from .config import offline_options
    from .sitescan import SiteScan, scan_cache

    root = Path(site_root(config))
    state = source_state(root, (site_dir, dist_dir))
    package = Package(site_dir, config.site_name, git_version(root), source_epoch(), state)
    allow = offline_options(config).allow_external
    site = package.site_contents()
    scanning = SiteScan(site, allow, scan_cache(config, allow))
    log = ErrorLog()

    def approve() -> None:
        problems = scanning.result(log, str(root))
        if problems:
            shown = display_path(site_dir, root)
            lines = [f"{shown}/{problem}" for problem in problems]
            raise PackError(lines, problems)

    if not scanning.in_background:
        approve()  # refuse before writing anything
    try:
        result = package.write(dist_dir, package.contents(site), approve)
    finally:
        scanning.cancel()
    result.warnings = log.warnings
    return result
