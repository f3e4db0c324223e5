"""The line-oriented quiz (`ssc-learn quiz --plain`, `ssc-learn review --plain`).

For screen readers, dumb terminals and scripts: one question at a time, one answer line each, feedback
after each answer and the score at the end. End of input ends the quiz cleanly; every answer confirmed
before that is already recorded.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TextIO

from ssc_learn.course.content import Course
from ssc_learn.course.grader import Grade, describe
from ssc_learn.course.i18n import Translator
from ssc_learn.course.kinds import Verdict
from ssc_learn.course.kinds import question_lines as body_lines
from ssc_learn.course.questions import Question
from ssc_learn.course.session import Presented, check, pick_questions, present, solution_text

# Parses, grades and records a typed reply (LearnerSession.answer); None: the line cannot be read.
Answerer = Callable[[Presented, str, float], "Grade | None"]


def _grade_only(p: Presented, reply: str, _seconds: float) -> Grade | None:
    return check(p, reply)


def question_lines(p: Presented, n: int, total: int, t: Translator) -> list[str]:
    """The text of a question as printed in the plain quiz."""
    return [f"[{n}/{total}] {p.question.prompt}", *("  " + line for line in body_lines(p, t.gettext))]


def run_questions(
    questions: list[Question],
    t: Translator,
    inp: TextIO,
    out: TextIO,
    *,
    seed: str = "",
    answer: Answerer = _grade_only,
    title: str = "",
) -> tuple[int, float]:
    """Ask `questions` one by one; returns (questions answered, total score)."""
    _ = t.gettext

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    if title:
        say(title)
        say(_("Type your answer and press Enter; 'h' for a hint, 's' to skip. End of input stops."))
        say()
    answered, total_score = 0, 0.0
    for n, q in enumerate(questions, start=1):
        p = present(q, seed)
        for line in question_lines(p, n, len(questions), t):
            say(line)
        started = time.monotonic()
        while True:
            out.write("> ")
            out.flush()
            reply = inp.readline()
            if not reply:
                say()
                return answered, total_score
            reply = reply.rstrip("\n")
            if reply.strip().lower() in ("h", "?", "hint"):
                say("  " + (q.hint or _("No hint for this question.")))
                continue
            if reply.strip().lower() in ("s", "skip"):
                say("  " + _("Skipped. The answer: {answer}").format(answer=solution_text(q, t)))
                break
            result = answer(p, reply, time.monotonic() - started)
            if result is None:
                say("  " + _("Could not read that answer; try again (or 's' to skip)."))
                continue
            answered += 1
            total_score += result.score
            mark = {
                Verdict.CORRECT: _("✓ correct"),
                Verdict.PARTIAL: _("~ partly right"),
                Verdict.INCORRECT: _("✗ incorrect"),
            }[result.verdict]
            reason = describe(result, t, brief=True)
            say(f"  {mark}: {reason}" if reason else f"  {mark}")
            if not result.correct:
                say("  " + _("Answer: {answer}").format(answer=solution_text(q, t)))
            if q.explanation:
                say("  " + q.explanation)
            say("  " + _("Source: paragraph {ids}").format(ids=t.join(q.source)))
            say()
            break
    return answered, total_score


def run_plain_quiz(
    course: Course, module: str, t: Translator, args: argparse.Namespace, inp: TextIO, out: TextIO
) -> int:
    """The plain quiz of one module; records answers when a learner store is available."""
    _ = t.gettext
    lang = t.lang
    questions, fallback = course.bank.for_module(module, lang, course.source_lang)
    questions = pick_questions(questions, args.count, args.seed)
    mod = course.outline.module(module)
    assert mod is not None
    title = mod.title_in(lang).value
    if fallback:
        title += "  " + _("(questions shown in the original language: none in yours yet)")
    from ssc_learn.course.learning import LearnerSession

    from .commands_progress import current_learner, open_store

    with open_store(args) as store:
        learner = current_learner(store, args)
        session = LearnerSession(course, store, learner)
        # With --json the transcript goes to stderr, so that stdout is the JSON result alone.
        transcript = sys.stderr if getattr(args, "json", False) else out
        answered, score = run_questions(
            questions, t, inp, transcript, seed=args.seed, answer=session.answer, title=title
        )
    total = len(questions)
    if getattr(args, "json", False):
        import json

        out.write(
            json.dumps(
                {
                    "module": module,
                    "lang": lang,
                    "learner": learner.name,
                    "answered": answered,
                    "total": total,
                    "score": round(score, 3),
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        return 0
    out.write(
        _("Score: {score} of {total} ({percent})").format(
            score=t.number(round(score, 1)),
            total=total,
            percent=t.percent(score / total if total else 0),
        )
        + "\n"
    )
    if answered < total:
        out.write(
            t.ngettext("{n} question not answered.", "{n} questions not answered.", total - answered).format(
                n=total - answered
            )
            + "\n"
        )
    return 0
