"""Ranking the document's paragraphs for a question, in any of the course's languages.

Each edition (the Chinese original and the translations) gets a BM25 index (the `bm25s` library).
Chinese is indexed by character bigrams, Latin scripts by normalised, stemmed words. A question is
searched in its own language's edition and in the original, its key terms expanded with the
glossary's translations; the scores are combined and paragraphs that carry the question's key terms
get a boost. The confidence is how much of the question's informative vocabulary the best paragraph
covers; the decline threshold is calibrated on `tests/data/chat_dev.yaml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .content import Course
from .document import Document
from .textnorm import HAN_RE, normalize

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9]+(?:[./][0-9]+)*")
_STEMMERS = {"en": "english", "es": "spanish", "fr": "french"}
# Ranking parameters, tuned on tests/data/chat_dev.yaml (see benchmarks/chat.py for the figures).
K1, B = 1.6, 0.6
CHAPEAU_TOKENS = 0  # how much of its chapeau a sub-paragraph is indexed with
ORIGINAL_WEIGHT = 0.2  # weight of the original's scores for a question in another language
TERM_BOOST = 0.6  # boost of paragraphs that use a key term the question names
UNIGRAMS = True  # index single Chinese characters too

STOP = {
    "en": set(
        "a an the of to in on at by for from with and or but is are was were be been being it its this that "
        "these those what which who whom whose how why when where does do did doc document say says said "
        "about can could should would will shall may might must there their they them we our us you your i "
        "me my as into than then so such any all some no not also more most very just only other tell "
        "anything something paragraph paragraphs text please mention mentions mentioned regarding "
        "concerning according has have had".split()
    ),
    "es": set(
        "el la los las un una unos unas de del al a en y o u e que qué cual cuál cuales quien quién "
        "como cómo "
        "por para con sin sobre es son fue ser se su sus lo le les este esta estos estas ese esa eso dice "
        "decir documento texto párrafo parrafo habla menciona hay qué cuáles también más muy "
        "según segun tiene tienen".split()
    ),
    "fr": set(
        "le la les l un une des de du d au aux a à en et ou que qu quoi quel quelle quels quelles qui "
        "comment "
        "pourquoi par pour avec sans sur est sont été être se sa son ses ce cet cette ces il elle ils elles "
        "on dit document texte paragraphe parle mentionne y a-t-il il y plus très aussi selon ont".split()
    ),
    "zh": set(),
}
ZH_STOP_BIGRAMS = {
    "什么",
    "哪些",
    "怎么",
    "如何",
    "文件",
    "关于",
    "是否",
    "这个",
    "那个",
    "我们",
    "有没",
    "没有",
    "可以",
    "应该",
    "为什",
    "么是",
    "说了",
    "提到",
    "文件中",
    "成果",
    "段落",
}


@lru_cache(maxsize=4)
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMERS[lang])


@lru_cache(maxsize=65536)
def _stem(lang: str, word: str) -> str:
    return _stemmer(lang).stemWord(word)


def tokenize(text: str, lang: str) -> list[str]:
    """Index terms of `text`: Chinese character bigrams, stemmed Latin words, numbers."""
    n = normalize(text).text
    out: list[str] = []
    for run in _HAN_RUN.findall(n):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            if UNIGRAMS:
                out.extend(run)
    latin = _HAN_RUN.sub(" ", n)
    words = [w for w in _WORD.findall(latin)]
    stop = STOP.get(lang, set())
    words = [w for w in words if w not in stop and (len(w) > 1 or w.isdigit())]
    if lang in _STEMMERS and words:
        words = [_stem(lang, w) for w in words]
    out.extend(words)
    return out


def detect_language(text: str, available: Iterable[str] = ("zh", "en", "es", "fr")) -> str:
    """The language a question is written in, from its script and its function words."""
    langs = list(available)
    if HAN_RE.search(text):
        return "zh" if "zh" in langs else langs[0]
    low = text.lower()
    words = re.findall(r"[a-záéíóúüñàâçèêëîïôûùœ']+", low)
    scores = {"en": 0.0, "es": 0.0, "fr": 0.0}
    for w in words:
        for lang in scores:
            if w in STOP[lang]:
                scores[lang] += 1
    scores["es"] += 2 * len(re.findall(r"[ñ¿¡]|ción\b|ciones\b", low))
    scores["fr"] += 2 * len(re.findall(r"[çèêœ]|\bqu'|\bl'|\bd'|tion\b.*\bdes\b", low))
    scores["en"] += 0.5 * len(re.findall(r"\b(the|what|which|does|how|is)\b", low))
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return "en" if "en" in langs else langs[0]
    return best if best in langs else langs[0]


@dataclass
class EditionIndex:
    """A BM25 index over one edition of the document."""

    lang: str
    ids: list[str]
    tokens: list[list[str]]
    retriever: object = None
    df: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document, lang: str) -> EditionIndex:
        import bm25s

        ids = [p.id for p in doc]
        parents = {p.id: p for p in doc}
        tokens = []
        for p in doc:
            toks = tokenize(p.text, lang)
            if p.parent and p.parent in parents:  # a sub-paragraph is read with its chapeau
                toks += tokenize(parents[p.parent].text, lang)[:CHAPEAU_TOKENS]
            tokens.append(toks or ["∅"])
        retriever = bm25s.BM25(k1=K1, b=B)
        retriever.index(tokens, show_progress=False)
        df: dict[str, int] = {}
        for toks in tokens:
            for tok in set(toks):
                df[tok] = df.get(tok, 0) + 1
        return cls(lang, ids, tokens, retriever, df)

    def scores(self, query: list[str]) -> list[float]:
        if not query:
            return [0.0] * len(self.ids)
        return [float(x) for x in self.retriever.get_scores(query)]  # type: ignore[attr-defined]

    def idf(self, token: str) -> float:
        n = len(self.ids)
        d = self.df.get(token, 0)
        return math.log(1 + (n - d + 0.5) / (d + 0.5))


@dataclass(frozen=True)
class Ranked:
    """Paragraph ids best first, with scores, and how sure the ranking is (0–1)."""

    ids: list[str]
    scores: list[float]
    confidence: float
    coverage: float
    known: float = 0.0  # IDF-weighted share of the question's words that occur in the document at all
    lang: str = ""
    anchored: bool = False  # the question names a key term of the document, or a learner's word for one


class Retriever:
    """Ranks a course's paragraphs for questions in any of its languages."""

    def __init__(self, course: Course, languages: Iterable[str] | None = None) -> None:
        self.course = course
        self.source = course.source_lang
        langs = list(languages or course.languages())
        self.indexes = {lang: EditionIndex.build(course.edition(lang), lang) for lang in langs}
        self.ids = self.indexes[self.source].ids
        self._terms = self._glossary_forms()
        self.thesaurus = load_thesaurus(course)

    def expand(self, question: str, lang: str) -> str:
        """The question with the document's words added for the learner's words it contains."""
        table = self.thesaurus.get(lang, {})
        if not table:
            return question
        norm = normalize(question)
        hay = norm.compact if lang == "zh" else f" {norm.text} "
        extra = [
            w for key, words in table.items() if (key if lang == "zh" else f" {key} ") in hay for w in words
        ]
        return question + " " + " ".join(extra) if extra else question

    def _glossary_forms(self) -> list[tuple[str, str, str, float]]:
        """(normalised form, language, term id, weight) for every glossary form, longest first.

        Chinese forms are matched inside the question's characters; Latin forms as whole words.
        """
        out = []
        n = len(self.ids)
        for term in self.course.outline.glossary:
            weight = math.log(1 + n / max(1, len(term.paragraphs)))
            for lang in self.indexes:
                for form in term.forms(lang):
                    norm = normalize(form)
                    key = norm.compact if norm.han else f" {norm.text} "
                    if len(key.strip()) >= 2:
                        out.append((key, lang, term.id, weight))
        return sorted(out, key=lambda x: -len(x[0]))

    def terms_in(self, question: str) -> list[str]:
        """Glossary term ids named in a question (any language, traditional or simplified)."""
        norm = normalize(question)
        compact, spaced = norm.compact, f" {norm.text} "
        found: list[str] = []
        for key, _lang, tid, _w in self._terms:
            hay = spaced if key.startswith(" ") else compact
            if key in hay and tid not in found:
                found.append(tid)
                if key.startswith(" "):
                    spaced = spaced.replace(key, " ")
                else:
                    compact = compact.replace(key, " ")
        return found

    def rank(self, question: str, lang: str) -> Ranked:
        """Rank every paragraph for `question`, written in `lang`."""
        lang = lang if lang in self.indexes else self.source
        expanded = self.expand(question, lang)
        q_tokens = [t for t in tokenize(expanded, lang) if not _question_word(t)]
        terms = self.terms_in(question)
        anchored = bool(terms) or expanded != question
        own = self.indexes[lang]
        combined = _norm(own.scores(q_tokens))
        if lang != self.source:
            # The original, searched with the question's key terms in the original's words.
            zh_query: list[str] = []
            for tid in terms:
                term = self.course.outline.term(tid)
                if term is not None:
                    for form in term.forms(self.source)[:1]:
                        zh_query += tokenize(form, self.source)
            if zh_query:
                original = _norm(self.indexes[self.source].scores(zh_query))
                combined = [a + ORIGINAL_WEIGHT * b for a, b in zip(combined, original)]
        boost = [0.0] * len(self.ids)
        for tid in terms:
            term = self.course.outline.term(tid)
            if term is None or not term.paragraphs:
                continue
            weight = TERM_BOOST / math.sqrt(len(term.paragraphs))
            for pid in term.paragraphs:
                if pid in own.ids:
                    boost[own.ids.index(pid)] += weight
        final = [c + b for c, b in zip(combined, boost)]
        order = sorted(range(len(final)), key=lambda i: (-final[i], i))
        ids = [own.ids[i] for i in order]
        coverage = self._coverage(q_tokens, own, order[0]) if order else 0.0
        known = self._known(q_tokens, own)
        confidence = _confidence(coverage, known, final[order[0]] if order else 0.0, anchored)
        return Ranked(ids, [final[i] for i in order], confidence, coverage, known, lang, anchored)

    def rank_any(self, question: str, lang: str | None = None) -> Ranked:
        """Rank in the given language, else in the detected one, trying the other Latin editions when
        a short question's words fit another language better (\"cambio climático\")."""
        if lang:
            return self.rank(question, lang)
        detected = detect_language(question, list(self.indexes))
        best = self.rank(question, detected)
        if detected == self.source:
            return best
        for other in self.indexes:
            if other in (detected, self.source):
                continue
            candidate = self.rank(question, other)
            if candidate.known > best.known + 0.15:
                best = candidate
        return best

    @staticmethod
    def _known(q_tokens: list[str], index: EditionIndex) -> float:
        uniq = list(dict.fromkeys(q_tokens))
        if not uniq:
            return 0.0
        total = sum(index.idf(t) if t in index.df else 2.5 for t in uniq)
        hit = sum(index.idf(t) for t in uniq if t in index.df)
        return hit / total if total else 0.0

    @staticmethod
    def _coverage(q_tokens: list[str], index: EditionIndex, best: int) -> float:
        """IDF-weighted share of the question's known vocabulary found in the best paragraph."""
        if not q_tokens:
            return 0.0
        doc = set(index.tokens[best])
        uniq = list(dict.fromkeys(q_tokens))
        total = sum(index.idf(t) if t in index.df else 2.5 for t in uniq)
        hit = sum(index.idf(t) for t in uniq if t in doc)
        return hit / total if total else 0.0


def load_thesaurus(course: Course) -> dict[str, dict[str, list[str]]]:
    """The learners' words → document's words table next to the seed (empty when there is none)."""
    from .yamlio import load_yaml

    path = course.seeds / f"{course.manifest.id}.thesaurus.yaml"
    if not path.is_file():
        return {}
    data = load_yaml(path) or {}
    out: dict[str, dict[str, list[str]]] = {}
    for lang, table in data.items():
        if not isinstance(table, dict):
            continue
        entries = {}
        for key, words in table.items():
            norm = normalize(str(key))
            k = norm.compact if lang == "zh" else norm.text
            if k:
                entries[k] = [str(w) for w in (words if isinstance(words, list) else [words])]
        out[str(lang)] = entries
    return out


_QUESTION_CHARS = set("哪么吗呢谁啥怎")


def _question_word(token: str) -> bool:
    """Chinese question words and the bigrams they make carry no topic (什么, 哪些, 为什么 …)."""
    return token in ZH_STOP_BIGRAMS or any(c in _QUESTION_CHARS for c in token)


def _norm(values: list[float]) -> list[float]:
    top = max(values) if values else 0.0
    return [v / top for v in values] if top > 0 else [0.0 for _ in values]


def _confidence(coverage: float, known: float, score: float, anchored: bool) -> float:
    # How much of the question the best paragraph answers, how much of it the document knows at all,
    # and whether it names one of the document's subjects.
    value = 0.5 * coverage + 0.4 * known + 0.1 * min(1.0, score / 1.6) + (0.08 if anchored else -0.08)
    return round(max(0.0, min(1.0, value)), 3)
