"""Help: the keys of the screen underneath, in the learner's language."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.i18n import N_
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from ..base import BaseModal

# Textual's own keys (focus moves, copying) are not part of the course's help.
BUILT_IN = (
    "focus_next",
    "focus_previous",
    "copy_text",
    "app.focus_next",
    "app.focus_previous",
    "screen.copy_text",
    "app.copy_text",
    "screen.focus_next",
    "screen.focus_previous",
)
EXTRA = [
    ("ctrl+p", N_("Search modules, paragraphs and key terms")),
    ("ctrl+c", N_("Quit (progress is saved)")),
]


class HelpScreen(BaseModal):
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", N_("Close"))]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        _ = self._
        body = Text(_("Keys on this screen") + "\n\n", style="bold")
        seen = set()
        for bindings in self.under._bindings.key_to_bindings.values():
            for b in bindings:
                if not b.description or b.description in seen or b.action in BUILT_IN:
                    continue
                if self.under.check_action(b.action, ()) is False:  # e.g. Back on a first welcome screen
                    continue
                seen.add(b.description)
                shown = b.key_display or self.app.get_key_display(b)
                body.append(f"  {shown:<14}", style="bold cyan")
                body.append(b.description + "\n")
        for key, description in EXTRA:
            body.append(f"  {key:<14}", style="bold cyan")
            body.append(_(description) + "\n")
        body.append("\n" + _("Press Escape to close."), style="dim")
        with Vertical(id="dialog"):
            yield Static(body)

    def action_close(self) -> None:
        self.dismiss()
