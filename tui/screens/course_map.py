"""The course map: modules in order with progress, where to continue, and reviews due."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from rich.text import Text
from ssc_learn.course.i18n import N_

if TYPE_CHECKING:
    from ssc_learn.course.learning import LearnerSession
    from ssc_learn.course.progress import ModuleProgress, NextStep
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..base import BaseScreen
from ..keybar import KeyBar
from ..titlebar import TitleBar

TITLE_WIDTH = 40
BAR = 10


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = _cells(ch)
        if used + w > width - 1 and used + w > width:
            return out[:-1] + "…" if out else ""
        out += ch
        used += w
    return out + " " * (width - used)


def module_row(n: int, title: str, progress: ModuleProgress | None, percent: str) -> Text:
    """One line of the course map: mark, number, title, a progress bar and the score."""
    row = Text()
    done = progress is not None and progress.completed
    row.append("✓ " if done else "  ", style="bold green")
    row.append(f"{n:>2}. ")
    row.append(_fit(title, TITLE_WIDTH))
    if progress is None:
        return row
    filled = round(progress.score * BAR)
    row.append(" " + "█" * filled, style="green")
    row.append("░" * (BAR - filled), style="dim")
    row.append(f" {percent:>5}")
    return row


class CourseMapScreen(BaseScreen):
    """Lists the course's modules; the learner's home."""

    BINDINGS = [
        Binding("enter", "read", N_("Read"), priority=True),  # above the list's own Enter, so it is shown
        Binding("t", "quiz", N_("Quiz")),
        Binding("c", "continue", N_("Continue")),
        Binding("r", "review", N_("Review")),
        Binding("a", "app.chat", N_("Ask")),
        Binding("s", "settings", N_("Settings")),
        Binding("l", "learners", N_("Learners"), show=False),  # the status line shows this key
        Binding("w", "workshop", N_("Workshop"), show=False),
        Binding("W", "live_workshop", N_("Live round"), show=False),
        Binding("question_mark", "app.help", N_("Help")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.progress: dict[str, ModuleProgress] = {}
        self.due = 0
        self.next: NextStep | None = None

    def compose(self) -> ComposeResult:
        _ = self._
        yield TitleBar()
        yield Static(self._status_text(), id="map-status")
        lang = self.app.t.lang
        yield OptionList(
            *[
                Option(self._row(n, m.id, m.title_in(lang).value), id=m.id)
                for n, m in enumerate(self.app.course.outline.modules, start=1)
            ],
            id="modules",
        )
        yield KeyBar()

    @property
    def course_done(self) -> bool:
        """Every module complete (known once the figures have come in)."""
        return self.next is None and bool(self.progress) and all(p.completed for p in self.progress.values())

    def _row(self, n: int, module: str, title: str) -> Text:
        p = self.progress.get(module)
        return module_row(n, title, p, self.app.t.percent(p.score) if p else "")

    def _status_text(self) -> Text:
        """Who is learning and how many reviews are due; below, where "continue" goes."""
        _ = self._
        session = self.app.session
        text = Text()
        if session is not None:
            text.append(_("Learner: "), style="dim")
            text.append(session.name, style="bold")
            text.append(" [l]", style="dim")
        text.append("   " + _("Reviews due today: "), style="dim")
        text.append(str(self.due), style="bold yellow" if self.due else "")
        if self.due:
            text.append(" [r]", style="dim")
        step = self.next
        if step is not None:
            mod = self.app.course.outline.module(step.module)
            where = mod.title_in(self.app.t.lang).value if mod else step.module
            spot = f"¶{step.paragraph}" if step.activity == "read" else self._("quiz")
            text.append("\n" + _("Continue: "), style="dim")
            text.append(f"{where} {spot}")
            text.append(" [c]", style="dim")
        elif self.course_done:
            text.append("\n" + _("Course complete."), style="bold green")
        return text

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        # The bars fill in just after the map shows: the first screen does not wait for the banks.
        self.set_timer(0.15, self.load_progress)

    def on_screen_resume(self) -> None:
        self.load_progress()

    async def show_learner(self) -> None:
        """Show the map of the learner just switched to (the app's session has changed)."""
        self.progress, self.due, self.next = {}, 0, None
        await self.recompose()  # before the new figures arrive, so they fill the new rows
        self.query_one(OptionList).focus()
        self.load_progress()

    @work(thread=True, exclusive=True, group="progress")
    def load_progress(self) -> None:
        session = self.app.session
        if session is None:
            return
        rows = {p.id: p for p in session.progress(self.app.t.lang)}
        due = len(session.due())
        step = session.next_step(self.app.t.lang)
        self.app.call_from_thread(self._show_progress, session, rows, due, step)

    def _show_progress(
        self, session: LearnerSession, rows: dict[str, ModuleProgress], due: int, step: NextStep | None
    ) -> None:
        if session is not self.app.session:
            return  # figures of the learner before a switch
        self.progress, self.due, self.next = rows, due, step
        lists = self.query("#modules").results(OptionList)
        option_list = next(lists, None)
        if option_list is None:
            return  # being recomposed, from the figures just stored
        lang = self.app.t.lang
        for n, m in enumerate(self.app.course.outline.modules, start=1):
            option_list.replace_option_prompt(m.id, self._row(n, m.id, m.title_in(lang).value))
        self.query_one("#map-status", Static).update(self._status_text())

    def _current(self) -> str:
        ol = self.query_one(OptionList)
        index = ol.highlighted if ol.highlighted is not None else 0
        return self.app.course.outline.modules[index].id

    @on(OptionList.OptionSelected, "#modules")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_reader(str(event.option.id))

    def action_read(self) -> None:
        self.app.open_reader(self._current())

    def action_quiz(self) -> None:
        from .quiz import QuizScreen

        self.app.push_screen(QuizScreen.for_module(self.app, self._current()))

    def action_continue(self) -> None:
        step = self.next
        session = self.app.session
        if step is None and not self.progress and session is not None:
            step = session.next_step(self.app.t.lang)  # pressed before the figures came in
        if step is None:  # the whole course is complete: what is left is review
            self.action_review()
        elif step.activity == "quiz":
            from .quiz import QuizScreen

            self.app.push_screen(QuizScreen.for_module(self.app, step.module, at=step.question))
        else:
            self.app.open_reader(step.module, step.paragraph)

    def action_review(self) -> None:
        from .quiz import QuizScreen

        session = self.app.session
        due = session.due() if session else []
        if not due:
            self.notify(self._("Nothing to review today."))
            return
        self.app.push_screen(QuizScreen(due, title=self._("Review"), review=True))

    def action_settings(self) -> None:
        from .settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_workshop(self) -> None:
        from .workshop import WorkshopSetupScreen

        self.app.push_screen(WorkshopSetupScreen())

    def action_live_workshop(self) -> None:
        from .live_host import LiveSetupScreen

        self.app.push_screen(LiveSetupScreen())

    def action_learners(self) -> None:
        from ssc_learn.course.learning import known_learners

        from .welcome import WelcomeScreen

        if self.app.choose_learner:  # served: no session sees who else is learning
            self.app.push_screen(WelcomeScreen([], None, protected=True))
            return
        names, last = known_learners(self.app.data_dir)
        self.app.push_screen(WelcomeScreen(names, last))
