"""SHA256SUMS manifests (the `sha256sum` format) and checking a zip against them."""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..core.messages import msg

MANIFEST = "SHA256SUMS"
SIDECAR_SUFFIX = ".sha256"

_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render_manifest(entries: Iterable[tuple[str, str]]) -> str:
    """`sha256sum` lines for (path, hex digest) pairs, sorted by path."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(entries))


class ManifestError(ValueError):
    """A manifest line is not in `sha256sum` format."""


def parse_manifest(text: str) -> dict[str, str]:
    """{path: hex digest} from `sha256sum` output. Raises `ManifestError`."""
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ManifestError(msg("verify_bad_manifest", line=number, text=line[:80]))
        entries[match.group(2)] = match.group(1)
    return entries


def sidecar_path(zip_path: Path) -> Path:
    return zip_path.with_name(zip_path.name + SIDECAR_SUFFIX)


def verify_zip(zip_path: Path) -> tuple[list[str], int]:
    """Check a pack against its `.sha256` file and its inner SHA256SUMS.

    Returns (problems in Chinese, number of files checked). No problems means intact.
    """
    if not zip_path.is_file():
        return [msg("verify_missing_zip", path=zip_path)], 0
    problems = []
    sidecar = sidecar_path(zip_path)
    if not sidecar.is_file():
        problems.append(msg("verify_no_sidecar", path=sidecar.name))
    else:
        expected = sidecar.read_text(encoding="utf-8", errors="replace").split()
        if not expected or expected[0].lower() != sha256_file(zip_path):
            problems.append(msg("verify_zip_changed", path=sidecar.name))
    try:
        with zipfile.ZipFile(zip_path) as archive:
            files = {info.filename: info for info in archive.infolist() if not info.is_dir()}
            manifests = [
                name for name in files if name.count("/") == 1 and name.endswith(f"/{MANIFEST}")
            ]
            if len(manifests) != 1:
                return [*problems, msg("verify_no_manifest")], 0
            top = manifests[0][: -len(MANIFEST)]
            try:
                listed = parse_manifest(archive.read(manifests[0]).decode("utf-8"))
            except (ManifestError, UnicodeDecodeError, zipfile.BadZipFile, zlib.error) as exc:
                return [*problems, str(exc)], 0
            present = {name[len(top) :] for name in files if name != manifests[0]}
            for name in sorted(set(listed) - present):
                problems.append(msg("verify_file_missing", file=top + name))
            for name in sorted(present - set(listed)):
                problems.append(msg("verify_file_extra", file=top + name))
            for name in sorted(present & set(listed)):
                if _digest(archive, top + name) != listed[name]:
                    problems.append(msg("verify_file_changed", file=top + name))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return [*problems, msg("verify_bad_zip", path=zip_path.name, problem=exc)], 0
    return problems, len(listed)


def _digest(archive: zipfile.ZipFile, name: str) -> str | None:
    """Digest of one member, or None when its bytes no longer match the zip's own CRC."""
    try:
        return sha256(archive.read(name))
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return None
