"""The progress store: durability, concurrency, migrations, corruption, import/export and xAPI."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ssc_learn.course.errors import StoreError
from ssc_learn.course.exchange import (
    export_learner,
    import_export,
    read_export,
    xapi_statements,
)
from ssc_learn.course.grader import grade
from ssc_learn.course.kinds import Kind
from ssc_learn.course.progress import due_questions, module_progress, record_answer, summary
from ssc_learn.course.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store, doctor


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as s:
        yield s


def _answer(course, store, learner, qid="context.01", lang="zh", reply=None, when=None):
    q = course.bank.get(qid, lang)
    reply = reply if reply is not None else q.solution()
    return record_answer(
        store, learner, q, reply, grade(q, reply if q.type != Kind.CHOICE else q.answer), 3.0, when
    )


def test_learners_any_unicode_name_and_markup_is_data(store):
    for name in ["王小明", "أحمد", "🙂 Ana", "[bold]x[/]"]:
        store.ensure_learner(name)
    assert {x.name for x in store.learners()} == {"王小明", "أحمد", "🙂 Ana", "[bold]x[/]"}
    store.rename_learner("[bold]x[/]", "[red]y[/]")
    assert store.learner("[red]y[/]") is not None
    store.delete_learner("[red]y[/]")
    assert store.learner("[red]y[/]") is None
    with pytest.raises(StoreError):
        store.ensure_learner("   ")


def test_answers_feed_progress_and_review(course, store):
    me = store.ensure_learner("me")
    _answer(course, store, me, "context.01")
    _answer(course, store, me, "context.02", reply="1999")
    mods = {m.id: m for m in module_progress(course, store, me, "zh")}
    assert mods["context"].answered == 2 and mods["context"].correct == 1
    due = [q.id for q in due_questions(course, store, me)]
    assert "context.02" in due  # missed: back within minutes
    data = summary(course, store, me, "zh")
    assert data["attempts"] == 2 and data["resume"]["module"] == "context"
    assert data["resume"]["activity"] == "quiz"
    q1, q2 = course.bank.get("context.01", "zh"), course.bank.get("context.02", "zh")
    assert data["paragraphs"][q1.source[0]] == 1.0 and data["paragraphs"][q2.source[0]] == 0.0


def test_missed_questions_come_back_at_growing_intervals(course, store):
    from ssc_learn.course.store import utcnow

    me = store.ensure_learner("me")
    start = utcnow()
    dues = []
    when = start
    _answer(course, store, me, "context.02", reply="1999", when=when)
    for _i in range(4):
        card = store.review_card(me, "context.02", "zh")
        due = datetime.fromisoformat(card.due)
        dues.append(due - when)
        when = due + timedelta(minutes=1)
        _answer(course, store, me, "context.02", when=when)
    assert dues[0] <= timedelta(minutes=10)
    gaps = [datetime.fromisoformat(store.review_card(me, "context.02", "zh").due) - when]
    assert gaps[0] > timedelta(days=1)


def test_completion_needs_reading_and_80_percent(course, store):
    me = store.ensure_learner("me")
    for q in course.bank.for_module("financing", "zh")[0]:
        reply = q.answer if q.type in (Kind.CHOICE, Kind.TRUEFALSE) else None
        if q.type in (Kind.MULTI,):
            reply = list(q.answers)
        elif q.type == Kind.ORDER:
            reply = list(q.items)
        elif q.type == Kind.MATCH:
            reply = dict(q.pairs)
        elif q.type == Kind.CLOZE:
            reply = [b[0] for b in q.blanks]
        elif q.type in (Kind.TEXT, Kind.NUMBER):
            reply = q.solution()
        record_answer(store, me, q, str(reply), grade(q, reply))
    fin = {m.id: m for m in module_progress(course, store, me, "zh")}["financing"]
    assert fin.score == pytest.approx(1.0) and not fin.completed
    for pid in course.outline.module("financing").paragraphs:
        store.mark_read(me, "financing", pid)
    fin = {m.id: m for m in module_progress(course, store, me, "zh")}["financing"]
    assert fin.completed


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from ssc_learn.course.content import load_course
    from ssc_learn.course.grader import grade
    from ssc_learn.course.kinds import Kind
    from ssc_learn.course.progress import record_answer
    from ssc_learn.course.store import Store
    course = load_course()
    store = Store.open(Path(sys.argv[1]))
    me = store.ensure_learner("killed")
    for qid in ("context.01", "context.02", "context.03"):
        q = course.bank.get(qid, "zh")
        record_answer(store, me, q, "x", grade(q, "x" if q.type != Kind.CHOICE else q.choices[0]))
        print("confirmed", qid, flush=True)
    time.sleep(60)
""")


def test_kill_9_after_three_confirmed_answers_keeps_all_three(tmp_path: Path):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(data)], stdout=subprocess.PIPE, text=True)
    confirmed = [proc.stdout.readline() for _ in range(3)]
    assert all(line.startswith("confirmed") for line in confirmed), confirmed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open(data) as s:
        assert s.count_attempts(s.learner("killed")) == 3


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ssc_learn.course.content import load_course
    from ssc_learn.course.grader import grade
    from ssc_learn.course.progress import record_answer
    from ssc_learn.course.store import Store
    course = load_course()
    store = Store.open(Path(sys.argv[1]), backup=False)
    me = store.ensure_learner("shared")
    q = course.bank.get("context.02", "zh")
    for i in range(int(sys.argv[2])):
        record_answer(store, me, q, f"{sys.argv[3]}-{i}", grade(q, "2017"))
""")


def test_four_processes_answering_at_once_keep_every_answer(tmp_path: Path):
    data = tmp_path / "data"
    Store.open(data).close()
    n = 25
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(n), f"p{k}"]) for k in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    with Store.open(data) as s:
        assert s.count_attempts(s.learner("shared")) == 4 * n


def test_migration_from_version_1_upgrades_in_place(tmp_path: Path):
    data = tmp_path / "data"
    with Store.open(data, migrate_to=1, backup=False) as old:
        assert old.schema_version == 1
        old.db.execute("INSERT INTO learners(name, created) VALUES ('old', '2020-01-01')")
        old.db.execute(
            "INSERT INTO attempts(learner_id, question, module, lang, answer, verdict, score, "
            "answered_at) VALUES (1, 'context.01', 'context', 'zh', '阿根廷', 'correct', 1, "
            "'2020-01-02T00:00:00+00:00')"
        )
    with Store.open(data) as new:
        assert new.schema_version == SCHEMA_VERSION
        me = new.learner("old")
        assert [a.answer for a in new.attempts(me)] == ["阿根廷"] and new.attempts(me)[0].uid
        versions = [r[0] for r in new.db.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_a_newer_database_is_refused(tmp_path: Path):
    data = tmp_path / "data"
    Store.open(data).close()
    con = sqlite3.connect(data / DB_NAME)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer ssc-learn"):
        Store.open(data)


def test_a_file_that_is_not_sqlite_is_refused_and_kept(tmp_path: Path, cli):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_text("these are not the bytes you are looking for")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(data)
    r = cli("progress", "--data-dir", str(data))
    assert r.code == 2 and DB_NAME in r.err and "doctor" in r.err and r.err.count("\n") == 1
    assert (data / DB_NAME).read_text().startswith("these are not")


def test_doctor_moves_a_corrupt_store_aside_and_restores_the_backup(course, tmp_path: Path):
    data = tmp_path / "data"
    with Store.open(data) as s:
        me = s.ensure_learner("me")
        _answer(course, s, me)
        assert s.backup_if_due(now=datetime.now(timezone.utc) + timedelta(days=2)) is not None
    (data / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    for side in ("-wal", "-shm"):
        (data / (DB_NAME + side)).unlink(missing_ok=True)
    with pytest.raises(StoreError):
        Store.open(data)
    report = doctor(data)
    assert not report["ok"] and report["restored_from"] and Path(report["moved_to"]).exists()
    with Store.open(data) as s:
        assert s.count_attempts(s.learner("me")) == 1


def test_read_only_folder_is_a_clear_error(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    data = tmp_path / "ro"
    data.mkdir()
    data.chmod(0o500)
    with pytest.raises(StoreError, match="not writable"):
        Store.open(data)


def test_export_import_round_trip_and_importing_twice_adds_nothing(course, tmp_path: Path):
    with Store.open(tmp_path / "a") as a:
        me = a.ensure_learner("李华")
        _answer(course, a, me, "context.01")
        _answer(course, a, me, "context.02", reply="1999")
        a.mark_read(me, "context", "R0")
        exported = export_learner(course, a, me)
    path = tmp_path / "li.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with Store.open(tmp_path / "b") as b:
        assert import_export(course, b, read_export(path)) == ("李华", 2)
        assert import_export(course, b, read_export(path)) == ("李华", 0)
        me = b.learner("李华")
        assert [x.answer for x in b.attempts(me)] == [x["answer"] for x in exported["attempts"]]
        assert b.read_paragraphs(me) == {"R0"}
        assert [q.id for q in due_questions(course, b, me)] == ["context.02"]


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        json.dumps({"format": "other"}),
        json.dumps({"format": "ssc-learn-progress", "version": 99}),
        json.dumps(
            {
                "format": "ssc-learn-progress",
                "version": 1,
                "learner": {"name": "x"},
                "attempts": [{"uid": "1", "question": "q"}],
            }
        ),
    ],
)
def test_a_malformed_export_imports_nothing(tmp_path: Path, cli, bad):
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps({"format": "ssc-learn-progress", "version": 1, "learner": {"name": "ok"}, "attempts": []})
    )
    path = tmp_path / "bad.json"
    path.write_text(bad)
    r = cli("import", str(good), str(path), "--data-dir", str(tmp_path / "d"))
    assert r.code == 2 and "nothing was imported" in r.err
    assert not (tmp_path / "d").exists() or Store.open(tmp_path / "d").learner("ok") is None


def test_xapi_statements_have_the_required_fields(course, store):
    me = store.ensure_learner("me")
    _answer(course, store, me, "context.01")
    statements = xapi_statements(course, store, me, "https://lrs.example.org/ssc")
    assert statements
    for s in statements:
        assert {"actor", "verb", "object"} <= s.keys()
        assert s["actor"]["objectType"] == "Agent" and s["actor"]["account"]["homePage"].startswith(
            "https://"
        )
        assert s["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
        assert s["object"]["id"].startswith("https://lrs.example.org/ssc/")
        assert 0 <= s["result"]["score"]["scaled"] <= 1 and isinstance(s["result"]["success"], bool)
        datetime.fromisoformat(s["timestamp"])
        assert len(s["id"]) == 36


def test_class_report_from_exports(course, tmp_path: Path, cli):
    files = []
    for name, reply in [("ana", None), ("ben", "wrong"), ("chen", "wrong")]:
        with Store.open(tmp_path / name) as s:
            me = s.ensure_learner(name)
            _answer(course, s, me, "context.02", reply=reply)
            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps(export_learner(course, s, me)), encoding="utf-8")
            files.append(str(path))
    r = cli("report", *files, "--json")
    data = json.loads(r.out)
    assert [x["name"] for x in data["learners"]] == ["ana", "ben", "chen"]
    assert data["most_missed"][0]["question"] == "context.02" and data["most_missed"][0]["learners"] == 2
    csv_out = cli("report", *files, "--format", "csv").out.splitlines()
    assert csv_out[0].startswith("learner,context_score") and len(csv_out) == 4


def test_plain_quiz_records_every_answer(cli, course, tmp_path: Path):
    qs = course.bank.for_module("context", "en")[0][:3]
    r = cli(
        "quiz",
        "--plain",
        "--module",
        "context",
        "--lang",
        "en",
        "--learner",
        "piped",
        "--count",
        "3",
        stdin="x\nx\nx\n",
    )
    assert r.code == 0 and "Score" in r.out
    with Store.open(Path(os.environ["SSC_LEARN_HOME"])) as s:
        got = [a.question for a in s.attempts(s.learner("piped"))]
    assert len(got) >= 1 and set(got) <= {q.id for q in qs}
    time.sleep(0)


def _pos(module: str, activity: str, paragraph: str | None = None, question: str | None = None):
    from ssc_learn.course.store import Position

    return Position(module, paragraph, question, "2026-11-30T00:00:00Z", activity)


def test_continue_goes_where_the_learner_stopped_then_to_what_is_left(course):
    """'Continue' reopens the paragraph or question where the learner stopped; once a quiz is over it
    goes on to unread paragraphs, then an unpassed quiz, then the next module, and ends with None."""
    from ssc_learn.course.progress import NextStep, next_step

    first, second = course.outline.modules[0], course.outline.modules[1]
    qs = [q.id for q in course.bank.for_module(first.id, "en", "zh")[0]]
    assert next_step(course, "en", None, set(), {}) == NextStep(
        first.id, "read", paragraph=first.paragraphs[0]
    )
    assert next_step(course, "en", _pos(first.id, "read", paragraph="R2"), set(), {}).paragraph == "R2"
    mid = next_step(course, "en", _pos(first.id, "quiz", question=qs[3]), set(), {})
    assert mid == NextStep(first.id, "quiz", question=qs[4])

    finished = _pos(first.id, "quiz", question=qs[-1])
    half_read = set(first.paragraphs[:2])
    step = next_step(course, "en", finished, half_read, {})
    assert step == NextStep(first.id, "read", paragraph=first.paragraphs[2])

    all_read = {p for m in course.outline.modules for p in m.paragraphs}
    failed = {(first.id, q): (1.0 if i % 2 else 0.0, "") for i, q in enumerate(qs)}
    assert next_step(course, "en", finished, all_read, failed) == NextStep(first.id, "quiz", question=qs[0])

    passed = {(first.id, q): (1.0, "correct") for q in qs}
    step = next_step(course, "en", finished, set(first.paragraphs), passed)
    assert step == NextStep(second.id, "read", paragraph=second.paragraphs[0])

    everything = {
        (m.id, q.id): (1.0, "correct")
        for m in course.outline.modules
        for q in course.bank.for_module(m.id, "en", "zh")[0]
    }
    assert next_step(course, "en", finished, all_read, everything) is None
