"""Interface languages: catalogs, plural forms, locale negotiation, formatting, content alignment."""

from __future__ import annotations

import json

import pytest
from babel.messages.pofile import read_po
from ssc_learn.course.errors import LanguageError
from ssc_learn.course.i18n import available_languages, get_translator, language_name, resolve_language
from ssc_learn.course.paths import locales_dir

LANGS = ("zh", "en", "es", "fr")


def test_the_four_languages_ship():
    assert set(available_languages()) == set(LANGS)
    assert available_languages()[0] == "zh"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_consistent_with_the_template(lang):
    with (locales_dir() / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    with (locales_dir() / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    ids = {m.id for m in catalog if m.id}
    assert ids == template
    for m in catalog:
        if not m.id:
            continue
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings), m.id


@pytest.mark.parametrize(("lang", "forms"), [("zh", 1), ("en", 2), ("es", 3), ("fr", 3)])
def test_plural_forms_follow_cldr(lang, forms):
    with (locales_dir() / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    assert catalog.num_plurals == forms
    t = get_translator(lang)
    one = t.ngettext("{n} answer", "{n} answers", 1).format(n=1)
    many = t.ngettext("{n} answer", "{n} answers", 5).format(n=5)
    if lang == "zh":
        assert one.replace("1", "") == many.replace("5", "")
    else:
        assert one != many.replace("5", "1")


@pytest.mark.parametrize(
    ("env", "want"),
    [
        ({"LANG": "es_AR.UTF-8"}, "es"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "es_MX"}, "es"),
        ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE"}, "en"),
        ({}, "en"),
    ],
)
def test_locale_negotiation_from_the_environment(env, want):
    assert resolve_language(env=env) == want


def test_flag_then_saved_choice_then_environment():
    env = {"LANG": "es_AR.UTF-8"}
    assert resolve_language("zh-Hans", "fr", env) == "zh"
    assert resolve_language(None, "fr", env) == "fr"
    assert resolve_language(None, "xx", env) == "es"
    with pytest.raises(LanguageError):
        resolve_language("xx")


def test_numbers_percentages_and_language_names():
    assert get_translator("fr").percent(0.5).replace("\u202f", " ").replace("\xa0", " ") == "50 %"
    assert get_translator("en").percent(0.5) == "50%"
    assert get_translator("es").number(1234.5) in ("1234,5", "1.234,5")
    assert [language_name(x) for x in LANGS] == ["中文", "English", "Español", "Français"]


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_edition_has_the_same_ids(cli, lang):
    zh = json.loads(cli("doc", "--json").out)
    other = json.loads(cli("doc", "--lang", lang, "--json").out)
    assert [p["id"] for p in other["paragraphs"]] == [p["id"] for p in zh["paragraphs"]]
    assert other["unofficial"] is True and all(p["text"] for p in other["paragraphs"])


def test_spanish_terminal_gets_spanish_without_a_flag(cli, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "es_AR.UTF-8")
    data = json.loads(cli("modules", "--json").out)
    assert data["lang"] == "es" and data["modules"][0]["title"].strip()
    with pytest.raises(SystemExit):
        cli("--help")
    assert "ejemplos" in capsys.readouterr().out


def test_banks_are_aligned_across_languages(course):
    zh = {q.id: q for q in course.bank.all("zh")}
    for lang in ("en", "es", "fr"):
        other = {q.id: q for q in course.bank.all(lang)}
        assert set(other) == set(zh), lang
        for qid, q in other.items():
            assert q.type == zh[qid].type and q.source == zh[qid].source, (lang, qid)
