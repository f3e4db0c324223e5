"""The quiz: one question at a time, the widget that fits its type, instant explained feedback."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from rich.text import Text
from ssc_learn.course.grader import VERDICTS, Grade, describe, grade
from ssc_learn.course.i18n import N_
from ssc_learn.course.questions import Question
from ssc_learn.course.session import Presented, present, solution_text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from ..answer_widgets import AnswerWidget, answer_widget, focus_target
from ..base import BaseScreen, translate_bindings
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from ..titlebar import TitleBar

VERDICT_STYLE = {"correct": "bold green", "partial": "bold yellow", "incorrect": "bold red"}


class Feedback(Prose, can_focus=True):
    """The verdict after an answer; Enter goes on."""

    BINDINGS = [Binding("enter,n", "screen.next", N_("Next"))]

    def on_mount(self) -> None:
        translate_bindings(self)  # the quiz is recomposed on a language switch


class QuizScreen(BaseScreen):
    """Asks a list of questions (a module's quiz, or the questions due for review)."""

    BINDINGS = [
        Binding("ctrl+s", "check", N_("Check")),
        Binding("ctrl+t", "hint", N_("Hint")),
        Binding("ctrl+n", "skip", N_("Skip / next")),
        Binding("ctrl+o", "source", N_("Source ¶")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(
        self,
        questions: list[Question],
        *,
        title: str = "",
        module: str | None = None,
        review: bool = False,
        start: int = 0,
        fallback: bool = False,
    ) -> None:
        super().__init__()
        self.questions = questions
        self.quiz_title = title
        self.module_id = module
        self.review = review
        self.fallback = fallback
        self.index = min(start, max(0, len(questions) - 1))
        self.results: list[tuple[Question, Grade | None]] = []
        self.result: Grade | None = None
        self.skipped = False  # skipped, its answer shown
        self.started = time.monotonic()
        self.presented: Presented | None = None

    @classmethod
    def for_module(cls, app: Any, module: str, at: str | None = None) -> QuizScreen:
        """The quiz of `module` in the app's language (the original's questions if it has none),
        opened at question `at` (the first when it is not in the quiz)."""
        course = app.course
        lang = app.t.lang
        questions, fallback = course.bank.for_module(module, lang, course.source_lang)
        ids = [q.id for q in questions]
        start = ids.index(at) if at in ids else 0
        title = course.outline.module(module).title_in(lang).value
        return cls(questions, title=title, module=module, start=start, fallback=fallback)

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def compose(self) -> ComposeResult:
        _ = self._
        yield TitleBar()
        if not self.questions:
            yield Static(_("This module has no questions yet."), id="quiz-empty")
            yield KeyBar()
            return
        q = self.question
        seed = self.app.session.name if self.app.session else ""
        if self.presented is None or self.presented.question is not q:
            self.presented = present(q, seed)
        head = Text(self.quiz_title, style="bold")
        head.append(
            "   " + _("Question {n} of {total}").format(n=self.index + 1, total=len(self.questions)),
            style="dim",
        )
        if self.fallback:
            head.append(
                "\n" + _("(questions shown in the original language: none in yours yet)"), style="italic"
            )
        yield Static(head, id="quiz-head")
        with VerticalScroll(id="quiz-body"):
            yield Prose(Text(cjk_wrap(q.prompt)), id="prompt")
            widget = answer_widget(self.presented, self.app.t)
            yield widget
            yield Prose(Text(_(widget.USAGE), style="dim"), id="usage")
            yield Prose("", id="hint")
            yield Feedback("", id="feedback")
        yield KeyBar()

    def on_mount(self) -> None:
        self._focus_answer()

    def _focus_answer(self) -> None:
        if not self.questions:
            return
        widget = self.query(AnswerWidget).first() if self.query(AnswerWidget) else None
        target = focus_target(widget) if widget else None
        if target is not None:
            target.focus()

    @on(Input.Submitted)
    def input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input in inputs and inputs.index(event.input) < len(inputs) - 1:
            inputs[inputs.index(event.input) + 1].focus()
            return
        self.action_check()

    def action_check(self) -> None:
        if not self.questions or self.result is not None or self.skipped:
            return
        widget = self.query_one(AnswerWidget)
        response = widget.response()
        if response is None:
            self.notify(self._("Answer first (or Ctrl+N to skip)."), severity="warning")
            return
        q = self.question
        seconds = time.monotonic() - self.started
        if self.app.session is not None:
            # Graded and recorded (on disk) in one step before the feedback, hence before the next
            # question, shows: the same path as the plain quiz and the chatbot.
            result = self.app.session.submit(widget.presented, response, seconds)
        else:
            result = grade(q, response)
        self.result = result
        self.results.append((q, result))
        widget.freeze()
        self._show_feedback(result)

    def _show_feedback(self, result: Grade | None) -> None:
        """The verdict and why, or for a skipped question (`result` None) its answer all the same."""
        _ = self._
        q = self.question
        body = Text()
        if result is None:
            body.append(_("Skipped: it will come back in your reviews."), style="bold yellow")
        else:
            body.append(_(VERDICTS[result.verdict]).capitalize(), style=VERDICT_STYLE[result.verdict])
            if result.verdict == "partial":
                body.append(f" ({self.app.t.percent(result.score)})", style="yellow")
            body.append("  " + describe(result, self.app.t, brief=True))
        if result is None or not result.correct:
            body.append(
                "\n" + _("Answer: {answer}").format(answer=solution_text(q, self.app.t)), style="bold"
            )
        if q.explanation:
            body.append("\n" + cjk_wrap(q.explanation))
        body.append(
            "\n" + _("Source: paragraph {ids} (Ctrl+O opens it)").format(ids=self.app.t.join(q.source)),
            style="dim",
        )
        when = self._next_review_text()
        if when:
            body.append("\n" + when, style="dim")
        last = self.index + 1 >= len(self.questions)
        body.append("\n" + (_("Enter: your results") if last else _("Enter: next question")), style="dim")
        feedback = self.query_one(Feedback)
        feedback.update(body)
        feedback.add_class("shown")
        feedback.focus()
        feedback.scroll_visible()

    def _next_review_text(self) -> str:
        """When this question comes back, as a flash-card app says after each card."""
        session = self.app.session
        due = session.next_review(self.question) if session is not None else None
        if due is None:
            return ""
        # Relative, as flash-card apps put it ("in 10 minutes", "in 4 days"): a clock time or a date
        # would say less at a glance.
        when = self.app.t.relative(due - datetime.now(timezone.utc))
        return self._("Next review: {when}").format(when=when)

    def action_hint(self) -> None:
        if not self.questions:
            return
        hint = self.question.hint or self._("No hint for this question.")
        self.query_one("#hint", Static).update(Text("💡 " + hint, style="italic"))

    def action_skip(self) -> None:
        """Skip: the question's answer shows and it is scheduled for review; pressed again, go on."""
        if not self.questions:
            return
        if self.result is not None or self.skipped:
            self.action_next()
            return
        q = self.question
        self.skipped = True
        self.results.append((q, None))
        if self.app.session is not None:
            self.app.session.skip(q)
        self.query_one(AnswerWidget).freeze()
        self._show_feedback(None)

    def action_next(self) -> None:
        if self.index + 1 >= len(self.questions):
            self._finish()
            return
        self.index += 1
        self.result = None
        self.skipped = False
        self.presented = None
        self.started = time.monotonic()
        self.refresh(recompose=True)
        self.call_after_refresh(self._focus_answer)

    def _finish(self) -> None:
        from .results import ResultsScreen

        self.app.switch_screen(
            ResultsScreen(self.results, self.quiz_title, self.module_id, len(self.questions))
        )

    def action_source(self) -> None:
        if self.questions:
            self.app.open_paragraph(self.question.source[0])

    def action_back(self) -> None:
        self.dismiss()

    def retranslate(self) -> None:
        super().retranslate()
        self.call_after_refresh(self._restore)

    def _restore(self) -> None:
        if self.result is None and not self.skipped:
            self._focus_answer()
            return
        self.query_one(AnswerWidget).freeze()
        self._show_feedback(self.result)
