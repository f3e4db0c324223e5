"""What a reply says beyond the accepted answer it holds: a claim of the learner's own.

A reply may hold a right answer and still be wrong or half right for what it adds or changes around it: a
restriction ("only developed ones"), a narrower case where the answer speaks of all ("extreme poverty"), a
year the source contradicts, a word of the question changed, the head of a name swapped, another thing
joined to the answer. These checks run after a reply is found to hold an answer (course/grader.py); they
change when a kind of added claim is recognised, not when the matching does.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from .answerparse import _BAG_FILLERS, _PART_FILLERS
from .lexicon import Lexicon
from .textnorm import HAN_RE, YEAR_RE, Norm
from .wordmatch import STOPWORDS, _content_words, _langs, _norm_expected, _same_root, _word_match

_LETTERS = re.compile(r"[^\W\d_]+")


def _as_written(word: str, raw: str) -> str:
    """A normalised word as `raw` writes it, accents and all (contabilización, not contabilizacion), for
    the feedback; the word itself when `raw` has no such token."""
    for token in _LETTERS.findall(raw):
        if _norm_expected(token).text == word:  # cached: the same few words come back every reply
            return str(token)
    return word


# Words that restrict what the answer says ("only developed ones", "仅限发达国家"): a claim of the
# learner's own when neither the question nor an accepted answer restricts.
_RESTRICTION = re.compile(
    r"(?<!not )(?<!no )(?<!non )\b(?:only|solely|exclusively|solo|sólo|solamente|únicamente|unicamente|"
    r"exclusivamente|seulement|uniquement|exclusivement|except|excepto|salvo|sauf)\b"
    r"|仅限|(?<!不)仅仅|只有|只限|唯有|(?<!不)仅|除了",
    re.IGNORECASE,
)
# "All its forms" in the answer, "some of its forms" in the reply: the reply says less than the answer.
_UNIVERSAL = re.compile(r"\b(?:all|every|todas|todos|toutes|tous)\b|一切|所有|各种|全部", re.IGNORECASE)
# A reply that keeps "all" in its own words ("poverty everywhere") narrows nothing.
_UNIVERSAL_SAID = re.compile(
    r"\b(?:all|every\w*|todas|todos|toutes|tous|partout|worldwide|anywhere)\b|en todas partes"
    r"|一切|所有|各种|全部|各地|全世界|全球|世界各地|到处",
    re.IGNORECASE,
)
# A tier of government below the one an answer names ("local governments" for governments, 地方政府
# for 各国政府): another actor, when the answer is a government and nothing known speaks of that tier.
_TIER = re.compile(
    r"\b(?:local|municipal|provincial|sub-?national|county|locales?|municipales|provinciales"
    r"|subnacional(?:es)?|locaux|municipaux|provinciaux|infranationa(?:l|le|les|ux)|territoria(?:l|le|les|ux))\b"
    r"|地方|省级|市级|县级|市政|基层",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(r"govern|gobiern|gouvern|authorit|autoridad|autorit|政府|当局", re.IGNORECASE)
_PARTICULAR = re.compile(
    r"\b(?:some|certain|partial\w*|partly|algun\w*|ciert[oa]s|parcial\w*|certain\w*|quelques|partiel\w*"
    r"|en partie|in part)\b|部分|某些|一些|个别",
    re.IGNORECASE,
)


def _added_claim(
    response: str, answers: Sequence[str], prompt: str, context: str, lang: str | None, other: Sequence[str]
) -> str | None:
    """What a reply that holds the answer adds of its own and the document does not say: a lower tier
    of government ("local governments"), a restriction ("debtors and creditors, but only developed
    ones"), a part where the answer says all ("poverty in some of its forms"), or a year ("Argentina, in
    1978" where the source says 2019) that neither the question, its source nor an accepted answer
    gives."""
    known = " ".join([prompt, context, *answers, *other])
    governed = any(_GOVERNMENT.search(a) for a in answers)
    for m in _TIER.finditer(response) if governed else ():
        if not re.search(rf"(?<!\w){re.escape(m.group(0).lower())}(?!\w)", known.lower()):
            return m.group(0)
    for m in _RESTRICTION.finditer(response):
        word = m.group(0).lower()
        if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", known.lower()):
            return response[m.start() :].strip()[:40]
    if any(_UNIVERSAL.search(a) for a in answers) and not _PARTICULAR.search(known):
        part = _PARTICULAR.search(response)
        if part:
            return response[part.start() :].strip()[:40]
        if not _UNIVERSAL_SAID.search(response) and (narrower := _narrowing_word(response, known, lang)):
            # "eradicating extreme poverty" for poverty "in all its forms": one form, not all.
            return narrower
    # A year is checked only against a source that dates something: where it gives none, a year the
    # learner adds may well be right (el Consenso de Monterrey, 2002), and nothing here can tell.
    given = set(YEAR_RE.findall(known))
    for m in YEAR_RE.finditer(response):
        if given and m.group(0) not in given:
            return m.group(0)
    return None


def _narrowing_word(response: str, known: str, lang: str | None) -> str | None:
    """What a reply says that neither the question, its source nor any answer uses: a content word
    (Latin), two or more characters in a row (Chinese). It narrows an answer that speaks of all
    ("extrema" in "erradicar la pobreza extrema", 极端 in 消除极端贫困)."""
    x = _norm_expected(response)
    if x.han:
        # Two or more characters in a row that nothing known uses (极端 in 消除极端贫困; 困 alone is
        # 贫困 for 贫穷, another way to write the same word).
        seen = set(_norm_expected(known).compact)
        run = ""
        for ch in x.compact + " ":
            if HAN_RE.fullmatch(ch) and ch not in seen:
                run += ch
                continue
            if len(run) >= 2:
                return run
            run = ""
        return None
    langs = _langs(lang)
    k = _norm_expected(known).words
    for w in _content_words(x.words, langs):
        if w in _BAG_FILLERS or w in _PART_FILLERS:
            continue
        if not any(_word_match(w, kw, langs)[0] or _same_root(w, kw, langs) for kw in k):
            return _as_written(w, response)
    return None


def _one_word_swapped(
    response: str, answers: Sequence[str], prompt: str, lang: str | None
) -> tuple[str, str] | None:
    """A reply that says a whole accepted answer but for one word put in another's place, when that word
    is one the question itself states ("a just and equitable international political order" asked about
    the *economic* one, 公正和公平的国际经济秩序 → …政治秩序) or the head of the name ("information and
    communications services", 信息和通信服务 for …技术). The shorter answer or key points it holds let it
    pass. Any other word may be the learner's synonym (common / shared experiences): it is left alone,
    as are words of one family (methods / methodologies) and the question's own words echoed.
    Returns (typed, expected)."""
    x = _norm_expected(response)
    q = _norm_expected(prompt)
    langs = _langs(lang)
    for answer in answers:
        a = _norm_expected(answer)
        if a.han != x.han:
            continue
        if a.han:
            seq_x, seq_a = list(x.compact), list(a.compact)
            if len(seq_a) < 6:
                continue
        else:
            seq_x, seq_a = x.words, a.words
            if len(_content_words(seq_a, langs)) < 3:
                continue
        ops = [
            op for op in SequenceMatcher(None, seq_a, seq_x, autojunk=False).get_opcodes() if op[0] != "equal"
        ]
        if len(ops) != 1 or ops[0][0] != "replace":
            continue
        _, i1, i2, j1, j2 = ops[0]
        was, now = seq_a[i1:i2], seq_x[j1:j2]
        if a.han:
            asked = "".join(was) in q.compact and "".join(now) not in q.compact
            # The head of a Chinese name is its end (信息和通信技术, not …服务); 科技 for 技术 shares a
            # character and is most often the same word.
            head = i2 == len(seq_a) and not set(was) & set(now) and "".join(now) not in q.compact
            # A head may be swapped for a longer one (信息和通信基础设施 for …技术).
            if len(was) == 2 and (len(now) == 2 and asked or 2 <= len(now) <= 4 and head):
                return "".join(now), "".join(was)
            continue
        if len(was) != 1 or len(now) != 1 or was[0] in STOPWORDS or now[0] in STOPWORDS:
            continue
        content = [k for k, w in enumerate(seq_a) if w not in STOPWORDS]
        # The head of an English name is its last word, of a Spanish or French one its first.
        head = i1 == (content[-1] if (lang or "en") == "en" else content[0])
        # A word the question says is the learner echoing it ("coopération entre pays du Sud" when asked
        # "la coopération Sud-Sud est une coopération ___").
        if now[0] in q.words or not (was[0] in q.words or head):
            continue
        if _word_match(now[0], was[0], langs)[0] or _same_root(now[0], was[0], langs):
            continue
        if len(os.path.commonprefix([now[0], was[0]])) >= 5:
            continue  # a word of the same family (methods / methodologies)
        return _as_written(now[0], response), _as_written(was[0], answer)
    return None


def _unknown_words(member: Norm, answers: Sequence[str], known_text: str, lang: str | None) -> bool:
    """Whether a Latin list member shares no content word with the answers or `known_text` (the question
    and what its source says there): something else named beside the answer, not an elaboration."""
    if member.han:
        return False
    langs = _langs(lang)
    known = _norm_expected(" ".join([*answers, known_text]))
    content = [w for w in _content_words(member.words, langs) if not w.isdigit()]
    return bool(content) and not any(any(_word_match(w, k, langs)[0] for k in known.words) for w in content)


def _inside(short: str, long: str) -> bool:
    """`short` is part of `long`: its characters (Chinese) or its content words (Latin)."""
    a, b = _norm_expected(short), _norm_expected(long)
    if a.han or b.han:
        return a.compact in b.compact
    return set(_content_words(a.words)) <= set(_content_words(b.words))


# Compass points in all three Latin languages. Two of them joined name a direction, and their order is
# its sense: South-North cooperation runs from the South to the North, not as North-South does.
_COMPASS = frozenset("north south east west nord sud est ouest norte sur este oeste".split())


def _compass_pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.pairwise(words) if a in _COMPASS and b in _COMPASS and a != b]


def _directions_swapped(typed: Sequence[str], expected: Sequence[str]) -> tuple[str, str] | None:
    """A direction the answer names (North-South) that the reply names the other way round
    (South-North), as (typed, expected) written with a hyphen; None if every direction keeps its sense."""
    said = _compass_pairs(typed)
    for a, b in _compass_pairs(expected):
        if (b, a) in said and (a, b) not in said:
            return f"{b.title()}-{a.title()}", f"{a.title()}-{b.title()}"
    return None


# Organs of a body. Named after it in English and Chinese, whose heads come last ("UNDP Executive
# Board", 开发署执行局), they are another body than the one the answer names; Spanish and French put
# the organ first ("Junta Ejecutiva del PNUD"), which the matcher already reads as another name. In
# Chinese, any head of a name after the answer makes it a modifier of another thing (南南合作战略计划,
# a plan, for the strategy; …基金, …机制).
_ORGAN_AFTER = re.compile(
    r"(?:'s)?\s*(?:executive board|executive committee|governing council|governing body|board|council"
    r"|secretariat|bureau)\b|\s*的?(?:执行局|执行委员会|执行董事会|理事会|董事会|秘书处|管理局"
    r"|计划|框架|基金|方案|倡议|议程|机制|网络|中心|办公室|委员会)",
    re.IGNORECASE,
)


def _organ_of(response: str, answers: Sequence[str], prompt: str) -> tuple[str, str] | None:
    """An accepted answer the reply names an organ of ("UNDP Executive Board" for UNDP), or in Chinese
    makes the modifier of another head: (typed, expected), or None. An organ or head the question or
    the answer itself names is the learner's echo."""
    low = response.casefold()
    asked = prompt.casefold()
    for answer in sorted(answers, key=len, reverse=True):
        a = answer.strip().casefold()
        at = low.find(a) if a else -1
        if at < 0 or (a[-1].isalnum() and a[-1].isascii() and low[at + len(a) : at + len(a) + 1].isalnum()):
            continue
        m = _ORGAN_AFTER.match(low, at + len(a))
        if m is None:
            continue
        organ = m.group(0).strip(" 's的")
        if organ and organ not in a and organ not in asked:
            return response[at : m.end()].strip(), answer.strip()
    return None


def _misdated(response: str, lang: str, lex: Lexicon, known: str) -> str | None:
    """A year the reply gives to something the document names without dating it, when that thing has
    another year ("el Consenso de Monterrey de 2008": it is of 2002) and nothing known gives that
    year. `lang` is the lexicon's language for the reply."""
    years = YEAR_RE.findall(response)
    if not years:
        return None
    for _form, year in lex.dated(response, lang):
        for y in years:
            if int(y) != year and y not in known:
                return str(y)
    return None


@lru_cache(maxsize=8192)
def _said(text: str, lang: str) -> frozenset[str] | str:
    """What `_has_word` looks in: a text's compact characters (zh), or the stems of its words."""
    from .textnorm import stem

    n = _norm_expected(text)
    return n.compact if lang == "zh" else frozenset(stem(t, lang) for t in n.words)


def _has_word(text: str, word: str, lang: str) -> bool:
    said, wanted = _said(text, lang), _said(word, lang)
    if isinstance(said, str) or isinstance(wanted, str):
        return str(wanted) in str(said)
    return wanted <= said


def _opposite_said(response: str, answers: Sequence[str], lang: str, lex: Lexicon) -> tuple[str, str] | None:
    """A word of opposite meaning put for one of the answer's ("different experiences" for shared ones,
    不同经历 for 共同经历): (typed, expected), or None. `lang` is the lexicon's language for the reply."""
    for one, other in lex.opposites(lang):
        for side, opposite in ((one, other), (other, one)):
            said = next((w for w in opposite if _has_word(response, w, lang)), None)
            if said is None or any(_has_word(response, w, lang) for w in side):
                continue
            meant = next((w for a in answers for w in side if _has_word(a, w, lang)), None)
            if meant is not None:
                return said, meant
    return None


# Chinese prefixes that make another thing of a term: 次 (sub-: 次区域, 次国家), 亚 (亚区域).
_ZH_BOUND = "次亚"


def _bound_prefix(response: str, answers: Sequence[str]) -> tuple[str, str] | None:
    """A Chinese answer found with a bound prefix right before it that it does not have itself
    (次国家发展办法 for 国家发展办法): (typed, expected), or None."""
    x = _norm_expected(response).compact
    for answer in sorted(answers, key=len, reverse=True):
        a = _norm_expected(answer)
        if not a.han or not a.compact or a.compact[0] in _ZH_BOUND:
            continue
        at = x.find(a.compact)
        if at > 0 and x[at - 1] in _ZH_BOUND:
            return x[at - 1 : at + len(a.compact)], answer.strip()
    return None


# What ends the words that lead up to a Chinese answer ("我觉得是高级别委员会": what qualifies the name
# starts after 是).
_ZH_LEAD_END = re.compile(r".*(?:是|为|叫|即|就|：|:|，|,)")


def _qualifier_swapped(response: str, answers: Sequence[str]) -> tuple[str, str] | None:
    """A short Chinese name qualified otherwise than its long form (方案问题高级别委员会 where the long
    name is 南南合作高级别委员会): characters right before the short name, none of them the long
    form's. Returns (typed, expected), or None."""
    x = _norm_expected(response).compact
    raw = response.strip()
    forms = [_norm_expected(a).compact for a in answers if _norm_expected(a).han]
    for short in sorted(forms, key=len):
        at = raw.find(short)
        if not short or at <= 0:
            continue
        longer = [f for f in forms if f.endswith(short) and f != short]
        if not longer or any(f in x for f in longer):
            continue
        # The Chinese characters right before the name, as typed: a bracket, a year or a space ends them
        # (卓越中心（英才中心）, 2002年蒙特雷共识).
        start = at
        while start > 0 and HAN_RE.fullmatch(raw[start - 1]):
            start -= 1
        lead = _ZH_LEAD_END.sub("", _norm_expected(raw[start:at]).compact)  # 國家 is 国家
        qualifiers = {f[: -len(short)] for f in longer}
        if len(lead) >= 2 and HAN_RE.fullmatch(lead[-1]) and all(not set(lead) & set(q) for q in qualifiers):
            return lead + short, max(longer, key=len)
    return None
