"""50 variants of 20 questions in every format (target: under 3 s in all; PDF when Chromium is installed)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ssc_learn.course import sheet_formats as fmt
from ssc_learn.course.content import load_course
from ssc_learn.course.formats import kahoot
from ssc_learn.course.formats.gift import render_gift
from ssc_learn.course.formats.moodle import render_moodle
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.sheet_pdf import find_browser, html_to_pdf
from ssc_learn.course.sheets import build_sheets, key_document


def main() -> None:
    course = load_course()
    _ = course.bank
    ts = [get_translator("zh"), get_translator("en")]
    timings: dict[str, float] = {}
    start = time.perf_counter()
    sheets = build_sheets(course, langs=["zh", "en"], count=20, variants=50, seed="bench")
    timings["pick 50 variants × 20 questions"] = time.perf_counter() - start
    shown = list({i.question.id: i.presented for v in sheets.variants for i in v.items}.values())
    questions = [p.question for p in shown]
    steps = {
        "md (sheets + keys)": lambda: [
            (
                fmt.render_markdown(course, sheets, v, ts),
                fmt.render_key_markdown(course, sheets, v, ts[0]),
                key_document(sheets, v),
            )
            for v in sheets.variants
        ],
        "html (sheets + keys)": lambda: (
            fmt.render_html(course, sheets, ts),
            fmt.render_html(course, sheets, ts, True),
        ),
        "moodle-xml": lambda: render_moodle(course, questions, ts[0]),
        "gift": lambda: render_gift(course, questions, ts[0]),
        "kahoot (xlsx + csv)": lambda: (
            kahoot.render_kahoot_xlsx(kahoot.kahoot_rows(shown, ts[0], "bench")[0]),
            kahoot.render_kahoot_csv(kahoot.kahoot_rows(shown, ts[0], "bench")[0]),
        ),
    }
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - start
    if find_browser():
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            html_to_pdf(fmt.render_html(course, sheets, ts), Path(tmp) / "sheets.pdf")
            timings["pdf (50 variants, headless Chromium)"] = time.perf_counter() - start
    for name, seconds in timings.items():
        print(f"{name:<52} {seconds * 1000:9.1f} ms")
    total = sum(timings.values())
    print(f"{'all formats':<52} {total * 1000:9.1f} ms  target < 3000 ms: {'met' if total < 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
