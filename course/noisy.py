"""Questions as people type them: Latin-script typos and Chinese typed as pinyin.

The grader forgives a learner's keyboard; the chatbot does the same before it searches:
- a Latin-script word the course has never used ("documnet", "dbet", "triangulr") is replaced by the
  course word closest to it in edit distance (one edit for short words, two for long ones), the course's
  words being those of the edition and of the learners' questions; a common word of the language that
  the course happens not to use ("elige", "weather") is left alone (wordfreq's word lists tell);
- a question written entirely in pinyin ("nan nan he zuo de yuan ze") is cut into syllables and searched
  in a pinyin index of the Chinese edition and the Chinese learners' questions.
Accents and traditional characters are already undone by `textnorm.normalize`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .textnorm import Norm
from .textnorm import normalize as _normalize

_WORD = re.compile(r"[a-z]+")
# Syllables that are also common words in English, Spanish or French: a question made only of these is
# not taken for pinyin ("a", "he", "me", "ma", "la"...), unless it has at least three syllables.
_MIN_SYLLABLES = 3


@lru_cache(maxsize=32768)
def normalize(text: str) -> Norm:
    """`textnorm.normalize`, remembered: building the indexes reads each text three times."""
    return _normalize(text)


@lru_cache(maxsize=1)
def pinyin_inventory() -> frozenset[str]:
    """Every syllable of Mandarin as pinyin writes it without tones (about 420: "zhuang", "lve", "er"),
    read off pypinyin's dictionary: any initial before any final would take Spanish "deuda" for
    de-u-da and "sirven" for si-rv-en, but "u" and "rv" are no syllables."""
    import unicodedata

    from pypinyin.pinyin_dict import pinyin_dict

    readings = {r for value in pinyin_dict.values() for r in value.split(",")}
    plain = (unicodedata.normalize("NFD", r.replace("ü", "v")) for r in readings)
    return frozenset(p.encode("ascii", "ignore").decode() for p in plain)


def syllables(text: str, inventory: frozenset[str] | None = None) -> list[str] | None:
    """The pinyin syllables a Latin-letter text is made of (tone digits ignored), or None when it is
    not pinyin. Syllables may be run together ("nannanhezuo"). `inventory`: the syllables of Mandarin
    (`pinyin_inventory`, which a course's pinyin index keeps so that no question waits for it)."""
    norm = normalize(text)
    if norm.han or not re.fullmatch(r"[a-z1-5 ]+", norm.text or "-"):
        return None
    out: list[str] = []
    known = inventory if inventory is not None else pinyin_inventory()
    for word in re.sub(r"[1-5]", " ", norm.text).split():
        cut = _split(word, known)
        if cut is None:
            return None
        out += cut
    return out if len(out) >= _MIN_SYLLABLES else None


def _split(word: str, known: frozenset[str]) -> list[str] | None:
    """A word cut into pinyin syllables, longest first where both cuts work ("xian" stays whole),
    or None when it cannot be cut. Dynamic programming from the end: linear in the word's length."""
    if len(word) > 60:
        return None
    n = len(word)
    nxt: list[int | None] = [None] * (n + 1)
    nxt[n] = n
    for i in range(n - 1, -1, -1):
        for end in range(min(n, i + 6), i, -1):
            if nxt[end] is not None and word[i:end] in known:
                nxt[i] = end
                break
    if nxt[0] is None:
        return None
    out, i = [], 0
    while i < n:
        step = nxt[i]
        assert step is not None
        end = step
        out.append(word[i:end])
        i = end
    return out


def pinyin_tokens(han_text: str) -> list[str]:
    """Index terms of a Chinese text read as pinyin: syllables and syllable pairs."""
    sylls = [r for r in map(_reading, normalize(han_text).compact) if r]
    return sylls + [f"{a}_{b}" for a, b in zip(sylls, sylls[1:])]


@lru_cache(maxsize=8192)
def _reading(ch: str) -> str:
    # Character by character (the most common reading): pypinyin's phrase segmentation is a hundred
    # times slower and buys little for search.
    from pypinyin import Style, lazy_pinyin

    found = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return found[0] if found and found[0].isalpha() else ""


def query_tokens(sylls: list[str]) -> list[str]:
    """The same index terms for a question already cut into syllables."""
    return sylls + [f"{a}_{b}" for a, b in zip(sylls, sylls[1:])]


@dataclass
class Speller:
    """Per language, the words the course uses, to correct a question's unknown words against."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    _lists: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, texts: Mapping[str, Iterable[str]]) -> Speller:
        words = {}
        for lang, items in texts.items():
            vocab: set[str] = set()
            for text in items:
                vocab.update(w for w in _WORD.findall(normalize(text).text) if len(w) > 1)
            # Stems too, so that another form of a known word ("donors" for "donor") is not a typo.
            words[lang] = frozenset(vocab | {_stem(lang, w) for w in vocab})
        return cls(words, {lang: sorted(v) for lang, v in words.items()})

    def all_words(self, question: str, lang: str | None) -> bool:
        """Whether every word of a question is a word of `lang`: the course's or a common one."""
        vocab = self.words.get(lang or "")
        if vocab is None or lang is None:
            return False
        words = normalize(question).text.split()
        return bool(words) and all(w in vocab or _real(w, lang) for w in words)

    def correct(self, question: str, lang: str) -> str:
        """The question with each unknown word of four letters or more replaced by the closest course
        word, when one is close enough; unchanged when nothing needed correcting."""
        vocab = self.words.get(lang)
        if not vocab:
            return question
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        text = normalize(question).text
        # The words as typed, accents kept, keyed by their normalised form: word lists know "prévoit",
        # not "prevoit".
        typed = {normalize(w).text: w for w in re.findall(r"\w+", question.casefold())}
        changed = False
        out = []
        for word in text.split():
            if (
                len(word) < 4
                or not word.isalpha()
                or word in vocab
                or _stem(lang, word) in vocab
                or _real(typed.get(word, word), lang)
            ):
                out.append(word)
                continue
            limit = 1 if len(word) < 7 else 2
            found = process.extractOne(word, self._lists[lang], scorer=OSA.distance, score_cutoff=limit)
            # A slip rarely changes a short word's first letter; a long word is recognisable anyway.
            if found is not None and (found[0][:1] == word[:1] or len(word) >= 6):
                out.append(found[0])
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else question


REAL_WORD_ZIPF = 3.0  # a word at least this common in the language (Zipf scale) is a word, not a slip


@lru_cache(maxsize=65536)
def _real(word: str, lang: str) -> bool:
    """Whether `word` is a common word of the language although the course never uses it ("elige",
    "weather"): then it is no typo, and "correcting" it into a course word would change the question."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # without the word lists, only the course's own words are known
        return False
    return zipf_frequency(word, lang) >= REAL_WORD_ZIPF


NAME_ZIPF = 4.5  # a capitalised word at least this common is a word ("July", "Council"), not a name


def common_word(word: str, lang: str) -> bool:
    """Whether a word is common in the language (wordfreq), so that written with a capital it is still a
    word, not a name. Without the word lists, no word is known to be common."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return zipf_frequency(word, lang) >= NAME_ZIPF


@lru_cache(maxsize=65536)
def _stem(lang: str, word: str) -> str:
    from .retrieval import _stem as stem

    return stem(lang, word) if lang in ("en", "es", "fr") else word
