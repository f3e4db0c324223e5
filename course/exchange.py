"""Progress leaving the machine: the learner export file, its import, and xAPI statements.

The export format (`ssc-learn-progress`, version 1) is documented in `docs/progress-format.md`.
Importing validates the whole file before writing anything, and merging by attempt id makes importing
the same file twice add nothing.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from .content import Course
from .errors import SSCError
from .i18n import N_
from .progress import module_progress, rebuild_reviews
from .store import Learner, Store, utcnow

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


class ImportError_(SSCError):
    """A progress file that cannot be imported (nothing was written)."""


def export_learner(course: Course, store: Store, learner: Learner) -> dict[str, Any]:
    """A learner's whole progress as a JSON-ready document."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "course": course.manifest.id,
        "learner": {"name": learner.name, "created": learner.created},
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


_ATTEMPT_FIELDS = {
    "uid": str,
    "question": str,
    "module": str,
    "lang": str,
    "answer": str,
    "verdict": str,
    "score": (int, float),
    "answered_at": str,
}


def validate_export(data: Any, source: str) -> dict[str, Any]:
    """The export document if it is well-formed; ImportError_ naming what is wrong otherwise."""

    def fail(why: str) -> ImportError_:
        return ImportError_(N_("{source}: {why}; nothing was imported"), source=source, why=why)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail(f"not an ssc-learn progress export (format is not {FORMAT!r})")
    if data.get("version") != VERSION:
        raise fail(
            f"export version {data.get('version')!r} is not supported (this ssc-learn reads {VERSION})"
        )
    learner = data.get("learner")
    if (
        not isinstance(learner, dict)
        or not isinstance(learner.get("name"), str)
        or not learner["name"].strip()
    ):
        raise fail(N_("the learner's name is missing"))
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise fail(N_("'attempts' must be a list"))
    for i, a in enumerate(attempts):
        if not isinstance(a, dict):
            raise fail(f"attempt {i + 1} is not an object")
        for key, kind in _ATTEMPT_FIELDS.items():
            if not isinstance(a.get(key), kind) or isinstance(a.get(key), bool):
                raise fail(f"attempt {i + 1}: {key!r} is missing or of the wrong type")
        if a["verdict"] not in ("correct", "partial", "incorrect") or not 0 <= float(a["score"]) <= 1:
            raise fail(f"attempt {i + 1}: verdict or score out of range")
    for key in ("reads", "positions"):
        if not isinstance(data.get(key, []), list):
            raise fail(f"{key!r} must be a list")
    if not isinstance(data.get("prefs", {}), dict):
        raise fail(N_("'prefs' must be an object"))
    return data


def read_export(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_(
            N_("{source}: cannot read ({reason}); nothing was imported"),
            source=path,
            reason=getattr(exc, "strerror", None) or exc,
        ) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImportError_(
            N_("{source}: not JSON ({reason} at line {line}); nothing was imported"),
            source=path,
            reason=exc.msg,
            line=exc.lineno,
        ) from None
    return validate_export(data, str(path))


def import_export(course: Course, store: Store, data: dict[str, Any]) -> tuple[str, int]:
    """Merge a validated export into the store; returns (learner name, attempts added)."""
    reads = [
        {"paragraph": str(r["paragraph"]), "read_at": str(r.get("read_at") or utcnow().isoformat())}
        for r in data.get("reads", [])
        if isinstance(r, dict) and r.get("paragraph")
    ]
    positions = [
        p for p in data.get("positions", []) if isinstance(p, dict) and p.get("module") and p.get("updated")
    ]
    learner, added = store.import_learner(
        data["learner"]["name"],
        str(data["learner"].get("created") or utcnow().isoformat()),
        data["attempts"],
        reads,
        positions,
        {str(k): str(v) for k, v in data.get("prefs", {}).items()},
    )
    if added:
        rebuild_reviews(course, store, learner)
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
                    "success": a.verdict == "correct",
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
