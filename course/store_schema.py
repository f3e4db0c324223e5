"""What the progress store holds: the row types the rest of the code reads, and the migrations that
build the tables. This changes when the data model does (a new table or column is a new migration,
appended); how the file is opened, written and repaired is in store_db.py, store_faults.py and
store_repair.py.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store_db import _Serialized


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    created: str
    uid: str = ""  # stable across renames and machines: an import finds the learner by it


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


def attempt_uid(learner: str, question: str, lang: str, answered_at: str, answer: str) -> str:
    """A stable id for an attempt, the same on every machine that holds it."""
    raw = "\x1f".join((learner, question, lang, answered_at, answer))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# Migrations: append only; each runs once, in order, and is recorded.
# ---------------------------------------------------------------------------------------------


def _m1(db: _Serialized) -> None:
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


def _m2(db: _Serialized) -> None:
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


def _m3(db: _Serialized) -> None:
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


def _m4(db: _Serialized) -> None:
    # Resume needs to know whether the learner was last reading or answering in a module.
    db.execute("ALTER TABLE positions ADD COLUMN activity TEXT NOT NULL DEFAULT 'read'")
    db.execute("UPDATE positions SET activity = 'quiz' WHERE question IS NOT NULL AND paragraph IS NULL")


def _m5(db: _Serialized) -> None:
    # A renamed learner's export must still find its learner; a served learner keeps a secret
    # (a salted scrypt hash), which is never exported.
    db.execute("ALTER TABLE learners ADD COLUMN uid TEXT")
    db.execute("ALTER TABLE learners ADD COLUMN secret TEXT")
    for (lid,) in db.execute("SELECT id FROM learners").fetchall():
        db.execute("UPDATE learners SET uid = ? WHERE id = ?", (uuid.uuid4().hex, lid))
    db.execute("CREATE UNIQUE INDEX learners_uid ON learners(uid)")


def _m6(db: _Serialized) -> None:
    # A live workshop round is the host's record, not a learner's: participants are people in a
    # room, not learners of this machine, so they get tables of their own (exported per participant).
    _script(
        db,
        """
        CREATE TABLE live_rounds (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            config TEXT NOT NULL,
            phase TEXT NOT NULL,
            position INTEGER NOT NULL,
            deadline REAL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE live_participants (
            round_id INTEGER NOT NULL REFERENCES live_rounds(id) ON DELETE CASCADE,
            pid INTEGER NOT NULL,
            name TEXT NOT NULL,
            token TEXT NOT NULL,
            lang TEXT NOT NULL,
            joined REAL NOT NULL,
            PRIMARY KEY (round_id, pid)
        );
        CREATE TABLE live_answers (
            round_id INTEGER NOT NULL REFERENCES live_rounds(id) ON DELETE CASCADE,
            pid INTEGER NOT NULL,
            position INTEGER NOT NULL,
            question TEXT NOT NULL,
            lang TEXT NOT NULL,
            answer TEXT NOT NULL,
            choice TEXT NOT NULL,
            verdict TEXT NOT NULL,
            score REAL NOT NULL,
            seconds REAL NOT NULL,
            answered_at REAL NOT NULL,
            PRIMARY KEY (round_id, pid, position)
        );
    """,
    )


MIGRATIONS: list[tuple[str, Callable[[_Serialized], None]]] = [
    ("learners and attempts", _m1),
    ("reading positions, reads, preferences", _m2),
    ("attempt ids and spaced-review cards", _m3),
    ("what the learner was last doing in a module", _m4),
    ("stable learner ids and served learners' secrets", _m5),
    ("live workshop rounds: participants and their answers", _m6),
]
SCHEMA_VERSION = len(MIGRATIONS)

# A learner's place in a module merged from another copy of their progress (an import, a salvaged file):
# the later of the two places wins.
MERGE_POSITION = (
    "INSERT INTO positions(learner_id, module, paragraph, question, updated, activity) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner_id, module) DO UPDATE "
    "SET paragraph = excluded.paragraph, question = excluded.question, "
    "updated = excluded.updated, activity = excluded.activity "
    "WHERE excluded.updated > positions.updated"
)


def _script(db: _Serialized, sql: str) -> None:
    # executescript() would commit the migration's transaction half way; run statement by statement.
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)
