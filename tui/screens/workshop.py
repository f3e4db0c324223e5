"""Workshop mode: a presenter view for a projector — one question, a countdown, reveal, next."""

from __future__ import annotations

import random
from collections.abc import Callable

from rich.text import Text
from ssc_learn.course.i18n import N_
from ssc_learn.course.kinds import Kind, unreachable
from ssc_learn.course.session import LETTERS, Presented
from ssc_learn.course.sheets import SheetItem, answer_for_key, build_sheets
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Digits, Input, Label, SelectionList, Static

from ..base import BaseScreen
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from ..titlebar import TitleBar


def projected(p: Presented, _: Callable[[str], str]) -> Text:
    """A question's options as a projector shows them, big letters first (workshop and live rounds)."""
    q = p.question
    lines = Text()
    match q.type:
        case Kind.CLOZE:
            lines.append(cjk_wrap(q.cloze_text()) + "\n")
        case Kind.CHOICE | Kind.MULTI | Kind.ORDER:
            for i, option in enumerate(p.options):
                lines.append(f"{LETTERS[i]}.  ", style="bold")
                lines.append(cjk_wrap(option) + "\n")
        case Kind.MATCH:
            for i, left in enumerate(p.lefts):
                lines.append(f"{i + 1}. {left}\n")
            for i, right in enumerate(p.options):
                lines.append(f"   {LETTERS[i]}. {right}\n")
        case Kind.TRUEFALSE:
            lines.append(_("True") + "  /  " + _("False"))
        case Kind.TEXT | Kind.NUMBER:
            pass
        case _:
            unreachable(q.type)
    return lines


class WorkshopSetupScreen(BaseScreen):
    """The facilitator picks modules, the number of questions and the time per question."""

    BINDINGS = [Binding("escape", "back", N_("Back")), Binding("ctrl+s", "start", N_("Start"))]

    def compose(self) -> ComposeResult:
        _ = self._
        lang = self.app.t.lang
        yield TitleBar()
        with Vertical(id="workshop-setup"):
            yield Prose(
                Text(
                    _(
                        "Workshop: every module is ticked. Untick the ones to leave out (Space), "
                        "then start with Ctrl+S."
                    )
                ),
                id="ws-help",
            )
            yield SelectionList[str](
                *[(m.title_in(lang).value, m.id, True) for m in self.app.course.outline.modules],
                id="ws-modules",
            )
            with Horizontal(classes="ws-row"):
                yield Label(_("Questions"))
                yield Input("10", id="ws-count", type="integer")
                yield Label(_("Seconds each"))
                yield Input("30", id="ws-seconds", type="integer")
                yield Button(_("Start"), id="ws-start", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(Button.Pressed, "#ws-start")
    def pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        modules = list(self.query_one(SelectionList).selected)
        if not modules:
            self.notify(self._("Pick at least one module."), severity="warning")
            return
        count = int(self.query_one("#ws-count", Input).value or 10)
        seconds = int(self.query_one("#ws-seconds", Input).value or 30)
        lang = self.app.t.lang
        sheets = build_sheets(
            self.app.course, langs=[lang], modules=modules, count=max(1, count), seed=str(random.random())
        )
        self.app.switch_screen(PresenterScreen(sheets.variants[0].items, max(5, seconds)))

    def action_back(self) -> None:
        self.dismiss()


class PresenterScreen(BaseScreen):
    """Shows one question at a time in large type with a countdown; R reveals the answer."""

    BINDINGS = [
        Binding("r", "reveal", N_("Reveal")),
        Binding("n,right", "next", N_("Next")),
        Binding("space", "pause", N_("Pause")),
        Binding("escape", "back", N_("End")),
    ]

    def __init__(self, items: list[SheetItem], seconds: int) -> None:
        super().__init__()
        self.items = items
        self.seconds = seconds
        self.index = 0
        self.left = seconds
        self.revealed = False
        self.paused = False

    @property
    def item(self) -> SheetItem:
        return self.items[self.index]

    def compose(self) -> ComposeResult:
        _ = self._
        p = self.item.presented
        q = p.question
        with VerticalScroll(id="presenter"):
            yield Static(
                Text(
                    _("Question {n} of {total}").format(n=self.index + 1, total=len(self.items)), style="dim"
                ),
                id="pr-count",
            )
            with Center():
                yield Digits(str(self.left), id="pr-timer")
            yield Prose(Text(cjk_wrap(q.prompt), style="bold"), id="pr-question")
            yield Prose(projected(p, _), id="pr-options")
            yield Prose("", id="pr-answer")
        yield KeyBar()

    def on_mount(self) -> None:
        self.timer = self.set_interval(1, self._tick)

    def _tick(self) -> None:
        if self.paused or self.revealed:
            return
        self.left = max(0, self.left - 1)
        self.query_one("#pr-timer", Digits).update(str(self.left))
        if self.left == 0:
            self.action_reveal()

    def action_reveal(self) -> None:
        _ = self._
        q = self.item.question
        self.revealed = True
        answer = answer_for_key(self.item.presented)
        if q.type == Kind.TRUEFALSE:
            answer = _("True") if q.answer else _("False")
        body = Text(_("Answer: {answer}").format(answer=answer) + "\n", style="bold green")
        pid = q.source[0]
        para, _fallback = self.app.course.paragraph(pid, self.app.t.lang)
        body.append(_("Paragraph {id}:").format(id=pid) + " ", style="bold")
        body.append(cjk_wrap(para.text))
        self.query_one("#pr-answer", Static).update(body)

    def action_next(self) -> None:
        if self.index + 1 >= len(self.items):
            self.notify(self._("That was the last question."))
            return
        self.index += 1
        self.left = self.seconds
        self.revealed = False
        self.refresh(recompose=True)

    def action_pause(self) -> None:
        self.paused = not self.paused

    def action_back(self) -> None:
        self.dismiss()
