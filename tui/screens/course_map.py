"""The course map: the modules in order."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option


class CourseMapScreen(Screen[None]):
    """Lists the course's modules."""

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.t.lang  # type: ignore[attr-defined]
        yield Header()
        yield OptionList(
            *[
                Option(f"{n:>2}. {m.title_in(lang).value}", id=m.id)
                for n, m in enumerate(app.course.outline.modules, start=1)  # type: ignore[attr-defined]
            ],
            id="modules",
        )
        yield Footer()
