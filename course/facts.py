"""Questions that ask for a figure or a year, and whether a paragraph holds one.

Retrieval finds the paragraph closest to a question, which is not always one that answers it: "What is
the population of Buenos Aires?" lands on the paragraph that names Buenos Aires. For the two kinds of
question whose answer has a shape that can be recognised, a figure and a year, the chatbot checks that
the paragraph holds one the question did not bring itself; when it does not, the chatbot says the
document gives no such figure or year, and shows the closest paragraph for what the document does say.
"""

from __future__ import annotations

import re

YEAR = "year"
FIGURE = "figure"

_ASKS = {
    YEAR: {
        "zh": r"哪一?年|什么时候|何时|哪个时候",
        # "When" asks for a date only about an event ("when was …"), not about a condition ("when is
        # South-South cooperation most effective?").
        "en": r"\b(?:what|which) year\b|\bwhen (?:was|were|did|will)\b",
        "es": r"\ben qu[ée] año\b|\bcu[áa]ndo (?:se )?(?:fue|fueron|ser[áa]|celebr|aprob|cre[óo]|fund|adopt|"
        r"firm|tuvo|tendr|empez|comenz)",
        "fr": r"\ben quelle année\b|\bquand\b.*\b(?:fondée?|créée?|adoptée?|tenue?|signée?|lieu|commencé)\b",
    },
    FIGURE: {
        "zh": r"多少|几[个位次名国人项所家岁倍成]|百分之几|比例是",
        # "How much" and "cuánto" ask for a figure about money or an amount, not about a degree ("how
        # much does South-South cooperation matter?").
        "en": r"\bhow many\b|\bhow much (?:money|funding|funds|aid|debt|resources)\b"
        r"|\bhow much\b.*\b(?:cost|costs|spend|spent|pay|paid|contribute|contributed|raise|raised)\b"
        r"|\bwhat (?:percentage|share|proportion|amount|number)\b",
        "es": r"\bcu[áa]nt[oa]s\b|\bcu[áa]nto (?:dinero|cuesta|cost[óo]|se gast|se pag|financiamiento)"
        r"|\bqu[ée] (?:porcentaje|proporci[óo]n|cantidad|n[úu]mero)\b",
        "fr": r"\bcombien\b|\bquel(?:le)? (?:pourcentage|proportion|montant|nombre)\b",
    },
}
_YEAR_RE = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_DIGITS_RE = re.compile(r"(?<![\d/])\d+(?:[.,]\d+)*(?![\d/])")
# Figures written as words: Chinese numerals before a measure word (not ordinals: 第二次) or after 百分之,
# and number words.
_WORDS_RE = re.compile(
    r"(?<![第一二三四五六七八九十两百千万亿])[一二三四五六七八九十两百千万亿]+(?=[周年个次项倍名国人%％])"
    r"|百分之[一二三四五六七八九十百]+"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|"
    r"billion|fortieth|dos|tres|cuatro|cinco|diez|veinte|cuarenta|cuadrag[ée]simo|cien|mil|mill[óo]n|"
    r"deux|trois|quatre|cinq|dix|vingt|quarante|quaranti[èe]me|cent|mille|milliard)s?\b",
    re.IGNORECASE,
)
_MONTHS = re.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    re.IGNORECASE,
)


def asks_for(question: str, lang: str) -> str | None:
    """YEAR or FIGURE when the question asks for one ("哪一年", "how many", "combien"), else None."""
    for kind in (YEAR, FIGURE):
        pattern = _ASKS[kind].get(lang)
        if pattern and re.search(pattern, question, re.IGNORECASE):
            return kind
    return None


def years(text: str) -> set[str]:
    return set(_YEAR_RE.findall(text))


def figures(text: str) -> set[str]:
    """The figures in a text that are neither years nor parts of a date or of a document symbol
    (71/318, 第33/134号)."""
    found: set[str] = set()
    for m in _DIGITS_RE.finditer(text):
        value, after = m.group(0), text[m.end() : m.end() + 1]
        if _YEAR_RE.fullmatch(value) or after in ("月", "日", "号", "段"):
            continue
        if _MONTHS.search(text[max(0, m.start() - 12) : m.end() + 12]):
            continue
        found.add(value)
    found.update(w.lower() for w in _WORDS_RE.findall(text))
    return found


def gives(text: str, kind: str, question: str) -> bool:
    """Whether `text` holds an answer of `kind` that the question did not bring itself."""
    if kind == YEAR:
        return bool(years(text) - years(question))
    return bool(figures(text) - figures(question))
