"""Shown instead of the course while the terminal is too small to use."""

from __future__ import annotations

from textual.app import ComposeResult

from ..base import BaseModal
from ..text import Prose


class TooSmallScreen(BaseModal):
    def compose(self) -> ComposeResult:
        yield Prose(self._message(), id="too-small")

    def _message(self) -> str:
        from ..app import MIN_HEIGHT, MIN_WIDTH

        return self._(
            "The terminal is too small ({width}×{height}). Make it at least {min_w}×{min_h}."
        ).format(width=self.app.size.width, height=self.app.size.height, min_w=MIN_WIDTH, min_h=MIN_HEIGHT)

    def on_resize(self) -> None:
        # The size shown is the size now, not the first one the terminal had when it got too small.
        self.query_one("#too-small", Prose).update(self._message())
