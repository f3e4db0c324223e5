"""Welcome: pick or create a learner, pick the language."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.i18n import N_, available_languages, language_name
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ..base import BaseScreen


class WelcomeScreen(BaseScreen):
    """The first screen on a new machine, and the learner switcher."""

    BINDINGS = [Binding("escape", "quit_or_back", N_("Quit"))]

    def __init__(self, learners: list[str], last: str | None = None) -> None:
        super().__init__()
        self.learners = learners
        self.last = last

    def compose(self) -> ComposeResult:
        _ = self._
        yield Static(_("Welcome to the course on South-South cooperation"), id="welcome-title")
        yield Static(
            _("The Buenos Aires outcome document (BAPA+40), paragraph by paragraph."), id="welcome-sub"
        )
        with Horizontal(id="welcome-body"):
            with Vertical(id="welcome-learners"):
                yield Label(_("Who is learning?"))
                options = [Option(Text(name), id=f"learner-{i}") for i, name in enumerate(self.learners)]
                yield OptionList(*options, id="learner-list")
                yield Input(placeholder=_("New learner: type a name and press Enter"), id="new-learner")
            with Vertical(id="welcome-langs"):
                yield Label(_("Language"))
                with RadioSet(id="lang-set"):
                    for code in available_languages():
                        yield RadioButton(language_name(code), value=code == self.app.t.lang, name=code)
        yield Footer()

    def on_mount(self) -> None:
        target = "#learner-list" if self.learners else "#new-learner"
        if self.learners and self.last in self.learners:
            self.query_one(OptionList).highlighted = self.learners.index(self.last)
        self.query_one(target).focus()

    @on(RadioSet.Changed, "#lang-set")
    def language_changed(self, event: RadioSet.Changed) -> None:
        code = event.pressed.name
        if code and code != self.app.t.lang:
            self.app.set_language(code, save=False)

    @on(OptionList.OptionSelected, "#learner-list")
    def learner_picked(self, event: OptionList.OptionSelected) -> None:
        self.start(self.learners[event.option_index])

    @on(Input.Submitted, "#new-learner")
    def learner_typed(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            self.notify(self._("Type a name first."), severity="warning")
            return
        self.start(name)

    def start(self, name: str) -> None:
        self.app.lang_given = True  # the language picked here is the learner's choice
        self.app.start_session(name)

    def action_quit_or_back(self) -> None:
        if self.app.session is not None and len(self.app.screen_stack) > 2:
            self.dismiss()
        else:
            self.app.exit()
