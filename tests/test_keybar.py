"""The key bar: every shown key when there is room, Help and the way out always, clicks as key presses."""

from __future__ import annotations

from ssc_learn.tui.keybar import KeyBar
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class Keys(App[None]):
    BINDINGS = [
        Binding("t", "hit('t')", "Quiz"),
        Binding("c", "hit('c')", "Continue"),
        Binding("r", "hit('r')", "Review"),
        Binding("x", "hit('x')", "Hidden", show=False),
        Binding("question_mark", "hit('?')", "Help"),
        Binding("q", "hit('q')", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def action_hit(self, key: str) -> None:
        self.hits.append(key)


async def test_all_keys_and_the_palette_when_there_is_room():
    app = Keys()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).keys_content().plain
        assert line.startswith(" t Quiz  c Continue  r Review  ? Help  q Quit")
        assert "Hidden" not in line
        assert line.rstrip().endswith("^p palette") and len(line) == 80


async def test_a_narrow_bar_keeps_help_and_quit_and_says_more_exist():
    app = Keys()
    async with app.run_test(size=(34, 24)) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).keys_content().plain
        assert "palette" not in line
        assert line.rstrip().endswith("? Help q Quit")
        assert "…" in line and "t Quiz" in line
        assert len(line) <= 34


async def test_clicking_a_key_presses_it():
    app = Keys()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).keys_content().plain
        await pilot.click(KeyBar, offset=(line.index("Continue"), 0))
        await pilot.click(KeyBar, offset=(line.index("q Quit"), 0))
        await pilot.click(KeyBar, offset=(line.index("Review") + 7, 0))  # the gap between keys
        await pilot.pause()
        assert app.hits == ["c", "q"]
