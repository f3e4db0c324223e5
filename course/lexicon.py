"""The equivalence lexicon: which phrases name the same thing in the course's document, per language.

It is course content, one YAML file per document beside the outline and glossary
(`seeds/<document id>.lexicon.yaml`)::

    zh:
      sets:                     # each set: forms that name one thing; the first is the document's own
        - [区域, 地区]
        - [公私伙伴关系, 公私合作伙伴关系, 公私合作, PPP]
      distinct:                 # look-alike terms the question banks treat as different facts
        - [南南, 南北]
      years:                    # what the document names but does not date: another year is wrong
        蒙特雷共识: 2002
      opposites:                # words of opposite meaning: one put for the other changes the answer
        - [[共同, 相似], [不同]]
    en:
      sets:
        - [public-private partnerships, PPP, partnerships between the public and private sectors]

Sets hold synonyms of the document's terms, official short and long names, acronyms with their
expansions, and common names the document does not use (三角合作 → 三方合作). Phrases are compared
after the grader's normalisation (width, case, accents, traditional characters, punctuation) and, in
en/es/fr, word by word on Snowball stems, so one form covers its plural and its spellings.

Public API (the grader uses it; the chatbot can use it the same way)::

    from ssc_learn.course import lexicon
    lex = lexicon.for_course(course)        # or lexicon.load(seeds_dir, doc_id), or lexicon.bundled()
    lex.canonical("地区", "zh")              # ('区域',): canonical form(s) of a whole phrase, () if unknown
    lex.equivalents("PPP", "en")            # frozenset of every form of the set(s) the phrase is in
    lex.rewrite("地区机制", "zh")            # Rewrite(text='区域机制', swaps=(('地区', '区域'),))
    lex.distinct("zh")                       # [('南南', '南北'), ...]: groups never to be joined
    lex.dated("《蒙特雷共识》", "zh")         # [('蒙特雷共识', 2002)]: dated things a text names
    lex.opposites("zh")                      # [(('共同', '相似'), ('不同',)), ...]
    lexicon.problems(course)                 # what `ssc-learn check` reports about the lexicon file

`rewrite` replaces, longest first, every known form inside a text by its set's canonical form; two
texts that rewrite to the same thing say the same thing. Nothing is read at import; loading is cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kinds import Kind
from .textnorm import LATIN_LANGS, normalize, stem
from .textnorm import Norm as Normalized

if TYPE_CHECKING:
    from .content import Course

SUFFIX = ".lexicon.yaml"


@dataclass(frozen=True)
class Rewrite:
    """A text with known forms replaced by their canonical form, and the swaps made: (the form as the
    lexicon lists it, the canonical form)."""

    text: str
    swaps: tuple[tuple[str, str], ...] = ()


def script_lang(text: str, lang: str) -> str:
    """The lexicon language for `text` asked in `lang`: Chinese text uses zh, other text a Latin language."""
    if normalize(text).han:
        return "zh"
    return lang if lang in LATIN_LANGS else "en"


# Left out of comparisons: 的 and the conjunction's spelling (与/及 = 和) in Chinese, articles elsewhere.
_ZH_UNIFY = str.maketrans({"与": "和", "及": "和", "跟": "和", "的": None})
ARTICLES = frozenset("the el la los las le les l".split())
# Words after which a name goes on (High-level Committee on …, Comité de Alto Nivel sobre …).
_NAME_GOES_ON = frozenset("on for of in sobre para de del en pour sur du des".split())


def _units(n: Normalized, lang: str) -> tuple[str, ...]:
    if lang == "zh":
        return tuple(n.compact.translate(_ZH_UNIFY))
    return tuple(w for w in n.words if w not in ARTICLES)


# Endings that make another word of the same stem (developed / developing, desarrollados / desarrollo).
_PARTICIPLE = frozenset("ed ing ado ada ados adas ido ida idos idas ando iendo ant ants".split())


def _inflections(typed: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Each typed word is the listed word or an inflection of it (a short ending, not a participle)."""
    if len(typed) != len(listed):
        return True  # zh units, or a lower-case variant: nothing to compare word by word
    for a, b in zip(typed, listed):
        if a == b:
            continue
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        tails = (a[n:], b[n:])
        if max(map(len, tails)) > 3 or any(t in _PARTICIPLE for t in tails):
            return False
    return True


def _key(phrase: str, lang: str) -> tuple[str, ...]:
    """A phrase as comparison units: characters of the compact form (zh) or stemmed words (en/es/fr)."""
    units = _units(normalize(phrase), lang)
    return units if lang == "zh" else tuple(stem(w, lang) for w in units)


@dataclass
class _Table:
    """One language: sets, distinct groups, and an index from each form's key to its set."""

    lang: str
    sets: list[tuple[str, ...]] = field(default_factory=list)
    distinct: list[tuple[str, ...]] = field(default_factory=list)
    by_key: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    form_of: dict[tuple[str, ...], str] = field(default_factory=dict)  # key → the form as listed
    words_of: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # key → its words
    # The same, on unstemmed words: an exact spelling wins over a stem shared with another set
    # (efectividad belongs with eficacia, though its stem is efectivo's).
    by_exact: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)
    first: dict[str, list[int]] = field(default_factory=dict)  # first unit → form lengths, longest first
    canon_units: list[tuple[str, ...]] = field(default_factory=list)  # per set: canonical form as units
    longest: list[int] = field(default_factory=list)  # per set: the longest form, in units
    # per set: the stemmed beginnings of its forms that the form goes on after with a preposition
    # (high level committee → High-level Committee on South-South Cooperation)
    goes_on: list[set[tuple[str, ...]]] = field(default_factory=list)
    years: list[tuple[str, int]] = field(default_factory=list)  # (a form, the year of what it names)
    opposites: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def add(self, forms: tuple[str, ...]) -> None:
        i = len(self.sets)
        self.sets.append(forms)
        self.canon_units.append(_units(normalize(forms[0]), self.lang))
        self.longest.append(max(len(_units(normalize(f), self.lang)) for f in forms))
        heads: set[tuple[str, ...]] = set()
        if self.lang != "zh":
            for form in forms:
                units = _units(normalize(form), self.lang)
                for cut in range(1, len(units)):
                    if units[cut] in _NAME_GOES_ON:
                        heads.add(tuple(stem(w, self.lang) for w in units[:cut]))
        self.goes_on.append(heads)
        # A form typed in lower case is looked up too ("un fund": UN is not expanded when typed "un").
        keys = [(form, _key(form, self.lang)) for form in forms]
        keys += [(form, _key(form.lower(), self.lang)) for form in forms if form.lower() != form]
        if self.lang != "zh":
            for form in forms:
                for variant in {form, form.lower()}:
                    exact = _units(normalize(variant), self.lang)
                    if exact:
                        self.by_exact.setdefault(exact, (i, form))
                        lengths = self.first.setdefault(stem(exact[0], self.lang), [])
                        if len(exact) not in lengths:
                            lengths.append(len(exact))
                            lengths.sort(reverse=True)
        for form, k in keys:
            if not k:
                continue
            self.form_of.setdefault(k, form)
            self.words_of.setdefault(k, _units(normalize(form), self.lang))
            ids = self.by_key.setdefault(k, [])
            if i not in ids:
                ids.append(i)
            lengths = self.first.setdefault(k[0], [])
            if len(k) not in lengths:
                lengths.append(len(k))
                lengths.sort(reverse=True)


class Lexicon:
    """Equivalence sets per language (see the module docstring)."""

    def __init__(self, data: dict[str, Any] | None = None, path: Path | None = None) -> None:
        self.path = path
        self._tables: dict[str, _Table] = {}
        for lang, body in (data or {}).items():
            table = _Table(str(lang))
            body = body or {}
            for forms in body.get("sets") or []:
                forms = tuple(str(f).strip() for f in forms or [] if str(f).strip())
                if forms:
                    table.add(forms)
            for group in body.get("distinct") or []:
                group = tuple(str(f).strip() for f in group or [] if str(f).strip())
                if len(group) > 1:
                    table.distinct.append(group)
            for form, year in (body.get("years") or {}).items():
                table.years.append((str(form).strip(), int(year)))
            for pair in body.get("opposites") or []:
                sides = [tuple(str(f).strip() for f in side or [] if str(f).strip()) for side in pair or []]
                if len(sides) == 2 and all(sides):
                    table.opposites.append((sides[0], sides[1]))
            self._tables[str(lang)] = table

    def languages(self) -> list[str]:
        return list(self._tables)

    def sets(self, lang: str) -> list[tuple[str, ...]]:
        """Every set of `lang`, each as its forms (the canonical form first)."""
        table = self._tables.get(lang)
        return list(table.sets) if table else []

    def distinct(self, lang: str) -> list[tuple[str, ...]]:
        """Groups of look-alike terms that name different things in `lang` (南南 / 南北)."""
        table = self._tables.get(lang)
        return list(table.distinct) if table else []

    def years(self, lang: str) -> list[tuple[str, int]]:
        """(form, year) for what the document names without dating it (the Monterrey Consensus, 2002)."""
        table = self._tables.get(lang)
        return list(table.years) if table else []

    def opposites(self, lang: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Pairs of word groups of opposite meaning in `lang` (shared / different, 共同 / 不同)."""
        table = self._tables.get(lang)
        return list(table.opposites) if table else []

    def dated(self, text: str, lang: str) -> list[tuple[str, int]]:
        """The dated things `text` names, in any of their forms: (the form listed, its year)."""
        table = self._tables.get(lang)
        if not table or not table.years:
            return []
        said = self.rewrite(text, lang).text
        said = said if lang == "zh" else f" {said} "
        out = []
        for form, year in table.years:
            key = self.rewrite(form, lang).text
            if key and (key in said if lang == "zh" else f" {key} " in said):
                out.append((form, year))
        return out

    def _ids(self, phrase: str, lang: str) -> list[int]:
        table = self._tables.get(lang)
        return table.by_key.get(_key(phrase, lang), []) if table else []

    def canonical(self, phrase: str, lang: str) -> tuple[str, ...]:
        """The canonical form of each set the whole `phrase` belongs to; () when it is in none."""
        table = self._tables.get(lang)
        return tuple(table.sets[i][0] for i in self._ids(phrase, lang)) if table else ()

    def equivalents(self, phrase: str, lang: str) -> frozenset[str]:
        """Every form of every set the whole `phrase` belongs to (with the phrase itself)."""
        table = self._tables.get(lang)
        if not table:
            return frozenset({phrase})
        return frozenset({phrase, *(f for i in self._ids(phrase, lang) for f in table.sets[i])})

    def rewrite(self, text: str, lang: str) -> Rewrite:
        """`text` normalised, with every known form (longest first) replaced by its canonical form.

        The result is in the grader's normalised spelling: compact characters for zh, words separated
        by single spaces for en/es/fr.
        """
        return _rewrite(self, text, lang)

    def rewrite_norm(self, n: Normalized, lang: str) -> Rewrite:
        """`rewrite` of a text already normalised (the grader's reply), without normalising it again."""
        units = _units(n, lang)
        first = _rewrite_once(self, units, lang)
        again = _rewrite_once(self, tuple(first.text) if lang == "zh" else tuple(first.text.split()), lang)
        return Rewrite(again.text, first.swaps + again.swaps)

    def rewrite_units(self, units: tuple[str, ...], stems: tuple[str, ...], lang: str) -> Rewrite:
        """`rewrite` on already normalised units: characters (zh) or words with their stems."""
        table = self._tables.get(lang)
        joiner = "" if lang == "zh" else " "
        if not table or not units:
            return Rewrite(joiner.join(units))
        out: list[str] = []
        swaps: list[tuple[str, str]] = []
        i, n = 0, len(units)
        while i < n:
            lengths = table.first.get(stems[i])
            hit = None
            if lengths:
                for length in lengths:
                    if i + length <= n:
                        exact = table.by_exact.get(units[i : i + length]) if table.by_exact else None
                        if exact:
                            hit = (length, exact[0], exact[1])
                            break
                        key = stems[i : i + length]
                        ids = table.by_key.get(key)
                        if ids and _inflections(units[i : i + length], table.words_of[key]):
                            hit = (length, ids[0], table.form_of[key])
                            break
            if hit is not None and lang == "zh" and not _latin_bounded(units, i, hit[0]):
                # Chinese is compared character by character, and so would be a Latin acronym the
                # Chinese sets list: LDCs inside LLDCs (landlocked developing countries) is not LDCs.
                hit = None
            if hit is None:
                out.append(units[i])
                i += 1
                continue
            length, sid, form = hit
            if (
                lang != "zh"
                and i + length < n
                and units[i + length] in _NAME_GOES_ON
                and length < table.longest[sid]
                and stems[i : i + length] in table.goes_on[sid]
            ):
                # A short name that the text goes on to complete differently ("Iniciativa de Alianza
                # Global sobre Cooperación Sur-Sur"): not this set's thing, leave it as typed.
                out.append(units[i])
                i += 1
                continue
            canon = table.canon_units[sid]
            if units[i : i + length] != canon:
                swaps.append((form, table.sets[sid][0]))
            out.extend(canon)
            i += length
        return Rewrite(joiner.join(out), tuple(swaps))


def _latin_bounded(units: tuple[str, ...], i: int, length: int) -> bool:
    """Units i..i+length are not a Latin word's inside: a Latin form starts and ends at word edges."""
    first, last = units[i], units[i + length - 1]
    before = units[i - 1] if i > 0 else ""
    after = units[i + length] if i + length < len(units) else ""
    return not (
        (first.isascii() and first.isalnum() and before.isascii() and before.isalnum() and before)
        or (last.isascii() and last.isalnum() and after.isascii() and after.isalnum() and after)
    )


@lru_cache(maxsize=8192)
def _rewrite(lex: Lexicon, text: str, lang: str) -> Rewrite:
    # Twice: once more on the result for an acronym expanded inside a longer name (microentreprises et PME).
    return lex.rewrite_norm(normalize(text), lang)


def _rewrite_once(lex: Lexicon, units: tuple[str, ...], lang: str) -> Rewrite:
    if lang == "zh":
        return lex.rewrite_units(units, units, lang)
    return lex.rewrite_units(units, tuple(stem(w, lang) for w in units), lang)


EMPTY = Lexicon()


def path_for(seeds: Path, doc_id: str) -> Path:
    return seeds / f"{doc_id}{SUFFIX}"


def load(seeds: Path, doc_id: str) -> Lexicon:
    """The lexicon of document `doc_id` in `seeds` (empty when the document has none)."""
    from .yamlio import load_yaml

    path = path_for(seeds, doc_id)
    if not path.is_file():
        return EMPTY
    data = load_yaml(path)
    return Lexicon(data if isinstance(data, dict) else {}, path)


def for_course(course: Course) -> Lexicon:
    """The lexicon of a loaded course."""
    return load(course.seeds, course.manifest.id)


@lru_cache(maxsize=1)
def bundled() -> Lexicon:
    """The lexicon shipped with the package (every `*.lexicon.yaml` in the bundled seeds, merged)."""
    from .paths import seeds_dir
    from .yamlio import load_yaml

    merged: dict[str, dict[str, Any]] = {}
    for path in sorted(seeds_dir().glob(f"*{SUFFIX}")):
        data = load_yaml(path)
        for lang, body in (data or {}).items() if isinstance(data, dict) else ():
            slot = merged.setdefault(str(lang), {"sets": [], "distinct": [], "years": {}, "opposites": []})
            for k in ("sets", "distinct", "opposites"):
                slot[k] += list((body or {}).get(k) or [])
            slot["years"].update((body or {}).get("years") or {})
    return Lexicon(merged)


def problems(course: Course) -> list[str]:
    """What is wrong with the course's lexicon: unknown forms, and sets joining terms the banks keep apart.

    Every set must name at least one form that occurs in that language's edition; no set may make a
    question's rejected answer (or a member of a `distinct` group) say the same as an accepted answer.
    """
    from .errors import SSCError
    from .yamlio import load_yaml

    path = path_for(course.seeds, course.manifest.id)
    if not path.is_file():
        return []
    try:
        data = load_yaml(path)
    except SSCError as exc:
        return [exc.message]
    if not isinstance(data, dict):
        return [f"{path}:1: a lexicon maps each language to its 'sets' and 'distinct' lists"]
    out: list[str] = []
    lex = Lexicon(data, path)
    for lang in lex.languages():
        try:
            edition = course.edition(lang)
        except SSCError:
            out.append(f"{path}: {lang}: no edition of the document in this language")
            continue
        text = normalize(" ".join(p.text for p in edition))
        haystack = text.compact if lang == "zh" else f" {text.text} "
        for forms in lex.sets(lang):
            if not any(_occurs(f, lang, haystack) for f in forms):
                out.append(f"{path}: {lang}: set {list(forms)} names no form found in the {lang} edition")
        for form, _year in lex.years(lang):
            if not any(_occurs(f, lang, haystack) for f in lex.equivalents(form, lang)):
                out.append(f"{path}: {lang}: the dated name {form!r} is not found in the {lang} edition")
        for a, b in lex.opposites(lang):
            if set(a) & set(b):
                out.append(f"{path}: {lang}: opposites {list(a)} and {list(b)} share a word")
        for group in lex.distinct(lang):
            joined = {lex.rewrite(g, lang).text for g in group}
            if len(joined) < len(group):
                out.append(f"{path}: {lang}: a set joins the distinct terms {list(group)}")
        out += _bank_clashes(lex, course, lang, path)
    return out


def _occurs(form: str, lang: str, haystack: str) -> bool:
    n = normalize(form)
    return (n.compact in haystack) if lang == "zh" else (f" {n.text} " in haystack)


def _bank_clashes(lex: Lexicon, course: Course, lang: str, path: Path) -> list[str]:
    """Accepted answers of one question that the lexicon makes equal to a rejected answer of any question."""
    accepted: dict[str, tuple[str, str]] = {}
    rejected: dict[str, tuple[str, str]] = {}
    for q in course.bank.all(lang):
        if q.type != Kind.TEXT:
            continue
        for a in q.answers:
            if script_lang(a, lang) == lang:
                accepted.setdefault(lex.rewrite(a, lang).text, (q.id, a))
        for r in q.reject:
            if script_lang(r, lang) == lang:
                rejected.setdefault(lex.rewrite(r, lang).text, (q.id, r))
    out = []
    for key, (rq, r) in rejected.items():
        if key in accepted:
            aq, a = accepted[key]
            if normalize(a).compact != normalize(r).compact:
                out.append(
                    f"{path}: {lang}: a set makes {a!r} (accepted in {aq}) equal to {r!r} (rejected in {rq})"
                )
    return out
