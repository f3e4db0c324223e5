"""The welcome screen never opens the wrong learner; problems are a dialog, not a traceback; served
sessions ask for a PIN and list no one."""

from __future__ import annotations

from pathlib import Path

from ssc_learn.course.errors import StoreError
from ssc_learn.course.store import Store
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.course_map import CourseMapScreen
from ssc_learn.tui.screens.error import ErrorDialog
from ssc_learn.tui.screens.welcome import WelcomeScreen
from textual.widgets import Input, OptionList, RadioButton

from .waits import wait_until

SIZE = (80, 24)


def _two_learners(folder: Path) -> None:
    with Store.open(folder) as store:
        for name in ("Ana", "Bo"):
            learner = store.ensure_learner(name)
            store.set_pref(learner, "lang", "zh")


async def test_typing_after_picking_a_language_never_opens_another_learner(tmp_path: Path):
    _two_learners(tmp_path)
    app = make_app(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.screen.query(OptionList)
        await pilot.click(RadioButton, offset=(2, 0))  # a language
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "new-learner"
        await pilot.press("shift+tab")
        for ch in "Chen":
            await pilot.press(ch)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None, "a learner opened")
        assert app.session is not None and app.session.name == "Chen"
    with Store.open(tmp_path) as store:
        assert all(store.prefs(store.learner(n)).get("lang") == "zh" for n in ("Ana", "Bo"))


async def test_a_name_typed_after_picking_a_language_is_kept(tmp_path: Path):
    app = make_app(lang="en", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        for ch in "Wei":
            await pilot.press(ch)
        buttons = list(app.screen.query(RadioButton))
        await pilot.click(buttons[-1])  # another language, after typing
        await pilot.pause()
        field = app.screen.query_one("#new-learner", Input)
        assert field.value == "Wei" and app.focused is field
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CourseMapScreen), "the course map")
        assert isinstance(app.screen, CourseMapScreen) and app.session.name == "Wei"


async def test_a_store_that_cannot_be_written_is_a_dialog(tmp_path: Path, monkeypatch):
    """Saving the language to a read-only store: a dialog with one line, and the app goes on."""
    app = make_app(lang="en", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def read_only(*_a, **_k):
            raise StoreError(
                "{path}: the data folder is read-only; nothing was written", kind="readonly", path="x"
            )

        monkeypatch.setattr(app.session.store, "set_pref", read_only)
        app.set_language("fr")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog) and "lecture seule" in app.screen.message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen) and app.is_running


async def test_a_full_disk_while_learning_is_a_dialog_then_one_line(tmp_path: Path, monkeypatch):
    import sqlite3

    app = make_app(lang="en", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def full(*_a, **_k):
            err = sqlite3.OperationalError("database or disk is full")
            err.sqlite_errorcode = sqlite3.SQLITE_FULL
            raise err

        monkeypatch.setattr(app.session.store, "mark_read", full)
        await pilot.press("enter")  # the reader marks the first paragraph read
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "a dialog")
        assert isinstance(app.screen, ErrorDialog) and "the disk is full" in app.screen.message
        await pilot.press("enter")
        await pilot.pause()
    assert app.failure and "the disk is full" in app.failure and app.return_code == 1


async def test_a_served_session_asks_for_a_pin_and_lists_no_one(tmp_path: Path):
    _two_learners(tmp_path)
    app = make_app(lang="en", data_dir=tmp_path, choose_learner=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and not app.screen.query(OptionList)
        for ch in "Ana":
            await pilot.press(ch)
        await pilot.press("enter")
        for ch in "1234":
            await pilot.press(ch)
        await pilot.press("enter")  # Ana has no PIN: she cannot be opened from a browser
        await pilot.pause()
        assert app.session is None and isinstance(app.screen, WelcomeScreen)
        field = app.screen.query_one("#new-learner", Input)
        field.value = "Dee"
        field.focus()
        await pilot.press("enter")
        for ch in "5678":
            await pilot.press(ch)
        await pilot.press("enter")  # a new learner, created with their PIN
        await wait_until(pilot, lambda: app.session is not None, "a learner opened")
        assert app.session is not None and app.session.name == "Dee"
        await pilot.press("l")  # switching learner lists no one either
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and not app.screen.query(OptionList)
    with Store.open(tmp_path) as store:
        assert store.secret_hash(store.learner("Dee")).startswith("scrypt$")
