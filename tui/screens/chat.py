"""Chat with the document (placeholder until the chatbot lands)."""

from __future__ import annotations

from ssc_learn.course.i18n import N_
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from ..base import BaseScreen


class ChatScreen(BaseScreen):
    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._("The document chatbot is coming soon."), id="chat-soon")
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()
