"""The learner's screens: crashes and untranslated strings found by trying the app as a new user."""

from __future__ import annotations

from pathlib import Path

import pytest
from ssc_learn.course.errors import Phrase, SSCError
from ssc_learn.course.i18n import N_, get_translator
from ssc_learn.course.kinds import Kind
from ssc_learn.course.session import solution_text
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.quiz import QuizScreen
from ssc_learn.tui.text import Hanging

from .waits import wait_until, workers_done

SIZE = (80, 24)


def test_tui_quiz_with_a_language_starts_the_app(cli, monkeypatch):
    """`ssc-learn quiz --lang en` passed the Translator where a language code was wanted."""
    from ssc_learn.tui.app import SSCLearnApp

    started = {}

    def run(self, *args, **kwargs):
        started["lang"], started["quiz"] = self.t.lang, self.open_quiz
        return 0

    monkeypatch.setattr(SSCLearnApp, "run", run)
    result = cli("quiz", "--lang", "en", "--module", "triangular")
    assert result.code == 0, result.err
    assert started == {"lang": "en", "quiz": "triangular"}
    assert "Traceback" not in result.err


async def test_the_tui_quiz_opens_once_the_learner_is_chosen(tmp_path: Path):
    from ssc_learn.tui.screens.welcome import WelcomeScreen

    app = make_app(lang="en", data_dir=tmp_path, open_quiz="triangular")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        for key in "Ana":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.module_id == "triangular"


def test_error_values_are_not_translated_unless_marked():
    """A learner called "Quit" stays "Quit" in a Chinese message; a marked phrase is translated."""
    zh = get_translator("zh").gettext
    message = SSCError(N_("no learner called {name!r}"), name="Quit").localized(zh)
    assert "'Quit'" in message and "退出" not in message
    marked = SSCError(N_("cannot write {path}: {reason}"), path="x", reason=Phrase("the disk is full"))
    assert zh("the disk is full") in marked.localized(zh)


def test_answers_are_shown_in_the_learners_language(course):
    """True/false answers are words of the language, and lists take its separators."""
    zh, es = get_translator("zh"), get_translator("es")
    tf = next(
        q
        for m in course.outline.modules
        for q in course.bank.for_module(m.id, "es", "zh")[0]
        if q.type == Kind.TRUEFALSE
    )
    assert solution_text(tf, es) in {es.gettext("True"), es.gettext("False")}
    assert "false" not in solution_text(tf, es) and "true" not in solution_text(tf, es)
    multi = next(
        q
        for m in course.outline.modules
        for q in course.bank.for_module(m.id, "zh", "zh")[0]
        if q.type == Kind.MULTI
    )
    assert "；" in solution_text(multi, zh) and "; " not in solution_text(multi, zh)
    assert zh.join(["4", "31(d)"]) == "4、31(d)"
    assert zh.gettext("False") != zh.gettext("incorrect")  # 错误 was both "false" and "wrong"


@pytest.mark.parametrize("width", [20, 37, 76])
def test_a_hanging_choice_keeps_every_word_and_indents_under_its_text(width):
    body = "Prestar apoyo a los Estados Miembros para establecer alianzas de cooperación Sur-Sur y triangular"
    lines = Hanging("C. ", body).lines(width).plain.split("\n")
    assert all(len(line) <= width for line in lines)
    assert lines[0].startswith("C. ") and all(line.startswith("   ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines).replace("C. ", "", 1) == body


async def test_a_skipped_question_shows_its_answer_and_is_due_for_review(tmp_path: Path, course):
    app = make_app(lang="es", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        q = quiz.question
        await pilot.press("ctrl+n")
        await pilot.pause()
        feedback = str(quiz.query_one("#feedback").prose)
        assert solution_text(q, app.t) in feedback
        assert q.id in {d.id for d in app.session.due()}
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert quiz.index == 1


async def test_palette_and_drop_down_speak_the_learners_language(tmp_path: Path):
    from textual.widgets import Input

    app = make_app(lang="fr", learner="Zoé", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "Rechercher des commandes…"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quitter" in titles and "Quit" not in titles


async def test_results_lead_on_with_enter_and_esc_returns_to_the_map(tmp_path: Path):
    from ssc_learn.tui.screens.course_map import CourseMapScreen
    from ssc_learn.tui.screens.reader import ReaderScreen
    from ssc_learn.tui.screens.results import ResultsScreen

    app = make_app(lang="en", learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "t")  # the quiz, from the reader
        await pilot.pause()
        quiz = app.screen
        for _ in range(2 * len(quiz.questions)):
            await pilot.press("ctrl+n")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        text = str(results.query_one("#results-next").render())
        assert "Reviews due today: " + str(len(quiz.questions)) in text
        assert results.step is not None and results.step.activity == "read"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.current == results.step.paragraph
        assert isinstance(app.screen_stack[-2], CourseMapScreen)  # under it, the map; not a stale reader


async def test_search_finds_a_word_of_another_edition(tmp_path: Path, course):
    """Ctrl+P "debt" in the French interface found only "aide publique au développement" (a fuzzy
    match of its letters); it now finds the paragraphs on debt, shown in French."""
    from textual.command import CommandList

    app = make_app(lang="fr", learner="Zoé", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        for ch in "debt":
            await pilot.press(ch)
        await wait_until(
            pilot,
            lambda: workers_done(app) and app.screen.query_one(CommandList).option_count,
            "the search's results",
        )
        prompts = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
        assert any("24(f)" in p for p in prompts), prompts
