"""`ssc-learn check`: validate every piece of bundled content and report coverage per language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import Course, load_course
from .cues import CUES_PATH, stance_problems
from .cues import problems as cue_problems
from .errors import SSCError
from .i18n import available_languages
from .itemrules import bank_problems
from .kinds import Kind, Verdict
from .lexicon import problems as lexicon_problems
from .outline import outline_problems
from .paths import locales_dir

MIN_QUESTIONS = 10  # per module and language
MIN_TYPES = 4  # per module


@dataclass
class Report:
    """What `check` found: problems (file:line: …) and coverage per shipped language."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)
    chatbot: dict[str, Any] = field(default_factory=dict)
    levels: dict[str, Any] = field(default_factory=dict)  # lang → level distribution, per module
    cues: dict[str, Any] = field(default_factory=dict)  # lang → test-taking cue figures

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": not self.errors,
            "languages": self.languages,
            "chatbot": self.chatbot,
            "levels": self.levels,
            "cues": self.cues,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def run_checks(
    seeds: Path | None = None,
    quizzes: Path | None = None,
    locales: Path | None = None,
    cues: Path | None = None,
) -> Report:
    """Validate the course content and the chatbot's cue file (`cues`, else the bundled one); never
    raises for content problems (they are in the report)."""
    report = Report()
    try:
        course = load_course(seeds, quizzes)
    except SSCError as exc:
        report.errors.append(exc.message)
        return report
    _check_manifest(course, report)
    report.errors += outline_problems(course.seeds / course.manifest.outline, course.document)
    _check_glossary(course, report)
    _check_thesaurus(course, report)
    report.errors += lexicon_problems(course)
    for lang in course.manifest.translations:
        try:
            course.edition(lang)
        except SSCError as exc:
            report.errors.append(exc.message)
    report.errors += course.problems
    bank = course.bank
    report.errors += bank.problems
    _check_answers(course, report)
    errors, report.levels, report.cues = bank_problems(course)
    report.errors += errors
    _check_bank_coverage(course, report)
    from .semantic import status

    report.chatbot, problems = status(course)
    report.errors += problems
    report.errors += cue_problems(cues or CUES_PATH, course.languages())
    editions = {lang: [p.text for p in course.edition(lang)] for lang in course.languages()}
    report.errors += stance_problems(cues or CUES_PATH, editions)
    _coverage(course, report, locales or locales_dir())
    return report


def _check_manifest(course: Course, report: Report) -> None:
    m, meta = course.manifest, course.document.metadata
    for key in ("title", "session", "agenda_item", "agenda_title"):
        want = m.metadata.get(key)
        found = course.document.title if key == "title" else meta.get(key)
        if want and found and str(want) != found:
            report.errors.append(f"{m.path}: {key} is {want!r} but the seed says {found!r}")


def _check_glossary(course: Course, report: Report) -> None:
    doc = course.document
    src = course.outline.source
    for term in course.outline.glossary:
        forms = term.forms(doc.lang)
        if not forms:
            continue
        using = [p.id for p in doc if any(f in p.text for f in forms)]
        listed = set(term.paragraphs)
        wrong = [pid for pid in term.paragraphs if pid not in using]
        missed = [pid for pid in using if pid not in listed]
        if wrong:
            report.errors.append(
                f"{src}:{term.line}: term {term.id}: {', '.join(wrong)} do not contain {forms[0]!r}"
            )
        if missed:
            report.errors.append(f"{src}:{term.line}: term {term.id}: also used in {', '.join(missed)}")


def _check_thesaurus(course: Course, report: Report) -> None:
    """Every word the thesaurus adds to a question must occur in that language's edition."""
    from .yamlio import load_yaml

    path = course.seeds / f"{course.manifest.id}.thesaurus.yaml"
    if not path.is_file():
        return
    try:
        data = load_yaml(path) or {}
    except SSCError as exc:
        report.errors.append(exc.message)
        return
    for lang, table in data.items():
        try:
            text = " ".join(p.text for p in course.edition(str(lang))).casefold()
        except SSCError:
            report.errors.append(f"{path}: no edition in {lang!r}")
            continue
        for key, words in (table or {}).items():
            for word in words if isinstance(words, list) else [words]:
                if str(word).casefold() not in text:
                    report.errors.append(
                        f"{path}:{lang}: {key!r} → {word!r} does not occur in the {lang} edition"
                    )


def _check_answers(course: Course, report: Report) -> None:
    from .grader import grade_text

    for lang in course.bank.languages():
        for q in course.bank.all(lang):
            if q.type != Kind.TEXT:
                continue
            for a in q.answers:
                g = grade_text(a, q.answers, q.keywords, q.reject)
                if not g.correct:
                    report.errors.append(
                        f"{q.file}:{q.line}: question {q.id}: accepted answer {a!r} "
                        f"grades {g.verdict} ({g.reason.code})"
                    )
            for r in q.reject:
                g = grade_text(r, q.answers, q.keywords, q.reject)
                if g.verdict != Verdict.INCORRECT:
                    report.errors.append(
                        f"{q.file}:{q.line}: question {q.id}: rejected answer {r!r} grades {g.verdict}"
                    )


def _check_bank_coverage(course: Course, report: Report) -> None:
    doc = course.document
    bank = course.bank
    tested = {pid for q in bank.all(doc.lang) for pid in q.source}
    untested = [p.id for p in doc if p.part == "annex" and p.id not in tested]
    if untested:
        report.errors.append(
            f"{course.quizzes}: annex paragraphs no {doc.lang} question tests: {', '.join(untested)}"
        )
    for m in course.outline.modules:
        qs, _ = bank.for_module(m.id, doc.lang, doc.lang)
        types = Counter(q.type for q in qs)
        if len(types) < MIN_TYPES:
            report.errors.append(
                f"{course.quizzes}/{doc.lang}/{m.id}.yaml: {len(types)} question types (at least {MIN_TYPES})"
            )


def _ui_coverage(lang: str, locales: Path) -> tuple[float, list[str]]:
    from babel.messages.pofile import read_po

    pot = locales / "messages.pot"
    po = locales / lang / "LC_MESSAGES" / "messages.po"
    problems: list[str] = []
    if not pot.is_file():
        return 0.0, [f"{pot}: missing (run pybabel extract, see docs/translating.md)"]
    with pot.open("rb") as fh:
        template = read_po(fh)
    with po.open("rb") as fh:
        catalog = read_po(fh)
    wanted = [m.id for m in template if m.id]
    done = 0
    for mid in wanted:
        msg = catalog.get(mid)
        if msg is None or not msg.string or (isinstance(msg.string, tuple) and not all(msg.string)):
            continue
        if msg.fuzzy:
            continue
        done += 1
    missing = len(wanted) - done
    if missing:
        problems.append(f"{po}: {missing} of {len(wanted)} messages untranslated or fuzzy")
    # Iterating a catalog skips its obsolete (#~) entries: Babel keeps those in `catalog.obsolete`.
    stale = [m.id for m in catalog if m.id and m.id not in template]
    if stale:
        problems.append(f"{po}: {len(stale)} messages not in messages.pot (run pybabel update)")
    return (done / len(wanted) if wanted else 1.0), problems


def _coverage(course: Course, report: Report, locales: Path) -> None:
    doc = course.document
    for lang in available_languages(locales):
        ui, problems = _ui_coverage(lang, locales)
        report.errors += problems
        if lang == doc.lang:
            document = 1.0
        elif lang in course.manifest.translations:
            try:
                document = len(course.edition(lang).paragraphs) / len(doc.paragraphs)
            except SSCError:
                document = 0.0
        else:
            document = 0.0
        fields = 0
        present = 0
        for m in course.outline.modules:
            for values in (m.title, m.summary, m.objectives):
                fields += 1
                present += bool(values.get(lang))
        for term in course.outline.glossary:
            for values in (term.term, term.definition):
                fields += 1
                present += bool(values.get(lang))
        modules = present / fields if fields else 1.0
        qcount = len(course.bank.all(lang))
        report.languages[lang] = {
            "ui": round(ui, 4),
            "document": round(document, 4),
            "modules": round(modules, 4),
            "questions": qcount,
        }
        if document < 1.0:
            report.errors.append(f"{lang}: the document is {document:.0%} translated")
        if modules < 1.0:
            report.errors.append(f"{lang}: module and glossary texts are {modules:.0%} translated")
        for m in course.outline.modules:
            n = len([q for q in course.bank.all(lang) if q.module == m.id])
            if n < MIN_QUESTIONS:
                report.errors.append(
                    f"{course.quizzes}/{lang}/{m.id}.yaml: {n} questions "
                    f"(at least {MIN_QUESTIONS} per module)"
                )
