"""One learner's session with the course: what the interfaces call instead of touching the store."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SSCError
from .i18n import N_
from .store import Learner, Position, Store

# The grader and the progress rules are imported when first used: the course map is shown before then.
if TYPE_CHECKING:
    from .content import Course
    from .grader import Grade
    from .progress import ModuleProgress, NextStep
    from .questions import Question
    from .session import Presented


@dataclass
class LearnerSession:
    """A learner, the store that keeps their progress, and the course they follow."""

    course: Course
    store: Store
    learner: Learner

    @classmethod
    def open(
        cls, course: Course, data_dir: Path, name: str, *, protected: bool = False, secret: str | None = None
    ) -> LearnerSession:
        """Open `name`'s progress, created if new.

        `protected` (a session served to a web browser): an existing learner opens only with their PIN
        or passphrase, a new one is created with it, and the machine's default learner is left alone.
        """
        store = Store.open(data_dir)
        try:
            if protected:
                learner = _open_protected(store, name, secret or "")
            else:
                learner = store.ensure_learner(name)
                if store.get_setting("default_learner") != learner.name:  # no write when nothing changed
                    store.set_setting("default_learner", learner.name)
            if store.answered_without_card(learner):  # an import or rebuild was interrupted
                from .progress import ensure_reviews

                ensure_reviews(course, store, learner)
        except BaseException:
            store.close()
            raise
        return cls(course, store, learner)

    def close(self) -> None:
        self.store.close()

    @property
    def name(self) -> str:
        return self.learner.name

    def prefs(self) -> dict[str, str]:
        return self.store.prefs(self.learner)

    def set_pref(self, key: str, value: str) -> None:
        if self.prefs().get(key) != value:
            self.store.set_pref(self.learner, key, value)

    def answer(self, presented: Presented, reply: str, seconds: float = 0.0) -> Grade | None:
        """Parse a typed reply ("B", "1B 2A 3C", "对"), grade it and record it — on disk when this
        returns, so before any feedback shows. None when the line cannot be read for this question
        (nothing is recorded: ask again). Every interface answers through here or `submit`."""
        from .session import parse_reply

        response = parse_reply(presented, reply)
        if response is None:
            return None
        return self.submit(presented, response, seconds)

    def submit(self, presented: Presented, response: Any, seconds: float = 0.0) -> Grade:
        """Grade a response already in the grader's shape (an option's text, a list of items, a
        mapping of pairs: what a widget gives) and record its canonical text; see `answer`."""
        from .grader import grade
        from .session import canonical_reply

        q = presented.question
        result = grade(q, response)
        self.record(q, canonical_reply(q, response, result), result, seconds)
        return result

    def record(self, question: Question, reply: str, result: Grade, seconds: float) -> None:
        """Record an answer already graded (the step `answer` and `submit` end with); on disk when
        this returns. `reply` is the canonical text, not the letters typed."""
        from .progress import record_answer

        record_answer(self.store, self.learner, question, reply, result, seconds)

    def next_review(self, question: Question) -> datetime | None:
        """When `question` comes back for review (None if it has no review card)."""
        card = self.store.review_card(self.learner, question.id, question.lang)
        if card is None:
            return None
        try:
            due = datetime.fromisoformat(card.due)
        except ValueError:
            return None
        return due if due.tzinfo else due.replace(tzinfo=timezone.utc)

    def skip(self, question: Question) -> None:
        """The learner skipped `question`: it is due for review, and the quiz's place moves past it."""
        from .progress import skip_question

        skip_question(self.store, self.learner, question)

    def mark_read(self, module: str, paragraph: str) -> None:
        self.store.mark_read(self.learner, module, paragraph)

    def read(self) -> set[str]:
        return self.store.read_paragraphs(self.learner)

    def progress(self, lang: str) -> list[ModuleProgress]:
        from .progress import module_progress

        return module_progress(self.course, self.store, self.learner, lang)

    def due(self) -> list[Question]:
        from .progress import due_questions

        return due_questions(self.course, self.store, self.learner)

    def resume(self) -> Position | None:
        return self.store.last_position(self.learner)

    def next_step(self, lang: str) -> NextStep | None:
        """Where "continue" goes: where the learner stopped, or the next thing left to do."""
        from .progress import next_step

        latest = self.store.latest_scores(self.learner)
        return next_step(self.course, lang, self.resume(), self.read(), latest)

    def position(self, module: str) -> Position | None:
        return self.store.positions(self.learner).get(module)

    def score_history(self, module: str | None = None, last: int = 20) -> list[float]:
        """Mean score per day of practice (oldest first), for a small chart of progress over time."""
        by_day: dict[str, list[float]] = defaultdict(list)
        for a in self.store.attempts(self.learner, module):
            by_day[a.answered_at[:10]].append(a.score)
        days = sorted(by_day)[-last:]
        return [sum(by_day[d]) / len(by_day[d]) for d in days]


def known_learners(data_dir: Path) -> tuple[list[str], str | None]:
    """The learners in the store and the last one used (without creating a store)."""
    from .store import DB_NAME

    if not (data_dir / DB_NAME).exists():
        return [], None
    with Store.open(data_dir, backup=False) as store:
        return [x.name for x in store.learners()], store.get_setting("default_learner")


class AccessError(SSCError):
    """A served learner opened without the right PIN or passphrase."""

    exit_code = 1


MIN_SECRET = 4
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_secret(secret: str) -> str:
    """A salted scrypt hash of a PIN or passphrase, as stored: scrypt$n$r$p$salt$hash."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    """Whether `secret` matches a hash made by `hash_secret` (compared in constant time)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            secret.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _open_protected(store: Store, name: str, secret: str) -> Learner:
    found = store.learner(name.strip())
    if found is None:
        if len(secret) < MIN_SECRET:
            raise AccessError(N_("choose a PIN or passphrase of at least {n} characters"), n=MIN_SECRET)
        return store.ensure_learner(name, secret_hash=hash_secret(secret))
    stored = store.secret_hash(found)
    if not stored:
        raise AccessError(
            N_(
                "{name} has no PIN yet: set one on the computer running the course with "
                "'ssc-learn learners pin NAME'"
            ),
            name=found.name,
        )
    if not check_secret(secret, stored):
        raise AccessError(N_("wrong name or PIN"))
    return found


def set_learner_secret(data_dir: Path, name: str, secret: str) -> None:
    """Give `name` a PIN or passphrase (needed to open them from a web browser)."""
    if len(secret) < MIN_SECRET:
        raise AccessError(N_("choose a PIN or passphrase of at least {n} characters"), n=MIN_SECRET)
    with Store.open(data_dir) as store:
        found = store.learner(name)
        if found is None:
            raise SSCError(N_("no learner called {name!r}"), name=name)
        store.set_secret_hash(found, hash_secret(secret))
