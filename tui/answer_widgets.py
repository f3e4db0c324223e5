"""Answer widgets, one per question type; each turns its state into the grader's response."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from ssc_learn.course.i18n import N_, Translator
from ssc_learn.course.kinds import Kind
from ssc_learn.course.session import LETTERS, Presented
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from .base import translate_bindings
from .text import Hanging, Prose, cjk_wrap


class AnswerWidget(Vertical):
    """Base: `response()` is what the grader takes (None if unanswered); the session records its
    canonical text."""

    USAGE = N_("Ctrl+S checks your answer.")

    def __init__(self, presented: Presented, t: Translator) -> None:
        super().__init__(classes="answer")
        self.presented = presented
        self.t = t

    def on_mount(self) -> None:
        translate_bindings(self, self.t.gettext)  # e.g. the order question's Move up / Move down
        # Textual's own widgets inside (the match lists' "Dismiss menu") speak the learner's language too.
        for node in self.query("*"):
            if node._bindings.key_to_bindings:
                translate_bindings(node, self.t.gettext)

    def response(self) -> Any:
        raise NotImplementedError

    def freeze(self) -> None:
        # Disabled here, every control inside is disabled (Textual asks the ancestors): one restyle of
        # the widget, where disabling each control restyled it and all below it again.
        self.disabled = True


class TextAnswer(AnswerWidget):
    USAGE = N_("Type your answer; Enter checks it.")

    def compose(self) -> ComposeResult:
        q = self.presented.question
        placeholder = self.t.gettext("Your answer, then Enter")
        if q.type == Kind.NUMBER and q.unit:
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


class HangingToggle:
    """A radio button or checkbox whose choice wraps in full under its own text, however narrow."""

    hanging: Hanging
    _button: Content

    def _text_width(self, width: int) -> int:
        return max(1, width - self._button.cell_length - 2)

    def render(self) -> Content:
        width = self.content_size.width  # type: ignore[attr-defined]
        lines = self.hanging.lines(self._text_width(width)).split("\n", allow_blank=True)
        label_style = self.get_visual_style("toggle--label")  # type: ignore[attr-defined]
        gap = " " * self._button.cell_length
        rows = [
            Content.assemble(
                self._button if i == 0 else gap, " ", Content.from_rich_text(line)
            ).stylize_before(label_style, self._button.cell_length if i == 0 else 0)
            for i, line in enumerate(lines)
        ]
        return Content("\n").join(rows)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._button.cell_length + 2 + cell_len(str(self.hanging))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.hanging.lines(self._text_width(width)).plain.split("\n"))


class ChoiceButton(HangingToggle, RadioButton):
    """One choice of a single-answer question."""

    def __init__(self, label: str, body: str) -> None:
        self.hanging = Hanging(label, body)
        super().__init__(str(self.hanging))


class ChoiceBox(HangingToggle, Checkbox):
    """One choice of a question with several right answers (Textual's SelectionList draws one line
    per choice, so a long one was cut)."""

    def __init__(self, label: str, body: str, value: int) -> None:
        self.hanging = Hanging(label, body)
        self.value_index = value
        super().__init__(str(self.hanging))

    @property
    def _button(self) -> Content:  # type: ignore[override]  # Textual's ToggleButton draws its box from this
        # A tick only when ticked: Textual's checkbox shows the same "X" either way, in two colours.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            ("✓" if self.value else " ", button_style),
            (self.BUTTON_RIGHT, side_style),
        )


class ChoiceAnswer(AnswerWidget):
    USAGE = N_("↑↓ choose, Space or Enter selects, Ctrl+S checks.")

    def compose(self) -> ComposeResult:
        with RadioSet(id="answer-0"):
            for i, choice in enumerate(self.presented.options):
                yield ChoiceButton(f"{LETTERS[i]}. ", choice)

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


class MultiAnswer(AnswerWidget):
    USAGE = N_("↑↓ move, Space ticks every answer that applies, Ctrl+S checks.")

    BINDINGS = [Binding("down", "step(1)", show=False), Binding("up", "step(-1)", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(id="answer-0", classes="choices"):
            for i, choice in enumerate(self.presented.options):
                yield ChoiceBox(f"{LETTERS[i]}. ", choice, i)

    def response(self) -> Any:
        picked = [box.value_index for box in self.query(ChoiceBox) if box.value]
        return [self.presented.options[i] for i in sorted(picked)] if picked else None

    def action_step(self, step: int) -> None:
        """↑/↓ move between the choices, as in the other lists."""
        boxes = list(self.query(ChoiceBox))
        focused = self.screen.focused
        at = boxes.index(focused) if focused in boxes else -1
        boxes[max(0, min(len(boxes) - 1, at + step))].focus()


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
        return [Option(Hanging(f"{i + 1}. ", item)) for i, item in enumerate(self.items)]

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
        # The options in full, once, above the lists; the lists offer their letters. A list's own
        # line (and Textual's drop-down) has room for a few words only, so a long option was cut.
        for i, b in enumerate(self.presented.options):
            yield Static(Hanging(f"{LETTERS[i]}. ", b), classes="match-option")
        options = [(LETTERS[i], i) for i in range(len(self.presented.options))]
        for n, left in enumerate(self.presented.lefts):
            with Horizontal(classes="match-row"):
                yield Prose(Text(cjk_wrap(left)), classes="match-left")
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
    found = widget.query("Input, RadioSet, ChoiceBox, OptionList, Select")
    return found.first() if found else None
