"""The progress store's record of learning: answers (attempts), paragraphs read, where a learner
stopped in each module, spaced-review cards, and merging an exported learner in. This changes with
what the course remembers of a learner's work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .store_db import StoreConnection, _Serialized
from .store_learners import _LEARNER_COLS, clean_name
from .store_schema import (
    MERGE_POSITION,
    Attempt,
    Learner,
    Position,
    ReviewCard,
    _iso,
    attempt_uid,
    utcnow,
)


def _put_card(db: _Serialized, learner: Learner, card: ReviewCard) -> None:
    """Store (or replace) a learner's review card."""
    db.execute(
        "INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
        (learner.id, card.question, card.lang, card.module, card.due, card.card),
    )


def _quiz_position(db: _Serialized, learner: Learner, module: str, question: str, when: str) -> None:
    """Move a learner's place in a module's quiz to `question` (an answer or a skip)."""
    db.execute(
        "INSERT INTO positions(learner_id, module, paragraph, question, updated, activity) "
        "VALUES (?, ?, NULL, ?, ?, 'quiz') "
        "ON CONFLICT(learner_id, module) DO UPDATE SET question = excluded.question, "
        "updated = excluded.updated, activity = 'quiz'",
        (learner.id, module, question, when),
    )


class ProgressQueries(StoreConnection):
    """Attempts, reads, positions, review cards and imports (a part of `Store`)."""

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
                _put_card(db, learner, card)
            _quiz_position(db, learner, module, question, when)
        return Attempt(
            learner.name, question, module, lang, answer, verdict, float(score), when, float(seconds), uid
        )

    def schedule_skipped(self, learner: Learner, *, question: str, module: str, card: ReviewCard) -> None:
        """A question the learner skipped: due for review (`card`), and the quiz's place moves past it.
        No attempt is stored: a skip is not an answer, so scores and exports do not count it."""
        when = _iso(utcnow())
        with self.write() as db:
            _put_card(db, learner, card)
            _quiz_position(db, learner, module, question, when)

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
            self._replace_reviews(db, learner.id, cards)

    @staticmethod
    def _replace_reviews(db: Any, lid: int, cards: list[ReviewCard]) -> None:
        db.execute("DELETE FROM reviews WHERE learner_id = ?", (lid,))
        db.executemany(
            "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
            [(lid, c.question, c.lang, c.module, c.due, c.card) for c in cards],
        )

    def answered_without_card(self, learner: Learner) -> set[tuple[str, str]]:
        """(question, lang) pairs the learner answered that have no review card (an interrupted rebuild)."""
        rows = self.db.execute(
            "SELECT DISTINCT a.question, a.lang FROM attempts a WHERE a.learner_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM reviews r WHERE r.learner_id = a.learner_id AND r.question = a.question "
            "AND r.lang = a.lang)",
            (learner.id,),
        ).fetchall()
        return {(q, lang) for q, lang in rows}

    # -- import -----------------------------------------------------------------------------------

    def import_learner(
        self,
        name: str,
        created: str,
        attempts: list[dict[str, Any]],
        reads: list[dict[str, str]],
        positions: list[dict[str, Any]],
        prefs: dict[str, str],
        *,
        uid: str | None = None,
        cards: Callable[[list[Attempt]], list[ReviewCard]] | None = None,
    ) -> tuple[Learner, int]:
        """Merge an exported learner in one transaction; returns the learner and attempts added.

        The learner is found by `uid` first (a renamed learner), then by name, else created. When
        answers are added, `cards(all their attempts)` gives the review cards, written in the same
        transaction: a kill leaves either nothing or answers with their cards.
        """
        name = clean_name(name)
        with self.write() as db:
            row = db.execute("SELECT id FROM learners WHERE uid = ?", (uid,)).fetchone() if uid else None
            if row is None:
                row = db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO learners(name, created, uid) VALUES (?, ?, ?)",
                    (name, created, uid or uuid.uuid4().hex),
                )
                row = db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
            lid = row[0]
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
                    MERGE_POSITION,
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
            found = db.execute(f"SELECT {_LEARNER_COLS} FROM learners WHERE id = ?", (lid,)).fetchone()
            learner = Learner(*found)
            if cards is not None and after > before:
                self._replace_reviews(db, lid, cards(self.attempts(learner)))
        return learner, after - before
