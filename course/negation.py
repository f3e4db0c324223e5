"""Negation scope in the four languages: whether a phrase found in a reply is negated by what comes
before it ("not", "ni … ni", "ce n'est pas", "falta de", 不是, 既不是A也不是B), including the members of a
negated list, and where a negation stops ("not only X but also Y", "ne remplace pas X").

Grading rules (course/grader.py) ask these questions; nothing here gives a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .textnorm import Norm
from .wordmatch import GENERIC_HEADS

NEGATIONS = frozenset(
    "not no never none isn aren wasn doesn don t n ne pas non ni nunca jamais "
    "tampoco nadie sin sans without neither nor ningun ninguna ninguno aucun aucune".split()
)
# Between a negation and the phrase it negates ("it is not the X", "ce n'est pas le X").
_SKIP_BEFORE = frozenset(
    "the a an is are was be it its this that just only really exactly necessarily simply i think "
    "believe would say s el la los las lo un una unos unas es son era fue solo que creo "
    "le les l une des c ce est sont etait seulement qu je pense "
    # possessives: "not their national approaches", "no son sus enfoques", "pas leurs approches"
    "their our his her sus su nuestros nuestras nuestro nuestra leurs leur ses son sa nos notre".split()
)
_CONJUNCTIONS = frozenset("and or y o e u et ou plus".split())
# "lack of X", "falta de X", "manque de X" negate X.
_LACK = frozenset("lack lacking absence manque falta carencia ausencia faute".split())
# "anti-corruption" is written as two words once normalised: the prefix says the opposite of the word.
_AGAINST = frozenset("anti antí".split())
_OF = frozenset("of de d du del des".split())
# "fewer X", "menos X", "moins de X" say the opposite of "X" / "more X".
_LESS = frozenset("less fewer menos moins poco poca pocos pocas peu hardly barely scarcely apenas".split())
# Verbs that undo what follows ("eliminar las becas", "reduce scholarships"): before an answer that is
# a thing to have more of, they say the opposite. Not for key points (eliminar la pobreza is the answer).
_UNDO = frozenset(
    "eliminar suprimir reducir recortar disminuir abolir quitar eliminate remove reduce cut abolish "
    "scrap supprimer reduire diminuer eliminer abolir retirer".split()
)
_FR_PAS = frozenset("pas plus jamais point".split())
_FR_COPULA = frozenset("est sont etait etaient sera seront agit s c ce il elle".split())
_ONLY = frozenset("only just merely solo solamente unicamente seulement uniquement".split())
_CLAUSE_BREAKS = frozenset("but sino pero mais rather instead however although whereas".split())
# 减少/取消/削减/更少 before a thing to have more of say its opposite (减少奖学金), as fewer/menos do;
# 不够/缺乏/缺少 (not enough, lack of) say it is missing, as lack/falta de/manque de do.
_ZH_NEGATION = re.compile(
    r"(不是|并非|并不是|不应是|不算|而非|非(?![洲法政正])|不够|不|没有|无|反|缺乏|缺少|欠缺|减少|取消|削减|更少的?|较少的?"
    # 不 and a verb of one or two characters before the phrase (不提供财政支助, 不包括X); 不断, 不同, 不仅
    # are no negation.
    r"|(?<![\u4e00-\u9fff])不(?![断同仅但论管])[\u4e00-\u9fff]{1,2}|没有?[提给包][\u4e00-\u9fff]?)$"
)
# A list member after a conjunction: the negation before the list reaches it (不是A和B).
_ZH_LIST_TAIL = re.compile(r"[^，。；]{1,14}[和与及、或]$")
_ZH_BREAK = re.compile(r"而是|但|是")


def _negated_before(words: Sequence[str], i: int) -> bool:
    """Whether the Latin phrase starting at word `i` is negated: a negation right before it (only
    articles, copulas and the like in between), or before the list it belongs to ("neither A nor B",
    "not A or B"); "not a substitute for X" does not negate X, and "not A but B" does not negate B."""
    if i >= 2 and words[i - 2] in _LESS:
        return True  # "menos mecanismos regionales": the quantifier reaches over the noun
    j = i - 1
    conjunct = False
    budget = 8
    while j >= 0 and budget:
        w = words[j]
        if w in _FR_PAS:
            ne = next((k for k in range(j - 1, max(-1, j - 4), -1) if words[k] in ("ne", "n")), None)
            if ne is not None and any(v not in _FR_COPULA for v in words[ne + 1 : j]):
                return False  # "ne remplace pas X", "ne se substitue pas à X": the verb is negated, not X
        if w in NEGATIONS and j + 1 < len(words) and words[j + 1] in _ONLY and _goes_on(words[i:]):
            return False  # "not only X but also Y", "no solo X sino también Y": X is affirmed
        if w in NEGATIONS or (j == i - 1 and (w in _LACK or w in _LESS or w in _AGAINST)):
            return True
        if w in _OF and j > 0 and (words[j - 1] in _LACK or words[j - 1] in _LESS):
            return True
        if w in _OF and j > 0 and words[j - 1] in _FR_PAS:
            j -= 1  # "il ne s'agit pas de X", "pas de X": go on to the negation
            continue
        if w in _CLAUSE_BREAKS:
            return False
        if w in _CONJUNCTIONS:
            conjunct = True
        elif w not in _SKIP_BEFORE and w not in GENERIC_HEADS and not conjunct:
            return False
        if conjunct:
            budget -= 1
        j -= 1
    return False


# A reply that opens with 不是/并非/没有/缺乏 … negates the phrase it goes on to name, modifiers and all
# (不是联合国南南合作办公室, 缺乏相互问责), up to a clause break (不是A，而是B).
_ZH_OPENING_NEGATION = re.compile(
    r"^(?:我认为|我觉得|答案)?(?:不是|并非|并不是|不算|没有|缺乏|缺少|欠缺|非(?![洲法政正]))[^，,。；;：:]*$"
)


_ALSO = frozenset("also too tambien ademas aussi egalement".split())


def _goes_on(rest: Sequence[str]) -> bool:
    """'not only X' is affirmative when the sentence goes on (but, sino, mais, also …); alone, "not just
    and equitable" is a plain negation."""
    return any(w in _CLAUSE_BREAKS or w in _ALSO for w in rest)


def _han_negated(typed: str, idx: int) -> bool:
    """A Chinese phrase at `idx` is negated by what is right before it (不是, 并非, 不, 非, 无, 反 …), by a
    negation that opens the reply, or, inside a list, by the negation before the list (既不是A也不是B,
    不是A和B)."""
    before = typed[:idx]
    if _ZH_NEGATION.search(before):
        return True
    m0 = _ZH_OPENING_NEGATION.match(before)
    if m0 and not re.search("而是|但|就是", before):
        return True
    m = _ZH_LIST_TAIL.search(before)
    return bool(m and _ZH_NEGATION.search(before[: m.start()]) and not _ZH_BREAK.search(m.group(0)))


def _part_negated(x: Norm, part: Norm) -> bool:
    words = x.words
    k = len(part.words)
    for i in range(len(words) - k + 1):
        if words[i : i + k] == part.words:
            return _negated_before(words, i)
    return False
