"""The chatbot's quality on an evaluation set, per kind of question.

    python benchmarks/chat_eval.py tests/data/chat_blind.yaml --half tune --failures
    python benchmarks/chat_eval.py tests/data/chat_blind.yaml --half test

A set has any of: in_scope (q, lang, gold, kind), near_miss, off_topic, false_premise (q, lang, gold),
dialogues (lang, turns of q and gold). Blind sets are split in two by position within each section
(even positions: the tuning half; odd: the test half, kept untouched): failures are only ever listed for
the tuning half.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))


def half(items: list[Any], which: str) -> list[Any]:
    """The tuning half (even positions), the test half (odd positions) or all."""
    if which == "all":
        return list(items)
    return [x for i, x in enumerate(items) if i % 2 == (0 if which == "tune" else 1)]


def evaluate(data: dict[str, Any], which: str, course: Any = None, retriever: Any = None) -> dict[str, Any]:
    """Run every question of the chosen half; returns counts per category and the failures."""
    from ssc_learn.course.chat import ChatBot
    from ssc_learn.course.content import load_course
    from ssc_learn.course.retrieval import Retriever

    course = course or load_course()
    retriever = retriever or Retriever(course)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []

    def tally(cat: str, ok: bool, item: Any, answer: Any) -> None:
        counts[cat][0] += ok
        counts[cat][1] += 1
        if not ok:
            got = answer.citations[:3] if answer.citations else []
            failures.append(
                f"[{cat}] {item.get('lang')}: {item['q']}  gold={item.get('gold')} got={got} "
                f"intent={answer.intent} conf={answer.confidence:.2f} declined={answer.declined}"
            )

    for item in half(data.get("in_scope", []), which):
        a = ChatBot(course, retriever=retriever).ask(item["q"], item.get("lang"))
        ok = not a.declined and bool(a.citations) and a.citations[0] in item["gold"]
        tally("in_scope", ok, item, a)
        tally(f"in_scope/{item.get('kind', 'wording')}", ok, item, a)
        counts["in_scope top-3"][0] += not a.declined and bool(set(a.citations[:3]) & set(item["gold"]))
        counts["in_scope top-3"][1] += 1
    for item in half(data.get("near_miss", []), which):
        a = ChatBot(course, retriever=retriever).ask(item["q"], item.get("lang"))
        tally("near_miss honest", a.declined, item, a)
    for item in half(data.get("off_topic", []), which):
        a = ChatBot(course, retriever=retriever).ask(item["q"], item.get("lang"))
        # Declined, and no paragraph offered as the answer: the "not in the document" reply, or small
        # talk ("hola, ¿qué tal?") answered in kind. A "not given, the closest it says: ¶…" reply is
        # not counted: it still shows a paragraph.
        tally("off_topic declined", a.declined and not a.citations, item, a)
        counts["off_topic 'not in the document'"][0] += a.declined and a.intent == "decline"
        counts["off_topic 'not in the document'"][1] += 1
    for item in half(data.get("false_premise", []), which):
        a = ChatBot(course, retriever=retriever).ask(item["q"], item.get("lang"))
        ok = not a.declined and bool(a.citations) and a.citations[0] in item["gold"]
        tally("false_premise led by refuting ¶", ok, item, a)
        counts["false_premise with 'otherwise' lead"][0] += ok and a.intent == "premise"
        counts["false_premise with 'otherwise' lead"][1] += 1
    for dialogue in half(data.get("dialogues", []), which):
        bot = ChatBot(course, retriever=retriever)
        for n, turn in enumerate(dialogue["turns"]):
            a = bot.ask(turn["q"], dialogue.get("lang"))
            # A turn with no gold asks what the document does not give: an honest decline is right.
            if turn["gold"]:
                ok = not a.declined and bool(a.citations) and a.citations[0] in turn["gold"]
            else:
                ok = a.declined
            item = {**turn, "lang": dialogue.get("lang")}
            tally("dialogue first turn" if n == 0 else "follow-up", ok, item, a)
    return {"counts": dict(counts), "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("set", type=Path, nargs="+", help="one or more sets; several are also pooled")
    parser.add_argument("--half", choices=["tune", "test", "all"], default="all")
    parser.add_argument(
        "--only",
        nargs="+",
        default=None,
        help="sections to run (in_scope near_miss off_topic false_premise dialogues)",
    )
    parser.add_argument("--failures", action="store_true", help="list failures (never for the test half)")
    args = parser.parse_args()
    if args.failures and args.half == "test":
        sys.exit("the test half stays untouched: no failures are listed for it")
    from ssc_learn.course.content import load_course
    from ssc_learn.course.retrieval import Retriever

    course = load_course()
    retriever = Retriever(course)
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in args.set:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if args.only:
            data = {k: v for k, v in data.items() if k in args.only}
        result = evaluate(data, args.half, course, retriever)
        _print(f"{path.name} ({args.half})", result["counts"])
        for cat, (ok, n) in result["counts"].items():
            pooled[cat][0] += ok
            pooled[cat][1] += n
        if args.failures:
            for line in result["failures"]:
                print("  " + line)
    if len(args.set) > 1:
        _print(f"pooled ({args.half})", pooled)


def _print(title: str, counts: dict[str, list[int]]) -> None:
    print(title)
    for cat, (ok, n) in counts.items():
        print(f"  {cat:<40} {ok:>4}/{n:<4} {ok / n:6.1%}" if n else f"  {cat:<40} -")


if __name__ == "__main__":
    main()
