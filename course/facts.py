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
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .cues import Each, cue, cue_for_all, words
from .textnorm import HAN_RE, YEAR_RE, Norm, normalize
from .world import countries

YEAR = "year"
FIGURE = "figure"
PERSON = "person"
PLACE = "place"
COUNTRY = "country"
ORGANISATION = "organisation"
NAME = "name"  # what something is called: a proper name
REASON = "reason"  # why something was chosen
KINDS = (YEAR, FIGURE, PERSON, PLACE, ORGANISATION, COUNTRY, NAME, REASON)

# The cues for each kind of answer (tables asks_reason, person, asks_year, asks_figure, place,
# organisation, country, asks_name; causal, condition, superlative, specific, asks_kind, next, indefinite,
# procedure, this_document, full_name, asks_how_many_years, asks_regions; word lists regions and
# country_kinds) are data: data/cues.yaml, with the reasons each is as it is.
_NEVER = re.compile(r"$^")  # for a language a table has no pattern for
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
    tables: tuple[tuple[str, Each], ...] = (
        (REASON, "asks_reason"),
        (REASON, "asks_cause"),
        (PLACE, "asks_venue"),
        (PERSON, "person"),
        (YEAR, "asks_year"),
        (FIGURE, "asks_figure"),
        (PLACE, "place"),
        (ORGANISATION, "organisation"),
        (COUNTRY, "country"),
        (NAME, "asks_name"),
    )
    for kind, table in tables:
        pattern = cue(table, lang)
        if pattern and pattern.search(question):
            if table == "asks_cause" and not _asks_cause(question, lang):
                continue
            if kind == YEAR and (cue("condition", lang) or _NEVER).search(question):
                continue
            return kind
    return None


def _asks_cause(question: str, lang: str) -> bool:
    """Whether a question asks the cause of a trend ("why is global debt rising?"). "Why does the
    document say debt is falling?" does not: it asks why the document says something, which its own
    reasoning answers, or the claim is a false premise."""
    return bool(
        (cue("asks_cause", lang) or _NEVER).search(question)
        and not (cue("why_said", lang) or _NEVER).search(question)
    )


# A year in a document's name ("the 2030 Agenda", "Agenda 2063", 《2030年可持续发展议程》, "à l'horizon
# 2030") names the document, not the date of anything.
_TITLE_YEAR = re.compile(
    r"《[^》]*》"
    r"|(?:agenda|programme|programa|program|horizon|horizonte|vision|visión|plan)\s+(?:de\s+)?\d{4}"
    r"|\d{4}\s+(?:agenda|programme|program)\b",
    re.IGNORECASE,
)


def years(text: str) -> set[str]:
    """The years a text gives as dates (not those in a document's name)."""
    return set(YEAR_RE.findall(_TITLE_YEAR.sub(" ", text)))


def figures(text: str, anniversaries: bool = False) -> set[str]:
    """The figures in a text that are neither years nor parts of a date or of a document symbol
    (71/318, 第33/134号); ordinals and anniversaries only when `anniversaries` (they answer "how many
    years", not "how many people")."""
    found: set[str] = set()
    for m in _DIGITS_RE.finditer(text):
        value = m.group(0)
        after = text[m.end() : m.end() + 3].lstrip()[:1]
        if YEAR_RE.fullmatch(value) or after in ("月", "日", "号", "段"):
            continue
        if not anniversaries and _ORDINAL_AFTER.match(text, m.end()):
            continue
        # A number in a name ("Goal 17", 目标17, resolution 71/318) names, it does not count.
        if _NAME_NUMBER.search(text[max(0, m.start() - 14) : m.start()]):
            continue
        # The days of a date ("from 20 to 22 March") are no figures.
        if _MONTHS.search(text[max(0, m.start() - 16) : m.end() + 16]):
            continue
        found.add(value)
    for m in _WORDS_RE.finditer(text):
        word = m.group(0).lower()
        before = text[max(0, m.start() - 12) : m.start()]
        # "millions of citizens", "des milliers", "数百万人": a magnitude with no count says "many".
        if _INDEFINITE_MAGNITUDE.fullmatch(word) and not _COUNT_BEFORE.search(before):
            continue
        if text[max(0, m.start() - 1) : m.start()] in ("数", "几", "上", "成"):
            continue
        found.add(word)
    if anniversaries:
        found.update(w.lower() for w in _ANNIVERSARY_RE.findall(text))
    return found


_INDEFINITE_MAGNITUDE = re.compile(
    r"(?:hundreds|thousands|millions|billions|cientos|miles|millones|centaines|milliers|millions|milliards)"
)
_COUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:two|three|four|five|ten|dos|tres|cuatro|cinco|diez|deux|trois|quatre|"
    r"cinq|dix|several|many|varios|varias|plusieurs))\s*$",
    re.IGNORECASE,
)
_NAME_NUMBER = re.compile(
    r"(?:goal|goals|objetivo|objetivos|objectif|objectifs|sdg|ods|odd|目标|resolution|resolución|résolution"
    r"|决议|session|período de sesiones|sesión)\s*(?:no\.?\s*)?$",
    re.IGNORECASE,
)
_ANNIVERSARY_RE = re.compile(
    r"[一二三四五六七八九十两百]+(?=周年)|\b(?:fortieth|cuadrag[ée]simo|quaranti[èe]me|\w+(?:tieth|th))\b",
    re.IGNORECASE,
)


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

    With `about`, a year or figure counts only near words that `about` says are the question's subject
    ("the Nairobi meeting was in which year?" is not answered by the year of another resolution in the
    same paragraph). With `after` (the document's year), a question about what comes *next* is answered
    only by a later year."""
    if _other_ordinal(text, question, lang):
        return False
    if kind != YEAR and after is not None and (cue("next", lang) or _NEVER).search(question):
        # "Where is the next conference?": only a paragraph that looks beyond the document's year can say.
        if not any(int(y) > after for y in years(text)):
            return False
    if kind == REASON:
        if (cue("causal", lang) or _NEVER).search(text):
            return True
        # The cause of a trend may be named without a causal word: "corruption … reduces the domestic
        # resources mobilized" answers "why is domestic resource mobilization shrinking?".
        return _asks_cause(question, lang) and bool((cue("causes", lang) or _NEVER).search(text))
    if kind == PLACE and (cue("asks_venue", lang) or _NEVER).search(question):
        # "Which conference centre in Buenos Aires?" is not answered by a city or a country.
        asked = normalize(question).compact
        return any(
            normalize(m.group(0)).compact not in asked for m in (cue("venue", lang) or _NEVER).finditer(text)
        )
    if kind in (YEAR, FIGURE):
        found = _found(text, kind, question, lang, after)
        if kind == FIGURE and after is not None and (cue("present", lang) or _NEVER).search(question):
            # "What share lives in cities today?" is not answered by the share expected by 2050.
            found = {
                v for v in found if not any(int(y) > after for w in _around(text, {v}) for y in years(w))
            }
        return _bound(text, found, about)
    if kind == NAME:
        # A proper name: a body's, a document's title, or a person or place the scope file lists.
        # The official name of something the question calls by a short name is the document's full one.
        asked = "" if cue_for_all("full_name").search(question) else question
        found = bodies(text, asked, lang, scope) | _titles(text, asked)
        return _bound(text, found, about) or _gives_named(text, PERSON, question, scope, lang)
    if kind == ORGANISATION:
        # A mechanism, plan or agenda is no answer to "which agency runs it?".
        found = {b for b in bodies(text, question, lang, scope) if not _NOT_A_BODY.search(b)}
        asks_name = (cue("asks_name", lang) or _NEVER).search(question)
        # "Which organisations?" is answered by kinds of body; "what are the banks called?" and "which
        # ones, concretely?" are not.
        if _bound(text, found, about):
            return True
        if _plural_body(question, lang) and not asks_name and not _by_name(question, lang):
            # "Which organisations?" is answered by the kinds of body the document names, wherever they
            # are, whatever name stands elsewhere in the paragraph (the African Union of a title).
            t, q = normalize(text), normalize(question)
            return any(_in(t, key) and not _in(q, key) for _k, key in _keys(words("body_kinds", lang)))
        return False
    return _gives_named(text, kind, question, scope, lang)


def _other_ordinal(text: str, question: str, lang: str) -> bool:
    """Whether the question asks about the third (fourth …) of something and the text names no third:
    a paragraph on the second conference does not say when the third one is."""
    q, t = normalize(question), normalize(text)
    for forms in _ordinals(lang):
        if any(_in(q, key) for _f, key in _keys(forms)):
            return not any(_in(t, key) for _f, key in _keys(forms))
    return False


@lru_cache(maxsize=8)
def _ordinals(lang: str) -> tuple[tuple[str, ...], ...]:
    """The ordinals of `lang`, two to ten, each as its alternatives (data/cues.yaml, ordinals)."""
    return tuple(tuple(f.strip() for f in entry.split("|")) for entry in words("ordinals", lang))


def _bound(text: str, found: set[str], about: Callable[[str], bool] | None) -> bool:
    """Whether any of the answers found stands near the question's subject (any, without `about`)."""
    if about is None or not found:
        return bool(found)
    return any(about(window) for window in _around(text, found))


def _titles(text: str, question: str) -> set[str]:
    """The titles of documents a text gives (《…》, “…”) that the question does not give itself."""
    q = normalize(question).compact
    found = {m.group(1) for m in re.finditer(r"[《“\"]([^》”\"]{2,80})[》”\"]", text)}
    return {t for t in found if normalize(t).compact not in q}


def _by_name(question: str, lang: str) -> bool:
    """Whether the things a question asks for are asked for by name ("具体是哪些？", "list them",
    "¿cuáles concretamente?"), so that a kind of them ("developing countries", "UN entities") is no
    answer; a kind asked for ("哪类国家？", "what kinds of body?") is one all the same."""
    n = normalize(question)
    flat = n.compact if lang == "zh" else n.text
    if not (cue("specific", lang) or _NEVER).search(flat):
        return False
    return not (cue("asks_kind", lang) or _NEVER).search(flat)


def _plural_body(question: str, lang: str) -> bool:
    """Whether a question asks for bodies in the plural (then kinds of body answer it)."""
    return bool((cue("plural_body", lang) or _NEVER).search(question))


def bodies(text: str, question: str, lang: str, scope: Scope | None = None) -> set[str]:
    """The names of bodies in `text` (capitalised words, acronyms, or Chinese names ending as bodies' do)
    that the question does not name itself; places and countries are not bodies."""
    pattern = cue("body_name", lang)
    if pattern is None:
        return set()
    q = normalize(question)
    places = _compact((*(scope or Scope()).places.get(lang, []), *countries(lang)))
    # "Which ministry?" is answered by a ministry's name only; "which body?" by any body's. The kind is
    # the one asked for ("which agency manages the fund?" asks for an agency, not a fund).
    asked = (cue("organisation", lang) or _NEVER).search(question)
    asked_kind = normalize(asked.group(0)).compact if asked else ""
    kinds = [k for k in _BODY_TYPES if k in asked_kind]
    out = set()
    names = (part for m in pattern.finditer(text) for part in _AND.split(m.group(0)))
    asked_words = set(q.text.split())
    for name in names:
        name = name.strip()
        if lang == "zh":
            # The pattern reads from the clause's start: "注意到设立了新的机构" is "机构", no name. A name
            # has no particle or demonstrative in it; what follows the last one is the name, if any.
            name = _ZH_CLAUSE.split(name)[-1]
        norm = normalize(name)
        key = norm.compact
        if len(key) < 3 or key in q.compact or any(p in key for p in places):
            continue
        # Every word of the name in the question, in any order ("the Technology Bank for LDCs", the
        # lexicon adding "least developed countries"): the question names it itself.
        if not norm.han and set(norm.text.split()) - _GLUE <= asked_words:
            continue
        if kinds and not any(k in key for k in kinds):
            continue
        if lang == "zh" and not _ZH_GENERIC.sub("", key):
            continue  # 国际和区域银行: a kind of bank, described by scope alone, names none
        out.add(name)
    return out


# The small words inside a name ("Bank for the Least Developed Countries", "Banco de Desarrollo").
_GLUE = frozenset("of for the and on in de del la las los el y para des du d et pour en sur l".split())
# Two names run together ("the Technology Facilitation Mechanism and the Technology Bank for the Least
# Developed Countries") are two names: the question may give one of them itself.
_AND = re.compile(r"\s+(?:and|y|et)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+|le\s+|les\s+|l['’]\s*)?")
# Names of things that are not bodies: they name no agency or organisation.
_NOT_A_BODY = re.compile(
    r"\b(?:mechanisms?|mecanismos?|m[ée]canismes?|facility|agenda|plan|framework|marco|cadre|declaration|"
    r"declaraci[óo]n|d[ée]claration|initiatives?|iniciativas?|strateg(?:y|ies)|estrategias?|strat[ée]gies?|"
    r"goals?|objetivos?|objectifs?)\b|机制|议程|计划(?!署)|框架|宣言|倡议|目标",
    re.IGNORECASE,
)


# What a Chinese clause has before a body's name and a name never has inside it.
_ZH_CLAUSE = re.compile("的|了|们|这些|那些")

# Words that describe a Chinese body's scope or kind without naming it (国际和区域银行, 以及区域和全球银行):
# a "name" made of them alone is a kind of body.
_ZH_GENERIC = re.compile(
    "以及|和|及|与|或|国际|全球|区域|次区域|区域间|多边|双边|国家|新|开发|发展|各|有关|相关"
    "|银行|基金|机构|组织|实体|方案|委员会|中心|办公室|智库|大学"
)


@lru_cache(maxsize=16)
def _compact(names: tuple[str, ...]) -> frozenset[str]:
    """Names normalised without spaces, once (a body check compares some 270 places and countries)."""
    return frozenset(normalize(n).compact for n in names)


# Kinds of body specific enough that only a body of that kind answers (matched in normalised text).
_BODY_TYPES = (
    "minist",
    "bank",
    "banco",
    "banque",
    "univers",
    "company",
    "companies",
    "empresa",
    "entreprise",
    "fund",
    "fondo",
    "fonds",
    "commission",
    "comision",
    "office",
    "oficina",
    "bureau",
    "think tank",
    "thinktank",
    "centro de pensamiento",
    "groupe de reflexion",
    "智库",
    "银行",
    "大学",
    "公司",
    "基金",
    "委员会",
    "办公室",
)


# How far around a year or figure its subject may be: about a dozen words, or two dozen characters.
NEAR_LATIN, NEAR_HAN = 80, 32


def _around(text: str, values: set[str]) -> Iterator[str]:
    """The text around each occurrence of the values. A title (《…》) counts as one word however long it
    is: "纪念《…行动计划》四十周年" puts 纪念 next to 四十周年."""
    near = NEAR_HAN if HAN_RE.search(text) else NEAR_LATIN
    # Each character's distance from the start, a title's characters all at its opening.
    pos, at, title = [], 0, False
    for ch in text:
        title = title or ch == "《"
        pos.append(at)
        if not title:
            at += 1
        elif ch == "》":
            title, at = False, at + 2
    for value in values:
        for m in re.finditer(re.escape(value), text, re.IGNORECASE):
            lo, hi = pos[m.start()] - near, pos[m.end() - 1] + near
            yield "".join(ch for ch, p in zip(text, pos) if lo <= p <= hi)


def _found(text: str, kind: str, question: str, lang: str, after: int | None) -> set[str]:
    """The years or figures of `kind` in `text` that the question did not bring."""
    if kind == YEAR:
        found = years(text) - years(question)
        if (cue("this_document", lang) or _NEVER).search(question):
            found -= _dated_symbols(text, question)
        if after is not None and (cue("next", lang) or _NEVER).search(question):
            found = {y for y in found if int(y) > after}
        return found
    years_asked = bool(cue_for_all("asks_how_many_years").search(question))
    return figures(text, years_asked) - figures(question, years_asked)


# A document's symbol (71/318, 33/134): the year nearest it, within this many characters, is its date
# ("resolution 71/318 of 28 August 2017", "2017 年 8 月 28 日第 71/318 号决议", "la resolución 33/134 de la
# Asamblea General, de 19 de diciembre de 1978").
_SYMBOL = re.compile(r"\d{1,4}\s*/\s*\d{1,4}")
_SYMBOL_REACH = 50


def _dated_symbols(text: str, question: str) -> set[str]:
    """The years a text gives as the dates of other documents (the year nearest a resolution's symbol),
    but the question's own: "when did the Assembly adopt this resolution?" is not answered by the date
    of resolution 71/318 that this one recalls."""
    asked = {re.sub(r"\s+", "", m.group(0)) for m in _SYMBOL.finditer(question)}
    titles = [m.span() for m in _TITLE_YEAR.finditer(text)]
    dated = [m for m in YEAR_RE.finditer(text) if not any(a <= m.start() < b for a, b in titles)]
    out = set()
    for sym in _SYMBOL.finditer(text):
        if re.sub(r"\s+", "", sym.group(0)) in asked:
            continue  # the question's own document
        near = [
            (sym.start() - y.end() if y.end() <= sym.start() else y.start() - sym.end(), y.group(0))
            for y in dated
            if not (sym.start() <= y.start() < sym.end())
        ]
        near = [(d, y) for d, y in near if 0 <= d <= _SYMBOL_REACH]
        if near:
            out.add(min(near)[1])
    return out


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
        superlative = (cue("superlative", lang) or _NEVER).search(flat)
        # "Which regions?" is not answered by a kind of country either.
        regions = cue_for_all("asks_regions").search(flat)
        # Nor when the countries are asked for by name ("具体是哪些国家？", "list them"). (A kind the
        # question gives itself is no reason: "which developing countries does the document commend?" is
        # answered by "those that have set up trust funds".)
        kinds = () if superlative or regions or _by_name(question, lang) else words("country_kinds", lang)
        names = (*countries(lang), *words("regions", lang), *kinds)
    # Both texts normalised once: a country question checks some 270 names.
    t, q = normalize(text), normalize(question)
    kind_keys = {key for _k, key in _keys(tuple(words("country_kinds", lang)))}
    named = t  # where a name (not a kind of country) is looked for
    if kind == COUNTRY:
        # "Some developing countries have lifted millions out of poverty" does not say which: a kind of
        # country after "some", "certain", "many" names none.
        t = named = normalize((cue("indefinite", lang) or _NEVER).sub(" ", text))
        if lang == "zh":
            # A country's characters inside a kind of country (中国 in 发展中国家) name no country.
            compact = t.compact
            for key in sorted(kind_keys, key=len, reverse=True):
                compact = compact.replace(key, "|") if key else compact
            named = Norm(t.raw, compact, compact, t.han)
    return any(
        _in(t if key in kind_keys else named, key) and not _in(q, key) for _name, key in _keys(tuple(names))
    )


def _in(norm: Norm, key: str) -> bool:
    """Whether a normalised text holds a key made by `_keys` (Chinese anywhere, words whole)."""
    if not key:
        return False
    return key in norm.compact if HAN_RE.search(key) else f" {key} " in f" {norm.text} "


@lru_cache(maxsize=1024)
def _keys(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each word with its normalised form (compact for Chinese, spaced words otherwise), computed once."""
    out = []
    for w in words:
        n = normalize(w)
        out.append((w, n.compact if n.han else n.text))
    return tuple(out)


_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9-]{1,7}")


@lru_cache(maxsize=64)
def _finder(words: tuple[str, ...]) -> Callable[[Norm], str | None]:
    """A function giving one of `words` that a normalised text holds as `_in` would find it (Chinese
    anywhere, other words whole), by looking each span of the text up in a table built once: the scope
    file's six hundred subjects, tried one by one, took half a millisecond a question."""
    han: dict[str, str] = {}
    spaced: dict[str, str] = {}
    for w, key in _keys(words):
        if key:
            (han if HAN_RE.search(key) else spaced).setdefault(key, w)
    longest_han = max((len(k) for k in han), default=0)
    longest_words = max((len(k.split()) for k in spaced), default=0)

    def find(norm: Norm) -> str | None:
        tokens = norm.text.split()
        for i in range(len(tokens)):
            for n in range(1, min(longest_words, len(tokens) - i) + 1):
                if (hit := spaced.get(" ".join(tokens[i : i + n]))) is not None:
                    return hit
        text = norm.compact
        for i in range(len(text)):
            for n in range(1, min(longest_han, len(text) - i) + 1):
                if (hit := han.get(text[i : i + n])) is not None:
                    return hit
        return None

    return find


@dataclass
class Scope:
    """What the document names and what it never speaks of, per language (see the module docstring)."""

    people: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    outside: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def listed_subject(self, question: str, lang: str) -> str | None:
        """The subject of the scope file's `outside` list that a question names, if any."""
        norm = normalize(question)
        if found := _finder(tuple(self.outside.get(lang, ())))(norm):
            return found
        # An acronym is the same in every language: "IMF" in a Chinese question, "WTO" in a French one.
        # Only in capitals, as written: lower-case "eu" is French for "had".
        m = self._acronyms.search(question)
        return m.group(0) if m else None

    @cached_property
    def _acronyms(self) -> re.Pattern[str]:
        """The outside subjects written as acronyms (IMF, G20, OTAN) in any language's list, as one
        pattern of whole words in capitals."""
        found = sorted(
            {w for ws in self.outside.values() for w in ws if _ACRONYM.fullmatch(w)}, key=len, reverse=True
        )
        if not found:
            return _NEVER
        return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, found)) + r")(?![A-Za-z0-9])")

    def outside_subject(self, question: str, lang: str) -> str | None:
        """The subject the document never speaks of that a question is about, if any: a listed one, a
        personal procedure, advice or an opinion asked of the bot, or a piece of work asked of it."""
        if listed := self.listed_subject(question, lang):
            return listed
        norm = normalize(question)
        flat = norm.compact if lang == "zh" else norm.text
        pattern = cue("procedure", lang)
        if pattern and (m := pattern.search(flat)):
            return m.group(0)
        return _asked_of_bot("advice", question, lang) or _asked_of_bot("task", question, lang)


def after_document(question: str, lang: str, year: int | None, numbers: Collection[str]) -> str | None:
    """What makes a question ask about a time after the document, which no text can speak of: a year
    later than its own that it never gives ("Argentina's debt in 2024"), the latest figures or news
    (data/cues.yaml, latest), what has happened since its own year (since_year), or a figure, year or
    office-holder asked of today ("the current debt-to-GDP ratio", "who heads it now?"). None when the
    question asks what the document says (`names_document`): "what does the text plan after 2020?" is
    read as it comes."""
    if year is None or names_document(question, lang):
        return None
    for found in sorted(years(question)):
        if int(found) > year and found not in numbers:
            return found
    norm = normalize(question)
    flat = norm.compact if lang == "zh" else norm.text
    if m := (cue("latest", lang) or _NEVER).search(flat):
        return m.group(0)
    # "What has happened since 2019?": after the document's own year.
    for m in (cue("since_year", lang) or _NEVER).finditer(flat):
        if int(m.group(1)) == year:
            return m.group(0)
    now = (cue("present", lang) or _NEVER).search(question)
    if now and asks_for(question, lang) in (FIGURE, YEAR, PERSON):
        return now.group(0)
    return None


def asks_how_it_works(question: str, lang: str) -> str | None:
    """What a question asks of how something works in the world ("how does the veto work?", 房贷利息
    怎么算), unless it asks what the document says (data/cues.yaml, explain)."""
    return _asked_of_bot("explain", question, lang)


def asks_other_text(question: str, lang: str) -> str | None:
    """What a question asks of another agreement, agenda or conference's content ("the aspirations of
    Agenda 2063", 《巴黎协定》的目标有哪些), which the document names without giving it; None when the
    text is the document's own or the question asks what the document says (data/cues.yaml, other_text
    and own_text)."""
    found = _asked_of_bot("other_text", question, lang)
    if found is None or (cue("own_text", lang) or _NEVER).search(
        normalize(found).compact if lang == "zh" else found
    ):
        return None
    return found


def asks_ranking(question: str, lang: str) -> str | None:
    """What a question asks of a ranking of countries ("which country has the highest debt?"), which the
    document never gives; None when it asks what the document says (data/cues.yaml, ranking)."""
    return _asked_of_bot("ranking", question, lang)


def asks_work(question: str, lang: str) -> bool:
    """Whether a question asks the bot for a piece of work (write my thesis, 帮我列个提纲) that is not
    about the document (data/cues.yaml, task)."""
    return _asked_of_bot("task", question, lang) is not None


def _asked_of_bot(name: Each, question: str, lang: str) -> str | None:
    """What a question asks of the bot itself by cue table `name` (advice, an opinion, a piece of work),
    unless it is about the document (`names_document`)."""
    pattern = cue(name, lang)
    norm = normalize(question)
    m = pattern.search(norm.compact if lang == "zh" else norm.text) if pattern else None
    return m.group(0) if m and not names_document(question, lang) else None


def names_document(question: str, lang: str) -> bool:
    """Whether a question names the document or a part of it, or asks what "it" says ("what does the
    text think of …", "what does it say about debt?"): it is then about the document."""
    named = cue("document_named", lang)
    norm = normalize(question)
    return bool(named and named.search(norm.compact if lang == "zh" else norm.text))


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
    # Each edition normalised once: normalising it again for each of some 230 names was half the
    # time of `ssc-learn check`.
    normalized = {lang: normalize(text) for lang, text in editions.items()}
    for kind, must_occur, problem in rules:
        for lang, names in getattr(scope, kind).items():
            norm = normalized.get(lang)
            if norm is not None:
                out += [
                    f"scope: {kind} {lang} {n!r} " + problem.format(lang=lang)
                    for n, key in _keys(tuple(names))
                    if _in(norm, key) != must_occur
                ]
    # An acronym is matched in every language, so it must occur in no edition.
    for lang, text in editions.items():
        out += [
            f"scope: outside acronym {m.group(0)!r} occurs in the {lang} edition: the document speaks of it"
            for m in scope._acronyms.finditer(text)
        ]
    return out
