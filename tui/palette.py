"""The command palette in the learner's language: Textual's own palette writes its placeholder, its
"No matches found" and its system commands in English."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class CoursePalette(CommandPalette):
    """Textual's command palette, every word of it through the app's Translator."""

    def __init__(self, gettext: Any) -> None:
        super().__init__(id="--command-palette", placeholder=gettext("Search for commands…"))
        self.gettext = gettext

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual's own, with its one sentence translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.gettext("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def system_commands(app: Any) -> Iterable[Any]:
    """The palette's own commands, translated: quit, the keys of this screen, and the theme."""
    from textual.app import SystemCommand

    _ = app.t.gettext
    yield SystemCommand(_("Quit"), _("Leave the course; your progress is saved"), app.action_quit)
    yield SystemCommand(_("Help"), _("The keys of this screen"), app.action_help)
    yield SystemCommand(_("Settings"), _("Interface language and colours"), app.action_settings)
