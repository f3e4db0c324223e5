"""The closed sets the course is built on: the kinds of question, the verdicts, and the reasons a grade
gives — enums, so that a new member is one edit here and the type checker points at every `match` that
misses it (as py-fsrs's `Rating` does for review ratings).

They are `str` enums: a bank's YAML `type: choice`, a stored verdict or a reason code in JSON is the
member's value, and a member compares equal to it (`Kind("choice") is Kind.CHOICE`, `Kind.CHOICE ==
"choice"`). Each kind's behaviour that is cheap to keep together lives here too: how a question is
written out as lines of text (the plain quiz and the chatbot), and how a typed reply should look.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, NoReturn

from .i18n import N_

if TYPE_CHECKING:
    from .session import Presented

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _StrEnum(str, Enum):
    """enum.StrEnum (Python 3.11+) for 3.10 too: str() and format() give the value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Kind(_StrEnum):
    """A kind of question (`type:` in a bank; docs/quiz-format.md)."""

    TEXT = "text"
    CHOICE = "choice"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    CLOZE = "cloze"
    NUMBER = "number"
    ORDER = "order"
    MATCH = "match"

    @property
    def has_options(self) -> bool:
        """Whether the learner picks among shown options (choices, or items to put in order)."""
        return self in (Kind.CHOICE, Kind.MULTI, Kind.ORDER)

    @property
    def typed(self) -> bool:
        """Whether the reply is free text the grader reads (not a pick among shown options)."""
        return self in (Kind.TEXT, Kind.NUMBER, Kind.CLOZE, Kind.TRUEFALSE)


class Verdict(_StrEnum):
    """What a grade says of an answer."""

    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"


class ReasonCode(_StrEnum):
    """Why a grade was given; `grader.MESSAGES` holds the sentence for each (a test checks all have one)."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    NUMBER = "number"
    IN_SENTENCE = "in_sentence"
    HOMOPHONE = "homophone"
    PINYIN = "pinyin"
    TYPO = "typo"
    FILLERS = "fillers"
    REORDERED = "reordered"
    KEYWORDS_ALL = "keywords_all"
    KEYWORDS_SOME = "keywords_some"
    KEYWORDS_NONE = "keywords_none"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NUMBER_MISMATCH = "number_mismatch"
    NUMBER_EXTRA = "number_extra"
    NUMBER_TOLERANCE = "number_tolerance"
    NOT_A_NUMBER = "not_a_number"
    NEGATED = "negated"
    REJECTED = "rejected"
    WRONG_CHARACTER = "wrong_character"
    ACRONYM = "acronym"
    FRAGMENT = "fragment"
    HEAD_OMITTED = "head_omitted"
    WRONG_WORD = "wrong_word"
    EQUIVALENT = "equivalent"
    DATE = "date"
    DISTINCT = "distinct"
    PARTS = "parts"
    PARTS_SOME = "parts_some"
    PARTS_WRONG = "parts_wrong"
    PARTS_EXTRA = "parts_extra"
    PARTS_WRONG_ONLY = "parts_wrong_only"
    ADDED_CLAIM = "added_claim"
    NO_MATCH = "no_match"
    WRONG_CHOICE = "wrong_choice"
    NOT_A_CHOICE = "not_a_choice"
    NOT_TRUE_FALSE = "not_true_false"
    MULTI_SOME = "multi_some"
    MULTI_MISSING = "multi_missing"
    MULTI_WRONG = "multi_wrong"
    ORDER_SOME = "order_some"
    MATCH_SOME = "match_some"
    BLANKS_ALL = "blanks_all"
    BLANKS_SOME = "blanks_some"
    NOT_THE_ITEMS = "not_the_items"


def unreachable(value: NoReturn) -> NoReturn:
    """The end of an exhaustive `match` on an enum: the type checker flags a member left out."""
    raise AssertionError(f"unhandled member: {value!r}")


def question_lines(p: Presented, gettext: Callable[[str], str]) -> list[str]:
    """A presented question as lines of plain text under its prompt: the cloze sentence or the
    lettered options, then how to type the reply. The plain quiz and the chatbot both show this."""
    q = p.question
    kind = q.type
    lines: list[str] = []
    match kind:
        case Kind.CLOZE:
            lines.append(q.cloze_text())
            if len(q.blanks) > 1:
                lines.append(gettext(N_("(one answer per blank, separated by /)")))
        case Kind.CHOICE:
            lines += [f"{LETTERS[i]}. {c}" for i, c in enumerate(p.options)]
            lines.append(gettext(N_("(one letter)")))
        case Kind.MULTI:
            lines += [f"{LETTERS[i]}. {c}" for i, c in enumerate(p.options)]
            lines.append(gettext(N_("(all letters that apply, e.g. A C)")))
        case Kind.TRUEFALSE:
            lines.append(gettext(N_("(true or false: t / f)")))
        case Kind.ORDER:
            lines += [f"{LETTERS[i]}. {c}" for i, c in enumerate(p.options)]
            lines.append(gettext(N_("(the letters in the right order, e.g. CADB)")))
        case Kind.MATCH:
            lines += [f"{i + 1}. {a}" for i, a in enumerate(p.lefts)]
            lines += [f"   {LETTERS[i]}. {b}" for i, b in enumerate(p.options)]
            lines.append(gettext(N_("(pair each number with a letter, e.g. 1B 2A 3C)")))
        case Kind.NUMBER:
            if q.unit:
                lines.append(gettext(N_("(a number, in {unit})")).format(unit=q.unit))
        case Kind.TEXT:
            pass
        case _:
            unreachable(kind)
    return lines
