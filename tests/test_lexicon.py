"""The equivalence lexicon: its public API, and what `check` refuses in it."""

from __future__ import annotations

import shutil

import pytest
from ssc_learn.course import lexicon
from ssc_learn.course.check import run_checks
from ssc_learn.course.paths import quizzes_dir, seeds_dir

LEXICON = "000_b498aaf8b24fd818.lexicon.yaml"


def test_canonical_and_equivalents(course):
    lex = lexicon.for_course(course)
    assert lex.canonical("地区", "zh") == ("区域",)
    assert lex.canonical("三角合作", "zh") == ("三方合作",)
    assert lex.canonical("PPP", "en") == ("public-private partnerships",)
    assert lex.canonical("Partnerships between the public and private sectors", "en") == (
        "public-private partnerships",
    )
    assert "UNOSSC" in lex.equivalents("联合国南南合作办公室", "zh")
    assert "Comité de Alto Nivel sobre la Cooperación Sur-Sur" in lex.equivalents(
        "Comité de Alto Nivel de Cooperación Sur-Sur", "es"
    )
    assert lex.canonical("北北合作", "zh") == ()
    assert lex.equivalents("unknown words", "fr") == frozenset({"unknown words"})


def test_rewrite_names_the_swaps(course):
    lex = lexicon.for_course(course)
    r = lex.rewrite("地区机制", "zh")
    assert r.text == "区域机制" and r.swaps == (("地区", "区域"),)
    assert lex.rewrite("the UN Conference on TCDC", "en").text.endswith(
        "technical cooperation among developing countries"
    )
    # A short name that goes on into another name is left as typed.
    assert "north south" in lex.rewrite("High-level Committee on North-South Cooperation", "en").text


def test_bundled_lexicon_is_the_course_lexicon(course):
    assert lexicon.bundled().sets("zh") == lexicon.for_course(course).sets("zh")
    assert ("南南", "南北", "北北") in lexicon.bundled().distinct("zh")
    assert ("South-South", "North-South", "North-North", "South-North") in lexicon.bundled().distinct("en")


# Faults put into one copy of the course, checked once (a `check` of a copy costs a second): each test
# below looks for its own error among them. The faults touch different sets and languages.
_FAULTS = [
    # A set none of whose forms the edition uses.
    ("    - [Nord-Sud, entre le Nord", "    - [licornes arc-en-ciel, obligations licornes]\n", "before"),
    # 南南 joined with 南北, and a rejected answer with an accepted one (全球机制 / 区域机制).
    ("    - [区域, 地区]\n", "    - [南南, 南北]\n    - [区域机制, 全球机制]\n", "after"),
    # A dated name the edition does not use, and opposites that share a word.
    ("    Consensus de Monterrey: 2002\n", "    Accord de Licorne: 1999\n", "after"),
    ("    - [[horizontal], [vertical]]\n", "    - [[public, open], [private, open]]\n", "after"),
]


@pytest.fixture(scope="module")
def broken_errors(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    seeds = tmp_path_factory.mktemp("lexicon-broken") / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    path = seeds / LEXICON
    text = path.read_text(encoding="utf-8")
    for anchor, added, where in _FAULTS:
        assert anchor in text, anchor
        text = text.replace(anchor, added + anchor if where == "before" else anchor + added, 1)
    path.write_text(text, encoding="utf-8")
    return run_checks(seeds, quizzes_dir()).errors


def test_bundled_lexicon_passes_check(course):
    assert lexicon.problems(course) == []


@pytest.mark.xdist_group("lexicon-broken")
def test_check_refuses_a_set_with_no_form_in_the_edition(broken_errors):
    assert any("names no form found in the fr edition" in e for e in broken_errors), broken_errors


@pytest.mark.xdist_group("lexicon-broken")
def test_check_refuses_a_set_joining_distinct_terms(broken_errors):
    errors = broken_errors
    assert any("joins the distinct terms ['南南', '南北'" in e for e in errors), errors
    assert any("'区域机制' (accepted in science-technology.06)" in e and "全球机制" in e for e in errors), (
        errors
    )


def test_dated_names_are_found_in_any_of_their_forms():
    lex = lexicon.bundled()
    assert lex.dated("《发展筹资问题蒙特雷共识》", "zh") == [("蒙特雷共识", 2002)]
    assert lex.dated(
        "the Monterrey Consensus of the International Conference on Financing for Development", "en"
    )
    assert lex.dated("el Consenso de Monterrey", "es") == [("Consenso de Monterrey", 2002)]
    assert lex.dated("la Agenda 2030", "es") == []


@pytest.mark.xdist_group("lexicon-broken")
def test_check_refuses_an_undated_name_and_opposites_sharing_a_word(broken_errors):
    errors = broken_errors
    assert any("the dated name 'Accord de Licorne' is not found in the fr edition" in e for e in errors), (
        errors
    )
    assert any("opposites ['public', 'open'] and ['private', 'open'] share a word" in e for e in errors), (
        errors
    )
