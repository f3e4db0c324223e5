"""The chatbot's cue words as data: the patterns and word lists in data/cues.yaml, compiled once.

What a question does (a greeting, "which paragraphs mention X", a follow-up, a false premise, a question
for a year or a name) is recognised by per-language patterns that a translator or course author edits
without reading Python; the file's header says its format. The code reads each table by name through
the accessors below, and the names and shapes it reads are the `Literal` types here, so mypy flags a
misspelt name and `ssc-learn check` (`problems`) flags a table the file lacks, a pattern that does not
compile, or a language a table leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from .errors import ContentError
from .yamlio import line_of

CUES_PATH = Path(__file__).resolve().parent / "data" / "cues.yaml"

# The tables the code reads, by shape.
Each = Literal[  # one pattern per language
    "follow",
    "asker",
    "bare",
    "opening",
    "premise",
    "denial",
    "person",
    "asks_year",
    "asks_figure",
    "condition",
    "place",
    "country",
    "organisation",
    "asks_name",
    "this_document",
    "body_name",
    "plural_body",
    "present",
    "latest",
    "since_year",
    "ranking",
    "superlative",
    "specific",
    "asks_kind",
    "asks_reason",
    "asks_cause",
    "causal",
    "causes",
    "why_said",
    "trend_up",
    "trend_down",
    "host_claim",
    "next",
    "indefinite",
    "procedure",
    "advice",
    "task",
    "explain",
    "other_text",
    "own_text",
    "asks_venue",
    "venue",
    "document_named",
    "next_paragraph",
    "previous_paragraph",
    "where_said",
]
Shared = Literal[  # one pattern for every language
    "greeting",
    "thanks",
    "help",
    "more",
    "original",
    "paragraph",
    "bare_id",
    "inline_id",
    "relative_id",
    "goes_on",
    "quiz",
    "stop_quiz",
    "negated",
    "asks_how_many_years",
    "asks_regions",
    "symbol",
    "full_name",
]
Tried = Literal["which", "define", "topic", "mention"]  # patterns for every language, tried in order
Words = Literal["regions", "country_kinds", "body_kinds", "ordinals"]
Limit = Literal["short"]

_RESERVED = ("flags", "except", "any", "tried")
_FLAGS = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII")


@dataclass
class Cues:
    """The compiled tables of a cue file, and what is wrong with it."""

    each: dict[str, dict[str, re.Pattern[str]]] = field(default_factory=dict)
    shared: dict[str, re.Pattern[str]] = field(default_factory=dict)
    tried: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    limits: dict[str, dict[str, int]] = field(default_factory=dict)
    excepted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # languages left out on purpose
    shapes: dict[str, str] = field(default_factory=dict)  # name → each, shared, tried, words or limits
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name → languages in the file
    # name → (claim, holds), each language → pattern: a stance of the document against a claim
    stances: dict[str, tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]] = field(
        default_factory=dict
    )
    problems: list[str] = field(default_factory=list)


def cue(name: Each, lang: str) -> re.Pattern[str] | None:
    """Table `name`'s pattern for questions in `lang`; None when it has none for that language."""
    return _bundled().each[name].get(lang)


def cue_for_all(name: Shared) -> re.Pattern[str]:
    """The pattern `name`, the same for every language."""
    return _bundled().shared[name]


def stances(lang: str) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """The document's stances in `lang`: (name, how a question claims the opposite, how a paragraph
    holds the stance)."""
    out = []
    for name, (claim, holds) in _bundled().stances.items():
        if lang in claim and lang in holds:
            out.append((name, claim[lang], holds[lang]))
    return out


def cue_list(name: Tried) -> tuple[re.Pattern[str], ...]:
    """The patterns of `name`, for every language, in the order they are tried."""
    return _bundled().tried[name]


def words(name: Words, lang: str) -> tuple[str, ...]:
    """The word list `name` in `lang` (empty when it has none)."""
    return _bundled().words[name].get(lang, ())


def limit(name: Limit, lang: str) -> int:
    """The number `name` for `lang`."""
    return _bundled().limits[name][lang]


def load() -> None:
    """Read and compile the package's cue file now rather than at the first question (the chatbot does
    when it is built, in the app's warm-up); raises ContentError when it is broken."""
    _bundled()


@cache
def _bundled() -> Cues:
    """The package's cue file, read on first use; a broken one is an error, not a silent fallback."""
    cues = read(CUES_PATH)
    if cues.problems:
        raise ContentError.first_of(cues.problems)
    return cues


def read(path: Path) -> Cues:
    """Read and compile a cue file; every problem is collected, one line each, in `problems`."""
    from .errors import SSCError
    from .yamlio import load_yaml

    try:
        data = load_yaml(path)
    except SSCError as exc:
        return Cues(problems=[exc.message])
    cues = Cues()
    if not isinstance(data, dict):
        cues.problems.append(f"{path}:1: a cue file maps 'patterns', 'words' and 'limits' to tables")
        return cues
    where = f"{path}:{line_of(data)}"
    for section in data:
        if section not in ("patterns", "words", "limits", "stances"):
            cues.problems.append(f"{where}: unknown section {section!r} (patterns, words, limits, stances)")
    for name, table in _tables(data, "patterns", path, cues):
        _read_patterns(name, table, f"{path}:{line_of(table)}", cues)
    _read_values(data, "words", path, cues, cues.words, _word_list, "expected a list of words or phrases")
    _read_values(
        data, "limits", path, cues, cues.limits, _whole_number, "expected a whole number, not {value!r}"
    )
    _read_stances(data.get("stances") or {}, path, cues)
    _check_names(cues, path)
    return cues


def _read_stances(section: Any, path: Path, cues: Cues) -> None:
    """The stances: each a `claim` and a `holds` table of one pattern per language."""
    if not isinstance(section, dict):
        cues.problems.append(f"{path}: 'stances' maps names to a claim and a holds table")
        return
    for name, table in section.items():
        at = f"{path}:{line_of(table) if isinstance(table, dict) else line_of(section)}: stances: {name}"
        if not isinstance(table, dict) or set(table) != {"claim", "holds"}:
            cues.problems.append(f"{at}: expected exactly 'claim' and 'holds'")
            continue
        sides: list[dict[str, re.Pattern[str]]] = []
        for side in ("claim", "holds"):
            langs = table[side]
            compiled: dict[str, re.Pattern[str]] = {}
            if not isinstance(langs, dict):
                cues.problems.append(f"{at}: {side}: expected one pattern per language")
            else:
                for lang, value in langs.items():
                    if (p := _compile(value, 0, f"{at}: {side}: {lang}", cues)) is not None:
                        compiled[str(lang)] = p
            sides.append(compiled)
        cues.stances[str(name)] = (sides[0], sides[1])


_V = TypeVar("_V")


def _word_list(value: Any) -> tuple[str, ...] | None:
    ok = isinstance(value, list) and value and all(isinstance(w, str) and w.strip() for w in value)
    return tuple(value) if ok else None


def _whole_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _read_values(
    data: dict[str, Any],
    section: str,
    path: Path,
    cues: Cues,
    into: dict[str, dict[str, _V]],
    parse: Callable[[Any], _V | None],
    problem: str,
) -> None:
    """Read one section of per-language values ("words", "limits"), each checked by `parse` (None: a
    problem worded by `problem`)."""
    for name, table in _tables(data, section, path, cues):
        at = f"{path}:{line_of(table)}: {name}"
        cues.excepted[name] = _excepted(table, at, cues)
        cues.shapes[name], into[name] = section, {}
        cues.written[name] = tuple(lang for lang, _value in _languages(table))
        for lang, value in _languages(table):
            parsed = parse(value)
            if parsed is None:
                cues.problems.append(f"{at}: {lang}: " + problem.format(value=value))
            else:
                into[name][lang] = parsed


def problems(path: Path, languages: Iterable[str]) -> list[str]:
    """What `check` reports about a cue file: what `read` finds, and every table with a pattern, word list
    or number per language that leaves out one of `languages` without saying so (`except`)."""
    cues = read(path)
    out = list(cues.problems)
    langs = list(languages)
    for name, sides in cues.stances.items():
        for side, table in zip(("claim", "holds"), sides):
            missing = [x for x in langs if x not in table]
            if missing:
                out.append(f"{path}: stances: {name}: {side}: no {', '.join(missing)}")
    for section, tables in (("patterns", cues.each), ("words", cues.words), ("limits", cues.limits)):
        for name in tables:
            written, excepted = cues.written.get(name, ()), cues.excepted.get(name, ())
            missing = [x for x in langs if x not in written and x not in excepted]
            if missing:
                out.append(
                    f"{path}: {section}: {name}: no {', '.join(missing)} (add it, or list it under 'except')"
                )
    return out


def stance_problems(path: Path, editions: dict[str, list[str]]) -> list[str]:
    """A stance no paragraph of an edition holds (its `holds` pattern matches none of `editions`'
    texts, lang → paragraph texts) can refute nothing in that language: a pattern that missed the
    document's wording ("non-conditionality" where it looked for "no conditionality")."""
    from .textnorm import normalize

    out = []
    for name, (_claim, holds) in read(path).stances.items():
        for lang, texts in editions.items():
            pattern = holds.get(lang)
            if pattern is None:
                continue
            flat = (normalize(t) for t in texts)
            if not any(pattern.search(n.compact if lang == "zh" else n.text) for n in flat):
                out.append(f"{path}: stances: {name}: holds: no paragraph of the {lang} edition matches")
    return out


def _tables(data: dict[Any, Any], section: str, path: Path, cues: Cues) -> list[tuple[str, dict[Any, Any]]]:
    value = data.get(section)
    if value is None:
        cues.problems.append(f"{path}:1: no {section!r} section")
        return []
    if not isinstance(value, dict):
        cues.problems.append(f"{path}:{line_of(data)}: {section!r} maps names to tables")
        return []
    out = []
    for name, table in value.items():
        if isinstance(table, dict):
            out.append((str(name), table))
        else:
            cues.problems.append(f"{path}:{line_of(value)}: {section}: {name}: expected a mapping")
    return out


def _languages(table: dict[Any, Any]) -> list[tuple[str, Any]]:
    return [(str(k), v) for k, v in table.items() if k not in _RESERVED]


def _excepted(table: dict[Any, Any], at: str, cues: Cues) -> tuple[str, ...]:
    value = table.get("except", [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        cues.problems.append(f"{at}: 'except' is a list of languages")
        return ()
    return tuple(value)


def _read_patterns(name: str, table: dict[Any, Any], where: str, cues: Cues) -> None:
    at = f"{where}: {name}"
    flags = 0
    names = table.get("flags", [])
    if not isinstance(names, list) or not all(isinstance(x, str) and x in _FLAGS for x in names):
        cues.problems.append(f"{at}: 'flags' is a list of {', '.join(_FLAGS)}")
    else:
        for flag in names:
            flags |= re.RegexFlag[flag]
    cues.excepted[name] = _excepted(table, at, cues)
    langs = _languages(table)
    shapes = [k for k in ("any", "tried") if k in table] + (["languages"] if langs else [])
    if len(shapes) != 1:
        cues.problems.append(f"{at}: expected exactly one of 'any', 'tried' or patterns per language")
        return
    cues.shapes[name] = {"any": "shared", "tried": "tried"}.get(shapes[0], "each")
    if "any" in table:
        if (p := _compile(table["any"], flags, f"{at}: any", cues)) is not None:
            cues.shared[name] = p
    elif "tried" in table:
        items = table["tried"]
        if not isinstance(items, list) or not items:
            cues.problems.append(f"{at}: 'tried' is a list of patterns")
            return
        compiled = [_compile(item, flags, f"{at}: tried #{n}", cues) for n, item in enumerate(items, 1)]
        cues.tried[name] = tuple(p for p in compiled if p is not None)
    else:
        cues.each[name] = {}
        cues.written[name] = tuple(lang for lang, _value in langs)
        for lang, value in langs:
            if (p := _compile(value, flags, f"{at}: {lang}", cues)) is not None:
                cues.each[name][lang] = p


def _compile(value: Any, flags: int, at: str, cues: Cues) -> re.Pattern[str] | None:
    """A pattern written as one string, or as a list of strings joined without separators."""
    if isinstance(value, list) and value and all(isinstance(x, str) for x in value):
        value = "".join(value)
    if not isinstance(value, str) or not value:
        cues.problems.append(f"{at}: expected a pattern (a string, or a list of strings)")
        return None
    try:
        return re.compile(value, flags)
    except re.error as exc:
        cues.problems.append(f"{at}: the pattern does not compile ({exc})")
        return None


def _check_names(cues: Cues, path: Path) -> None:
    """Every table the code reads is there, in the shape it reads it; no table is there for nothing."""
    wanted = (
        ("patterns", "each", "one pattern per language", get_args(Each)),
        ("patterns", "shared", "one pattern for every language ('any')", get_args(Shared)),
        ("patterns", "tried", "a list of patterns ('tried')", get_args(Tried)),
        ("words", "words", "a word list per language", get_args(Words)),
        ("limits", "limits", "a number per language", get_args(Limit)),
    )
    for section, shape, description, names in wanted:
        for name in names:
            if name not in cues.shapes:
                cues.problems.append(f"{path}: {section}: {name}: missing ({description})")
            elif cues.shapes[name] != shape:
                cues.problems.append(f"{path}: {section}: {name}: expected {description}")
    read = {name for *_rest, names in wanted for name in names}
    for name in sorted(cues.shapes.keys() - read):
        cues.problems.append(f"{path}: {name}: not read by the chatbot (a misspelt name?)")
