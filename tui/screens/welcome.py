"""Welcome: pick or create a learner, pick the language."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.i18n import N_, available_languages, language_name
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ..base import BaseScreen
from ..keybar import KeyBar


class WelcomeScreen(BaseScreen):
    """The first screen on a new machine, and the learner switcher."""

    # Escape goes back to the map when the learner list was opened from it, and quits on a first run.
    BINDINGS = [Binding("escape", "back", N_("Back")), Binding("escape", "quit", N_("Quit"))]

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
                if self.learners:  # on a first run the name field comes straight under the question
                    options = [Option(Text(name), id=f"learner-{i}") for i, name in enumerate(self.learners)]
                    yield OptionList(*options, id="learner-list")
                yield Input(placeholder=_("New learner: type a name and press Enter"), id="new-learner")
            with Vertical(id="welcome-langs"):
                yield Label(_("Language"))
                with RadioSet(id="lang-set"):
                    for code in available_languages():
                        yield RadioButton(language_name(code), value=code == self.app.t.lang, name=code)
        yield KeyBar()

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

    def _over_the_map(self) -> bool:
        return self.app.session is not None and self is not self.app.screen_stack[0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self._over_the_map()
        if action == "quit":
            return not self._over_the_map()
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_quit(self) -> None:
        self.app.exit()
