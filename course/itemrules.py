"""Item-writing rules for the question banks, and the cue report `ssc-learn check` prints.

The rules turn the advice of `docs/blueprint.md` into errors: a quoted span or a cloze sentence must be
the reader's own text, a hint must not hold the answer, two questions must not ask the same thing, and a
bank must not leak its keys through patterns (the longest option, a distractor that is always wrong, a
fixed number of right answers). Each limit is a constant here and is documented in the blueprint.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .kinds import Kind
from .textnorm import HAN_RE

if TYPE_CHECKING:
    from .content import Course
    from .document import Document
    from .questions import Question

LEVELS = ("remember", "understand", "apply", "analyse")

# Limits, per language bank (see docs/blueprint.md for why each one is where it is).
MIN_ABOVE_REMEMBER = 0.40  # share of questions at understand, apply or analyse
MIN_APPLY_ANALYSE = 0.15  # share of questions at apply or analyse
MAX_NAMING_PARAGRAPH = 0.50  # share of prompts that say which paragraph holds the answer
MAX_LONGEST_IS_KEY = 0.40  # share of choice questions whose key is the strictly longest option
MAX_KEY_POSITION = 0.40  # share of unshuffled choice keys written in any one position
MAX_SAME_RIGHT_COUNT = 0.60  # share of multi-select questions with the same number of right answers
MAX_DISTRACTOR_USES = 4  # questions one wrong option (or a glossary term only in wrong options) may appear in
MAX_VERBATIM = 0.80  # share of a true/false prompt copied from its source in stretches of 4+ characters
SAME_QUESTION = 0.60  # key similarity above which two questions on the same paragraphs ask the same thing

# “…” and «…», and the '…' some English explanations use after a colon (an apostrophe inside ends it
# early, which only makes the checked span shorter).
_QUOTE = re.compile(r"“([^”]+)”|«\s*([^»]+?)\s*»|(?<=[:(] )'([A-Za-z.…][^']{15,}?)'(?=[\s.,;)]|$)")
_ELLIPSIS = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\)|……|…|\.\.\.")
_NAMES_PARAGRAPH = re.compile(
    r"第\s*\d+(?:\s*[（(]\s*[a-m]\s*[)）])?\s*段|\bparagraphs?\s+\(?\d|\bpárrafos?\s+\(?\d|\bparagraphes?\s+\(?\d|\(\s*[a-m]\s*\)\s*(?:項|项|分项)",
    re.IGNORECASE,
)
_DROP = str.maketrans("", "", '“”‘’"«»「」『』')


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Text compared for quoting: NFKC, no quote marks, one kind of apostrophe and space, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_DROP).replace("'", "'").replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    # Chinese is written with and without spaces around digits and Latin words: compare without them.
    return re.sub(r"(?<=[^a-z0-9]) | (?=[^a-z0-9])", "", text) if HAN_RE.search(text) else text


def _segments(span: str) -> list[str]:
    """The stretches of a quoted span between ellipses, without the punctuation at their edges."""
    out = []
    for part in _ELLIPSIS.split(span):
        part = _norm(part).strip(" .,;:。，；：、!?！？—-")
        if len(part) >= 2:
            out.append(part)
    return out


def _scope(doc: Document, source: tuple[str, ...]) -> str:
    """The text a question may quote: its source paragraphs, their sub-paragraphs and lead-ins."""
    ids: list[str] = []
    for pid in source:
        p = doc.get(pid)
        if p is None:
            continue
        ids += [pid, *(c.id for c in doc.children(pid))]
        if p.parent:
            ids.append(p.parent)
    return " ".join(_norm(p.text) for i in dict.fromkeys(ids) if (p := doc.get(i)))


def _filled(q: Question) -> str:
    from .questions import BLANK

    return BLANK.sub(lambda m: m.group(1).split("|")[0].strip(), q.text)


def _answers(q: Question) -> list[str]:
    """The accepted answers a hint must not contain."""
    if q.type == Kind.TEXT:
        return list(q.answers)
    if q.type == Kind.CHOICE:
        return [str(q.answer)]
    if q.type == Kind.MULTI:
        return list(q.answers)
    if q.type == Kind.CLOZE:
        return [alt for b in q.blanks for alt in b]
    return []


def _contains(hint: str, answer: str) -> bool:
    h, a = _norm(hint), _norm(answer)
    if not a or len(a) < (2 if HAN_RE.search(a) else 4):
        return False
    if HAN_RE.search(a):
        return a in h
    return re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", h) is not None


def _number_in(hint: str, value: Any) -> bool:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return (
        re.search(rf"(?<![\d.]){re.escape(str(value))}(?![\d])", unicodedata.normalize("NFKC", hint))
        is not None
    )


def _mentions(text: str, form: str) -> bool:
    t = _norm(text)
    if HAN_RE.search(form):
        return form in t
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", t) is not None


def _bigrams(text: str) -> set[str]:
    t = _norm(text)
    if not HAN_RE.search(t):
        words = re.findall(r"\w+", t)
        return {" ".join(words[i : i + 2]) for i in range(len(words) - 1)} or set(words)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _similar(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x | y else 0.0


_CITES = re.compile(
    r"(?:第|paragraphs?|párrafos?|paragraphes?|¶)\s*(\d{1,2})(?:\s*段)?\s*(?:[（(]\s*([a-m])\s*[)）])?",
    re.IGNORECASE,
)


def cited_paragraphs(text: str, doc: Document) -> list[str]:
    """Paragraph ids an explanation names ('第24段（j）', 'paragraph 8', 'párrafo 27 (f)')."""
    out = []
    for m in _CITES.finditer(text):
        pid = f"{m.group(1)}({m.group(2)})" if m.group(2) else m.group(1)
        out.append(pid if pid in doc else m.group(1))
    return [p for p in out if p in doc]


def _key(q: Question) -> str:
    return q.solution()


def names_paragraph(q: Question) -> bool:
    """Whether the prompt tells the learner which paragraph holds the answer."""
    return bool(_NAMES_PARAGRAPH.search(q.prompt))


def question_problems(q: Question, course: Course) -> list[str]:
    """The item-writing rules one question breaks (file:line: question id: …)."""
    where = f"{q.file}:{q.line}: question {q.id}"
    out: list[str] = []
    if q.level not in LEVELS:
        out.append(f"{where}: 'level' must be one of {', '.join(LEVELS)}")
    editions = {q.lang: _edition(course, q.lang), "zh": course.document}
    for m in _QUOTE.finditer(q.explanation):
        span = m.group(1) or m.group(2) or m.group(3)
        doc = editions["zh"] if HAN_RE.search(span) else editions[q.lang]
        if doc is None:
            continue
        scope = _scope(doc, (*q.source, *cited_paragraphs(q.explanation, doc)))
        missing = [s for s in _segments(span) if s not in scope]
        if missing:
            out.append(
                f"{where}: the explanation quotes {missing[0][:60]!r}, which is not in "
                f"{', '.join(q.source)} of the {doc.lang} edition"
            )
    edition = editions[q.lang]
    if q.type == Kind.CLOZE and edition is not None:
        scope = _scope(edition, q.source)
        missing = [s for s in _segments(_filled(q)) if s not in scope]
        if missing:
            out.append(f"{where}: the filled cloze {missing[0][:60]!r} is not in {', '.join(q.source)}")
    if q.hint:
        given = [a for a in _answers(q) if _contains(q.hint, a)]
        if q.type == Kind.NUMBER and _number_in(q.hint, q.answer):
            given.append(str(q.answer))
        if given:
            out.append(f"{where}: the hint contains the answer {given[0]!r}")
    if q.type == Kind.TRUEFALSE and edition is not None:
        prompt = _norm(_NAMES_PARAGRAPH.sub("", q.prompt))
        scope = _scope(edition, q.source)
        share = _copied_share(prompt, scope)
        if share > MAX_VERBATIM:
            out.append(
                f"{where}: the statement copies {share:.0%} of itself from its source "
                f"(at most {MAX_VERBATIM:.0%}); say it in other words"
            )
    return out


@lru_cache(maxsize=4096)
def _copied_share(prompt: str, scope: str) -> float:
    """The share of a statement copied from its source, in stretches of four characters or more (a word
    changed here and there still counts as copied). Cached: `check` runs it on every statement, and the
    tests run `check` on many copies of the same banks."""
    if not prompt:
        return 0.0
    blocks = SequenceMatcher(None, prompt, scope, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 4) / len(prompt)


def _edition(course: Course, lang: str) -> Document | None:
    from .errors import SSCError

    try:
        return course.edition(lang)
    except SSCError:
        return None


def bank_problems(course: Course) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    """Every rule the banks break, the level distribution (lang → module → level → n) and the cue
    report (lang → figures)."""
    errors: list[str] = []
    levels: dict[str, Any] = {}
    cues: dict[str, Any] = {}
    bank = course.bank
    terms = course.outline.glossary
    errors += _level_per_id(bank)
    for lang in bank.languages():
        qs = bank.all(lang)
        for q in qs:
            errors += question_problems(q, course)
        errors += _duplicates(qs)
        dist = Counter(q.level for q in qs)
        by_module: dict[str, Counter[str]] = {}
        for q in qs:
            by_module.setdefault(q.module, Counter())[q.level] += 1
        total = len(qs) or 1
        above = sum(n for lvl, n in dist.items() if lvl in LEVELS[1:]) / total
        higher = (dist["apply"] + dist["analyse"]) / total
        levels[lang] = {
            "total": {lvl: dist[lvl] for lvl in LEVELS},
            "above_remember": round(above, 4),
            "apply_analyse": round(higher, 4),
            "modules": {m: {lvl: c[lvl] for lvl in LEVELS} for m, c in by_module.items()},
        }
        where = f"{course.quizzes}/{lang}"
        if above < MIN_ABOVE_REMEMBER:
            errors.append(
                f"{where}: {above:.0%} of questions above remember (at least {MIN_ABOVE_REMEMBER:.0%})"
            )
        if higher < MIN_APPLY_ANALYSE:
            errors.append(
                f"{where}: {higher:.0%} of questions at apply or analyse (at least {MIN_APPLY_ANALYSE:.0%})"
            )
        report, errs = _cues(qs, lang, terms, where)
        cues[lang] = report
        errors += errs
    return errors, levels, cues


def _level_per_id(bank: Any) -> list[str]:
    """A question id asks the same thing in every language, so it has one level."""
    out = []
    first: dict[str, Question] = {}
    for lang in bank.languages():
        for q in bank.all(lang):
            seen = first.setdefault(q.id, q)
            if seen.level != q.level:
                out.append(
                    f"{q.file}:{q.line}: question {q.id}: level {q.level!r} but {seen.level!r} in {seen.lang}"
                )
    return out


def _duplicates(qs: list[Question]) -> list[str]:
    out = []
    for i, a in enumerate(qs):
        for b in qs[i + 1 :]:
            if a.type != b.type or set(a.source) != set(b.source):
                continue
            if _similar(_key(a), _key(b)) >= SAME_QUESTION and _similar(a.prompt, b.prompt) >= 0.2:
                out.append(
                    f"{b.file}:{b.line}: question {b.id} asks what {a.id} asks ({a.file}:{a.line}); "
                    f"ask something else"
                )
    return out


def _cues(qs: list[Question], lang: str, terms: Any, where: str) -> tuple[dict[str, Any], list[str]]:
    errs: list[str] = []
    choice = [q for q in qs if q.type == Kind.CHOICE]
    multi = [q for q in qs if q.type == Kind.MULTI]
    naming = sum(names_paragraph(q) for q in qs)
    longest = 0
    for q in choice:
        lens = sorted((len(c) for c in q.choices), reverse=True)
        if len(str(q.answer)) == lens[0] and (len(lens) == 1 or lens[1] < lens[0]):
            longest += 1
    fixed = [q for q in choice if not q.shuffle]
    positions = Counter(q.choices.index(str(q.answer)) + 1 for q in fixed)
    counts = Counter(len(q.answers) for q in multi)
    wrong: Counter[str] = Counter()
    shown: dict[str, str] = {}
    term_wrong: Counter[str] = Counter()
    term_right: Counter[str] = Counter()
    # Each term's forms, normalised once for all the questions.
    term_forms = [(t, [_norm(f) for f in t.forms(lang) if f]) for t in terms]
    for q in choice + multi:
        right = [str(q.answer)] if q.type == Kind.CHOICE else list(q.answers)
        for c in {_norm(c): c for c in q.choices if c not in right}.items():
            wrong[c[0]] += 1
            shown.setdefault(c[0], c[1])
        for t, forms in term_forms:
            if not forms:
                continue
            in_right = any(any(_mentions(c, f) for f in forms) for c in right)
            in_wrong = any(any(_mentions(c, f) for f in forms) for c in q.choices if c not in right)
            # A term only wrong options carry tells the learner which options to drop.
            term_wrong[t.id] += in_wrong and not in_right
            term_right[t.id] += in_right
    overused = {shown[k]: n for k, n in wrong.items() if n > MAX_DISTRACTOR_USES}
    only_wrong = {t: n for t, n in term_wrong.items() if n > MAX_DISTRACTOR_USES and term_right[t] * 2 < n}
    report = {
        "questions": len(qs),
        "naming_paragraph": naming,
        "naming_paragraph_rate": round(naming / (len(qs) or 1), 4),
        "choice": len(choice),
        "longest_is_key": longest,
        "longest_is_key_rate": round(longest / (len(choice) or 1), 4),
        "unshuffled_key_positions": dict(sorted(positions.items())),
        "multi": len(multi),
        "multi_right_counts": dict(sorted(counts.items())),
        "distractors_over_limit": overused,
        "terms_mostly_wrong": only_wrong,
        "limits": {
            "max_naming_paragraph": MAX_NAMING_PARAGRAPH,
            "max_longest_is_key": MAX_LONGEST_IS_KEY,
            "max_key_position": MAX_KEY_POSITION,
            "max_same_right_count": MAX_SAME_RIGHT_COUNT,
            "max_distractor_uses": MAX_DISTRACTOR_USES,
        },
    }
    if qs and naming / len(qs) > MAX_NAMING_PARAGRAPH:
        errs.append(
            f"{where}: {naming} of {len(qs)} prompts name the paragraph (at most {MAX_NAMING_PARAGRAPH:.0%})"
        )
    if choice and longest / len(choice) > MAX_LONGEST_IS_KEY:
        errs.append(
            f"{where}: the longest option is the key in {longest} of {len(choice)} choice questions "
            f"(at most {MAX_LONGEST_IS_KEY:.0%})"
        )
    if len(fixed) >= 5 and max(positions.values()) / len(fixed) > MAX_KEY_POSITION:
        errs.append(f"{where}: unshuffled keys bunch in one position ({dict(positions)})")
    if len(multi) >= 5 and max(counts.values()) / len(multi) > MAX_SAME_RIGHT_COUNT:
        errs.append(
            f"{where}: right-answer counts of multi-select questions {dict(sorted(counts.items()))}: "
            f"one count in more than {MAX_SAME_RIGHT_COUNT:.0%}"
        )
    for text, n in overused.items():
        errs.append(
            f"{where}: the wrong option {text!r} is used in {n} questions (at most {MAX_DISTRACTOR_USES})"
        )
    for t, n in only_wrong.items():
        errs.append(
            f"{where}: glossary term {t!r} is in wrong options of {n} questions and right ones of "
            f"{term_right[t]} (at most {MAX_DISTRACTOR_USES}, unless keys use it at least half as often)"
        )
    return report, errs
