"""The chatbot's cue words are data (course/data/cues.yaml): read once, checked by `ssc-learn check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ssc_learn.course import cues
from ssc_learn.course.check import run_checks
from ssc_learn.course.dialogue import premise
from ssc_learn.course.facts import PERSON, asks_for

LANGS = ("zh", "en", "es", "fr")


def edited(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """A copy of the bundled cue file with each (old, new) text replaced once."""
    text = cues.CUES_PATH.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "cues.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_file_has_every_table_in_every_language():
    assert cues.problems(cues.CUES_PATH, LANGS) == []


def test_check_reports_a_broken_pattern_in_a_copy_of_the_file(tmp_path: Path):
    # The Spanish "bare question word" pattern loses a closing parenthesis.
    path = edited(
        tmp_path, ("es: '^(?:por que|quien|quienes|cuando|donde|como|para que)$'", "es: '^(?:por que'")
    )
    errors = run_checks(cues=path).errors
    broken = [e for e in errors if str(path) in e]
    assert len(broken) == 1, errors
    line = broken[0]
    assert "\n" not in line and "bare: es: the pattern does not compile" in line and "missing )" in line
    # file:line: points at the table
    number = int(line.split(":")[1])
    assert path.read_text(encoding="utf-8").splitlines()[number - 1].strip().startswith(("#", "en:"))


def test_missing_languages_misspelt_names_and_bad_shapes_are_one_line_each(tmp_path: Path):
    path = edited(
        tmp_path,
        ("    fr: '^(?:pourquoi|qui|quand|ou|comment)$'\n", ""),  # bare: no French
        ("  stop_quiz:\n", "  stop_quizz:\n"),  # a misspelt name
        ("    zh: 16\n", "    zh: sixteen\n"),  # not a number
        ("    flags: [IGNORECASE]\n    zh: '下一", "    flags: [IGNORECASE, FAST]\n    zh: '下一"),
    )
    found = cues.problems(path, LANGS)
    assert all("\n" not in p and str(path) in p for p in found)
    assert any("patterns: bare: no fr" in p for p in found)
    assert any("stop_quiz: missing" in p for p in found)
    assert any("stop_quizz: not read by the chatbot" in p for p in found)
    assert any("short: zh: expected a whole number" in p for p in found)
    assert any("next: 'flags' is a list of" in p for p in found)
    assert len(found) == 5, found


def test_a_stance_needs_a_claim_and_holds_in_every_language(tmp_path: Path):
    path = edited(
        tmp_path,
        ("      zh: '补充'\n", ""),  # complement: holds has no Chinese
        ("  inclusive:\n    # That only", "  inclusive:\n    also: x\n    # That only"),  # a third key
    )
    found = cues.problems(path, LANGS)
    assert any("stances: complement: holds: no zh" in p for p in found), found
    assert any("stances: inclusive: expected exactly 'claim' and 'holds'" in p for p in found), found
    assert len(found) == 2, found


def test_a_stance_no_paragraph_holds_is_reported(tmp_path: Path, course):
    """A `holds` pattern that misses the document's wording refutes nothing: check says so. (Found so:
    the English, Spanish and French patterns of `unconditional` looked for "no conditionality", and
    paragraph 8 says "non-conditionality".)"""
    editions = {lang: [p.text for p in course.edition(lang)] for lang in LANGS}
    assert cues.stance_problems(cues.CUES_PATH, editions) == []
    path = edited(tmp_path, ("|\\b(?:no|non) conditionalit\\w*'", "|\\bno conditionalit\\w*'"))
    found = cues.stance_problems(path, editions)
    assert found == [f"{path}: stances: unconditional: holds: no paragraph of the en edition matches"]


def test_a_language_left_out_on_purpose_is_no_problem(tmp_path: Path):
    # A table without one language must say so with `except`; without it, check asks for one.
    assert not any("condition" in p for p in cues.problems(cues.CUES_PATH, LANGS))
    zh = next(
        line for line in cues.CUES_PATH.read_text(encoding="utf-8").splitlines() if "(?:什么时候|何时" in line
    )
    without = edited(tmp_path, (zh + "\n", ""))
    assert [p for p in cues.problems(without, LANGS) if "condition" in p] == [
        f"{without}: patterns: condition: no zh (add it, or list it under 'except')"
    ]
    (tmp_path / "again").mkdir()
    excused = edited(tmp_path / "again", (zh + "\n", "    except: [zh]\n"))
    assert not any("condition" in p for p in cues.problems(excused, LANGS))


def test_malformed_yaml_is_one_line(tmp_path: Path):
    path = tmp_path / "cues.yaml"
    path.write_text("patterns: [\n", encoding="utf-8")
    found = cues.problems(path, LANGS)
    assert len(found) == 1 and "malformed YAML" in found[0] and str(path) in found[0]


def test_patterns_are_compiled_once_with_their_flags():
    person, claim = cues.cue("person", "en"), cues.cue("premise", "en")
    assert person is not None and claim is not None
    assert person is cues.cue("person", "en")
    assert person.flags & re.IGNORECASE and not claim.flags & re.IGNORECASE
    assert cues.cue("follow", "xx") is None
    assert cues.words("regions", "xx") == () and "africa" in cues.words("regions", "en")
    assert cues.limit("short", "zh") == 16


@pytest.mark.parametrize(
    ("lang", "question"),
    [("en", "Who chaired the conference?"), ("es", "¿Quién presidió la conferencia?")],
)
def test_the_code_reads_the_file(lang, question, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A way of asking added to the data file is understood, with no change to the code."""
    assert asks_for("Who moderated the panel?", "en") is None
    path = edited(tmp_path, ("|\\bwho (?:chaired|chairs|", "|\\bwho (?:moderated|chaired|chairs|"))
    monkeypatch.setattr(cues, "CUES_PATH", path)
    cues._bundled.cache_clear()
    try:
        assert asks_for(question, lang) == PERSON
        assert asks_for("Who moderated the panel?", "en") == PERSON
        assert premise("Does it replace North-South cooperation?", "en")
    finally:
        monkeypatch.undo()
        cues._bundled.cache_clear()
    assert asks_for("Who moderated the panel?", "en") is None


def test_a_broken_bundled_file_stops_the_chatbot_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    from ssc_learn.course.errors import ContentError

    path = edited(tmp_path, ("  more:\n", "  mor:\n"))
    monkeypatch.setattr(cues, "CUES_PATH", path)
    cues._bundled.cache_clear()
    try:
        with pytest.raises(ContentError) as caught:
            cues.cue_for_all("greeting")
        assert "\n" not in str(caught.value) and "more: missing" in str(caught.value)
    finally:
        monkeypatch.undo()
        cues._bundled.cache_clear()
