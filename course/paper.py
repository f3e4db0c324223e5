"""Paper round trip: grade a CSV of typed-in answers against a sheet variant's key.

Each learner's graded answers become an `ssc-learn-progress` export, so `ssc-learn report` combines
paper rounds with what learners did in the app.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .content import Course
from .errors import SSCError
from .grader import Grade, grade
from .i18n import N_
from .session import Presented, parse_reply
from .sheets import KEY_FORMAT
from .store import attempt_uid

LEARNER_COLUMNS = ("learner", "name", "student", "学习者", "姓名", "nombre", "nom", "estudiante", "apprenant")


@dataclass
class PaperResult:
    learner: str
    grades: list[tuple[int, str, str, Grade]]  # (number, question id, reply, grade)

    @property
    def score(self) -> float:
        return sum(g.score for *_x, g in self.grades)


def validate_key(data: Any, source: str) -> dict[str, Any]:
    if (
        not isinstance(data, dict)
        or data.get("format") != KEY_FORMAT
        or not isinstance(data.get("items"), list)
    ):
        raise SSCError(
            N_("{source}: not an ssc-learn sheet key (write one with 'ssc-learn sheet --answers')"),
            source=source,
        )
    return data


def read_answers(text: str, key: dict[str, Any], source: str) -> list[tuple[str, dict[int, str]]]:
    """(learner, {question number: reply}) for each row; SSCError for a CSV that does not fit the key."""
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise SSCError(N_("{source}: empty CSV"), source=source)
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    who = next((i for i, h in enumerate(lower) if h in LEARNER_COLUMNS), None)
    if who is None:
        raise SSCError(N_("{source}:1: no learner column (name it 'learner')"), source=source)
    numbers = {int(item["number"]) for item in key["items"]}
    columns: dict[int, int] = {}
    for i, h in enumerate(header):
        if i == who:
            continue
        label = h.lstrip("Qq#").strip()
        if not label.isdigit() or int(label) not in numbers:
            raise SSCError(
                N_("{source}:1: column {column!r} is not a question of this sheet (1–{last})"),
                source=source,
                column=h,
                last=max(numbers),
            )
        columns[int(label)] = i
    missing = sorted(numbers - set(columns))
    if missing:
        raise SSCError(
            N_("{source}:1: missing columns for questions {numbers}"),
            source=source,
            numbers=", ".join(map(str, missing)),
        )
    out = []
    seen = set()
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise SSCError(
                N_("{source}:{line}: {cells} cells but the header has {header}"),
                source=source,
                line=line,
                cells=len(row),
                header=len(header),
            )
        row = row + [""] * (len(header) - len(row))
        name = row[who].strip()
        if not name:
            raise SSCError(N_("{source}:{line}: the learner's name is empty"), source=source, line=line)
        if name in seen:
            raise SSCError(N_("{source}:{line}: {name!r} appears twice"), source=source, line=line, name=name)
        seen.add(name)
        out.append((name, {n: row[i] for n, i in columns.items()}))
    return out


def grade_paper(
    course: Course, key: dict[str, Any], answers: list[tuple[str, dict[int, str]]]
) -> list[PaperResult]:
    """Grade every learner's row with the same grader the app uses."""
    lang = key.get("lang") or course.source_lang
    results = []
    for name, replies in answers:
        graded = []
        for item in key["items"]:
            q = course.bank.get(item["question"], lang) or course.bank.find(item["question"])
            if q is None:
                raise SSCError(f"question {item['question']!r} of the key is not in the banks")
            presented = Presented(q, tuple(item.get("options") or ()), tuple(item.get("lefts") or ()))
            reply = replies.get(int(item["number"]), "")
            response = parse_reply(presented, reply) if reply.strip() else None
            if response is None:
                result = grade(
                    q,
                    ""
                    if q.type in ("text", "number", "cloze", "truefalse")
                    else ([] if q.type in ("multi", "order") else {} if q.type == "match" else ""),
                )
            else:
                result = grade(q, response)
            graded.append((int(item["number"]), q.id, reply, result))
        results.append(PaperResult(name, graded))
    return results


def as_export(
    course: Course, key: dict[str, Any], result: PaperResult, when: datetime | None = None
) -> dict[str, Any]:
    """A learner's paper answers in the export format `ssc-learn report` and `import` read."""
    stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    lang = key.get("lang") or course.source_lang
    attempts = []
    for number, qid, reply, g in result.grades:
        q = course.bank.find(qid, lang)
        attempts.append(
            {
                "uid": attempt_uid(
                    result.learner, qid, lang, f"{stamp}#paper-{key.get('variant')}-{number}", reply
                ),
                "question": qid,
                "module": q.module if q else "",
                "lang": lang,
                "answer": reply,
                "verdict": g.verdict,
                "score": g.score,
                "answered_at": stamp,
                "seconds": 0,
            }
        )
    return {
        "format": "ssc-learn-progress",
        "version": 1,
        "exported_at": stamp,
        "course": course.manifest.id,
        "learner": {"name": result.learner, "created": stamp},
        "attempts": attempts,
        "reads": [],
        "positions": [],
        "prefs": {},
        "source": f"paper sheet, variant {key.get('variant')}",
    }
