"""The progress store: one SQLite database per data folder, shared by every learner on the machine.

Every confirmed answer is committed (WAL, synchronous=FULL) before the call returns, so it survives a
crash or kill -9. Several processes may write at once: SQLite's busy timeout and a retry around each
write transaction keep every write. The schema is versioned with ordered, recorded migrations; a
database from a newer ssc-learn is refused. A file that is not SQLite or fails `PRAGMA quick_check`
is refused with a clear error and left in place for `ssc-learn doctor`, which moves a store aside only
when it is really damaged, and copies every row it can still read into the backup it restores.

A new store is built and migrated under a temporary name and linked into place whole, so a kill
during the very first open never leaves an empty or half-made store behind.

This is the only module that speaks SQL.
"""

from __future__ import annotations

from typing import Any

from .errors import StoreError
from .i18n import N_
from .store_db import (
    BACKUP_DIR,
    DB_NAME,
    KEEP_BACKUPS,
    is_sqlite_file,
)
from .store_faults import (
    SQLITE_FULL,
    disk_is_full,
    primary_code,
)
from .store_learners import LearnerQueries, clean_name
from .store_progress import ProgressQueries
from .store_repair import backups, doctor
from .store_schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Attempt,
    Learner,
    Position,
    ReviewCard,
    _iso,
    attempt_uid,
    utcnow,
)

# The public names, wherever they are defined: callers import them from here.
__all__ = [
    "BACKUP_DIR",
    "DB_NAME",
    "KEEP_BACKUPS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_FULL",
    "Attempt",
    "Learner",
    "Position",
    "ReviewCard",
    "Store",
    "attempt_uid",
    "backups",
    "clean_name",
    "disk_is_full",
    "doctor",
    "is_sqlite_file",
    "primary_code",
    "utcnow",
]


class Store(LearnerQueries, ProgressQueries):
    """The progress database. Open with `Store.open(data_dir)`; close when done."""

    # -- live workshop rounds (course/live.py keeps the logic; these rows are its record) -------------

    def create_round(self, uid: str, config: dict[str, Any]) -> None:
        import json

        now = _iso(utcnow())
        with self.write() as db:
            db.execute(
                "INSERT INTO live_rounds(uid, config, phase, position, deadline, created, updated) "
                "VALUES (?, ?, 'lobby', -1, NULL, ?, ?)",
                (uid, json.dumps(config, ensure_ascii=False), now, now),
            )

    def save_round_state(self, uid: str, state: Any) -> None:
        with self.write() as db:
            db.execute(
                "UPDATE live_rounds SET phase = ?, position = ?, deadline = ?, updated = ? WHERE uid = ?",
                (state.phase, state.index, state.deadline, _iso(utcnow()), uid),
            )

    def save_participant(self, uid: str, p: Any) -> None:
        with self.write() as db:
            db.execute(
                "INSERT INTO live_participants(round_id, pid, name, token, lang, joined) "
                "SELECT id, ?, ?, ?, ?, ? FROM live_rounds WHERE uid = ? "
                "ON CONFLICT(round_id, pid) DO UPDATE SET lang = excluded.lang",
                (p.id, p.name, p.token, p.lang, p.joined_at, uid),
            )

    def save_live_answers(self, uid: str, answers: list[Any]) -> None:
        """Several answers in one transaction: one disk sync for all the room's answers at once."""
        if not answers:
            return
        with self.write() as db:
            row = db.execute("SELECT id FROM live_rounds WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                raise StoreError(N_("no live round {uid}"), uid=uid)
            db.executemany(
                "INSERT OR IGNORE INTO live_answers(round_id, pid, position, question, lang, answer, choice, "
                "verdict, score, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        row[0],
                        a.participant,
                        a.index,
                        a.question,
                        a.lang,
                        a.reply,
                        a.choice,
                        a.verdict,
                        a.score,
                        a.seconds,
                        a.answered_at,
                    )
                    for a in answers
                ],
            )

    def live_rounds(self) -> list[dict[str, Any]]:
        """Every live round, newest first: uid, config, phase, position, created, participants, answers."""
        import json

        rows = self.db.execute(
            "SELECT r.uid, r.config, r.phase, r.position, r.created, "
            "(SELECT count(*) FROM live_participants p WHERE p.round_id = r.id), "
            "(SELECT count(*) FROM live_answers a WHERE a.round_id = r.id) "
            "FROM live_rounds r ORDER BY r.created DESC, r.id DESC"
        ).fetchall()
        return [
            {
                "uid": uid,
                "config": json.loads(config),
                "phase": phase,
                "position": position,
                "created": created,
                "participants": n_participants,
                "answers": n_answers,
            }
            for uid, config, phase, position, created, n_participants, n_answers in rows
        ]

    def load_round(self, uid: str) -> dict[str, Any] | None:
        """A live round's rows: config, state, participants and answers (None when unknown)."""
        import json

        row = self.db.execute(
            "SELECT id, config, phase, position, deadline, created FROM live_rounds WHERE uid = ?", (uid,)
        ).fetchone()
        if row is None:
            return None
        rid, config, phase, position, deadline, created = row
        participants = self.db.execute(
            "SELECT pid, name, token, lang, joined FROM live_participants WHERE round_id = ? ORDER BY pid",
            (rid,),
        ).fetchall()
        answers = self.db.execute(
            "SELECT pid, position, question, lang, answer, verdict, score, seconds, answered_at, choice "
            "FROM live_answers WHERE round_id = ? ORDER BY position, pid",
            (rid,),
        ).fetchall()
        return {
            "uid": uid,
            "config": json.loads(config),
            "phase": phase,
            "position": position,
            "deadline": deadline,
            "created": created,
            "participants": [tuple(p) for p in participants],
            "answers": [tuple(a) for a in answers],
        }
