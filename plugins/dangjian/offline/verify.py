"""`dangjian verify`: is a zip exactly the pack its SHA256SUMS (and `.sha256`) describe?

Every entry must have a safe name, sit under the one top folder, appear once, be listed in
SHA256SUMS and match its digest; every listed file must be present. Anything else is named
in one Chinese line. A damaged zip is reported, never raised.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from ..core.archive import InflateLimits, inflate_problems, shown_name, unsafe_entry_name
from ..core.messages import msg
from .manifest import MANIFEST, ManifestError, parse_manifest, sha256_file, sidecar_path

# A pack is a static site: generous, but a crafted zip cannot make verify inflate gigabytes
PACK_LIMITS = InflateLimits(
    entries=200_000, entry_bytes=512 * 1024**2, total_bytes=4 * 1024**3, ratio=500
)
MANIFEST_MAX_BYTES = 64 * 1024**2

# What reading a damaged or crafted member can raise
_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # encrypted entry
    NotImplementedError,  # unknown compression method
    zlib.error,
)


def verify_zip(zip_path: Path) -> tuple[list[str], int]:
    """Check a pack against its `.sha256` file and its inner SHA256SUMS.

    Returns (problems in Chinese, number of files checked). No problems means intact.
    """
    if not zip_path.is_file():
        return [msg("verify_missing_zip", path=zip_path)], 0
    problems = _sidecar_problems(zip_path)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            found, checked = _archive_problems(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return [*problems, msg("zip_not_a_zip", path=zip_path.name)], 0
    return problems + found, checked


def _sidecar_problems(zip_path: Path) -> list[str]:
    sidecar = sidecar_path(zip_path)
    if not sidecar.is_file():
        return [msg("verify_no_sidecar", path=sidecar.name)]
    expected = sidecar.read_text(encoding="utf-8", errors="replace").split()
    if not expected or expected[0].lower() != sha256_file(zip_path):
        return [msg("verify_zip_changed", path=sidecar.name)]
    return []


def _archive_problems(archive: zipfile.ZipFile) -> tuple[list[str], int]:
    infos = archive.infolist()
    problems = inflate_problems(infos, PACK_LIMITS)
    if problems:
        return problems, 0
    counts = Counter(info.orig_filename for info in infos)
    safe = [info for info in infos if not unsafe_entry_name(info.orig_filename)]
    problems += _name_problems(infos, counts)
    manifests = [
        info
        for info in safe
        if info.orig_filename.count("/") == 1 and info.orig_filename.endswith("/" + MANIFEST)
    ]
    if len(manifests) != 1:
        shown = "、".join(sorted({info.orig_filename for info in manifests}))
        many = msg("verify_many_manifests", names=shown)
        return [*problems, many if manifests else msg("verify_no_manifest")], 0
    manifest = manifests[0]
    top = manifest.orig_filename.split("/", 1)[0] + "/"
    problems += [
        msg("zip_outside_top", name=shown_name(info.orig_filename), top=top)
        for info in safe
        if not info.orig_filename.startswith(top)
    ]
    listed, manifest_problems = _read_manifest(archive, manifest)
    problems += manifest_problems
    if listed is None:
        return problems, 0
    present = {
        info.orig_filename.removeprefix(top): info
        for info in safe
        if info.orig_filename.startswith(top)
        and info is not manifest
        and not info.is_dir()
        and counts[info.orig_filename] == 1
    }
    for name in sorted(set(listed) - present.keys()):
        if counts[top + name] == 0:
            problems.append(msg("verify_file_missing", file=shown_name(top + name)))
    for name in sorted(present.keys() - set(listed)):
        problems.append(msg("verify_file_extra", file=shown_name(top + name)))
    for name in sorted(present.keys() & set(listed)):
        if _digest(archive, present[name]) != listed[name]:
            problems.append(msg("verify_file_changed", file=shown_name(top + name)))
    return problems, len(listed)


def _name_problems(infos: list[zipfile.ZipInfo], counts: Counter[str]) -> list[str]:
    """Unsafe names (as stored) and names that occur more than once."""
    unsafe = [
        msg("zip_unsafe_name", name=shown_name(info.orig_filename))
        for info in infos
        if unsafe_entry_name(info.orig_filename)
    ]
    duplicates = [
        msg("zip_duplicate", name=shown_name(name), count=count)
        for name, count in counts.items()
        if count > 1
    ]
    return unsafe + duplicates


def _read_manifest(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo
) -> tuple[dict[str, str] | None, list[str]]:
    if info.file_size > MANIFEST_MAX_BYTES:
        return None, [msg("verify_file_changed", file=shown_name(info.orig_filename))]
    try:
        listed = parse_manifest(archive.read(info).decode("utf-8"))
    except ManifestError as exc:
        return None, [str(exc)]
    except UnicodeDecodeError:
        return None, [msg("verify_manifest_not_utf8")]
    except _READ_ERRORS:
        return None, [msg("verify_file_changed", file=shown_name(info.orig_filename))]
    unsafe = sorted(name for name in listed if unsafe_entry_name(name))
    return listed, [msg("verify_manifest_unsafe", name=shown_name(name)) for name in unsafe]


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """Digest of one member read in blocks, or None when it cannot be read back intact."""
    digest = hashlib.sha256()
    try:
        with archive.open(info) as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except _READ_ERRORS:
        return None
    return digest.hexdigest()
