"""Parse the seed and load the outline (target: under 30 ms median)."""

from __future__ import annotations

from _util import measure, report
from ssc_learn.course.document import load_document
from ssc_learn.course.outline import load_outline
from ssc_learn.course.paths import seeds_dir


def main() -> None:
    seed = seeds_dir() / "000_b498aaf8b24fd818.txt"
    outline = seeds_dir() / "000_b498aaf8b24fd818.outline.yaml"

    def run() -> None:
        doc = load_document(seed)
        load_outline(outline, doc)

    report("parse seed + load outline", measure(run, repeat=50), "ms", 30)


if __name__ == "__main__":
    main()
