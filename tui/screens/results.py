"""Results of a quiz: the score, the missed questions, and the learner's scores over time."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.grader import Grade
from ssc_learn.course.i18n import N_
from ssc_learn.course.progress import PASS_SCORE, NextStep
from ssc_learn.course.questions import Question
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Sparkline, Static

from ..base import BaseScreen
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from ..titlebar import TitleBar


class ResultsScreen(BaseScreen):
    """Shown when a quiz ends."""

    BINDINGS = [
        Binding("enter", "next_step", N_("Go on")),
        Binding("r", "retry", N_("Retry missed")),
        Binding("v", "review", N_("Review")),
        Binding("escape", "back", N_("Course map")),
    ]

    def __init__(
        self, results: list[tuple[Question, Grade | None]], title: str, module: str | None, total: int
    ) -> None:
        super().__init__()
        self.results = results
        self.quiz_title = title
        self.module_id = module
        self.total = total
        self.history: list[float] = []
        self.step: NextStep | None = None
        self.due = 0

    @property
    def missed(self) -> list[Question]:
        return [q for q, g in self.results if g is None or not g.correct]

    def compose(self) -> ComposeResult:
        _ = self._
        t = self.app.t
        score = sum(g.score for _q, g in self.results if g is not None)
        fraction = score / self.total if self.total else 0.0
        yield TitleBar()
        with VerticalScroll(id="results"):
            head = Text(self.quiz_title + "\n", style="bold")
            head.append(
                _("Score: {score} of {total} ({percent})").format(
                    score=t.number(round(score, 1)), total=self.total, percent=t.percent(fraction)
                )
                + "\n",
                style="bold green" if fraction >= PASS_SCORE else "bold yellow",
            )
            if self.module_id and fraction >= PASS_SCORE:
                head.append(_("Quiz passed: read every paragraph of the module to complete it.") + "\n")
            elif self.module_id:
                head.append(_("{percent} is needed to pass.").format(percent=t.percent(PASS_SCORE)) + "\n")
            yield Static(head, id="results-head")
            # What comes next, before the list of what was missed: Enter goes there.
            session = self.app.session
            if session is not None:
                self.history = session.score_history(self.module_id)
                self.step = session.next_step(t.lang)
                self.due = len(session.due())
            yield Static(self._next_text(session), id="results-next")
            if self.missed:
                yield Static(Text(_("To review:"), style="bold"), id="missed")
                # The source in a margin, as in the reader: the prompts wrap under themselves.
                for q in self.missed:
                    with Horizontal(classes="missed-row"):
                        yield Static(Text("¶" + t.join(q.source), style="cyan"), classes="missed-source")
                        yield Prose(Text(cjk_wrap(q.prompt)), classes="missed-prompt")
            else:
                yield Static(Text(_("No question missed."), style="green"))

            if len(self.history) > 1:
                yield Static(Text(_("Your scores, day by day:"), style="dim"))
                yield Sparkline(self.history, id="history")
        yield KeyBar()

    def _next_text(self, session: object) -> Text:
        """What Enter does from here, and the reviews waiting."""
        from .course_map import step_text

        _ = self._
        text = Text()
        if self.step is not None and session is not None:
            text.append(step_text(self.app, self.step, session.resume()), style="bold")  # type: ignore[attr-defined]
            text.append("  [" + _("Enter") + "]", style="dim")
        elif session is not None:
            text.append(_("Course complete."), style="bold green")
        if self.due:
            text.append("\n" + _("Reviews due today: {n}").format(n=self.due))
            text.append("  [v]", style="dim")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.missed)
        if action == "review":
            return self.due > 0
        if action == "next_step":
            return self.step is not None
        return True

    def _to_map(self) -> None:
        """Back to the course map, under any reader the quiz was started from."""
        from .course_map import CourseMapScreen

        self.dismiss()
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, CourseMapScreen):
            self.app.pop_screen()

    def action_next_step(self) -> None:
        from .course_map import open_step

        step = self.step
        self._to_map()
        open_step(self.app, step)

    def action_review(self) -> None:
        from .quiz import QuizScreen

        session = self.app.session
        due = session.due() if session else []
        if due:
            self._to_map()
            self.app.push_screen(QuizScreen(due, title=self._("Review"), review=True))

    def action_retry(self) -> None:
        from .quiz import QuizScreen

        if not self.missed:
            self.notify(self._("No question missed."))
            return
        self.app.switch_screen(QuizScreen(self.missed, title=self.quiz_title, module=self.module_id))

    def action_back(self) -> None:
        self._to_map()
