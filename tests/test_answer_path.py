"""One answer path: LearnerSession.answer parses, grades and records the canonical reply — the
option's text, not the letter of a shuffled showing — for the plain quiz as for the chatbot."""

from __future__ import annotations

import io

import pytest
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.kinds import Kind, Verdict
from ssc_learn.course.learning import LearnerSession
from ssc_learn.course.session import present
from ssc_learn.tui.plain import run_questions


@pytest.fixture
def session(course, tmp_path):
    s = LearnerSession.open(course, tmp_path, "ana")
    yield s
    s.close()


def _first(course, kind: Kind):
    return next(q for q in course.bank.all("en") if q.type is kind and len(q.choices or q.items) >= 3)


def test_a_letter_is_recorded_as_the_option_it_named(course, session):
    q = _first(course, Kind.CHOICE)
    p = present(q, "seed")
    letter = "ABCDEFG"[p.options.index(str(q.answer))]
    result = session.answer(p, letter.lower(), 2.0)
    assert result is not None and result.verdict == Verdict.CORRECT
    (attempt,) = session.store.attempts(session.learner)
    assert attempt.answer == q.answer and attempt.verdict == "correct"


def test_an_order_is_recorded_as_the_items(course, session):
    q = _first(course, Kind.ORDER)
    p = present(q, "seed")
    letters = "".join("ABCDEFG"[p.options.index(item)] for item in q.items)
    assert session.answer(p, letters).correct
    (attempt,) = session.store.attempts(session.learner)
    assert attempt.answer == " → ".join(q.items)


def test_an_unreadable_reply_records_nothing(course, session):
    p = present(_first(course, Kind.CHOICE), "seed")
    assert session.answer(p, "Z Z Z") is None
    assert session.store.attempts(session.learner) == []


def test_true_false_keeps_what_the_word_meant(course, session):
    q = next(q for q in course.bank.all("zh") if q.type == Kind.TRUEFALSE)
    word = "对" if q.answer else "错"
    assert session.answer(present(q), word).correct
    (attempt,) = session.store.attempts(session.learner)
    assert attempt.answer == ("true" if q.answer else "false")


def test_the_plain_quiz_records_through_the_session(course, session):
    q = _first(course, Kind.MULTI)
    p = present(q, "s")
    letters = " ".join("ABCDEFG"[p.options.index(a)] for a in q.answers)
    out = io.StringIO()
    answered, score = run_questions(
        [q], get_translator("en"), io.StringIO(letters + "\n"), out, seed="s", answer=session.answer
    )
    assert (answered, score) == (1, 1.0)
    (attempt,) = session.store.attempts(session.learner)
    assert set(attempt.answer.split(" / ")) == set(q.answers)
