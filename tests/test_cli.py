"""The command line: JSON for scripts, one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ssc_learn.course import __version__

from .conftest import SEED


def test_version(cli, capsys):
    import pytest

    with pytest.raises(SystemExit) as done:
        cli("--version")
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_doc_json(cli):
    r = cli("doc", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert data["lang"] == "zh" and data["title"].startswith("第二次联合国南南合作")
    ids = [p["id"] for p in data["paragraphs"]]
    assert ids[:4] == ["R0", "R1", "R2", "1"] and ids[-1] == "37"
    para = {p["id"]: p for p in data["paragraphs"]}
    assert para["24(f)"]["parent"] == "24" and para["24"]["parent"] is None
    assert "影响" in para["28(e)"]["text"]
    assert {r["kind"] for r in data["repairs"]} >= {"page_break", "stray_space", "stray_latin"}


def test_doc_in_english_has_the_same_ids(cli):
    zh = json.loads(cli("doc", "--json").out)
    en = json.loads(cli("doc", "--lang", "en", "--json").out)
    assert [p["id"] for p in en["paragraphs"]] == [p["id"] for p in zh["paragraphs"]]
    assert en["unofficial"] is True


def test_doc_selected_paragraphs(cli):
    r = cli("--lang", "en", "doc", "10", "24 (f)")
    assert r.code == 0
    assert "North-South" in r.out and "24(f)" in r.out and "  11  " not in r.out


def test_modules_json_covers_every_paragraph(cli, course):
    data = json.loads(cli("modules", "--json").out)
    covered = {pid for m in data["modules"] for pid in m["paragraphs"]}
    assert set(course.document.ids) <= covered
    assert all(m["title"] for m in data["modules"])


def test_unknown_language_is_one_line(cli):
    r = cli("doc", "--lang", "xx")
    assert r.code == 2
    assert r.err.count("\n") == 1 and "unknown language 'xx'" in r.err
    assert "Traceback" not in r.err


def test_unknown_paragraph(cli):
    r = cli("doc", "99")
    assert r.code == 2 and "99" in r.err and r.err.count("\n") == 1


def test_outline_draft(cli, tmp_path: Path):
    out = tmp_path / "draft.yaml"
    r = cli("outline", str(SEED), "-o", str(out))
    assert r.code == 0 and out.read_text(encoding="utf-8").startswith("# Draft outline")


def test_outline_of_a_bad_seed(cli, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not text")
    r = cli("outline", str(bad))
    assert r.code == 2 and "not UTF-8" in r.err and r.err.count("\n") == 1


def test_check_passes_on_the_bundled_course(cli):
    r = cli("check", "--json")
    data = json.loads(r.out)
    assert data["errors"] == [] and r.code == 0
    assert data["languages"]["zh"]["document"] == 1.0


def test_grade_one_answer_and_a_batch(cli, tmp_path: Path):
    bank = Path(__file__).resolve().parent.parent / "quizzes" / "zh" / "triangular.yaml"
    r = cli("grade", "--bank", str(bank), "triangular.01", "san fang he zuo", "--json")
    data = json.loads(r.out)
    assert {"verdict", "score", "matched", "feedback"} <= data.keys()
    lines = '{"question": "triangular.01", "answer": "三方合做"}\n{"question": "nope", "answer": "x"}\n'
    r = cli("grade", "--bank", str(bank), "--jsonl", stdin=lines)
    out = [json.loads(x) for x in r.out.splitlines()]
    assert out[0]["verdict"] in ("correct", "incorrect", "partial") and "error" in out[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lang: zh\nmodule: context\nquestions: [\n", "malformed YAML"),
        (
            "lang: zh\nmodule: context\nquestions:\n  - {id: q1, type: essay, prompt: x, source: ['1']}\n",
            "unknown type 'essay'",
        ),
    ],
)
def test_bad_banks_are_one_line(cli, tmp_path: Path, content, message):
    bank = tmp_path / "bank.yaml"
    bank.write_text(content, encoding="utf-8")
    r = cli("grade", "--bank", str(bank), "q1", "x")
    assert r.code == 2 and message in r.err and r.err.count("\n") == 1 and str(bank) in r.err


def test_the_exact_minimal_shape_loads_and_grades(cli, tmp_path: Path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'lang: zh\nmodule: context\nquestions:\n  - {id: q1, type: text, prompt: "…？", '
        'answers: ["布宜诺斯艾利斯", "Buenos Aires"], source: ["1"]}\n',
        encoding="utf-8",
    )
    assert (
        json.loads(cli("grade", "--bank", str(bank), "q1", "buenos aries", "--json").out)["verdict"]
        == "correct"
    )
    r = cli("grade", "--bank", str(bank), "q2", "x")
    assert r.code == 2 and "unknown question id" in r.err


def test_plain_quiz_runs_a_module_start_to_finish(cli, course):
    n = len(course.bank.for_module("financing", "en")[0])
    r = cli("quiz", "--plain", "--module", "financing", "--lang", "en", "--learner", "p", stdin="s\n" * n)
    assert r.code == 0 and f"of {n}" in r.out and r.out.count("Skipped") == n


def test_unknown_module(cli):
    r = cli("quiz", "--plain", "--module", "nope")
    assert r.code == 2 and "unknown module" in r.err


def test_plain_quiz_json_is_the_result_alone(cli):
    r = cli(
        "quiz", "--plain", "--module", "context", "--count", "2", "--lang", "en", "--json", stdin="s\ns\n"
    )
    data = json.loads(r.out)
    assert data == {
        "module": "context",
        "lang": "en",
        "learner": data["learner"],
        "answered": 0,
        "total": 2,
        "score": 0.0,
    }
    assert "[1/2]" in r.err


def test_outline_json(cli):
    data = json.loads(cli("outline", str(SEED), "--json").out)
    assert data["modules"] and data["document"] == SEED.stem


@pytest.mark.parametrize(
    ("argv", "starts_app"),
    [
        ([], True),
        (["--lang", "zh", "--learner", "小明", "--data-dir", "/tmp/x"], True),
        (["--learner=Ana"], True),
        (["doc", "--json"], False),
        (["--lang", "en", "check"], False),
        (["--help"], False),
        (["-h"], False),
        (["--version"], False),
        (["--lang"], False),  # the full parser says what is missing
        (["--no-such-option"], False),
    ],
)
def test_only_a_plain_start_skips_the_full_parser(argv, starts_app):
    from ssc_learn.tui.cli import _app_args

    args = _app_args(argv)
    assert (args is not None) == starts_app
    if args is not None and argv:
        assert args.learner in (None, "小明", "Ana")


def test_starting_the_app_does_not_import_the_subcommands(tmp_path: Path):
    """The app's start-up skips building the parser of every subcommand (a third of its budget)."""
    code = (
        "import sys, textual.app\n"
        "textual.app.App.run = lambda self, **kw: None\n"
        "from ssc_learn.tui.cli import main\n"
        f"main(['--lang', 'en', '--learner', 'Ana', '--data-dir', {str(tmp_path)!r}])\n"
        "heavy = ('ssc_learn.tui.commands', 'ssc_learn.course.grader', 'yaml')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    main = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert main.stdout.strip().splitlines()[-1] == "['yaml']"  # the first start parses the outline
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert again.stdout.strip().splitlines()[-1] == "[]"  # later starts load it from the cache
