"""The grader: pure, deterministic, and explainable.

It forgives what a learner's keyboard does (traditional characters, full-width digits, homophone IME
slips, pinyin typed without a Chinese keyboard, missing accents, case, spacing, punctuation) and never
forgives a wrong fact (another number, another term one character away, another acronym, a negation).
Every result carries a `Reason` (a code and its parameters) that `describe()` turns into a sentence in
the learner's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .i18n import N_, Translator
from .questions import Question
from .textnorm import NUMBER_RE, Norm, as_pinyin_input, normalize, numbers_in, pinyin_of, readings

CORRECT, PARTIAL, INCORRECT = "correct", "partial", "incorrect"
MAX_ANSWER = 4000  # characters; a longer reply to a short-answer question is not an answer

# Words that carry no fact in an answer ("the answer is …", articles, prepositions).
STOPWORDS = frozenset(
    "the a an of for to in on at by and or is it its it's this that answer i think believe my "
    "el la los las lo un una unos unas de del al para por y e o es son en creo que respuesta "
    "le les l un une des du d de pour par et ou est c ce sont en je pense que reponse".split()
)
NEGATIONS = frozenset(
    "not no never none isn aren wasn doesn don t n ne pas non ni nunca jamais "
    "tampoco nadie sin without".split()
)
_ZH_NEGATION = re.compile(r"(不是|并非|并不是|不应是|不算|而非|非(?![洲法政正])|不|没有|无)$")
_ZH_FILLERS = "的和与及之"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}s?$")
_UNIT_WORDS = frozenset(
    "in the year years ano anos annee annees an ans en el percent por ciento pour "
    "cent around about approximately".split()
)
_ZH_UNITS = re.compile(r"[年周岁个项次届号段条倍月日%约大概左右是在]")


@dataclass(frozen=True)
class Reason:
    """Why a verdict was given: a code the UI translates, and the values it names."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Grade:
    """A verdict (`correct`, `partial` or `incorrect`), a score from 0 to 1, and why."""

    verdict: str
    score: float
    matched: str | None
    reason: Reason
    parts: tuple[Grade, ...] = ()

    @property
    def correct(self) -> bool:
        return self.verdict == CORRECT

    def as_dict(self, t: Translator | None = None) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "score": round(self.score, 3),
            "matched": self.matched,
            "reason": self.reason.code,
            "feedback": describe(self, t),
        }


def _grade(verdict: str, score: float, matched: str | None, code: str, **params: Any) -> Grade:
    return Grade(verdict, score, matched, Reason(code, {k: str(v) for k, v in params.items()}))


# ---------------------------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _norm_expected(text: str) -> Norm:
    return normalize(text)


def _content_words(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS]


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "x"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _allowed_edits(word: str) -> int:
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 7 else 2 if n <= 12 else 3


def _word_match(typed: str, expected: str) -> tuple[bool, bool]:
    """(matches, by a typo) for one Latin word; numbers and short words must be exact."""
    if typed == expected or _stem(typed) == _stem(expected):
        return True, False
    if typed.isdigit() or expected.isdigit():
        return False, False
    from rapidfuzz.distance import OSA

    limit = _allowed_edits(expected)
    if limit and OSA.distance(typed, expected, score_cutoff=limit) <= limit:
        return True, True
    return False, False


def _find_words(typed: list[str], expected: list[str]) -> tuple[int, list[tuple[str, str]]] | None:
    """Where the word sequence `expected` occurs in `typed` (with typos), and the typos made."""
    n = len(expected)
    for i in range(len(typed) - n + 1):
        typos = []
        for tw, ew in zip(typed[i : i + n], expected):
            ok, typo = _word_match(tw, ew)
            if not ok:
                break
            if typo:
                typos.append((tw, ew))
        else:
            return i, typos
    return None


def _number_check(x: Norm, a: Norm) -> Grade | None:
    """Numbers must be exact: None when the numbers agree, else an incorrect Grade."""
    expected = numbers_in(a.text)
    if not expected:
        return None
    typed = numbers_in(x.text)
    missing = [n for n in expected if n not in typed]
    if missing:
        got = ", ".join(typed) if typed else "—"
        return _grade(INCORRECT, 0.0, a.raw, "number_mismatch", expected=", ".join(expected), got=got)
    if _numeric_only(a):
        extra = [n for n in typed if n not in expected]
        if extra:
            return _grade(
                INCORRECT,
                0.0,
                a.raw,
                "number_extra",
                expected=", ".join(expected),
                got=", ".join(typed),
            )
    return None


def _numeric_only(n: Norm) -> bool:
    rest = NUMBER_RE.sub(" ", n.text)
    rest = _ZH_UNITS.sub(" ", rest)
    return all(w in _UNIT_WORDS for w in rest.split())


def _match_han(x: Norm, a: Norm) -> Grade | None:
    target, typed = a.compact, x.compact
    short_enough = len(typed) <= 3 * len(target) + 8
    idx = typed.find(target)
    if idx >= 0:
        if _ZH_NEGATION.search(typed[:idx]):
            return _grade(INCORRECT, 0.0, a.raw, "negated", expected=a.raw)
        if not short_enough:
            return _grade(INCORRECT, 0.0, a.raw, "too_long")
        return _grade(CORRECT, 1.0, a.raw, "in_sentence", expected=a.raw)
    if not x.han:
        return None
    if short_enough:
        # One or a few characters typed with the wrong character of the same sound (IME slip).
        allowed = max(1, len(target) // 4)
        wrong: tuple[str, str] | None = None
        for start in range(0, max(1, len(typed) - len(target) + 1)):
            window = typed[start : start + len(target)]
            if len(window) != len(target):
                break
            diffs = [(w, e) for w, e in zip(window, target) if w != e]
            if not diffs or len(diffs) > allowed:
                continue
            if all(readings(w) & readings(e) for w, e in diffs):
                if _ZH_NEGATION.search(typed[:start]):
                    return _grade(INCORRECT, 0.0, a.raw, "negated", expected=a.raw)
                w, e = diffs[0]
                return _grade(CORRECT, 1.0, a.raw, "homophone", typed=w, expected=e)
            if wrong is None and len(typed) == len(target):
                wrong = diffs[0]
        # Function characters (的, 和, 与 …) added or left out do not change a term.
        strip = str.maketrans("", "", _ZH_FILLERS)
        if typed.translate(strip) == target.translate(strip) or (
            target.translate(strip)
            and target.translate(strip) in typed.translate(strip)
            and len(typed) <= len(target) + 4
        ):
            return _grade(CORRECT, 1.0, a.raw, "fillers", expected=a.raw)
        if wrong is not None:
            return _grade(INCORRECT, 0.0, a.raw, "wrong_character", typed=wrong[0], expected=wrong[1])
    if typed and typed in target and len(typed) < len(target):
        missing = target.replace(typed, "", 1)
        return _grade(INCORRECT, 0.0, a.raw, "fragment", missing=missing)
    return None


def _match_latin(x: Norm, a: Norm) -> Grade | None:
    if _ACRONYM.match(a.raw.strip()):
        # Plural s on an acronym (SDG / SDGs) is the only difference allowed.
        bare = a.compact.removesuffix("s") if a.raw.strip().endswith("s") else a.compact
        hits = [i for i, w in enumerate(x.words) if w in (bare, bare + "s")]
        if hits or x.compact in (bare, bare + "s"):
            i = hits[0] if hits else 0
            if any(w in NEGATIONS for w in x.words[:i]):
                return _grade(INCORRECT, 0.0, a.raw, "negated", expected=a.raw)
            return _grade(
                CORRECT,
                1.0,
                a.raw,
                "normalized" if x.compact == a.compact else "in_sentence",
                expected=a.raw,
            )
        from rapidfuzz.distance import Levenshtein

        near = [w for w in x.words if Levenshtein.distance(w, a.compact) <= 2]
        if near:
            return _grade(INCORRECT, 0.0, a.raw, "acronym", typed=near[0].upper(), expected=a.raw)
        return None
    expected = _content_words(a.words) or a.words
    typed = _content_words(x.words) or x.words
    if not expected or not typed:
        return None
    found = _find_words(typed, expected)
    if found is None and len(expected) > 1:
        # Compound written as one word or split differently ("South South" / "southsouth").
        joined = "".join(expected)
        for i, word in enumerate(typed):
            if word == joined:
                found = (i, [])
                break
    if found is not None:
        start, typos = found
        if any(w in NEGATIONS for w in x.words[: x.words.index(typed[start])]):
            return _grade(INCORRECT, 0.0, a.raw, "negated", expected=a.raw)
        if len(typed) > 2 * len(expected) + 6:
            return _grade(INCORRECT, 0.0, a.raw, "too_long")
        if typos:
            return _grade(CORRECT, 1.0, a.raw, "typo", typed=typos[0][0], expected=typos[0][1])
        code = "normalized" if len(x.words) == len(a.words) else "in_sentence"
        return _grade(CORRECT, 1.0, a.raw, code, expected=a.raw)
    if _same_words_reordered(typed, expected):
        return _grade(CORRECT, 1.0, a.raw, "reordered", expected=a.raw)
    if len(typed) < len(expected) and _find_words(expected, typed) is not None:
        pos, _ = _find_words(expected, typed)  # type: ignore[misc]
        missing = expected[:pos] + expected[pos + len(typed) :]
        return _grade(INCORRECT, 0.0, a.raw, "fragment", missing=" ".join(missing))
    return None


def _same_words_reordered(typed: list[str], expected: list[str]) -> bool:
    """The same words in another order ("Agenda 2030", "Buenos Aires Action Plan"), for short answers."""
    if len(expected) > 6 or len(typed) != len(expected):
        return False
    return sorted(map(_stem, typed)) == sorted(map(_stem, expected))


def _match_pinyin(x: Norm, a: Norm) -> Grade | None:
    letters = as_pinyin_input(x)
    if letters is None or not a.han:
        return None
    target = pinyin_of(a.compact)
    if letters == target:
        return _grade(CORRECT, 1.0, a.raw, "pinyin", expected=a.raw)
    return None


def match_answer(x: Norm, answer: str) -> Grade:
    """Grade a normalised learner answer against one accepted answer."""
    a = _norm_expected(answer)
    if not a.compact:
        return _grade(INCORRECT, 0.0, answer, "no_match")
    if x.compact == a.compact:
        return _grade(
            CORRECT,
            1.0,
            answer,
            "exact" if x.raw.strip() == answer else "normalized",
            expected=answer,
        )
    bad_number = _number_check(x, a)
    if bad_number is not None:
        return bad_number
    if numbers_in(a.text) and _numeric_only(a) and len(x.compact) <= len(a.compact) + 16:
        return _grade(CORRECT, 1.0, answer, "number", expected=answer)
    found = _match_pinyin(x, a) or (_match_han(x, a) if a.han else _match_latin(x, a))
    return found or _grade(INCORRECT, 0.0, answer, "no_match")


_RANK = {
    "exact": 9,
    "normalized": 8,
    "number": 8,
    "pinyin": 7,
    "fillers": 7,
    "homophone": 6,
    "typo": 6,
    "reordered": 6,
    "in_sentence": 5,
    "negated": 4,
    "number_mismatch": 4,
    "number_extra": 4,
    "wrong_character": 3,
    "acronym": 3,
    "fragment": 2,
    "too_long": 1,
    "no_match": 0,
}


def _best(grades: list[Grade]) -> Grade:
    return max(grades, key=lambda g: (g.score, _RANK.get(g.reason.code, 0)))


def _keyword_found(x: Norm, keyword: str) -> bool:
    for alt in keyword.split("|"):
        k = _norm_expected(alt.strip())
        if not k.compact:
            continue
        if k.han:
            if k.compact in x.compact:
                return True
            n = len(k.compact)
            for start in range(0, len(x.compact) - n + 1):
                window = x.compact[start : start + n]
                diffs = [(w, e) for w, e in zip(window, k.compact) if w != e]
                if len(diffs) <= max(1, n // 4) and all(readings(w) & readings(e) for w, e in diffs):
                    return True
        else:
            wanted = _content_words(k.words) or k.words
            typed = _content_words(x.words) or x.words
            if _find_words(typed, wanted) is not None:
                return True
            # A one-word keyword inside a compound word (ambiental in medioambiental).
            if len(wanted) == 1 and len(wanted[0]) >= 6 and any(w.endswith(wanted[0]) for w in typed):
                return True
    return False


def grade_text(
    response: str,
    answers: Sequence[str],
    keywords: Sequence[str] = (),
    reject: Sequence[str] = (),
) -> Grade:
    """Grade a free-text response against accepted answers, keywords and known wrong answers."""
    if not isinstance(response, str):
        response = "" if response is None else str(response)
    if len(response) > MAX_ANSWER:
        return _grade(INCORRECT, 0.0, None, "too_long")
    x = normalize(response)
    if not x.compact:
        return _grade(INCORRECT, 0.0, None, "empty")
    canonical = answers[0] if answers else None
    # A listed wrong answer is wrong even when it contains an accepted one (南南合作 in 非南南合作).
    for wrong in reject:
        w = _norm_expected(wrong)
        if w.compact and x.compact == w.compact:
            return _grade(INCORRECT, 0.0, canonical, "rejected", typed=wrong, expected=canonical or "")
    grades = [match_answer(x, a) for a in answers]
    best = _best(grades) if grades else None
    if best is not None and best.correct:
        for wrong in reject:
            w = _norm_expected(wrong)
            hit = match_answer(x, wrong)
            if hit.correct and w.compact not in _norm_expected(best.matched or "").compact:
                return _grade(INCORRECT, 0.0, canonical, "rejected", typed=wrong, expected=canonical or "")
        return best
    if keywords:
        found = [k for k in keywords if _keyword_found(x, k)]
        missing = [k.split("|")[0] for k in keywords if k not in found]
        if len(found) == len(keywords):
            return _grade(CORRECT, 1.0, canonical, "keywords_all")
        if found:
            return _grade(
                PARTIAL,
                len(found) / len(keywords),
                canonical,
                "keywords_some",
                missing="、".join(missing) if _is_han(missing) else ", ".join(missing),
                found=str(len(found)),
                total=str(len(keywords)),
            )
        return _grade(INCORRECT, 0.0, canonical, "keywords_none")
    for wrong in reject:
        if match_answer(x, wrong).correct:
            return _grade(INCORRECT, 0.0, canonical, "rejected", typed=wrong, expected=canonical or "")
    if best is None:
        return _grade(INCORRECT, 0.0, None, "no_match")
    if best.reason.code == "no_match" and canonical:
        return _grade(INCORRECT, 0.0, canonical, "no_match", expected=canonical)
    return best


def _is_han(words: list[str]) -> bool:
    return any(_norm_expected(w).han for w in words)


# ---------------------------------------------------------------------------------------------
# Other question types
# ---------------------------------------------------------------------------------------------


def _parse_number(response: str) -> float | None:
    n = normalize(response)
    found = numbers_in(n.text)
    if len(found) == 1:
        try:
            return float(found[0])
        except ValueError:  # a symbol such as 64/222 is not a quantity
            return None
    if not found and n.compact:
        import cn2an

        try:
            return float(cn2an.cn2an(n.compact.rstrip("年个项%"), "smart"))
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    return None


def grade_number(response: str, answer: float, tolerance: float = 0.0) -> Grade:
    """A number, exact or within `tolerance`; units, words around it and Chinese numerals are fine."""
    if len(str(response)) > MAX_ANSWER:
        return _grade(INCORRECT, 0.0, None, "too_long")
    x = normalize(str(response))
    if not x.compact:
        return _grade(INCORRECT, 0.0, None, "empty")
    shown = str(int(answer)) if float(answer).is_integer() else str(answer)
    if len(numbers_in(x.text)) > 1:
        return _grade(
            INCORRECT, 0.0, shown, "number_extra", expected=shown, got=", ".join(numbers_in(x.text))
        )
    value = _parse_number(str(response))
    if value is None:
        return _grade(INCORRECT, 0.0, shown, "not_a_number", expected=shown)
    if abs(value - float(answer)) <= tolerance + 1e-9:
        return _grade(CORRECT, 1.0, shown, "number", expected=shown)
    got = str(int(value)) if value.is_integer() else str(value)
    code = "number_tolerance" if tolerance else "number_mismatch"
    return _grade(INCORRECT, 0.0, shown, code, expected=shown, got=got, tolerance=str(tolerance))


_TRUE = frozenset("true t yes y 1 对 是 正确 真 对的 v vrai oui verdadero si sí correcto correct".split())
_FALSE = frozenset("false f no n 0 错 否 不对 错误 假 faux non falso incorrect incorrecto".split())


def grade_truefalse(response: Any, answer: bool) -> Grade:
    if isinstance(response, bool):
        value: bool | None = response
    else:
        word = normalize(str(response)).text
        value = True if word in _TRUE else False if word in _FALSE else None
    if value is None:
        return _grade(INCORRECT, 0.0, str(answer).lower(), "not_true_false")
    ok = value == answer
    return _grade(
        CORRECT if ok else INCORRECT,
        float(ok),
        str(answer).lower(),
        "exact" if ok else "wrong_choice",
    )


def grade_choice(response: str, choices: Sequence[str], answer: str) -> Grade:
    if response not in choices:
        return _grade(INCORRECT, 0.0, answer, "not_a_choice")
    ok = response == answer
    return _grade(
        CORRECT if ok else INCORRECT,
        float(ok),
        answer,
        "exact" if ok else "wrong_choice",
        expected=answer,
    )


def grade_multi(response: Sequence[str], choices: Sequence[str], answers: Sequence[str]) -> Grade:
    picked = set(response) & set(choices)
    right = set(answers)
    hits, wrong = len(picked & right), len(picked - right)
    score = max(0.0, (hits - wrong) / len(right)) if right else 0.0
    missing = [a for a in answers if a not in picked]
    extra = [c for c in choices if c in picked - right]
    if score >= 1.0:
        return _grade(CORRECT, 1.0, "; ".join(answers), "exact")
    verdict = PARTIAL if score > 0 else INCORRECT
    return _grade(
        verdict,
        score,
        "; ".join(answers),
        "multi_some",
        missing=", ".join(missing) or "—",
        extra=", ".join(extra) or "—",
    )


def grade_order(response: Sequence[str], items: Sequence[str]) -> Grade:
    """Score = the fraction of adjacent pairs of the learner's order that are in the right order."""
    if sorted(response) != sorted(items):
        return _grade(INCORRECT, 0.0, " → ".join(items), "not_the_items")
    pos = {item: i for i, item in enumerate(items)}
    pairs = list(zip(response, response[1:]))
    good = sum(1 for a, b in pairs if pos[a] < pos[b])
    score = good / len(pairs) if pairs else 1.0
    if score >= 1.0:
        return _grade(CORRECT, 1.0, " → ".join(items), "exact")
    return _grade(
        PARTIAL if score > 0 else INCORRECT,
        score,
        " → ".join(items),
        "order_some",
        good=str(good),
        total=str(len(pairs)),
    )


def grade_match(response: dict[str, str], pairs: Sequence[tuple[str, str]]) -> Grade:
    right = dict(pairs)
    good = sum(1 for k, v in response.items() if right.get(k) == v)
    score = good / len(right) if right else 0.0
    shown = "; ".join(f"{a} – {b}" for a, b in pairs)
    if score >= 1.0:
        return _grade(CORRECT, 1.0, shown, "exact")
    return _grade(
        PARTIAL if score > 0 else INCORRECT,
        score,
        shown,
        "match_some",
        good=str(good),
        total=str(len(right)),
    )


def grade_cloze(response: Sequence[str] | str, blanks: Sequence[Sequence[str]]) -> Grade:
    """Each blank graded like a text answer; the score is the mean over blanks."""
    replies = [response] if isinstance(response, str) else list(response)
    replies += [""] * (len(blanks) - len(replies))
    parts = tuple(grade_text(r, list(b)) for r, b in zip(replies, blanks))
    score = sum(p.score for p in parts) / len(parts) if parts else 0.0
    matched = " / ".join(b[0] for b in blanks)
    if all(p.correct for p in parts):
        code = parts[0].reason.code if len(parts) == 1 else "blanks_all"
        return Grade(CORRECT, 1.0, matched, parts[0].reason if len(parts) == 1 else Reason(code), parts)
    verdict = PARTIAL if score > 0 else INCORRECT
    if len(parts) == 1:
        return Grade(verdict, score, matched, parts[0].reason, parts)
    good = sum(p.correct for p in parts)
    return Grade(
        verdict,
        score,
        matched,
        Reason("blanks_some", {"good": str(good), "total": str(len(parts))}),
        parts,
    )


def grade(question: Question, response: Any) -> Grade:
    """Grade a response to any question type (see `docs/quiz-format.md` for the response shapes)."""
    q = question
    if q.type == "text":
        return grade_text(str(response or ""), q.answers, q.keywords, q.reject)
    if q.type == "number":
        return grade_number(str(response or ""), float(q.answer), q.tolerance)
    if q.type == "truefalse":
        return grade_truefalse(response, bool(q.answer))
    if q.type == "choice":
        return grade_choice(str(response), q.choices, str(q.answer))
    if q.type == "multi":
        return grade_multi(list(response or []), q.choices, q.answers)
    if q.type == "cloze":
        return grade_cloze(response if isinstance(response, (list, tuple)) else str(response or ""), q.blanks)
    if q.type == "order":
        return grade_order(list(response or []), q.items)
    if q.type == "match":
        return grade_match(dict(response or {}), q.pairs)
    raise ValueError(f"unknown question type {q.type!r}")


# ---------------------------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------------------------

VERDICTS = {CORRECT: N_("correct"), PARTIAL: N_("partly right"), INCORRECT: N_("incorrect")}

MESSAGES = {
    "exact": N_("Correct."),
    "normalized": N_("Case, spacing, punctuation or script ignored."),
    "number": N_("Exactly {expected}."),
    "in_sentence": N_("Found “{expected}” in your answer."),
    "homophone": N_("Accepted: {typed} sounds like {expected} (input-method slip)."),
    "pinyin": N_("Accepted: that is the pinyin of {expected}."),
    "typo": N_("Accepted despite a typo: “{typed}” → “{expected}”."),
    "fillers": N_("Accepted: {expected}."),
    "reordered": N_("Accepted: the same words as “{expected}” in another order."),
    "keywords_all": N_("Every key point is there."),
    "keywords_some": N_("{found} of {total} key points; missing: {missing}."),
    "keywords_none": N_("None of the key points is there."),
    "empty": N_("No answer given."),
    "too_long": N_("Too long: answer with the term or the short phrase asked for."),
    "number_mismatch": N_("The number must be exact: {expected}, not {got}."),
    "number_extra": N_("Give one answer: {got} (the answer is {expected})."),
    "number_tolerance": N_("Not close enough: {expected} (±{tolerance}), not {got}."),
    "not_a_number": N_("That is not a number; the answer is {expected}."),
    "negated": N_("Your answer negates “{expected}”."),
    "rejected": N_("“{typed}” is a different thing; the answer is “{expected}”."),
    "wrong_character": N_("{typed} is not {expected}: one character changes the meaning."),
    "acronym": N_("Acronyms must be exact: {expected}, not {typed}."),
    "fragment": N_("Incomplete: missing “{missing}”."),
    "no_match": N_("Not the expected answer."),
    "wrong_choice": N_("Not this one."),
    "not_a_choice": N_("Pick one of the choices."),
    "not_true_false": N_("Answer true or false."),
    "multi_some": N_("Missing: {missing}. Not right: {extra}."),
    "multi_missing": N_("Missing: {missing}."),
    "multi_wrong": N_("Not right: {extra}."),
    "order_some": N_("{good} of {total} neighbours are in the right order."),
    "match_some": N_("{good} of {total} pairs are right."),
    "blanks_all": N_("Every blank is right."),
    "blanks_some": N_("{good} of {total} blanks are right."),
    "not_the_items": N_("Use each item exactly once."),
}


def describe(result: Grade, t: Translator | None = None, brief: bool = False) -> str:
    """The reason of a Grade as one sentence in the translator's language (English without one).

    With `brief`, a plain exact answer has no reason (the verdict beside it already says "correct").
    """
    if brief and result.reason.code == "exact" and result.correct:
        return ""
    template = MESSAGES.get(result.reason.code, result.reason.code)
    text = t.gettext(template) if t else template
    try:
        return text.format(**result.reason.params)
    except (KeyError, IndexError):
        return text
