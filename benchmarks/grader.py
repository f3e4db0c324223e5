"""Grading speed (targets: < 100 µs median for short answers, < 20 ms for a 100,000-character answer)."""

from __future__ import annotations

import time

from _util import measure, report
from ssc_learn.course.grader import grade_text


def main() -> None:
    zh = ["三方合做", "我认为是三方合作", "双方合作", "san fang he zuo", "三方合作", "南北合作"]
    en = ["triangular cooperaton", "it is triangular cooperation", "not triangular cooperation", "UNOSC"]
    answers = ["三方合作", "triangular cooperation"]
    grade_text("warm up", answers)
    i = iter(range(10**9))
    report(
        "short Chinese answer", measure(lambda: grade_text(zh[next(i) % len(zh)], answers), 2000), "us", 100
    )
    report(
        "short English answer", measure(lambda: grade_text(en[next(i) % len(en)], answers), 2000), "us", 100
    )
    # Through the equivalence lexicon, and a list answer graded part by part.
    lex_replies = ["地区机制", "次区域机制", "全球机制", "区域性的机制"]
    report(
        "short answer through the lexicon",
        measure(
            lambda: grade_text(lex_replies[next(i) % 4], ["区域机制", "regional mechanisms"], lang="zh"), 2000
        ),
        "us",
        100,
    )
    lists = ["North-South and South-South", "South-South cooperation", "neither South-South nor North-South"]
    report(
        "short list answer, part by part (no target: reported)",
        measure(
            lambda: grade_text(lists[next(i) % 3], ["South-South and North-South cooperation"], lang="en"),
            2000,
        ),
        "us",
    )
    long = ("南南合作是南方国家之间进行的合作，" * 120)[:2000]
    report("2,000-character answer", measure(lambda: grade_text(long, answers), 200), "ms")
    huge = "南" * 100_000
    start = time.perf_counter()
    grade_text(huge, answers)
    report("100,000-character answer", [time.perf_counter() - start], "ms", 20)
    report("100,000-character answer (repeated)", measure(lambda: grade_text(huge, answers), 20), "ms", 20)


if __name__ == "__main__":
    main()
