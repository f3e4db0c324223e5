"""Welcome: pick or create a learner, pick the language."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, available_languages, language_name
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ..base import BaseScreen, translate_bindings
from ..keybar import KeyBar


class WelcomeScreen(BaseScreen):
    """The first screen on a new machine, and the learner switcher.

    Served to a web browser (`protected`), it lists no one: a learner types their name and PIN or
    passphrase, and a new name is created with the PIN typed.
    """

    # Escape goes back to the map when the learner list was opened from it, and quits on a first run.
    BINDINGS = [Binding("escape", "back", N_("Back")), Binding("escape", "quit", N_("Quit"))]

    def __init__(self, learners: list[str], last: str | None = None, protected: bool = False) -> None:
        super().__init__()
        self.learners = [] if protected else learners
        self.last = last
        self.protected = protected

    def compose(self) -> ComposeResult:
        _ = self._
        yield Static(_("Welcome to the course on South-South cooperation"), id="welcome-title")
        yield Static(
            _("The Buenos Aires outcome document (BAPA+40), paragraph by paragraph."), id="welcome-sub"
        )
        with Horizontal(id="welcome-body"):
            with Vertical(id="welcome-learners"):
                yield Label(_("Who is learning?"), id="who-label")
                if self.learners:  # on a first run the name field comes straight under the question
                    options = [Option(Text(name), id=f"learner-{i}") for i, name in enumerate(self.learners)]
                    yield OptionList(*options, id="learner-list")
                # The hint wraps above the field: as the field's placeholder, a long one lost its end.
                yield Static(self._name_hint(), id="name-hint")
                yield Input(placeholder=_("Name"), id="new-learner", select_on_focus=False)
                if self.protected:
                    yield Input(placeholder=_("PIN or passphrase"), password=True, id="secret")
            with Vertical(id="welcome-langs"):
                yield Label(_("Language"), id="lang-label")
                with RadioSet(id="lang-set"):
                    for code in available_languages():
                        yield RadioButton(language_name(code), value=code == self.app.t.lang, name=code)
        yield KeyBar()

    def _name_hint(self) -> str:
        if self.protected:
            return self._("Your name (a new name creates a learner)")
        return self._("New learner: type a name and press Enter")

    def on_mount(self) -> None:
        target = "#learner-list" if self.learners else "#new-learner"
        if self.learners and self.last in self.learners:
            self.query_one(OptionList).highlighted = self.learners.index(self.last)
        self.query_one(target).focus()

    def retranslate(self) -> None:
        """New language, same widgets: what was typed and where the focus is stay as they were."""
        _ = self._
        translate_bindings(self, self.app.t.gettext)
        self.query_one("#welcome-title", Static).update(_("Welcome to the course on South-South cooperation"))
        self.query_one("#welcome-sub", Static).update(
            _("The Buenos Aires outcome document (BAPA+40), paragraph by paragraph.")
        )
        self.query_one("#who-label", Label).update(_("Who is learning?"))
        self.query_one("#lang-label", Label).update(_("Language"))
        self.query_one("#name-hint", Static).update(self._name_hint())
        self.query_one("#new-learner", Input).placeholder = _("Name")
        if self.protected:
            self.query_one("#secret", Input).placeholder = _("PIN or passphrase")
        self.refresh_bindings()

    @on(RadioSet.Changed, "#lang-set")
    def language_changed(self, event: RadioSet.Changed) -> None:
        code = event.pressed.name
        if code and code != self.app.t.lang:
            self.app.set_language(code, save=False)
        # Back to the name: what is typed next goes there, never to the list of learners.
        self.query_one("#new-learner", Input).focus()

    def on_key(self, event: events.Key) -> None:
        # Typing on the learner list goes into the name field: a typed name can never end up as
        # Enter on whichever learner the list has highlighted.
        if isinstance(self.focused, OptionList) and event.is_printable and event.character:
            field = self.query_one("#new-learner", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    @on(OptionList.OptionSelected, "#learner-list")
    def learner_picked(self, event: OptionList.OptionSelected) -> None:
        if self.focused is not event.option_list:
            return  # Enter acts on the focused widget only
        self.start(self.learners[event.option_index])

    @on(Input.Submitted, "#new-learner")
    def learner_typed(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.notify(self._("Type a name first."), severity="warning")
            return
        if self.protected:
            self.query_one("#secret", Input).focus()
            return
        self.start(name)

    @on(Input.Submitted, "#secret")
    def secret_typed(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#new-learner", Input).value.strip()
        if not name:
            self.query_one("#new-learner", Input).focus()
            self.notify(self._("Type a name first."), severity="warning")
            return
        secret = event.value
        event.input.value = ""  # never left on screen
        self.start(name, secret)

    def start(self, name: str, secret: str | None = None) -> None:
        given = self.app.lang_given
        self.app.lang_given = True  # the language picked here is the learner's choice
        try:
            self.app.start_session(name, secret)
        except SSCError as exc:
            self.app.lang_given = given
            self.notify(exc.localized(self.app.t.gettext), severity="error")

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
