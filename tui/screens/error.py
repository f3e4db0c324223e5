"""A problem the learner must know about (a full disk, a read-only store), as one clear line."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.i18n import N_
from ssc_learn.course.sanitize import terminal_text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..base import BaseModal


class ErrorDialog(BaseModal):
    """The message, and how to go on: close the dialog, or quit when the app cannot continue."""

    BINDINGS = [Binding("escape,enter,q", "close", N_("Close"))]

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__()
        self.message = terminal_text(message)  # a path or name in it is shown, never obeyed
        self.fatal = fatal

    def compose(self) -> ComposeResult:
        _ = self._
        body = Text(_("Something went wrong") + "\n\n", style="bold")
        body.append(self.message + "\n\n")  # a Text, not markup: the message may hold a name or a path
        hint = _("Press Enter to quit.") if self.fatal else _("Press Escape to close.")
        body.append(hint, style="dim")
        with Vertical(id="dialog"):
            yield Static(body, id="error-message")

    def action_close(self) -> None:
        if self.fatal:
            self.app.exit(return_code=1)  # the CLI prints the message once the screen is restored
        else:
            self.dismiss()
