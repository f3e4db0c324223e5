"""The reader: a module's paragraphs with their ids, key terms, objectives first and a summary last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from ssc_learn.course.i18n import N_
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ..base import BaseScreen

if TYPE_CHECKING:
    from ssc_learn.course.outline import Module
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from ..titlebar import TitleBar


class ParagraphView(Horizontal, can_focus=True):
    """One paragraph: its id in the margin, its text, and (optionally) the original under it."""

    def __init__(self, pid: str, body: Text) -> None:
        super().__init__(classes="paragraph", id=f"p-{_dom_id(pid)}")
        self.pid = pid
        self.body = body

    def compose(self) -> ComposeResult:
        yield Static(Text(self.pid, style="bold cyan"), classes="pid")
        yield Prose(self.body, classes="ptext")

    def update(self, body: Text) -> None:
        self.body = body
        self.query_one(".ptext", Prose).update(body)

    def on_click(self, _event: events.Click) -> None:
        self.screen.paragraph_reached(self.pid)  # type: ignore[attr-defined]  # always in a ReaderScreen


def _dom_id(pid: str) -> str:
    return pid.replace("(", "_").replace(")", "")


class ReaderScreen(BaseScreen):
    """Reads one module of the document."""

    BINDINGS = [
        Binding("down,j", "next", N_("Next ¶"), show=True),
        Binding("up,k", "previous", N_("Previous ¶"), show=False),
        Binding("g", "glossary", N_("Key terms")),
        Binding("o", "original", N_("Original")),
        Binding("t", "quiz", N_("Quiz")),
        Binding("a", "app.chat", N_("Ask")),
        Binding("escape", "back", N_("Back")),
        Binding("question_mark", "app.help", N_("Help")),
        Binding("q", "app.quit", N_("Quit"), show=False),
    ]

    def __init__(self, module: str, paragraph: str | None = None, citation: bool = False) -> None:
        super().__init__()
        self.citation = citation  # opened to look up a paragraph: reading here keeps the learner's place
        self.module_id = module
        self.start_at = paragraph
        self.current: str | None = paragraph
        self.show_original = False

    @property
    def module(self) -> Module:
        return self.app.course.outline.require(self.module_id)

    def compose(self) -> ComposeResult:
        _ = self._
        course = self.app.course
        lang = self.app.t.lang
        m = self.module
        yield TitleBar()
        with VerticalScroll(id="reader"):
            yield Static(self._title_text(), id="reader-title")
            if lang != course.source_lang:
                edition = course.edition(lang) if lang in course.manifest.translations else None
                notice = _("Unofficial translation of the Chinese original, not a United Nations document.")
                if edition is None:
                    notice = _("No translation in this language yet: the original is shown.")
                yield Static(Text(notice, style="italic"), classes="notice")
            objectives, _fb = m.objectives_in(lang)
            if objectives:
                body = Text(_("In this module you will:") + "\n", style="bold")
                for line in objectives:
                    body.append(cjk_wrap("• " + line) + "\n", style="")
                yield Prose(body, id="objectives")
            terms = self._term_forms(lang)
            for pid in m.paragraphs:
                yield ParagraphView(pid, self._paragraph_text(pid, lang, terms))
            summary = m.summary_in(lang)
            if summary.value:
                body = Text(_("Summary") + "\n", style="bold")
                body.append(cjk_wrap(summary.value))
                yield Prose(body, id="summary")
            yield Static(Text(_("Press t to take this module's quiz."), style="dim"), id="reader-next")
        yield KeyBar()

    def _title_text(self) -> Text:
        """The module's title, and which of its paragraphs the learner is at."""
        m = self.module
        text = Text(m.title_in(self.app.t.lang).value, style="bold")
        if self.current in m.paragraphs:
            where = self._("Paragraph {n} of {total}").format(
                n=m.paragraphs.index(self.current) + 1, total=len(m.paragraphs)
            )
            text.append("   " + where, style="dim")
        return text

    def _term_forms(self, lang: str) -> list[str]:
        outline = self.app.course.outline
        forms: list[str] = []
        for tid in self.module.terms:
            term = outline.term(tid)
            if term is not None:
                forms += term.forms(lang)
        return sorted(set(forms), key=len, reverse=True)

    def _paragraph_text(self, pid: str, lang: str, terms: list[str]) -> Text:
        course = self.app.course
        para, fallback = course.paragraph(pid, lang)
        body = Text(cjk_wrap(para.text))
        body.highlight_words(terms, style="bold underline", case_sensitive=lang == "zh")
        if fallback and lang != course.source_lang:
            body.append("\n" + self._("(original: no translation of this paragraph yet)"), style="dim")
        elif self.show_original and lang != course.source_lang:
            body.append(
                "\n" + cjk_wrap(course.paragraph(pid, course.source_lang)[0].text), style="dim italic"
            )
        return body

    def on_mount(self) -> None:
        views = list(self.query(ParagraphView))
        target = next((v for v in views if v.pid == self.current), views[0] if views else None)
        if target is not None:
            target.focus(scroll_visible=self.start_at is not None)
            self.paragraph_reached(target.pid)
            if self.start_at is not None:
                self.call_after_refresh(target.scroll_visible, top=True, animate=False)

    def paragraph_reached(self, pid: str) -> None:
        """The learner moved to `pid` (by key, click or on opening): save it as read and as the position.

        Focus events are not used for this: focus also moves when dialogs close or the app exits.
        """
        self.current = pid
        titles = self.query("#reader-title")
        if titles:
            titles.first(Static).update(self._title_text())
        if not self.citation:
            self.save_position(pid)

    @work(thread=True, group="reading")
    def save_position(self, pid: str) -> None:
        if self.app.session is not None:
            self.app.session.mark_read(self.module_id, pid)

    def _move(self, step: int) -> None:
        views = list(self.query(ParagraphView))
        if not views:
            return
        index = next((i for i, v in enumerate(views) if v.pid == self.current), -1)
        new = max(0, min(len(views) - 1, index + step))
        if index == len(views) - 1 and step > 0:
            self.query_one("#reader", VerticalScroll).scroll_end(animate=False)
            return
        views[new].focus()
        views[new].scroll_visible(animate=False)
        self.paragraph_reached(views[new].pid)

    def action_next(self) -> None:
        self._move(1)

    def action_previous(self) -> None:
        self._move(-1)

    def action_original(self) -> None:
        if self.app.t.lang == self.app.course.source_lang:  # said, not silently ignored
            self.notify(self._("This is the original text: there is nothing to show beside it."))
            return
        self.show_original = not self.show_original
        lang = self.app.t.lang
        terms = self._term_forms(lang)
        for view in self.query(ParagraphView):
            view.update(self._paragraph_text(view.pid, lang, terms))

    def action_glossary(self) -> None:
        from .glossary import GlossaryScreen

        self.app.push_screen(GlossaryScreen(self.module_id, self.current))

    def action_quiz(self) -> None:
        from .quiz import QuizScreen

        self.app.push_screen(QuizScreen.for_module(self.app, self.module_id))

    def action_back(self) -> None:
        self.dismiss()
