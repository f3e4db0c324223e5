"""The store's failures told apart: an SQLite or file-system error becomes one `StoreError` whose
`kind` says what happened (corrupt, locked, read-only, full disk, I/O), with a clear line for the user.
This changes when a new way for the learner's machine to fail has to be recognised.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from .errors import StoreError
from .i18n import N_


def _corrupt(path: Path, why: str) -> StoreError:
    return StoreError(
        N_(
            "{path} cannot be used ({why}); it was left in place. "
            "Run 'ssc-learn doctor' to move it aside and restore the newest backup."
        ),
        kind="corrupt",
        path=path,
        why=why,
    )


def _first_problem(check: str) -> str:
    """quick_check's report in one line: its first problem, and how many more there are."""
    lines = [line for line in str(check).splitlines() if line.strip() and not line.startswith("***")]
    first = lines[0] if lines else str(check).strip()
    return f"quick_check: {first}" + (f" (+{len(lines) - 1})" if len(lines) > 1 else "")


# SQLite's primary result codes (sqlite.org/rescode.html, fixed by its API). The sqlite3 module names
# them only from Python 3.11, and this package supports 3.10.
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14


def primary_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of an error (None before Python 3.11, which does not give it)."""
    return _primary(exc)


def _primary(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def disk_is_full(path: Path) -> bool:
    """Whether the file system holding `path` has (almost) no space left."""
    folder = path if path.is_dir() else path.parent
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


def _full(path: Path) -> StoreError:
    return StoreError(N_("{path}: the disk is full; the last answer was not saved"), kind="full", path=path)


def _os_error(path: Path, exc: OSError) -> StoreError:
    """One clear line for a file system error on the store (full disk, no permission, I/O)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            N_("{path}: the data folder is read-only; nothing was written"), kind="readonly", path=path
        )
    return StoreError(N_("{path}: {error}"), kind="io", path=path, error=exc.strerror or str(exc))


def _sqlite_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    text = str(exc)
    code = _primary(exc)
    if code == SQLITE_FULL or "disk is full" in text:
        return _full(path)
    if code == SQLITE_IOERR and disk_is_full(path):
        # SQLite reports a write that ran out of space as a plain "disk I/O error".
        return _full(path)
    if code == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return StoreError(
            N_("{path}: the data folder is read-only; nothing was written"), kind="readonly", path=path
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text:
        return StoreError(
            N_("{path}: the database stayed locked by another process"), kind="locked", path=path
        )
    if code == SQLITE_CANTOPEN or "unable to open" in text:
        return StoreError(
            N_("{path}: cannot open the database file (check the folder's permissions)"),
            kind="readonly",
            path=path,
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return _corrupt(path, text)
    return StoreError(
        N_("{path}: {error}"), kind="io" if code == SQLITE_IOERR else "other", path=path, error=text
    )
