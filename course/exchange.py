"""Progress leaving the machine: the learner export file, its import, and xAPI statements.

The export format (`ssc-learn-progress`, version 1) is documented in `docs/progress-format.md`.
Importing validates the whole file before writing anything, and merging by attempt id makes importing
the same file twice add nothing.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .content import Course
from .errors import Phrase, SSCError
from .i18n import N_
from .jsonin import JSONInputError, loads
from .kinds import Verdict
from .progress import cards_for, ensure_reviews, module_progress
from .store import Learner, Store, clean_name, utcnow

FORMAT = "ssc-learn-progress"
VERSION = 1
XAPI_VERSION = "1.0.3"
DEFAULT_IRI = "https://ssc-learn.example.org/xapi"  # a placeholder: set --xapi-home or SSC_LEARN_XAPI_HOME
XAPI_HOME_ENV = "SSC_LEARN_XAPI_HOME"
VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
MODULE_TYPE = "http://adlnet.gov/expapi/activities/module"
INTERACTION_TYPES = {
    "text": "fill-in",
    "cloze": "fill-in",
    "number": "numeric",
    "choice": "choice",
    "multi": "choice",
    "truefalse": "true-false",
    "order": "sequencing",
    "match": "matching",
}


class ImportFileError(SSCError):
    """A progress file that cannot be imported (nothing was written)."""


def export_learner(course: Course, store: Store, learner: Learner) -> dict[str, Any]:
    """A learner's whole progress as a JSON-ready document."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "course": course.manifest.id,
        "learner": {"name": learner.name, "created": learner.created, "id": learner.uid},
        "attempts": [
            {
                "uid": a.uid,
                "question": a.question,
                "module": a.module,
                "lang": a.lang,
                "answer": a.answer,
                "verdict": a.verdict,
                "score": a.score,
                "answered_at": a.answered_at,
                "seconds": a.seconds,
            }
            for a in store.attempts(learner)
        ],
        "reads": [{"paragraph": p, "read_at": ""} for p in sorted(store.read_paragraphs(learner))],
        "positions": [
            {
                "module": p.module,
                "paragraph": p.paragraph,
                "question": p.question,
                "updated": p.updated,
                "activity": p.activity,
            }
            for p in store.positions(learner).values()
        ],
        "prefs": store.prefs(learner),
    }


_ATTEMPT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "uid": str,
    "question": str,
    "module": str,
    "lang": str,
    "answer": str,
    "verdict": str,
    "score": (int, float),
    "answered_at": str,
}
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)


def _timestamp_problem(value: Any, key: str) -> Phrase | None:
    """Why field `key`'s `value` is not an ISO 8601 time with a time zone in a sane range (or None)."""
    if not isinstance(value, str):
        return Phrase(N_("{key!r} is not text"), key=key)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return Phrase(N_("{key!r} {value!r} is not an ISO 8601 date and time"), key=key, value=value[:40])
    if moment.tzinfo is None or moment.utcoffset() is None:
        return Phrase(N_("{key!r} {value!r} has no time zone"), key=key, value=value[:40])
    if not EARLIEST <= moment <= utcnow() + timedelta(days=366):
        return Phrase(N_("{key!r} {value!r} is out of range (2000 to next year)"), key=key, value=value[:40])
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def validate_export(data: Any, source: str) -> dict[str, Any]:
    """The export document if it is well-formed; ImportFileError naming what is wrong otherwise.

    Everything is checked before anything is written: types, timestamps (ISO 8601 with a time
    zone, 2000 to next year), scores and the learner's name.
    """

    def fail(why: Phrase) -> ImportFileError:
        return ImportFileError(N_("{source}: {why}; nothing was imported"), source=source, why=why)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail(Phrase(N_("not an ssc-learn progress export (format is not {format!r})"), format=FORMAT))
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise fail(
            Phrase(
                N_("export version {version!r} is not supported (this ssc-learn reads {known})"),
                version=version,
                known=VERSION,
            )
        )
    learner = data.get("learner")
    if (
        not isinstance(learner, dict)
        or not isinstance(learner.get("name"), str)
        or not learner["name"].strip()
    ):
        raise fail(Phrase(N_("the learner's name is missing")))
    try:
        clean_name(learner["name"])
    except SSCError as exc:
        raise fail(Phrase.of(exc)) from None
    if not _optional_text(learner.get("created")) or not _optional_text(learner.get("id")):
        raise fail(Phrase(N_("the learner's 'created' and 'id' must be text")))
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise fail(Phrase(N_("'attempts' must be a list")))
    for i, a in enumerate(attempts):
        if not isinstance(a, dict):
            raise fail(Phrase(N_("attempt {n} is not an object"), n=i + 1))
        for key, kind in _ATTEMPT_FIELDS.items():
            if not isinstance(a.get(key), kind) or isinstance(a.get(key), bool):
                raise fail(
                    Phrase(N_("attempt {n}: {key!r} is missing or of the wrong type"), n=i + 1, key=key)
                )
        if not a["uid"] or not a["question"] or not a["module"] or not a["lang"]:
            raise fail(
                Phrase(N_("attempt {n}: 'uid', 'question', 'module' and 'lang' cannot be empty"), n=i + 1)
            )
        if a["verdict"] not in tuple(Verdict) or not (_is_number(a["score"]) and 0 <= a["score"] <= 1):
            raise fail(Phrase(N_("attempt {n}: verdict or score out of range"), n=i + 1))
        if "seconds" in a and not (_is_number(a["seconds"]) and 0 <= a["seconds"] <= 86400 * 366):
            raise fail(Phrase(N_("attempt {n}: 'seconds' must be a number of seconds"), n=i + 1))
        problem = _timestamp_problem(a["answered_at"], "answered_at")
        if problem:
            raise fail(Phrase(N_("attempt {n}: {problem}"), n=i + 1, problem=problem))
    for key in ("reads", "positions"):
        if not isinstance(data.get(key, []), list):
            raise fail(Phrase(N_("{key!r} must be a list"), key=key))
    for i, r in enumerate(data.get("reads", [])):
        if not isinstance(r, dict) or not isinstance(r.get("paragraph"), str):
            raise fail(Phrase(N_("read {n}: 'paragraph' must be text"), n=i + 1))
        problem = _timestamp_problem(r["read_at"], "read_at") if r.get("read_at") else None
        if problem:
            raise fail(Phrase(N_("read {n}: {problem}"), n=i + 1, problem=problem))
    for i, pos in enumerate(data.get("positions", [])):
        if not isinstance(pos, dict) or not isinstance(pos.get("module"), str) or not pos["module"]:
            raise fail(Phrase(N_("position {n}: 'module' must be text"), n=i + 1))
        if not _optional_text(pos.get("paragraph")) or not _optional_text(pos.get("question")):
            raise fail(Phrase(N_("position {n}: 'paragraph' and 'question' must be text"), n=i + 1))
        if pos.get("activity") not in (None, "read", "quiz"):
            raise fail(Phrase(N_("position {n}: 'activity' must be 'read' or 'quiz'"), n=i + 1))
        problem = _timestamp_problem(pos.get("updated"), "updated")
        if problem:
            raise fail(Phrase(N_("position {n}: {problem}"), n=i + 1, problem=problem))
    prefs = data.get("prefs", {})
    if not isinstance(prefs, dict) or not all(isinstance(v, str) or _is_number(v) for v in prefs.values()):
        raise fail(Phrase(N_("'prefs' must be an object")))
    return data


def read_export(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(
            N_("{source}: cannot read ({reason}); nothing was imported"),
            source=path,
            reason=getattr(exc, "strerror", None) or exc,
        ) from None
    try:
        data = loads(text)
    except JSONInputError as exc:
        raise ImportFileError(
            N_("{source}: not JSON ({reason} at line {line}); nothing was imported"),
            source=path,
            reason=exc.msg,
            line=exc.lineno,
        ) from None
    return validate_export(data, str(path))


def import_export(course: Course, store: Store, data: dict[str, Any]) -> tuple[str, int]:
    """Merge a validated export into the store; returns (learner name, attempts added)."""
    reads = [
        {"paragraph": r["paragraph"], "read_at": r.get("read_at") or utcnow().isoformat()}
        for r in data.get("reads", [])
        if r["paragraph"]
    ]
    learner, added = store.import_learner(
        data["learner"]["name"],
        data["learner"].get("created") or utcnow().isoformat(),
        data["attempts"],
        reads,
        data.get("positions", []),
        {str(k): str(v) for k, v in data.get("prefs", {}).items()},
        uid=data["learner"].get("id") or None,
        cards=lambda attempts: cards_for(course, attempts),
    )
    if not added:
        ensure_reviews(course, store, learner)  # answers an older, interrupted import left without cards
    return learner.name, added


def xapi_statements(
    course: Course, store: Store, learner: Learner, base_iri: str = DEFAULT_IRI, lang: str | None = None
) -> list[dict[str, Any]]:
    """xAPI 1.0.3 statements: `answered` for every attempt, `completed` for every completed module.

    `base_iri` is the xAPI home: the actor's account homePage and the base of every activity id.
    """
    base = base_iri.rstrip("/")
    actor = {"objectType": "Agent", "name": learner.name, "account": {"homePage": base, "name": learner.name}}
    statements = []
    for a in store.attempts(learner):
        q = course.bank.get(a.question, a.lang) or course.bank.find(a.question)
        name = q.prompt if q else a.question
        definition: dict[str, Any] = {
            "type": INTERACTION,
            "name": {_tag(a.lang): name},
            "interactionType": INTERACTION_TYPES.get(q.type if q else "text", "other"),
        }
        statements.append(
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/attempts/{a.uid}")),
                "actor": actor,
                "verb": {"id": VERB_ANSWERED, "display": {"en-US": "answered"}},
                "object": {
                    "objectType": "Activity",
                    "id": f"{base}/questions/{a.question}",
                    "definition": definition,
                },
                "result": {
                    "score": {"scaled": round(a.score, 4), "raw": round(a.score, 4), "min": 0, "max": 1},
                    "success": a.verdict == Verdict.CORRECT,
                    "response": a.answer,
                    "duration": _duration(a.seconds),
                },
                "context": {
                    "language": _tag(a.lang),
                    "contextActivities": {
                        "parent": [{"objectType": "Activity", "id": f"{base}/modules/{a.module}"}]
                    },
                },
                "timestamp": a.answered_at,
                "version": XAPI_VERSION,
            }
        )
    last = {a.module: a.answered_at for a in store.attempts(learner)}
    for m in module_progress(course, store, learner, lang or course.source_lang):
        if not m.completed:
            continue
        mod = course.outline.module(m.id)
        title = mod.title_in(lang or course.source_lang).value if mod else m.id
        statements.append(
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/completed/{learner.name}/{m.id}")),
                "actor": actor,
                "verb": {"id": VERB_COMPLETED, "display": {"en-US": "completed"}},
                "object": {
                    "objectType": "Activity",
                    "id": f"{base}/modules/{m.id}",
                    "definition": {"type": MODULE_TYPE, "name": {_tag(lang or course.source_lang): title}},
                },
                "result": {
                    "completion": True,
                    "success": True,
                    "score": {"scaled": round(m.score, 4), "min": 0, "max": 1},
                },
                "timestamp": last.get(m.id, utcnow().isoformat()),
                "version": XAPI_VERSION,
            }
        )
    return statements


def _tag(lang: str) -> str:
    return {"zh": "zh-CN", "en": "en-US", "es": "es", "fr": "fr"}.get(lang, lang)


def _duration(seconds: float) -> str:
    return f"PT{max(0.0, seconds):.2f}S"
