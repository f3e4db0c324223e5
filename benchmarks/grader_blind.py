"""The grader on the blind set (tests/data/grader_blind.yaml), split into a tune half and a test half.

Items at an even index are the tune half, items at an odd index the test half. Tuning looks only at the
tune half's failures (`--failures` prints them); the test half is only ever counted, never listed.

    python benchmarks/grader_blind.py [--failures] [--json] [--file SET]
    python benchmarks/grader_blind.py --all --file tests/data/grader_tune5.yaml --failures  # a tuning pool

Figures per half: right answers marked incorrect (% of the `correct` lists), wrong answers marked correct
(count over the `incorrect` lists), partial agreement (% of the `partial` lists graded partial), and the
overall agreement. Runs against whatever `ssc_learn` is importable (so an old checkout on PYTHONPATH
gives the figures of the old grader).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from ssc_learn.course.content import load_course
from ssc_learn.course.grader import describe, grade
from ssc_learn.course.kinds import Kind

BLIND = Path(__file__).resolve().parent.parent / "tests" / "data" / "grader_blind.yaml"


def load_items(path: Path = BLIND) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def halves(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(tune, test): even-index items, odd-index items."""
    return items[0::2], items[1::2]


def _question(bank: Any, item: dict[str, Any]) -> Any:
    q = bank.get(item["qid"], item["lang"])
    if q is None:
        raise SystemExit(f"blind set: no question {item['qid']} in {item['lang']}")
    blank = item.get("blank")
    if q.type == Kind.CLOZE:
        # One blank asked on its own: a cloze whose only gap is that blank.
        i = int(blank) - 1 if blank else 0  # blanks are numbered from 1
        other = getattr(q, "other_answers", ())
        extra = {"other_answers": (other[i],)} if len(other) > i else {}
        return dataclasses.replace(q, text="[[" + "|".join(q.blanks[i]) + "]]", **extra)
    return q


def _response(q: Any, reply: str) -> Any:
    return [reply] if q.type == Kind.CLOZE else reply


def evaluate(items: list[dict[str, Any]], bank: Any) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """Figures for `items`, and the disagreements (item, reply, wanted, got, reason)."""
    counts = {k: [0, 0] for k in ("correct", "partial", "incorrect")}
    by_lang: dict[str, list[int]] = {}  # lang → [right marked incorrect, right answers]
    right_marked_incorrect = 0
    wrong_marked_correct = 0
    misses = []
    for item in items:
        q = _question(bank, item)
        for want in ("correct", "partial", "incorrect"):
            for reply in item.get(want) or []:
                result = grade(q, _response(q, str(reply)))
                got = result.verdict
                counts[want][1] += 1
                counts[want][0] += got == want
                right_marked_incorrect += want == "correct" and got == "incorrect"
                if want == "correct":
                    slot = by_lang.setdefault(item["lang"], [0, 0])
                    slot[0] += got == "incorrect"
                    slot[1] += 1
                wrong_marked_correct += want == "incorrect" and got == "correct"
                if got != want:
                    misses.append((item, str(reply), want, got, describe(result)))
    total = sum(n for _, n in counts.values())
    agree = sum(a for a, _ in counts.values())
    figures = {
        "items": len(items),
        "answers": total,
        "agreement": round(agree / total, 4) if total else 0.0,
        "right_marked_incorrect": right_marked_incorrect,
        "right_marked_incorrect_pct": round(100 * right_marked_incorrect / max(1, counts["correct"][1]), 2),
        "right_total": counts["correct"][1],
        "wrong_marked_correct": wrong_marked_correct,
        "wrong_total": counts["incorrect"][1],
        "partial_agreement_pct": round(100 * counts["partial"][0] / max(1, counts["partial"][1]), 2),
        "partial_total": counts["partial"][1],
        "right_marked_incorrect_by_lang": {k: f"{a}/{n}" for k, (a, n) in sorted(by_lang.items())},
    }
    return figures, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the tune half's disagreements")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--file", type=Path, default=BLIND)
    ap.add_argument(
        "--all", action="store_true", help="a tuning pool, not a split set: every item is for tuning"
    )
    args = ap.parse_args(argv)
    bank = load_course().bank
    items = load_items(args.file)
    tune, test = (items, []) if args.all else halves(items)
    out = {}
    for name, part in (("tune", tune), ("test", test)):
        if not part:
            continue
        figures, misses = evaluate(part, bank)
        out[name] = figures
        if name == "tune" and args.failures:
            for item, reply, want, got, why in misses:
                where = f"[{item['lang']} {item['qid']} b={item.get('blank')}]"
                print(f"{where} {reply!r}: want {want}, got {got} — {why}")
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for name, f in out.items():
            print(
                f"{name:<5} {f['items']:>3} items {f['answers']:>4} answers  agreement {f['agreement']:.1%}  "
                f"right→incorrect {f['right_marked_incorrect']}/{f['right_total']} "
                f"({f['right_marked_incorrect_pct']}%)  wrong→correct {f['wrong_marked_correct']}/"
                f"{f['wrong_total']}  partial agreement {f['partial_agreement_pct']}% of {f['partial_total']}"
            )
            print(f"      right→incorrect by language: {f['right_marked_incorrect_by_lang']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
