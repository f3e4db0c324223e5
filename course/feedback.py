"""The sentences a grade is explained with: one template per reason code and verdict, translated into
the learner's language by `describe()`. Wording changes here; what earns a verdict is course/grader.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import N_, Translator
from .kinds import ReasonCode, Verdict

if TYPE_CHECKING:
    from .grader import Grade

CORRECT, PARTIAL, INCORRECT = Verdict.CORRECT, Verdict.PARTIAL, Verdict.INCORRECT


VERDICTS = {CORRECT: N_("correct"), PARTIAL: N_("partly right"), INCORRECT: N_("incorrect")}

MESSAGES = {
    ReasonCode.EXACT: N_("Correct."),
    ReasonCode.NORMALIZED: N_("Case, accents, articles, spacing, punctuation or script ignored."),
    ReasonCode.NUMBER: N_("Exactly {expected}."),
    ReasonCode.IN_SENTENCE: N_("Found “{expected}” in your answer."),
    ReasonCode.HOMOPHONE: N_("Accepted: {typed} sounds like {expected} (input-method slip)."),
    ReasonCode.PINYIN: N_("Accepted: that is the pinyin of {expected}."),
    ReasonCode.TYPO: N_("Accepted despite a typo: “{typed}” → “{expected}”."),
    ReasonCode.FILLERS: N_("Accepted: {expected}."),
    ReasonCode.REORDERED: N_("Accepted: the same words as “{expected}” in another order."),
    ReasonCode.KEYWORDS_ALL: N_("Every key point is there."),
    ReasonCode.KEYWORDS_SOME: N_("{found} of {total} key points; missing: {missing}."),
    ReasonCode.KEYWORDS_NONE: N_("None of the key points is there."),
    ReasonCode.EMPTY: N_("No answer given."),
    ReasonCode.TOO_LONG: N_("Too long: answer with the term or the short phrase asked for."),
    ReasonCode.NUMBER_MISMATCH: N_("The number must be exact: {expected}, not {got}."),
    ReasonCode.NUMBER_EXTRA: N_("Give one answer: {got} (the answer is {expected})."),
    ReasonCode.NUMBER_TOLERANCE: N_("Not close enough: {expected} (±{tolerance}), not {got}."),
    ReasonCode.NOT_A_NUMBER: N_("That is not a number; the answer is {expected}."),
    ReasonCode.NEGATED: N_("Your answer negates “{expected}”."),
    ReasonCode.REJECTED: N_("“{typed}” is a different thing; the answer is “{expected}”."),
    ReasonCode.WRONG_CHARACTER: N_("{typed} is not {expected}: one character changes the meaning."),
    ReasonCode.ACRONYM: N_("Acronyms must be exact: {expected}, not {typed}."),
    ReasonCode.FRAGMENT: N_("Incomplete: missing “{missing}”."),
    ReasonCode.HEAD_OMITTED: N_("Accepted: {typed} = {expected}."),
    ReasonCode.WRONG_WORD: N_("{typed} is not {expected}: another word, another meaning."),
    ReasonCode.EQUIVALENT: N_("Accepted: {typed} = {expected}."),
    ReasonCode.DATE: N_("Accepted: the date agrees with {expected}."),
    ReasonCode.DISTINCT: N_("“{typed}” is not “{expected}”: that names another thing."),
    ReasonCode.PARTS: N_("Every part of “{expected}” is there."),
    ReasonCode.PARTS_SOME: N_("{found} of {total} parts; missing: {missing}."),
    ReasonCode.PARTS_WRONG: N_("{found} of {total} parts; missing: {missing}; not right: {wrong}."),
    ReasonCode.PARTS_EXTRA: N_("Every key point is there, and also something that is not one: {wrong}."),
    ReasonCode.PARTS_WRONG_ONLY: N_("Not right: {wrong}; the answer is “{expected}”."),
    ReasonCode.ADDED_CLAIM: N_("“{expected}” is there, but “{typed}” adds what the document does not say."),
    ReasonCode.NO_MATCH: N_("Not the expected answer."),
    ReasonCode.WRONG_CHOICE: N_("Not this one."),
    ReasonCode.NOT_A_CHOICE: N_("Pick one of the choices."),
    ReasonCode.NOT_TRUE_FALSE: N_("Answer true or false."),
    ReasonCode.MULTI_SOME: N_("Missing: {missing}. Not right: {extra}."),
    ReasonCode.MULTI_MISSING: N_("Missing: {missing}."),
    ReasonCode.MULTI_WRONG: N_("Not right: {extra}."),
    ReasonCode.ORDER_SOME: N_("{good} of {total} neighbours are in the right order."),
    ReasonCode.MATCH_SOME: N_("{good} of {total} pairs are right."),
    ReasonCode.BLANKS_ALL: N_("Every blank is right."),
    ReasonCode.BLANKS_SOME: N_("{good} of {total} blanks are right."),
    ReasonCode.NOT_THE_ITEMS: N_("Use each item exactly once."),
}


def describe(result: Grade, t: Translator | None = None, brief: bool = False) -> str:
    """The reason of a Grade as one sentence in the translator's language (English without one).

    With `brief`, a plain exact answer has no reason (the verdict beside it already says "correct").
    """
    if brief and result.reason.code == ReasonCode.EXACT and result.correct:
        return ""
    template = MESSAGES.get(result.reason.code, result.reason.code)
    text = t.gettext(template) if t else template
    try:
        return text.format(**result.reason.params)
    except (KeyError, IndexError):
        return text
