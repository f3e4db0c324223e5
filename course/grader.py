"""The grader: pure, deterministic, and explainable.

It forgives what a learner's keyboard does (traditional characters, full-width digits, homophone IME
slips, pinyin typed without a Chinese keyboard, missing accents, case, spacing, punctuation) and never
forgives a wrong fact (another number, another term one character away, another acronym, a negation).
Every result carries a `Reason` (a code and its parameters) that `describe()` turns into a sentence in
the learner's language.

This module holds the grading rules: what earns each verdict. Beside it, split by why they change:
`feedback.py` (the sentence for each reason), `wordmatch.py` (Latin words: stopwords, stems, derivation,
typos, antonym prefixes), `negation.py` (negation scope over phrases and lists) and `answerparse.py`
(lists, dates, numbers in words, constructions). Callers import from here only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .answerparse import (
    _BAG_FILLERS,
    _DATE_TOKEN,
    _DIGIT,
    _GLOSS,
    _LATIN_MY,
    _PART_FILLERS,
    _YEAR_ONLY,
    _ZH_YM,
    _dates_in,
    _digits_for_words,
    _numeric_only,
    _parse_number,
    _part_cores,
    _rephrasings,
    _split_norms,
    _split_parts,
)
from .claims import (
    _added_claim,
    _as_written,
    _bound_prefix,
    _directions_swapped,
    _inside,
    _misdated,
    _one_word_swapped,
    _opposite_said,
    _organ_of,
    _qualifier_swapped,
    _unknown_words,
)
from .feedback import MESSAGES, VERDICTS, describe
from .i18n import Translator
from .kinds import Kind, ReasonCode, Verdict, unreachable
from .lexicon import _NAME_GOES_ON as NAME_GOES_ON
from .lexicon import EMPTY, Lexicon
from .lexicon import bundled as bundled_lexicon
from .negation import _OF, _UNDO, NEGATIONS, _han_negated, _negated_before, _part_negated
from .questions import Question
from .textnorm import (
    HAN_RE,
    LATIN_LANGS,
    ZH_AND,
    Norm,
    as_pinyin_input,
    normalize,
    numbers_in,
    pinyin_of,
    readings,
)
from .wordmatch import (
    _BOUND_PREFIXES,
    ARTICLES,
    GENERIC_HEADS,
    GENERIC_HEADS_HAN,
    STOPWORDS,
    _antonym,
    _antonym_any,
    _content_words,
    _derived,
    _find_words,
    _langs,
    _norm_expected,
    _same_root,
    _word_match,
)
from .world import names_country

# What callers import from here; the helper modules above are the grader's own.
__all__ = [
    "CORRECT",
    "INCORRECT",
    "MAX_ANSWER",
    "MESSAGES",
    "PARTIAL",
    "VERDICTS",
    "Grade",
    "Reason",
    "describe",
    "grade",
    "grade_choice",
    "grade_cloze",
    "grade_match",
    "grade_multi",
    "grade_number",
    "grade_order",
    "grade_text",
    "grade_truefalse",
    "match_answer",
]

CORRECT, PARTIAL, INCORRECT = Verdict.CORRECT, Verdict.PARTIAL, Verdict.INCORRECT
MAX_ANSWER = 4000  # characters; a longer reply to a short-answer question is not an answer
_ZH_FILLERS = "的和与及之"
# "南北之间的合作" says 南北合作: 之间/间 before 合作 is a filler too.
# "区域层面的机制" says 区域机制: a level word before 的 is a filler, like nivel/level/niveau; so is the
# adjectival 性 of a scope before its noun (全球性价值链 is 全球价值链).
_ZH_LEVEL = re.compile(
    r"(?:层面|层级|一级|级别|层次)(?=的)|(?<=全球|区域|国际|世界|地区|全国)性(?=[\u4e00-\u9fff])"
)
_ZH_BETWEEN = re.compile(r"(?:之间|间)(?=的?合作)")
# Words a Chinese reply may put around a term without changing it: "own" before 的 (各国自己的发展办法,
# 本国自身的发展办法), 关于 … 的 (联合国关于X的会议 is the X conference), 相互 before 之间 (相互之间的合作).
_ZH_PADDING = re.compile(r"(?:自己|自身|本身)(?=的)|关于(?=.+的)|相互(?=之?间)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}s?$")
_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}s?\b")


@dataclass(frozen=True)
class Reason:
    """Why a verdict was given: a code the UI translates, and the values it names."""

    code: ReasonCode
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Grade:
    """A verdict (`correct`, `partial` or `incorrect`), a score from 0 to 1, and why."""

    verdict: Verdict
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


def _grade(verdict: Verdict, score: float, matched: str | None, code: ReasonCode, **params: Any) -> Grade:
    return Grade(verdict, score, matched, Reason(code, {k: str(v) for k, v in params.items()}))


# ---------------------------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------------------------


def _find_with_gaps(
    typed: list[str], expected: list[str], langs: tuple[str, ...]
) -> tuple[int, list[tuple[str, str]]] | None:
    """A long name found with a few words inserted ("Conference of Buenos Aires of 1978 on Technical
    Cooperation …"): every expected word in order, at most 3 inserted words, none a negation."""
    gaps = min(3, len(expected) // 2)
    for i, w in enumerate(typed):
        if not _word_match(w, expected[0], langs)[0]:
            continue
        k, j, inserted, typos = 1, i + 1, 0, []
        while k < len(expected) and j < len(typed) and inserted <= gaps:
            ok, typo = _word_match(typed[j], expected[k], langs)
            if ok:
                if typo:
                    typos.append((typed[j], expected[k]))
                k += 1
            elif (
                typed[j] in NEGATIONS
                or _antonym_any(typed[j], expected)
                or typed[j] in _contrast_words(langs)
            ):
                return None
            else:
                inserted += 1
            j += 1
        if k == len(expected) and inserted <= gaps:
            return i, typos
    return None


@lru_cache(maxsize=8)
def _contrast_words(langs: tuple[str, ...]) -> frozenset[str]:
    """Words of the lexicon's look-alike terms (développés, North, sub-regional …): inserted into a name
    they make it another thing (pays développés qui en font la demande)."""
    lex = bundled_lexicon()
    out: set[str] = set()
    for lang in langs:
        for group in lex.distinct(lang):
            for term in group:
                out.update(normalize(term).words)
    return frozenset(out - STOPWORDS)


# Characters Chinese uses to write foreign names by sound (Xinhua transliteration table, common part).
_TRANSLIT = frozenset(
    "阿埃艾安昂奥澳巴拜班邦贝本比彼宾波伯博布达戴丹道德迪蒂丁东杜多厄恩法菲芬丰弗福富盖甘冈戈格贡古圭"
    "哈海汉豪赫亨胡华怀霍基吉加贾杰金卡凯坎康柯科克肯孔库夸奎拉莱兰朗劳勒雷蕾利莉里林琳隆卢鲁伦罗洛"
    "马迈曼芒毛梅门蒙米密明莫姆穆纳奈南内尼宁努诺帕派潘庞佩彭皮普奇齐恰乔钦琼丘萨塞桑瑟森沙舍什斯"
    "松苏索塔泰坦汤陶特提图托瓦万旺威韦维温沃乌西希锡谢辛休雅亚扬耶伊因英尤扎泽詹兹宗佐茨黎"
)


def _name_span(text: str, i: int) -> tuple[int, int]:
    """The run of transliteration characters around position `i` of `text`."""
    lo, hi = i, i + 1
    while lo > 0 and text[lo - 1] in _TRANSLIT:
        lo -= 1
    while hi < len(text) and text[hi] in _TRANSLIT:
        hi += 1
    return lo, hi


def _transliteration_variant(target: str, i: int, typed_ch: str) -> bool:
    """A foreign name written with another common character of a near sound (蒙特利 for 蒙特雷): both
    characters transliterate, the name is three characters or more, and the sounds differ by one letter
    at most after the same initial (li / lei)."""
    expected_ch = target[i]
    if typed_ch not in _TRANSLIT or expected_ch not in _TRANSLIT:
        return False
    lo, hi = _name_span(target, i)
    if hi - lo < 3:
        return False
    from rapidfuzz.distance import Levenshtein

    return any(
        a[:1] == b[:1] and Levenshtein.distance(a, b) <= 1
        for a in readings(typed_ch)
        for b in readings(expected_ch)
    )


_FILLER_CHARS = re.compile(ZH_AND + "|[" + _ZH_FILLERS.replace("和", "") + "]")


def _without_fillers(text: str) -> str:
    return _FILLER_CHARS.sub("", text)


def _number_check(x: Norm, a: Norm) -> Grade | None:
    """Numbers must be exact: None when the numbers agree, else an incorrect Grade."""
    expected = numbers_in(a.text)
    if not expected:
        return None
    typed = numbers_in(x.text)
    missing = [n for n in expected if n not in typed]
    if missing:
        got = ", ".join(typed) if typed else "—"
        return _grade(
            INCORRECT, 0.0, a.raw, ReasonCode.NUMBER_MISMATCH, expected=", ".join(expected), got=got
        )
    if _numeric_only(a):
        extra = [n for n in typed if n not in expected]
        if extra:
            return _grade(
                INCORRECT,
                0.0,
                a.raw,
                ReasonCode.NUMBER_EXTRA,
                expected=", ".join(expected),
                got=", ".join(typed),
            )
    return None


def _match_han(x: Norm, a: Norm) -> Grade | None:
    target, typed = a.compact, x.compact
    short_enough = len(typed) <= 3 * len(target) + 8
    idx = typed.find(target)
    if idx >= 0:
        if _han_negated(typed, idx):
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.NEGATED, expected=a.raw)
        if not short_enough:
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.TOO_LONG)
        return _grade(CORRECT, 1.0, a.raw, ReasonCode.IN_SENTENCE, expected=a.raw)
    if not x.han:
        return None
    if short_enough:
        # One or a few characters typed with the wrong character of the same sound (IME slip). A
        # two-character term is looked for so only in a reply about its size: inside a longer one, one
        # character in two sounding alike is chance (和评 in 核算和评价方法 is not 和平).
        allowed = max(1, len(target) // 4)
        slip_ok = len(target) >= 3 or len(typed) <= len(target) + 2
        wrong: tuple[str, str] | None = None
        for start in range(0, max(1, len(typed) - len(target) + 1)):
            window = typed[start : start + len(target)]
            if len(window) != len(target):
                break
            diffs = [(i, w, e) for i, (w, e) in enumerate(zip(window, target)) if w != e]
            if not diffs or len(diffs) > allowed:
                continue
            if slip_ok and all(readings(w) & readings(e) for _, w, e in diffs):
                if _han_negated(typed, start):
                    return _grade(INCORRECT, 0.0, a.raw, ReasonCode.NEGATED, expected=a.raw)
                _, w, e = diffs[0]
                return _grade(CORRECT, 1.0, a.raw, ReasonCode.HOMOPHONE, typed=w, expected=e)
            if all(_transliteration_variant(target, i, w) for i, w, _ in diffs):
                if _han_negated(typed, start):
                    return _grade(INCORRECT, 0.0, a.raw, ReasonCode.NEGATED, expected=a.raw)
                name = _name_span(target, diffs[0][0])
                shown = window[name[0] : name[1]]
                return _grade(
                    CORRECT,
                    1.0,
                    a.raw,
                    ReasonCode.EQUIVALENT,
                    typed=shown,
                    expected=target[name[0] : name[1]],
                )
            if wrong is None and len(typed) == len(target):
                # Several differing characters are shown as the span they cover (大会 / 会议).
                lo, hi = diffs[0][0], diffs[-1][0] + 1
                wrong = (window[lo:hi], target[lo:hi])
        # Function characters (的, 和, 与 …) added or left out do not change a term; 和 of 和平 / 和谐 is
        # no function character, and a term must keep two characters once they are gone.
        typed_f = _without_fillers(_ZH_LEVEL.sub("", _ZH_BETWEEN.sub("", _ZH_PADDING.sub("", typed))))
        target_f = _without_fillers(_ZH_BETWEEN.sub("", _ZH_PADDING.sub("", target)))
        if len(target_f) >= 2 and (
            typed_f == target_f
            or (
                target_f in typed_f
                and len(typed) <= len(target) + 4
                and not _han_negated(typed_f, typed_f.find(target_f))
            )
        ):
            return _grade(CORRECT, 1.0, a.raw, ReasonCode.FILLERS, expected=a.raw)
        if wrong is not None:
            code = ReasonCode.WRONG_CHARACTER if len(wrong[0]) == 1 else ReasonCode.WRONG_WORD
            return _grade(INCORRECT, 0.0, a.raw, code, typed=wrong[0], expected=wrong[1])
    if typed and typed in target and len(typed) < len(target):
        pos = target.find(typed)
        missing = [s for s in (target[:pos], target[pos + len(typed) :]) if s]
        if (
            pos == 0
            and len(typed) >= 2
            and target[len(typed) :] in GENERIC_HEADS_HAN
            and not _han_negated(typed, 0)
        ):
            # A generic head left out after a distinctive modifier, as in Latin scripts.
            return _grade(CORRECT, 1.0, a.raw, ReasonCode.HEAD_OMITTED, typed=x.raw.strip(), expected=a.raw)
        return _grade(INCORRECT, 0.0, a.raw, ReasonCode.FRAGMENT, missing=" … ".join(missing))
    return None


def _match_latin(x: Norm, a: Norm, langs: tuple[str, ...] = LATIN_LANGS) -> Grade | None:
    if _ACRONYM.match(a.raw.strip()):
        # Plural s on an acronym (SDG / SDGs) is the only difference allowed.
        bare = a.compact.removesuffix("s") if a.raw.strip().endswith("s") else a.compact
        hits = [i for i, w in enumerate(x.words) if w in (bare, bare + "s")]
        if hits or x.compact in (bare, bare + "s"):
            i = hits[0] if hits else 0
            if _negated_before(x.words, i):
                return _grade(INCORRECT, 0.0, a.raw, ReasonCode.NEGATED, expected=a.raw)
            return _grade(
                CORRECT,
                1.0,
                a.raw,
                ReasonCode.NORMALIZED if x.compact == a.compact else ReasonCode.IN_SENTENCE,
                expected=a.raw,
            )
        from rapidfuzz.distance import Levenshtein

        # Another acronym: a word written as one (UNOSC), or the whole reply; not an ordinary word of a
        # phrase that happens to be near in letters (less for LDCs).
        caps = {m.lower() for m in _ACRONYM_WORD.findall(x.raw)}
        near = [
            w for w in x.words if Levenshtein.distance(w, a.compact) <= 2 and (w in caps or len(x.words) == 1)
        ]
        if near:
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.ACRONYM, typed=near[0].upper(), expected=a.raw)
        return None
    expected = _content_words(a.words, langs) or a.words
    typed = _content_words(x.words, langs) or x.words
    if not expected or not typed:
        return None
    found = _find_words(typed, expected, langs)
    if found is None:
        # Compounds written as one word or split differently ("South South" / "southsouth",
        # "co operation" / "cooperation"): compare the letters without spaces.
        joined = "".join(expected)
        squeezed = "".join(typed)
        pos = squeezed.find(joined)
        if pos >= 0 and len(joined) >= 6:
            lengths = [len(w) for w in typed]
            starts = [sum(lengths[:k]) for k in range(len(typed) + 1)]
            if pos in starts and pos + len(joined) in starts:
                found = (starts.index(pos), [])
    if found is None and len(expected) >= 4:
        found = _find_with_gaps(typed, expected, langs)
    if found is not None:
        start, typos = found
        at = x.words.index(typed[start])
        # The phrase starts at the answer's own leading little words ("no en especie": at "en").
        lead = list(itertools.takewhile(lambda w: w not in expected, a.words))
        while lead and at > 0 and x.words[at - 1] == lead[-1]:
            at -= 1
            lead.pop()
        undone = any(w in _UNDO for w in x.words[max(0, at - 2) : at]) and not any(
            w in _UNDO for w in a.words
        )
        if _negated_before(x.words, at) or undone:
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.NEGATED, expected=a.raw)
        if at > 0 and x.words[at - 1] in _BOUND_PREFIXES and (at < 1 or x.words[at - 1] != expected[0]):
            typed_term = f"{x.words[at - 1]}-{x.words[at]}"
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.DISTINCT, typed=typed_term, expected=a.raw)
        if len(typed) > 2 * len(expected) + 6:
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.TOO_LONG)
        if typos:
            slips = [(t, e) for t, e in typos if not _derived(t, e, langs)]
            # A word of the same root is another form of the answer's word, not a slip: say so.
            code = ReasonCode.TYPO if slips else ReasonCode.EQUIVALENT
            t, e = (slips or typos)[0]
            return _grade(
                CORRECT, 1.0, a.raw, code, typed=_as_written(t, x.raw), expected=_as_written(e, a.raw)
            )
        # The same words but for an article or an elision (l'élimination / élimination): normalised.
        # As many words but not the same ("local governments" / "the governments") is the answer inside
        # a longer phrase, not a normalised answer.
        only_articles = _without_articles(x.words) == _without_articles(a.words)
        code = (
            ReasonCode.NORMALIZED if len(typed) == len(expected) and only_articles else ReasonCode.IN_SENTENCE
        )
        return _grade(CORRECT, 1.0, a.raw, code, expected=a.raw)
    if _same_words_reordered(typed, expected, langs):
        swapped = _directions_swapped(x.words, a.words)
        if swapped:
            return _grade(INCORRECT, 0.0, a.raw, ReasonCode.DISTINCT, typed=swapped[0], expected=swapped[1])
        return _grade(CORRECT, 1.0, a.raw, ReasonCode.REORDERED, expected=a.raw)
    if len(typed) < len(expected) and (part := _find_words(expected, typed, langs)) is not None:
        pos, _ = part
        missing = expected[:pos] + expected[pos + len(typed) :]
        if all(w in GENERIC_HEADS for w in missing) and not _negated_before(x.words, 0):
            return _grade(CORRECT, 1.0, a.raw, ReasonCode.HEAD_OMITTED, typed=x.raw.strip(), expected=a.raw)
        shown = " ".join(_as_written(w, a.raw) for w in missing)
        return _grade(INCORRECT, 0.0, a.raw, ReasonCode.FRAGMENT, missing=shown)
    return None


def _same_words_reordered(typed: list[str], expected: list[str], langs: tuple[str, ...]) -> bool:
    """The answer's words in another order ("Agenda 2030", "cadenas globales de valor"), for short
    answers; up to two more words beside them ("cadenas de valor a nivel mundial"), none a negation."""
    if len(expected) > 8 or not len(expected) <= len(typed) <= len(expected) + (
        2 if len(expected) > 1 else 0
    ):
        return False
    left = list(typed)
    for e in expected:
        hit = next((w for w in left if _word_match(w, e, langs)[0]), None)
        if hit is None:
            return False
        left.remove(hit)
    # Words that add nothing to the answer; any other word may change what it names (menos, least, sub).
    return all(w in _BAG_FILLERS or w in GENERIC_HEADS or w in _PART_FILLERS for w in left)


def _match_pinyin(x: Norm, a: Norm) -> Grade | None:
    letters = as_pinyin_input(x)
    if letters is None or not a.han:
        return None
    target = pinyin_of(a.compact)
    if letters == target:
        return _grade(CORRECT, 1.0, a.raw, ReasonCode.PINYIN, expected=a.raw)
    return None


def _match(x: Norm, a: Norm, answer: str, langs: tuple[str, ...]) -> Grade:
    if not a.compact:
        return _grade(INCORRECT, 0.0, answer, ReasonCode.NO_MATCH)
    if x.compact == a.compact:
        return _grade(
            CORRECT,
            1.0,
            answer,
            ReasonCode.EXACT if x.raw.strip() == answer else ReasonCode.NORMALIZED,
            expected=answer,
        )
    dated = _date_match(x, a, answer)
    if dated is not None:
        return dated
    bad_number = _number_check(x, a)
    if bad_number is not None:
        return bad_number
    if numbers_in(a.text) and _numeric_only(a) and len(x.compact) <= len(a.compact) + 16:
        return _grade(CORRECT, 1.0, answer, ReasonCode.NUMBER, expected=answer)
    found = _match_pinyin(x, a) or (_match_han(x, a) if a.han else _match_latin(x, a, langs))
    return found or _grade(INCORRECT, 0.0, answer, ReasonCode.NO_MATCH)


def match_answer(x: Norm, answer: str, lang: str | None = None) -> Grade:
    """Grade a normalised learner answer against one accepted answer."""
    return _match(x, _norm_expected(answer), answer, _langs(lang))


def _date_match(x: Norm, a: Norm, answer: str) -> Grade | None:
    """A date answer matched by its parts: the parts the answer gives must all be in the reply's date;
    a reply may be more precise (a full date for a year, a day range for a month and year)."""
    if not _DIGIT.search(a.text) or not _DIGIT.search(x.text):
        return None
    want = _dates_in(a)
    if not want:
        if not _YEAR_ONLY.fullmatch(a.compact):
            return None
        want = [(a.compact[:4], "", frozenset())]
    got = _dates_in(x)
    if not got:
        return None
    y, m, d = want[0]
    for gy, gm, gd in got:
        if gy == y and (not m or gm == m) and (not d or gd == d):
            rest = _LATIN_MY.sub(" ", _DATE_TOKEN.sub(" ", x.text))
            rest_c = _ZH_YM.sub("", rest.replace(" ", ""))
            # No other year beside it: "2017 or 2019" is not an answer.
            if re.search(r"\d{4}", rest_c.replace(y, "", 1) if not m else rest_c):
                return None
            return _grade(CORRECT, 1.0, answer, ReasonCode.DATE, expected=answer)
    return None


# Lists, equivalences, look-alikes ----------------------------------------------------------------


def _lex_lang(n: Norm, lang: str | None) -> str:
    return "zh" if n.han else (lang if lang in LATIN_LANGS else "en")


def _rewritten(text: str, lang: str, lex: Lexicon) -> tuple[Norm, tuple[tuple[str, str], ...]]:
    r = lex.rewrite(text, lang)
    return _norm_expected(r.text), r.swaps


@lru_cache(maxsize=1024)  # one reply is rewritten for each answer, key point and list member
def _rewritten_reply(x: Norm, lang: str, lex: Lexicon) -> tuple[Norm, tuple[tuple[str, str], ...]]:
    if lang == "zh" and _ZH_PADDING.search(x.compact):
        plain = _ZH_PADDING.sub("", x.compact)
        x = Norm(x.raw, plain, plain, x.han)
    r = lex.rewrite_norm(x, lang)
    if r.text == (x.compact if lang == "zh" else x.text):
        return x, r.swaps
    return _norm_expected(r.text), r.swaps


def _match_equivalent(
    x: Norm, answer: str, lang: str | None, lex: Lexicon, whole: bool = False
) -> Grade | None:
    """The reply matched through the lexicon: both sides' known forms replaced by canonical forms.

    With `whole` (the reply against a whole answer, not a list member), an answer found only inside the
    long name that a short one in the reply expands to does not count (see below); a member of a list
    may be: PME, petites et moyennes entreprises, holds two of MPME's three members."""
    a = _norm_expected(answer)
    if not a.compact:
        return None
    # Chinese sets also list Latin acronyms (PPP, UNOSSC): a Latin reply to a Chinese answer uses them.
    ll = "zh" if a.han or x.han else _lex_lang(a, lang)
    rx, xswaps = _rewritten_reply(x, ll, lex)
    ra, aswaps = _rewritten(answer, ll, lex)
    if not xswaps and not aswaps:
        return None
    rx = Norm(x.raw, rx.text, rx.compact, rx.han)
    g = _match(rx, ra, answer, _langs(lang))
    if not g.correct:
        return g if g.reason.code == ReasonCode.NEGATED else None
    if whole and g.reason.code == ReasonCode.IN_SENTENCE and xswaps and not aswaps:
        # The answer found only inside the long name a short one was expanded to ("el Sur" inside
        # "Comité de Alto Nivel sobre la Cooperación Sur-Sur", typed "el Comité de Alto Nivel") is not
        # in what the learner wrote.
        target = ra.compact
        if (
            any(target in (c := _norm_expected(canon).compact) and target != c for _typed, canon in xswaps)
            and not match_answer(x, answer, lang).correct
        ):
            return None
    in_answer = {canon: form for form, canon in aswaps}
    if xswaps:
        typed, canon = xswaps[0]
        shown = in_answer.get(canon, canon)
    else:
        shown, canon = aswaps[0]
        typed = canon
    return _grade(CORRECT, 1.0, answer, ReasonCode.EQUIVALENT, typed=typed, expected=shown)


def _distinct_clash(
    x: Norm, answers: Sequence[str], lang: str | None, lex: Lexicon, prompt: str = ""
) -> Grade | None:
    """A look-alike of the answer's key term (北 for 南, 次区域 for 区域, North-South for South-South) in
    the reply, where no accepted answer has it: the reply names another thing. Terms the question
    itself uses do not count (the reply may restate it)."""
    ll = _lex_lang(x, lang)
    groups = lex.distinct(ll)
    if not groups:
        return None
    asked = _norm_expected(prompt) if prompt else None
    in_answers = _terms_in_answers(tuple(answers), x.han, ll, lex)
    for group, known in zip(groups, in_answers):
        if not known and asked is not None:
            # The question's own term counts as well: "centres of excellence of the North" to a question
            # on Southern platforms adds the other side.
            known = tuple(t for t in group if _contains(asked, t, ll))
        if not known:
            continue
        present = [t for t in group if _contains(x, t, ll)]
        for term in present:
            longer = [
                t for t in present if t != term and _norm_expected(term).compact in _norm_expected(t).compact
            ]
            if term in known or (longer and not _alone(x, term, longer, ll)):
                continue  # 区域 inside 次区域: the longer term is what was typed
            if asked is not None and _contains(asked, term, ll):
                continue
            return _grade(INCORRECT, 0.0, answers[0], ReasonCode.DISTINCT, typed=term, expected=known[0])
    return None


def _alone(x: Norm, term: str, longer: list[str], lang: str) -> bool:
    """Whether `term` is in the reply outside the longer terms that contain it (最不发达国家和发达国家)."""
    text = x.compact if x.han else f" {x.text} "
    for t in sorted(longer, key=len, reverse=True):
        n = _norm_expected(t)
        text = text.replace(n.compact if x.han else f" {n.text} ", " ")
    return _contains(normalize(text), term, lang)


@lru_cache(maxsize=1024)
def _terms_in_answers(
    answers: tuple[str, ...], han: bool, ll: str, lex: Lexicon
) -> tuple[tuple[str, ...], ...]:
    """For each distinct group of `ll`: its members that the accepted answers (in the reply's script, with
    their lexicon equivalents) contain."""
    same_script = [a for a in answers if _norm_expected(a).han == han]
    # An answer's other names count too: "High-level Committee" stands for the Committee on South-South
    # Cooperation, so "… on North-South Cooperation" names another committee.
    same_script += [e for a in list(same_script) for e in lex.equivalents(a, ll) if e not in same_script]
    norms = [_norm_expected(a) for a in same_script]

    def has(n: Norm, t: str, group: tuple[str, ...]) -> bool:
        # 发达国家 inside 最不发达国家 is not the answer's term: only the longer one is.
        longer = [o for o in group if o != t and _norm_expected(t).compact in _norm_expected(o).compact]
        return _contains(n, t, ll) and (not longer or _alone(n, t, longer, ll))

    return tuple(
        tuple(t for t in group if any(has(n, t, group) for n in norms)) for group in lex.distinct(ll)
    )


def _contains(n: Norm, term: str, lang: str) -> bool:
    t = _norm_expected(term)
    if t.han or lang == "zh":
        if not t.han:
            return False
        pos = n.compact.find(t.compact)
        while pos >= 0:
            # The longer look-alike (次区域) must not be read as the shorter (区域).
            if not (pos > 0 and n.compact[pos - 1] in "次最"):
                return True
            pos = n.compact.find(t.compact, pos + 1)
        return False
    words = n.words
    tw = t.words
    k = len(tw)
    for i in range(len(words) - k + 1):
        # "least developed countries" is not "developed countries", nor with a slip in "least" (lesat).
        if words[i : i + k] == tw and not (i > 0 and _word_match(words[i - 1], "least", ("en",))[0]):
            return True
    return False


def _part_found(x: Norm, alts: list[str], lang: str | None, lex: Lexicon) -> str | None:
    """'yes', 'negated' or None: whether one expected part is in one typed part."""
    for alt in alts:
        g = match_answer(x, alt, lang)
        if not g.correct and g.reason.code != ReasonCode.NEGATED:
            g = _match_equivalent(x, alt, lang, lex) or g
        if g.correct:
            return "yes"
        if g.reason.code == ReasonCode.NEGATED:
            return "negated"
    return None


def _match_parts(x: Norm, answers: Sequence[str], lang: str | None, lex: Lexicon) -> Grade | None:
    """A list answer graded member by member, in any order and with any separator; partial credit
    when some members are right and none is wrong, or when the right ones outnumber the wrong."""
    best: Grade | None = None
    if len(x.raw) > 400 or not any(len(_split_parts(a)) > 1 for a in answers):
        return None
    split = _split_norms(x.raw)
    typed_parts = [p for p, _ in split]
    typed_norms = [n for _, n in split]
    for answer in answers:
        parts = _split_parts(answer)
        if len(parts) < 2 or _norm_expected(answer).han != x.han:
            continue
        if x.han and len(typed_parts) == 1 and (g := _zh_compressed(x, answer)) is not None:
            if best is None or g.score > best.score:
                best = g
            continue
        cores = _part_cores(parts)
        hit: set[int] = set()
        wrong: list[str] = []
        negated = False
        for raw, tn in zip(typed_parts, typed_norms):
            matched = False
            for i, alts in enumerate(cores):
                state = _part_found(tn, alts, lang, lex)
                if state == "yes" and _han_negated(x.compact, x.compact.find(tn.compact)) and x.han:
                    state = "negated"
                if state == "negated" or (state == "yes" and not x.han and _part_negated(x, tn)):
                    negated = True
                    matched = True
                    break
                if state == "yes":
                    hit.add(i)
                    matched = True
                    break
            if not matched and _has_content(tn, answer):
                wrong.append(raw)
        n = len(parts)
        shown = answer
        if negated:
            g = _grade(INCORRECT, 0.0, shown, ReasonCode.NEGATED, expected=shown)
        elif len(hit) == n and not wrong:
            g = _grade(CORRECT, 1.0, shown, ReasonCode.PARTS, expected=shown)
        elif hit and (not wrong or len(hit) > len(wrong) or len(hit) + len(wrong) < n):
            missing = [parts[i] for i in range(n) if i not in hit]
            g = _grade(
                PARTIAL,
                len(hit) / n * (0.5 if wrong else 1.0),
                shown,
                ReasonCode.PARTS_SOME if not wrong else ReasonCode.PARTS_WRONG,
                found=len(hit),
                total=n,
                missing=_join(missing) or "—",
                wrong=_join(wrong) or "—",
            )
        elif hit:
            g = _grade(INCORRECT, 0.0, shown, ReasonCode.PARTS_WRONG_ONLY, wrong=_join(wrong), expected=shown)
        else:
            continue
        if best is None or (g.score, _RANK.get(g.reason.code, 0)) > (
            best.score,
            _RANK.get(best.reason.code, 0),
        ):
            best = g
    return best


def _zh_compressed(x: Norm, answer: str) -> Grade | None:
    """A Chinese list of modifiers that share their suffix and head, typed compressed: 微型、小型和中型企业
    written 中小微企业 or 微小中型企业 (one character per member, in any order)."""
    parts = _split_parts(answer)
    if len(parts) < 2 or not all(HAN_RE.match(p[:1]) for p in parts):
        return None
    suffix = parts[0][1:]
    if not all(len(p) == 1 + len(suffix) and p.endswith(suffix) for p in parts[:-1]):
        return None
    if not parts[-1][1:].startswith(suffix):
        return None
    head = parts[-1][1 + len(suffix) :]
    heads = [p[0] for p in parts]
    typed = x.compact.translate(str.maketrans("", "", _ZH_FILLERS + "、，"))
    m = re.fullmatch(
        rf"([{''.join(heads)}]{{1,{len(heads)}}})(?:{re.escape(suffix)})?{re.escape(head)}", typed
    )
    if m is None or len(set(m.group(1))) != len(m.group(1)) or (len(m.group(1)) < 2 and not suffix):
        return None
    if len(set(m.group(1))) == len(heads):
        return _grade(CORRECT, 1.0, answer, ReasonCode.PARTS, expected=answer)
    return None  # fewer members compressed name a term of their own (中小企业, SMEs): not graded here


def _has_content(part: Norm, answer: str) -> bool:
    """A typed list member says something beyond fillers and the answer's shared head words."""
    if part.han:
        rest = part.compact
        for ch in _ZH_FILLERS:
            rest = rest.replace(ch, "")
        head = _norm_expected(answer).compact
        return bool(rest) and rest not in head and not all(c in head for c in rest)
    known = set(_norm_expected(answer).words)
    return any(w not in STOPWORDS and w not in known and w not in _PART_FILLERS for w in part.words)


def _join(items: Sequence[str]) -> str:
    return "、".join(items) if any(HAN_RE.search(i) for i in items) else ", ".join(items)


_RANK = {
    ReasonCode.EXACT: 9,
    ReasonCode.NORMALIZED: 8,
    ReasonCode.NUMBER: 8,
    ReasonCode.DATE: 8,
    ReasonCode.PINYIN: 7,
    ReasonCode.FILLERS: 7,
    ReasonCode.EQUIVALENT: 7,
    ReasonCode.HOMOPHONE: 6,
    ReasonCode.TYPO: 6,
    ReasonCode.REORDERED: 6,
    ReasonCode.PARTS: 6,
    ReasonCode.IN_SENTENCE: 5,
    ReasonCode.HEAD_OMITTED: 5,
    ReasonCode.NEGATED: 4,
    ReasonCode.DISTINCT: 4,
    ReasonCode.NUMBER_MISMATCH: 4,
    ReasonCode.NUMBER_EXTRA: 4,
    ReasonCode.WRONG_CHARACTER: 3,
    ReasonCode.WRONG_WORD: 3,
    ReasonCode.ACRONYM: 3,
    ReasonCode.PARTS_WRONG_ONLY: 3,
    ReasonCode.ADDED_CLAIM: 3,
    ReasonCode.FRAGMENT: 2,
    ReasonCode.TOO_LONG: 1,
    ReasonCode.NO_MATCH: 0,
}


def _best(grades: list[Grade]) -> Grade:
    return max(grades, key=lambda g: (g.score, _RANK.get(g.reason.code, 0)))


def _keyword_state(x: Norm, keyword: str, lang: str | None, lex: Lexicon) -> str | None:
    """'yes', 'negated' or None: whether one key point (alternatives joined by |) is in the reply."""
    langs = _langs(lang)
    state = None
    for alt in keyword.split("|"):
        k = _norm_expected(alt.strip())
        if not k.compact:
            continue
        if k.han:
            if not x.han:
                continue
            hay = x.compact
            needle = k.compact
            for cand_hay, cand in ((hay, needle), *_lex_pair(x, alt, "zh", lex)):
                pos = cand_hay.find(cand)
                if pos >= 0:
                    if _han_negated(cand_hay, pos):
                        state = "negated"
                        continue
                    return "yes"
            n = len(needle)
            for start in range(0, len(hay) - n + 1):
                window = hay[start : start + n]
                diffs = [(w, e) for w, e in zip(window, needle) if w != e]
                if len(diffs) <= max(1, n // 4) and all(readings(w) & readings(e) for w, e in diffs):
                    if _han_negated(hay, start):
                        state = "negated"
                        continue
                    return "yes"
        else:
            wanted = _content_words(k.words, langs) or k.words
            typed = _content_words(x.words, langs) or x.words
            hit = _find_words(typed, wanted, langs)
            if hit is not None and len(wanted) > 1 and len(_split_parts(alt)) == 1:
                # A key point of several words lies within one member of the reply: "Sud-Sud" is not in
                # "Nord-Sud et Sud-Nord", where its words meet only across the "et".
                members = [_content_words(n.words, langs) or n.words for _, n in _split_norms(x.raw)]
                if len(members) > 1 and not any(_find_words(m, wanted, langs) for m in members):
                    hit = None
            if hit is None and len(wanted) == 1:
                root = next((i for i, w in enumerate(typed) if _same_root(w, wanted[0], langs)), None)
                hit = (root, []) if root is not None else None
            if hit is not None:
                if _negated_before(x.words, x.words.index(typed[hit[0]])):
                    state = "negated"
                    continue
                return "yes"
            # A one-word keyword inside a compound word (ambiental in medioambiental).
            if len(wanted) == 1 and len(wanted[0]) >= 6:
                for w in typed:
                    head = w[: len(w) - len(wanted[0])]
                    if (
                        w.endswith(wanted[0])
                        and w != wanted[0]
                        and not _antonym(w, wanted[0])
                        and head not in _BOUND_PREFIXES
                    ):
                        return "yes"
            if lex is not EMPTY:
                ll = _lex_lang(x, lang)
                rx, _ = _rewritten_reply(x, ll, lex)
                rk, _ = _rewritten(alt, ll, lex)
                rw = _content_words(rk.words, langs) or rk.words
                rt = _content_words(rx.words, langs) or rx.words
                if rw and (h := _find_words(rt, rw, langs)) is not None:
                    if _negated_before(rx.words, rx.words.index(rt[h[0]])):
                        state = "negated"
                        continue
                    return "yes"
            # The key point's antonym (irresponsables for responsables) says its opposite.
            if len(wanted) == 1 and any(_antonym(w, wanted[0]) for w in typed):
                state = "negated"
    return state


# Actions of degree that stand in for a stronger one (reduce for eradicate, 减少 for 消除).
_WEAKER_LATIN = frozenset(
    "reduce reduces reducing reduction alleviate alleviating alleviation mitigate mitigating lessen "
    "reducir reduciendo reduccion disminuir disminucion aliviar alivio mitigar atenuar "
    "reduire reduction diminuer diminution attenuer attenuation alleger".split()
)
_WEAKER_HAN = ("减少", "降低", "缓解", "减轻", "减缓")


def _weaker_action(x: Norm, keywords: Sequence[str], answers: Sequence[str]) -> str | None:
    """A verb of degree in the reply (reduce, reducir, 减少) that no key point and no answer uses."""
    known = " ".join(list(keywords) + list(answers))
    kn = _norm_expected(known)
    if x.han:
        return next((w for w in _WEAKER_HAN if w in x.compact and w not in kn.compact), None)
    known_words = set(kn.words)
    return next((w for w in x.words if w in _WEAKER_LATIN and w not in known_words), None)


def _lex_pair(x: Norm, alt: str, lang: str, lex: Lexicon) -> list[tuple[str, str]]:
    if lex is EMPTY:
        return []
    rx, _ = _rewritten_reply(x, lang, lex)
    rk, _ = _rewritten(alt, lang, lex)
    return [(rx.compact, rk.compact)] if rk.compact else []


def _keyword_found(x: Norm, keyword: str) -> bool:
    return _keyword_state(x, keyword, None, EMPTY) == "yes"


def grade_text(
    response: str,
    answers: Sequence[str],
    keywords: Sequence[str] = (),
    reject: Sequence[str] = (),
    lang: str | None = None,
    lexicon: Lexicon | None = None,
    prompt: str = "",
    other: Sequence[str] = (),
    context: str = "",
) -> Grade:
    """Grade a free-text response against accepted answers, keywords and known wrong answers.

    `lang` is the question's language (for stemming and the lexicon; guessed when None); `lexicon` is the
    equivalence lexicon to accept synonyms through (the bundled one when None; `lexicon.EMPTY` for none);
    `prompt` is the question (what it names is not the learner's answer: 南南合作不能替代南北合作);
    `other` holds the accepted answers of the question in the course's other languages; `context` is what
    the question's source says around the answer (its explanation, a cloze's sentence): a year it gives
    is no claim of the learner's own.
    """
    g = _grade_text(response, answers, keywords, reject, lang, lexicon, prompt, " ".join([context, *other]))
    reply = str(response or "")
    # A long reply is judged as it stands: no claim, gloss or construction is looked for in it.
    short = len(reply) <= 400
    if short and (g.correct or g.verdict == PARTIAL):
        refused = _says_otherwise(g, reply, answers, prompt, context, lang, other, lexicon)
        if refused is not None:
            return refused
    if short and not g.correct and g.reason.code not in _FINAL and (m := _GLOSS.fullmatch(reply.strip())):
        # An answer glossed in brackets (区域机制（regional mechanisms）, PMA (países menos adelantados)):
        # right when the answer and its gloss are each right.
        outside, inside = m.group(1), m.group(2)
        out_g = _grade_text(outside, answers, keywords, reject, lang, lexicon, prompt)
        if out_g.correct:
            every = tuple(answers) + tuple(other)
            in_g = _grade_text(inside, every, (), reject, None, lexicon, prompt)
            if in_g.correct:
                return out_g
    if short and not g.correct and g.reason.code not in _FINAL - {"parts_wrong_only"}:
        # The same answer in another construction (X entre sí → entre X; colectiva e individualmente).
        for said in _rephrasings(reply, lang):
            alt = _grade_text(said, answers, keywords, reject, lang, lexicon, prompt)
            if alt.score > g.score:
                if alt.correct and alt.reason.code in ("exact", "normalized"):
                    return _grade(
                        CORRECT, 1.0, alt.matched, ReasonCode.EQUIVALENT, typed=response, expected=said
                    )
                return alt
    # A list typed in another course language has members this language's answers do not know
    # ("mutual accountability and transparency" to a French question): that is no wrong member.
    if other and g.verdict == INCORRECT and g.reason.code not in _FINAL - {ReasonCode.PARTS_WRONG_ONLY}:
        # A reply typed in another course language, graded against that language's answers.
        alt = _grade_text(response, other, (), reject, None, lexicon, prompt)
        # Only a clean match: a typo in another language is too often a different word (north / norte),
        # and a word found inside the reply may be one of its own (French sur is not Spanish Sur).
        if (
            alt.correct
            and alt.reason.code
            not in (ReasonCode.TYPO, ReasonCode.HOMOPHONE, ReasonCode.PINYIN, ReasonCode.IN_SENTENCE)
            and (alt.reason.code != ReasonCode.NORMALIZED or _same_words(response, alt.matched or ""))
        ):
            return alt
    return g


def _same_words(reply: str, answer: str) -> bool:
    """The same words but for case, accents and articles, with no stemming: a stem is the reply's
    language's, and another language's word may share it (Spanish especie is French espèces, cash,
    under the French stemmer, while the answer is en nature, in kind)."""
    x, a = _norm_expected(reply), _norm_expected(answer)
    if x.han or a.han:
        return x.compact == a.compact
    return _without_articles(x.words) == _without_articles(a.words)


def _without_articles(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in ARTICLES]


# Verdicts another language's answers cannot overturn: the reply itself says something wrong.
_FINAL = frozenset(
    ReasonCode(c)
    for c in "negated rejected distinct number_mismatch number_extra acronym parts_wrong_only empty".split()
)


# Matches that hold the answer's words loosely (inside a sentence, key points, parts, with fillers): the
# reply may still put one word of it in another's place or make it part of another name.
_LOOSE = (ReasonCode.IN_SENTENCE, ReasonCode.KEYWORDS_ALL, ReasonCode.PARTS, ReasonCode.FILLERS)


def _says_otherwise(
    g: Grade,
    reply: str,
    answers: Sequence[str],
    prompt: str,
    context: str,
    lang: str | None,
    other: Sequence[str],
    lexicon: Lexicon | None,
) -> Grade | None:
    """A reply the matcher accepted, or half accepted, that says something else than the answer (see
    claims.py): a word swapped, another body or name, a word of opposite meaning, a claim of its own.
    None when it says what the answer says."""
    lex = bundled_lexicon() if lexicon is None else lexicon
    lex_lang = _lex_lang(_norm_expected(reply), lang)

    def refused(code: ReasonCode, typed: str, expected: str) -> Grade:
        return _grade(INCORRECT, 0.0, g.matched, code, typed=typed, expected=expected)

    if g.correct and g.reason.code in _LOOSE:
        if swapped := _one_word_swapped(reply, answers, prompt, lang):
            return refused(ReasonCode.WRONG_WORD, *swapped)
        named = (
            _organ_of(reply, answers, prompt)
            or _bound_prefix(reply, answers)
            or _qualifier_swapped(reply, answers)
        )
        if named:
            return refused(ReasonCode.DISTINCT, *named)
    if opposite := _opposite_said(reply, answers, lex_lang, lex):
        return refused(ReasonCode.WRONG_WORD, *opposite)
    if g.correct and g.reason.code not in (ReasonCode.EXACT, ReasonCode.NORMALIZED):
        known = " ".join([prompt, context, *answers, *other])
        added = _added_claim(reply, answers, prompt, context, lang, other) or _misdated(
            reply, lex_lang, lex, known
        )
        if added:
            return refused(ReasonCode.ADDED_CLAIM, added, g.matched or "")
    return None


def _grade_text(
    response: str,
    answers: Sequence[str],
    keywords: Sequence[str],
    reject: Sequence[str],
    lang: str | None,
    lexicon: Lexicon | None,
    prompt: str,
    source: str | None = None,
) -> Grade:
    if not isinstance(response, str):
        response = "" if response is None else str(response)
    if len(response) > MAX_ANSWER:
        return _grade(INCORRECT, 0.0, None, ReasonCode.TOO_LONG)
    x = normalize(response)
    if not x.compact:
        return _grade(INCORRECT, 0.0, None, ReasonCode.EMPTY)
    lex = bundled_lexicon() if lexicon is None else lexicon
    canonical = answers[0] if answers else None
    # A listed wrong answer is wrong even when it contains an accepted one (南南合作 in 非南南合作).
    for wrong in reject:
        w = _norm_expected(wrong)
        if w.compact and x.compact == w.compact:
            return _grade(
                INCORRECT, 0.0, canonical, ReasonCode.REJECTED, typed=wrong, expected=canonical or ""
            )
    grades = [match_answer(x, a, lang) for a in answers]
    if prompt:
        grades = [_head_asked(g, x, prompt) for g in grades]
    best = _best(grades) if grades else None
    if best is not None and best.correct:
        # A shorter accepted form found inside a longer one the reply negates ("not the United Nations
        # Office for South-South Cooperation" holds "Office for South-South Cooperation"): negated.
        for neg in grades:
            if neg.reason.code == ReasonCode.NEGATED and _inside(best.matched or "", neg.matched or ""):
                best = neg
                break
    if best is not None and best.reason.code == ReasonCode.TOO_LONG and prompt:
        # A reply that restates the question is not padded: judge it without the question's words.
        x = _without_prompt(x, prompt, answers)
        best = _best([match_answer(x, a, lang) for a in answers])
    if (
        best is not None
        and not best.correct
        and best.reason.code != ReasonCode.NEGATED
        and len(response) <= 400
    ):
        more = [g for a in answers if (g := _match_equivalent(x, a, lang, lex, whole=True)) is not None]
        if more:
            best = _best([best, *more])
    if best is not None and best.correct:
        matched = _norm_expected(best.matched or "")
        asked = _norm_expected(prompt).compact if prompt else ""
        for wrong in reject:
            w = _norm_expected(wrong)
            if asked and w.compact in asked and len(x.compact) > len(w.compact):
                continue  # the reply restates the question (南南合作不能替代南北合作)
            hit = match_answer(x, wrong, lang)
            inside = w.compact in matched.compact
            if not hit.correct and w.han == x.han and len(response) <= 400:
                # Through the lexicon too (LDCs is least developed countries, not developed countries).
                hit = _match_equivalent(x, wrong, lang, lex) or hit
                ll = _lex_lang(w, lang)
                inside = (
                    inside
                    or _rewritten(wrong, ll, lex)[0].compact in _rewritten(matched.raw, ll, lex)[0].compact
                )
            if hit.correct and not inside:
                return _grade(
                    INCORRECT, 0.0, canonical, ReasonCode.REJECTED, typed=wrong, expected=canonical or ""
                )
        if best.reason.code not in (ReasonCode.EXACT, ReasonCode.NORMALIZED):
            clash = _distinct_clash(x, answers, lang, lex, prompt)
            if clash is not None:
                return clash
        if best.reason.code == ReasonCode.IN_SENTENCE and len(response) <= 400:
            other = (
                _completed_otherwise(x, best.matched or "", answers, lang, lex)
                or _part_of_another(x, best.matched or "", answers, lang, prompt)
                or _another_name_added(x, answers, prompt, lang, lex, source)
            )
            if other is not None:
                return other
        return best
    if keywords:
        if best is not None and best.reason.code == ReasonCode.NEGATED:
            return best  # the reply negates an accepted answer: its key points are negated with it
        states = [_keyword_state(x, k, lang, lex) for k in keywords]
        found = [k for k, s in zip(keywords, states) if s == "yes"]
        missing = [k.split("|")[0] for k in keywords if k not in found]
        if "negated" in states and len(found) < len(keywords):
            return _grade(INCORRECT, 0.0, canonical, ReasonCode.NEGATED, expected=canonical or "")
        if found and len(found) < len(keywords):
            weaker = _weaker_action(x, keywords, answers)
            if weaker is not None:
                # "reducing poverty" for "eradicating poverty": the action asked for is replaced by a
                # lesser one, which a teacher marks wrong rather than half right.
                missing_first = next(k.split("|")[0] for k in keywords if k not in found)
                return _grade(
                    INCORRECT, 0.0, canonical, ReasonCode.WRONG_WORD, typed=weaker, expected=missing_first
                )
        if found:
            clash = _distinct_clash(x, answers, lang, lex, prompt)
            if clash is not None:
                return clash
            wrong_parts = _wrong_parts(x, keywords, answers, lang, lex)
        if len(found) == len(keywords):
            if wrong_parts:
                # Every key point, and a member that is none of them (the list of another question).
                score = len(found) / (len(found) + len(wrong_parts))
                return _grade(PARTIAL, score, canonical, ReasonCode.PARTS_EXTRA, wrong=_join(wrong_parts))
            return _grade(CORRECT, 1.0, canonical, ReasonCode.KEYWORDS_ALL)
        if found:
            if (
                wrong_parts
                and len(found) <= len(wrong_parts)
                and len(found) + len(wrong_parts) >= len(keywords)
            ):
                return _grade(
                    INCORRECT,
                    0.0,
                    canonical,
                    ReasonCode.PARTS_WRONG_ONLY,
                    wrong=_join(wrong_parts),
                    expected=canonical or "",
                )
            return _grade(
                PARTIAL,
                len(found) / len(keywords),
                canonical,
                ReasonCode.KEYWORDS_SOME,
                missing="、".join(missing) if _is_han(missing) else ", ".join(missing),
                found=str(len(found)),
                total=str(len(keywords)),
            )
        return _grade(INCORRECT, 0.0, canonical, ReasonCode.KEYWORDS_NONE)
    for wrong in reject:
        if match_answer(x, wrong, lang).correct:
            return _grade(
                INCORRECT, 0.0, canonical, ReasonCode.REJECTED, typed=wrong, expected=canonical or ""
            )
    if best is None:
        return _grade(INCORRECT, 0.0, None, ReasonCode.NO_MATCH)
    if best.reason.code != ReasonCode.NEGATED:
        parts = _match_parts(x, answers, lang, lex)
        if parts is not None:
            if parts.verdict != INCORRECT:
                clash = _distinct_clash(x, answers, lang, lex, prompt)
                if clash is not None:
                    return clash
            return parts
    if best.reason.code == ReasonCode.NO_MATCH and canonical:
        return _grade(INCORRECT, 0.0, canonical, ReasonCode.NO_MATCH, expected=canonical)
    return best


# A question word and what it asks for: "what kind of mechanisms", "quels mécanismes", "qué tipo de
# mecanismos", "什么机制", "哪种机制". The head it names need not be in the reply.
_ASKED = re.compile(
    r"(?:\b(?:what|which|quel|quels|quelle|quelles|que|quoi|lequel|laquelle|lesquels|lesquelles|cual|"
    r"cuales|cuanto|cuanta|cuantos|cuantas)\b(?:\s+(?:kind|kinds|type|types|sort|sorts|tipo|tipos|clase|"
    r"clases|genre|genres|sorte|sortes)\b)?(?:\s+(?:of|de|d|des|du|de la|de los|de las))?(?:\s+(?:the|le|la|"
    r"les|el|los|las))?\s+|(?:什么|哪(?:个|种|类|些|一种|一类)?|何种|哪样)(?:的)?)$"
)


def _head_asked(g: Grade, x: Norm, prompt: str) -> Grade:
    """A fragment of the answer that leaves out only what the question asks for by name ("regional" to
    "what kind of mechanisms?", 区域 to "什么机制？"): the rest is the answer, so it is right."""
    if g.reason.code != ReasonCode.FRAGMENT or _negated_before(x.words, 0):
        return g
    missing = g.reason.params.get("missing", "")
    if not missing or " … " in missing:
        return g
    m, p = _norm_expected(missing), _norm_expected(prompt)
    if m.han != p.han or not m.compact:
        return g
    if m.han:
        text, head = p.compact, m.compact
    else:
        text, head = " " + p.text + " ", " " + m.text + " "
    at = text.find(head)
    while at >= 0:
        if _ASKED.search(text[max(0, at - 40) : at + (0 if m.han else 1)]):
            return _grade(
                CORRECT,
                1.0,
                g.matched,
                ReasonCode.HEAD_OMITTED,
                typed=x.raw.strip(),
                expected=g.matched or "",
            )
        at = text.find(head, at + 1)
    return g


def _completed_otherwise(
    x: Norm, short: str, answers: Sequence[str], lang: str | None, lex: Lexicon
) -> Grade | None:
    """A short name found in a Latin reply that goes on to complete it otherwise than the full name does:
    "High-level Committee on Triangular Cooperation" for the High-level Committee on South-South
    Cooperation names another body. Only the full name's own preposition completes a name ("High-level
    Committee of the General Assembly" describes it). Chinese modifiers before a name are most often
    descriptive (各英才中心, 国际发展筹资会议蒙特雷共识), so Chinese is left to the look-alike groups."""
    s = _norm_expected(short)
    if s.han or x.han:
        return None
    longer = [
        full
        for full in answers
        if not (f := _norm_expected(full)).han
        and len(f.words) > len(s.words)
        and f.words[: len(s.words)] == s.words
        and f.words[len(s.words)] in NAME_GOES_ON
    ]
    if not longer:
        return None
    hit = _find_words(x.words, s.words, _langs(lang))
    if hit is None:
        return None
    rest = x.words[hit[0] + len(s.words) :]
    preps = set()
    for form in {e for f in longer for e in lex.equivalents(f, _lex_lang(x, lang))} | set(longer):
        words = _norm_expected(form).words
        if words[: len(s.words)] == s.words and len(words) > len(s.words):
            preps.add(words[len(s.words)])
    if not rest or rest[0] not in preps & NAME_GOES_ON or not [w for w in rest[1:] if w not in STOPWORDS]:
        return None
    for full in longer:
        if match_answer(x, full, lang).correct:
            return None
        e = _match_equivalent(x, full, lang, lex)
        if e is not None and e.correct:
            return None
    return _grade(INCORRECT, 0.0, longer[0], ReasonCode.DISTINCT, typed=x.raw.strip(), expected=longer[0])


def _part_of_another(
    x: Norm, matched: str, answers: Sequence[str], lang: str | None, prompt: str
) -> Grade | None:
    """A Latin reply that names a part or organ *of* the answer ("Conseil d'administration du PNUD" for
    UNDP) names another body, unless the question itself names that part ("the strategic plan of UNDP"
    for "whose strategic plan?") or an accepted answer does."""
    m = _norm_expected(matched)
    # Only a body has organs: the answer must be a name (UNDP, Programa de las Naciones Unidas ...), not
    # a notion ("l'esprit de solidarité" is solidarity).
    if m.han or x.han or not m.words or not re.search(r"(?:^|[\s'’(-])[A-ZÀ-Ý]", matched.strip()):
        return None
    hit = _find_words(x.words, m.words, _langs(lang))
    if hit is None or hit[0] < 2:
        return None
    at = hit[0]
    before = x.words[:at]
    while before and before[-1] in ARTICLES and before[-1] not in _OF:
        before.pop()  # "du" / "of the": the article after "of"
    if not before or before[-1] not in _OF:
        return None
    known = set(_norm_expected(prompt).words) if prompt else set()
    known |= {w for a in answers for w in _norm_expected(a).words}
    head = [w for w in before[:-1] if w not in STOPWORDS and w not in ARTICLES and w not in known]
    if not head:
        return None
    return _grade(INCORRECT, 0.0, matched, ReasonCode.DISTINCT, typed=x.raw.strip(), expected=matched)


def _another_name_added(
    x: Norm,
    answers: Sequence[str],
    prompt: str,
    lang: str | None,
    lex: Lexicon = EMPTY,
    source: str | None = None,
) -> Grade | None:
    """A reply that joins another thing to the answer ("entre pays du Sud et le système des Nations Unies"
    for "entre pays du Sud"): the answer is there, and a thing that is not, so half right. A member
    counts when written as a name (capitalised words, an acronym), as one of the lexicon's terms
    (官方发展援助, "developed countries"), or, in Latin script, when none of its words is in the answers,
    the question or what the question's `source` says there ("et organisations internationales", "et
    gratuites"); "gender perspective and equality" only elaborates a source that speaks of equality."""
    parts = _split_norms(x.raw)
    # A list answer ("comptabilisation et évaluation") has members of its own: the list rules judge it.
    if len(parts) < 2 or any(len(_split_norms(a)) > 1 for a in answers):
        return None
    known = {w for a in answers for w in _norm_expected(a).words}
    known |= set(_norm_expected(prompt).words) if prompt else set()
    asked = _norm_expected(prompt).compact if prompt else ""
    extra = []
    for raw, norm in parts:
        if any(_inside(a, raw) for a in answers):
            continue
        if _lexicon_term(raw, lang, lex) and norm.compact not in asked and not _inside(raw, prompt or ""):
            extra.append(raw.strip())  # another of the document's terms (南北合作和官方发展援助)
            continue
        if norm.han:
            # Chinese writes no capitals: a country's name (阿根廷和巴西) is the name added.
            if names_country(raw, "zh") and norm.compact not in asked:
                extra.append(raw.strip())
            continue
        names = [
            w
            for w in re.findall(r"(?<![\w'’])[A-ZÀ-Ý][\w'’-]*", raw)
            if not set(_norm_expected(w).words) <= known
        ]
        if names or (lang in LATIN_LANGS and names_country(raw, lang) and not set(norm.words) <= known):
            extra.append(raw.strip())
        elif source is not None and _unknown_words(norm, answers, f"{prompt} {source}", lang):
            extra.append(raw.strip())
    if not extra or len(extra) == len(parts):
        return None
    return _grade(PARTIAL, 0.5, answers[0], ReasonCode.PARTS_EXTRA, wrong=_join(extra))


def _lexicon_term(member: str, lang: str | None, lex: Lexicon) -> bool:
    """Whether a list member is, as a whole, one of the lexicon's forms: a term of the document."""
    n = _norm_expected(member)
    return lex is not EMPTY and bool(lex.canonical(member, "zh" if n.han else _lex_lang(n, lang)))


def _without_prompt(x: Norm, prompt: str, answers: Sequence[str]) -> Norm:
    """The reply without the words (Latin) or three-character runs (Chinese) it takes from the question,
    keeping whatever an accepted answer contains."""
    p = _norm_expected(prompt)
    if x.han:
        keep = "".join(_norm_expected(a).compact for a in answers)
        text = x.compact
        for size in (8, 6, 4, 3):
            for i in range(len(p.compact) - size + 1):
                chunk = p.compact[i : i + size]
                if chunk in text and chunk not in keep:
                    text = text.replace(chunk, "")
        return Norm(x.raw, text, text, x.han)
    keep_words = {w for a in answers for w in _norm_expected(a).words}
    asked = set(p.words) - keep_words
    words = [w for w in x.words if w not in asked]
    text = " ".join(words)
    return Norm(x.raw, text, text.replace(" ", ""), x.han)


def _wrong_parts(
    x: Norm, keywords: Sequence[str], answers: Sequence[str], lang: str | None, lex: Lexicon
) -> list[str]:
    """Members of a list reply that match no key point (南南合作和三方合作 when 三方 is no key point)."""
    parts = _split_norms(x.raw)
    if len(parts) < 2:
        return []
    out = []
    for p, pn in parts:
        if any(_keyword_state(pn, k, lang, lex) for k in keywords):
            continue
        if any(_has_content(pn, a) for a in answers if _norm_expected(a).han == pn.han):
            out.append(p)
    return out


def _is_han(words: list[str]) -> bool:
    return any(_norm_expected(w).han for w in words)


# ---------------------------------------------------------------------------------------------
# Other question types
# ---------------------------------------------------------------------------------------------


def grade_number(response: str, answer: float, tolerance: float = 0.0, lang: str | None = None) -> Grade:
    """A number, exact or within `tolerance`; units, words around it, number words and Chinese numerals
    are fine."""
    if len(str(response)) > MAX_ANSWER:
        return _grade(INCORRECT, 0.0, None, ReasonCode.TOO_LONG)
    response = _digits_for_words(str(response), lang)
    x = normalize(str(response))
    if not x.compact:
        return _grade(INCORRECT, 0.0, None, ReasonCode.EMPTY)
    shown = str(int(answer)) if float(answer).is_integer() else str(answer)
    if float(answer).is_integer() and 1000 <= answer <= 2200:
        # A year question answered with a date (2017年9月13日, 13 September 2017): the year counts.
        years = {y for y, _, _ in _dates_in(x)}
        if years:
            if years == {shown} and len(re.findall(r"\d{4}", _DATE_TOKEN.sub(" ", x.text))) <= 1:
                return _grade(CORRECT, 1.0, shown, ReasonCode.DATE, expected=shown)
            return _grade(
                INCORRECT,
                0.0,
                shown,
                ReasonCode.NUMBER_MISMATCH,
                expected=shown,
                got=", ".join(sorted(years)),
            )
    if len(numbers_in(x.text)) > 1:
        return _grade(
            INCORRECT, 0.0, shown, ReasonCode.NUMBER_EXTRA, expected=shown, got=", ".join(numbers_in(x.text))
        )
    value = _parse_number(str(response), lang)
    if value is None:
        return _grade(INCORRECT, 0.0, shown, ReasonCode.NOT_A_NUMBER, expected=shown)
    if abs(value - float(answer)) <= tolerance + 1e-9:
        return _grade(CORRECT, 1.0, shown, ReasonCode.NUMBER, expected=shown)
    got = str(int(value)) if value.is_integer() else str(value)
    code = ReasonCode.NUMBER_TOLERANCE if tolerance else ReasonCode.NUMBER_MISMATCH
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
        return _grade(INCORRECT, 0.0, str(answer).lower(), ReasonCode.NOT_TRUE_FALSE)
    ok = value == answer
    return _grade(
        CORRECT if ok else INCORRECT,
        float(ok),
        str(answer).lower(),
        ReasonCode.EXACT if ok else ReasonCode.WRONG_CHOICE,
    )


def grade_choice(response: str, choices: Sequence[str], answer: str) -> Grade:
    if response not in choices:
        return _grade(INCORRECT, 0.0, answer, ReasonCode.NOT_A_CHOICE)
    ok = response == answer
    return _grade(
        CORRECT if ok else INCORRECT,
        float(ok),
        answer,
        ReasonCode.EXACT if ok else ReasonCode.WRONG_CHOICE,
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
        return _grade(CORRECT, 1.0, "; ".join(answers), ReasonCode.EXACT)
    verdict = PARTIAL if score > 0 else INCORRECT
    # Say only what applies: no "Not right: —." when nothing wrong was ticked.
    if not extra:
        code = ReasonCode.MULTI_MISSING
    elif not missing:
        code = ReasonCode.MULTI_WRONG
    else:
        code = ReasonCode.MULTI_SOME
    return _grade(
        verdict, score, "; ".join(answers), code, missing=", ".join(missing), extra=", ".join(extra)
    )


def grade_order(response: Sequence[str], items: Sequence[str]) -> Grade:
    """Score = the fraction of adjacent pairs of the learner's order that are in the right order."""
    if sorted(response) != sorted(items):
        return _grade(INCORRECT, 0.0, " → ".join(items), ReasonCode.NOT_THE_ITEMS)
    pos = {item: i for i, item in enumerate(items)}
    pairs = list(zip(response, response[1:]))
    good = sum(1 for a, b in pairs if pos[a] < pos[b])
    score = good / len(pairs) if pairs else 1.0
    if score >= 1.0:
        return _grade(CORRECT, 1.0, " → ".join(items), ReasonCode.EXACT)
    return _grade(
        PARTIAL if score > 0 else INCORRECT,
        score,
        " → ".join(items),
        ReasonCode.ORDER_SOME,
        good=str(good),
        total=str(len(pairs)),
    )


def grade_match(response: dict[str, str], pairs: Sequence[tuple[str, str]]) -> Grade:
    right = dict(pairs)
    good = sum(1 for k, v in response.items() if right.get(k) == v)
    score = good / len(right) if right else 0.0
    shown = "; ".join(f"{a} – {b}" for a, b in pairs)
    if score >= 1.0:
        return _grade(CORRECT, 1.0, shown, ReasonCode.EXACT)
    return _grade(
        PARTIAL if score > 0 else INCORRECT,
        score,
        shown,
        ReasonCode.MATCH_SOME,
        good=str(good),
        total=str(len(right)),
    )


def grade_cloze(
    response: Sequence[str] | str,
    blanks: Sequence[Sequence[str]],
    lang: str | None = None,
    other: Sequence[Sequence[str]] = (),
    context: str = "",
) -> Grade:
    """Each blank graded like a text answer; the score is the mean over blanks. `other`: per blank, the
    accepted answers of the question's versions in other languages; `context`: the cloze's sentence and
    explanation (see `grade_text`)."""
    replies = [response] if isinstance(response, str) else list(response)
    replies += [""] * (len(blanks) - len(replies))
    others = list(other) + [()] * (len(blanks) - len(other))
    parts = tuple(
        grade_text(r, list(b), lang=lang, other=o, context=context)
        for r, b, o in zip(replies, blanks, others)
    )
    score = sum(p.score for p in parts) / len(parts) if parts else 0.0
    matched = " / ".join(b[0] for b in blanks)
    if all(p.correct for p in parts):
        code = parts[0].reason.code if len(parts) == 1 else ReasonCode.BLANKS_ALL
        return Grade(CORRECT, 1.0, matched, parts[0].reason if len(parts) == 1 else Reason(code), parts)
    verdict = PARTIAL if score > 0 else INCORRECT
    if len(parts) == 1:
        return Grade(verdict, score, matched, parts[0].reason, parts)
    good = sum(p.correct for p in parts)
    return Grade(
        verdict,
        score,
        matched,
        Reason(ReasonCode.BLANKS_SOME, {"good": str(good), "total": str(len(parts))}),
        parts,
    )


def grade(question: Question, response: Any) -> Grade:
    """Grade a response to any question type (see `docs/quiz-format.md` for the response shapes)."""
    q = question
    kind = q.type
    match kind:
        case Kind.TEXT:
            alt = q.other_answers[0] if q.other_answers else ()
            return grade_text(
                str(response or ""),
                q.answers,
                q.keywords,
                q.reject,
                q.lang,
                prompt=q.prompt,
                other=alt,
                context=q.explanation or "",
            )
        case Kind.NUMBER:
            return grade_number(str(response or ""), float(q.answer or 0), q.tolerance, q.lang)
        case Kind.TRUEFALSE:
            return grade_truefalse(response, bool(q.answer))
        case Kind.CHOICE:
            return grade_choice(str(response), q.choices, str(q.answer))
        case Kind.MULTI:
            return grade_multi(list(response or []), q.choices, q.answers)
        case Kind.CLOZE:
            reply = response if isinstance(response, (list, tuple)) else str(response or "")
            return grade_cloze(
                reply, q.blanks, q.lang, q.other_answers, context=f"{q.text} {q.explanation or ''}"
            )
        case Kind.ORDER:
            return grade_order(list(response or []), q.items)
        case Kind.MATCH:
            return grade_match(dict(response or {}), q.pairs)
        case _:
            unreachable(kind)
