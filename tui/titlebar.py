"""The title line at the top of the course's screens.

Textual's `Header` is four widgets (icon, title, clock space and the header itself), each with its own
CSS to parse and apply; all the course shows in it is the title. This is one line of text that follows
the app's title, which changes with the language.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """The app's title, centred on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._show, init=True)

    def _show(self, title: str) -> None:
        self.update(title)
