"""Shown instead of the course while the terminal is too small to use."""

from __future__ import annotations

from textual.app import ComposeResult

from ..base import BaseModal
from ..text import Prose


class TooSmallScreen(BaseModal):
    def compose(self) -> ComposeResult:
        from ..app import MIN_HEIGHT, MIN_WIDTH

        yield Prose(
            self._("The terminal is too small ({width}×{height}). Make it at least {min_w}×{min_h}.").format(
                width=self.app.size.width, height=self.app.size.height, min_w=MIN_WIDTH, min_h=MIN_HEIGHT
            ),
            id="too-small",
        )
