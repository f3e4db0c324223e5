"""The learning path: recording answers with their spaced-review schedule, mastery and completion.

Spaced review uses FSRS (the `fsrs` package) with fuzzing off, so schedules are reproducible: a missed
question comes back within minutes, then at growing intervals as it is answered right.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from .content import Course
from .grader import CORRECT, INCORRECT, Grade
from .kinds import Verdict
from .questions import Question
from .store import Attempt, Learner, Position, ReviewCard, Store, utcnow

if TYPE_CHECKING:  # fsrs is imported when first used
    from fsrs import Scheduler
    from fsrs.card import CardDict

PASS_SCORE = 0.8  # a module's quiz counts as passed at 80%


@lru_cache(maxsize=1)
def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    # One short learning step: a missed question returns in ten minutes, a right one graduates to
    # review at once (FSRS's default second step would bring every right answer back the same day).
    return Scheduler(learning_steps=(timedelta(minutes=10),), enable_fuzzing=False)


def next_card(previous: str | None, verdict: str, when: datetime, question: Question) -> ReviewCard:
    """The review card after answering `question` with `verdict` at `when`."""
    from fsrs import Card, Rating

    if previous:
        card = Card.from_dict(cast("CardDict", _json(previous)))
    else:
        # A stable card id (Python's hash() changes between processes).
        digest = hashlib.sha1(f"{question.id}:{question.lang}".encode()).hexdigest()
        card = Card(card_id=int(digest[:12], 16))
    rating = {CORRECT: Rating.Good, INCORRECT: Rating.Again}.get(Verdict(verdict), Rating.Hard)
    card, _log = _scheduler().review_card(card, rating, review_datetime=when)
    data = card.to_dict()
    return ReviewCard(question.id, question.lang, question.module, str(data["due"]), _dumps(data))


def _json(text: str) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads(text)
    return data


def _dumps(data: Mapping[str, object]) -> str:
    import json

    return json.dumps(data, sort_keys=True)


def record_answer(
    store: Store,
    learner: Learner,
    question: Question,
    answer: str,
    result: Grade,
    seconds: float = 0.0,
    when: datetime | None = None,
) -> Attempt:
    """Record a confirmed answer and reschedule its review, durably, in one transaction."""
    when = when or utcnow()
    previous = store.review_card(learner, question.id, question.lang)
    card = next_card(previous.card if previous else None, result.verdict, when, question)
    return store.record_attempt(
        learner,
        question=question.id,
        module=question.module,
        lang=question.lang,
        answer=answer,
        verdict=result.verdict,
        score=result.score,
        seconds=seconds,
        answered_at=when,
        card=card,
    )


def skip_question(store: Store, learner: Learner, question: Question, when: datetime | None = None) -> None:
    """A skipped question comes back for review as a missed one does (and the quiz moves past it)."""
    when = when or utcnow()
    previous = store.review_card(learner, question.id, question.lang)
    card = next_card(previous.card if previous else None, INCORRECT, when, question)
    store.schedule_skipped(learner, question=question.id, module=question.module, card=card)


def cards_for(course: Course, attempts: list[Attempt]) -> list[ReviewCard]:
    """The review cards a learner's attempts lead to, replayed through the scheduler in order."""
    cards: dict[tuple[str, str], ReviewCard] = {}
    for a in sorted(attempts, key=lambda a: a.answered_at):
        q = course.bank.get(a.question, a.lang) or course.bank.find(a.question)
        if q is None:
            continue
        try:
            when = datetime.fromisoformat(a.answered_at)
        except ValueError:
            continue  # written by an older ssc-learn that did not check imported times
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        key = (a.question, a.lang)
        prev = cards.get(key)
        try:
            card = next_card(prev.card if prev else None, a.verdict, when, q)
        except (OverflowError, ValueError):
            continue  # a time so far off the scheduler cannot place it
        cards[key] = ReviewCard(a.question, a.lang, a.module, card.due, card.card)
    return list(cards.values())


def rebuild_reviews(course: Course, store: Store, learner: Learner) -> int:
    """Replay a learner's attempts through the scheduler; returns cards made."""
    cards = cards_for(course, store.attempts(learner))
    store.replace_reviews(learner, cards)
    return len(cards)


def ensure_reviews(course: Course, store: Store, learner: Learner) -> bool:
    """Rebuild the learner's review cards if some answers have none (an import or rebuild was killed).

    Returns whether it rebuilt. Answers to questions no longer in the course need no card.
    """
    missing = store.answered_without_card(learner)
    if not any(course.bank.get(q, lang) or course.bank.find(q) for q, lang in missing):
        return False
    rebuild_reviews(course, store, learner)
    return True


def end_of_today(now: datetime | None = None) -> datetime:
    """The end of the learner's local day, in UTC: what 'due today' means."""
    local = (now or utcnow()).astimezone()
    end = datetime.combine(local.date(), time.max, tzinfo=local.tzinfo)
    return end.astimezone(timezone.utc)


def due_questions(
    course: Course, store: Store, learner: Learner, now: datetime | None = None
) -> list[Question]:
    """The questions due for review today, most overdue first."""
    out = []
    for card in store.due_reviews(learner, end_of_today(now)):
        q = course.bank.get(card.question, card.lang)
        if q is not None:
            out.append(q)
    return out


@dataclass(frozen=True)
class ModuleProgress:
    """How far a learner is in one module."""

    id: str
    questions: int
    answered: int
    correct: int
    score: float  # mean of the latest score of every question of the module (unanswered = 0)
    read: int
    paragraphs: int
    completed: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "answered": self.answered,
            "correct": self.correct,
            "score": round(self.score, 4),
            "questions": self.questions,
            "read": self.read,
            "paragraphs": self.paragraphs,
            "completed": self.completed,
        }


def module_progress(course: Course, store: Store, learner: Learner, lang: str) -> list[ModuleProgress]:
    """Progress in every module, in course order."""
    latest = store.latest_scores(learner)
    read = store.read_paragraphs(learner)
    out = []
    for m in course.outline.modules:
        qs, _ = course.bank.for_module(m.id, lang, course.source_lang)
        ids = {q.id for q in qs}
        mine = {q: v for (mod, q), v in latest.items() if mod == m.id and q in ids}
        score = sum(s for s, _ in mine.values()) / len(ids) if ids else 0.0
        n_read = sum(1 for p in m.paragraphs if p in read)
        done = n_read == len(m.paragraphs) and score >= PASS_SCORE
        out.append(
            ModuleProgress(
                m.id,
                len(ids),
                len(mine),
                sum(1 for _, v in mine.values() if v == CORRECT),
                score,
                n_read,
                len(m.paragraphs),
                done,
            )
        )
    return out


@dataclass(frozen=True)
class NextStep:
    """Where "continue" takes a learner: a module's reader at a paragraph or its quiz at a question."""

    module: str
    activity: str  # "read" or "quiz"
    paragraph: str | None = None
    question: str | None = None


def next_step(
    course: Course,
    lang: str,
    position: Position | None,
    read: set[str],
    latest: dict[tuple[str, str], tuple[float, str]],
) -> NextStep | None:
    """What to open next: the place the learner stopped, or once a module's quiz is over, the next
    thing left to do (unread paragraphs, unanswered questions, the next unfinished module); None when
    every module is complete.

    `read` is the learner's read paragraphs and `latest` their latest score per (module, question).
    """
    modules = course.outline.modules
    order = [m.id for m in modules]
    if position is not None and position.module in order:
        if position.activity == "read" and position.paragraph:
            return NextStep(position.module, "read", paragraph=position.paragraph)
        ids = [q.id for q in course.bank.for_module(position.module, lang, course.source_lang)[0]]
        if position.question in ids and ids.index(position.question) + 1 < len(ids):
            return NextStep(position.module, "quiz", question=ids[ids.index(position.question) + 1])
        start = order.index(position.module)
    else:
        start = 0
    # The quiz just finished (or nothing yet): the first unfinished module from here on, then from the top.
    for m in [*modules[start:], *modules[:start]]:
        unread = [p for p in m.paragraphs if p not in read]
        if unread:
            return NextStep(m.id, "read", paragraph=unread[0])
        qs = course.bank.for_module(m.id, lang, course.source_lang)[0]
        scores = {q.id: latest.get((m.id, q.id), (0.0, ""))[0] for q in qs}
        if qs and sum(scores.values()) / len(qs) < PASS_SCORE:
            missed = [q.id for q in qs if scores[q.id] < 1.0]
            return NextStep(m.id, "quiz", question=missed[0])
    return None


def paragraph_mastery(course: Course, store: Store, learner: Learner) -> dict[str, float]:
    """For each paragraph tested so far, the mean latest score of the questions citing it."""
    latest = store.latest_scores(learner)
    sums: dict[str, list[float]] = {}
    for (_module, qid), (score, _v) in latest.items():
        q = course.bank.find(qid)
        if q is None:
            continue
        for pid in q.source:
            sums.setdefault(pid, []).append(score)
    return {pid: sum(v) / len(v) for pid, v in sums.items()}


def summary(
    course: Course, store: Store, learner: Learner, lang: str, now: datetime | None = None
) -> dict[str, Any]:
    """The `ssc-learn progress --json` document."""
    mods = module_progress(course, store, learner, lang)
    pos = store.last_position(learner)
    return {
        "learner": learner.name,
        "store": str(store.path),
        "attempts": store.count_attempts(learner),
        "modules": [m.as_dict() for m in mods],
        "completed": sum(m.completed for m in mods),
        "paragraphs": {pid: round(v, 4) for pid, v in paragraph_mastery(course, store, learner).items()},
        "due_reviews": len(store.due_reviews(learner, end_of_today(now))),
        "resume": None
        if pos is None
        else {
            "module": pos.module,
            "paragraph": pos.paragraph,
            "question": pos.question,
            "activity": pos.activity,
        },
    }
