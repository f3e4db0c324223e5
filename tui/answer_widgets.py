"""Answer widgets, one per question type; each turns its state into the grader's response."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from ssc_learn.course.i18n import N_, Translator
from ssc_learn.course.session import LETTERS, Presented
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Select, SelectionList, Static
from textual.widgets.option_list import Option

from .base import translate_bindings


class AnswerWidget(Vertical):
    """Base: `response()` is what the grader takes (None if unanswered); `reply()` is the text kept."""

    USAGE = N_("Ctrl+S checks your answer.")

    def __init__(self, presented: Presented, t: Translator) -> None:
        super().__init__(classes="answer")
        self.presented = presented
        self.t = t

    def on_mount(self) -> None:
        translate_bindings(self, self.t.gettext)  # e.g. the order question's Move up / Move down

    def response(self) -> Any:
        raise NotImplementedError

    def reply(self) -> str:
        value = self.response()
        if isinstance(value, list):
            return " / ".join(map(str, value))
        if isinstance(value, dict):
            return "; ".join(f"{k} = {v}" for k, v in value.items())
        return "" if value is None else str(value)

    def freeze(self) -> None:
        for child in self.query("*"):
            child.disabled = True


class TextAnswer(AnswerWidget):
    USAGE = N_("Type your answer; Enter checks it.")

    def compose(self) -> ComposeResult:
        q = self.presented.question
        placeholder = self.t.gettext("Your answer, then Enter")
        if q.type == "number" and q.unit:
            placeholder = self.t.gettext("A number ({unit}), then Enter").format(unit=q.unit)
        yield Input(placeholder=placeholder, id="answer-0")

    def response(self) -> Any:
        value = self.query_one(Input).value
        return value if value.strip() else None


class ClozeAnswer(AnswerWidget):
    USAGE = N_("One answer per blank; Enter moves on, then checks.")

    def compose(self) -> ComposeResult:
        q = self.presented.question
        yield Static(Text(q.cloze_text()), classes="cloze-text")
        for i, _blank in enumerate(q.blanks):
            with Horizontal(classes="blank-row"):
                yield Label(f"({i + 1})", classes="blank-label")
                yield Input(placeholder=self.t.gettext("blank {n}").format(n=i + 1), id=f"answer-{i}")

    def response(self) -> Any:
        values = [i.value for i in self.query(Input)]
        return values if any(v.strip() for v in values) else None


class ChoiceAnswer(AnswerWidget):
    USAGE = N_("↑↓ choose, Space or Enter selects, Ctrl+S checks.")

    def compose(self) -> ComposeResult:
        with RadioSet(id="answer-0"):
            for i, choice in enumerate(self.presented.options):
                yield RadioButton(Text(f"{LETTERS[i]}. {choice}"))

    def response(self) -> Any:
        index = self.query_one(RadioSet).pressed_index
        return self.presented.options[index] if index >= 0 else None


class TrueFalseAnswer(AnswerWidget):
    USAGE = N_("↑↓ choose, Space or Enter selects, Ctrl+S checks.")

    def compose(self) -> ComposeResult:
        with RadioSet(id="answer-0"):
            yield RadioButton(self.t.gettext("True"))
            yield RadioButton(self.t.gettext("False"))

    def response(self) -> Any:
        index = self.query_one(RadioSet).pressed_index
        return None if index < 0 else index == 0

    def reply(self) -> str:
        value = self.response()
        return "" if value is None else ("true" if value else "false")


class MultiAnswer(AnswerWidget):
    USAGE = N_("↑↓ move, Space ticks every answer that applies, Ctrl+S checks.")

    def compose(self) -> ComposeResult:
        yield SelectionList[int](
            *[(Text(f"{LETTERS[i]}. {c}"), i) for i, c in enumerate(self.presented.options)], id="answer-0"
        )

    def response(self) -> Any:
        picked = self.query_one(SelectionList).selected
        return [self.presented.options[i] for i in sorted(picked)] if picked else None


class OrderAnswer(AnswerWidget):
    USAGE = N_("Highlight an item and move it with Shift+↑ / Shift+↓ (or - and +); Ctrl+S checks.")
    BINDINGS = [
        Binding("shift+up,minus", "move(-1)", N_("Move up")),
        Binding("shift+down,plus,equals_sign", "move(1)", N_("Move down")),
    ]

    def __init__(self, presented: Presented, t: Translator) -> None:
        super().__init__(presented, t)
        self.items = list(presented.options)

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), id="answer-0")

    def _options(self) -> list[Option]:
        return [Option(Text(f"{i + 1}. {item}")) for i, item in enumerate(self.items)]

    def action_move(self, step: int) -> None:
        ol = self.query_one(OptionList)
        i = ol.highlighted
        if i is None or not 0 <= i + step < len(self.items):
            return
        self.items[i], self.items[i + step] = self.items[i + step], self.items[i]
        ol.clear_options()
        ol.add_options(self._options())
        ol.highlighted = i + step

    def response(self) -> Any:
        return list(self.items)

    def reply(self) -> str:
        return " → ".join(self.items)


class MatchAnswer(AnswerWidget):
    USAGE = N_("Enter opens each list; Tab moves on; Ctrl+S checks.")

    def compose(self) -> ComposeResult:
        options = [(Text(f"{LETTERS[i]}. {b}"), i) for i, b in enumerate(self.presented.options)]
        for n, left in enumerate(self.presented.lefts):
            with Horizontal(classes="match-row"):
                yield Label(Text(left), classes="match-left")
                yield Select(
                    options, prompt=self.t.gettext("choose…"), id=f"answer-{n}", classes="match-right"
                )

    def response(self) -> Any:
        out = {}
        for n, left in enumerate(self.presented.lefts):
            value = self.query_one(f"#answer-{n}", Select).value
            if isinstance(value, int):
                out[left] = self.presented.options[value]
        return out or None


WIDGETS: dict[str, type[AnswerWidget]] = {
    "text": TextAnswer,
    "number": TextAnswer,
    "cloze": ClozeAnswer,
    "choice": ChoiceAnswer,
    "truefalse": TrueFalseAnswer,
    "multi": MultiAnswer,
    "order": OrderAnswer,
    "match": MatchAnswer,
}


def answer_widget(presented: Presented, t: Translator) -> AnswerWidget:
    """The widget that fits the question's type."""
    return WIDGETS[presented.question.type](presented, t)


def focus_target(widget: Widget) -> Widget | None:
    """The first control of an answer widget, to focus when a question shows."""
    found = widget.query("Input, RadioSet, SelectionList, OptionList, Select")
    return found.first() if found else None
