"""Per-page results kept between builds in `build/.cache/pages/`, so a rebuild redoes less.

Each kind of result (a `namespace`) is one SQLite file, `<namespace>/entries.sqlite`, from
Python's standard library: one file per namespace instead of one small file per entry, and
SQLite's locks keep two builds running at once from reading half-written data. An entry is
named by a hash of everything its value is computed from: the page's own text, plus a salt
made of the cache format, the dangjian version and the bytes of `mkdocs.yml`. A changed,
renamed or deleted page, a new configuration or a new version therefore simply finds no
entry and computes afresh. An entry is trusted only when it parses, names our format,
repeats its own key (a text entry, such as a page's HTML, also matches its checksum) and
passes the caller's check; anything else (a damaged entry, a file
that is not our database, a database cut short) is ignored, recomputed and reported once
per build as a warning, and a damaged file is replaced. Entries no page asked for are
removed at the end of a build. A `deferred` cache (rendered pages, `pagecache.py`) writes
its entries marked as this build's and makes them visible only when the build has
succeeded (`commit`); a failed or killed build leaves nothing that a later build would trust.

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
import sqlite3
import time
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import dangjian

from .environment import environment
from .errors import ContentError, ErrorLog
from .messages import msg
from .paths import display_path, site_root

FORMAT = "dangjian-page-cache/2"
CACHE_DIR = "build/.cache/pages"
STORE = "entries.sqlite"
# Marks our databases: a SQLite file of another program is foreign, never read
APPLICATION_ID = 0x646A6332  # "dj c2"
# Rows a build has written but not yet committed carry its process id; committed rows 0
COMMITTED = 0
# How long a build waits for another build's write to finish, in seconds
LOCK_TIMEOUT = 60.0
# Entries are written in batches, one transaction each: at most this many entries, bytes or
# seconds, so that another build waiting to write (or to read) waits little
BATCH_ENTRIES = 200
BATCH_BYTES = 1 << 20
BATCH_SECONDS = 0.5
# SQLite's page cache per open file, in KB (its default is 2 MB): entries are read once a build
CACHE_KB = 512
# A namespace file up to this size is read whole at a build's first lookup: one query instead
# of one a page (the check findings of 2,000 pages: 20 ms against 0.3 s of single reads in a
# rebuild). Bigger files (rendered pages, search terms) are read row by row, for memory
READ_WHOLE_BYTES = 16 << 20
# Set while `dangjian serve` builds: into a temporary folder, but each build speeds up the next
WRITE_ENV = "DANGJIAN_WRITE_CACHE"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries ("
    " key TEXT NOT NULL, owner INTEGER NOT NULL, record TEXT NOT NULL,"
    " PRIMARY KEY (key, owner))"
)


# Connections a forked process inherited: kept, never used nor closed there (SQLite must not
# carry a connection across fork; closing it in the child could disturb the parent's locks)
_INHERITED: list[sqlite3.Connection] = []


# Every cache of this process, for a forked helper to make read-only (`read_only_after_fork`)
_LIVE: weakref.WeakSet[PageCache] = weakref.WeakSet()


def read_only_after_fork() -> None:
    """In a forked helper process: read every cache through its own connection, write none
    (what the build writes, only the build writes)."""
    for cache in list(_LIVE):
        cache.forked()


def writes_forced() -> bool:
    return os.environ.get(WRITE_ENV) == "1"


class Checked:
    """A kept record's value as a build of this process parsed it and `valid` passed it, and
    the length of the record it replaces (what it counts against `KeptRecords.limit`)."""

    __slots__ = ("chars", "valid", "value")

    def __init__(self, value: object, valid: Callable[[object], bool], chars: int) -> None:
        self.value = value
        self.valid = valid
        self.chars = chars


class KeptRecords:
    """Records read or written in this process, kept in memory for its next build: a lookup
    instead of a SQLite read (about 7 a page). An entry's value is a function of its key, so a
    kept record is as right as the row it was read from or written to. It is checked like a row
    the first time a build reads it; from then on its parsed value is kept (`Checked`), which
    the next builds use without parsing or checking it again (values `get` returns are read,
    never changed, by their callers), unless a cache with another check reads it. A deferred
    entry (a rendered page) is kept only once its build has succeeded without warnings, as it
    becomes visible in SQLite. At most `limit` characters of records in all (a 2,000-page site
    reads about 70 MB); what a build did not use is let go at its end (`PageCache.finish`)."""

    def __init__(self, limit: int = 64 << 20) -> None:
        self.records: dict[Path, dict[str, str | Checked]] = {}
        self.limit = limit
        self.chars = 0

    def get(self, file: Path, key: str) -> str | Checked | None:
        return self.records.get(file, {}).get(key)

    def checked(self, file: Path, key: str, value: object, valid: Callable[[object], bool]) -> None:
        """The kept record of `key`, parsed and passed by `valid`: kept as its value."""
        records = self.records.get(file, {})
        record = records.get(key)
        if isinstance(record, str):
            records[key] = Checked(value, valid, len(record))

    def room(self, chars: int) -> bool:
        return self.chars + chars <= self.limit

    def keep(self, file: Path, key: str, record: str) -> None:
        records = self.records.setdefault(file, {})
        if key not in records and self.room(len(record)):
            records[key] = record
            self.chars += len(record)

    def keep_only(self, file: Path, used: set[str]) -> None:
        records = self.records.get(file, {})
        for key in [key for key in records if key not in used]:
            record = records.pop(key)
            self.chars -= record.chars if isinstance(record, Checked) else len(record)


# Set inside `records_kept` (`dangjian serve`, which builds many times in one process)
_KEPT: KeptRecords | None = None


@contextlib.contextmanager
def records_kept() -> Iterator[None]:
    """Builds in this block keep the records they read or wrote for the next (`KeptRecords`)."""
    global _KEPT
    _KEPT = KeptRecords()
    try:
        yield
    finally:
        _KEPT = None


def cache_written() -> contextlib.AbstractContextManager[None]:
    """Builds in this block write the cache even though their site is outside the project
    (they do not prune it: the entries of `dangjian build` stay for the next build)."""
    return environment(WRITE_ENV, "1")


# Parts of keys longer than this are hashed on their own, and their digest remembered
LONG_PART = 1024
# The digests of the last long texts: a page's text, Markdown and HTML are each part of several
# keys (its checks, its key terms, its converted body), asked for one after another. Not of
# longer texts than a page's: a topic's print page's HTML grows with the site (16 MB at 20,000
# pages), and the texts remembered are kept alive
_DIGESTS: dict[str, bytes] = {}
_DIGESTS_KEPT = 16
_DIGESTS_LONGEST = 100_000


def text_digest(text: str) -> bytes:
    """SHA-256 of `text` in UTF-8, remembered for the next few texts of up to a page's size."""
    found = _DIGESTS.get(text)
    if found is None:
        found = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        if len(text) <= _DIGESTS_LONGEST:
            if len(_DIGESTS) >= _DIGESTS_KEPT:
                _DIGESTS.clear()
            _DIGESTS[text] = found
    return found


def config_salt(config_file: str | os.PathLike[str] | None) -> str:
    """Salt for every key of a build: cache format, dangjian version, mkdocs.yml bytes."""
    try:
        config = Path(config_file).read_bytes() if config_file else b""
    except OSError:
        config = b""
    digest = hashlib.sha256(f"{FORMAT}\0{dangjian.__version__}\0".encode())
    digest.update(config)
    return digest.hexdigest()


class Damaged(Exception):
    """The namespace's file is not a database of ours, or is damaged."""


class PageCache:
    """One kind of per-page result (`namespace`), stored as rows of one SQLite file."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        namespace: str,
        salt: str,
        valid: Callable[[object], bool],
        writable: bool = True,
        deferred: bool = False,
        prunes: bool = True,
        text: bool = False,
        decode: Callable[[object], object | None] | None = None,
    ) -> None:
        self.folder = Path(folder) / namespace
        self.file = self.folder / STORE
        self.salt = salt
        self.valid = valid
        self.writable = writable
        # Deferred entries stay marked as this build's until `commit` (after a build succeeded)
        self.deferred = deferred
        self.prunes = prunes
        # Values are strings, stored after a one-line header rather than inside JSON: a page's
        # HTML is neither escaped when stored nor unescaped when read (`text_record`)
        self.text = text
        # What `get` makes of a value that passed `valid`; None rejects it like a failed check.
        # One pass both checks and decodes values every build reads (a page's search terms)
        self.decode = decode
        self.owner = os.getpid()
        self.used: set[str] = set()
        self.rejected = 0  # entries found damaged or foreign in this build
        self.damaged = False  # the whole file was found damaged or foreign in this build
        self.write_error: str | None = None
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0  # the process that opened `_db` (a second process opens its own)
        self._absent = False  # a read-only build found no cache file
        self._batch = (0, 0, 0.0)  # entries, bytes and start of the open write transaction
        self._rows: dict[str, str] | None = None  # {key: record} of a file read whole
        self._rows_read = False
        # Deferred records written, to be kept in memory when committed (`records_kept`)
        self._kept: dict[str, str] = {}
        self._kept_chars = 0
        _LIVE.add(self)
        self.lock_timeout = LOCK_TIMEOUT  # seconds to wait for another process's write

    def __getstate__(self) -> dict[str, object]:
        """A copy for another process (the search index): without this process's database."""
        state = dict(self.__dict__)
        state["_db"] = None
        state["_rows"], state["_rows_read"] = None, False
        return state

    @classmethod
    def for_build(
        cls,
        config: MkDocsConfig,
        namespace: str,
        valid: Callable[[object], bool],
        *,
        salt: str | None = None,
        deferred: bool = False,
        text: bool = False,
        decode: Callable[[object], object | None] | None = None,
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
            text=text,
            decode=decode,
        )

    def key(self, *parts: str) -> str:
        """Entry name for a value computed from `parts` under this build's salt."""
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            if len(part) > LONG_PART:  # by its own digest: a page's text is in several keys
                digest.update(b"\1" + text_digest(part))
            else:
                data = part.encode("utf-8", "surrogatepass")
                digest.update(b"\0" + len(data).to_bytes(4, "big") + data)
        return digest.hexdigest()

    # -- the database ---------------------------------------------------------------------

    def _database(self) -> sqlite3.Connection | None:
        """This process's connection; None when there is no cache to use in this build."""
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        if self._absent or (self.damaged and not self.writable):
            return None
        if self._db is not None:  # opened by the process this one was forked from
            _INHERITED.append(self._db)
        self._db = None
        try:
            self._db = self._open()
        except Damaged:
            self._damaged()
        except (OSError, sqlite3.Error) as exc:
            if self.writable:
                self.write_error = _reason(exc)
            self._absent = True
        self._db_pid = os.getpid()
        return self._db

    def _open(self) -> sqlite3.Connection | None:
        if not self.writable:
            if not self.file.is_file():
                self._absent = True
                return None
            db = sqlite3.connect(
                f"{self.file.resolve().as_uri()}?mode=ro", uri=True, timeout=self.lock_timeout
            )
            _check_ours(db, self.file)
            return db
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(
            self.file, timeout=self.lock_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            # A cache: a crash of the machine may lose entries, never trust wrong ones
            db.execute("PRAGMA synchronous=OFF")
            db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
            # An empty journal is kept between transactions: no file made and removed each time
            db.execute("PRAGMA journal_mode=TRUNCATE")
            db.execute("BEGIN IMMEDIATE")
            if db.execute("PRAGMA application_id").fetchone()[0] == 0 and not _tables(db):
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                db.execute(_SCHEMA)
            db.execute("COMMIT")
            _check_ours(db, self.file)
        except sqlite3.DatabaseError as exc:
            db.close()
            if isinstance(exc, sqlite3.OperationalError):
                raise
            raise Damaged from exc
        except Damaged:
            db.close()
            raise
        return db

    def _damaged(self) -> None:
        """Warn once; a writable build starts the file afresh (its entries are lost)."""
        self.damaged = True
        if self._rows is not None:
            self._rows = {}  # rows of the file found damaged: none is used
        if self._db is not None:
            self._db.close()
        self._db = None
        if not self.writable:
            return
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.file}{suffix}").unlink()
        try:
            self._db = self._open()
        except (Damaged, OSError, sqlite3.Error) as exc:
            self.write_error = _reason(exc)
            self._absent = True

    def _run(self, sql: str, parameters: tuple = ()) -> list[tuple] | None:
        """Rows of `sql`, or None when the cache cannot be used (noted for the warning)."""
        db = self._database()
        if db is None:
            return None
        try:
            return db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as exc:  # locked too long, disk full, read-only folder
            if self.writable:
                self.write_error = _reason(exc)
            return None
        except sqlite3.DatabaseError:
            self._damaged()
            return None

    def forked(self) -> None:
        """In a forked process that only reads, while the build writes: read through a
        connection of its own, and take an entry the build is writing as not found."""
        if self._db is not None and self._db_pid != os.getpid():
            _INHERITED.append(self._db)
            self._db = None
        self.writable = False
        self.lock_timeout = 0.0

    # -- entries --------------------------------------------------------------------------

    def get(self, key: str) -> object | None:
        """The stored value for `key`, or None when there is none worth trusting."""
        self.used.add(key)
        kept = _KEPT
        stored = None if kept is None else kept.get(self.file, key)
        if isinstance(stored, Checked):  # parsed and checked by an earlier build
            if stored.valid is not self.valid and not self.valid(stored.value):
                self.rejected += 1
                return None
            return self._decoded(stored.value)
        if stored is None:
            stored = self._stored(key)
            if stored is None:  # never stored, or no cache
                return None
        record = self._record(stored)
        if (
            not isinstance(record, dict)
            or record.get("format") != FORMAT
            or record.get("key") != key
            or not self.valid(record.get("value"))
        ):
            self.rejected += 1
            return None
        if kept is not None:
            kept.keep(self.file, key, stored)
            kept.checked(self.file, key, record["value"], self.valid)
        return self._decoded(record["value"])

    def _decoded(self, value: object) -> object | None:
        if self.decode is None:
            return value
        decoded = self.decode(value)
        if decoded is None:
            self.rejected += 1
        return decoded

    def _stored(self, key: str) -> str | None:
        """The committed row of `key`: from the whole small file read at the first lookup
        (`READ_WHOLE_BYTES`), else by its own query. Rows another build commits meanwhile are
        not seen; their values are made again, the same (a value is a function of its key)."""
        if not self._rows_read:
            self._rows_read = True
            if _KEPT is None and self._small():
                rows = self._run("SELECT key, record FROM entries WHERE owner=?", (COMMITTED,))
                self._rows = dict(rows or ())
        if self._rows is not None:
            return self._rows.get(key)
        rows = self._run("SELECT record FROM entries WHERE key=? AND owner=?", (key, COMMITTED))
        return rows[0][0] if rows else None

    def _small(self) -> bool:
        try:
            return self.file.stat().st_size <= READ_WHOLE_BYTES
        except OSError:
            return False

    def _record(self, stored: object) -> object:
        """A stored row as {"format", "key", "value"}; None when it does not parse."""
        try:
            if not self.text:
                return json.loads(stored)  # type: ignore[arg-type]
            header, newline, value = stored.partition("\n")  # type: ignore[union-attr]
            record = json.loads(header)
            if not newline or not isinstance(record, dict) or record.get("crc") != _crc(value):
                return None  # such as a record cut short
        except (ValueError, TypeError, AttributeError, UnicodeEncodeError):
            return None
        return {**record, "value": value}

    def put(self, key: str, value: object) -> None:
        """Store `value` under `key`; a cache that cannot be written is skipped."""
        self.used.add(key)
        if not self.writable or self.write_error is not None:
            return
        if self.text:
            record = text_record(key, str(value))
        else:
            record = json.dumps(
                {"format": FORMAT, "key": key, "value": value},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        owner = self.owner if self.deferred else COMMITTED
        db = self._database()
        if db is None:
            return
        try:
            if not db.in_transaction:
                db.execute("BEGIN IMMEDIATE")
                self._batch = (0, 0, time.monotonic())
            db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, owner, record))
        except sqlite3.Error as exc:
            self._failed(exc)
            return
        if self._rows is not None and not self.deferred:
            self._rows[key] = record
        if _KEPT is not None:  # a deferred entry only once the build has succeeded (`commit`)
            if not self.deferred:
                _KEPT.keep(self.file, key, record)
            elif _KEPT.room(self._kept_chars + len(record)):
                self._kept[key] = record
                self._kept_chars += len(record)
        entries, size, started = self._batch
        self._batch = (entries + 1, size + len(record), started)
        if (
            entries + 1 >= BATCH_ENTRIES
            or size + len(record) >= BATCH_BYTES
            or time.monotonic() - started >= BATCH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Write the entries of the open batch (a second process calls it before it ends)."""
        db = self._db
        if db is None or self._db_pid != os.getpid() or not db.in_transaction:
            return
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._failed(exc)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A write failed: the open batch is lost; a damaged file is replaced, else warned of."""
        db = self._db
        if db is not None and db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):  # locked too long, disk full, read-only
            self.write_error = _reason(exc)
        else:
            self._damaged()

    def get_or_compute(self, key: str, compute: Callable[[], object]) -> object:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def finish(self, log: ErrorLog, root: str) -> None:
        """End of a build: warn about a damaged or unwritable cache, drop unused entries."""
        self.flush()
        # Pruning first: it may be the first to open the file, and find it damaged
        if self.writable and self.prunes and self.write_error is None:
            self.prune()
        folder = display_path(self.folder, root)
        problems = []
        if self.damaged:
            message = msg("cache_damaged", path=folder)
            problems.append(ContentError(folder, message=message, level="warning"))
        elif self.rejected:
            message = msg("cache_rejected", path=folder, count=self.rejected)
            problems.append(ContentError(folder, message=message, level="warning"))
        if self.write_error is not None:
            message = msg("cache_unwritable", path=folder, reason=self.write_error)
            problems.append(ContentError(folder, message=message, level="warning"))
        log.add(problems)
        if _KEPT is not None:
            _KEPT.keep_only(self.file, self.used)
        self.close()

    def commit(self) -> None:
        """Make the deferred entries of a successful build visible to `get`."""
        self.flush()
        if not self.writable or self.write_error is not None:
            return
        self._transaction(
            (
                "DELETE FROM entries WHERE owner=? AND key IN"
                " (SELECT key FROM entries WHERE owner=?)",
                (COMMITTED, self.owner),
            ),
            ("UPDATE entries SET owner=? WHERE owner=?", (COMMITTED, self.owner)),
        )
        if _KEPT is not None:
            for key, record in self._kept.items():
                _KEPT.keep(self.file, key, record)
        self._kept, self._kept_chars = {}, 0

    def discard(self) -> None:
        """Drop the deferred entries of a build that failed."""
        self.flush()
        self._kept, self._kept_chars = {}, 0
        if self.writable and self._db is not None:
            self._transaction(("DELETE FROM entries WHERE owner=?", (self.owner,)))
        self.close()

    def prune(self) -> None:
        """Remove the entries this build did not ask for, those of killed builds, stray files."""
        self.flush()
        if self.folder.is_dir():
            for path in self.folder.iterdir():  # such as the one-file-per-entry layout of 0.x
                if not path.name.startswith(STORE):
                    _remove(path)
        if self._database() is None:
            return
        db = self._db
        try:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM temp.used")
            db.executemany("INSERT OR IGNORE INTO temp.used VALUES (?)", ((k,) for k in self.used))
        except sqlite3.Error as exc:
            self.write_error = _reason(exc)
            return
        self._transaction(
            ("DELETE FROM entries WHERE owner NOT IN (?, ?)", (COMMITTED, self.owner)),
            (
                "DELETE FROM entries WHERE owner=? AND key NOT IN (SELECT key FROM temp.used)",
                (COMMITTED,),
            ),
        )

    def close(self) -> None:
        self.flush()
        self._rows, self._rows_read = None, False
        if self._db is not None and self._db_pid == os.getpid():
            self._db.close()
        self._db = None

    def _transaction(self, *statements: tuple[str, tuple]) -> None:
        self.flush()
        db = self._database()
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            for sql, parameters in statements:
                db.execute(sql, parameters)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self.write_error = _reason(exc)


def text_record(key: str, value: str) -> str:
    """How a text cache stores `value`: a one-line JSON header with our format, the key and a
    CRC-32 of the value (so that a record cut short or damaged is not trusted), then the value."""
    return json.dumps({"format": FORMAT, "key": key, "crc": _crc(value)}) + "\n" + value


def _crc(value: str) -> int:
    return zlib.crc32(value.encode("utf-8", "surrogatepass"))


def _tables(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM sqlite_master")]


def _cut_short(path: Path) -> bool:
    """Whether the file is shorter than its own header says (a copy that was cut short).

    SQLite reads what is left of such a file without complaint where the lost pages are not
    needed, so it is checked here; not while a journal says a write is being rolled back.
    """
    try:
        if Path(f"{path}-journal").stat().st_size > 0:  # a write to roll back first
            return False
    except OSError:
        pass
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100:
        return size > 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the page count is kept up to date
    return size % max(page_size, 1) != 0 or (header_valid and size < pages * page_size)


def _check_ours(db: sqlite3.Connection, path: Path) -> None:
    """Raise `Damaged` unless `db` is a cache database of ours, whole."""
    if _cut_short(path):
        db.close()
        raise Damaged
    try:
        ours = db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        ours = ours and "entries" in _tables(db)
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        raise Damaged from exc
    if not ours:
        db.close()
        raise Damaged


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # another build removed it
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
