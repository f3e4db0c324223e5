"""Text shown in the terminal: Chinese spacing and line breaking.

Textual breaks lines only at spaces and folds anything longer than a line at the last cell that fits,
so a Chinese paragraph (one long "word" to it) could put a full stop or a closing bracket at the start
of a line, or leave an opening 《 at the end of one. `Prose` breaks lines the way Chinese typesetting
does (GB/T 15834's rules on where punctuation may stand): between characters, at spaces between Latin
words, never before closing punctuation and never after opening punctuation. A full UAX #14
implementation (uniseg) was measured at 24 ms for a 400-character paragraph, too slow to run on every
resize of a reader screen; these few rules take microseconds.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from ssc_learn.course.textnorm import HAN_RE
from textual.widgets import Static

_SPACE_BY_HAN = re.compile(
    r"(?<=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]) +| +(?=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f])"
)
# Never at the start of a line (closing brackets and quotes, pause and stop marks, ellipsis, dash) ...
CLOSING = frozenset("，。、；：！？）」』》〉】〕〗”’…—·．％,.;:!?)]}%")
# ... and never at the end of one.
OPENING = frozenset("（「『《〈【〔〖“‘([{")


def cjk_wrap(text: str) -> str:
    """Chinese text for display, without the spaces the PDF put around numbers ("2019 年 3 月").

    Lines then break between characters, as Chinese typesetting does, instead of at those spaces,
    which left ragged half-empty lines. The stored text is not changed.
    """
    if not HAN_RE.search(text):
        return text
    text = _SPACE_BY_HAN.sub("", text)
    return text.replace("• ", "・")


def _units(line: str) -> list[tuple[int, int]]:
    """Spans that may not be split: a Latin word or a wide character, with the spaces after it, and
    with closing punctuation pulled onto what precedes it and opening punctuation onto what follows."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        j = i + 1
        if cell_len(line[i]) < 2 and not line[i].isspace():
            while j < n and not line[j].isspace() and cell_len(line[j]) < 2:
                j += 1
        while j < n and line[j].isspace():
            j += 1
        glue = (
            spans
            and not line[spans[-1][0] : spans[-1][1]].isspace()
            and (line[i] in CLOSING or line[spans[-1][1] - 1] in OPENING or line[i] == line[i - 1] == "—")
        )
        if glue:
            spans[-1] = (spans[-1][0], j)
        else:
            spans.append((i, j))
        i = j
    return spans


def break_offsets(text: str, width: int) -> list[int]:
    """Where lines of `text` should start to fit in `width` cells (after its own newlines too)."""
    offsets: list[int] = []
    base = 0
    for line in text.split("\n"):
        if base:
            offsets.append(base)
        used = 0
        for start, end in _units(line):
            unit = line[start:end]
            need = cell_len(unit.rstrip())
            if used and used + need > width:
                offsets.append(base + start)
                used = 0
            if need > width:  # longer than a line on its own: fold it, a cell budget at a time
                line_start = 0
                for k, ch in enumerate(unit):
                    w = cell_len(ch)
                    if used + w > width and not ch.isspace():
                        # A stop or bracket takes the character before it along to the new line.
                        take = (
                            ch in CLOSING
                            and k - 1 > line_start
                            and not unit[k - 1].isspace()
                            and cell_len(unit[k - 1]) + w <= width
                        )
                        cut = k - 1 if take else k
                        offsets.append(base + start + cut)
                        used, line_start = cell_len(unit[cut:k]), cut
                    used += w
            else:
                used += cell_len(unit)
        base += len(line) + 1
    return offsets


def fold(text: Text, width: int) -> Text:
    """`text` with its lines broken to fit `width` cells; styles are kept, spaces at breaks dropped."""
    if width <= 0:
        return text
    lines = text.split("\n", allow_blank=True) if "\n" in text.plain else [text]
    out: list[Text] = []
    for line in lines:
        for part in line.divide(break_offsets(line.plain, width)):
            part.rstrip()
            out.append(part)
    return Text("\n").join(out)


class Prose(Static):
    """A Static for reading text, Chinese above all: lines break where Chinese typesetting allows."""

    def __init__(self, content: Text | str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Static's keyword arguments, passed through
        self.prose = content if isinstance(content, Text) else Text(content)
        self._folded: tuple[int, Text] | None = None

    # Narrower than Static.update (any visual): Prose re-folds the text itself, so it takes text only.
    def update(self, content: Text | str = "", *, layout: bool = True) -> None:  # type: ignore[override]
        self.prose = content if isinstance(content, Text) else Text(content)
        self._folded = None
        self.refresh(layout=layout)

    def _fold(self, width: int) -> Text:
        # Layout asks for the height and then renders at the same width: fold once per width.
        if self._folded is None or self._folded[0] != width:
            self._folded = (width, fold(self.prose, width))
        return self._folded[1]

    def render(self) -> Text:
        return self._fold(self.content_size.width)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._fold(width).plain.split("\n"))


class Hanging:
    """A label and its text as a Rich renderable (an answer choice, "A. …"): the text wraps in full to
    whatever width it is drawn at, its continuation lines under the text, not under the label.

    Textual's lists fold a long choice to column 0 or cut it with "…"; as a renderable this is folded
    at draw time, so the same option fits any width the list is given.
    """

    def __init__(self, label: str, body: str, style: str = "") -> None:
        self.label = label
        self.body = Text(cjk_wrap(body), style=style)
        self._lines: tuple[int, Text] | None = None

    def lines(self, width: int) -> Text:
        """The choice folded to `width` cells, continuation lines indented by the label's width."""
        # Layout asks for the height and then draws at the same width, again at each redraw: fold once.
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, self._fold(width))
        return self._lines[1].copy()

    def _fold(self, width: int) -> Text:
        indent = cell_len(self.label)
        folded = fold(self.body.copy(), max(1, width - indent)).split("\n", allow_blank=True)
        out = Text(no_wrap=True, overflow="ignore")
        for i, line in enumerate(folded):
            if i:
                out.append("\n")
            out.append(self.label if i == 0 else " " * indent)
            out.append_text(line)
        return out

    def __str__(self) -> str:
        return self.label + self.body.plain

    def __rich_console__(self, console: object, options: Any) -> Any:
        yield self.lines(options.max_width)

    def __rich_measure__(self, console: object, options: object) -> Any:
        from rich.measure import Measurement

        return Measurement(cell_len(self.label) + 1, cell_len(self.label) + self.body.cell_len)
