"""The item-writing rules of `ssc-learn check` (course/itemrules.py) catch what they are for."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from ssc_learn.course import itemrules
from ssc_learn.course.check import run_checks
from ssc_learn.course.kinds import Kind
from ssc_learn.course.paths import quizzes_dir, seeds_dir


def _edit(path: Path, qid: str, field: str, value: str) -> None:
    """Set one field of one question in a bank file, keeping the layout."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {qid}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end < 0 else end
    block = re.sub(
        rf"(?m)^    {field}: .*$", f"    {field}: {json.dumps(value, ensure_ascii=False)}", text[start:end]
    )
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The errors `check` reports on a copy of the banks with one breach of each rule."""
    quizzes = tmp_path_factory.mktemp("banks") / "quizzes"
    shutil.copytree(quizzes_dir(), quizzes)
    en, zh = quizzes / "en", quizzes / "zh"
    # A quote in the wording of another English text than the en edition.
    _edit(
        en / "principles.yaml", "principles.10", "explanation", "Paragraph 10: “it is no substitute for X”."
    )
    # A cloze whose filled sentence is not the edition's.
    _edit(en / "triangular.yaml", "triangular.03", "text", "It is led by the [[requesting country]] alone.")
    # A hint holding the answer.
    _edit(zh / "principles.yaml", "principles.10", "hint", "答案是南北合作。")
    # A true/false statement copied from its source.
    _edit(
        zh / "landscape.yaml",
        "landscape.07",
        "prompt",
        "过去几十年来，虽然南北合作是发展合作的主要方式，但南南合作扩大了发展合作的范围。",
    )
    # A level outside the four, and one that differs from the other languages.
    _edit(zh / "context.yaml", "context.01", "level", "memorise")
    _edit(en / "context.yaml", "context.02", "level", "analyse")
    return run_checks(seeds_dir(), quizzes).errors


@pytest.mark.parametrize(
    "needle",
    [
        "question principles.10: the explanation quotes 'it is no substitute for x'",
        "question triangular.03: the filled cloze",
        "question principles.10: the hint contains the answer '南北合作'",
        "question landscape.07: the statement copies",
        "question context.01: 'level' must be one of",
        "question context.02: level 'remember' but 'analyse' in en",
    ],
)
@pytest.mark.xdist_group("itemrules-broken")  # one process runs `check` on the broken copy
def test_each_rule_is_an_error(broken: list[str], needle: str):
    assert any(needle in e for e in broken), needle


def test_the_shipped_banks_meet_the_blueprint(cli):
    data = json.loads(cli("check", "--json").out)
    assert data["errors"] == []
    for lang in ("zh", "en", "es", "fr"):
        levels = data["levels"][lang]
        assert levels["above_remember"] >= itemrules.MIN_ABOVE_REMEMBER
        assert levels["apply_analyse"] >= itemrules.MIN_APPLY_ANALYSE
        assert sum(levels["total"].values()) == data["languages"][lang]["questions"]
        assert set(levels["modules"]) >= {"principles", "triangular", "un-system"}
        cues = data["cues"][lang]
        assert cues["naming_paragraph_rate"] <= itemrules.MAX_NAMING_PARAGRAPH
        assert cues["longest_is_key_rate"] <= itemrules.MAX_LONGEST_IS_KEY
        assert not cues["distractors_over_limit"] and not cues["terms_mostly_wrong"]


def test_cue_report_catches_a_bank_that_leaks_its_keys(course):
    from dataclasses import replace

    qs = [q for q in course.bank.all("en") if q.type == Kind.CHOICE][:10]
    # Every key the longest option, and one distractor in every question.
    leaky = []
    for q in qs:
        key = q.answer + " (the full and complete answer, as the document puts it)"
        leaky.append(replace(q, choices=("Short one", "Short two", "Always wrong", key), answer=key))
    report, errors = itemrules._cues(leaky, "en", course.outline.glossary, "bank")
    assert report["longest_is_key"] == 10
    assert any("longest option is the key in 10 of 10" in e for e in errors)
    assert any("'Always wrong' is used in 10 questions" in e for e in errors)


def test_quoted_spans_split_at_ellipses_and_ignore_case_and_spacing():
    parts = itemrules._segments("We recognize ... THE role of 2030 年议程 […] end.")
    assert parts == ["we recognize", "the role of 2030年议程", "end"]
    assert itemrules._norm("2019 年 3 月") == itemrules._norm("2019年3月")
