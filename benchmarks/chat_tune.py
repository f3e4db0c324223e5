"""Choose the retrieval fusion weights on the dev sets (never on a test half).

    python benchmarks/chat_tune.py

Pools the in-scope questions of tests/data/chat_dev.yaml, chat_heldout.yaml and the tuning halves of
chat_blind.yaml and chat_blind2.yaml (even positions), computes every signal once per question, then
searches the weights of `course.retrieval.Fusion` for the best top-1, and prints the top settings with
their figures per set.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_eval import half  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def pool() -> list[tuple[str, str, str | None, list[str]]]:
    """(set name, question, language, gold) for every in-scope question of the tuning pool."""
    out = []
    for name, which in (
        ("chat_dev", "all"),
        ("chat_heldout", "all"),
        ("chat_blind", "tune"),
        ("chat_blind2", "tune"),
    ):
        data = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
        for item in half(data.get("in_scope", []), which):
            out.append((name, item["q"], item.get("lang"), item["gold"]))
        for item in half(data.get("false_premise", []), which):
            out.append((name + "/premise", item["q"], item.get("lang"), item["gold"]))
        for d in half(data.get("dialogues", []), which):
            out.append((name + "/dialogue", d["turns"][0]["q"], d.get("lang"), d["turns"][0]["gold"]))
    return out


def main() -> None:
    from ssc_learn.course.content import load_course
    from ssc_learn.course.retrieval import Fusion, Retriever, detect_language, fuse_scores

    course = load_course()
    r = Retriever(course)
    items = pool()
    sigs = []
    for _name, q, lang, _gold in items:
        sigs.append(r.signals(q, lang or detect_language(q, course.languages())))
    ids = r.ids

    def score(params: Fusion) -> dict[str, list[int]]:
        res: dict[str, list[int]] = {}
        for (name, _q, _l, gold), sig in zip(items, sigs):
            final = fuse_scores(sig, params)
            best = max(range(len(final)), key=lambda i: (final[i], -i))
            hit = ids[best] in gold
            for key in (name.split("/")[0], "all"):
                res.setdefault(key, [0, 0])
                res[key][0] += hit
                res[key][1] += 1
        return res

    grid = itertools.product(
        [1.0], [0.5, 1.0, 1.5], [0.5, 1.0, 1.5, 2.0], [0.5, 1.0, 1.5, 2.0], [0.75, 0.8], [0.0, 0.5, 1.0, 2.0]
    )
    results = []
    for lex, phr, pas, que, floor, power in grid:
        params = Fusion(lex, phr, pas, que, floor, power)
        res = score(params)
        results.append((res["all"][0], params, res))
    results.sort(key=lambda x: -x[0])
    for total, params, res in results[:12]:
        parts = "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in res.items())
        print(f"{total:>4}  {params}  {parts}")
    print("current:", score(Fusion()))


if __name__ == "__main__":
    main()
