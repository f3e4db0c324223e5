"""The facilitator's class report, computed from learners' export files (pure: data in, data out)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .content import Course
from .kinds import Verdict
from .progress import PASS_SCORE
from .sanitize import csv_row, terminal_text


@dataclass(frozen=True)
class LearnerRow:
    name: str
    scores: dict[str, float]  # module → score
    completed: dict[str, bool]
    attempts: int

    @property
    def completed_count(self) -> int:
        return sum(self.completed.values())


@dataclass
class ClassReport:
    modules: list[str]
    rows: list[LearnerRow] = field(default_factory=list)
    missed: list[tuple[str, str, int, int]] = field(
        default_factory=list
    )  # (question, prompt, learners, times)
    sheets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # learner → paper sheets

    def as_dict(self) -> dict[str, Any]:
        return {
            "modules": self.modules,
            "learners": [
                {
                    "name": r.name,
                    "attempts": r.attempts,
                    "completed": r.completed_count,
                    "modules": {
                        m: {"score": round(r.scores[m], 4), "completed": r.completed[m]} for m in self.modules
                    },
                    "sheets": self.sheets.get(r.name, []),
                }
                for r in self.rows
            ],
            "most_missed": [
                {"question": q, "prompt": p, "learners": n, "times": t} for q, p, n, t in self.missed
            ],
        }


def class_report(course: Course, exports: list[dict[str, Any]], top: int = 10) -> ClassReport:
    """Learner × module scores, completion, and the questions most often missed."""
    modules = [m.id for m in course.outline.modules]
    report = ClassReport(modules)
    missed_by: Counter[str] = Counter()
    missed_times: Counter[str] = Counter()
    merged: dict[str, dict[str, Any]] = {}
    for data in exports:  # the same learner in several files (two laptops) is one row
        name = data["learner"]["name"]
        into = merged.setdefault(name, {"attempts": {}, "reads": set()})
        if isinstance(data.get("sheet"), dict):
            report.sheets.setdefault(name, []).append(sheet_score(data["sheet"]))
        for a in data["attempts"]:
            into["attempts"][a["uid"]] = a
        into["reads"].update(str(r["paragraph"]) for r in data.get("reads", []) if isinstance(r, dict))
    for name in sorted(merged):
        attempts = sorted(merged[name]["attempts"].values(), key=lambda a: a["answered_at"])
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for a in attempts:
            latest[(a["module"], a["question"])] = a
            if a["verdict"] != Verdict.CORRECT:
                missed_times[a["question"]] += 1
        for (_m, q), a in latest.items():
            if a["verdict"] != Verdict.CORRECT:
                missed_by[q] += 1
        langs = Counter(a["lang"] for a in attempts)
        lang = langs.most_common(1)[0][0] if langs else course.source_lang
        scores, completed = {}, {}
        for m in course.outline.modules:
            qs, _ = course.bank.for_module(m.id, lang, course.source_lang)
            ids = {q.id for q in qs}
            total = sum(float(a["score"]) for (mod, q), a in latest.items() if mod == m.id and q in ids)
            scores[m.id] = total / len(ids) if ids else 0.0
            read_all = all(p in merged[name]["reads"] for p in m.paragraphs)
            completed[m.id] = read_all and scores[m.id] >= PASS_SCORE
        report.rows.append(LearnerRow(name, scores, completed, len(attempts)))
    for qid, n in sorted(missed_by.items(), key=lambda kv: (-kv[1], -missed_times[kv[0]], kv[0]))[:top]:
        found = course.bank.find(qid)
        report.missed.append((qid, found.prompt if found else "", n, missed_times[qid]))
    return report


def sheet_score(sheet: dict[str, Any]) -> dict[str, Any]:
    """A paper sheet's result as the report shows it: variant, score and total."""
    return {
        "variant": sheet.get("variant"),
        "lang": sheet.get("lang"),
        "score": float(sheet.get("score") or 0),
        "total": int(sheet.get("total") or 0),
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def render_table(report: ClassReport, percent: Any, labels: dict[str, str]) -> str:
    """The report as aligned text; `percent` formats a fraction, `labels` holds the column titles."""
    head = [labels["learner"], *[f"M{i + 1}" for i in range(len(report.modules))], labels["done"]]
    body = [
        [
            terminal_text(r.name),
            *[("✓" if r.completed[m] else "") + percent(r.scores[m]) for m in report.modules],
            f"{r.completed_count}/{len(report.modules)}",
        ]
        for r in report.rows
    ]
    widths = [max(_width(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in [head, *body]]
    lines.append("")
    lines += [f"M{i + 1} = {m}" for i, m in enumerate(report.modules)]
    if report.sheets:
        lines += ["", labels.get("sheets", "Paper sheets (score / total):")]
        for name in sorted(report.sheets):
            done = "  ".join(f"v{s['variant']} {s['score']:g}/{s['total']}" for s in report.sheets[name])
            lines.append(f"  {name}  {done}")
    if report.missed:
        lines += ["", labels["missed"]]
        lines += [f"  {terminal_text(q)}  ({n} / {t})  {p}" for q, p, n, t in report.missed]
    return "\n".join(lines) + "\n"


def render_csv(report: ClassReport) -> str:
    """The report as CSV; learner cells cannot run as spreadsheet formulas."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "learner",
            *[f"{m}_score" for m in report.modules],
            *[f"{m}_completed" for m in report.modules],
            "completed",
            "attempts",
        ]
    )
    for r in report.rows:
        w.writerow(
            csv_row(
                [
                    r.name,
                    *[f"{r.scores[m]:.4f}" for m in report.modules],
                    *[int(r.completed[m]) for m in report.modules],
                    r.completed_count,
                    r.attempts,
                ]
            )
        )
    return buf.getvalue()
