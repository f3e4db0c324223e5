"""Settings: the language (re-renders in place) and the theme; saved for the learner."""

from __future__ import annotations

from ssc_learn.course.i18n import N_, available_languages, language_name
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, RadioButton, RadioSet, Static

from ..base import BaseScreen
from ..keybar import KeyBar
from ..titlebar import TitleBar

THEME_NAMES = {"textual-dark": N_("Dark"), "textual-light": N_("Light"), "high-contrast": N_("High contrast")}


class SettingsScreen(BaseScreen):
    """The learner's language and theme, saved with their progress."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def compose(self) -> ComposeResult:
        _ = self._
        yield TitleBar()
        yield Static(_("Settings are saved for this learner."), id="settings-note")
        with Horizontal(id="settings"):
            with Vertical():
                yield Label(_("Language"))
                with RadioSet(id="settings-lang"):
                    for code in available_languages():
                        yield RadioButton(language_name(code), value=code == self.app.t.lang, name=code)
            with Vertical():
                yield Label(_("Theme"))
                with RadioSet(id="settings-theme"):
                    for theme, label in THEME_NAMES.items():
                        yield RadioButton(_(label), value=self.app.theme == theme, name=theme)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#settings-lang").focus()

    @on(RadioSet.Changed, "#settings-lang")
    def language(self, event: RadioSet.Changed) -> None:
        code = event.pressed.name
        if code and code != self.app.t.lang:
            self.app.set_language(code)
            self.call_after_refresh(lambda: self.query_one("#settings-lang").focus())

    @on(RadioSet.Changed, "#settings-theme")
    def theme(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.app.set_theme(event.pressed.name)

    def action_back(self) -> None:
        self.dismiss()
