"""Kahoot's quiz spreadsheet: the official .xlsx template layout, and the same rows as a CSV.

Kahoot imports its template as it is: a title block, column headings in row 8 and one question per row
from row 9, columns B–H (question, answers 1–4, time limit, correct answers such as "1,3"). A question
over 120 characters, an answer over 75, or fewer than 2 / more than 4 answers cannot be imported, so
such questions are listed with their reason instead of being written.
"""

from __future__ import annotations

import csv
import io
import random

from ..i18n import Translator
from ..kinds import Kind
from ..session import Presented
from . import Skipped, safe_cell

QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
FIRST_ROW = 9  # the template's first question row
HEADER = [
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
TITLE = "Quiz template"
NOTES = (
    "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).",
    "Have fun creating your awesome quiz!",
    "Remember: questions have a limit of 120 characters and answers can have 75 characters max.",
    "Text will turn red in Excel or Google Docs if you exceed this limit.",
    "If several answers are correct, separate them with a comma.",
    "See an example question below (don't forget to overwrite this with your first question!)",
)


def kahoot_rows(
    items: list[Presented], t: Translator, seed: str, time_limit: int = 20
) -> tuple[list[list[object]], list[Skipped]]:
    """One template row per convertible question, answers shuffled reproducibly from `seed`."""
    rows: list[list[object]] = []
    skipped: list[Skipped] = []
    for p in items:
        q = p.question
        if q.type in (Kind.CHOICE, Kind.MULTI):
            answers = list(p.options or q.choices)
            right = {q.answer} if q.type == Kind.CHOICE else set(q.answers)
            if not 2 <= len(answers) <= MAX_ANSWERS:
                skipped.append(
                    Skipped(q.id, q.lang, "options", (("count", len(answers)), ("limit", MAX_ANSWERS)))
                )
                continue
            if q.shuffle and not p.options:  # an author's fixed order ("all of the above") is kept
                random.Random(f"{seed}:kahoot:{q.id}").shuffle(answers)
            correct = [i + 1 for i, a in enumerate(answers) if a in right]
        elif q.type == Kind.TRUEFALSE:
            answers = [t.gettext("True"), t.gettext("False")]
            correct = [1 if q.answer else 2]
        else:
            skipped.append(Skipped(q.id, q.lang, "type", (("type", str(q.type)),)))
            continue
        if len(q.prompt) > QUESTION_LIMIT:
            skipped.append(
                Skipped(q.id, q.lang, "prompt-length", (("length", len(q.prompt)), ("limit", QUESTION_LIMIT)))
            )
            continue
        longest = max(len(a) for a in answers)
        if longest > ANSWER_LIMIT:
            skipped.append(
                Skipped(q.id, q.lang, "answer-length", (("length", longest), ("limit", ANSWER_LIMIT)))
            )
            continue
        padded = answers + [""] * (MAX_ANSWERS - len(answers))
        # One right answer is a number, as in Kahoot's example row; several are "1,3".
        key: object = correct[0] if len(correct) == 1 else ",".join(map(str, correct))
        rows.append([q.prompt, *padded, time_limit, key])
    return rows, skipped


def render_kahoot_csv(rows: list[list[object]]) -> str:
    """The rows under the template's headings as CSV, with a BOM so Excel opens it as UTF-8."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    for row in rows:
        w.writerow([safe_cell(c) for c in row])
    return "\ufeff" + buf.getvalue()


def render_kahoot_xlsx(rows: list[list[object]]) -> bytes:
    """The rows in Kahoot's .xlsx template layout (questions from row 9, columns B–H)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["B1"] = TITLE
    ws["B1"].font = Font(bold=True, size=14)
    for i, note in enumerate(NOTES, start=2):
        ws.cell(row=i, column=2, value=note)
    for col, heading in enumerate(HEADER, start=2):
        ws.cell(row=FIRST_ROW - 1, column=col, value=heading).font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        r = FIRST_ROW + n - 1
        ws.cell(row=r, column=1, value=n)
        for col, value in enumerate(row, start=2):
            # Text cells only: a prompt starting with "=" must never become a formula.
            cell = ws.cell(row=r, column=col, value=value if value != "" else None)
            if isinstance(value, str):
                cell.data_type = "s"
    ws.column_dimensions["B"].width = 60
    for letter in "CDEF":
        ws.column_dimensions[letter].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
