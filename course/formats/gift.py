"""GIFT, Moodle's plain-text question format (also read by the npm `gift-pegjs` parser).

One file per language: a bilingual request writes each language's file, so nothing is dropped.
"""

from __future__ import annotations

import re

from ..content import Course
from ..i18n import Translator
from ..kinds import Kind
from ..questions import BLANK, Question
from . import Skipped


def gift_escape(text: str) -> str:
    """GIFT's special characters escaped with a backslash."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", text).replace("\n", " ")


def _feedback(q: Question, t: Translator) -> str:
    source = t.gettext("Source: paragraph {ids}").format(ids=", ".join(q.source))
    return (q.explanation + "\n" + source).strip()


def _pct(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def render_gift(course: Course, questions: list[Question], t: Translator) -> tuple[str, list[Skipped]]:
    """The questions as GIFT, one `$CATEGORY` per module; returns the text and what it left out."""
    skipped: list[Skipped] = []
    out: list[str] = []
    current = None
    for q in questions:
        body, why = _gift_question(q, t)
        if body is None:
            assert why is not None  # a question left out always says why
            skipped.append(why)
            continue
        if q.module != current:
            current = q.module
            title = course.outline.require(q.module).title_in(t.lang).value
            # Moodle reads a category line as it is (no un-escaping), as its own GIFT export writes it.
            out += [f"$CATEGORY: ssc-learn/{' '.join(title.split())}", ""]
        out += [body, ""]
    return "\n".join(out) + "\n", skipped


def _gift_question(q: Question, t: Translator) -> tuple[str | None, Skipped | None]:
    e = gift_escape
    head = f"::{e(q.id)}:: {e(q.prompt)} "
    fb = f" ####{e(_feedback(q, t))}"
    if q.type == Kind.CHOICE:
        opts = " ".join(("=" if c == q.answer else "~") + e(c) for c in q.choices)
        return head + "{" + opts + fb + "}", None
    if q.type == Kind.MULTI:
        right = len(q.answers)
        wrong = max(1, len(q.choices) - right)
        opts = " ".join(
            f"~%{_pct(100 / right)}%{e(c)}" if c in q.answers else f"~%-{_pct(100 / wrong)}%{e(c)}"
            for c in q.choices
        )
        return head + "{" + opts + fb + "}", None
    if q.type == Kind.TRUEFALSE:
        return head + "{" + ("TRUE" if q.answer else "FALSE") + fb + "}", None
    if q.type == Kind.TEXT:
        if not q.answers:
            return None, Skipped(q.id, q.lang, "no-answers")
        return head + "{" + " ".join("=" + e(a) for a in q.answers) + fb + "}", None
    if q.type == Kind.NUMBER:
        return head + "{#" + f"{q.answer}:{q.tolerance:g}" + fb + "}", None
    if q.type == Kind.MATCH:
        return head + "{" + " ".join(f"={e(a)} -> {e(b)}" for a, b in q.pairs) + fb + "}", None
    if q.type == Kind.CLOZE:
        if len(q.blanks) != 1:
            return None, Skipped(q.id, q.lang, "blanks", (("count", len(q.blanks)),))
        m = BLANK.search(q.text)
        assert m is not None
        alts = " ".join("=" + e(a) for a in q.blanks[0])
        return (
            f"::{e(q.id)}:: {e(q.prompt)} {e(q.text[: m.start()])}"
            + "{"
            + alts
            + fb
            + "}"
            + e(q.text[m.end() :])
        ), None
    return None, Skipped(q.id, q.lang, "type", (("type", str(q.type)),))
