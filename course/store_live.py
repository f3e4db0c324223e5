"""The progress store's record of live workshop rounds: each round's settings and state, its
participants and their answers, so a round survives a restart of the host. course/live.py keeps the
round's logic; this changes only with what a round must remember.
"""

from __future__ import annotations

from typing import Any

from .errors import StoreError
from .i18n import N_
from .store_db import StoreConnection
from .store_schema import _iso, utcnow


class LiveQueries(StoreConnection):
    """Live rounds, participants and answers (a part of `Store`)."""

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
