"""The progress store: one SQLite database per data folder, shared by every learner on the machine.

Every confirmed answer is committed (WAL, synchronous=FULL) before the call returns, so it survives a
crash or kill -9. Several processes may write at once: SQLite's busy timeout and a retry around each
write transaction keep every write. The schema is versioned with ordered, recorded migrations; a
database from a newer ssc-learn is refused. A file that is not SQLite or fails `PRAGMA quick_check`
is refused with a clear error and left in place for `ssc-learn doctor`.

This is the only module that speaks SQL.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .errors import StoreError
from .i18n import N_

DB_NAME = "progress.sqlite3"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    created: str


@dataclass(frozen=True)
class Attempt:
    """One confirmed answer."""

    learner: str
    question: str
    module: str
    lang: str
    answer: str
    verdict: str
    score: float
    answered_at: str
    seconds: float
    uid: str


@dataclass(frozen=True)
class Position:
    """Where a learner stopped in a module."""

    module: str
    paragraph: str | None
    question: str | None
    updated: str
    activity: str = "read"  # "read" or "quiz": what the learner was doing last


@dataclass(frozen=True)
class ReviewCard:
    """A question's spaced-review state (an FSRS card as JSON) and when it is due."""

    question: str
    lang: str
    module: str
    due: str
    card: str


# ---------------------------------------------------------------------------------------------
# Migrations: append only; each runs once, in order, and is recorded.
# ---------------------------------------------------------------------------------------------


def _m1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            module TEXT NOT NULL,
            lang TEXT NOT NULL,
            answer TEXT NOT NULL,
            verdict TEXT NOT NULL,
            score REAL NOT NULL,
            answered_at TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0
        );
        CREATE INDEX attempts_learner ON attempts(learner_id, module);
    """,
    )


def _m2(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE positions (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            module TEXT NOT NULL,
            paragraph TEXT,
            question TEXT,
            updated TEXT NOT NULL,
            PRIMARY KEY (learner_id, module)
        );
        CREATE TABLE reads (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            paragraph TEXT NOT NULL,
            read_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, paragraph)
        );
        CREATE TABLE prefs (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (learner_id, key)
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    )


def _m3(db: sqlite3.Connection) -> None:
    # A stable id per attempt makes importing the same export twice a no-op.
    db.execute("ALTER TABLE attempts ADD COLUMN uid TEXT")
    rows = db.execute(
        "SELECT a.id, l.name, a.question, a.lang, a.answered_at, a.answer FROM attempts a "
        "JOIN learners l ON l.id = a.learner_id"
    ).fetchall()
    for row_id, *parts in rows:
        db.execute("UPDATE attempts SET uid = ? WHERE id = ?", (attempt_uid(*parts), row_id))
    _script(
        db,
        """
        CREATE UNIQUE INDEX attempts_uid ON attempts(uid);
        CREATE TABLE reviews (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            lang TEXT NOT NULL,
            module TEXT NOT NULL,
            due TEXT NOT NULL,
            card TEXT NOT NULL,
            PRIMARY KEY (learner_id, question, lang)
        );
        CREATE INDEX reviews_due ON reviews(learner_id, due);
    """,
    )


def _m4(db: sqlite3.Connection) -> None:
    # Resume needs to know whether the learner was last reading or answering in a module.
    db.execute("ALTER TABLE positions ADD COLUMN activity TEXT NOT NULL DEFAULT 'read'")
    db.execute("UPDATE positions SET activity = 'quiz' WHERE question IS NOT NULL AND paragraph IS NULL")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("learners and attempts", _m1),
    ("reading positions, reads, preferences", _m2),
    ("attempt ids and spaced-review cards", _m3),
    ("what the learner was last doing in a module", _m4),
]
SCHEMA_VERSION = len(MIGRATIONS)


def _script(db: sqlite3.Connection, sql: str) -> None:
    # executescript() would commit the migration's transaction half way; run statement by statement.
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def attempt_uid(learner: str, question: str, lang: str, answered_at: str, answer: str) -> str:
    """A stable id for an attempt, the same on every machine that holds it."""
    raw = "\x1f".join((learner, question, lang, answered_at, answer))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == SQLITE_MAGIC


class _Rows(list):  # type: ignore[type-arg]
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


class Store:
    """The progress database. Open with `Store.open(data_dir)`; close when done."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        # One connection may be shared by an interface's worker threads: one statement at a time,
        # and one transaction at a time (the lock is re-entrant, and held for a whole write()).
        self._lock = threading.RLock()
        self.db = _Serialized(db, self._lock)

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, migrate_to: int = SCHEMA_VERSION, backup: bool = True) -> Store:
        """Open (creating if needed) the store in `data_dir`; StoreError for anything unusable."""
        path = data_dir / DB_NAME
        if path.exists():
            if not path.is_file() or not is_sqlite_file(path):
                raise _corrupt(path, N_("it is not an SQLite database"))
        else:
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    N_("cannot create the data folder {path}: {reason}"),
                    path=data_dir,
                    reason=exc.strerror or exc,
                ) from None
            if not os.access(data_dir, os.W_OK):
                raise StoreError(N_("the data folder {path} is not writable"), path=data_dir)
        try:
            db = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 15000")
            db.execute("PRAGMA foreign_keys = ON")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                db.close()
                raise _corrupt(path, f"quick_check: {check}")
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            db.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(path, exc) from None
        store = cls(path, db)
        if mode.lower() != "wal" and os.access(data_dir, os.W_OK):
            store.close()
            raise StoreError(f"{path}: cannot switch to WAL mode ({mode})")
        store._migrate(migrate_to)
        if backup:
            store.backup_if_due()
        return store

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
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
                N_(
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
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, retried while another process holds the lock; committed on exit."""
        with self._lock:
            yield from self._transaction()

    def _transaction(self) -> Iterator[sqlite3.Connection]:
        for attempt in range(40):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise _sqlite_error(self.path, exc) from None
                time.sleep(0.05 * (attempt + 1))
        else:
            raise StoreError(N_("{path}: the database stayed locked by another process"), path=self.path)
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

    # -- learners ---------------------------------------------------------------------------------

    def learners(self) -> list[Learner]:
        rows = self.db.execute("SELECT id, name, created FROM learners ORDER BY name").fetchall()
        return [Learner(*r) for r in rows]

    def learner(self, name: str) -> Learner | None:
        row = self.db.execute("SELECT id, name, created FROM learners WHERE name = ?", (name,)).fetchone()
        return Learner(*row) if row else None

    def ensure_learner(self, name: str) -> Learner:
        """The learner called `name`, created if new."""
        name = clean_name(name)
        found = self.learner(name)
        if found:
            return found
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO learners(name, created) VALUES (?, ?)", (name, _iso(utcnow())))
        found = self.learner(name)
        assert found is not None
        return found

    def rename_learner(self, old: str, new: str) -> Learner:
        new = clean_name(new)
        if self.learner(old) is None:
            raise StoreError(N_("no learner called {name!r}"), name=old)
        if self.learner(new) is not None:
            raise StoreError(N_("there is already a learner called {name!r}"), name=new)
        with self.write() as db:
            db.execute("UPDATE learners SET name = ? WHERE name = ?", (new, old))
            if self.get_setting("default_learner") == old:
                db.execute("INSERT OR REPLACE INTO settings VALUES ('default_learner', ?)", (new,))
        found = self.learner(new)
        assert found is not None
        return found

    def delete_learner(self, name: str) -> None:
        if self.learner(name) is None:
            raise StoreError(N_("no learner called {name!r}"), name=name)
        with self.write() as db:
            db.execute("DELETE FROM learners WHERE name = ?", (name,))
            if self.get_setting("default_learner") == name:
                db.execute("DELETE FROM settings WHERE key = 'default_learner'")

    # -- settings and preferences -------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def prefs(self, learner: Learner) -> dict[str, str]:
        rows = self.db.execute("SELECT key, value FROM prefs WHERE learner_id = ?", (learner.id,))
        return dict(rows.fetchall())

    def set_pref(self, learner: Learner, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT OR REPLACE INTO prefs VALUES (?, ?, ?)", (learner.id, key, value))

    # -- attempts, reading, reviews ---------------------------------------------------------------

    def record_attempt(
        self,
        learner: Learner,
        *,
        question: str,
        module: str,
        lang: str,
        answer: str,
        verdict: str,
        score: float,
        seconds: float = 0.0,
        answered_at: datetime | None = None,
        card: ReviewCard | None = None,
    ) -> Attempt:
        """Store one confirmed answer (and its new review card) durably before returning."""
        when = _iso(answered_at or utcnow())
        uid = attempt_uid(learner.name, question, lang, when, answer)
        with self.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO attempts(learner_id, question, module, lang, answer, verdict, score, "
                "answered_at, seconds, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner.id,
                    question,
                    module,
                    lang,
                    answer,
                    verdict,
                    float(score),
                    when,
                    float(seconds),
                    uid,
                ),
            )
            if card is not None:
                db.execute(
                    "INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
                    (learner.id, card.question, card.lang, card.module, card.due, card.card),
                )
            db.execute(
                "INSERT INTO positions(learner_id, module, paragraph, question, updated, activity) "
                "VALUES (?, ?, NULL, ?, ?, 'quiz') "
                "ON CONFLICT(learner_id, module) DO UPDATE SET question = excluded.question, "
                "updated = excluded.updated, activity = 'quiz'",
                (learner.id, module, question, when),
            )
        return Attempt(
            learner.name, question, module, lang, answer, verdict, float(score), when, float(seconds), uid
        )

    def attempts(self, learner: Learner, module: str | None = None) -> list[Attempt]:
        sql = (
            "SELECT question, module, lang, answer, verdict, score, answered_at, seconds, uid "
            "FROM attempts WHERE learner_id = ?"
        )
        args: tuple[Any, ...] = (learner.id,)
        if module:
            sql += " AND module = ?"
            args += (module,)
        rows = self.db.execute(sql + " ORDER BY answered_at, id", args).fetchall()
        return [Attempt(learner.name, *r) for r in rows]

    def count_attempts(self, learner: Learner) -> int:
        return int(
            self.db.execute("SELECT count(*) FROM attempts WHERE learner_id = ?", (learner.id,)).fetchone()[0]
        )

    def latest_scores(self, learner: Learner) -> dict[tuple[str, str], tuple[float, str]]:
        """(module, question) → (score, verdict) of the learner's latest attempt at each question."""
        # SQLite returns the other columns of the row that holds max(id) in each group.
        rows = self.db.execute(
            "SELECT module, question, score, verdict, max(id) FROM attempts WHERE learner_id = ? "
            "GROUP BY module, question",
            (learner.id,),
        ).fetchall()
        return {(m, q): (s, v) for m, q, s, v, _id in rows}

    def mark_read(self, learner: Learner, module: str, paragraph: str) -> None:
        now = _iso(utcnow())
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO reads VALUES (?, ?, ?)", (learner.id, paragraph, now))
            db.execute(
                "INSERT INTO positions(learner_id, module, paragraph, question, updated, activity) "
                "VALUES (?, ?, ?, NULL, ?, 'read') "
                "ON CONFLICT(learner_id, module) DO UPDATE SET paragraph = excluded.paragraph, "
                "updated = excluded.updated, activity = 'read'",
                (learner.id, module, paragraph, now),
            )

    def read_paragraphs(self, learner: Learner) -> set[str]:
        rows = self.db.execute("SELECT paragraph FROM reads WHERE learner_id = ?", (learner.id,))
        return {r[0] for r in rows}

    def positions(self, learner: Learner) -> dict[str, Position]:
        rows = self.db.execute(
            "SELECT module, paragraph, question, updated, activity FROM positions "
            "WHERE learner_id = ? ORDER BY updated",
            (learner.id,),
        ).fetchall()
        return {r[0]: Position(*r) for r in rows}

    def last_position(self, learner: Learner) -> Position | None:
        row = self.db.execute(
            "SELECT module, paragraph, question, updated, activity FROM positions "
            "WHERE learner_id = ? ORDER BY updated DESC LIMIT 1",
            (learner.id,),
        ).fetchone()
        return Position(*row) if row else None

    def review_card(self, learner: Learner, question: str, lang: str) -> ReviewCard | None:
        row = self.db.execute(
            "SELECT question, lang, module, due, card FROM reviews WHERE learner_id = ? "
            "AND question = ? AND lang = ?",
            (learner.id, question, lang),
        ).fetchone()
        return ReviewCard(*row) if row else None

    def due_reviews(self, learner: Learner, until: datetime) -> list[ReviewCard]:
        rows = self.db.execute(
            "SELECT question, lang, module, due, card FROM reviews WHERE learner_id = ? "
            "AND due <= ? ORDER BY due",
            (learner.id, _iso(until)),
        ).fetchall()
        return [ReviewCard(*r) for r in rows]

    def replace_reviews(self, learner: Learner, cards: list[ReviewCard]) -> None:
        with self.write() as db:
            db.execute("DELETE FROM reviews WHERE learner_id = ?", (learner.id,))
            db.executemany(
                "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
                [(learner.id, c.question, c.lang, c.module, c.due, c.card) for c in cards],
            )

    # -- import -----------------------------------------------------------------------------------

    def import_learner(
        self,
        name: str,
        created: str,
        attempts: list[dict[str, Any]],
        reads: list[dict[str, str]],
        positions: list[dict[str, Any]],
        prefs: dict[str, str],
    ) -> tuple[Learner, int]:
        """Merge an exported learner in one transaction; returns the learner and attempts added."""
        name = clean_name(name)
        with self.write() as db:
            db.execute("INSERT OR IGNORE INTO learners(name, created) VALUES (?, ?)", (name, created))
            lid = db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()[0]
            before = db.execute("SELECT count(*) FROM attempts WHERE learner_id = ?", (lid,)).fetchone()[0]
            db.executemany(
                "INSERT OR IGNORE INTO attempts(learner_id, question, module, lang, answer, verdict, score, "
                "answered_at, seconds, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        lid,
                        a["question"],
                        a["module"],
                        a["lang"],
                        a["answer"],
                        a["verdict"],
                        float(a["score"]),
                        a["answered_at"],
                        float(a.get("seconds", 0)),
                        a["uid"],
                    )
                    for a in attempts
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO reads VALUES (?, ?, ?)",
                [(lid, r["paragraph"], r["read_at"]) for r in reads],
            )
            for p in positions:
                db.execute(
                    "INSERT INTO positions(learner_id, module, paragraph, question, updated, activity) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, module) DO UPDATE "
                    "SET paragraph = excluded.paragraph, question = excluded.question, "
                    "updated = excluded.updated, activity = excluded.activity "
                    "WHERE excluded.updated > positions.updated",
                    (
                        lid,
                        p["module"],
                        p.get("paragraph"),
                        p.get("question"),
                        p["updated"],
                        p.get("activity") or "read",
                    ),
                )
            for key, value in prefs.items():
                db.execute("INSERT OR IGNORE INTO prefs VALUES (?, ?, ?)", (lid, key, str(value)))
            after = db.execute("SELECT count(*) FROM attempts WHERE learner_id = ?", (lid,)).fetchone()[0]
        learner = self.learner(name)
        assert learner is not None
        return learner, after - before

    # -- backups ----------------------------------------------------------------------------------

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Copy the database with SQLite's backup API, at most once a day; keep the newest few."""
        folder = self.path.parent / BACKUP_DIR
        now = now or utcnow()
        existing = sorted(folder.glob("progress-*.sqlite3")) if folder.is_dir() else []
        if existing:
            newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, timezone.utc)
            if now - newest < timedelta(days=1):
                return None
        if not self.learners():
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


def backups(data_dir: Path) -> list[Path]:
    """Automatic backups in `data_dir`, oldest first."""
    folder = data_dir / BACKUP_DIR
    return sorted(folder.glob("progress-*.sqlite3")) if folder.is_dir() else []


def doctor(data_dir: Path, now: datetime | None = None) -> dict[str, Any]:
    """Check the store; if it is unusable, move it aside and restore the newest good backup."""
    path = data_dir / DB_NAME
    report: dict[str, Any] = {"store": str(path), "ok": True, "moved_to": None, "restored_from": None}
    if not path.exists():
        report["message"] = "no store yet"
        return report
    try:
        Store.open(data_dir, backup=False).close()
        report["message"] = "the store is healthy"
        return report
    except StoreError as exc:
        report["ok"] = False
        report["problem"] = exc.message
    stamp = f"{(now or utcnow()):%Y%m%d-%H%M%S}"
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    report["moved_to"] = str(aside)
    for candidate in reversed(backups(data_dir)):
        try:
            src = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
            if src.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                src.close()
                continue
            dest = sqlite3.connect(path)
            with dest:
                src.backup(dest)
            dest.close()
            src.close()
            report["restored_from"] = str(candidate)
            break
        except sqlite3.DatabaseError:
            continue
    report["message"] = (
        "restored the newest good backup"
        if report["restored_from"]
        else "no good backup: a new, empty store will be created"
    )
    return report


def clean_name(name: str) -> str:
    """A learner name as stored: any Unicode, trimmed, without control characters; never empty."""
    cleaned = "".join(ch for ch in str(name) if ch.isprintable()).strip()
    if not cleaned:
        raise StoreError(N_("a learner name cannot be empty"))
    if len(cleaned) > 80:
        raise StoreError(N_("a learner name is at most 80 characters"))
    return cleaned


def _corrupt(path: Path, why: str) -> StoreError:
    return StoreError(
        N_(
            "{path} cannot be used ({why}); it was left in place. "
            "Run 'ssc-learn doctor' to move it aside and restore the newest backup."
        ),
        path=path,
        why=why,
    )


def _sqlite_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return StoreError(N_("{path}: the data folder is read-only; nothing was written"), path=path)
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(N_("{path}: the disk is full; the last answer was not saved"), path=path)
    if "unable to open" in text:
        return StoreError(
            N_("{path}: cannot open the database file (check the folder's permissions)"), path=path
        )
    if "not a database" in text or "malformed" in text:
        return _corrupt(path, text)
    return StoreError("{path}: {error}", path=path, error=text)
