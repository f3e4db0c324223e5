"""Quiz sheets for facilitators: variants picked reproducibly from the banks, with answer keys.

`build_sheets()` picks the questions of each variant (and the order of their choices) from a seed;
the renderers in `sheet_formats.py` turn them into Markdown, HTML, PDF, Moodle XML, GIFT or Kahoot's
spreadsheet. A variant's key (JSON) is what `ssc-learn grade --sheet` grades paper answers against.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .content import Course
from .errors import SSCError
from .i18n import N_
from .kinds import Kind
from .questions import TYPES, Question
from .session import LETTERS, Presented, present

KEY_FORMAT = "ssc-learn-sheet-key"


@dataclass(frozen=True)
class SheetItem:
    """One numbered question of a sheet, in the first language and (bilingual sheets) the second."""

    number: int
    presented: Presented
    second: Presented | None = None

    @property
    def question(self) -> Question:
        return self.presented.question


@dataclass
class Variant:
    number: int
    items: list[SheetItem]


@dataclass
class SheetSet:
    """Everything needed to render sheets and keys."""

    langs: list[str]
    modules: list[str]
    variants: list[Variant]
    seed: str
    notes: list[str] = field(default_factory=list)


def parse_langs(value: str | None, course: Course, default: str) -> list[str]:
    """'zh' or 'zh,en' → a list of one or two content languages."""
    langs = [x.strip() for x in (value or default).split(",") if x.strip()]
    if not 1 <= len(langs) <= 2:
        raise SSCError(N_("--lang takes one language or two separated by a comma (e.g. zh,en)"))
    for lang in langs:
        if lang not in course.bank.languages():
            raise SSCError(
                N_("no questions in {lang!r} (available: {langs})"),
                lang=lang,
                langs=", ".join(course.bank.languages()),
            )
    return langs


def build_sheets(
    course: Course,
    *,
    langs: list[str],
    modules: list[str] | None = None,
    count: int | None = None,
    types: list[str] | None = None,
    variants: int = 1,
    seed: str = "1",
) -> SheetSet:
    """Pick `count` questions per variant from the modules' banks; reproducible from `seed`."""
    known = [m.id for m in course.outline.modules]
    modules = modules or known
    unknown = [m for m in modules if m not in known]
    if unknown:
        raise SSCError(
            N_("unknown module {module!r} (modules: {ids})"), module=unknown[0], ids=", ".join(known)
        )
    bad_types = [t for t in (types or []) if t not in TYPES]
    if bad_types:
        raise SSCError(
            N_("unknown question type {type!r} (types: {types})"), type=bad_types[0], types=", ".join(TYPES)
        )
    if variants < 1 or variants > 200:
        raise SSCError(N_("--variants must be between 1 and 200"))
    if count is not None and count < 1:
        raise SSCError(N_("--count must be at least 1"))
    first = langs[0]
    pool = [q for q in course.bank.all(first) if q.module in modules and (not types or q.type in types)]
    order = {m: i for i, m in enumerate(known)}
    pool.sort(key=lambda q: (order[q.module], q.id))
    if not pool:
        raise SSCError(N_("no questions match these modules and types"))
    notes = []
    if count and count > len(pool):
        notes.append(f"only {len(pool)} questions match; every sheet uses all of them")
        count = len(pool)
    count = count or len(pool)
    out = []
    for k in range(1, variants + 1):
        rng = random.Random(f"{seed}:variant:{k}")
        picked = rng.sample(pool, count)
        picked.sort(key=lambda q: (order[q.module], rng.random()))
        items = []
        for n, q in enumerate(picked, start=1):
            shown = present(q, f"{seed}:{k}")
            second = None
            if len(langs) == 2:
                other = course.bank.get(q.id, langs[1])
                if other is not None:
                    second = _aligned(other, shown)
            items.append(SheetItem(n, shown, second))
        out.append(Variant(k, items))
    return SheetSet(langs, modules, out, seed, notes)


def _aligned(other: Question, shown: Presented) -> Presented:
    """The second language's question with its options in the same order as the first's."""
    q = shown.question
    if q.type in (Kind.CHOICE, Kind.MULTI) and len(other.choices) == len(q.choices):
        index = [q.choices.index(o) for o in shown.options]
        return Presented(other, tuple(other.choices[i] for i in index))
    if q.type == Kind.ORDER and len(other.items) == len(q.items):
        index = [q.items.index(o) for o in shown.options]
        return Presented(other, tuple(other.items[i] for i in index))
    if q.type == Kind.MATCH and len(other.pairs) == len(q.pairs):
        rights = [b for _, b in q.pairs]
        index = [rights.index(o) for o in shown.options]
        return Presented(other, tuple(other.pairs[i][1] for i in index), tuple(a for a, _ in other.pairs))
    return Presented(other)


def answer_for_key(p: Presented) -> str:
    """The right answer as a facilitator writes it on a key: letters for options, text otherwise."""
    q = p.question
    if q.type == Kind.CHOICE:
        return LETTERS[p.options.index(q.answer)]
    if q.type == Kind.MULTI:
        return " ".join(sorted(LETTERS[p.options.index(a)] for a in q.answers if a in p.options))
    if q.type == Kind.ORDER:
        return "".join(LETTERS[p.options.index(item)] for item in q.items)
    if q.type == Kind.MATCH:
        right = dict(q.pairs)
        return " ".join(f"{i + 1}{LETTERS[p.options.index(right[a])]}" for i, a in enumerate(p.lefts))
    return q.solution()


def key_document(sheets: SheetSet, variant: Variant) -> dict[str, Any]:
    """The machine-readable key of one variant, for grading paper answers."""
    return {
        "format": KEY_FORMAT,
        "version": 1,
        "seed": sheets.seed,
        "variant": variant.number,
        "lang": sheets.langs[0],
        "items": [
            {
                "number": item.number,
                "question": item.question.id,
                "type": item.question.type,
                "module": item.question.module,
                "options": list(item.presented.options),
                "lefts": list(item.presented.lefts),
                "answer": answer_for_key(item.presented),
                "source": list(item.question.source),
            }
            for item in variant.items
        ],
    }
