"""The bundled course as one object: the seed document, its translations, the outline and the banks.

`load_course()` reads the content once per process; every interface (CLI, TUI, chatbot) asks it for
documents, modules and questions instead of reading files itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import cached
from .document import Document, Paragraph, load_document
from .errors import N_, ContentError, LanguageError
from .outline import Outline, load_outline
from .paths import quizzes_dir, seeds_dir
from .yamlio import line_of, load_yaml

if TYPE_CHECKING:  # loaded after the first frame (docs/architecture.md, start-up)
    from .phrasings import Phrasings
    from .questions import Bank


@dataclass(frozen=True)
class Manifest:
    """A seed's manifest: where its files are and what the text says about itself."""

    id: str
    file: str
    lang: str
    title: str
    outline: str
    translations: dict[str, str]
    metadata: dict[str, Any]
    path: Path

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise ContentError(N_("{path}:1: a manifest is a mapping"), path=path)
        for key in ("id", "file", "lang", "outline"):
            if not data.get(key):
                raise ContentError(
                    N_("{path}:{line}: manifest needs {key!r}"), path=path, line=line_of(data), key=key
                )
        return cls(
            id=str(data["id"]),
            file=str(data["file"]),
            lang=str(data["lang"]),
            title=str(data.get("title", "")),
            outline=str(data["outline"]),
            translations={str(k): str(v) for k, v in (data.get("translations") or {}).items()},
            metadata=dict(data),
            path=path,
        )


def load_translation(path: Path, original: Document) -> tuple[Document, list[str]]:
    """A paragraph-aligned translation of `original`, with the problems found in it."""
    data = load_yaml(path)
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), dict):
        raise ContentError(N_("{path}:1: a translation has 'lang' and a 'paragraphs' mapping"), path=path)
    lang = str(data.get("lang", ""))
    if not lang:
        raise ContentError(N_("{path}:1: a translation needs 'lang'"), path=path)
    raw = {str(k): v for k, v in data["paragraphs"].items()}
    line = line_of(data["paragraphs"])
    extra = [pid for pid in raw if pid not in original]
    if extra:
        problems.append(f"{path}:{line}: ids not in the original: {', '.join(extra)}")
    missing = [pid for pid in original.ids if not (isinstance(raw.get(pid), str) and raw[pid].strip())]
    if missing:
        problems.append(f"{path}:{line}: {len(missing)} paragraph(s) untranslated: {', '.join(missing[:10])}")
    paragraphs = tuple(
        Paragraph(p.id, raw[p.id].strip(), p.parent, p.part, p.line)
        for p in original.paragraphs
        if p.id not in missing
    )
    meta = {str(k): str(v) for k, v in (data.get("metadata") or {}).items()}
    doc = Document(
        id=original.id,
        lang=lang,
        title=meta.get("title", original.title),
        paragraphs=paragraphs,
        metadata=meta,
        unofficial=bool(data.get("unofficial", True)),
        notice=str(data.get("notice", "")),
    )
    return doc, problems


@dataclass
class Course:
    """Everything the course is made of, loaded from the bundled content folders."""

    manifest: Manifest
    document: Document
    outline: Outline
    seeds: Path
    quizzes: Path
    problems: list[str] = field(default_factory=list)
    _translations: dict[str, Document] = field(default_factory=dict)
    _normalized: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # for search_words

    @property
    def source_lang(self) -> str:
        return self.document.lang

    def languages(self) -> list[str]:
        """Languages the document can be read in: the original first."""
        return [self.source_lang, *[k for k in self.manifest.translations if k != self.source_lang]]

    def edition(self, lang: str) -> Document:
        """The document in `lang` (the original, or a translation); unknown languages are an error."""
        if lang == self.source_lang:
            return self.document
        if lang not in self._translations:
            rel = self.manifest.translations.get(lang)
            if rel is None:
                raise LanguageError(
                    N_("no edition of the document in {lang!r} (available: {langs})"),
                    lang=lang,
                    langs=", ".join(self.languages()),
                )
            doc, problems = load_translation(self.seeds / rel, self.document)
            self._translations[lang] = doc
            self.problems.extend(problems)
        return self._translations[lang]

    def paragraph(self, pid: str, lang: str) -> tuple[Paragraph, bool]:
        """Paragraph `pid` in `lang`, falling back to the original (second value True) when missing."""
        original = self.document.get(pid)
        if original is None:
            raise KeyError(pid)
        if lang != self.source_lang and lang in self.manifest.translations:
            found = self.edition(lang).get(pid)
            if found is not None:
                return found, False
            return original, True
        return original, lang != self.source_lang

    def search_words(self, query: str, lang: str) -> list[tuple[str, float]]:
        """Paragraphs of the `lang` edition containing every word of `query` (normalised), with a score
        from 0.5 to 0.9 that grows with how often the words occur."""
        from .textnorm import normalize

        words = normalize(query).text.split()
        if not words:
            return []
        if lang not in self._normalized:
            edition = self.edition(lang) if lang in self.languages() else self.document
            self._normalized[lang] = [(p.id, normalize(p.text).text) for p in edition]
        return [
            (pid, min(0.9, 0.5 + 0.1 * sum(text.count(w) for w in words)))
            for pid, text in self._normalized[lang]
            if all(w in text for w in words)
        ]

    @cached_property
    def phrasings(self) -> Phrasings:
        """The learners' questions per paragraph, in every language (loaded on first use)."""
        from .phrasings import load_phrasings

        return load_phrasings(self.seeds, self.manifest.id, self.document.ids, self.languages())

    @cached_property
    def bank(self) -> Bank:
        """All question banks (loaded on first use)."""
        from .questions import load_banks

        return load_banks(self.quizzes, self)


_CACHE: dict[tuple[Path, Path], Course] = {}


def load_course(
    seeds: Path | None = None, quizzes: Path | None = None, cache_dir: Path | None = None
) -> Course:
    """Load (once per process) the course whose manifest is in `seeds`.

    With a `cache_dir`, the parsed document and outline are kept there for the next start (see
    `cache.py`); the question banks and translations are loaded when first used either way.
    """
    seeds = seeds or seeds_dir()
    quizzes = quizzes or quizzes_dir()
    key = (seeds, quizzes)
    if key not in _CACHE:
        manifests = sorted(seeds.glob("*.manifest.yaml"))
        if not manifests:
            raise ContentError(N_("{path}: no *.manifest.yaml found"), path=seeds)

        def build() -> Course:
            manifest = Manifest.load(manifests[0])
            document = load_document(seeds / manifest.file, lang=manifest.lang)
            outline = load_outline(seeds / manifest.outline, document)
            return Course(manifest, document, outline, seeds, quizzes)

        # Any file the built course comes from, and the code that shapes it, invalidates the entry.
        sources = [*seeds.glob("*.yaml"), *seeds.glob("*.txt"), *_MODEL_CODE]
        _CACHE[key] = cached("course", sources, build, cache_dir)
    return _CACHE[key]


_MODEL_CODE = [
    Path(__file__),
    Path(__file__).with_name("document.py"),
    Path(__file__).with_name("outline.py"),
]
