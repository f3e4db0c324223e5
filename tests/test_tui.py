"""Pilot tests of the main journeys through the terminal course."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from ssc_learn.course.kinds import Kind
from ssc_learn.course.store import Store
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.course_map import CourseMapScreen
from ssc_learn.tui.screens.quiz import QuizScreen
from ssc_learn.tui.screens.reader import ParagraphView, ReaderScreen
from ssc_learn.tui.screens.results import ResultsScreen
from ssc_learn.tui.screens.too_small import TooSmallScreen
from ssc_learn.tui.screens.welcome import WelcomeScreen
from textual.command import CommandList

from .waits import map_shows_figures, wait_until, workers_done

SIZE = (80, 24)


def _status(app) -> str:
    """The course map's status line, or nothing while another screen is on top."""
    return str(app.screen.query_one("#map-status").render()) if app.screen.query("#map-status") else ""


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def test_first_screen_lists_the_modules(course, tmp_path: Path):
    app = make_app(lang="en", learner="ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        options = app.screen.query_one("#modules")
        assert options.option_count == len(course.outline.modules)
        first = str(options.get_option_at_index(0).prompt)
        assert course.outline.modules[0].title["en"] in first


async def test_new_learner_reads_takes_quiz_and_resumes(tmp_path: Path):
    app = make_app(lang="en", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await _type(pilot, "Zhang Wei")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        await pilot.press("l", "escape")  # the learner list, and back: not out of the app
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen) and app.is_running
        await pilot.press("enter")  # read the first module
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        for _ in range(4):
            await pilot.press("j")
        await wait_until(pilot, lambda: workers_done(app), "the reading position saved")
        reading_at = app.screen.current
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        quiz = app.screen
        first = quiz.question
        assert first.type == Kind.TEXT
        await _type(pilot, "Argentina")
        await pilot.press("enter")
        await pilot.pause()
        assert quiz.result is not None and quiz.result.correct
        await pilot.press("ctrl+n")  # on from the answered question
        await pilot.pause()
        for _ in range(len(quiz.questions) - 1):
            await pilot.press("ctrl+n")  # skipped: its answer shows ...
            await pilot.pause()
            assert quiz.skipped and "Answer:" in str(quiz.query_one("#feedback").prose)
            await pilot.press("ctrl+n")  # ... and the next one comes
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await pilot.press("q")
    with Store.open(tmp_path) as store:
        me = store.learner("Zhang Wei")
        assert [a.question for a in store.attempts(me)] == [first.id]
        assert reading_at in store.read_paragraphs(me)
        # Skipped questions are not answers, but they come back for review.
        reviews = {c.question for c in store.due_reviews(me, datetime.now(timezone.utc) + timedelta(days=1))}
        assert {q.id for q in quiz.questions[1:]} <= reviews

    again = make_app(data_dir=tmp_path)  # no flags: the last learner and their language
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: map_shows_figures(again), "the map with its figures")
        assert isinstance(again.screen, CourseMapScreen)
        assert again.t.lang == "en"
        assert again.screen.next is not None, again.screen.next
        # The quiz was gone through to its end: `c` does not reopen it at question 2 but goes to what
        # is left (the module's unread paragraphs), and the map says so.
        status = str(again.screen.query_one("#map-status").render())
        assert "what is left to do" in status, status
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, ReaderScreen)
        assert again.screen.current not in {reading_at}


async def test_language_switch_rerenders_in_place(tmp_path: Path, course):
    app = make_app(lang="en", learner="li", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # the first language: 中文
        await pilot.pause()
        assert app.t.lang == "zh"
        await pilot.press("escape")
        await pilot.pause()
        first = str(app.screen.query_one("#modules").get_option_at_index(0).prompt)
        assert course.outline.modules[0].title["zh"] in first
        status = str(app.screen.query_one("#map-status").render())
        assert "学习者" in status or "Learner" not in status
    with Store.open(tmp_path) as store:
        assert store.prefs(store.learner("li"))["lang"] == "zh"


async def test_search_jumps_to_a_paragraph(tmp_path: Path):
    app = make_app(lang="en", learner="sam", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await _type(pilot, "24(f)")
        await wait_until(
            pilot,
            lambda: workers_done(app) and app.screen.query_one(CommandList).option_count,
            "the search's results",
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.focused, ParagraphView), "a paragraph in focus")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.current == "24(f)"
        assert isinstance(app.focused, ParagraphView) and app.focused.pid == "24(f)"


async def test_too_small_terminal_says_so(tmp_path: Path):
    app = make_app(lang="en", learner="sam", data_dir=tmp_path)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "too small" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)


async def test_learner_names_are_shown_literally(tmp_path: Path):
    app = make_app(lang="en", learner="[bold]x[/]", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: map_shows_figures(app), "the map with its figures")
        status = str(app.screen.query_one("#map-status").render())
        assert "[bold]x[/]" in status


async def test_workshop_mode_presents_counts_down_and_reveals(tmp_path: Path):
    from ssc_learn.tui.screens.workshop import PresenterScreen

    app = make_app(lang="en", learner="facilitator", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        presenter = app.screen
        # The countdown starts at 30 and ticks each second; a busy machine may already have let a
        # tick or two pass by the time it is read.
        started = presenter.left
        assert len(presenter.items) == 10 and 25 <= started <= 30
        await wait_until(pilot, lambda: presenter.left < started, "a tick of the countdown")
        assert presenter.left < started
        await pilot.press("r")
        await pilot.pause()
        shown = str(presenter.query_one("#pr-answer").render())
        assert "Answer" in shown and presenter.item.question.source[0] in shown
        await pilot.press("n")
        await pilot.pause()
        assert presenter.index == 1 and not presenter.revealed


async def test_quit_from_the_reader_with_q(tmp_path: Path):
    app = make_app(lang="en", learner="q", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_search_finds_paragraphs_by_words(tmp_path: Path):
    from ssc_learn.tui.search import CourseSearch

    app = make_app(lang="en", learner="sam", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = CourseSearch(app.screen, None)
        hits = [str(h.match_display) async for h in provider.search("debt")]
        assert any(h.startswith("¶ 24(f)") for h in hits)


async def test_help_lists_the_screens_keys_in_its_language(tmp_path: Path):
    from ssc_learn.tui.screens.help import HelpScreen

    app = make_app(lang="zh", learner="sam", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        assert "测验" in text and "Focus Next" not in text


async def test_switching_learners_from_the_map_and_back(tmp_path: Path):
    """The map is the app's first screen when a learner is remembered; switching learners replaces
    what it shows, and Escape on the learner list goes back to the map instead of quitting."""
    with Store.open(tmp_path) as store:
        store.ensure_learner("Ana")
    app = make_app(lang="en", learner="Bo", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_map = app.screen
        assert isinstance(first_map, CourseMapScreen)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is first_map and app.is_running
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("home", "enter")  # Ana, first in the list
        await wait_until(pilot, lambda: "Ana" in _status(app), "Ana's map")
        assert app.screen is first_map
        assert app.session is not None and app.session.name == "Ana"
        assert "Ana" in str(app.screen.query_one("#map-status").render())
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("tab", *"Chen", "enter")  # a new learner typed in
        await wait_until(pilot, lambda: "Chen" in _status(app), "Chen's map")
        assert app.screen is first_map and app.session.name == "Chen"


async def test_first_screens_are_styled(tmp_path: Path):
    """The welcome screen and the map can be the app's first screen, whose CSS_PATH Textual does not
    read: their rules, and every other screen's, must reach them from app.tcss."""
    app = make_app(lang="en", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#welcome-title").styles.text_style.bold
        assert app.screen.query_one("#name-hint").styles.margin.top == 1
    app = make_app(lang="en", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        assert app.screen.query_one("#map-status").styles.background.a > 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(".pid").styles.width is not None


async def test_the_key_bar_speaks_the_learners_language_after_an_answer(tmp_path: Path):
    """Keys bound on widgets (the feedback's Enter: Next) are translated like the screens' own."""
    from ssc_learn.tui.keybar import KeyBar

    app = make_app(lang="zh", learner="小明", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await _type(pilot, "阿根廷")
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).keys_content().plain
        assert "⏎ 下一题" in bar
        assert not {"Next", "Check", "Hint", "Back", "Search"} & set(bar.replace("/", " ").split())


async def test_what_the_warm_up_loads_is_kept_from_the_collector_while_the_app_runs(tmp_path: Path):
    """After the warm-up, the course, banks, indexes and model are frozen out of the cyclic collector (a
    full collection over them stalled the screen for about 0.1 s); when the app ends they are the
    collector's again."""
    import gc

    app = make_app(lang="en", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, app.warmed.is_set, "the warm-up")
        assert gc.get_freeze_count() > 10_000
    assert gc.get_freeze_count() == 0
