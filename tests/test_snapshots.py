"""Snapshot tests of the main screens at 80×24 (pytest-textual-snapshot).

Update the pictures after an intended change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at them: each test's docstring says what to look for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ssc_learn.tui.app import make_app

SIZE = (80, 24)


def _app(lang: str, tmp_path: Path):
    return make_app(lang=lang, learner="Ana", data_dir=tmp_path)


async def _settle(pilot) -> None:
    """Wait for the timers that fill the progress bars and warm the caches, then for their workers."""
    from textual.worker import WorkerCancelled

    await pilot.pause(0.8)
    try:
        await pilot.app.workers.wait_for_complete()
    except WorkerCancelled:  # a newer load replaced an older one: the newer one is what shows
        pass
    await pilot.pause()


def _press(*keys: str):
    async def run(pilot) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_course_map(snap_compare, tmp_path, lang):
    """The course map: twelve numbered modules with empty progress bars at 0%, the learner's name
    (Ana) and zero reviews due in the status line, and the keys in the footer, all in `lang`."""
    assert snap_compare(_app(lang, tmp_path), terminal_size=SIZE, run_before=_settle)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reader(snap_compare, tmp_path, lang):
    """The reader on module 3 (principles): the title, the unofficial-translation notice (en only),
    the objectives, then paragraph 7 with its id in the left margin; Chinese lines break between
    characters, not at the spaces around numbers."""
    assert snap_compare(_app(lang, tmp_path), terminal_size=SIZE, run_before=_press("down", "down", "enter"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quiz_question(snap_compare, tmp_path, lang):
    """The first quiz question of module 3: the module title and "1 of 21" in the head, the prompt,
    an empty answer box with its placeholder, a usage line, and Ctrl+S/Ctrl+T/Ctrl+N in the footer."""
    assert snap_compare(_app(lang, tmp_path), terminal_size=SIZE, run_before=_press("down", "down", "t"))


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_course_map_in_spanish_and_french(snap_compare, tmp_path, lang):
    """The course map in Spanish or French: module titles and footer keys in that language."""
    assert snap_compare(_app(lang, tmp_path), terminal_size=SIZE, run_before=_settle)
