"""The course outline: it covers the document, and bad outlines are refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from ssc_learn.course.document import load_document
from ssc_learn.course.draft import draft_outline
from ssc_learn.course.errors import ContentError
from ssc_learn.course.outline import load_outline
from ssc_learn.course.yamlio import parse_yaml

from .conftest import SEED


def test_modules_cover_every_paragraph(course):
    covered = course.outline.covered()
    assert set(course.document.ids) <= covered
    assert 10 <= len(course.outline.modules) <= 14


def test_modules_have_texts_in_chinese_and_english(course):
    for m in course.outline.modules:
        for lang in ("zh", "en"):
            assert m.title.get(lang), (m.id, lang)
            assert m.summary.get(lang), (m.id, lang)
            assert m.objectives.get(lang), (m.id, lang)
        assert m.terms and all(course.outline.term(t) for t in m.terms)


def test_glossary_terms_are_in_their_paragraphs(course):
    doc = course.document
    for term in course.outline.glossary:
        forms = term.forms("zh")
        for pid in term.paragraphs:
            assert any(f in doc.get(pid).text for f in forms), (term.id, pid)


def test_language_fallback_is_marked(course):
    m = course.outline.modules[0]
    assert not m.title_in("en").fallback
    assert m.title_in("xx").fallback


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_paragraph_names_file_and_line(tmp_path: Path, course):
    path = _write(tmp_path, "document: x\nmodules:\n  - id: one\n    paragraphs: ['1', '99']\n")
    with pytest.raises(ContentError) as err:
        load_outline(path, course.document)
    assert f"{path}:4: module one: unknown paragraph id '99'" in str(err.value)


def test_malformed_yaml_names_file_and_line(tmp_path: Path):
    path = _write(tmp_path, "document: x\nmodules:\n  - id: one\n    paragraphs: [1, 2\n  - id: two\n")
    with pytest.raises(ContentError, match=rf"^{path}:\d+: malformed YAML"):
        load_outline(path)


def test_paragraph_in_no_module(tmp_path: Path, course):
    path = _write(tmp_path, "document: x\nmodules:\n  - id: one\n    paragraphs: ['1']\n")
    with pytest.raises(ContentError, match="paragraphs in no module: R0, R1"):
        load_outline(path, course.document)


def test_draft_outline_for_a_seed_loads_and_covers_it(tmp_path: Path):
    doc = load_document(SEED)
    text = draft_outline(doc)
    path = _write(tmp_path, text)
    outline = load_outline(path, doc)
    assert set(doc.ids) <= outline.covered()
    assert any(m.paragraphs[0] == "27" and "27(j)" in m.paragraphs for m in outline.modules)
    assert parse_yaml(text, "draft")["glossary"]


def test_check_catches_a_thesaurus_word_not_in_the_document(tmp_path: Path):
    import shutil

    from ssc_learn.course.check import run_checks
    from ssc_learn.course.paths import quizzes_dir, seeds_dir

    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    thesaurus = seeds / "000_b498aaf8b24fd818.thesaurus.yaml"
    thesaurus.write_text("en:\n  money: [unicorn bonds]\n", encoding="utf-8")
    report = run_checks(seeds, quizzes_dir())
    assert any("'unicorn bonds' does not occur in the en edition" in e for e in report.errors)
