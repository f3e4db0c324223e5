"""Repairing a damaged progress store (`ssc-learn doctor`): a store is moved aside only when it is
really damaged, the newest backup that passes quick_check is restored, and every row still readable
in the damaged file is copied into it, so doctor never leaves a learner fewer answers. This changes
when the recovery policy does.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .i18n import N_
from .store_db import BACKUP_DIR, DB_NAME, _fsync
from .store_faults import _os_error
from .store_schema import MERGE_POSITION, _iso, attempt_uid, utcnow

if TYPE_CHECKING:
    from .store import Store


def backups(data_dir: Path) -> list[Path]:
    """Automatic backups in `data_dir`, oldest first."""
    folder = data_dir / BACKUP_DIR
    return sorted(folder.glob("progress-*.sqlite3")) if folder.is_dir() else []


def doctor(data_dir: Path, now: datetime | None = None, busy_ms: int = 5000) -> dict[str, Any]:
    """Check the store; if it is really damaged, move it aside, restore a backup and salvage into it.

    Only damage (not SQLite, a failed quick_check, "malformed") moves a store aside. A newer schema,
    a lock, read-only access, a full disk or an I/O error is raised as a StoreError (exit code 1) and
    nothing is touched: those stores are healthy. After a restore, every answer still readable in the
    damaged file is copied in, merged by attempt id, so doctor never leaves a learner fewer answers.
    """
    from .store import Store  # the whole store (store.py re-exports this module, so imported here)

    path = data_dir / DB_NAME
    report: dict[str, Any] = {"store": str(path), "ok": True, "moved_to": None, "restored_from": None}
    if not path.exists():
        report["message"] = N_("no store yet")
        return report
    try:
        Store.open(data_dir, backup=False, busy_ms=busy_ms).close()
        report["message"] = N_("the store is healthy")
        return report
    except StoreError as exc:
        if exc.kind != "corrupt":
            exc.exit_code = 1
            raise
        report["ok"] = False
        report["problem"] = exc.message
    if not os.access(data_dir, os.W_OK):
        refused = StoreError(
            N_("{path}: the data folder is read-only; nothing was written"), kind="readonly", path=data_dir
        )
        refused.exit_code = 1
        raise refused
    stamp = f"{(now or utcnow()):%Y%m%d-%H%M%S}"
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    try:
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(aside.with_name(aside.name + suffix))
    except OSError as exc:
        err = _os_error(data_dir, exc)
        err.exit_code = 1
        raise err from None
    report["moved_to"] = str(aside)
    for candidate in reversed(backups(data_dir)):
        if _restore(candidate, path):
            report["restored_from"] = str(candidate)
            break
    with Store.open(data_dir, backup=False) as store:
        recovered, added = _salvage(aside, store)
    report["recovered"], report["lacked"] = recovered, added
    report["message"] = (
        N_("restored the newest good backup")
        if report["restored_from"]
        else N_("no good backup: a new store holds what could be read")
    )
    return report


def _restore(backup: Path, path: Path) -> bool:
    """Copy a backup that passes quick_check into `path` (whole: made aside, then renamed)."""
    tmp = path.with_name(f".{path.name}.restore-{secrets.token_hex(4)}")
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            dest = sqlite3.connect(tmp)
            with dest:
                src.backup(dest)
            dest.close()
        finally:
            src.close()
        _fsync(tmp)
        tmp.replace(path)
        return True
    except (sqlite3.DatabaseError, OSError):
        tmp.unlink(missing_ok=True)
        return False


def _readable_rows(con: sqlite3.Connection, table: str, columns: str) -> list[tuple[Any, ...]]:
    """Every row of `table` that can still be read, even past damaged pages (rowid first)."""
    sql = f"SELECT rowid, {columns} FROM {table}"
    rows: list[tuple[Any, ...]] = []
    try:
        for row in con.execute(sql + " ORDER BY rowid"):
            rows.append(row)
        return rows
    except sqlite3.DatabaseError as exc:
        if "no such" in str(exc):
            raise
    last = rows[-1][0] if rows else 0
    try:
        top = int(con.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or last)
    except sqlite3.DatabaseError:
        top = last + 100_000  # the end of the table is unreadable too: probe a bounded range
    for rowid in range(last + 1, top + 1):  # past a damaged page, one row at a time
        try:
            row = con.execute(sql + " WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            rows.append(row)
    return rows


def _first_readable(con: sqlite3.Connection, table: str, *column_sets: str) -> list[tuple[Any, ...]]:
    """The readable rows with the first column set the damaged file's schema has (older or newer)."""
    for columns in column_sets:
        try:
            return _readable_rows(con, table, columns)
        except sqlite3.DatabaseError:
            continue
    return []


def _salvage(broken: Path, store: Store) -> tuple[int, int]:
    """Copy every readable row of a damaged store into `store`; returns (answers read, answers added)."""
    con = None
    for uri in (f"file:{broken}?mode=ro", f"file:{broken}?immutable=1"):
        try:
            con = sqlite3.connect(uri, uri=True)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except sqlite3.DatabaseError:
            if con is not None:
                con.close()
            con = None
    if con is None:
        return 0, 0
    try:
        learners = _first_readable(con, "learners", "id, name, created, uid, secret", "id, name, created")
        attempts = _first_readable(
            con,
            "attempts",
            "learner_id, question, module, lang, answer, verdict, score, answered_at, seconds, uid",
            "learner_id, question, module, lang, answer, verdict, score, answered_at, seconds",
        )
        reads = _first_readable(con, "reads", "learner_id, paragraph, read_at")
        positions = _first_readable(
            con,
            "positions",
            "learner_id, module, paragraph, question, updated, activity",
            "learner_id, module, paragraph, question, updated",
        )
        prefs = _first_readable(con, "prefs", "learner_id, key, value")
        settings = _first_readable(con, "settings", "key, value")
    finally:
        con.close()
    with store.write() as db:
        ids: dict[int, int] = {}
        names: dict[int, str] = {}

        def target(old_id: int) -> int:
            # The backup is an earlier copy of the same store, so an unreadable learner row keeps its id.
            if old_id not in ids:
                row = db.execute("SELECT id, name FROM learners WHERE id = ?", (old_id,)).fetchone()
                if row is None:
                    name = f"learner {old_id} (recovered)"
                    db.execute(
                        "INSERT OR IGNORE INTO learners(name, created, uid) VALUES (?, ?, ?)",
                        (name, _iso(utcnow()), uuid.uuid4().hex),
                    )
                    row = db.execute("SELECT id, name FROM learners WHERE name = ?", (name,)).fetchone()
                ids[old_id], names[old_id] = row[0], row[1]
            return ids[old_id]

        for _rowid, old_id, name, created, *more in learners:
            uid = more[0] if more else None
            row = (
                db.execute("SELECT id, name FROM learners WHERE uid = ?", (uid,)).fetchone() if uid else None
            )
            if row is None:
                row = db.execute("SELECT id, name FROM learners WHERE name = ?", (name,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO learners(name, created, uid, secret) VALUES (?, ?, ?, ?)",
                    (name, created, uid or uuid.uuid4().hex, more[1] if len(more) > 1 else None),
                )
                row = db.execute("SELECT id, name FROM learners WHERE name = ?", (name,)).fetchone()
            ids[old_id], names[old_id] = row[0], row[1]
        before = db.execute("SELECT count(*) FROM attempts").fetchone()[0]
        for _rowid, old_id, question, module, lang, answer, verdict, score, when, seconds, *uid in attempts:
            lid = target(old_id)
            db.execute(
                "INSERT OR IGNORE INTO attempts(learner_id, question, module, lang, answer, verdict, score, "
                "answered_at, seconds, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    lid,
                    question,
                    module,
                    lang,
                    answer,
                    verdict,
                    score,
                    when,
                    seconds,
                    (uid[0] if uid else None) or attempt_uid(names[old_id], question, lang, when, answer),
                ),
            )
        added = db.execute("SELECT count(*) FROM attempts").fetchone()[0] - before
        for _rowid, old_id, paragraph, read_at in reads:
            db.execute("INSERT OR IGNORE INTO reads VALUES (?, ?, ?)", (target(old_id), paragraph, read_at))
        for _rowid, old_id, module, paragraph, question, updated, *activity in positions:
            db.execute(
                MERGE_POSITION,
                (target(old_id), module, paragraph, question, updated, (activity or ["read"])[0] or "read"),
            )
        for _rowid, old_id, key, value in prefs:
            db.execute("INSERT OR IGNORE INTO prefs VALUES (?, ?, ?)", (target(old_id), key, value))
        for _rowid, key, value in settings:
            db.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", (key, value))
    return len(attempts), added
