"""The one piece of Textual's private API the app relies on, pinned by a test.

Key descriptions are written in English (marked with N_) and shown in the learner's language:
`tui/base.translate_bindings` rewrites a node's `_bindings.key_to_bindings`, which Textual does not
promise to keep (the help screen reads it too). pyproject.toml bounds textual below the next major
version; this test fails on any version where that structure changed, before a learner sees it.
The tests themselves set three names of Textual's private `textual._wait` and one of its constants
(tests/conftest.py), pinned here too.
"""

from __future__ import annotations

from importlib.metadata import version

from ssc_learn.tui.base import translate_bindings
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class Keys(App[None]):
    BINDINGS = [Binding("t", "noop", "Quiz"), Binding("x", "noop", "", show=False)]

    def compose(self) -> ComposeResult:
        yield Static("body")


def test_the_installed_textual_is_in_the_range_pyproject_allows():
    major = int(version("textual").split(".")[0])
    assert major == 8, "check tui/base.translate_bindings against this Textual, then move the bound"


async def test_translated_descriptions_reach_the_active_bindings_and_survive_a_switch():
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        key_map = app._bindings.key_to_bindings
        assert isinstance(key_map, dict) and all(
            isinstance(b, Binding) for bs in key_map.values() for b in bs
        )
        translate_bindings(app, lambda s: {"Quiz": "Prueba"}.get(s, s))
        described = {key: b.description for key, (_n, b, _e, _t) in app.screen.active_bindings.items()}
        assert described["t"] == "Prueba" and described["x"] == ""
        # A second language starts from the English originals, not from the first translation.
        translate_bindings(app, lambda s: {"Quiz": "Test"}.get(s, s))
        assert app.screen.active_bindings["t"][1].description == "Test"


def test_pilot_waits_use_the_idle_sample_and_no_animations_the_tests_set():
    """tests/conftest.py shortens Textual's idle sampling and has it count the waiting thread's CPU only
    (textual._wait, a private module), and turns animations off through textual.constants: all of it
    only works while Textual reads them from there."""
    import time

    import textual._wait
    import textual.constants

    from .conftest import IDLE_CPU, IDLE_SAMPLE

    assert textual._wait.SLEEP_GRANULARITY == IDLE_SAMPLE
    assert textual._wait.SLEEP_IDLE == IDLE_CPU
    assert textual._wait.process_time is time.thread_time  # the waiting thread's CPU, not the process's
    # read when waiting, not bound when the function was defined
    names = set(textual._wait.wait_for_idle.__code__.co_names)
    assert {"SLEEP_GRANULARITY", "SLEEP_IDLE", "process_time"} <= names
    assert textual.constants.TEXTUAL_ANIMATIONS == "none"
    assert Keys().animation_level == "none"
