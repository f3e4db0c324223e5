"""Snapshot tests of the main screens at 80×24 (pytest-textual-snapshot).

Update the pictures after an intended change with `pytest -n 0 tests/test_snapshots.py --snapshot-update`,
then look at them: each test's docstring says what to look for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ssc_learn.tui.app import make_app

from .waits import settle

SIZE = (80, 24)


def _app(lang: str, tmp_path: Path):
    return make_app(lang=lang, learner="Ana", data_dir=tmp_path)


async def _settle(pilot) -> None:
    """Wait for what the timers start (the progress bars, the warm-up) and for their workers; then
    draw every text field's cursor steadily: a blinking one would be in the picture or not depending
    on when it is taken."""
    from textual.widgets import Input

    await settle(pilot)
    blinking = [field for field in pilot.app.screen.query(Input) if field.cursor_blink]
    for field in blinking:
        field.cursor_blink = False
    if blinking:
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


def _quiz_at(module: str, number: int, *keys: str):
    """Open `module`'s quiz at question `number` (1-based), then press `keys`."""

    async def run(pilot) -> None:
        from ssc_learn.tui.screens.quiz import QuizScreen

        await _settle(pilot)
        app = pilot.app
        await app.push_screen(QuizScreen.for_module(app, module))
        await pilot.pause()
        app.screen.index = number - 1
        app.screen.presented = None
        await app.screen.recompose()
        app.screen._focus_answer()
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


def test_long_choices_wrap_in_spanish(snap_compare, tmp_path):
    """Module 12 (financing) question 11 in Spanish, whose four choices are longer than a line: each
    wraps in full, its second line under its own text (not under the radio button or the letter),
    and no choice ends in "…"."""
    assert snap_compare(_app("es", tmp_path), terminal_size=SIZE, run_before=_quiz_at("financing", 11))


def test_several_answers_ticked_in_spanish(snap_compare, tmp_path):
    """Module 10 question 10 (tick every right answer) in Spanish: four boxes, A and C ticked (✓) and
    B and D empty, so ticked and unticked differ by more than colour; long choices wrap in full."""
    assert snap_compare(
        _app("es", tmp_path),
        terminal_size=SIZE,
        run_before=_quiz_at("un-system", 10, "space", "down", "down", "space"),
    )


def test_matching_lists_its_options_in_full_in_french(snap_compare, tmp_path):
    """Module 12 question 4 (matching) in French: the five descriptions written out in full, lettered
    A–E, above one row per paragraph with a short drop-down of letters ("choisir…")."""
    assert snap_compare(_app("fr", tmp_path), terminal_size=SIZE, run_before=_quiz_at("financing", 4))


def test_a_skipped_question_shows_its_answer_in_chinese(snap_compare, tmp_path):
    """Module 9's first question skipped with Ctrl+N, in Chinese: 已跳过 (it comes back in reviews), the
    answer, the explanation, the source paragraph and "回车：下一题"; the choices are greyed out."""
    assert snap_compare(
        _app("zh", tmp_path), terminal_size=SIZE, run_before=_quiz_at("triangular", 1, "ctrl+n")
    )


def test_results_lead_on(snap_compare, tmp_path):
    """The results of module 1's quiz with every question skipped, in English: the score line, the
    pass mark, then (before the list of questions to review) what Enter opens next with the reason
    ("Next, what is left to do: … paragraph …") and "Reviews due today: 12 [v]"; the key bar shows
    ⏎ Go on, r Retry missed, v Review and esc Course map."""
    keys = ["enter", "t"] + ["ctrl+n"] * 24
    assert snap_compare(_app("en", tmp_path), terminal_size=SIZE, run_before=_press(*keys))


def test_welcome_in_spanish(snap_compare, tmp_path):
    """A first start in Spanish: the greeting, "¿Quién va a estudiar?", the full hint "Nuevo
    estudiante: escriba un nombre y pulse Intro" on its own line above an empty name field
    ("Nombre"), and the four languages with Español chosen."""
    app = make_app(lang="es", data_dir=tmp_path)

    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)
