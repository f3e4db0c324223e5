"""Normalisation of learner answers and expected answers before they are compared.

Everything a keyboard or an input method does that does not change the answer's meaning is undone
here: Unicode width and compatibility forms, case, accents, punctuation and spacing, traditional
characters, Chinese numerals. The heavy libraries (OpenCC, pypinyin, cn2an) are imported the first time
they are needed, never at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# The Han ideographs (CJK unified, extension A and compatibility): the one definition of "Chinese".
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(rf"[{HAN}]")
# A year (1800-2099) standing alone, not part of a longer number.
YEAR_RE = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
# 和 as "and", not as a character of a word: 共和国 (republic), 和平 (peace), 和谐, 和睦, 总和 (sum),
# 缓和, 温和, 调和. A list split at those would cut a name in two (阿根廷共和国 is no "阿根廷共 and 国").
ZH_AND = r"(?<![共总缓温调柔饱附])和(?![平谐睦解])"
_TAG = re.compile(r"<[^<>]{0,200}>|\[/?[a-z][^\[\]]{0,40}\]")
_CN_DIGITS = "〇零一二三四五六七八九两"
_CN_DIGIT_VALUE = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Units and counters after which a Chinese numeral is a number (一九七八年, 四十周年, 十七个目标).
_CN_UNITS = "年周岁个项次届号段条倍%月日"
_CN_SPAN = re.compile(
    rf"(百分之)([{_CN_DIGITS}十百千点]+)|([{_CN_DIGITS}十百千万亿]+)(?=[{_CN_UNITS}])|"
    rf"(第)([{_CN_DIGITS}十百千]+)|([{_CN_DIGITS}]{{2,}})|([{_CN_DIGITS}]*[十百千万亿][{_CN_DIGITS}十百千万亿]*)"
)
NUMBER_RE = re.compile(r"\d+(?:[./]\d+)*")
_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            "january jan enero janvier",
            "february feb febrero fevrier",
            "march mar marzo mars",
            "april apr abril avril",
            "may mayo mai",
            "june jun junio juin",
            "july jul julio juillet",
            "august aug agosto aout",
            "september sep sept septiembre setiembre septembre",
            "october oct octubre octobre",
            "november nov noviembre novembre",
            "december dec diciembre decembre",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:er)? (?:de )?({_MONTH})(?: de)? (\d{{4}})\b")
_DATE_MDY = re.compile(rf"\b({_MONTH}) (\d{{1,2}}) (\d{{4}})\b")
_DATE_ZH = re.compile(r"(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日")
_UN = re.compile(r"\bUN\b")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")  # the UN's system → the UN system


@lru_cache(maxsize=1)
def _t2s() -> Any:  # opencc ships no type information
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified; text without Han characters is returned as is."""
    if not HAN_RE.search(text):
        return text
    return str(_t2s().convert(text))


def strip_accents(text: str) -> str:
    """Remove accents from Latin letters (cooperación → cooperacion); other scripts are untouched."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def _positional(span: str) -> str:
    import cn2an

    try:
        return str(cn2an.cn2an(span, "smart"))
    except (ValueError, KeyError, IndexError):
        return span


def _digit_by_digit(span: str) -> str:
    return "".join(str(_CN_DIGIT_VALUE[c]) for c in span)


def convert_numerals(text: str) -> str:
    """Chinese numeral spans to Arabic digits, leaving words that contain a numeral alone.

    一九七八年 → 1978年, 二〇三〇 → 2030, 四十周年 → 40周年, 百分之六十八 → 68%, 第二次 → 第2次; but
    一带一路, 统一 and 三方合作 keep their characters: a lone digit character is converted only before a
    unit or counter.
    """
    if not any(c in text for c in _CN_DIGITS + "十百千"):
        return text

    def repl(m: re.Match[str]) -> str:
        percent, pct_span, unit_span, ordinal, ord_span, digits, positional = m.groups()
        if percent:
            return _positional(pct_span) + "%"
        if unit_span:
            has_pos = any(c in unit_span for c in "十百千万亿")
            value = _positional(unit_span) if has_pos else _digit_by_digit(unit_span)
            return value
        if ordinal:
            return "第" + (
                _positional(ord_span) if any(c in ord_span for c in "十百千") else _digit_by_digit(ord_span)
            )
        if digits:
            return _digit_by_digit(digits)
        if positional:
            return _positional(positional)
        return m.group(0)

    return _CN_SPAN.sub(repl, text)


def is_punct_or_space(ch: str) -> bool:
    if ch in "%+":
        return False
    cat = unicodedata.category(ch)
    return cat[0] in "PZCS"


_HAN_LATIN = re.compile(rf"(?<=[{HAN}])(?=[a-z])|(?<=[a-z])(?=[{HAN}])")
_DOT, _SLASH = "\ue000", "\ue001"  # placeholders for the separators kept between digits
_NUMBER_SEP = re.compile(r"(?<=\d)([./])(?=\d)")


@lru_cache(maxsize=8192)
def _is_separator(ch: str) -> bool:
    return ch not in (_DOT, _SLASH) and (ch in "'’-‐‑–—_/" or is_punct_or_space(ch))


@dataclass(frozen=True)
class Norm:
    """A text normalised for comparison.

    `text` keeps single spaces between words (for Latin scripts); `compact` has no spaces or
    punctuation at all (for Chinese, and for spelling-insensitive comparison of Latin words).
    """

    raw: str
    text: str
    compact: str
    han: bool

    @property
    def words(self) -> list[str]:
        return self.text.split()


# A question is normalised by a dozen checks in turn (cues, scope, facts): the result is kept, not
# computed a dozen times (a third of the chatbot's own time per question). Norm is frozen.
@lru_cache(maxsize=4096)
def normalize(raw: str) -> Norm:
    """Normalise `raw` for comparison (see the module docstring)."""
    s = _TAG.sub(" ", raw)
    s = unicodedata.normalize("NFKC", s)
    s = _POSSESSIVE.sub("", s)
    s = _UN.sub("United Nations", s)
    s = re.sub(r"(?<=\d)\s*/\s*(?=\d)", "/", s)
    s = to_simplified(s)
    s = convert_numerals(s)
    # Ligatures a keyboard without them spells out (mise en oeuvre, curriculum vitae).
    s = strip_accents(s).casefold().replace("œ", "oe").replace("æ", "ae")
    # Apostrophes and hyphens join word parts (l'homme, co-operation): read them as a space, like any
    # punctuation; a decimal point or a resolution symbol (64/222) between digits stays.
    s = s.replace(_DOT, " ").replace(_SLASH, " ")
    s = _NUMBER_SEP.sub(lambda m: _DOT if m.group(1) == "." else _SLASH, s)
    s = s.translate({ord(c): " " for c in set(s) if _is_separator(c)})
    s = _HAN_LATIN.sub(" ", s)  # 是High-level Committee: the Latin words are words of their own
    text = " ".join(s.replace(_DOT, ".").replace(_SLASH, "/").split())
    # Digit groups typed with separators (1,000 / 1 000) are one number.
    text = re.sub(r"(?<=\d)[ ,](?=\d{3}(?![\d/.]))", "", text)
    text = _dates(text)
    compact = text.replace(" ", "")
    return Norm(raw, text, compact, bool(HAN_RE.search(compact)))


def _dates(text: str) -> str:
    """Dates in any of the usual orders to one token: 19 December 1978 / December 19, 1978 /
    19 de diciembre de 1978 / 1978年12月19日 → d19781219."""

    def token(y: str, m: int, d: str) -> str:
        return f"d{y}{m:02d}{int(d):02d}"

    text = _DATE_ZH.sub(lambda m: token(m.group(1), int(m.group(2)), m.group(3)), text)
    text = _DATE_DMY.sub(lambda m: token(m.group(3), _MONTHS[m.group(2)], m.group(1)), text)
    return _DATE_MDY.sub(lambda m: token(m.group(3), _MONTHS[m.group(1)], m.group(2)), text)


def numbers_in(text: str) -> list[str]:
    """The numbers in an already normalised text, as strings without leading zeros."""
    out = []
    for n in NUMBER_RE.findall(text):
        if "/" in n:
            out.append(n)
        elif "." in n:
            out.append(n.rstrip("0").rstrip(".") or "0")
        else:
            out.append(n.lstrip("0") or "0")
    return out


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Every toneless pinyin reading of one character (empty for non-Han characters)."""
    if not HAN_RE.match(ch):
        return frozenset()
    from pypinyin import Style, pinyin

    return frozenset(r for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0] if r.isalpha())


@lru_cache(maxsize=2048)
def pinyin_of(text: str) -> str:
    """Toneless pinyin of a Chinese text, syllables joined without spaces (三方合作 → sanfanghezuo)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))


_TONE_DIGITS = re.compile(r"(?<=[a-zü])[1-5]")


def as_pinyin_input(norm: Norm) -> str | None:
    """If the answer looks like pinyin typed on a Latin keyboard, the letters alone; else None.

    Tone marks are already stripped by normalisation; tone numbers (san1 fang1) are removed here;
    ü may be typed as v or u.
    """
    if norm.han or not norm.compact or not re.fullmatch(r"[a-zü1-5 ]+", norm.text):
        return None
    letters = _TONE_DIGITS.sub("", norm.text).replace(" ", "")
    return letters.replace("ü", "v") if letters.isalpha() else None


_SNOWBALL = {"en": "english", "es": "spanish", "fr": "french"}
LATIN_LANGS = tuple(_SNOWBALL)


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Any:  # snowballstemmer ships no type information
    import snowballstemmer  # uses PyStemmer's C implementation when it is installed

    return snowballstemmer.stemmer(_SNOWBALL[lang])


# French feminine agreement of a participle or adjective in -é (variée, intégrées, coordonnée): with the
# accent normalised away Snowball no longer sees the ending and stems -ee apart from -e (variee / varie).
_FR_FEMININE_EE = re.compile(r"(?<=[a-z]{3})ee(s?)$")


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of one normalised word in `lang` (en, es, fr); other languages: the word."""
    if lang not in _SNOWBALL or not word.isalpha():
        return word
    if lang == "fr":
        word = _FR_FEMININE_EE.sub(r"e\1", word)
    return str(_stemmer(lang).stemWord(word))
