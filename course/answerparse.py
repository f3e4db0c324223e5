"""The structure of a reply: the members of a list (any separator, any order), dates and day ranges,
numbers written in words or Roman ordinals, and constructions that say the same thing another way (a gloss
in brackets, "X entre sí", Spanish adverbs sharing one -mente).

Grading rules (course/grader.py) use what these parse; nothing here gives a verdict.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .textnorm import _MONTH as MONTH_RE
from .textnorm import _MONTHS as MONTHS
from .textnorm import HAN_RE, LATIN_LANGS, NUMBER_RE, ZH_AND, Norm, normalize, numbers_in
from .wordmatch import _norm_expected

_PART_SPLIT = re.compile(
    r"\s*(?:[、，,;；/&＆]|\b(?:and|y|e|et|or|ou|o|ni|nor|neither|as well as|ainsi que|así como)\b"
    r"|以及|" + ZH_AND + r"|与|及|或|跟|还有)\s*",
    re.IGNORECASE,
)
# Words a list member may carry besides the answer's own words ("a mix of …", "… approaches").
_PART_FILLERS = frozenset(
    "a mix hybrid combination both of two kinds types forms modalities models approaches approach "
    "cooperation cooperacion mezcla combinacion enfoques tipos formas melange approches types "
    "modalites traditional tradicional traditionnelle".split()
)
_DATE_TOKEN = re.compile(r"(?<![a-z])d(\d{4})(\d{2})(\d{2})(?!\d)")
_ZH_YM = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
_LATIN_MY = re.compile(
    rf"\b(?:(\d{{1,2}})(?:er)? (?:(?:al|to|a|au|y|et|and) )?(?:(\d{{1,2}})(?:er)? )?(?:de )?)?"
    rf"({MONTH_RE})(?: de| of)? (\d{{4}})\b"
)
_RANGE_END = re.compile(r" ?(?:至|到|~|-) ?(\d{1,2}) ?日")
_RANGE_START = re.compile(r"(\d{1,2})(?:er)? (?:(?:al|to|a|au|y|et|and|from|du|del) )?$")
_DIGIT = re.compile(r"\d")
_YEAR_ONLY = re.compile(r"(?:1[89]|20)\d\d年?")
_UNIT_WORDS = frozenset(
    "in the year years ano anos annee annees an ans en el percent por ciento pour "
    "cent around about approximately".split()
)
_ZH_UNITS = re.compile(r"[年周岁个项次届号段条倍月日%约大概左右是在]")


def _numeric_only(n: Norm) -> bool:
    rest = NUMBER_RE.sub(" ", n.text)
    rest = _ZH_UNITS.sub(" ", rest)
    return all(w in _UNIT_WORDS for w in rest.split())


@lru_cache(maxsize=4096)
def _dates_in(n: Norm) -> list[tuple[str, str, frozenset[str]]]:
    """(year, month, days) of every date or month-and-year in a normalised text (month '' and days empty
    when not given); a day range (20-22 March 2019, 2019年3月20日至22日) gives both days."""
    out = []
    for m in _DATE_TOKEN.finditer(n.text):
        named = {m.group(3).lstrip("0")}
        after = _RANGE_END.match(n.text, m.end())
        if after:
            named.add(after.group(1))
        before = _RANGE_START.search(n.text, 0, m.start())
        if before:
            named.add(before.group(1))
        out.append((m.group(1), m.group(2).lstrip("0"), frozenset(named)))
    for m in _ZH_YM.finditer(n.compact):
        out.append((m.group(1), m.group(2).lstrip("0"), frozenset({m.group(3)} if m.group(3) else ())))
    for m in _LATIN_MY.finditer(n.text):
        days = frozenset(d for d in (m.group(1), m.group(2)) if d)
        out.append((m.group(4), str(MONTHS[m.group(3)]), days))
    return out


# Correlative pairs: "tanto A como B", "tant A que B", 既有A也有B / 既A又B name two members, A and B.
_CORRELATIVES = (
    (re.compile(r"\btanto (.+?) como\b", re.IGNORECASE), r"\1 y"),
    (re.compile(r"\btant (.+?) que\b", re.IGNORECASE), r"\1 et"),
    (re.compile(r"既(?:有|是)?(.+?)[也又](?:有|是)?"), r"\1、"),
)
# Chinese joins sizes before one head: 中小型企业 is 中型企业 and 小型企业, 中小微企业 three sizes.
_ZH_SIZES = re.compile(r"([大中小微]{2,4})型?(企业|公司|城市|国家|经济体)")


def _sizes_spelled_out(m: re.Match[str]) -> str:
    sizes, head = m.group(1), m.group(2)
    if len(set(sizes)) < len(sizes):
        return m.group(0)
    return "、".join(f"{size}型{head}" for size in sizes)


def _split_norms(text: str) -> list[tuple[str, Norm]]:
    """The members of a list ('A、B和C', 'A, B and C', 'A y B', 'A et B', 'A / B', 'tanto A como B'),
    normalised."""
    out = []
    for pattern, members in _CORRELATIVES:
        text = pattern.sub(members, text)
    text = _ZH_SIZES.sub(_sizes_spelled_out, text)
    for p in _PART_SPLIT.split(text):
        p = p.strip()
        if p and (n := normalize(p)).compact:
            out.append((p, n))
    return out


@lru_cache(maxsize=4096)
def _split_parts(text: str) -> tuple[str, ...]:
    """The members of a list answer, as written."""
    return tuple(p for p, _ in _split_norms(text))


@lru_cache(maxsize=1024)
def _part_cores(parts: tuple[str, ...]) -> list[list[str]]:
    """Each expected part, and for the last one also without a head it shares with the others
    ('South-South and North-South cooperation': the last part is also 'North-South')."""
    out = [[p] for p in parts]
    first = _norm_expected(parts[0])
    last = _norm_expected(parts[-1])
    if last.han and first.han and len(last.compact) > len(first.compact) + 1:
        out[-1].append(last.compact[: len(first.compact)])
    elif not last.han and len(last.words) > len(first.words):
        out[-1].append(" ".join(last.words[: len(first.words)]))
    if not last.han and last.words:
        head = last.words[-1]
        for i, p in enumerate(parts[:-1]):
            if p.rstrip().endswith("-"):
                # A suspended hyphen (micro-, small and medium-sized enterprises): micro- is
                # microenterprises.
                stem_ = _norm_expected(p).text
                out[i] += [stem_ + head, f"{stem_} {head}"]
    return out


_GLOSS = re.compile(r"(.+?)\s*[(（]([^()（）]+)[)）]")
# "cooperation of the countries of the South among themselves" says "among the countries of the South".
_RECIPROCAL = re.compile(
    r"^(?:(?:la |le |the )?(?:cooperaci[oó]n|coop[eé]ration|cooperation) )?(?:de |des |of |between |among )?"
    r"(?P<who>.+?) (?P<prep>entre|among|between) (?:s[ií]|ellos|ellas|eux|elles|themselves|each other)$",
    re.IGNORECASE,
)
# Spanish adverbs in a list share one -mente: "colectiva e individualmente" is "colectivamente e …".
_ES_ADVERBS = re.compile(r"\b(\w+a) (y|e|o|u|ni) (\w+mente)\b", re.IGNORECASE)


# An adverb said as a manner phrase: "de forma individual y colectiva" is "individualmente y
# colectivamente", "de manière collective" "collectivement", "in an individual and collective way"
# "individually and collectively". One or two adjectives joined by a conjunction.
_MANNER = {
    "es": re.compile(r"\bde (?:forma|manera|modo) (\w+)(?: (y|e|o|u|ni) (\w+))?\b", re.IGNORECASE),
    "fr": re.compile(r"\bde (?:fa[cç]on|mani[eè]re) (\w+)(?: (et|ou) (\w+))?\b", re.IGNORECASE),
    "en": re.compile(r"\bin an? (\w+)(?: (and|or) (\w+))? (?:way|manner|fashion)\b", re.IGNORECASE),
}


def _adverb(adjective: str, lang: str) -> str:
    """The adverb of an adjective: the feminine + -mente (es), + -ment (fr), -ly (en)."""
    a = adjective
    if lang == "es":
        return (a[:-1] + "a" if a.endswith("o") else a) + "mente"
    if lang == "fr":
        for masc, fem in (("ant", "amm"), ("ent", "emm")):
            if a.endswith(masc):
                return a[: -len(masc)] + fem + "ent"
        for masc, fem in (("el", "elle"), ("if", "ive"), ("eux", "euse")):
            if a.endswith(masc):
                return a[: -len(masc)] + fem + "ment"
        return (a if a.endswith("e") else a + "e") + "ment"
    if a.endswith("ic"):
        return a + "ally"
    if a.endswith("le"):
        return a[:-1] + "y"
    if a.endswith("y"):
        return a[:-1] + "ily"
    return a + ("y" if a.endswith("ll") else "ly")


def _adjective(adverb: str, lang: str) -> str | None:
    """The adjective of an adverb, the reverse of `_adverb` (transparentemente → transparente,
    efficacement → efficace, efficiently → efficient); None when the word is no adverb."""
    w = adverb.lower()
    if lang == "es":
        return w[:-5] if w.endswith("mente") and len(w) > 8 else None
    if lang == "fr":
        if len(w) <= 7 or not w.endswith("ment"):
            return None
        for adv, adj in (("amment", "ant"), ("emment", "ent"), ("ivement", "if"), ("ellement", "el")):
            if w.endswith(adv):
                return w[: -len(adv)] + adj
        return w[:-4]
    if lang == "en" and w.endswith("ly") and len(w) > 6:
        for adv, adj in (("ically", "ic"), ("ily", "y"), ("bly", "ble")):
            if w.endswith(adv):
                return w[: -len(adv)] + adj
        return w[:-2]
    return None


def _manner_as_adverbs(text: str, lang: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(2) is None:
            return _adverb(m.group(1), lang)
        return f"{_adverb(m.group(1), lang)} {m.group(2)} {_adverb(m.group(3), lang)}"

    return _MANNER[lang].sub(sub, text)


_EN_RELATIVE = re.compile(
    r"(?<=\w)\s+(?:that|which|who)\s+(?!(?:is|are|was|were|be|been|do|does|did|not|have|has|had|can|could|"
    r"will|would|may|might|must|should|shall)\b)([a-z]{3,})\b",
    re.IGNORECASE,
)


def _participle(m: re.Match[str]) -> str:
    """The verb of an English relative clause as its -ing participle (request(s) → requesting)."""
    verb = m.group(1).lower()
    if verb.endswith("ies"):
        verb = verb[:-3] + "y"
    elif verb.endswith("s") and not verb.endswith("ss"):
        verb = verb[:-1]
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f" {verb}ing"


@lru_cache(maxsize=1024)
def _rephrasings(response: str, lang: str | None) -> tuple[str, ...]:
    """Other ways of writing `response` that say the same thing, for constructions the matcher does not
    read: a reciprocal phrase, Spanish adverbs sharing one -mente, a manner phrase for an adverb, a bare
    adverb for an adjective, an English relative clause for a participle."""
    out = []
    text = " ".join(response.strip().rstrip(".").split())
    m = _RECIPROCAL.match(text)
    if m:
        prep = m.group("prep").lower()
        who = re.sub(r"^(?:de los|de las|des|del|of the|of)\s+", "", m.group("who"), flags=re.IGNORECASE)
        out.append(f"{prep} {who}")
    if lang in (None, "es") and _ES_ADVERBS.search(text):
        out.append(_ES_ADVERBS.sub(lambda a: f"{a.group(1)}mente {a.group(2)} {a.group(3)}", text))
    if len(text.split()) == 1:
        # A bare adverb for an adjective ("transparentemente" in "de manera [[transparente]]"): the same
        # quality, said of the action.
        for code in (lang,) if lang in _MANNER else tuple(_MANNER):
            adjective = _adjective(text, code)
            if adjective:
                out.append(adjective)
    if lang in (None, "en") and _EN_RELATIVE.search(text):
        # "countries that request the cooperation" is "countries requesting the cooperation".
        out.append(_EN_RELATIVE.sub(_participle, text))
    for code in (lang,) if lang in _MANNER else tuple(_MANNER):
        said = _manner_as_adverbs(text, code)
        if said != text:
            out.append(said)
    return tuple(out)


def _parse_number(response: str, lang: str | None = None) -> float | None:
    n = normalize(_digits_for_words(response, lang))
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


_SECOND = re.compile(r"\b(?:second|segundo|segunda|seconde|secondo)\b", re.IGNORECASE)
_PERCENT_WORDS = re.compile(r"\b(?:por ciento|pour cent|per cent|percent)\b", re.IGNORECASE)
_ROMAN_VALUES = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN = re.compile(r"\b(II|III|IV|VI|VII|VIII|IX)(?:e|er|ème|eme|nd|rd|th|º|ª)?\b")


@lru_cache(maxsize=1024)
def _digits_for_words(text: str, lang: str | None) -> str:
    """Numbers written in words (forty, fortieth, deux mille soixante-trois, cuadragésimo) as digits."""
    if HAN_RE.search(text) or not re.search(r"[a-zA-Z]{2}", text):
        return text
    text = _PERCENT_WORDS.sub("%", text)
    # Roman ordinals (la IIe Conférence, la II Conferencia): upper case only, so "I" and "a" stay words.
    text = _ROMAN.sub(lambda m: str(_ROMAN_VALUES[m.group(1)]), text)
    from text_to_num import alpha2digit

    for code in (lang,) if lang in LATIN_LANGS else LATIN_LANGS:
        try:
            out = alpha2digit(text, code, threshold=2)  # 'one' stays a word
        except Exception:  # noqa: BLE001 - a parser failure means "no number words", never a crash
            continue
        if not re.search(r"\d", out):
            # "Second" is also a unit of time, so the parser leaves it alone; here it is an ordinal.
            out = _SECOND.sub("2", out)
        if out != text:
            # 40th / 40ème / 40º: the ordinal suffix is not part of the number.
            return re.sub(r"(?<=\d)(?:st|nd|rd|th|e|er|ere|eme|ème|º|ª|°|o|a)\b", "", out)
    return text


# Words that add nothing to an answer (its level, "their own", "all"), in any order.
_BAG_FILLERS = frozenset(
    "nivel level niveau echelle scale mas more plus davantage sus their leurs propios own propres "
    "all todos todas tous toutes various varios diversos".split()
)
