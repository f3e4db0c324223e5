"""Facilitator outputs: sheets and keys, Moodle XML, GIFT, Kahoot, and the paper round trip."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ssc_learn.course.errors import SSCError
from ssc_learn.course.formats.gift import render_gift
from ssc_learn.course.formats.kahoot import HEADER as KAHOOT_HEADER
from ssc_learn.course.formats.kahoot import kahoot_rows, render_kahoot_csv
from ssc_learn.course.formats.moodle import render_moodle
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.kinds import Kind
from ssc_learn.course.sheet_pdf import find_browser
from ssc_learn.course.sheets import build_sheets


def test_variants_are_reproducible_and_different(course):
    a = build_sheets(course, langs=["zh"], count=10, variants=3, seed="42")
    b = build_sheets(course, langs=["zh"], count=10, variants=3, seed="42")
    ids = lambda s: [[(i.question.id, i.presented.options) for i in v.items] for v in s.variants]  # noqa: E731
    assert ids(a) == ids(b)
    first, second = ids(a)[0], ids(a)[1]
    assert first != second
    assert ids(build_sheets(course, langs=["zh"], count=10, variants=3, seed="43")) != ids(a)


def test_count_larger_than_the_bank_uses_all_and_says_so(course):
    sheets = build_sheets(course, langs=["en"], modules=["financing"], count=999)
    n = len(course.bank.for_module("financing", "en")[0])
    assert n == 16  # the financing bank: 12 recall-era questions and 4 added by issue 14
    assert len(sheets.variants[0].items) == n and f"only {n}" in sheets.notes[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"modules": ["nope"]}, "unknown module"),
        ({"types": ["essay"]}, "unknown question type"),
        ({"variants": 0}, "--variants"),
        ({"count": 0}, "--count"),
    ],
)
def test_bad_sheet_requests(course, kwargs, message):
    with pytest.raises(SSCError, match=message):
        build_sheets(course, langs=["zh"], **kwargs)


def test_keys_match_their_sheets(course, cli, tmp_path: Path):
    r = cli(
        "sheet",
        "--lang",
        "zh,en",
        "--modules",
        "principles,triangular",
        "--count",
        "8",
        "--variants",
        "2",
        "--answers",
        "--format",
        "md",
        "-o",
        str(tmp_path),
    )
    assert r.code == 0
    for k in (1, 2):
        # Markdown escapes punctuation with backslashes; compare the text a reader sees.
        sheet = re.sub(r"\\(.)", r"\1", (tmp_path / f"sheet-v{k}.md").read_text(encoding="utf-8"))
        key = json.loads((tmp_path / f"key-v{k}.json").read_text(encoding="utf-8"))
        numbers = [int(m) for m in re.findall(r"^(\d+)\. ", sheet, re.M)]
        assert numbers == list(range(1, 9)) == [item["number"] for item in key["items"]]
        for item in key["items"]:
            q = course.bank.get(item["question"], "zh")
            assert q.prompt in sheet and item["source"] == list(q.source)
            en = course.bank.get(item["question"], "en")
            assert en.prompt in sheet  # bilingual: the second language under each question
            if q.type == Kind.CHOICE:
                letter = item["answer"]
                assert f"{letter}. {q.answer}" in sheet
    assert "姓名" in (tmp_path / "sheet-v1.md").read_text(encoding="utf-8")


def test_moodle_xml_is_well_formed_with_each_type(course):
    questions = [q for q in course.bank.all("zh")]
    text, skipped = render_moodle(course, questions, get_translator("zh"))
    root = ET.fromstring(text.encode("utf-8"))
    kinds = {q.get("type") for q in root.findall("question")}
    assert {
        "category",
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "cloze",
        "ordering",
    } <= kinds
    assert all(
        s.reason == "no-answers" and course.bank.get(s.question, "zh").type == Kind.TEXT for s in skipped
    )
    short = next(q for q in root.findall("question") if q.get("type") == "shortanswer")
    assert len(short.findall("answer")) >= 1 and all(
        a.get("fraction") == "100" for a in short.findall("answer")
    )
    multi = [
        q
        for q in root.findall("question")
        if q.get("type") == "multichoice" and q.findtext("single") == "false"
    ][0]
    assert (
        abs(
            sum(float(a.get("fraction")) for a in multi.findall("answer") if float(a.get("fraction")) > 0)
            - 100
        )
        < 0.01
    )
    cloze = next(q for q in root.findall("question") if q.get("type") == "cloze")
    assert "{1:SHORTANSWER:=" in cloze.find("questiontext/text").text


def _parse_gift(text: str) -> list[dict[str, object]]:
    """A small GIFT reader for the test: title, question text and answers, honouring escapes."""
    out = []
    for block in [b for b in text.split("\n\n") if b.strip() and not b.startswith("$CATEGORY")]:
        m = re.match(r"^::((?:\\.|[^:\\])*)::\s*((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}", block, re.S)
        assert m, block[:80]
        body = m.group(3).split("####")[0]
        answers = [
            re.sub(r"\\(.)", r"\1", a).strip() for a in re.split(r"(?<!\\)(?=[=~])", body) if a.strip()
        ]
        out.append(
            {
                "id": re.sub(r"\\(.)", r"\1", m.group(1)),
                "text": re.sub(r"\\(.)", r"\1", m.group(2)).strip(),
                "answers": answers,
                "raw": body.strip(),
            }
        )
    return out


def test_gift_round_trips(course):
    questions = course.bank.all("en")
    text, left = render_gift(course, questions, get_translator("en"))
    skipped = {s.question for s in left}
    parsed = {p["id"]: p for p in _parse_gift(text)}
    assert set(parsed) | set(skipped) == {q.id for q in questions}
    for q in questions:
        if q.id in skipped:
            continue
        p = parsed[q.id]
        assert p["text"] == q.prompt or (q.type == Kind.CLOZE and p["text"].startswith(q.prompt))
        if q.type == Kind.CHOICE:
            assert "=" + q.answer in p["answers"]
        if q.type == Kind.TEXT:
            assert {"=" + a for a in q.answers} <= set(p["answers"])
        if q.type == Kind.TRUEFALSE:
            assert p["raw"] == ("TRUE" if q.answer else "FALSE")


def test_gift_escapes_special_characters():
    from ssc_learn.course.formats.gift import gift_escape

    assert gift_escape("a=b~c#d{e}f:g\\h") == "a\\=b\\~c\\#d\\{e\\}f\\:g\\\\h"


def test_kahoot_csv_respects_its_limits_and_lists_the_rest(course):
    from ssc_learn.course.session import present

    items = [present(q, "1") for q in course.bank.all("en")]
    rows, skipped = kahoot_rows(items, get_translator("en"), "1")
    text = render_kahoot_csv(rows)
    assert text.startswith("\ufeff")  # Excel reads a UTF-8 CSV as UTF-8 only with a BOM
    out = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert out[0] == KAHOOT_HEADER
    for row in out[1:]:
        assert len(row[0]) <= 120 and all(len(a) <= 75 for a in row[1:5])
        assert row[5] == "20" and row[6]
    assert len(out) - 1 + len(skipped) == len(items)
    for s in skipped:
        q = course.bank.get(s.question, "en")
        assert {
            "type": q.type not in (Kind.CHOICE, Kind.MULTI, Kind.TRUEFALSE),
            "prompt-length": len(q.prompt) > 120,
            "answer-length": any(len(c) > 75 for c in q.choices),
            "options": not 2 <= len(q.choices) <= 4,
        }[s.reason]


def test_bilingual_gift_writes_every_language(cli, tmp_path: Path):
    r = cli(
        "sheet",
        "--lang",
        "zh,en",
        "--modules",
        "financing",
        "--format",
        "gift",
        "-o",
        str(tmp_path),
        "--json",
    )
    assert r.code == 0, r.err
    zh = (tmp_path / "questions.zh.gift").read_text(encoding="utf-8")
    en = (tmp_path / "questions.en.gift").read_text(encoding="utf-8")
    ids = lambda t: re.findall(r"^::([^:]+)::", t, re.M)  # noqa: E731
    assert ids(zh) == ids(en) and len(ids(zh)) > 5
    assert zh != en


def _sheet_with_key(cli, tmp_path: Path) -> dict:
    cli(
        "sheet",
        "--lang",
        "en",
        "--modules",
        "financing",
        "--count",
        "5",
        "--answers",
        "--format",
        "md",
        "-o",
        str(tmp_path / "s"),
    )
    return json.loads((tmp_path / "s" / "key-v1.json").read_text(encoding="utf-8"))


def test_paper_answers_round_trip_into_the_class_report(course, cli, tmp_path: Path):
    key = _sheet_with_key(cli, tmp_path)
    right = [item["answer"] for item in key["items"]]
    rows = [
        ["learner", *[str(i["number"]) for i in key["items"]]],
        ["Amina", *right],
        ["Bruno", *["x"] * len(right)],
    ]
    answers = tmp_path / "answers.csv"
    answers.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in rows), encoding="utf-8")
    r = cli(
        "grade",
        "--sheet",
        str(tmp_path / "s" / "key-v1.json"),
        "--answers",
        str(answers),
        "-o",
        str(tmp_path / "results"),
        "--json",
    )
    assert r.code == 0, r.err
    data = json.loads(r.out)
    scores = {x["learner"]: x["score"] for x in data["results"]}
    assert scores["Amina"] == pytest.approx(5) and scores["Bruno"] < 5
    report = json.loads(cli("report", *data["written"], "--json").out)
    assert [x["name"] for x in report["learners"]] == ["Amina", "Bruno"]


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("name_missing,1\nx,y\n", "no learner column"),
        ("learner,1,2\nAna,a,b\n", "missing columns"),
        ("learner,1,2,3,4,5,99\nAna,a,b,c,d,e,f\n", "not a question of this sheet"),
        ("learner,1,2,3,4,5\nAna,a,b,c,d,e,f,g\n", "cells but the header has"),
    ],
)
def test_bad_answer_files_are_refused_whole(cli, tmp_path: Path, csv_text, message):
    _sheet_with_key(cli, tmp_path)
    answers = tmp_path / "answers.csv"
    answers.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "results"
    r = cli(
        "grade", "--sheet", str(tmp_path / "s" / "key-v1.json"), "--answers", str(answers), "-o", str(out)
    )
    assert r.code == 2 and message in r.err and not out.exists()


def test_unwritable_output_is_a_clear_error(cli, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = cli("sheet", "--format", "md", "-o", str(blocker / "sub"))
    assert r.code == 2 and "cannot write" in r.err


@pytest.mark.skipif(find_browser() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_pdf_has_extractable_chinese_text(cli, tmp_path: Path):
    r = cli(
        "sheet",
        "--lang",
        "zh",
        "--modules",
        "principles",
        "--count",
        "3",
        "--format",
        "pdf",
        "-o",
        str(tmp_path),
    )
    assert r.code == 0, r.err
    pdf = (tmp_path / "sheets.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "sheets.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "南南合作" in text.replace(" ", "")


def _grade(cli, tmp_path: Path, data: bytes, *extra: str):
    answers = tmp_path / "answers.csv"
    answers.write_bytes(data)
    return cli(
        "grade",
        "--sheet",
        str(tmp_path / "s" / "key-v1.json"),
        "--answers",
        str(answers),
        "-o",
        str(tmp_path / "results"),
        *extra,
    )


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "gb18030"), (";", "utf-8-sig"), ("\t", "utf-16"), (",", "utf-8")],
)
def test_paper_csv_as_spreadsheets_save_it(cli, tmp_path: Path, delimiter: str, encoding: str):
    key = _sheet_with_key(cli, tmp_path)
    right = [item["answer"] for item in key["items"]]
    rows = [
        ["学习者", "variant", *[str(i["number"]) for i in key["items"]]],
        ["王芳", "1", *[_full_width(a) for a in right]],  # typed in a Chinese input mode
        ["Bruno", "1", *["x"] * len(right)],
        ["Chen", "", *right],
    ]
    data = "\r\n".join(delimiter.join(r) for r in rows).encode(encoding)
    r = _grade(cli, tmp_path, data, "--json")
    assert r.code == 0, r.err
    scores = {x["learner"]: x["score"] for x in json.loads(r.out)["results"]}
    assert scores == {"王芳": pytest.approx(5), "Bruno": 0, "Chen": pytest.approx(5)}
    assert "read 3 learner rows" in r.err and json.loads(r.out)["rows"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('learner,1,2,3,4,5\nAna,"a,b,c,d,e\nBruno,a,b,c,d,e\nChen,a,b,c,d,e\n', "answers.csv:2: unreadable"),
        (
            'learner,1,2,3,4,5\nAna,a,b,c,d,e\nBruno,"a\nb",b,c,d,e\nChen,a,b,c,d,e\n',
            "answers.csv:3: a cell runs over",
        ),
        ("learner,variant,1,2,3,4,5\nAna,2,a,b,c,d,e\n", "answers.csv:2: 'Ana' wrote variant 2"),
        ("learner,1,2,3,4,5\nAna," + "x" * 140_000 + ",b,c,d,e\n", "answers.csv:2: a cell is over"),
    ],
)
def test_paper_csv_problems_name_the_file_and_line(cli, tmp_path: Path, text: str, message: str):
    _sheet_with_key(cli, tmp_path)
    r = _grade(cli, tmp_path, text.encode("utf-8"))
    assert r.code == 2 and message in r.err and "Traceback" not in r.err, r.err
    assert not (tmp_path / "results").exists()


def test_paper_csv_encoding_errors_name_the_csv(cli, tmp_path: Path):
    _sheet_with_key(cli, tmp_path)
    latin = "learner,1,2,3,4,5\nRené,é,b,c,d,e\n".encode("cp1252")
    r = _grade(cli, tmp_path, latin)
    assert r.code == 2 and "answers.csv" in r.err and "--encoding" in r.err and "key-v1" not in r.err
    r = _grade(cli, tmp_path, latin, "--encoding", "cp1252", "--json")
    assert r.code == 0 and json.loads(r.out)["results"][0]["learner"] == "René"
    missing = cli(
        "grade", "--sheet", str(tmp_path / "s" / "key-v1.json"), "--answers", str(tmp_path / "no.csv")
    )
    assert missing.code == 2 and "no.csv" in missing.err and "key-v1" not in missing.err


def test_report_shows_each_sheet_out_of_its_total(cli, tmp_path: Path):
    key = _sheet_with_key(cli, tmp_path)
    right = [item["answer"] for item in key["items"]]
    text = "learner," + ",".join(str(i["number"]) for i in key["items"]) + "\nAmina," + ",".join(right) + "\n"
    r = _grade(cli, tmp_path, text.encode("utf-8"), "--json")
    assert r.code == 0, r.err
    files = json.loads(r.out)["written"]
    table = cli("report", *files)
    assert "Amina  v1 5/5" in table.out
    data = json.loads(cli("report", *files, "--json").out)
    assert data["learners"][0]["sheets"] == [{"variant": 1, "lang": "en", "score": 5.0, "total": 5}]


def test_bilingual_html_translates_match_items_and_options(course, cli, tmp_path: Path):
    import html as html_lib

    r = cli("sheet", "--lang", "zh,en", "--types", "match,choice", "--format", "html", "-o", str(tmp_path))
    assert r.code == 0, r.err
    page = html_lib.unescape((tmp_path / "sheets.html").read_text(encoding="utf-8"))
    for q in course.bank.all("en"):
        if q.type == Kind.MATCH:
            assert all(f'<span class="second">{a}</span>' in page for a, _ in q.pairs), q.id
            assert all(f'<span class="second">{b}</span>' in page for _, b in q.pairs), q.id
        if q.type == Kind.CHOICE:
            assert all(f'<span class="second">{c}</span>' in page for c in q.choices), q.id
