"""Results of a quiz: the score, the missed questions, and the learner's scores over time."""

from __future__ import annotations

from rich.text import Text
from ssc_learn.course.grader import Grade
from ssc_learn.course.i18n import N_
from ssc_learn.course.progress import PASS_SCORE
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
        Binding("r", "retry", N_("Retry missed")),
        Binding("escape,enter", "back", N_("Course map")),
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
                    score=t.number(round(score, 2)), total=self.total, percent=t.percent(fraction)
                )
                + "\n",
                style="bold green" if fraction >= PASS_SCORE else "bold yellow",
            )
            if self.module_id and fraction >= PASS_SCORE:
                head.append(_("Quiz passed: read every paragraph of the module to complete it.") + "\n")
            elif self.module_id:
                head.append(_("{percent} is needed to pass.").format(percent=t.percent(PASS_SCORE)) + "\n")
            yield Static(head, id="results-head")
            if self.missed:
                yield Static(Text(_("To review:"), style="bold"), id="missed")
                # The source in a margin, as in the reader: the prompts wrap under themselves.
                for q in self.missed:
                    with Horizontal(classes="missed-row"):
                        yield Static(Text("¶" + ", ".join(q.source), style="cyan"), classes="missed-source")
                        yield Prose(Text(cjk_wrap(q.prompt)), classes="missed-prompt")
            else:
                yield Static(Text(_("No question missed."), style="green"))
            if self.app.session is not None:
                self.history = self.app.session.score_history(self.module_id)
            if len(self.history) > 1:
                yield Static(Text(_("Your scores, day by day:"), style="dim"))
                yield Sparkline(self.history, id="history")
        yield KeyBar()

    def action_retry(self) -> None:
        from .quiz import QuizScreen

        if not self.missed:
            self.notify(self._("No question missed."))
            return
        self.app.switch_screen(QuizScreen(self.missed, title=self.quiz_title, module=self.module_id))

    def action_back(self) -> None:
        self.dismiss()
