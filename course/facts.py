"""What a question asks for, whether a paragraph holds it, and what the document never speaks of.

Retrieval finds the paragraph closest to a question, which is not always one that answers it: "What is
the population of Buenos Aires?" lands on the paragraph that names Buenos Aires. For the kinds of answer
whose shape can be recognised, a year or date, a figure or amount, a person's name, a place and a
country, the chatbot checks that the paragraphs it would quote hold one that the question did not bring
itself; when they do not, it says the document gives no such thing, and shows the closest paragraph for
what the document does say.

Which people and places the document names, and which subjects it never speaks of (the weather, a
currency, a recipe), are course content: `seeds/<id>.scope.yaml`, validated by `check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .textnorm import Norm, normalize

YEAR = "year"
FIGURE = "figure"
PERSON = "person"
PLACE = "place"
COUNTRY = "country"
KINDS = (YEAR, FIGURE, PERSON, PLACE, COUNTRY)

_ASKS = {
    YEAR: {
        "zh": r"哪一?年|什么时候|啥时候|何时|哪个时候|哪一?天|几号|什么日子|什么日期|截止|期限|多久以?内",
        # "When" asks for a date, except about a condition ("when is South-South cooperation most
        # effective?", see _CONDITION).
        "en": r"\b(?:what|which) year\b|\bwhen\b|\bwhat date\b|\bby what date\b|\bdeadline\b",
        "es": r"\ben qu[ée] año\b|\bcu[áa]ndo\b|\bqu[ée] fecha\b|\bplazo\b",
        "fr": r"\ben quelle année\b|\bquand\b|\bquelle date\b|\bd.ici quand\b|\bdélai\b|\béchéance\b",
    },
    FIGURE: {
        "zh": r"多少|几[个位次名国人项所家岁倍成]|百分之几|比例是|预算|比率是|门槛是",
        # "How much" asks for a figure about money or an amount, not about a degree ("how much does
        # South-South cooperation matter?"); "cuánto" and "combien" almost always ask for a quantity.
        "en": r"\bhow many\b|\bhow much\b(?=.*\b(?:money|funds?|funding|aid|debt|resources|cost\w*|"
        r"spen[dt]\w*|pa(?:y|id)\w*|contribut\w*|rais\w*|invest\w*|budget\w*|dollars?|usd|worth|"
        r"financ\w*|have|has)\b)"
        r"|\bwhat (?:percentage|share|proportion|amount|number)\b|\b(?:budget|price|cost) of\b"
        r"|\bwhat is the budget\b|\bwhat\b[^?]{0,30}\b(?:ratio|rate|percentage|threshold)\b",
        "es": r"(?<!en )\bcu[áa]nt[oa]s?\b(?! (?:antes|m[áa]s|menos)\b)"
        r"|\bqu[ée] (?:porcentaje|proporci[óo]n|cantidad|n[úu]mero)\b|\bpresupuesto\b"
        r"|\bqu[ée]\b[^?]{0,30}\b(?:ratio|tasa|porcentaje|umbral)\b",
        "fr": r"\bcombien\b|\bquel(?:le)? (?:pourcentage|proportion|montant|nombre)\b|\bbudget\b"
        r"|\bquel(?:le)?s?\b[^?]{0,30}\b(?:ratio|taux|pourcentage|seuil)\b",
    },
}
# "When is South-South cooperation most effective?" asks for a condition, not a date.
_CONDITION = {
    "en": r"\bwhen\b(?:\W+\w+){0,6}?\W+(?:effective|useful|appropriate|needed|necessary|best|better|"
    r"works?|succeeds?|helps?|applies|apply|should|can|could|possible)\b",
    "es": r"\bcu[áa]ndo\b(?:\W+\w+){0,6}?\W+(?:eficaz|[úu]til|conveniente|necesari\w*|funciona|mejor|"
    r"debe\w*|puede\w*|posible|ayuda)\b",
    "fr": r"\bquand\b(?:\W+\w+){0,6}?\W+(?:efficace|utile|n[ée]cessaire|fonctionne|mieux|doit|doivent|"
    r"peut|peuvent|possible|aide)\b",
}
# Who holds an office or did a person's deed: a name, which this document never gives. "Who is asked to
# ..." and "who hosts the Office" ask for a body, and the document names those, so they are not here.
_PERSON = {
    "zh": r"叫什么名字|姓名|名字是|是谁(?:担任|主持)"
    r"|谁(?:担任|主持|领导|执掌|创办|创立了?|发明|签署|起草|提出了?这)"
    r"|(?:主席|总统|秘书长|署长|主任|部长|总理|领导人|负责人|创始人)(?:是谁|叫什么)",
    "en": r"\bname of the (?:person|president|chair|head|director|secretary|administrator|minister)"
    r"|\bwho (?:chaired|chairs|presided|presides|heads|headed|leads|led|directs|directed|founded|signed|"
    r"drafted|wrote|opened|spoke|invented|proposed)\b"
    r"|\bwho (?:is|was|were) (?:the )?(?:current |then )?(?:president|chair|chairperson|secretary-general|"
    r"secretary general|administrator|director|head|minister|prime minister|leader|founder)\b",
    "es": r"\bc[oó]mo se llama(?:ba)? (?:el|la) (?:presidente|presidenta|secretari|director|directora|jef|"
    r"administrador|ministr)|\bnombre de(?:l| la) (?:presidente|presidenta|director|directora"
    r"|secretari|persona)"
    r"|\bqui[eé]n (?:presid|dirig|dirige|encabez|fund[oó]|firm[oó]|redact|inaugur|propus)"
    r"|\bqui[eé]n (?:es|era|fue) (?:el|la) (?:actual )?(?:presidente|presidenta|secretari|director|directora|"
    r"administrador|ministr|jef|fundador)",
    "fr": r"\bcomment s.appel(?:le|ait) (?:le|la) (?:pr[eé]sident|secr[eé]taire|direct|administrat|ministre)"
    r"|\bnom d(?:u|e la) (?:pr[eé]sident|direct|secr[eé]taire|personne)"
    r"|\bqui (?:a pr[eé]sid|pr[eé]side|dirige|dirigeait|a dirig|a fond|a sign|a r[eé]dig|a ouvert|a propos)"
    r"|\bqui (?:est|[eé]tait) (?:le|la|l.) ?(?:actuel(?:le)? )?(?:pr[eé]sident|secr[eé]taire|direct|"
    r"administrat|ministre|chef|fondat)",
}
# Where something is, was or will be: a location. "Where is the Office hosted" asks for a body (within
# UNDP) and "where does the document say" for a paragraph, so those are left out.
_PLACE = {
    "zh": r"(?:在|于)(?:哪里|哪儿|哪个城市|哪座城市|什么地方|何地|何处)|(?:哪个|哪座)城市"
    r"|总部(?:设在|在)?(?:哪|何)"
    r"|位于(?:哪|何)",
    "en": r"\b(?:in )?which city\b|\bwhere (?:is|are|was|were|will)\b(?!.*\b(?:hosted|housed|say|says|said|"
    r"mention|mentioned|stand|stands|discuss|discussed|talk|document|text)\b)",
    "es": r"\ben qu[eé] ciudad\b|\bd[oó]nde (?:est[aá]|se encuentra|tiene su sede|se celebr"
    r"|se realiz|se hizo|"
    r"queda|se ubica)",
    "fr": r"\bdans quelle ville\b|\bo[uù] (?:se trouve|se situe|est situ|si[eè]ge|a eu lieu"
    r"|aura lieu|se tiendra|"
    r"s.est tenu|se tient)",
}
# Which country or countries: named countries, which this document gives only for its host.
_COUNTRY = {
    "zh": r"哪(?:个|几个|些)(?:发展中|发达|南方|北方)?(?:国家|区域|地区)|哪国",
    "en": r"\b(?:which|what) (?:developing |developed |southern |northern )?(?:countr(?:y|ies)|regions?)\b",
    "es": r"\bqu[eé] (?:pa[ií]s(?:es)?|regi[oó]n(?:es)?)\b|\bcu[aá]les (?:pa[ií]ses|regiones)\b",
    "fr": r"\bquels? pays\b|\bquelles? (?:nations?|r[eé]gions?)\b",
}
# "Which country is the most active?" asks for a name: a kind of country ("developing countries") is no
# answer to a superlative.
_SUPERLATIVE = {
    "zh": r"最",
    "en": r"\b(?:most|least|best|biggest|largest|top|leading)\b",
    "es": r"\b(?:el|la|los|las) (?:m[aá]s|menos)\b|\bmayor(?:es)?\b",
    "fr": r"\b(?:le|la|les) (?:plus|moins)\b",
}
_YEAR_RE = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_ORDINAL_AFTER = re.compile(r"\s*(?:周年|st\b|nd\b|rd\b|th\b|e\b|ème\b|º|ª|°)", re.IGNORECASE)
_DIGITS_RE = re.compile(r"(?<![\d/])\d+(?:[.,]\d+)*(?![\d/])")
# Figures written as words: Chinese numerals before a measure word (not ordinals: 第二次) or after 百分之,
# and number words.
# An anniversary or an ordinal ("四十周年", "fortieth", "quarantième") counts nothing: it is no answer to
# "how many".
_WORDS_RE = re.compile(
    r"(?<![第一二三四五六七八九十两百千万亿])[一二三四五六七八九十两百千万亿]+(?=[个次项倍名国人%％]|年(?!代))"
    r"|百分之[一二三四五六七八九十百]+"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|"
    r"billion|dos|tres|cuatro|cinco|diez|veinte|cuarenta|cien|mil|mill[óo]n|"
    r"deux|trois|quatre|cinq|dix|vingt|quarante|cent|mille|milliard)s?\b",
    re.IGNORECASE,
)
_MONTHS = re.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    re.IGNORECASE,
)


def asks_for(question: str, lang: str) -> str | None:
    """The kind of answer a question asks for ("哪一年" YEAR, "how many" FIGURE, "who chaired" PERSON,
    "where is" PLACE, "which countries" COUNTRY), or None when its shape cannot be checked."""
    tables = (
        (PERSON, _PERSON),
        (YEAR, _ASKS[YEAR]),
        (FIGURE, _ASKS[FIGURE]),
        (PLACE, _PLACE),
        (COUNTRY, _COUNTRY),
    )
    for kind, table in tables:
        pattern = table.get(lang)
        if pattern and re.search(pattern, question, re.IGNORECASE):
            if kind == YEAR and re.search(_CONDITION.get(lang, r"$^"), question, re.IGNORECASE):
                continue
            return kind
    return None


def years(text: str) -> set[str]:
    return set(_YEAR_RE.findall(text))


def figures(text: str, anniversaries: bool = False) -> set[str]:
    """The figures in a text that are neither years nor parts of a date or of a document symbol
    (71/318, 第33/134号); ordinals and anniversaries only when `anniversaries` (they answer "how many
    years", not "how many people")."""
    found: set[str] = set()
    for m in _DIGITS_RE.finditer(text):
        value = m.group(0)
        after = text[m.end() : m.end() + 3].lstrip()[:1]
        if _YEAR_RE.fullmatch(value) or after in ("月", "日", "号", "段"):
            continue
        if not anniversaries and _ORDINAL_AFTER.match(text, m.end()):
            continue
        if _MONTHS.search(text[max(0, m.start() - 12) : m.end() + 12]):
            continue
        found.add(value)
    found.update(w.lower() for w in _WORDS_RE.findall(text))
    if anniversaries:
        found.update(w.lower() for w in _ANNIVERSARY_RE.findall(text))
    return found


_ANNIVERSARY_RE = re.compile(
    r"[一二三四五六七八九十两百]+(?=周年)|\b(?:fortieth|cuadrag[ée]simo|quaranti[èe]me|\w+(?:tieth|th))\b",
    re.IGNORECASE,
)
_ASKS_YEARS = re.compile(
    r"多少年|几年|几周年|周年|how many years|anniversary|cu[áa]ntos a[ñn]os|aniversario|combien d.ann[ée]es"
    r"|anniversaire",
    re.IGNORECASE,
)


# "When is the next conference?": a question about what comes next asks for a date after the document's
# own; the document can only speak of it as a plan.
_NEXT = {
    "zh": r"下一|下次|下届|将来|未来哪",
    "en": r"\b(?:next|upcoming|following)\b",
    "es": r"\bpr[óo]xim[oa]s?\b|\bsiguiente\b",
    "fr": r"\bprochain(?:e|es|s)?\b|\bsuivante?\b",
}
_CLAUSE = re.compile(r"[，,；;。：:]|\.\s|\s(?:and|y|et|e)\s")


def clauses(text: str) -> list[str]:
    """A paragraph cut at its commas, semicolons, full stops and "and": the spans an answer binds to."""
    return [c for c in _CLAUSE.split(text) if c.strip()]


def gives(
    text: str,
    kind: str,
    question: str,
    scope: Scope | None = None,
    lang: str = "",
    about: Callable[[str], bool] | None = None,
    after: int | None = None,
) -> bool:
    """Whether `text` holds an answer of `kind` that the question did not bring itself.

    With `about`, a year or figure counts only in a clause that `about` says is on the question's subject
    ("the Nairobi meeting was in which year?" is not answered by the year of another resolution in the
    same paragraph). With `after` (the document's year), a question about what comes *next* is answered
    only by a later year."""
    if kind in (YEAR, FIGURE):
        parts = clauses(text) if about is not None else [text]
        return any(
            _gives_in(part, kind, question, lang, after) and (about is None or about(part)) for part in parts
        )
    return _gives_named(text, kind, question, scope, lang)


def _gives_in(text: str, kind: str, question: str, lang: str, after: int | None) -> bool:
    if kind == YEAR:
        found = years(text) - years(question)
        if after is not None and re.search(_NEXT.get(lang, r"$^"), question, re.IGNORECASE):
            found = {y for y in found if int(y) > after}
        return bool(found)
    years_asked = bool(_ASKS_YEARS.search(question))
    return bool(figures(text, years_asked) - figures(question, years_asked))


def _gives_named(text: str, kind: str, question: str, scope: Scope | None, lang: str) -> bool:
    scope = scope or Scope()
    names: Iterable[str]
    if kind == PERSON:
        names = scope.people.get(lang, [])
    elif kind == PLACE:
        names = scope.places.get(lang, [])
    else:
        # "Which countries ...?" is answered by a named country or by a kind of country ("the least
        # developed countries"), so both count, unless a superlative asks for the one country.
        flat = normalize(question).text
        superlative = re.search(_SUPERLATIVE.get(lang, r"$^"), flat)
        # "Which regions?" is not answered by a kind of country either.
        regions = re.search(r"区域|地区|\bregion|\bregi[oó]n|\br[eé]gion", flat)
        kinds = () if superlative or regions else COUNTRY_KINDS.get(lang, ())
        names = (*countries(lang), *REGIONS.get(lang, ()), *kinds)
    # Both texts normalised once: a country question checks some 270 names.
    t, q = normalize(text), normalize(question)
    if kind == COUNTRY:
        # "Some developing countries have lifted millions out of poverty" does not say which: a kind of
        # country after "some", "certain", "many" names none.
        t = normalize(re.sub(_INDEFINITE.get(lang, r"$^"), " ", text, flags=re.IGNORECASE))
    return any(_in(t, key) and not _in(q, key) for _name, key in _keys(tuple(names)))


_INDEFINITE = {
    "zh": r"(?:一些|某些|部分|许多|不少|若干|很多)[\u3400-\u9fff]{0,8}?国家",
    "en": r"\b(?:some|certain|several|many|a number of|a few|other)\s+(?:\w+\s+){0,3}?(?:countries|states)\b",
    "es": r"\b(?:algunos|ciertos|varios|muchos|numerosos|otros)\s+(?:\w+\s+){0,1}?pa[ií]ses(?:\s+\w+){0,3}",
    "fr": r"\b(?:certains|plusieurs|de nombreux|nombre de|d.autres|quelques)\s+(?:\w+\s+){0,1}?pays"
    r"(?:\s+\w+){0,3}",
}


def _in(norm: Norm, key: str) -> bool:
    """Whether a normalised text holds a key made by `_keys` (Chinese anywhere, words whole)."""
    if not key:
        return False
    return key in norm.compact if _HAN.search(key) else f" {key} " in f" {norm.text} "


REGIONS = {
    "zh": ("非洲", "亚洲", "拉丁美洲", "加勒比", "太平洋", "阿拉伯", "欧洲", "中东", "东南亚"),
    "en": ("africa", "asia", "latin america", "caribbean", "pacific", "arab", "europe", "middle east"),
    "es": ("africa", "asia", "america latina", "caribe", "pacifico", "arabe", "europa", "oriente medio"),
    "fr": ("afrique", "asie", "amerique latine", "caraibes", "pacifique", "arabe", "europe", "moyen orient"),
}
COUNTRY_KINDS = {
    "zh": (
        "发展中国家",
        "发达国家",
        "最不发达国家",
        "内陆发展中国家",
        "小岛屿发展中国家",
        "中等收入国家",
        "南方国家",
        "提出请求的发展中国家",
        "冲突后国家",
        "受冲突影响国家",
        "非洲国家",
    ),
    "en": (
        "developing countries",
        "developed countries",
        "least developed countries",
        "landlocked developing countries",
        "small island developing states",
        "middle-income countries",
        "countries of the south",
        "requesting developing countries",
        "post-conflict",
        "conflict-affected",
        "african countries",
    ),
    "es": (
        "paises en desarrollo",
        "paises desarrollados",
        "paises menos adelantados",
        "paises en desarrollo sin litoral",
        "pequenos estados insulares en desarrollo",
        "paises de ingresos medianos",
        "paises del sur",
        "paises en desarrollo solicitantes",
        "paises africanos",
    ),
    "fr": (
        "pays en developpement",
        "pays developpes",
        "pays les moins avances",
        "pays en developpement sans littoral",
        "petits etats insulaires en developpement",
        "pays a revenu intermediaire",
        "pays du sud",
        "pays en developpement demandeurs",
        "pays africains",
    ),
}


_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1024)
def _keys(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each word with its normalised form (compact for Chinese, spaced words otherwise), computed once."""
    out = []
    for w in words:
        n = normalize(w)
        out.append((w, n.compact if n.han else n.text))
    return tuple(out)


def _has(text: str, name: str) -> bool:
    return _in(normalize(text), _keys((name,))[0][1])


@lru_cache(maxsize=8)
def countries(lang: str) -> tuple[str, ...]:
    """The world's country names in `lang` (CLDR, through Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return ()
    return tuple(
        name
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in ("UN", "EU", "EZ", "QO")
    )


# A personal procedure ("how do I register a cooperative?", "在家怎么做？"): the document is a policy text
# and gives no steps for individuals, so such a question is outside it whatever words it shares.
_PROCEDURE = {
    "zh": r"(?:我|我们|个人|在家)(?:该|要|应该|可以)?(?:怎么|怎样|如何)(?:才能)?"
    r"(?:注册|申请|办理|报名|做|买|订|安装|还款)"
    r"|(?:怎么|怎样|如何)(?:注册|申请|办理|报名|烹饪|下载|安装)|在家怎么做|办理流程|申请流程",
    "en": r"\bhow (?:do|can|should|would) i\b"
    r"|\bhow to (?:apply|register|sign up|cook|install|book|buy|open)\b",
    "es": r"\bc[oó]mo (?:puedo|debo|me|hago para)\b|\bc[oó]mo se (?:hace|prepara|cocina|registra|inscribe)\b",
    "fr": r"\bcomment (?:puis je|dois je|je peux|je dois|faire pour|m inscrire|s inscrire|cuisiner"
    r"|preparer)\b"
    r"|\bquelles demarches\b",
}


@dataclass
class Scope:
    """What the document names and what it never speaks of, per language (see the module docstring)."""

    people: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    outside: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def outside_subject(self, question: str, lang: str) -> str | None:
        """The subject the document never speaks of that a question is about, if any: a listed one,
        or a personal procedure."""
        norm = normalize(question)
        for word, key in _keys(tuple(self.outside.get(lang, ()))):
            if _in(norm, key):
                return word
        pattern = _PROCEDURE.get(lang)
        if pattern and (m := re.search(pattern, norm.compact if lang == "zh" else norm.text)):
            return m.group(0)
        return None


def load_scope(path: Path) -> Scope:
    """Read a scope file; a missing file is an empty scope, problems are collected for `check`."""
    from .yamlio import load_yaml

    if not path.is_file():
        return Scope()
    data = load_yaml(path)
    scope = Scope()
    if not isinstance(data, dict):
        scope.problems.append(f"{path}:1: expected a mapping with people, places and outside")
        return scope
    for name in ("people", "places", "outside"):
        table = data.get(name) or {}
        if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
            scope.problems.append(f"{path}: {name!r} maps each language to a list")
            continue
        setattr(scope, name, {str(k): [str(w) for w in v] for k, v in table.items()})
    return scope


def scope_problems(scope: Scope, editions: dict[str, str]) -> list[str]:
    """People and places must occur in their edition; outside subjects must not."""
    out = list(scope.problems)
    rules = (
        ("people", True, "does not occur in the {lang} edition"),
        ("places", True, "does not occur in the {lang} edition"),
        ("outside", False, "occurs in the {lang} edition, so the document does speak of it"),
    )
    for kind, must_occur, problem in rules:
        for lang, names in getattr(scope, kind).items():
            text = editions.get(lang)
            if text is not None:
                out += [
                    f"scope: {kind} {lang} {n!r} " + problem.format(lang=lang)
                    for n in names
                    if _has(text, n) != must_occur
                ]
    return out
