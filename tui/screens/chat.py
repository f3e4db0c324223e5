"""Chat with the document: questions in, quoted and cited paragraphs out."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from ssc_learn.course.chat import Answer
from ssc_learn.course.i18n import N_
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from ..base import BaseScreen
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from ..titlebar import TitleBar


class HistoryInput(Input):
    """An input that recalls earlier questions with ↑ and ↓."""

    BINDINGS = [Binding("up", "older", show=False), Binding("down", "newer", show=False)]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Input's keyword arguments, passed through
        self.history: list[str] = []
        self.cursor = 0

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self.cursor = len(self.history)

    def action_older(self) -> None:
        if self.history and self.cursor > 0:
            self.cursor -= 1
            self.value = self.history[self.cursor]
            self.cursor_position = len(self.value)

    def action_newer(self) -> None:
        if self.cursor < len(self.history) - 1:
            self.cursor += 1
            self.value = self.history[self.cursor]
        else:
            self.cursor = len(self.history)
            self.value = ""
        self.cursor_position = len(self.value)


class ChatScreen(BaseScreen):
    """A conversation with the outcome document."""

    BINDINGS = [
        Binding("ctrl+o", "open_cited", N_("Open cited ¶")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str, list[str]]] = []  # (who, text, citations)
        self.last_cited: list[str] = []

    def compose(self) -> ComposeResult:
        _ = self._
        yield TitleBar()
        with VerticalScroll(id="chat-log"):
            yield Prose(
                Text(
                    _(
                        "Ask anything about the outcome document, in any of the course's languages. "
                        "Answers quote the document and cite the paragraph."
                    ),
                    style="dim",
                ),
                classes="chat-intro",
            )
            for who, text, cites in self.messages:
                yield self._bubble(who, text, cites)
        yield HistoryInput(placeholder=_("Your question, then Enter (↑ for earlier ones)"), id="chat-input")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(HistoryInput).focus()
        self.build_bot()

    @work(thread=True, exclusive=True, group="chat-index")
    def build_bot(self) -> None:
        """Have the indexes ready before the first question (the app may have built them already)."""
        self.app.chatbot()

    def _bubble(self, who: str, text: str, cites: list[str]) -> Static:
        body = Text()
        if who == "you":
            body.append(self._("You: "), style="bold")
            body.append(text)
            return Prose(body, classes="chat-you")
        for piece in re.split(r"(\d{1,2}\([a-m]\)|\bR\d\b|\b\d{1,2}\b)", cjk_wrap(text)):
            if piece in cites:
                body.append(
                    piece,
                    style=Style(bold=True, underline=True, meta={"@click": f"app.open_paragraph('{piece}')"}),
                )
            else:
                body.append(piece)
        return Prose(body, classes="chat-bot")

    @on(Input.Submitted, "#chat-input")
    def asked(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        if not question:
            return
        box = self.query_one(HistoryInput)
        box.remember(question)
        box.value = ""
        self._add("you", question, [])
        # The question shows at once, with a "…" line where the answer will be.
        waiting = Prose(Text("…", style="dim"), classes="chat-bot chat-waiting")
        self.query_one("#chat-log", VerticalScroll).mount(waiting)
        self.answer(question, waiting)

    @work(thread=True, group="chat")
    def answer(self, question: str, waiting: Static) -> None:
        reply: Answer = self.app.chatbot().ask(question, self.app.t.lang)
        self.app.call_from_thread(self._add, "bot", reply.text, reply.citations, waiting)

    def _add(self, who: str, text: str, cites: list[str], waiting: Static | None = None) -> None:
        self.messages.append((who, text, cites))
        if who == "bot" and cites:
            self.last_cited = cites
        log = self.query_one("#chat-log", VerticalScroll)
        bubble = self._bubble(who, text, cites)
        if waiting is not None and waiting.is_attached:
            log.mount(bubble, after=waiting)
            waiting.remove()
        else:
            log.mount(bubble)
        log.scroll_end(animate=False)

    def action_open_cited(self) -> None:
        if self.last_cited:
            self.app.open_paragraph(self.last_cited[0])
        else:
            self.notify(self._("No paragraph cited yet."))

    def action_back(self) -> None:
        self.dismiss()
