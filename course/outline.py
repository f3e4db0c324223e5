"""The course outline: thematic modules over the document's paragraphs, and the glossary.

The outline is content (YAML next to the seed). Module and glossary texts are keyed by language; a
language that is missing falls back to the document's language and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import Document
from .errors import N_, ContentError
from .yamlio import line_of, load_yaml

Localized = dict[str, str]


@dataclass(frozen=True)
class Text:
    """A piece of content in one language, and whether it is a fallback to another language."""

    value: str
    lang: str
    fallback: bool = False


def pick(values: dict[str, Any], lang: str, fallback: str = "zh") -> Text:
    """The value for `lang`, else for `fallback`, else any; marked when it is not in `lang`."""
    if values.get(lang):
        return Text(values[lang], lang)
    for other in (fallback, "en", *values):
        if values.get(other):
            return Text(values[other], other, True)
    return Text("", lang, True)


@dataclass(frozen=True)
class Module:
    """A unit of the course: paragraphs read in order, with objectives, a summary and key terms."""

    id: str
    title: Localized
    objectives: dict[str, list[str]]
    summary: Localized
    terms: tuple[str, ...]
    paragraphs: tuple[str, ...]
    line: int = 0

    def title_in(self, lang: str) -> Text:
        return pick(self.title, lang) if self.title else Text(self.id, lang, True)

    def summary_in(self, lang: str) -> Text:
        return pick(self.summary, lang)

    def objectives_in(self, lang: str) -> tuple[list[str], bool]:
        text = pick({k: "\n".join(v) for k, v in self.objectives.items()}, lang)
        return (text.value.split("\n") if text.value else []), text.fallback


@dataclass(frozen=True)
class Term:
    """A glossary entry: the term in each language, a definition, and the paragraphs that use it."""

    id: str
    term: Localized
    definition: Localized
    paragraphs: tuple[str, ...]
    aliases: dict[str, list[str]]
    line: int = 0

    def forms(self, lang: str) -> list[str]:
        """Every way the term is written in `lang`: the term, then its aliases."""
        out = [self.term[lang]] if self.term.get(lang) else []
        return out + [a for a in self.aliases.get(lang, []) if a]


@dataclass(frozen=True)
class Outline:
    """The ordered modules of a course and its glossary."""

    document: str
    modules: tuple[Module, ...]
    glossary: tuple[Term, ...]
    source: str = ""

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def require(self, module_id: str) -> Module:
        """The module with this id; a question or sheet naming one the outline lacks is a content error."""
        found = self.module(module_id)
        if found is None:
            raise ContentError(N_("unknown module {module!r}"), module=module_id)
        return found

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.glossary if t.id == term_id), None)

    def require_term(self, term_id: str) -> Term:
        """The glossary term with this id (one the outline itself named); a content error otherwise."""
        found = self.term(term_id)
        if found is None:
            raise ContentError(N_("unknown glossary term {term!r}"), term=term_id)
        return found

    def modules_of(self, pid: str) -> list[Module]:
        """The modules a paragraph (or its parent) belongs to."""
        parent = pid.split("(")[0]
        return [m for m in self.modules if pid in m.paragraphs or parent in m.paragraphs]

    def covered(self) -> set[str]:
        return {pid for m in self.modules for pid in m.paragraphs}


def _localized(raw: Any, where: str, errors: list[str], *, lists: bool = False) -> dict[str, Any]:
    if raw is None:
        return {}
    if isinstance(raw, str) and not lists:
        return {"zh": raw}
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected a mapping of language → text")
        return {}
    out: dict[str, Any] = {}
    for lang, value in raw.items():
        if lists:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors.append(f"{where}.{lang}: expected a list of texts")
                continue
            out[str(lang)] = [v.strip() for v in value]
        else:
            if not isinstance(value, str):
                errors.append(f"{where}.{lang}: expected a text")
                continue
            out[str(lang)] = value.strip()
    return out


def parse_outline(data: Any, source: str, document: Document | None = None) -> tuple[Outline, list[str]]:
    """Build an Outline from loaded YAML; returns it with the list of problems found (file:line: …)."""
    errors: list[str] = []

    def err(node: Any, message: str) -> None:
        errors.append(f"{source}:{line_of(node)}: {message}")

    if not isinstance(data, dict):
        raise ContentError(
            N_("{source}:1: an outline is a mapping with 'modules' (and 'glossary')"), source=source
        )
    raw_modules = data.get("modules")
    if not isinstance(raw_modules, list) or not raw_modules:
        raise ContentError(
            N_("{source}:{line}: 'modules' must be a non-empty list"), source=source, line=line_of(data)
        )
    known = set(document.ids) if document else None

    glossary: list[Term] = []
    seen_terms: set[str] = set()
    for raw in data.get("glossary") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            err(raw, "a glossary entry needs an 'id'")
            continue
        tid = str(raw["id"])
        if tid in seen_terms:
            err(raw, f"glossary id {tid!r} repeats")
        seen_terms.add(tid)
        where = f"{source}:{line_of(raw)}: term {tid}"
        term = _localized(raw.get("term"), where + ".term", errors)
        if not term:
            err(raw, f"term {tid}: 'term' is missing")
        paras = tuple(str(p) for p in raw.get("paragraphs") or [])
        for pid in paras:
            if known is not None and pid not in known:
                err(raw, f"term {tid}: unknown paragraph id {pid!r}")
        glossary.append(
            Term(
                id=tid,
                term=term,
                definition=_localized(raw.get("definition"), where + ".definition", errors),
                paragraphs=paras,
                aliases=_localized(raw.get("aliases"), where + ".aliases", errors, lists=True),
                line=line_of(raw),
            )
        )

    modules: list[Module] = []
    seen: set[str] = set()
    for raw in raw_modules:
        if not isinstance(raw, dict) or not raw.get("id"):
            err(raw, "a module needs an 'id'")
            continue
        mid = str(raw["id"])
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", mid):
            err(raw, f"module id {mid!r}: use lowercase letters, digits and '-'")
        if mid in seen:
            err(raw, f"module id {mid!r} repeats")
        seen.add(mid)
        listed = raw.get("paragraphs")
        if not isinstance(listed, list) or not listed:
            err(raw, f"module {mid}: 'paragraphs' must be a non-empty list")
            listed = []
        module_paras = [str(p) for p in listed]
        for pid in module_paras:
            if known is not None and pid not in known:
                err(paras_node(raw), f"module {mid}: unknown paragraph id {pid!r}")
        terms = tuple(str(t) for t in raw.get("terms") or [])
        for tid in terms:
            if tid not in seen_terms:
                err(raw, f"module {mid}: unknown glossary term {tid!r}")
        where = f"{source}:{line_of(raw)}: module {mid}"
        modules.append(
            Module(
                id=mid,
                title=_localized(raw.get("title"), where + ".title", errors),
                objectives=_localized(raw.get("objectives"), where + ".objectives", errors, lists=True),
                summary=_localized(raw.get("summary"), where + ".summary", errors),
                terms=terms,
                paragraphs=tuple(module_paras),
                line=line_of(raw),
            )
        )
    outline = Outline(str(data.get("document", "")), tuple(modules), tuple(glossary), source)
    if document is not None:
        missing = [pid for pid in document.ids if pid not in outline.covered()]
        if missing:
            errors.append(f"{source}:{line_of(raw_modules)}: paragraphs in no module: {', '.join(missing)}")
    return outline, errors


def paras_node(raw: Any) -> Any:
    """The YAML node of a module's paragraph list (for its line), else the module."""
    node = raw.get("paragraphs") if isinstance(raw, dict) else None
    return node if node is not None else raw


def load_outline(path: Path, document: Document | None = None, *, strict: bool = True) -> Outline:
    """Load an outline file; with `strict`, the first problem found is raised as ContentError."""
    outline, errors = parse_outline(load_yaml(path), str(path), document)
    if strict and errors:
        raise ContentError.first_of(errors)
    return outline


def outline_problems(path: Path, document: Document | None = None) -> list[str]:
    """Every problem in an outline file, for `ssc-learn check`."""
    try:
        return parse_outline(load_yaml(path), str(path), document)[1]
    except ContentError as exc:
        return [exc.message]
