"""Progress store speed (targets: durable answer < 5 ms; summary of 10,000 attempts < 20 ms;
class report of 100 learners × 1,000 attempts < 1 s)."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from _util import measure, report
from ssc_learn.course.content import load_course
from ssc_learn.course.exchange import export_learner
from ssc_learn.course.grader import grade
from ssc_learn.course.progress import record_answer, summary
from ssc_learn.course.report import class_report
from ssc_learn.course.store import Store


def main() -> None:
    course = load_course()
    questions = course.bank.all("zh")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "a")
        me = store.ensure_learner("bench")
        q = course.bank.get("context.02", "zh")
        result = grade(q, "2017")
        report(
            "record one answer (durable, WAL + FULL sync)",
            measure(lambda: record_answer(store, me, q, "2017", result), 200),
            "ms",
            5,
        )

        big = store.ensure_learner("big")
        start = datetime(2025, 1, 1, tzinfo=timezone.utc)
        rows = []
        for n in range(10_000):
            qq = questions[n % len(questions)]
            rows.append(
                (
                    big.id,
                    qq.id,
                    qq.module,
                    "zh",
                    "x",
                    "incorrect" if n % 3 else "correct",
                    float(n % 3 == 0),
                    (start + timedelta(minutes=n)).isoformat(),
                    1.0,
                    f"u{n}",
                )
            )
        with store.write() as db:
            db.executemany(
                "INSERT INTO attempts(learner_id, question, module, lang, answer, verdict, score, "
                "answered_at, seconds, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        report(
            "progress summary, learner with 10,000 attempts",
            measure(lambda: summary(course, store, big, "zh"), 20),
            "ms",
            20,
        )

        base = export_learner(course, store, big)["attempts"][:1000]
        exports = []
        for k in range(100):
            attempts = [dict(a, uid=f"{k}-{a['uid']}") for a in base]
            exports.append(
                {
                    "format": "ssc-learn-progress",
                    "version": 1,
                    "learner": {"name": f"learner {k}"},
                    "attempts": attempts,
                    "reads": [],
                }
            )
        t0 = time.perf_counter()
        class_report(course, exports)
        report("class report, 100 learners × 1,000 attempts", [time.perf_counter() - t0], "s", 1)
        store.close()


if __name__ == "__main__":
    main()
