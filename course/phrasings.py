"""Questions learners ask, per paragraph: the chatbot's training phrases.

FAQ bots carry example phrasings per intent; here every paragraph is an intent. For each paragraph and
sub-paragraph, `seeds/<id>.questions.<lang>.yaml` lists 8-15 questions a learner or an official would
ask in everyday words, written from the document. The chatbot indexes them with their paragraph, both
lexically and by meaning, so "poor countries that owe more and more" finds the paragraph on debt
sustainability although they share no word. `check` validates them (see `problems`).

The same file's `outside` list is the fallback intent: questions the document does not answer although
they may share its words (the population of Buenos Aires, the bot's opinion, a cover letter for a UN
job). A question nearer in meaning to one of them than to any paragraph or learner's question is
declined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .textnorm import normalize

MIN_PER_PARAGRAPH, MAX_PER_PARAGRAPH = 8, 15


@dataclass
class Phrasings:
    """Per language: paragraph id → the learners' questions it answers."""

    by_lang: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    outside: dict[str, list[str]] = field(default_factory=dict)  # questions the document does not answer
    # Per language: (paragraph id, a false claim that paragraph refutes), from `misconceptions`.
    claims: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Per language: (paragraph id, a question on its subject the document does not answer), `unanswered`.
    unanswered: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def items(self, lang: str) -> list[tuple[str, str]]:
        """(paragraph id, question) pairs of one language, in file order."""
        return [(pid, q) for pid, qs in self.by_lang.get(lang, {}).items() for q in qs]

    def languages(self) -> list[str]:
        return list(self.by_lang)


def path_for(seeds: Path, doc_id: str, lang: str) -> Path:
    return seeds / f"{doc_id}.questions.{lang}.yaml"


def load_phrasings(seeds: Path, doc_id: str, ids: list[str], languages: list[str]) -> Phrasings:
    """Read every language's file; problems are collected, not raised (the chatbot still works
    without phrasings, and `check` reports them)."""
    from .yamlio import line_of, load_yaml

    out = Phrasings()
    known = set(ids)
    for lang in languages:
        path = path_for(seeds, doc_id, lang)
        if not path.is_file():
            out.problems.append(f"{path.name}: missing (the chatbot's questions per paragraph in {lang})")
            continue
        data = load_yaml(path)
        paras = data.get("paragraphs") if isinstance(data, dict) else None
        if not isinstance(paras, dict):
            out.problems.append(f"{path}:1: expected 'paragraphs': a mapping of paragraph id to questions")
            continue
        if isinstance(data, dict) and str(data.get("lang", lang)) != lang:
            out.problems.append(f"{path}:1: 'lang' is {data.get('lang')!r}, the file name says {lang!r}")
        table: dict[str, list[str]] = {}
        seen: dict[str, str] = {}
        for raw_pid, questions in paras.items():
            pid = str(raw_pid)
            line = line_of(questions) or line_of(paras)
            if pid not in known:
                out.problems.append(f"{path}:{line}: {pid!r} is not a paragraph id of the document")
                continue
            if not isinstance(questions, list) or not all(
                isinstance(q, str) and q.strip() for q in questions
            ):
                out.problems.append(f"{path}:{line}: {pid}: expected a list of questions")
                continue
            if not MIN_PER_PARAGRAPH <= len(questions) <= MAX_PER_PARAGRAPH:
                out.problems.append(
                    f"{path}:{line}: {pid} has {len(questions)} questions "
                    f"(expected {MIN_PER_PARAGRAPH}-{MAX_PER_PARAGRAPH})"
                )
            kept = []
            for q in questions:
                norm = normalize(q).compact
                if norm in seen and seen[norm] != pid:
                    out.problems.append(
                        f"{path}:{line}: {q!r} is attached to both {seen[norm]} and {pid}; "
                        "a question belongs to the paragraph that answers it"
                    )
                    continue
                seen[norm] = pid
                kept.append(q.strip())
            table[pid] = kept
        outside = data.get("outside", [])
        if not isinstance(outside, list) or not all(isinstance(q, str) and q.strip() for q in outside):
            out.problems.append(f"{path}:1: 'outside' is a list of questions the document does not answer")
            outside = []
        for q in outside:
            if (on := seen.get(normalize(q).compact)) is not None:
                out.problems.append(f"{path}: {q!r} is both outside the document and a question on {on}")
        out.outside[lang] = [q.strip() for q in outside if normalize(q).compact not in seen]
        out.claims[lang] = _per_paragraph(data, "misconceptions", known, seen, path, out.problems)
        out.unanswered[lang] = _per_paragraph(data, "unanswered", known, seen, path, out.problems)
        missing = [pid for pid in ids if pid not in table]
        if missing:
            out.problems.append(
                f"{path.name}: no questions for {len(missing)} paragraph(s): {', '.join(missing[:8])}"
            )
        out.by_lang[lang] = table
    return out


MAX_PER_PARAGRAPH_EXTRA = 6


def _per_paragraph(
    data: dict[str, object], name: str, known: set[str], seen: dict[str, str], path: Path, problems: list[str]
) -> list[tuple[str, str]]:
    """A file's `misconceptions` or `unanswered`: per paragraph id, at most MAX_PER_PARAGRAPH_EXTRA texts.

    - misconceptions: false claims a learner may hold that the paragraph's own text contradicts ("South-South
      cooperation is mandatory, right?" on the paragraph that says it is voluntary);
    - unanswered: questions on the paragraph's subject that the document does not answer ("which banks are
      they, the AIIB?" on the paragraph that welcomes new southern banks without naming them).

    Neither is ever also a learner's question on a paragraph: that one the document answers as asked."""
    table = data.get(name) or {}
    if not isinstance(table, dict):
        problems.append(f"{path}:1: {name!r} maps a paragraph id to a list")
        return []
    out: list[tuple[str, str]] = []
    for raw_pid, texts in table.items():
        pid = str(raw_pid)
        if pid not in known:
            problems.append(f"{path}: {name}: {pid!r} is not a paragraph id of the document")
            continue
        if not isinstance(texts, list) or not all(isinstance(c, str) and c.strip() for c in texts):
            problems.append(f"{path}: {name}: {pid}: expected a list of questions")
            continue
        if len(texts) > MAX_PER_PARAGRAPH_EXTRA:
            problems.append(f"{path}: {name}: {pid} has {len(texts)} (at most {MAX_PER_PARAGRAPH_EXTRA})")
        for text in texts:
            if (on := seen.get(normalize(text).compact)) is not None:
                problems.append(f"{path}: {text!r} is both in {name} on {pid} and a question on {on}")
                continue
            out.append((pid, text.strip()))
    return out
