"""The Textual application and its factory, `make_app`, which the CLI and the tests share."""

from __future__ import annotations

from pathlib import Path

from ssc_learn.course.content import Course, load_course
from ssc_learn.course.i18n import Translator, get_translator, resolve_language
from textual.app import App
from textual.binding import Binding

from .screens.course_map import CourseMapScreen


class SSCLearnApp(App[int]):
    """The terminal course."""

    CSS_PATH = "app.tcss"
    TITLE = "ssc-learn"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        course: Course,
        t: Translator,
        learner: str | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.course = course
        self.t = t
        self.learner = learner
        self.data_dir = data_dir

    def on_mount(self) -> None:
        self.title = self.t.gettext("South-South cooperation: the Buenos Aires outcome document")
        self.push_screen(CourseMapScreen())


def make_app(
    lang: str | None = None,
    learner: str | None = None,
    data_dir: Path | None = None,
    course: Course | None = None,
) -> SSCLearnApp:
    """Build the app for a language and learner; the content is loaded once per process."""
    t = get_translator(resolve_language(lang))
    return SSCLearnApp(course or load_course(), t, learner=learner, data_dir=data_dir)
