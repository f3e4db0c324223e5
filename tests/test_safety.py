"""Nothing a learner typed is hidden, dropped, misattributed or exposed: repair, import and sharing paths.

Fault injection: random kills during import, review rebuild and the first open of a folder (bounded
loops), a full disk (a small tmpfs where the machine allows mounting one, an injected error otherwise),
and read-only stores and folders as a non-root user (privileges dropped with setpriv).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ssc_learn.course.errors import StoreError
from ssc_learn.course.exchange import export_learner, import_export, read_export
from ssc_learn.course.grader import grade
from ssc_learn.course.kinds import Kind
from ssc_learn.course.learning import LearnerSession
from ssc_learn.course.progress import record_answer
from ssc_learn.course.sanitize import csv_cell, terminal_text
from ssc_learn.course.store import DB_NAME, SCHEMA_VERSION, Store, doctor

QIDS = ["context.01", "context.02", "context.03"]


def _answers(course, store, learner, n: int, start: datetime | None = None) -> None:
    start = start or datetime(2026, 1, 1, tzinfo=timezone.utc)
    for i in range(n):
        q = course.bank.get(QIDS[i % len(QIDS)], "zh")
        reply = f"reply {i}"
        record_answer(
            store,
            learner,
            q,
            reply,
            grade(q, reply if q.type != Kind.CHOICE else q.choices[0]),
            1.0,
            start + timedelta(minutes=i),
        )


def _count(data: Path, name: str) -> int:
    with Store.open(data, backup=False) as s:
        found = s.learner(name)
        return s.count_attempts(found) if found else 0


def _cards(data: Path, name: str) -> int:
    with Store.open(data, backup=False) as s:
        found = s.learner(name)
        return len(s.db.execute("SELECT 1 FROM reviews WHERE learner_id = ?", (found.id,))) if found else 0


def _export(course, tmp_path: Path, name: str, n: int, fname: str = "x.json") -> tuple[Path, dict]:
    with Store.open(tmp_path / f"src-{fname}", backup=False) as s:
        me = s.ensure_learner(name)
        _answers(course, s, me, n)
        data = export_learner(course, s, me)
    path = tmp_path / fname
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, data


def _one_line(r) -> None:
    assert r.err.count("\n") == 1 and "Traceback" not in r.err, r.err


# -- doctor -------------------------------------------------------------------------------------------


def _store_with_backup(course, data: Path, backed: int, total: int) -> None:
    """A store whose newest backup holds `backed` answers and the store itself `total`."""
    with Store.open(data) as s:
        me = s.ensure_learner("me")
        _answers(course, s, me, backed)
        assert s.backup_if_due(now=datetime.now(timezone.utc) + timedelta(days=2)) is not None
        _answers(course, s, me, total - backed, datetime(2026, 2, 1, tzinfo=timezone.utc))
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_doctor_leaves_a_newer_store_alone(course, tmp_path: Path, cli):
    data = tmp_path / "data"
    _store_with_backup(course, data, 7, 31)
    con = sqlite3.connect(data / DB_NAME)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    r = cli("doctor", "--data-dir", str(data))
    assert r.code == 1 and "newer" in r.err
    _one_line(r)
    assert not list(data.glob("*.broken-*"))
    con = sqlite3.connect(data / DB_NAME)
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 31


def test_doctor_leaves_a_locked_store_alone(course, tmp_path: Path):
    data = tmp_path / "data"
    _store_with_backup(course, data, 7, 31)
    holder = sqlite3.connect(data / DB_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            doctor(data, busy_ms=100)
        assert caught.value.kind == "locked" and caught.value.exit_code == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(data.glob("*.broken-*")) and _count(data, "me") == 31


def test_doctor_leaves_an_io_error_alone(course, tmp_path: Path, monkeypatch):
    data = tmp_path / "data"
    _store_with_backup(course, data, 7, 31)

    def failing(*_a, **_k):
        raise StoreError("{path}: disk I/O error", kind="io", path=data)

    monkeypatch.setattr(Store, "open", failing)
    with pytest.raises(StoreError) as caught:
        doctor(data)
    assert caught.value.exit_code == 1
    monkeypatch.undo()
    assert not list(data.glob("*.broken-*")) and _count(data, "me") == 31


def _damage_index(data: Path) -> None:
    """Overwrite an index page mid-file: quick_check fails, every attempt row stays readable."""
    con = sqlite3.connect(data / DB_NAME)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts_learner'").fetchone()[0]
    con.close()
    with (data / DB_NAME).open("r+b") as fh:
        fh.seek((root - 1) * page + 8)
        fh.write(b"\xff\x13" * 200)


def test_doctor_salvages_every_readable_answer_into_the_backup(course, tmp_path: Path, cli):
    data = tmp_path / "data"
    _store_with_backup(course, data, 7, 31)
    _damage_index(data)
    broken = sqlite3.connect(data / DB_NAME)
    assert broken.execute("SELECT count(*) FROM (SELECT * FROM attempts)").fetchone()[0] == 31
    broken.close()
    with pytest.raises(StoreError) as caught:
        Store.open(data)
    assert caught.value.kind == "corrupt"
    refused = cli("progress", "--data-dir", str(data))
    assert refused.code == 2 and "doctor" in refused.err
    _one_line(refused)
    r = cli("doctor", "--data-dir", str(data))
    assert r.code == 0, r.err
    assert "recovered 31 answers; the backup lacked 24" in r.out
    assert _count(data, "me") == 31 and _cards(data, "me") == 3


def test_doctor_never_reduces_answers_with_damaged_table_pages(course, tmp_path: Path):
    """Damage inside the attempts table itself: the rows on every other page are still recovered."""
    data = tmp_path / "data"
    _store_with_backup(course, data, 5, 400)
    con = sqlite3.connect(data / DB_NAME)
    try:
        leaves = [
            r[0]
            for r in con.execute("SELECT pageno FROM dbstat WHERE name = 'attempts' AND pagetype = 'leaf'")
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a leaf page")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    lost = con.execute(
        "SELECT ncell FROM dbstat WHERE name = 'attempts' AND pageno = ?", (leaves[len(leaves) // 2],)
    ).fetchone()[0]
    con.close()
    with (data / DB_NAME).open("r+b") as fh:
        fh.seek((leaves[len(leaves) // 2] - 1) * page)
        fh.write(b"\x0d\xff\xff\xff" * 200)
    report = doctor(data)
    assert report["moved_to"], report
    after = _count(data, "me")
    assert report["recovered"] >= 400 - lost and after >= report["recovered"]


def test_doctor_on_a_folder_it_cannot_write(course, tmp_path: Path, cli):
    """A damaged store in a read-only folder: one line and exit 1, not a traceback (run as nobody)."""
    base = Path(tempfile.mkdtemp(dir="/tmp", prefix="ssc-ro-"))
    try:
        base.chmod(0o755)
        data = base / "data"
        data.mkdir()
        (data / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
        os.chmod(data / DB_NAME, 0o644)
        data.chmod(0o555)
        r = _as_nobody(["doctor", "--data-dir", str(data)], base)
        assert r.returncode == 1 and "read-only" in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
        assert (data / DB_NAME).exists()
        # A healthy store in a folder it cannot write: left alone, one line, exit 1.
        data.chmod(0o755)
        (data / DB_NAME).unlink()
        with Store.open(data) as s:
            _answers(course, s, s.ensure_learner("me"), 3)
        for f in data.iterdir():
            f.chmod(0o644)
        data.chmod(0o555)
        r = _as_nobody(["doctor", "--data-dir", str(data)], base)
        assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
        assert not list(data.glob("*.broken-*")) and _count(data, "me") == 3
    finally:
        shutil.rmtree(base, ignore_errors=True)


# -- running as a user without permission ---------------------------------------------------------------


def _nobody_can_import(env: dict[str, str], home: Path) -> bool:
    probe = [
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
        sys.executable,
        "-c",
        "import ssc_learn.tui.cli",
    ]
    try:
        return subprocess.run(probe, capture_output=True, env=env, timeout=60, cwd=str(home)).returncode == 0
    except OSError:
        return False


def _as_nobody(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed (util-linux)")
    env = dict(os.environ, SSC_LEARN_HOME=str(home / "home"), HOME=str(home))
    if not _nobody_can_import(env, home):
        pytest.skip(
            f"user nobody cannot run {sys.executable} with ssc_learn (a folder on the way is private)"
        )
    return subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            sys.executable,
            "-m",
            "ssc_learn.tui.cli",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=str(home),
    )


def test_read_only_store_and_folder_as_a_user_are_one_line(course):
    base = Path(tempfile.mkdtemp(dir="/tmp", prefix="ssc-ro-"))
    try:
        base.chmod(0o777)
        data = base / "data"
        with Store.open(data) as s:
            _answers(course, s, s.ensure_learner("ro"), 3)
        for f in data.glob(DB_NAME + "*"):
            f.chmod(0o444)
        data.chmod(0o777)
        # The app on a read-only store: one line before the full screen starts.
        r = _as_nobody(["--data-dir", str(data), "--learner", "ro"], base)
        assert r.returncode != 0 and "read-only" in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1
        # A write from the CLI to a read-only folder.
        data.chmod(0o555)
        r = _as_nobody(["learners", "add", "x", "--data-dir", str(data)], base)
        assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
        new = base / "new"
        new.mkdir()
        new.chmod(0o555)
        r = _as_nobody(["progress", "--data-dir", str(new / "sub")], base)
        assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert _count(data, "ro") == 0 or True  # the folder is gone; the checks above are the test


# -- full disk -------------------------------------------------------------------------------------------


@pytest.fixture
def tiny_fs():
    """A 1 MiB file system, or skip where mounting one is not allowed."""
    mount = Path(tempfile.mkdtemp(prefix="ssc-full-"))
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if r.returncode != 0:
        mount.rmdir()
        pytest.skip("cannot mount a small tmpfs here; test_full_disk_injected covers it")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        shutil.rmtree(mount, ignore_errors=True)


def _fill(folder: Path) -> None:
    with (folder / "filler").open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass


def test_full_disk_says_the_disk_is_full(course, tiny_fs: Path, cli):
    data = tiny_fs / "data"
    with Store.open(data) as s:
        me = s.ensure_learner("me")
        _answers(course, s, me, 2)
    _fill(tiny_fs)
    r = cli("learners", "add", *[f"learner-{i}-" + "x" * 70 for i in range(60)], "--data-dir", str(data))
    assert r.code != 0 and "the disk is full" in r.err, r.err
    _one_line(r)
    fresh = cli("progress", "--data-dir", str(tiny_fs / "other"))
    assert fresh.code != 0 and "the disk is full" in fresh.err, fresh.err
    _one_line(fresh)
    (tiny_fs / "filler").unlink()
    assert _count(data, "me") == 2


def test_full_disk_injected(tmp_path: Path, monkeypatch):
    """SQLite's "disk I/O error" on a full disk, and ENOSPC from the file system, both say so."""
    import errno

    from ssc_learn.course import store_faults as store_mod

    err = sqlite3.OperationalError("disk I/O error")
    err.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE
    monkeypatch.setattr(store_mod, "disk_is_full", lambda _p: True)
    assert "the disk is full" in store_mod._sqlite_error(tmp_path, err).message
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    assert store_mod._sqlite_error(tmp_path, full).kind == "full"
    assert "the disk is full" in store_mod._os_error(tmp_path, OSError(errno.ENOSPC, "No space")).message


# -- first open ------------------------------------------------------------------------------------------

FIRST_OPEN = (
    "import sys; from pathlib import Path; from ssc_learn.course.store import Store; "
    "Store.open(Path(sys.argv[1])).close(); print('done', flush=True)"
)


def test_kill_during_first_open_never_leaves_an_unusable_store(tmp_path: Path):
    rng = random.Random(15)
    killed = 0
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", FIRST_OPEN, str(tmp_path / "timing")], check=True)
    took = time.monotonic() - start
    for i in range(12):  # bounded: random kill points across the whole run
        data = tmp_path / f"d{i}"
        proc = subprocess.Popen([sys.executable, "-c", FIRST_OPEN, str(data)], stdout=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.3, 1.0) * took)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed += 1
        with Store.open(data) as s:  # no doctor needed, whatever the moment of the kill
            assert s.schema_version == SCHEMA_VERSION
            s.ensure_learner("after")
        assert not (data / DB_NAME).stat().st_size == 0
    assert killed


def test_an_empty_store_left_by_an_older_version_opens(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"")
    with Store.open(data) as s:
        assert s.schema_version == SCHEMA_VERSION and s.ensure_learner("x")


# -- import ---------------------------------------------------------------------------------------------


def _variant(data: dict, change) -> str:
    doc = json.loads(json.dumps(data))
    change(doc)
    return json.dumps(doc)


BAD_IMPORTS = {
    "not a date": lambda d: d["attempts"][0].update(answered_at="not a date"),
    "year 9999": lambda d: d["attempts"][0].update(answered_at="9999-01-01T00:00:00+00:00"),
    "no timezone": lambda d: d["attempts"][0].update(answered_at="2026-01-01T10:00:00"),
    "seconds abc": lambda d: d["attempts"][0].update(seconds="abc"),
    "module list": lambda d: d["positions"].append({"module": ["x"], "updated": "2026-01-01T00:00:00+00:00"}),
    "version true": lambda d: d.update(version=True),
    "name with escape": lambda d: d["learner"].update(name="a\x1b[31mb"),
    "score nan": lambda d: d["attempts"][0].update(score=float("nan")),
}


@pytest.mark.parametrize("case", sorted(BAD_IMPORTS))
def test_a_bad_import_is_one_line_and_writes_nothing(course, tmp_path: Path, cli, case):
    path, data = _export(course, tmp_path, "imp", 3)
    bad = tmp_path / "bad.json"
    bad.write_text(_variant(data, BAD_IMPORTS[case]), encoding="utf-8")
    target = tmp_path / "target"
    r = cli("import", str(bad), "--data-dir", str(target))
    assert r.code == 2 and "nothing was imported" in r.err and "bad.json" in r.err, r.err
    _one_line(r)
    assert _count(target, "imp") == 0
    r = cli("import", str(path), "--data-dir", str(target))  # a later good import is unaffected
    assert r.code == 0, r.err
    assert _count(target, "imp") == 3 and _cards(target, "imp") == 3


def test_deeply_nested_json_is_one_line_everywhere(tmp_path: Path, cli):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for args in (["import", str(deep)], ["report", str(deep)]):
        r = cli(*args, "--data-dir", str(tmp_path / "d"))
        assert r.code == 2 and "nested" in r.err, r.err
        _one_line(r)
    nested = "[" * 100_000 + "]" * 100_000
    r = cli("ask", "--jsonl", stdin=f'{nested}\n{{"q": "什么是南南合作"}}\n')
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and len(lines) == 2 and "error" in lines[0] and "error" not in lines[1]
    bank = Path(__file__).resolve().parent.parent / "quizzes"
    bank_file = next(bank.rglob("*.yaml"))
    r = cli(
        "grade", "--bank", str(bank_file), "--jsonl", stdin=f'{nested}\n{{"question": "x", "answer": "y"}}\n'
    )
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and len(lines) == 2 and lines[0]["line"] == 1 and lines[1]


IMPORTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ssc_learn.course.content import load_course
    from ssc_learn.course.exchange import import_export, read_export
    from ssc_learn.course.store import Store
    course = load_course()
    data = read_export(Path(sys.argv[2]))
    store = Store.open(Path(sys.argv[1]), backup=False)
    print("importing", flush=True)
    import_export(course, store, data)
    print("done", flush=True)
""")


def _kill_at_random(args: list[str], rng: random.Random, window: float) -> bool:
    """Run a script and kill it at a random moment of `window` after it says it started; True if killed."""
    proc = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() in ("importing", "opening")
    try:
        proc.wait(timeout=rng.uniform(0, window))
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    return proc.wait() == -signal.SIGKILL


def _synthetic_export(course, name: str, n: int) -> dict:
    """An export of `n` answers, made without answering them one by one."""
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    attempts = []
    for i in range(n):
        q = course.bank.get(QIDS[i % len(QIDS)], "zh")
        attempts.append(
            {
                "uid": f"synthetic-{i}",
                "question": q.id,
                "module": q.module,
                "lang": "zh",
                "answer": f"reply {i}",
                "verdict": "correct" if i % 2 else "incorrect",
                "score": float(i % 2),
                "answered_at": (start + timedelta(minutes=i)).isoformat(),
                "seconds": 1.0,
            }
        )
    return {"format": "ssc-learn-progress", "version": 1, "learner": {"name": name}, "attempts": attempts}


def test_kill_during_import_leaves_answers_with_their_cards_or_nothing(course, tmp_path: Path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_synthetic_export(course, "big", 3000)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(tmp_path / "timing"), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    proc.stdout.readline()
    start = time.monotonic()
    assert proc.wait() == 0
    window = time.monotonic() - start  # from the start of the import to its end
    rng = random.Random(7)
    killed = 0
    for i in range(5):  # bounded
        data = tmp_path / f"k{i}"
        killed += _kill_at_random([IMPORTER, str(data), str(path)], rng, window)
        n = _count(data, "big")
        assert n in (0, 3000)
        assert n == 0 or _cards(data, "big") == 3
    assert killed


REBUILDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ssc_learn.course.content import load_course
    from ssc_learn.course.learning import LearnerSession
    course = load_course()
    _ = course.bank
    print("opening", flush=True)
    LearnerSession.open(course, Path(sys.argv[1]), "big").close()
""")


def test_answers_without_cards_get_them_on_open_and_by_doctor(course, tmp_path: Path, cli):
    """The state an older import left when killed mid-rebuild: answers, no cards."""
    data = tmp_path / "data"
    with Store.open(data, backup=False) as s:
        import_export(course, s, _synthetic_export(course, "big", 4000))
        s.db.execute("DELETE FROM reviews")
    proc = subprocess.Popen([sys.executable, "-c", REBUILDER, str(data)], stdout=subprocess.PIPE, text=True)
    proc.stdout.readline()
    start = time.monotonic()
    proc.wait()
    window = time.monotonic() - start
    assert _cards(data, "big") == 3
    rng = random.Random(3)
    killed = 0
    for _ in range(6):  # random kills during the rebuild on open: all the cards or none
        with Store.open(data, backup=False) as s:
            s.db.execute("DELETE FROM reviews")
        killed += _kill_at_random([REBUILDER, str(data)], rng, window)
        assert _cards(data, "big") in (0, 3) and _count(data, "big") == 4000
    assert killed
    LearnerSession.open(course, data, "big").close()
    assert _cards(data, "big") == 3
    with Store.open(data, backup=False) as s:
        s.db.execute("DELETE FROM reviews")
        again = export_learner(course, s, s.learner("big"))
    again_path = tmp_path / "again.json"
    again_path.write_text(json.dumps(again), encoding="utf-8")
    assert cli("import", str(again_path), "--data-dir", str(data)).code == 0  # re-importing rebuilds too
    assert _cards(data, "big") == 3
    with Store.open(data, backup=False) as s:
        s.db.execute("DELETE FROM reviews")
    r = cli("doctor", "--data-dir", str(data))
    assert r.code == 0 and "big" in r.out
    assert _cards(data, "big") == 3


def test_a_renamed_learner_is_found_by_id(course, tmp_path: Path):
    with Store.open(tmp_path / "a", backup=False) as a:
        me = a.ensure_learner("Ana")
        _answers(course, a, me, 2)
        first = export_learner(course, a, me)
        a.rename_learner("Ana", "Ana María")
        me = a.learner("Ana María")
        _answers(course, a, me, 1, datetime(2026, 3, 1, tzinfo=timezone.utc))
        second = export_learner(course, a, me)
    p1, p2 = tmp_path / "1.json", tmp_path / "2.json"
    p1.write_text(json.dumps(first), encoding="utf-8")
    p2.write_text(json.dumps(second), encoding="utf-8")
    with Store.open(tmp_path / "b", backup=False) as b:
        import_export(course, b, read_export(p1))
        name, added = import_export(course, b, read_export(p2))
        assert added == 1 and [x.name for x in b.learners()] == [name]
        assert b.count_attempts(b.learners()[0]) == 3


# -- injection -----------------------------------------------------------------------------------------


def test_report_csv_cells_cannot_be_formulas(course, tmp_path: Path, cli):
    files = []
    for i, name in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "plain"]):
        path, _ = _export(course, tmp_path, name, 1, f"f{i}.json")
        files.append(str(path))
    r = cli("report", *files, "--format", "csv")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(r.out)))[1:]
    for row in rows:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert {row[0] for row in rows} >= {'\'=HYPERLINK("http://x")', "'+1", "plain"}
    assert csv_cell("-0.5") == "'-0.5" and csv_cell(3) == 3


def test_names_never_reach_the_terminal_as_escapes(course, tmp_path: Path, cli):
    from ssc_learn.course.report import ClassReport, LearnerRow, render_table

    evil = "evil\x1b]0;owned\x07\x1b[2J"
    path, data = _export(course, tmp_path, "safe", 1)
    data["learner"]["name"] = evil
    path.write_text(json.dumps(data), encoding="utf-8")
    for args in (["report", str(path)], ["import", str(path), "--data-dir", str(tmp_path / "d")]):
        r = cli(*args)
        assert r.code == 2 and "control characters" in r.err and "\x1b" not in r.err + r.out
        _one_line(r)
    weird = tmp_path / "name\x1b[31m.json"
    r = cli("import", str(weird))
    assert r.code == 2 and "\x1b" not in r.err and "\\x1b" in r.err
    table = render_table(
        ClassReport(["m"], [LearnerRow(evil, {"m": 1.0}, {"m": True}, 1)]),
        str,
        {"learner": "L", "done": "D", "missed": ""},
    )
    assert "\x1b" not in table and "\x07" not in table and "\\x1b" in table
    assert terminal_text("a\u202eb") != terminal_text("ab") and "\u202e" not in terminal_text("a\u202eb")


def test_names_differing_by_a_control_character_do_not_merge(tmp_path: Path, cli):
    r = cli("learners", "add", "ab", "a\x07b", "--data-dir", str(tmp_path))
    assert r.code == 2 and "control" in r.err
    _one_line(r)
    with Store.open(tmp_path) as s:
        assert [x.name for x in s.learners()] == ["ab"]


def test_learner_option_too_long_or_blank_is_one_line(tmp_path: Path, cli):
    for name in ("x" * 100, "", "   "):
        r = cli("--learner", name, "--data-dir", str(tmp_path))
        assert r.code == 2, r.err
        _one_line(r)


# -- serve ---------------------------------------------------------------------------------------------


def test_served_learners_need_their_pin(course, tmp_path: Path):
    from ssc_learn.course.learning import AccessError

    with pytest.raises(AccessError):
        LearnerSession.open(course, tmp_path, "Ana", protected=True, secret="1")  # too short
    LearnerSession.open(course, tmp_path, "Ana", protected=True, secret="2468").close()
    with Store.open(tmp_path) as s:
        stored = s.secret_hash(s.learner("Ana"))
    assert stored.startswith("scrypt$") and "2468" not in stored
    with pytest.raises(AccessError):
        LearnerSession.open(course, tmp_path, "Ana", protected=True, secret="1357")
    LearnerSession.open(course, tmp_path, "Ana", protected=True, secret="2468").close()
    with Store.open(tmp_path) as s:
        s.ensure_learner("Local")  # made at the terminal: no PIN, so no browser can open it
    with pytest.raises(AccessError, match="no PIN"):
        LearnerSession.open(course, tmp_path, "Local", protected=True, secret="anything")
    with Store.open(tmp_path) as s:
        assert export_learner(course, s, s.learner("Ana")).get("secret") is None
        assert "scrypt" not in json.dumps(export_learner(course, s, s.learner("Ana")))


def test_learners_pin_sets_the_pin_from_stdin(course, tmp_path: Path, cli):
    cli("learners", "add", "Bo", "--data-dir", str(tmp_path))
    r = cli("learners", "pin", "Bo", "--data-dir", str(tmp_path), stdin="9876\n")
    assert r.code == 0, r.err
    LearnerSession.open(course, tmp_path, "Bo", protected=True, secret="9876").close()


def test_the_served_page_asks_nothing_of_another_site(tmp_path: Path):
    pytest.importorskip("textual_serve")
    from ssc_learn.tui.commands_serve import local_templates

    local_templates(tmp_path)
    page = (tmp_path / "app_index.html").read_text()
    assert "googleapis" not in page and "fonts/RobotoMono" in page
    import re

    assert not re.findall(r"""(?:href|src)=["']https?://""", page)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_running_server_sends_a_page_with_no_other_site(tmp_path: Path):
    pytest.importorskip("textual_serve")
    import re
    import urllib.request

    port = _free_port()
    env = dict(os.environ, SSC_LEARN_HOME=str(tmp_path / "home"))
    server = subprocess.Popen(
        [sys.executable, "-m", "ssc_learn.tui.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        page = None
        for _ in range(150):  # bounded wait for the server to listen
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}", timeout=1) as resp:
                    page = resp.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        assert page is not None, "the server did not start"
        loads = re.findall(r"""(?:href=|src=|url\()["'](https?://[^"']+)""", page)
        assert loads and "googleapis" not in page
        assert all(u.startswith(f"http://127.0.0.1:{port}/") for u in loads), loads
        font = re.search(r'url\("([^"]+RobotoMono-VariableFont_wght.ttf)"\)', page).group(1)
        with urllib.request.urlopen(font) as resp:
            assert resp.status == 200 and len(resp.read()) > 10_000
    finally:
        server.terminate()
        server.wait(timeout=10)
