"""The Textual application and its factory, `make_app`, which the CLI and the tests share."""

from __future__ import annotations

import errno
import gc
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssc_learn.course.cache import CACHE_DIR
from ssc_learn.course.content import Course, load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator, get_translator, resolve_language
from ssc_learn.course.paths import data_dir as default_data_dir
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from .base import translate_bindings

if TYPE_CHECKING:
    from ssc_learn.course.chat import ChatBot
    from ssc_learn.course.learning import LearnerSession
from .search import CourseSearch

MIN_WIDTH, MIN_HEIGHT = 60, 18

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffaa00",
    error="#ff5555",
    dark=True,
)
THEMES = ("textual-dark", "textual-light", "high-contrast")


class SSCLearnApp(App[int]):
    """The terminal course."""

    CSS_PATH = ["app.tcss", "live.tcss"]  # live.tcss: the live round's projector view
    TITLE = "ssc-learn"
    COMMANDS = App.COMMANDS | {CourseSearch}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # Seconds between the first screen and the warm-up: the first screen is drawn before the banks load.
    # Tests that wait for the warm-up anyway shorten it (tests/conftest.py).
    WARM_UP_AFTER = 0.6
    BINDINGS = [
        Binding("ctrl+c", "quit", N_("Quit"), show=False, priority=True),
        Binding("f1", "help", N_("Help"), show=False),
        Binding("ctrl+p", "command_palette", N_("Search"), show=False, priority=True),
    ]

    def __init__(
        self,
        course: Course,
        t: Translator,
        *,
        learner: str | None = None,
        data_dir: Path | None = None,
        lang_given: bool = False,
        choose_learner: bool = False,
        live: tuple[Any, Any, str, int] | None = None,
        open_quiz: str | None = None,
    ) -> None:
        super().__init__()
        self.live = (
            live  # `workshop host`: (round, store, host, port); the projector view is the first screen
        )
        # `ssc-learn quiz`: this module's quiz opens over the map once a learner is chosen.
        self.open_quiz = open_quiz
        self.course = course
        self.t = t
        self.learner_name = learner
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.lang_given = lang_given
        # Served to browsers: every session picks its learner, by name and PIN, and sees no one else.
        self.choose_learner = choose_learner
        self.session: LearnerSession | None = None
        self._chatbot: ChatBot | None = None
        self._chat_lock = threading.Lock()
        # Set once the deferred warm-up (prewarm) has run, whether it succeeded or not: what tests and
        # benchmarks wait on instead of sleeping past its timer.
        self.warmed = threading.Event()
        self.failure: str | None = None  # the one line the CLI prints when the app had to stop
        self._startup_error: str | None = None
        self.register_theme(HIGH_CONTRAST)

    # -- start -----------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The course map of the learner given or remembered; the welcome screen when there is none.

        The map is the app's first screen itself, not pushed over an empty one: that saves a whole
        screen's layout and paint at start-up.
        """
        from ssc_learn.course.learning import known_learners

        from .screens.welcome import WelcomeScreen

        name, last = self.learner_name, None
        names: list[str] = []
        if self.live is not None:
            from .screens.live_host import LiveHostScreen

            return LiveHostScreen(*self.live)
        if self.choose_learner:
            return WelcomeScreen([], None, protected=True)
        try:
            if not name:
                names, last = known_learners(self.data_dir)
                name = last
            if name is None:
                return WelcomeScreen(names, last)
            from .screens.course_map import CourseMapScreen

            self._open_session(name)
            return CourseMapScreen()
        except SSCError as exc:
            self._startup_error = exc.localized(self.t.gettext)
            return WelcomeScreen(names, last)

    def on_mount(self) -> None:
        from .screens.course_map import CourseMapScreen

        translate_bindings(self, self.t.gettext)
        if isinstance(self.screen, CourseMapScreen):
            self._open_requested_quiz()
        if self._startup_error:
            self.show_error(self._startup_error, fatal=True)
        self.title = self.t.gettext("South-South cooperation: the Buenos Aires outcome document")
        # Warm the question banks, the grader and the edition only once the first screen is up.
        self.set_timer(self.WARM_UP_AFTER, self.prewarm)

    @work(thread=True, exit_on_error=False)
    def prewarm(self) -> None:
        """Load what the first answer and the first search need, off the UI thread."""
        from ssc_learn.course.grader import grade_text

        from .screens import chat, quiz, reader  # noqa: F401 - the screens a learner opens first

        try:
            # The chatbot's indexes and model first (from the start-up cache, a tenth of a second): a
            # question asked as soon as the chat opens must not wait behind the banks.
            self.chatbot().index.warm()
            _ = self.course.bank
            if self.t.lang in self.course.languages():
                self.course.edition(self.t.lang)
            grade_text("南南合作", ["三方合作", "South-South"])
            # What is loaded now (course, banks, indexes, the model: some 270,000 objects) lives as long
            # as the app. Out of the collector's reach, no full collection walks it again while a
            # learner types: one took about 0.1 s here, a visible stall.
            gc.freeze()
        finally:
            self.warmed.set()

    def chatbot(self) -> ChatBot:
        """The app's chatbot (one conversation per app), built on first use. Call it from a worker:
        the first call builds the indexes, or waits for the build already under way."""
        with self._chat_lock:
            if self._chatbot is None:
                from ssc_learn.course.chat import ChatBot
                from ssc_learn.course.retrieval import Retriever

                retriever = Retriever(self.course, cache_dir=self.data_dir / CACHE_DIR)
                self._chatbot = ChatBot(self.course, retriever=retriever)
            self._chatbot.recorder = self.session
            return self._chatbot

    def _open_session(self, name: str, secret: str | None = None) -> None:
        """Open `name`'s progress (created if new) and apply their saved language and theme."""
        from ssc_learn.course.learning import LearnerSession

        session = LearnerSession.open(
            self.course, self.data_dir, name, protected=self.choose_learner, secret=secret
        )
        if self.session is not None:
            self.session.close()
        self.session = session
        prefs = self.session.prefs()
        if self.lang_given:
            self._save_pref("lang", self.t.lang)
        elif prefs.get("lang") and prefs["lang"] != self.t.lang:
            self.set_language(prefs["lang"], save=False)
        if prefs.get("theme") in THEMES:
            self.theme = prefs["theme"]

    def start_session(self, name: str, secret: str | None = None) -> None:
        """Switch to `name` (created if new) and show their course map in place of every screen."""
        from .screens.course_map import CourseMapScreen

        self._open_session(name, secret)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        # Textual cannot replace an app's first screen: a first map is shown afresh, a first
        # welcome screen stays underneath the map.
        base = self.screen_stack[0]
        if isinstance(base, CourseMapScreen):
            self.call_later(base.show_learner)
        else:
            self.push_screen(CourseMapScreen())
        self._open_requested_quiz()

    def _open_requested_quiz(self) -> None:
        if self.open_quiz and self.course.outline.module(self.open_quiz) is not None:
            from .screens.quiz import QuizScreen

            module, self.open_quiz = self.open_quiz, None
            self.push_screen(QuizScreen.for_module(self, module))

    # -- language and theme -----------------------------------------------------------------------

    def set_language(self, lang: str, save: bool = True) -> None:
        """Switch the interface and content language in place, re-rendering every screen."""
        self.t = get_translator(lang, cache_dir=self.data_dir / CACHE_DIR)
        translate_bindings(self, self.t.gettext)
        self.title = self.t.gettext("South-South cooperation: the Buenos Aires outcome document")
        if save:
            self._save_pref("lang", lang)
        for screen in self.screen_stack:
            if hasattr(screen, "retranslate"):
                screen.retranslate()

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        self._save_pref("theme", theme)

    def _save_pref(self, key: str, value: str) -> None:
        """Keep a preference; a store that cannot be written says so in a dialog, and the app goes on."""
        if self.session is None:
            return
        try:
            self.session.set_pref(key, value)
        except SSCError as exc:
            self.show_error(exc.localized(self.t.gettext))

    # -- problems ---------------------------------------------------------------------------------

    def show_error(self, message: str, fatal: bool = False) -> None:
        """One clear line in a dialog; `fatal` quits when it is closed (and the CLI prints the line)."""
        from .screens.error import ErrorDialog

        if fatal:
            self.failure = message
        self.push_screen(ErrorDialog(message, fatal=fatal))

    def _handle_exception(self, error: Exception) -> None:
        # A problem of the learner's machine (full disk, read-only store) is a dialog, not a traceback.
        # The widget that raised has stopped, so the app quits when the dialog is closed.
        from textual.worker import WorkerFailed

        cause = error.error if isinstance(error, WorkerFailed) else error
        message = problem_message(cause, self.t.gettext)
        if message is None:
            super()._handle_exception(error)
            return
        self._return_code = 1
        try:
            self.show_error(message, fatal=True)
        except Exception:  # noqa: BLE001 - no screen to show it on: quit and let the CLI print it
            self.failure = message
            self.exit(return_code=1)

    # -- navigation used by several screens -----------------------------------------------------

    def open_reader(self, module: str, paragraph: str | None = None, citation: bool = False) -> None:
        from .screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(module, paragraph, citation=citation))

    def open_paragraph(self, pid: str) -> None:
        """Open the reader on a cited paragraph (from the chatbot, a question, a search), in the first
        module that contains it. Looking something up does not move the learner's place."""
        mods = self.course.outline.modules_of(pid)
        if mods:
            self.open_reader(mods[0].id, pid, citation=True)

    def action_chat(self) -> None:
        from .screens.chat import ChatScreen

        if not isinstance(self.screen, ChatScreen):
            self.push_screen(ChatScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_command_palette(self) -> None:
        """Textual's palette, in the learner's language."""
        from textual.command import CommandPalette

        from .palette import CoursePalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[int]
            self.push_screen(CoursePalette(self.t.gettext))

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        from .palette import system_commands

        return system_commands(self)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if not small and len(self.screen_stack) == 1:
            return  # the usual start: nothing to show or take down
        from .screens.too_small import TooSmallScreen

        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()
        # What the warm-up froze is the collector's again: a process that goes on (the tests, the
        # CLI after a session) must be able to free the app's cycles.
        gc.unfreeze()


def problem_message(error: BaseException, gettext: Any) -> str | None:
    """One translated line for an error of the learner's machine or input; None for a bug."""
    if isinstance(error, SSCError):
        return error.localized(gettext)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return gettext("the disk is full")
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return where + (error.strerror or str(error))
    if isinstance(error, sqlite3.DatabaseError):
        from ssc_learn.course.store import SQLITE_FULL, primary_code

        if primary_code(error) == SQLITE_FULL:
            return gettext("the disk is full")
        return str(error)
    return None


def make_app(
    lang: str | None = None,
    learner: str | None = None,
    data_dir: Path | None = None,
    course: Course | None = None,
    choose_learner: bool = False,
    live: tuple[Any, Any, str, int] | None = None,
    open_quiz: str | None = None,
) -> SSCLearnApp:
    """Build the app for a language and learner; the content is loaded once per process."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    cache_dir = data_dir / CACHE_DIR
    t = get_translator(resolve_language(lang), cache_dir=cache_dir)
    return SSCLearnApp(
        course or load_course(cache_dir=cache_dir),
        t,
        learner=learner,
        data_dir=data_dir,
        lang_given=bool(lang),
        choose_learner=choose_learner,
        live=live,
        open_quiz=open_quiz,
    )
