"""Files that other tools import as they are: Moodle XML, GIFT, Kahoot; one module per format.

Each renderer returns what it wrote and a `Skipped` entry for every question it could not express, so
the command can list them with their reason instead of dropping them silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, Translator

# Why a question is not in a file; the command prints them in the interface language.
REASONS = {
    "type": N_("this format has no question type for {type!r}"),
    "no-answers": N_("a free-text question graded by keywords has no list of answers to export"),
    "prompt-length": N_("the question is {length} characters; the limit is {limit}"),
    "answer-length": N_("an answer is {length} characters; the limit is {limit}"),
    "options": N_("{count} answers; this format takes 2 to {limit}"),
    "blanks": N_("{count} blanks; this format takes one"),
    "missing": N_("no {lang!r} version of this question"),
}


@dataclass(frozen=True)
class Skipped:
    """A question left out of a file, and why (a key of REASONS and its values)."""

    question: str
    lang: str
    reason: str
    values: tuple[tuple[str, object], ...] = ()

    def message(self, t: Translator) -> str:
        return t.gettext(REASONS[self.reason]).format(**dict(self.values))

    def as_dict(self, t: Translator) -> dict[str, object]:
        return {
            "question": self.question,
            "lang": self.lang,
            "reason": self.reason,
            "message": self.message(t),
        }


# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell value a spreadsheet shows as text: a leading apostrophe before formula characters."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
