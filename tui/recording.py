"""Recording answers from the interfaces: a thin adapter from a graded reply to `course.progress`."""

from __future__ import annotations

from dataclasses import dataclass

from ssc_learn.course.content import Course
from ssc_learn.course.grader import Grade
from ssc_learn.course.progress import record_answer
from ssc_learn.course.questions import Question
from ssc_learn.course.store import Learner, Store


@dataclass
class Recorder:
    """Records every confirmed answer of one learner, committed before the next question shows."""

    course: Course
    store: Store
    learner: Learner

    def record(self, question: Question, reply: str, result: Grade, seconds: float) -> None:
        record_answer(self.store, self.learner, question, reply, result, seconds)
