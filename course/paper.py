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
from .kinds import Kind
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


VARIANT_COLUMNS = ("variant", "变体", "版本", "variante", "version")
DELIMITERS = ",;\t"
# UTF-8 and UTF-16 are recognised by their byte order marks; without one, UTF-8 is tried first (it rejects
# almost every other encoding's bytes), then GB18030, what Chinese Windows and Excel save.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Full-width letters, digits and space typed in a Chinese input mode (ＢＣＤ, １２) read as ASCII.
_FULL_WIDTH = {
    c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_FULL_WIDTH[0x3000] = 0x20


def decode_csv(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of a CSV file as spreadsheets save it; SSCError naming the file and --encoding."""
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            raise SSCError(N_("unknown encoding {encoding!r}"), encoding=encoding) from None
        except UnicodeDecodeError as exc:
            raise SSCError(
                N_("{source}: not readable as {encoding} (byte {offset}); try another --encoding"),
                source=source,
                encoding=encoding,
                offset=exc.start,
            ) from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError:
                break
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise SSCError(
        N_(
            "{source}: neither UTF-8, UTF-16 nor GB18030; save it as UTF-8 "
            "or name its encoding with --encoding"
        ),
        source=source,
    )


def _delimiter(text: str) -> str:
    """Comma, semicolon (French and Spanish Excel) or tab, judged on the header line."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row, strictly: an unterminated quote or a cell over several lines
    is an error at the line where its row starts, not rows silently merged into one cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    out = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise SSCError(
                    N_("{source}:{line}: a cell is over {limit} characters"),
                    source=source,
                    line=start,
                    limit=csv.field_size_limit(),
                ) from None
            raise SSCError(
                N_("{source}:{line}: unreadable CSV row ({reason}); check its quotes"),
                source=source,
                line=start,
                reason=str(exc),
            ) from None
        if any("\n" in cell or "\r" in cell for cell in row):
            raise SSCError(
                N_("{source}:{line}: a cell runs over several lines (an unterminated quote?)"),
                source=source,
                line=start,
            )
        out.append((start, row))
        start = reader.line_num + 1
    return out


def normalise_reply(text: str) -> str:
    """A typed cell with full-width letters, digits and spaces made ASCII."""
    return text.translate(_FULL_WIDTH)


def read_answers(text: str, key: dict[str, Any], source: str) -> list[tuple[str, dict[int, str]]]:
    """(learner, {question number: reply}) for each row; SSCError for a CSV that does not fit the key."""
    rows = [(n, r) for n, r in _rows(text, source) if any(cell.strip() for cell in r)]
    if not rows:
        raise SSCError(N_("{source}: empty CSV"), source=source)
    head_line, header = rows[0]
    header = [normalise_reply(h).strip() for h in header]
    lower = [h.lower() for h in header]
    who = next((i for i, h in enumerate(lower) if h in LEARNER_COLUMNS), None)
    if who is None:
        raise SSCError(N_("{source}:1: no learner column (name it 'learner')"), source=source)
    variant_col = next((i for i, h in enumerate(lower) if h in VARIANT_COLUMNS), None)
    numbers = {int(item["number"]) for item in key["items"]}
    columns: dict[int, int] = {}
    for i, h in enumerate(header):
        if i in (who, variant_col):
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
    for line, row in rows[1:]:
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
        if variant_col is not None:
            given = normalise_reply(row[variant_col]).strip().lstrip("vV")
            if given and given != str(key.get("variant")):
                raise SSCError(
                    N_("{source}:{line}: {name!r} wrote variant {given}, but this key is variant {variant}"),
                    source=source,
                    line=line,
                    name=name,
                    given=row[variant_col].strip(),
                    variant=key.get("variant"),
                )
        seen.add(name)
        out.append((name, {n: normalise_reply(row[i]) for n, i in columns.items()}))
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
                raise SSCError(N_("question {id!r} of the key is not in the banks"), id=item["question"])
            presented = Presented(q, tuple(item.get("options") or ()), tuple(item.get("lefts") or ()))
            reply = replies.get(int(item["number"]), "")
            response = parse_reply(presented, reply) if reply.strip() else None
            if response is None:
                result = grade(
                    q,
                    ""
                    if q.type in (Kind.TEXT, Kind.NUMBER, Kind.CLOZE, Kind.TRUEFALSE)
                    else ([] if q.type in (Kind.MULTI, Kind.ORDER) else {} if q.type == Kind.MATCH else ""),
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
        # What `report` shows beside the bank view: this sheet's score out of its total.
        "sheet": {
            "variant": key.get("variant"),
            "seed": key.get("seed"),
            "lang": lang,
            "score": round(result.score, 4),
            "total": len(result.grades),
        },
    }
