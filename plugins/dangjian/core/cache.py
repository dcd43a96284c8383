"""Per-page results kept between builds in `build/.cache/pages/`, so a rebuild redoes less.

An entry is one small JSON file named by a hash of everything its value is computed from:
the page's own text, plus a salt made of the cache format, the dangjian version and the
bytes of `mkdocs.yml`. A changed, renamed or deleted page, a new configuration or a new
version therefore simply finds no entry and computes afresh. An entry is trusted only when
it parses, names our format, repeats its own key and passes the caller's check; anything
else (a damaged file, a cache copied from elsewhere) is ignored, recomputed and reported
once per build as a warning. Entries no page asked for are removed at the end of a build.
A `deferred` cache (rendered pages, `pagecache.py`) writes its entries aside and moves them
in only when the build has succeeded (`commit`); a failed or killed build leaves nothing
that a later build would trust.

Builds whose output goes inside the project (`dangjian build`, `pack`) write the cache and
remove what they did not use; `dangjian serve` (inside `cache_written`) writes it too, so
that an edit is shown after re-rendering only what changed, but removes nothing;
`dangjian check` builds into a temporary folder and only reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import dangjian

from .environment import environment
from .errors import ContentError, ErrorLog
from .messages import msg
from .paths import display_path, site_root

FORMAT = "dangjian-page-cache/1"
CACHE_DIR = "build/.cache/pages"
# Set while `dangjian serve` builds: into a temporary folder, but each build speeds up the next
WRITE_ENV = "DANGJIAN_WRITE_CACHE"


def writes_forced() -> bool:
    return os.environ.get(WRITE_ENV) == "1"


def cache_written() -> contextlib.AbstractContextManager[None]:
    """Builds in this block write the cache even though their site is outside the project
    (they do not prune it: the entries of `dangjian build` stay for the next build)."""
    return environment(WRITE_ENV, "1")


def config_salt(config_file: str | os.PathLike[str] | None) -> str:
    """Salt for every key of a build: cache format, dangjian version, mkdocs.yml bytes."""
    try:
        config = Path(config_file).read_bytes() if config_file else b""
    except OSError:
        config = b""
    digest = hashlib.sha256(f"{FORMAT}\0{dangjian.__version__}\0".encode())
    digest.update(config)
    return digest.hexdigest()


class PageCache:
    """One kind of per-page result (`namespace`), stored as one JSON file per entry."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        namespace: str,
        salt: str,
        valid: Callable[[object], bool],
        writable: bool = True,
        deferred: bool = False,
        prunes: bool = True,
    ) -> None:
        self.folder = Path(folder) / namespace
        self.salt = salt
        self.valid = valid
        self.writable = writable
        # Deferred entries wait in a pending folder until `commit` (after a build succeeded)
        self.deferred = deferred
        self.prunes = prunes
        self.pending = self.folder / f".pending-{os.getpid()}"
        self.used: set[str] = set()
        self.rejected = 0  # entries found damaged or foreign in this build
        self.write_error: str | None = None

    @classmethod
    def for_build(
        cls,
        config: MkDocsConfig,
        namespace: str,
        valid: Callable[[object], bool],
        *,
        salt: str | None = None,
        deferred: bool = False,
    ) -> PageCache:
        """The cache of `namespace` for this build, below the folder of mkdocs.yml."""
        root = Path(site_root(config)).resolve()
        inside = Path(config.site_dir).resolve().is_relative_to(root)
        return cls(
            root / CACHE_DIR,
            namespace,
            salt or config_salt(config.config_file_path),
            valid,
            writable=inside or writes_forced(),
            deferred=deferred,
            prunes=inside,
        )

    def key(self, *parts: str) -> str:
        """Entry name for a value computed from `parts` under this build's salt."""
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> object | None:
        """The stored value for `key`, or None when there is none worth trusting."""
        self.used.add(key)
        try:
            raw = self._path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # never stored (or no cache folder)
            return None
        except OSError:
            self.rejected += 1
            return None
        try:
            record = json.loads(raw)
        except ValueError:
            record = None
        if (
            not isinstance(record, dict)
            or record.get("format") != FORMAT
            or record.get("key") != key
            or not self.valid(record.get("value"))
        ):
            self.rejected += 1
            return None
        return record["value"]

    def put(self, key: str, value: object) -> None:
        """Store `value` under `key` (atomically); a cache that cannot be written is skipped."""
        self.used.add(key)
        if not self.writable or self.write_error is not None:
            return
        path = self.pending / f"{key}.json" if self.deferred else self._path(key)
        record = {"format": FORMAT, "key": key, "value": value}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".entry-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            os.replace(temp, path)
        except OSError as exc:
            self.write_error = exc.strerror or str(exc)

    def get_or_compute(self, key: str, compute: Callable[[], object]) -> object:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def finish(self, log: ErrorLog, root: str) -> None:
        """End of a build: warn about a damaged or unwritable cache, drop unused entries."""
        folder = display_path(self.folder, root)
        problems = []
        if self.rejected:
            message = msg("cache_rejected", path=folder, count=self.rejected)
            problems.append(ContentError(folder, message=message, level="warning"))
        if self.write_error is not None:
            message = msg("cache_unwritable", path=folder, reason=self.write_error)
            problems.append(ContentError(folder, message=message, level="warning"))
        log.add(problems)
        if self.writable and self.prunes:
            self.prune()

    def commit(self) -> None:
        """Move the deferred entries of a successful build to where `get` finds them."""
        if not self.pending.is_dir():
            return
        try:
            for entry in self.pending.glob("[0-9a-f]*.json"):
                path = self._path(entry.stem)
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(entry, path)
        except OSError as exc:
            self.write_error = exc.strerror or str(exc)
        self.discard()

    def discard(self) -> None:
        """Drop the deferred entries of a build that failed."""
        shutil.rmtree(self.pending, ignore_errors=True)

    def prune(self) -> None:
        """Remove the entries (and stray files) this build did not ask for."""
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if shard.name.startswith(".pending-"):
                if shard != self.pending:  # left by a build that was killed
                    shutil.rmtree(shard, ignore_errors=True)
                continue
            if not shard.is_dir():
                _remove(shard)
                continue
            for entry in shard.iterdir():
                if entry.suffix != ".json" or entry.stem not in self.used:
                    _remove(entry)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # another build removed it, or it is a folder
        path.unlink()
