"""Facilitator files checked by the programs that read them: Moodle's own importers (php), the npm
`gift-pegjs` parser (node), a CommonMark parser, openpyxl, and a Ralph learning record store.

Each consumer that is not installed skips its tests with the reason and how to install it; `.ci/run`
installs them all and prints which were skipped.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest
from ssc_learn.course.formats.gift import render_gift
from ssc_learn.course.formats.kahoot import (
    ANSWER_LIMIT,
    FIRST_ROW,
    HEADER,
    QUESTION_LIMIT,
    TIME_LIMITS,
    kahoot_rows,
    render_kahoot_xlsx,
)
from ssc_learn.course.formats.moodle import render_moodle
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.kinds import Kind
from ssc_learn.course.questions import Question
from ssc_learn.course.session import present

LANGS = ("zh", "en", "es", "fr")
REPO = Path(__file__).resolve().parent.parent
MOODLE = Path(
    os.environ.get("SSC_LEARN_MOODLE_IMPORT", REPO.parent / "shared" / "moodle-import" / "moodle_import.php")
)
NODE_MODULES = os.environ.get("SSC_LEARN_NODE_MODULES", "")


def _moodle_missing() -> str | None:
    if shutil.which("php") is None:
        return "php is not installed (apt-get install php-cli php-xml php-mbstring)"
    if not MOODLE.is_file():
        return f"Moodle's importer harness is not at {MOODLE} (set SSC_LEARN_MOODLE_IMPORT)"
    return None


def _gift_pegjs() -> Path | None:
    for base in [NODE_MODULES, *os.environ.get("NODE_PATH", "").split(os.pathsep)]:
        if base and (Path(base) / "gift-pegjs" / "package.json").is_file():
            return Path(base) / "gift-pegjs"
    return None


needs_moodle = pytest.mark.skipif(_moodle_missing() is not None, reason=str(_moodle_missing()))
needs_gift_pegjs = pytest.mark.skipif(
    shutil.which("node") is None or _gift_pegjs() is None,
    reason="node or npm gift-pegjs missing (npm install gift-pegjs; set SSC_LEARN_NODE_MODULES)",
)


def _moodle(kind: str, path: Path) -> dict:
    done = subprocess.run(["php", str(MOODLE), kind, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _text(value: object) -> str:
    """A Moodle field's text, HTML decoded (questiontext and answers may be strings or {text: ...})."""
    if isinstance(value, dict):
        value = value.get("text", "")
    return html.unescape(str(value))


def _tricky(lang: str) -> list[Question]:
    """Questions whose text uses every character Moodle's formats treat specially."""
    base = {"source": ("1",), "lang": lang, "module": "context"}
    odd = 'l\'ONU & « R&D » {a} #1 ~x /y \\z = <b> "q"'
    return [
        Question(
            id="t.cloze",
            type="cloze",
            prompt=odd,
            text=f"{odd} [[R&D|a~b|x}}y#z|c'est|a/b=c|1\\2]] fin.",
            **base,
        ),
        Question(id="t.short", type="text", prompt=odd, answers=("R&D", "l'ONU", "a~b#c{d}", "<x>"), **base),
        Question(
            id="t.choice",
            type="choice",
            prompt=odd,
            choices=("R&D", "l'ONU <b>", "a~b#c"),
            answer="l'ONU <b>",
            **base,
        ),
        Question(id="t.match", type="match", prompt=odd, pairs=(("R&D", "l'ONU"), ("a~b", "c#d")), **base),
        Question(id="t.order", type="order", prompt=odd, items=("R&D", "l'ONU", "a~b"), **base),
    ]


def _check_moodle_question(q: Question, got: dict) -> None:
    """What Moodle imported is what the question intends."""
    if q.type != Kind.CLOZE:
        assert _text(got["questiontext"]) == q.prompt, q.id
    if q.type in (Kind.CHOICE, Kind.MULTI):
        answers = [_text(a) for a in got["answer"]]
        assert answers == list(q.choices), q.id
        right = {q.answer} if q.type == Kind.CHOICE else set(q.answers)
        assert {a for a, f in zip(answers, got["fraction"]) if float(f) > 0} == right, q.id
        assert abs(sum(float(f) for f in got["fraction"] if float(f) > 0) - 1) < 0.001, q.id
        assert got["single"] in ((1, "1", True) if q.type == Kind.CHOICE else (0, "0", False)), q.id
    elif q.type == Kind.TRUEFALSE:
        assert bool(got["correctanswer"]) == bool(q.answer), q.id
    elif q.type == Kind.TEXT:
        assert got["answer"] == list(q.answers) and all(float(f) == 1 for f in got["fraction"]), q.id
    elif q.type == Kind.NUMBER:
        assert float(got["answer"][0]) == float(q.answer), q.id
        assert float(got["tolerance"][0]) == q.tolerance, q.id
    elif q.type == Kind.MATCH:
        assert [_text(s) for s in got["subquestions"]] == [a for a, _ in q.pairs], q.id
        assert got["subanswers"] == [b for _, b in q.pairs], q.id
    elif q.type == Kind.CLOZE:
        subs = [got["subs"][k] for k in sorted(got["subs"], key=int)]
        assert [s["answer"] for s in subs] == [list(b) for b in q.blanks], q.id
        fractions = [
            list(s["fraction"].values() if isinstance(s["fraction"], dict) else s["fraction"]) for s in subs
        ]
        assert all(float(f) == 1 for f in sum(fractions, [])), q.id
        shown = _text(got["questiontext"])
        assert shown.startswith(q.prompt), q.id


@needs_moodle
@pytest.mark.parametrize("lang", LANGS)
def test_moodle_xml_imports_every_question_as_intended(course, tmp_path: Path, lang: str):
    questions = [*course.bank.all(lang), *_tricky(lang)]
    text, skipped = render_moodle(course, questions, get_translator(lang))
    assert {s.question for s in skipped} == {q.id for q in questions if q.type == Kind.TEXT and not q.answers}
    path = tmp_path / "q.xml"
    path.write_text(text, encoding="utf-8")
    out = _moodle("xml", path)
    # Moodle 3.8's importer predates the core `ordering` type (Moodle 4.4+): its refusal is the one error.
    assert [e["message"] for e in out["errors"]] == ["[qformat_xml:xmltypeunsupported] ordering"] * sum(
        q.type == Kind.ORDER for q in questions
    )
    imported = {q["name"]: q for q in out["questions"] if q["qtype"] != "category"}
    assert not [q for q in out["questions"] if q.get("invalidgrade")]
    titles = {f"$course$/ssc-learn/{m.title_in(lang).value}" for m in course.outline.modules}
    assert {q["name"] for q in out["questions"] if q["qtype"] == "category"} <= titles
    for q in questions:
        if q.type == Kind.ORDER or q.id in {s.question for s in skipped}:
            continue
        _check_moodle_question(q, imported[q.id])


def test_moodle_ordering_questions_use_the_core_type(course):
    import xml.etree.ElementTree as ET

    questions = [q for q in course.bank.all("fr") if q.type == Kind.ORDER] + _tricky("fr")[-1:]
    text, skipped = render_moodle(course, questions, get_translator("fr"))
    assert not skipped
    root = ET.fromstring(text.encode("utf-8"))
    ordering = root.findall("question[@type='ordering']")
    assert len(ordering) == len(questions)
    for q, el in zip(questions, ordering):
        answers = sorted(el.findall("answer"), key=lambda a: float(a.get("fraction")))
        assert [html.unescape(a.findtext("text")) for a in answers] == list(q.items)
        assert el.findtext("selecttype") == "ALL" and el.findtext("gradingtype") == "ABSOLUTE_POSITION"


@needs_moodle
@pytest.mark.parametrize("lang", LANGS)
def test_gift_imports_in_moodle_as_intended(course, tmp_path: Path, lang: str):
    questions = [*course.bank.all(lang), *_tricky(lang)[1:4]]
    text, skipped = render_gift(course, questions, get_translator(lang))
    left = {s.question for s in skipped}
    assert left == {
        q.id for q in questions if q.type == Kind.ORDER or (q.type == Kind.CLOZE and len(q.blanks) != 1)
    } | {q.id for q in questions if q.type == Kind.TEXT and not q.answers}
    path = tmp_path / "q.gift"
    path.write_text(text, encoding="utf-8")
    out = _moodle("gift", path)
    assert out["errors"] == []
    imported = {q["name"]: q for q in out["questions"] if q["qtype"] != "category"}
    assert set(imported) == {q.id for q in questions} - left
    titles = {f"ssc-learn/{m.title_in(lang).value}" for m in course.outline.modules}
    assert {q["name"] for q in out["questions"] if q["qtype"] == "category"} <= titles
    for q in questions:
        if q.id in left:
            continue
        got = imported[q.id]
        if q.type == Kind.CLOZE:  # one blank: GIFT's "missing word" short answer
            assert got["qtype"] == "shortanswer" and got["answer"] == q.blanks[0]
            continue
        _check_moodle_question(q, got)


@needs_gift_pegjs
@pytest.mark.parametrize("lang", LANGS)
def test_gift_pegjs_parses_every_question(course, tmp_path: Path, lang: str):
    questions = [*course.bank.all(lang), *_tricky(lang)[1:4]]
    text, skipped = render_gift(course, questions, get_translator(lang))
    path = tmp_path / "q.gift"
    path.write_text(text, encoding="utf-8")
    script = (
        "const p=require(process.argv[1]);const fs=require('fs');"
        "process.stdout.write(JSON.stringify(p.parse(fs.readFileSync(process.argv[2],'utf8'))));"
    )
    done = subprocess.run(
        ["node", "-e", script, str(_gift_pegjs()), str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    parsed = {q["title"]: q for q in json.loads(done.stdout) if q["type"] != "Category"}
    left = {s.question for s in skipped}
    assert set(parsed) == {q.id for q in questions} - left
    kinds = {"choice": "MC", "multi": "MC", "truefalse": "TF", "text": "Short", "number": "Numerical"}
    for q in questions:
        if q.id in left:
            continue
        got = parsed[q.id]
        assert got["type"] == kinds.get(q.type, {"match": "Matching", "cloze": "Short"}.get(q.type)), q.id
        if q.type != Kind.CLOZE:
            assert got["stem"]["text"] == q.prompt, q.id
        if q.type == Kind.CHOICE:
            assert [c["text"]["text"] for c in got["choices"] if c["isCorrect"]] == [q.answer], q.id
        if q.type == Kind.MULTI:
            assert {c["text"]["text"] for c in got["choices"] if (c.get("weight") or 0) > 0} == set(q.answers)
        if q.type == Kind.TEXT:
            assert [c["text"]["text"] for c in got["choices"]] == list(q.answers), q.id
        if q.type == Kind.TRUEFALSE:
            assert got["isTrue"] == bool(q.answer), q.id
        if q.type == Kind.MATCH:
            # gift-pegjs 1.0.2 leaves its own placeholder for an escaped character in a match answer
            # ("\\#" -> "&&035;"); Moodle decodes it (checked above), so the placeholder is decoded here.
            answers = [
                re.sub(r"&&(\d+);", lambda m: chr(int(m.group(1))), m["subanswer"]) for m in got["matchPairs"]
            ]
            assert [m["subquestion"]["text"] for m in got["matchPairs"]] == [a for a, _ in q.pairs], q.id
            assert answers == [b for _, b in q.pairs], q.id


def test_markdown_sheets_render_as_intended_in_commonmark(course, cli, tmp_path: Path):
    markdown_it = pytest.importorskip(
        "markdown_it", reason="markdown-it-py missing (pip install markdown-it-py)"
    )
    from ssc_learn.course.sheets import build_sheets

    r = cli(
        "sheet",
        "--lang",
        "zh,en",
        "--count",
        "40",
        "--seed",
        "7",
        "--format",
        "md",
        "--answers",
        "-o",
        str(tmp_path),
    )
    assert r.code == 0, r.err
    sheets = build_sheets(course, langs=["zh", "en"], count=40, seed="7")
    md = markdown_it.MarkdownIt("commonmark")
    tokens = md.parse((tmp_path / "sheet-v1.md").read_text(encoding="utf-8"))
    items = _top_items(tokens)
    assert len(items) == 40
    zh, en = get_translator("zh"), get_translator("en")
    for item, toks in zip(sheets.variants[0].items, items):
        text = _inline_text(toks)
        q, s = item.question, item.second
        assert q.prompt in text[0] and s is not None and text[1] == s.question.prompt, q.id
        bullets = _bullets(toks)
        if q.type in (Kind.CHOICE, Kind.MULTI, Kind.ORDER):
            assert bullets == [
                f"{'ABCDEFGH'[i]}. {a} · {b}"
                for i, (a, b) in enumerate(zip(item.presented.options, s.options))
            ], q.id
        elif q.type == Kind.MATCH:
            lefts = [
                f"{i + 1}. {a} · {b} ____" for i, (a, b) in enumerate(zip(item.presented.lefts, s.lefts))
            ]
            rights = [
                f"{'ABCDEFGH'[i]}. {a} · {b}"
                for i, (a, b) in enumerate(zip(item.presented.options, s.options))
            ]
            assert bullets == lefts + rights, q.id
        elif q.type == Kind.TRUEFALSE:
            assert bullets == [f"○ {zh.gettext(w)} · {en.gettext(w)}" for w in ("True", "False")], q.id
        else:
            assert bullets == [], q.id
    key = md.parse((tmp_path / "key-v1.md").read_text(encoding="utf-8"))
    assert len(_top_items(key)) == 40


def _top_items(tokens: list) -> list[list]:
    """The tokens inside each item of the document's top-level ordered list."""
    items, depth, current = [], 0, None
    for tok in tokens:
        if tok.type == "ordered_list_open" and depth == 0:
            depth = 1
            continue
        if depth == 1 and tok.type == "list_item_open" and tok.level == 1:
            current = []
            items.append(current)
            continue
        if depth == 1 and tok.type == "ordered_list_close" and tok.level == 0:
            depth = 0
            continue
        if current is not None and depth == 1:
            current.append(tok)
    return items


def _inline_text(toks: list) -> list[str]:
    """The first paragraph's lines (split at hard breaks), as plain text."""
    inline = next(t for t in toks if t.type == "inline")
    lines, buf = [], ""
    for child in inline.children:
        if child.type == "hardbreak":
            lines.append(buf)
            buf = ""
        elif child.type in ("text", "code_inline"):
            buf += child.content
    return [*lines, buf]


def _bullets(toks: list) -> list[str]:
    out = []
    for i, tok in enumerate(toks):
        if tok.type == "list_item_open" and tok.info == "":
            inline = next(t for t in toks[i:] if t.type == "inline")
            out.append("".join(c.content for c in inline.children if c.type == "text"))
    return out


def test_kahoot_xlsx_holds_every_convertible_question(course, cli, tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl missing (pip install openpyxl)")
    r = cli(
        "sheet",
        "--lang",
        "en",
        "--count",
        "200",  # the whole bank: long English options leave few multi-select questions convertible
        "--seed",
        "3",
        "--format",
        "kahoot",
        "-o",
        str(tmp_path),
        "--json",
    )
    assert r.code == 0, r.err
    data = json.loads(r.out)
    ws = openpyxl.load_workbook(tmp_path / "kahoot.xlsx").active
    assert [ws.cell(row=FIRST_ROW - 1, column=c).value for c in range(2, 9)] == HEADER
    rows = []
    for r_ in range(FIRST_ROW, ws.max_row + 1):
        values = [ws.cell(row=r_, column=c).value for c in range(1, 9)]
        if values[1] is None:
            break
        rows.append(values)
    from ssc_learn.course.sheets import build_sheets

    picked = [i.question for i in build_sheets(course, langs=["en"], count=200, seed="3").variants[0].items]
    skipped = {s["question"]: s for s in data["skipped"]}
    written = {row[1] for row in rows}
    assert len(rows) + len(skipped) == len(picked)  # every question either written or listed
    first_keys = []
    for n, (num, prompt, *answers, limit, correct) in enumerate(rows, start=1):
        q = next(q for q in picked if q.prompt == prompt)
        assert num == n and len(prompt) <= QUESTION_LIMIT and limit in TIME_LIMITS
        given = [a for a in answers if a]
        assert 2 <= len(given) <= 4 and all(len(a) <= ANSWER_LIMIT for a in given)
        keys = [int(k) for k in str(correct).split(",")]
        if q.type == Kind.TRUEFALSE:
            assert given == ["True", "False"] and keys == [1 if q.answer else 2]
        else:
            right = {q.answer} if q.type == Kind.CHOICE else set(q.answers)
            assert {given[k - 1] for k in keys} == right and sorted(given) == sorted(q.choices)
            first_keys.append(keys[0])
    assert any(q.type == Kind.MULTI for q in picked if q.prompt in written), (
        "multi-select questions are exported"
    )
    assert len(set(first_keys)) > 1, "answers are shuffled, not always answer 1"
    for q in picked:
        if q.prompt in written:
            continue
        why = skipped[q.id]
        assert why["reason"] in ("type", "prompt-length", "answer-length", "options") and why["message"]
        assert why["reason"] != "prompt-length" or len(q.prompt) > QUESTION_LIMIT
    assert "skipped" in r.err


def test_kahoot_cells_never_become_formulas(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl missing (pip install openpyxl)")
    from ssc_learn.course.formats.kahoot import render_kahoot_csv

    q = Question(
        id="x",
        type="choice",
        prompt='=HYPERLINK("http://evil")',
        choices=("+1", "-2", "@a"),
        answer="+1",
        source=("1",),
        lang="en",
        module="context",
    )
    rows, skipped = kahoot_rows([present(q, "s")], get_translator("en"), "s")
    assert not skipped
    ws = openpyxl.load_workbook(_save(tmp_path, render_kahoot_xlsx(rows))).active
    assert ws.cell(row=FIRST_ROW, column=2).value == '=HYPERLINK("http://evil")'
    assert ws.cell(row=FIRST_ROW, column=2).data_type == "s"
    text = render_kahoot_csv(rows)
    assert text.startswith("\ufeff") and "'=HYPERLINK" in text and "'+1" in text and "'-2" in text


def _save(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "k.xlsx"
    path.write_bytes(data)
    return path


# -- a real learning record store ------------------------------------------------------------------


def _ralph() -> str | None:
    return os.environ.get("SSC_LEARN_RALPH") or shutil.which("ralph")


@pytest.fixture(scope="module")
def ralph_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """Ralph's command and an environment whose app folder holds the facilitator's credentials, made once
    for the module (each `ralph` command costs a second and a half of start-up)."""
    exe = _ralph()
    if exe is None:
        pytest.skip("Ralph LRS missing (pip install ralph-malph[cli,lrs] requests; set SSC_LEARN_RALPH)")
    app_dir = tmp_path_factory.mktemp("ralph-app")
    env = {**os.environ, "RALPH_APP_DIR": str(app_dir), "RALPH_RUNSERVER_BACKEND": "fs"}
    auth = subprocess.run(
        [
            exe,
            "auth",
            "-u",
            "facilitator",
            "-p",
            "s3cret",
            "-s",
            "all",
            "-A",
            "facilitator",
            "https://lrs.test",
            "-w",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert auth.returncode == 0, auth.stderr[-2000:]
    return exe, env


@pytest.fixture
def ralph_lrs(tmp_path: Path, ralph_env: tuple[str, dict[str, str]]):
    """A Ralph LRS (filesystem backend, its own store: that backend writes a store only once) on a free
    loopback port; yields (url, user, password)."""
    exe, env = ralph_env
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path / "ralph.log", "w")
    proc = subprocess.Popen(
        [
            exe,
            "runserver",
            "-b",
            "fs",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "--fs-default-directory-path",
            str(tmp_path / "lrs"),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/xAPI"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(url, "facilitator", "s3cret")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("Ralph did not start: " + (tmp_path / "ralph.log").read_text()[-2000:])
                time.sleep(0.3)
        yield url, "facilitator", "s3cret"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _get(url: str, user: str, password: str) -> list[dict]:
    """Every statement the LRS returns, following its `more` links."""
    headers = {
        "Authorization": "Basic " + b64encode(f"{user}:{password}".encode()).decode(),
        "X-Experience-API-Version": "1.0.3",
    }
    out, next_url = [], f"{url}/statements?limit=200"
    while next_url:
        with urllib.request.urlopen(urllib.request.Request(next_url, headers=headers), timeout=30) as resp:
            data = json.loads(resp.read())
        out += data["statements"]
        more = data.get("more")
        next_url = urllib.parse.urljoin(next_url, more) if more else ""
    return out


@pytest.mark.xdist_group("ralph")  # one process: the credentials are made once
def test_ralph_lrs_accepts_and_returns_every_statement(course, cli, tmp_path: Path, ralph_lrs, monkeypatch):
    from ssc_learn.course.exchange import xapi_statements
    from ssc_learn.course.grader import grade
    from ssc_learn.course.progress import record_answer
    from ssc_learn.course.store import Store

    url, user, password = ralph_lrs
    data = tmp_path / "data"
    with Store.open(data) as store:
        me = store.ensure_learner("Amina")
        for q in [q for q in course.bank.all("fr") if q.type in (Kind.CHOICE, Kind.TRUEFALSE, Kind.NUMBER)][
            :30
        ]:
            reply = q.solution()
            record_answer(store, me, q, reply, grade(q, reply if q.type != Kind.CHOICE else q.answer), 2.0)
        expected = xapi_statements(course, store, me, "https://school.example.edu/ssc", "fr")
    monkeypatch.setenv("SSC_LEARN_LRS_PASSWORD", password)
    args = [
        "export",
        "--data-dir",
        str(data),
        "--learner",
        "Amina",
        "--format",
        "xapi",
        "--xapi-home",
        "https://school.example.edu/ssc",
        "--to",
        url,
        "--user",
        user,
    ]
    r = cli(*args)
    assert r.code == 0, r.err
    stored = {s["id"]: s for s in _get(url, user, password)}
    assert set(stored) == {s["id"] for s in expected}
    for s in expected:
        got = stored[s["id"]]
        assert got["actor"]["account"] == {"homePage": "https://school.example.edu/ssc", "name": "Amina"}
        assert got["object"]["id"] == s["object"]["id"] and got["object"]["id"].startswith(
            "https://school.example.edu/ssc/"
        )
        assert got["verb"]["id"] == s["verb"]["id"] and got["result"]["success"] == s["result"]["success"]
    # Sending again stores nothing twice: statement ids make it idempotent.
    again = cli(*args)
    assert again.code == 0, again.err
    assert len(_get(url, user, password)) == len(expected)
    # A wrong password is one clear line, not a traceback.
    monkeypatch.setenv("SSC_LEARN_LRS_PASSWORD", "wrong")
    bad = cli(*args)
    assert bad.code != 0 and "refused the login" in bad.err and "Traceback" not in bad.err


@pytest.mark.xdist_group("ralph")
def test_each_statement_the_lrs_refuses_is_one_line(course, cli, tmp_path: Path, ralph_lrs, monkeypatch):
    from ssc_learn.course.exchange import xapi_statements
    from ssc_learn.course.grader import grade
    from ssc_learn.course.progress import record_answer
    from ssc_learn.course.store import Store

    url, user, password = ralph_lrs
    data = tmp_path / "data"
    with Store.open(data) as store:
        me = store.ensure_learner("Bo")
        for q in [q for q in course.bank.all("en") if q.type in (Kind.CHOICE, Kind.TRUEFALSE)][:5]:
            record_answer(store, me, q, "x", grade(q, "x"), 1.0)
        expected = xapi_statements(course, store, me, "https://school.example.edu/ssc", "en")
    # The LRS already holds the first statement's id with other content: xAPI says 409 Conflict.
    clash = {**expected[0], "result": {**expected[0]["result"], "response": "something else"}}
    _send(url, user, password, "PUT", f"/statements?statementId={clash['id']}", clash)
    monkeypatch.setenv("SSC_LEARN_LRS_PASSWORD", password)
    r = cli(
        "export",
        "--data-dir",
        str(data),
        "--learner",
        "Bo",
        "--format",
        "xapi",
        "--xapi-home",
        "https://school.example.edu/ssc",
        "--to",
        url,
        "--user",
        user,
    )
    assert r.code == 1 and "Traceback" not in r.err
    refused = [line for line in r.err.splitlines() if "refused statement" in line]
    clash_lines = [line for line in refused if expected[0]["id"] in line]
    assert len(clash_lines) == 1 and "409" in clash_lines[0]
    # Every other statement is either stored as sent or named on its own line (Ralph's development
    # filesystem backend can write its file only once, so there it refuses the rest with a 500).
    stored = {s["id"]: s for s in _get(url, user, password)}
    for s in expected[1:]:
        lines = [line for line in refused if s["id"] in line]
        assert (s["id"] in stored and not lines) or len(lines) == 1, s["id"]
    sent = sum(1 for s in expected[1:] if s["id"] in stored)
    assert f"sent {sent} of {len(expected)}" in r.err


def _send(url: str, user: str, password: str, method: str, path: str, body: dict) -> int:
    headers = {
        "Authorization": "Basic " + b64encode(f"{user}:{password}".encode()).decode(),
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
    }
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status


def test_lrs_that_cannot_be_reached_is_one_line(course, cli, tmp_path: Path, monkeypatch):
    from ssc_learn.course.grader import grade
    from ssc_learn.course.progress import record_answer
    from ssc_learn.course.store import Store

    with Store.open(tmp_path / "d") as store:
        me = store.ensure_learner("Ana")
        q = course.bank.all("en")[0]
        record_answer(store, me, q, "x", grade(q, "x"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("SSC_LEARN_LRS_PASSWORD", "x")
    r = cli(
        "export",
        "--data-dir",
        str(tmp_path / "d"),
        "--learner",
        "Ana",
        "--format",
        "xapi",
        "--to",
        f"http://127.0.0.1:{port}/xAPI",
        "--user",
        "u",
    )
    assert r.code != 0 and "cannot reach the LRS" in r.err and len(r.err.strip().splitlines()) <= 2
    r = cli(
        "export",
        "--data-dir",
        str(tmp_path / "d"),
        "--learner",
        "Ana",
        "--format",
        "xapi",
        "--xapi-home",
        "not a url",
        "-o",
        str(tmp_path / "x.json"),
    )
    assert r.code == 2 and "--xapi-home" in r.err
