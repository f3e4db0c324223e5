"""The command palette's course search: modules, paragraphs (by id or words) and key terms."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from ssc_learn.course.document import normalize_id
from textual.command import Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import SSCLearnApp


class CourseSearch(Provider):
    """Finds modules, paragraphs and glossary terms and jumps there."""

    async def search(self, query: str) -> Hits:
        app = cast("SSCLearnApp", self.app)
        course = getattr(app, "course", None)
        if course is None or not query.strip():
            return
        t = app.t
        lang = t.lang
        matcher = self.matcher(query)
        pid = normalize_id(query)
        if pid in course.document:
            para, _fb = course.paragraph(pid, lang)
            yield Hit(
                1.0,
                matcher.highlight(f"¶ {pid}  {para.text[:60]}"),
                partial(app.open_paragraph, pid),
                help=t.gettext("Open the paragraph in the reader"),
            )
        for m in course.outline.modules:
            title = m.title_in(lang).value
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(app.open_reader, m.id), help=t.gettext("Module")
                )
        for term in course.outline.glossary:
            name = term.term.get(lang) or term.term.get(course.source_lang, "")
            best = max([matcher.match(f) for f in term.forms(lang) + term.forms(course.source_lang)] or [0])
            if best > 0 and term.paragraphs:
                definition = term.definition.get(lang) or term.definition.get(course.source_lang, "")
                yield Hit(
                    best * 0.95,
                    matcher.highlight(name),
                    partial(app.open_paragraph, term.paragraphs[0]),
                    help=definition[:120],
                )
        # Paragraph texts are long: Textual's fuzzy matcher is far too slow on them, so paragraphs
        # match when they contain every word of the query.
        if len(query.strip()) >= 2:
            found = list(course.search_words(query, lang))
            if not found:
                # A word of another edition ("debt" typed in the French interface) finds the same
                # paragraphs there; they are shown in the learner's language.
                seen: set[str] = set()
                for other in course.languages():
                    if other == lang:
                        continue
                    for pid, score in course.search_words(query, other):
                        if pid not in seen:
                            seen.add(pid)
                            found.append((pid, score * 0.9))
            for pid, score in found:
                para, _fb = course.paragraph(pid, lang)
                yield Hit(
                    score * 0.6,
                    f"¶ {pid}  {para.text[:60]}",
                    partial(app.open_paragraph, pid),
                    help=t.gettext("Paragraph"),
                )
