"""Shared fixtures: the bundled course, an isolated learner data folder, and a CLI runner."""

from __future__ import annotations

import gc
import os

# One OpenMP thread for the embedding model (before anything loads it). The suite runs in parallel
# (pytest-xdist, one process per core), so a second thread per process only fights the other
# process for the cores: on this two-core machine the chatbot's dev set took 24 s with the default
# threads under load and 6 s with one, with the same answers.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import compileall  # noqa: E402 - after the thread setting above
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import textual._wait  # noqa: E402
import textual.constants  # noqa: E402
from ssc_learn.course.content import Course, load_course  # noqa: E402
from ssc_learn.tui.app import SSCLearnApp  # noqa: E402
from ssc_learn.tui.screens.course_map import CourseMapScreen  # noqa: E402

from .query_vectors import QueryVectors  # noqa: E402
from .query_vectors import install as install_query_vectors  # noqa: E402


def _compile_the_package() -> list[Path]:
    """Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, as on the developers' and CI's
    machines), every process compiled the package's modules again: both test processes and each of the
    suite's fifty `ssc-learn` subprocesses (0.07 s of CPU apiece, a fifth of a short command). The
    controller compiles them once (0.2 s), before it starts the test processes; Python reads bytecode
    with the setting on too. Returns the `__pycache__` folders made here, removed at the end
    (pytest_unconfigure), so the tree is left as it was and every run starts cold, as CI's does."""
    if not sys.dont_write_bytecode or "PYTEST_XDIST_WORKER" in os.environ:
        return []  # Python keeps its own bytecode, or the controller did it
    import ssc_learn.course
    import ssc_learn.tui

    folders = [Path(p) for package in (ssc_learn.course, ssc_learn.tui) for p in package.__path__]
    before = {c for f in folders for c in f.rglob("__pycache__")}
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)
    return sorted({c for f in folders for c in f.rglob("__pycache__")} - before)


_COMPILED = _compile_the_package()

# No animations in tests: an app reads this when it is made, and Pilot waits for every animation to
# finish after each key. (Setting the TEXTUAL_ANIMATIONS variable here would come too late: the
# snapshot plugin imports Textual before this file is read.)
textual.constants.TEXTUAL_ANIMATIONS = "none"

# The app's deferred work (its warm-up 0.6 s after start, the map's figures 0.15 s after it shows)
# starts at once (a Textual timer cannot be 0): a test that needs it waits for it by condition
# (tests/waits.py), and the delays only kept every such test waiting (0.6 s for each snapshot).
SSCLearnApp.WARM_UP_AFTER = 0.001
CourseMapScreen.FIGURES_AFTER = 0.001

# Pilot's key presses and pauses wait until the process is idle: Textual samples the process's CPU
# time every 20 ms and calls it idle once a sample used under 1/20 of it, so every key cost at least
# 40 ms however little it did (about 60 ms a key, 7 s of a walkthrough's 12). Sampling every 2 ms
# gives shorter waits: a walkthrough spent about 1.5 s of its 5 s waiting at 5 ms, 1 s at 2 ms, and a
# core that waits is lost to a suite that has two. Idle is a sample with under a quarter of it used
# (0.5 ms), not 1/20: an event loop with nothing to do still spends 0.15 to 0.35 ms of CPU on each
# wake-up here (asyncio's own work, more when the machine is busy), so at 0.1 ms an idle app was taken
# for a busy one in most samples: a wait took 6 or 7 samples on average, and some ran to the 1 s limit.
# Busy, the loop uses nearly all of a sample.
# What a test needs to see after deferred work is still waited for by condition (tests/waits.py).
# Textual does not promise this module (tests/test_textual_private.py pins what is set here).
IDLE_SAMPLE = 0.002
IDLE_CPU = IDLE_SAMPLE / 4
textual._wait.SLEEP_GRANULARITY = IDLE_SAMPLE
textual._wait.SLEEP_IDLE = IDLE_CPU
# Idle is judged by the CPU time of the thread that waits, the one that runs the app's event loop, not
# of the whole process: a background worker computing (the warm-up loads the model and builds the indexes
# for seconds of CPU in each test process's first app) kept every key press and pause waiting up to the
# 1 s limit, though the app had handled the key. What a test needs from a worker it waits for by condition.
textual._wait.process_time = time.thread_time

# The collector's youngest generation is collected every 50,000 new objects, not 700. A Pilot test makes
# millions (widgets, strips, segments) that live for one screen: collected every 700, most of them lived
# through two collections, reached the oldest generation and were freed only by full collections, each of
# which walks the whole heap (the course, the model, the indexes: 0.05 to 0.4 s apiece). The walkthroughs
# and test_tui.py in one process spent 12.5 s of 43 collecting garbage with Python's thresholds, 4 s with
# this one, and used no more memory (400 MB). The app itself keeps Python's thresholds.
gc.set_threshold(50_000, 10, 10)

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b498aaf8b24fd818.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own learner data folder and a neutral locale."""
    home = tmp_path / "home"
    monkeypatch.setenv("SSC_LEARN_HOME", str(home))
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `ssc-learn ARGS` in-process; optional `stdin` text."""
    import io
    import sys

    from ssc_learn.tui.cli import main

    def run(*args: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-query-vectors",
        action="store_true",
        help="rewrite tests/data/query_vectors.npz with the questions this run asks (with -n 0)",
    )


_QUERIES = QueryVectors()
install_query_vectors(_QUERIES)
_LIVE: list[int] = []  # questions embedded live, per process (the workers' counts reach the controller)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-query-vectors") and config.getoption("numprocesses", None):
        raise pytest.UsageError("--update-query-vectors needs one process: add -n 0")


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["query_vectors_live"] = _QUERIES.live
    else:
        _LIVE.append(_QUERIES.live)
        if session.config.getoption("--update-query-vectors"):
            _QUERIES.save()


def pytest_unconfigure(config: pytest.Config) -> None:
    """One full garbage collection, then the survivors frozen out of the collector's sight.

    After the last test pytest collects garbage five times over (so that an exception raised in a
    finaliser still fails the run), and the interpreter once more on exit: over a worker's heap (the
    course, the model, the indexes) that took 2 s of the run's end. pytest's hook for such exceptions
    is still in place here, so this one collection reports them as before; the objects still alive
    afterwards are live data, which `gc.freeze()` spares the later passes from walking again."""
    gc.collect()
    gc.freeze()
    for folder in _COMPILED:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_testnodedown(node, error) -> None:
    _LIVE.append(getattr(node, "workeroutput", {}).get("query_vectors_live", 0))


def pytest_terminal_summary(terminalreporter) -> None:
    live = sum(_LIVE)
    if live and not terminalreporter.config.getoption("--update-query-vectors"):
        terminalreporter.write_line(
            f"{live} question(s) to the chatbot were embedded live, not read from tests/data/"
            "query_vectors.npz: refresh it with `python -m pytest -n 0 --update-query-vectors`"
        )


# The files whose tests take longest, run first: xdist hands tests out one by one in this order, so
# the walkthroughs (about 5 s each) start at once on every worker instead of being what the run waits
# for at the end (their file name sorts last).
FIRST = ("test_walkthrough.py", "test_tui.py", "test_screens.py", "test_snapshots.py", "test_live.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(FIRST)))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): one process per core. Two per core paid off while a Pilot test
    mostly waited for Textual to call the process idle; with the shorter idle sample (above) the
    walkthroughs keep a core busy, and each extra process only adds its own start (collecting the
    suite, about 4 s of CPU; loading the course, the model and the indexes, about 2 s). Whole suite
    on this two-core machine, back to back under the same load: 2 processes 112 s, 4 processes 135 s."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
