"""The progress store's file and connection: opening (and creating it whole), migrating, one
statement at a time across threads, write transactions retried past other processes' locks, and the
daily backup. This changes when durability or concurrency does; what is stored is in store_schema.py,
the queries in store_learners.py, store_progress.py and store_live.py.
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from .errors import StoreError
from .i18n import N_
from .store_faults import (
    SQLITE_BUSY,
    SQLITE_LOCKED,
    _corrupt,
    _first_problem,
    _os_error,
    _primary,
    _sqlite_error,
)
from .store_schema import MIGRATIONS, SCHEMA_VERSION, _iso, utcnow

DB_NAME = "progress.sqlite3"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError as exc:
        raise _os_error(path, exc) from None


class _Rows(list[Any]):
    """Rows already fetched, with the cursor methods the store uses."""

    def fetchone(self) -> Any:
        return self[0] if self else None

    def fetchall(self) -> list[Any]:
        return list(self)


class _Serialized:
    """The SQLite connection, used by one thread at a time.

    An interface's worker threads share the store; Python's sqlite3 objects must not be used from two
    threads at once (it can crash the process), so every statement runs and is fetched under one lock.
    """

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self.conn = conn
        self.lock = lock

    def execute(self, sql: str, args: Any = ()) -> _Rows:
        with self.lock:
            return _Rows(self.conn.execute(sql, args).fetchall())

    def executemany(self, sql: str, rows: Any) -> None:
        with self.lock:
            self.conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def backup(self, target: sqlite3.Connection) -> None:
        with self.lock:
            self.conn.backup(target)

    def close(self) -> None:
        with self.lock:
            self.conn.close()


_S = TypeVar("_S", bound="StoreConnection")


class StoreConnection:
    """An open store file: the connection and its transactions (`Store` adds the queries)."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        # One connection may be shared by an interface's worker threads: one statement at a time,
        # and one transaction at a time (the lock is re-entrant, and held for a whole write()).
        self._lock = threading.RLock()
        self.db = _Serialized(db, self._lock)

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def open(
        cls: type[_S],
        data_dir: Path,
        *,
        migrate_to: int = SCHEMA_VERSION,
        backup: bool = True,
        busy_ms: int = 15000,
    ) -> _S:
        """Open (creating if needed) the store in `data_dir`; StoreError for anything unusable."""
        path = data_dir / DB_NAME
        _forget_empty_store(path)
        if path.exists():
            if not path.is_file() or not is_sqlite_file(path):
                raise _corrupt(path, N_("it is not an SQLite database"))
        else:
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise _os_error(data_dir, exc) from None
                raise StoreError(
                    N_("cannot create the data folder {path}: {reason}"),
                    kind="readonly" if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM) else "io",
                    path=data_dir,
                    reason=exc.strerror or exc,
                ) from None
            if not os.access(data_dir, os.W_OK):
                raise StoreError(N_("the data folder {path} is not writable"), kind="readonly", path=data_dir)
            _create(path, migrate_to)
        try:
            db = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
            db.execute("PRAGMA foreign_keys = ON")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                db.close()
                raise _corrupt(path, _first_problem(check))
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            db.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(path, exc) from None
        store = cls(path, db)
        if mode.lower() != "wal" and os.access(data_dir, os.W_OK):
            store.close()
            raise StoreError(
                N_("{path}: cannot switch to WAL mode ({mode})"), kind="io", path=path, mode=mode
            )
        store._migrate(migrate_to)
        if backup:
            store.backup_if_due()
        return store

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, target: int) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            self.close()
            raise StoreError(
                kind="newer",
                message=N_(
                    "{path} was written by a newer ssc-learn (schema {found}, this version knows {known}); "
                    "upgrade ssc-learn to open it"
                ),
                path=self.path,
                found=current,
                known=SCHEMA_VERSION,
            )
        if current >= target:
            return
        with self.write() as db:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
            for version in range(current + 1, target + 1):
                name, step = MIGRATIONS[version - 1]
                step(db)
                db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _iso(utcnow())))
                db.execute(f"PRAGMA user_version = {version}")

    # -- writing ----------------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[_Serialized]:
        """A write transaction, retried while another process holds the lock; committed on exit."""
        with self._lock:
            yield from self._transaction()

    def _transaction(self) -> Iterator[_Serialized]:
        for attempt in range(40):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if _primary(exc) not in (SQLITE_BUSY, SQLITE_LOCKED):
                    raise _sqlite_error(self.path, exc) from None
                time.sleep(0.05 * (attempt + 1))
        else:
            raise StoreError(
                N_("{path}: the database stayed locked by another process"), kind="locked", path=self.path
            )
        try:
            yield self.db
        except sqlite3.DatabaseError as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise _sqlite_error(self.path, exc) from None
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _sqlite_error(self.path, exc) from None

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Copy the database with SQLite's backup API, at most once a day; keep the newest few."""
        folder = self.path.parent / BACKUP_DIR
        now = now or utcnow()
        existing = sorted(folder.glob("progress-*.sqlite3")) if folder.is_dir() else []
        if existing:
            newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, timezone.utc)
            if now - newest < timedelta(days=1):
                return None
        if self.db.execute("SELECT 1 FROM learners LIMIT 1").fetchone() is None:
            return None  # nothing worth keeping yet
        try:
            folder.mkdir(exist_ok=True)
            target = folder / f"progress-{now:%Y%m%d-%H%M%S}.sqlite3"
            dest = sqlite3.connect(target)
            with dest:
                self.db.backup(dest)
            dest.close()
        except (OSError, sqlite3.Error):
            return None  # a failed backup must never stop a learner; doctor reports it
        for old in sorted(folder.glob("progress-*.sqlite3"))[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
        return target


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _forget_empty_store(path: Path) -> None:
    """Remove an empty store file with no journal: an older ssc-learn killed during its first open."""
    try:
        if path.is_file() and path.stat().st_size == 0:
            wal = path.with_name(path.name + "-wal")
            if not wal.exists() or wal.stat().st_size == 0:
                path.unlink()
                for suffix in ("-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
    except OSError:
        pass  # opening it reports the real problem


def _create(path: Path, migrate_to: int) -> None:
    """Build a new, migrated store under a temporary name and link it into place whole.

    A kill at any moment leaves either no store or a complete one. When two processes create the
    store at once, the first link wins and the other's copy is dropped (a link never replaces a file).
    """
    for stale in path.parent.glob(f".{path.name}.new-*"):
        try:
            if time.time() - stale.stat().st_mtime > 600:
                stale.unlink()
        except OSError:
            pass
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        try:
            db = sqlite3.connect(tmp, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode = WAL")
            store = StoreConnection(tmp, db)
            store._migrate(migrate_to)
            store.close()  # the last connection checkpoints the WAL into the file
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(path, exc) from None
        _fsync(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise _os_error(path, exc) from None
            if not path.exists():  # no hard links on this file system (FAT): rename instead
                tmp.replace(path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        for suffix in ("", "-wal", "-shm"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
