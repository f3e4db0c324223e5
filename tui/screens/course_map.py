"""The course map: modules in order with progress, where to continue, and reviews due."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from rich.text import Text
from ssc_learn.course.i18n import N_

if TYPE_CHECKING:
    from ssc_learn.course.learning import LearnerSession
    from ssc_learn.course.progress import ModuleProgress, NextStep
    from ssc_learn.course.store import Position
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..base import BaseScreen
from ..keybar import KeyBar
from ..titlebar import TitleBar

BAR = 10
# Around a title: the mark and number ("✓ 12. "), then " " + bar + " " + a five-cell percentage,
# the list's border and padding, and room for a scroll bar.
ROW_EXTRA = 6 + 1 + BAR + 1 + 5
LIST_FRAME = 5


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# A wide character (with a stop or closing bracket after it: never at a line's start), or a run of
# other characters with the spaces after it: where a title may break.
_TITLE_UNITS = re.compile(
    r"[\u2e80-\u9fff\uff00-\uffef][、，。；：！？）」』》]?|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+"
)


def wrap_title(title: str, width: int) -> list[str]:
    """A module title in lines of at most `width` cells, broken between words (or between Chinese
    characters). tui.text's reading-grade folding is not imported for this: the map is the first
    screen, and every import before it is start-up time."""
    if _cells(title) <= width:
        return [title]
    lines, line = [], ""
    for unit in _TITLE_UNITS.findall(title):
        if line and _cells((line + unit).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while _cells(unit.rstrip()) > width:  # one word longer than a line
            lines.append(unit[:width])
            unit = unit[width:]
        line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


def module_row(
    n: int, title: str, progress: ModuleProgress | None, percent: str, width: int = 80, longest: int = 0
) -> Text:
    """A module on the course map, at most `width` cells wide: mark, number, title, a progress bar and
    the score. The titles' column is as wide as the `longest` title, or the room the bar leaves; a
    title longer than that wraps under itself."""
    title_width = max(10, width - ROW_EXTRA)
    if longest:
        title_width = min(title_width, longest)
    lines = wrap_title(title, title_width)
    row = Text()
    done = progress is not None and progress.completed
    row.append("✓ " if done else "  ", style="bold green")
    row.append(f"{n:>2}. ")
    row.append(lines[0] + " " * max(0, title_width - _cells(lines[0])))
    if progress is not None:
        filled = round(progress.score * BAR)
        row.append(" " + "█" * filled, style="green")
        row.append("░" * (BAR - filled), style="dim")
        row.append(f" {percent:>5}")
    for line in lines[1:]:
        row.append("\n      " + line)
    return row


def step_text(app: Any, step: NextStep, position: Position | None) -> str:
    """Where `c` (or Enter on the results screen) goes, and why, as one translated sentence."""
    _ = app.t.gettext
    mod = app.course.outline.module(step.module)
    title = mod.title_in(app.t.lang).value if mod else step.module
    here = position is not None and position.module == step.module and position.activity == step.activity
    if step.activity == "read":
        if position is None:
            return _("Start here: {module}, paragraph {paragraph}").format(
                module=title, paragraph=step.paragraph
            )
        if here and position.paragraph == step.paragraph:
            return _("Continue where you stopped: {module}, paragraph {paragraph}").format(
                module=title, paragraph=step.paragraph
            )
        return _("Next, what is left to do: {module}, paragraph {paragraph}").format(
            module=title, paragraph=step.paragraph
        )
    ids = [q.id for q in app.course.bank.for_module(step.module, app.t.lang, app.course.source_lang)[0]]
    n = ids.index(step.question) + 1 if step.question in ids else 1
    if here:
        return _("Continue where you stopped: the quiz of “{module}”, question {n}").format(module=title, n=n)
    return _("Next, what is left to do: the quiz of “{module}”, question {n}").format(module=title, n=n)


def open_step(app: Any, step: NextStep | None) -> bool:
    """Open what `step` points to over the current screen; False when there is nothing left."""
    if step is None:
        return False
    if step.activity == "quiz":
        from .quiz import QuizScreen

        app.push_screen(QuizScreen.for_module(app, step.module, at=step.question))
    else:
        app.open_reader(step.module, step.paragraph)
    return True


class CourseMapScreen(BaseScreen):
    """Lists the course's modules; the learner's home."""

    FIGURES_AFTER = 0.15  # seconds after the map shows (tests shorten it: tests/conftest.py)

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
        self.position: Position | None = None
        self._drawn_width = 0

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
        self._drawn_width = self.app.size.width
        width = self._drawn_width - LIST_FRAME
        lang = self.app.t.lang
        longest = max(_cells(m.title_in(lang).value) for m in self.app.course.outline.modules)
        return module_row(n, title, p, self.app.t.percent(p.score) if p else "", width, longest)

    def _refresh_rows(self) -> None:
        option_list = next(self.query("#modules").results(OptionList), None)
        if option_list is None:
            return  # being recomposed
        lang = self.app.t.lang
        for n, m in enumerate(self.app.course.outline.modules, start=1):
            option_list.replace_option_prompt(m.id, self._row(n, m.id, m.title_in(lang).value))

    def on_resize(self) -> None:
        # The titles take the width there is; the first layout already has it (no redraw at start).
        if self.app.size.width != self._drawn_width:
            self._refresh_rows()

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
        if self.progress:
            done = sum(p.score * p.questions for p in self.progress.values())
            total = sum(p.questions for p in self.progress.values())
            text.append(
                "   "
                + _("Course: {percent}").format(percent=self.app.t.percent(done / total if total else 0)),
                style="dim",
            )
        step = self.next
        if step is not None:
            text.append("\n" + step_text(self.app, step, self.position))
            text.append(" [c]", style="dim")
        elif self.course_done:
            text.append("\n" + _("Course complete."), style="bold green")
        return text

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        # The bars fill in just after the map shows: the first screen does not wait for the banks.
        self.set_timer(self.FIGURES_AFTER, self.load_progress)

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
        position = session.resume()
        self.app.call_from_thread(self._show_progress, session, rows, due, step, position)

    def _show_progress(
        self,
        session: LearnerSession,
        rows: dict[str, ModuleProgress],
        due: int,
        step: NextStep | None,
        position: Position | None,
    ) -> None:
        if session is not self.app.session:
            return  # figures of the learner before a switch
        self.progress, self.due, self.next, self.position = rows, due, step, position
        if not self.query("#modules"):
            return  # being recomposed, from the figures just stored
        self._refresh_rows()
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
        if not open_step(self.app, step):  # the whole course is complete: what is left is review
            self.action_review()

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
