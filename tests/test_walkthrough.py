"""A new learner's walk through the course in each language, at 80×24 and 120×40,
read off the screen as drawn: no answer choice or module title may be cut with "…", and a Chinese,
Spanish or French screen may show no English word but the document's own terms.

"English" is judged against the interface's own English (the catalog's msgids): a word of those that
the language's catalog, edition, question bank and glossary never use is an untranslated string.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ssc_learn.course.i18n import get_translator, language_name, locales_dir
from ssc_learn.course.kinds import Kind
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.course_map import CourseMapScreen
from ssc_learn.tui.screens.quiz import QuizScreen
from ssc_learn.tui.screens.reader import ReaderScreen
from ssc_learn.tui.screens.results import ResultsScreen
from ssc_learn.tui.screens.welcome import WelcomeScreen

from .waits import map_shows_figures, wait_until

SIZE = (80, 24)
WORD = re.compile(r"[A-Za-z][A-Za-z’']+")
# Key names on the key bar and in usage lines are the keyboard's own words.
KEYS = {"esc", "ctrl", "shift", "tab", "enter", "space", "Ctrl", "Shift", "Tab", "Enter", "Esc", "Space"}


def screen_text(app) -> str:
    """What the terminal shows, line by line (dialogs over their screen included)."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def _po_strings(path: Path) -> tuple[list[str], list[str]]:
    ids, strs, cur, into = [], [], None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            cur, into = [line[6:]], ids
        elif line.startswith("msgstr "):
            if cur is not None and into is ids:
                ids.append("".join(p.strip('"') for p in cur))
            cur, into = [line[7:]], strs
        elif line.startswith('"') and cur is not None:
            cur.append(line)
        elif not line.strip() and cur is not None and into is strs:
            strs.append("".join(p.strip('"') for p in cur))
            cur = into = None
    if cur is not None and into is strs:
        strs.append("".join(p.strip('"') for p in cur))
    return ids, strs


def _words(text: str) -> set[str]:
    return {w.lower().strip("’'") for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", text))}


_FOREIGN: dict[str, frozenset[str]] = {}


def foreign_words(lang: str, course) -> frozenset[str]:
    """Words that, on a `lang` screen, can only be untranslated English."""
    if lang not in _FOREIGN:
        _FOREIGN[lang] = _foreign_words(lang, course)
    return _FOREIGN[lang]


def _foreign_words(lang: str, course) -> frozenset[str]:
    ids, _ = _po_strings(locales_dir() / "messages.pot")
    english = set().union(*(_words(i) for i in ids))
    own = set(KEYS) | {w for code in ("zh", "en", "es", "fr") for w in _words(language_name(code))}
    _ids, strs = _po_strings(locales_dir() / lang / "LC_MESSAGES" / "messages.po")
    for s in strs:
        own |= _words(s)
    for pid in course.document.ids:
        own |= _words(course.paragraph(pid, lang)[0].text)
    for m in course.outline.modules:
        own |= _words(m.title_in(lang).value)
        qs, _fb = course.bank.for_module(m.id, lang, course.source_lang)
        for q in qs:
            own |= _words(
                " ".join(
                    [
                        q.prompt,
                        q.solution(),
                        q.explanation or "",
                        q.hint or "",
                        *options(q),
                        *q.answers,
                        *q.keywords,
                    ]
                )
            )
    for term in course.outline.glossary:
        own |= _words(" ".join(term.forms(lang)))
    return frozenset(w for w in english - {w.lower() for w in own} if len(w) > 2)


def options(q) -> list[str]:
    """Everything a question lists for the learner to pick from or order."""
    return [*q.choices, *q.items, *(b for _a, b in q.pairs), *(a for a, _b in q.pairs)]


def problems(text: str, lang: str, course) -> list[str]:
    """Cut choices or titles, and English words on a screen that is not English."""
    found = []
    body = text.splitlines()[:-1]  # the key bar squeezes its keys behind a "…" of its own
    t = get_translator(lang)
    # Prompts that end in "…" of their own, and the document's own elisions in quotations.
    own = [t.gettext("choose…"), t.gettext("Search for commands…"), "……", "…”", "…»", "… »", '…"', "(…)"]
    for line in body:
        for phrase in own:
            line = line.replace(phrase, "")
        if "…" in line:
            found.append(f"cut: {line.strip()}")
    if lang != "en":
        for w in sorted(_words(text) & foreign_words(lang, course)):
            found.append(f"English word {w!r}")
    return found


async def _look(pilot, lang: str, course, where: str, seen: dict[str, list[str]]) -> None:
    await pilot.pause()
    bad = problems(screen_text(pilot.app), lang, course)
    if bad:
        seen[where] = bad


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


# The module each size walks, and the keys that reach it on the map: one with every kind of question,
# so that each kind is read at both sizes. At 80×24, where choices and titles are likeliest to be cut,
# every question of a longer module (financing, 16, the last on the map); at 120×40 the shortest such
# module (context, 13 questions, the first).
WALKS = {(80, 24): ("financing", ("end",)), (120, 40): ("context", ())}


@pytest.mark.parametrize("size", list(WALKS), ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["zh", "en", "es", "fr"])
async def test_a_new_learner_walks_the_course(lang, size, course, tmp_path: Path):
    """Welcome → name → course map → reader → the module's quiz, every question answered or skipped
    → results → back on the map; the palette and the help on the way. Every screen is read."""
    from textual.command import CommandPalette

    module, keys = WALKS[size]
    app = make_app(lang=lang, data_dir=tmp_path)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await _look(pilot, lang, course, "welcome", seen)
        await _type(pilot, "Ana")
        await pilot.press("enter")
        await wait_until(pilot, lambda: map_shows_figures(app), "the map with its figures")
        assert isinstance(app.screen, CourseMapScreen)
        await app.workers.wait_for_complete()
        await _look(pilot, lang, course, "map", seen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await _look(pilot, lang, course, "palette", seen)
        await pilot.press("escape", "question_mark")
        await _look(pilot, lang, course, "help", seen)
        await pilot.press("escape")
        await pilot.press(*keys, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await _look(pilot, lang, course, "reader", seen)
        await pilot.press("t")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.module_id == module
        assert {q.type for q in quiz.questions} == set(Kind)  # every kind is read at this size
        for n in range(len(quiz.questions)):
            await _look(pilot, lang, course, f"question {n + 1} ({quiz.question.type})", seen)
            if quiz.question.type == Kind.MATCH:
                await pilot.press("enter")  # the drop-down and its "Dismiss menu" key
                await _look(pilot, lang, course, f"question {n + 1} list", seen)
                await pilot.press("escape")
            await pilot.press("ctrl+n")  # skipped: the answer shows
            await _look(pilot, lang, course, f"question {n + 1} skipped", seen)
            await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: not isinstance(app.screen, QuizScreen), "the end of the quiz")
        assert isinstance(app.screen, ResultsScreen)
        await _look(pilot, lang, course, "results", seen)
        assert app.screen.step is not None and app.screen.due > 0  # it leads on, and the skips are due
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ResultsScreen), "the results closed")
        assert isinstance(app.screen, CourseMapScreen)  # not the reader the quiz was started from
        await app.workers.wait_for_complete()
        await _look(pilot, lang, course, "map again", seen)
    assert not seen, seen


@pytest.mark.parametrize("lang", ["zh", "en", "es", "fr"])
@pytest.mark.parametrize("qtype", ["choice", "multi", "order", "match"])
async def test_the_longest_choices_show_in_full(lang, qtype, course, tmp_path: Path):
    """The question of each type with the longest options, at 80×24: every option is on screen
    whole (the prose of the screen contains each option's words in order, with no "…")."""
    best, length = None, -1
    for m in course.outline.modules:
        qs, _fb = course.bank.for_module(m.id, lang, course.source_lang)
        for q in qs:
            if q.type == qtype and max(map(len, options(q)), default=0) > length:
                best, length = (m, qs, q), max(map(len, options(q)))
    if best is None:
        pytest.skip(f"no {qtype} question in {lang}")
    m, qs, q = best
    app = make_app(lang=lang, learner="Ana", data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(QuizScreen(qs, title=m.title_in(lang).value, module=m.id, start=qs.index(q)))
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        text = screen_text(app)
        assert not problems(text, lang, course), problems(text, lang, course)
        flat = re.sub(r"[\s▎▊]+", "", text)
        for option in [*q.choices, *q.items, *(b for _a, b in q.pairs)]:  # match terms: scrolled to
            assert re.sub(r"\s+", "", option) in flat, option
