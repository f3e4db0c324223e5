"""The closed sets (question kinds, verdicts, reason codes): complete, loaded from YAML strings, and
each kind handled wherever the code dispatches on it."""

from __future__ import annotations

import ast
from pathlib import Path

from ssc_learn.course.grader import MESSAGES, VERDICTS, grade
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.kinds import Kind, ReasonCode, Verdict, question_lines
from ssc_learn.course.questions import TYPES
from ssc_learn.course.session import ordered

ROOT = Path(__file__).resolve().parents[1]


def test_every_reason_and_verdict_has_its_sentence():
    assert set(MESSAGES) == set(ReasonCode)
    assert set(VERDICTS) == set(Verdict)


def test_kinds_are_the_bank_types_and_compare_as_their_yaml_strings(course):
    assert TYPES == tuple(k.value for k in Kind)
    assert Kind("choice") is Kind.CHOICE and Kind.CHOICE == "choice" and f"{Kind.CHOICE}" == "choice"
    seen = {q.type for lang in course.bank.languages() for q in course.bank.all(lang)}
    assert seen == set(Kind), "the bundled banks use every kind"
    assert all(isinstance(k, Kind) for k in seen)


def test_every_kind_renders_grades_and_has_a_solution(course):
    """One question of each kind through the kind-dispatching functions: none falls through."""
    t = get_translator("en")
    for kind in Kind:
        q = next(q for q in course.bank.all("en") if q.type is kind)
        p = ordered(q)
        lines = question_lines(p, t.gettext)
        if kind.has_options:
            assert len(lines) > len(p.options)
        assert q.solution()
        assert grade(q, None).verdict in set(Verdict)


def test_no_question_type_is_compared_as_a_string():
    """`q.type == "choice"` would slip past the type checker; compare with Kind members."""
    found = []
    folders = ("course/**/*.py", "tui/**/*.py", "benchmarks/*.py", "tests/*.py")
    for path in [p for folder in folders for p in ROOT.glob(folder)]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # markdown-it's tokens have string types of their own (tests/test_sheet_consumers.py).
            left = ast.unparse(node.left) if isinstance(node, ast.Compare) else ""
            if left.endswith(".type") and left.split(".")[0] not in ("tok", "t", "c", "child"):
                for right in node.comparators:
                    strings = [right, *getattr(right, "elts", [])]
                    if any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in strings):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found
