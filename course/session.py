"""A quiz as a learner meets it: questions picked and shuffled reproducibly, replies typed as letters.

`present()` fixes the order in which a question's choices, items or pairs are shown; `parse_reply()`
turns one typed line ("B", "A C", "CADB", "1B 2A 3C", "对") into the response the grader takes. Both the
line-oriented quiz and the Textual app use these, so the same reply means the same thing everywhere.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from .grader import Grade, grade
from .i18n import Translator
from .kinds import LETTERS as LETTERS  # re-exported: the screens letter their options with it
from .kinds import Kind, ReasonCode, unreachable
from .questions import Question


@dataclass(frozen=True)
class Presented:
    """A question with the display order of its options fixed."""

    question: Question
    options: tuple[str, ...] = ()  # choices, or order items, or match descriptions (right side)
    lefts: tuple[str, ...] = ()  # match terms (left side), in display order

    @property
    def id(self) -> str:
        return self.question.id


def _rng(seed: str) -> random.Random:
    return random.Random(seed)


def present(q: Question, seed: str = "") -> Presented:
    """Fix the option order of `q` for one showing; the same seed gives the same order."""
    rng = _rng(f"{seed}:{q.id}:{q.lang}")
    if q.type in (Kind.CHOICE, Kind.MULTI):
        opts = list(q.choices)
        if q.shuffle:
            rng.shuffle(opts)
        return Presented(q, tuple(opts))
    if q.type == Kind.ORDER:
        items = list(q.items)
        for _ in range(5):  # never show the items already in the right order
            rng.shuffle(items)
            if items != list(q.items):
                break
        return Presented(q, tuple(items))
    if q.type == Kind.MATCH:
        rights = [b for _, b in q.pairs]
        for _ in range(5):
            rng.shuffle(rights)
            if rights != [b for _, b in q.pairs]:
                break
        return Presented(q, tuple(rights), tuple(a for a, _ in q.pairs))
    return Presented(q)


def ordered(q: Question) -> Presented:
    """`q` with its options in bank order (the command line, where letters must not depend on a seed)."""
    if q.type in (Kind.CHOICE, Kind.MULTI):
        return Presented(q, q.choices)
    if q.type == Kind.ORDER:
        return Presented(q, q.items)
    if q.type == Kind.MATCH:
        return Presented(q, tuple(b for _, b in q.pairs), tuple(a for a, _ in q.pairs))
    return Presented(q)


def pick_questions(
    questions: list[Question], count: int | None = None, seed: str = "", shuffle: bool = False
) -> list[Question]:
    """Up to `count` questions; shuffled reproducibly when asked, else in bank order."""
    chosen = list(questions)
    if shuffle:
        _rng(f"pick:{seed}").shuffle(chosen)
    return chosen[:count] if count else chosen


def _letters(reply: str, n: int) -> list[int] | None:
    """Indexes from 'A C', 'ac', '1,3', '1 3' ... or None when the reply is not such a list."""
    s = reply.strip().upper().replace("，", ",")
    if not s:
        return None
    tokens = re.findall(r"\d+|[A-Z]", s)
    if not tokens or re.sub(r"[\dA-Z\s,;/、.]", "", s):
        return None
    out = []
    for tok in tokens:
        i = int(tok) - 1 if tok.isdigit() else LETTERS.find(tok)
        if not 0 <= i < n:
            return None
        out.append(i)
    return out


def parse_reply(p: Presented, reply: str) -> Any:
    """The grader's response for a typed line, or None when the line cannot be read for this type."""
    q = p.question
    if q.type == Kind.CHOICE:
        idx = _letters(reply, len(p.options))
        if idx and len(idx) == 1:
            return p.options[idx[0]]
        return reply.strip() if reply.strip() in p.options else None
    if q.type == Kind.MULTI:
        idx = _letters(reply, len(p.options))
        return [p.options[i] for i in dict.fromkeys(idx)] if idx else None
    if q.type == Kind.ORDER:
        idx = _letters(reply, len(p.options))
        if idx and len(idx) == len(p.options) and len(set(idx)) == len(idx):
            return [p.options[i] for i in idx]
        return None
    if q.type == Kind.MATCH:
        s = reply.strip().upper()
        paired = re.findall(r"(\d+)\s*[-=:]?\s*([A-Z])", s)
        if paired:
            pairs = {int(n) - 1: LETTERS.find(c) for n, c in paired}
        else:
            idx = _letters(s, len(p.options))
            pairs = dict(enumerate(idx)) if idx and len(idx) == len(p.lefts) else {}
        if not pairs or any(
            not (0 <= k < len(p.lefts) and 0 <= v < len(p.options)) for k, v in pairs.items()
        ):
            return None
        return {p.lefts[k]: p.options[v] for k, v in pairs.items()}
    if q.type == Kind.CLOZE:
        n = len(q.blanks)
        if n == 1:
            return [reply]
        parts = [x.strip() for x in re.split(r"[/|;；]", reply)]
        return parts + [""] * (n - len(parts))
    if q.type == Kind.TRUEFALSE:
        return reply
    return reply


def canonical_reply(q: Question, response: Any, result: Grade) -> str:
    """A response as it is recorded: the text of the options picked, in the learner's order — never the
    letters of one showing's shuffle, which mean nothing once the question is shown again."""
    kind = q.type
    match kind:
        case Kind.ORDER:
            return " → ".join(map(str, response or []))
        case Kind.MULTI | Kind.CLOZE:
            return (
                " / ".join(map(str, response)) if isinstance(response, (list, tuple)) else str(response or "")
            )
        case Kind.MATCH:
            return "; ".join(f"{k} = {v}" for k, v in dict(response or {}).items())
        case Kind.TRUEFALSE:
            if isinstance(response, bool):
                return "true" if response else "false"
            if result.reason.code == ReasonCode.NOT_TRUE_FALSE:
                return str(response or "")
            # The grader read the word ("t", "对", "faux"): keep what it meant.
            return "true" if result.correct == bool(q.answer) else "false"
        case Kind.CHOICE | Kind.TEXT | Kind.NUMBER:
            return "" if response is None else str(response)
        case _:
            unreachable(kind)


def check(p: Presented, reply: str) -> Grade | None:
    """Parse and grade a typed reply; None when it cannot be read (ask again)."""
    response = parse_reply(p, reply)
    if response is None:
        return None
    return grade(p.question, response)


def solution_text(q: Question, t: Translator) -> str:
    """The right answer of `q` as the learner's language writes it.

    `Question.solution()` is the content's own form (answer keys, exports): "true", "a; b". Shown to a
    learner, true and false are words of their language and lists take its separators.
    """
    if q.type == Kind.TRUEFALSE:
        return t.gettext("True") if q.answer else t.gettext("False")
    if q.type == Kind.MULTI:
        return t.join_answers(q.answers)
    if q.type == Kind.MATCH:
        return t.join_answers(t.gettext("{left} – {right}").format(left=a, right=b) for a, b in q.pairs)
    return q.solution()
