"""Latin-script words compared the way a teacher reads them: which words carry the fact (stopwords),
another inflection of the same word (Snowball stems), a noun made from the answer's adjective or verb,
a typo, and what is never the same word (an antonym prefix, a participle, another first letter).

Grading rules (course/grader.py) ask these questions; nothing here gives a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .textnorm import LATIN_LANGS, Norm, normalize, stem

# Words that carry no fact in an answer ("the answer is …", articles, prepositions).
STOPWORDS = frozenset(
    "the a an of for to in on at by and or is it its it's this that answer i think believe my "
    "el la los las lo un una unos unas de del al para por y e o es son en creo que respuesta "
    "le les l un une des du d de pour par et ou est c ce sont en je pense que reponse sobre au aux".split()
) | frozenset(
    # Frames and hedges around an answer ("they are …", "I'd say …", "à mon avis, A et B", "in my
    # opinion", "probablemente"): no fact, and never a wrong member of a list.
    "they are was were would d s say "
    "opinion probably maybe perhaps guess suppose pienso diria parecer mi segun probablemente quizas "
    "quiza supongo mon avis selon moi crois dirais probablement".split()
)
_FR_STOPWORDS = STOPWORDS | {"sur"}
# Articles, contracted or elided ones too: a reply that differs from the answer only by them is the answer.
ARTICLES = frozenset("the a an el la los las lo un una unos unas le les l une des du d del al au aux".split())
# Nouns a learner may leave out after a distinctive modifier ("North-South" for North-South cooperation).
GENERIC_HEADS = frozenset(
    "cooperation cooperacion countries country paises pais pays perspective perspectiva".split()
)
GENERIC_HEADS_HAN = frozenset({"合作", "国家", "视角"})  # the same nouns in Chinese: 南方 for 南方国家
# Endings that make another word of the same stem (developed / developing, desarrollados / desarrollo).
_PARTICIPLE = frozenset("ed ing ado ada ados adas ido ida idos idas ando iendo ant ants".split())
_ANTONYM_PREFIXES = frozenset("in un non dis im ir il des anti a".split())
# Prefixes that make another thing of a word (sub-regional, sous-régionaux, interregional): written
# apart or with a hyphen before the answer's word, the answer names something else.
_BOUND_PREFIXES = frozenset("sub sous inter intra supra trans infra extra ultra pre post".split())


@lru_cache(maxsize=4096)
def _norm_expected(text: str) -> Norm:
    return normalize(text)


_BEFORE_YEAR = frozenset("horizon ici by until hasta".split())
_YEAR_WORD = re.compile(r"(?:19|20)\d\d")


def _content_words(words: Sequence[str], langs: tuple[str, ...] = ()) -> list[str]:
    # "sur" is a preposition in French but the South in Spanish (Norte-Sur): a stopword in French only.
    stop = _FR_STOPWORDS if langs == ("fr",) else STOPWORDS
    # "à l'horizon 2030", "d'ici (à) 2030", "pour 2030", "by 2030": only the year carries the fact.
    return [
        w
        for k, w in enumerate(words)
        if w not in stop
        and not (w in _BEFORE_YEAR and any(_YEAR_WORD.fullmatch(v) for v in words[k + 1 : k + 3]))
    ]


def _langs(lang: str | None) -> tuple[str, ...]:
    """The Snowball languages to compare Latin words in: the question's, or all three when unknown."""
    return (lang,) if lang in LATIN_LANGS else LATIN_LANGS


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=65536)
def _same_root(typed: str, expected: str, langs: tuple[str, ...]) -> bool:
    """For key points: another word of the same root (sustainable / sustainability, durables /
    durabilité), but never a participle of it or its antonym."""
    if len(typed) < 5 or len(expected) < 5 or _antonym(typed, expected):
        return False
    if not any(stem(typed, lang) == stem(expected, lang) for lang in langs):
        return False
    n = _common_prefix(typed, expected)
    return n >= 5 and not any(t in _PARTICIPLE for t in (typed[n:], expected[n:]))


@lru_cache(maxsize=65536)
def _same_word(typed: str, expected: str, langs: tuple[str, ...]) -> bool:
    """One word and another inflection of it (tax / taxes, política / políticas), by Snowball stems.

    Stems alone would also join words a fact depends on (developed / developing, desarrollados /
    desarrollo), so the endings left after the common part must be short and not a participle.
    """
    if typed == expected:
        return True
    if not any(stem(typed, lang) == stem(expected, lang) for lang in langs):
        return False
    n = _common_prefix(typed, expected)
    tails = (typed[n:], expected[n:])
    return max(map(len, tails)) <= 3 and not any(t in _PARTICIPLE for t in tails)


@lru_cache(maxsize=65536)
def _antonym(typed: str, expected: str) -> bool:
    """`typed` is `expected` with a negating prefix, or the reverse (ineffectiveness / effectiveness)."""
    for a, b in ((typed, expected), (expected, typed)):
        if len(a) > len(b) + 1 and a.endswith(b) and a[: len(a) - len(b)] in _ANTONYM_PREFIXES:
            return True
    return False


# Derivation: a noun made from an adjective or a verb (financiar → financiación, comptables →
# comptabilisation, sustainable → sustainability) names the same thing in a short answer, and so do two
# nouns made with the endings listed here. Other endings are left out on purpose: two nouns of one root
# are often two things (gouvernance / gouvernement), and a participle is another fact (pays développés /
# pays en développement, developed / development).
_NOUN_SUFFIXES = {
    "es": "abilidades abilidad ibilidades ibilidad alidades alidad idades idad aciones acion iciones icion "
    "ciones cion amientos amiento imientos imiento encias encia",
    "fr": "abilisations abilisation abilites abilite ibilites ibilite isations isation ations ation "
    "ements ement alites alite ites ite ences ence",
    "en": "abilities ability ibilities ibility izations ization isations isation ations ation ments ment "
    "iveness ness ities ity",
}
_BASE_SUFFIXES = {
    "es": "ables able ibles ible entes ente ivos ivas ivo iva ar er ir",
    "fr": "ables able ibles ible entes ente ents ent ifs ives if ive er ir",
    "en": "able ible ent ive ize ise",
}
_SUFFIXES = {
    lang: (
        tuple(sorted(_NOUN_SUFFIXES[lang].split(), key=len, reverse=True)),
        tuple(sorted(_BASE_SUFFIXES[lang].split(), key=len, reverse=True)),
    )
    for lang in _NOUN_SUFFIXES
}


def _strip(word: str, suffixes: tuple[str, ...]) -> str | None:
    return next((word[: -len(x)] for x in suffixes if word.endswith(x) and len(word) - len(x) >= 5), None)


@lru_cache(maxsize=65536)
def _derived(typed: str, expected: str, langs: tuple[str, ...] = LATIN_LANGS) -> bool:
    """One word is a noun made from the other (an adjective or a verb): the same root once a noun ending
    (-ación, -ité, -ity, -ness …) and an adjective or verb ending (-able, -ente, -ar, -ive …) are taken
    off, the root 5 letters or more, and not an antonym."""
    if typed == expected or not (typed.isascii() and expected.isascii()) or _antonym(typed, expected):
        return False
    for lang in langs:
        nouns, bases = _SUFFIXES.get(lang, ((), ()))
        for a, b in ((typed, expected), (expected, typed)):
            root = _strip(a, nouns)
            if root is None:
                continue
            base_root = _strip(b, bases)
            if base_root is not None and base_root == (_strip(root, bases) or root):
                return True
            if base_root is not None and base_root == root:
                return True
            # Two action nouns of one root made with these endings (financiación / financiamiento,
            # condicionalidad / condicionamiento); endings outside the list (gouvernance) never join.
            if _strip(b, nouns) == root:
                return True
    return False


def _allowed_edits(word: str) -> int:
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 7 else 2 if n <= 12 else 3


def _word_match(typed: str, expected: str, langs: tuple[str, ...] = LATIN_LANGS) -> tuple[bool, bool]:
    """(matches, by a typo) for one Latin word; numbers and short words must be exact."""
    if typed == expected or _same_word(typed, expected, langs):
        return True, False
    if typed.isdigit() or expected.isdigit() or _antonym(typed, expected):
        return False, False
    from rapidfuzz.distance import OSA

    if _derived(typed, expected, langs):
        return True, True
    limit = _allowed_edits(expected)
    # A participle and another form of its stem are two facts, not a slip (desarrollados / desarrollo,
    # developed / development, developing / developed); transparant / transparent stays a slip.
    n = _common_prefix(typed, expected)
    ta, tb = typed[n:], expected[n:]
    if ta != tb and (ta in _PARTICIPLE or tb in _PARTICIPLE):
        if (ta in _PARTICIPLE and tb in _PARTICIPLE) or abs(len(ta) - len(tb)) >= 2:
            return False, False
    # Slips keep the first letter, or its sound in Spanish (becas / vecas); another first letter is
    # another word (exclusive / inclusive, northern / southern).
    if (
        limit
        and _same_onset(typed, expected, langs)
        and OSA.distance(typed, expected, score_cutoff=limit) <= limit
    ):
        return True, True
    return False, False


_ES_ONSETS = ({"b", "v"},)


def _same_onset(typed: str, expected: str, langs: tuple[str, ...]) -> bool:
    """The first letters agree, or sound the same in Spanish (b / v, a silent h)."""
    a, b = typed[:1], expected[:1]
    if "es" in langs and "h" in (a, b) and typed.lstrip("h")[:1] == expected.lstrip("h")[:1]:
        return True  # a silent h left out or added (ito / hito)
    return a == b or ("es" in langs and any(a in g and b in g for g in _ES_ONSETS))


def _find_words(
    typed: list[str], expected: list[str], langs: tuple[str, ...] = LATIN_LANGS
) -> tuple[int, list[tuple[str, str]]] | None:
    """Where the word sequence `expected` occurs in `typed` (with typos), and the typos made."""
    n = len(expected)
    for i in range(len(typed) - n + 1):
        typos = []
        for tw, ew in zip(typed[i : i + n], expected):
            ok, typo = _word_match(tw, ew, langs)
            if not ok:
                break
            if typo:
                typos.append((tw, ew))
        else:
            return i, typos
    return None


def _antonym_any(word: str, expected: list[str]) -> bool:
    return any(_antonym(word, e) for e in expected)
