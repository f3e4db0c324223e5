"""Key terms of a module explained: the term, its definition and the paragraphs that use it."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.i18n import N_
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..base import BaseModal
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap


class GlossaryScreen(BaseModal):
    """The module's glossary, the terms of the paragraph being read first."""

    BINDINGS = [Binding("escape,g,q", "close", N_("Close"))]

    def __init__(self, module: str, paragraph: str | None = None) -> None:
        super().__init__()
        self.module_id = module
        self.paragraph = paragraph

    def compose(self) -> ComposeResult:
        _ = self._
        course = self.app.course
        lang = self.app.t.lang
        module = course.outline.module(self.module_id)
        terms = [term for tid in module.terms if (term := course.outline.term(tid))] if module else []
        if self.paragraph:
            terms.sort(key=lambda t: self.paragraph not in t.paragraphs)
        with Vertical(id="dialog"):
            yield Static(Text(_("Key terms"), style="bold"), classes="dialog-title")
            with VerticalScroll():
                for term in terms:
                    name = term.term.get(lang) or term.term.get(course.source_lang, term.id)
                    body = Text(name, style="bold")
                    if lang != course.source_lang and term.term.get(course.source_lang):
                        body.append(f"  {term.term[course.source_lang]}", style="dim")
                    definition = term.definition.get(lang) or term.definition.get(course.source_lang, "")
                    body.append("\n" + cjk_wrap(definition) + "\n")
                    shown = ", ".join(term.paragraphs[:12]) + (" …" if len(term.paragraphs) > 12 else "")
                    body.append(_("Paragraphs: {ids}").format(ids=shown), style="dim")
                    yield Prose(body, classes="term")
            yield KeyBar()

    def action_close(self) -> None:
        self.dismiss()
