"""SHA256SUMS manifests (the `sha256sum` format); `verify.py` checks a zip against one."""

from __future__ import annotations

import hashlib
import re
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
