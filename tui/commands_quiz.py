"""Subcommands for questions: `grade` (one answer or a batch) and `quiz --plain` (line by line)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.grader import VERDICTS, describe, grade
from ssc_learn.course.i18n import N_, Translator
from ssc_learn.course.jsonin import loads
from ssc_learn.course.questions import Question, load_single_bank

from .cli import emit_json


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    p = sub.add_parser(
        "grade",
        parents=[common, as_json],
        help=_("grade an answer to a question of a bank (or a batch with --jsonl)"),
    )
    p.add_argument("--bank", metavar="FILE", help=_("a question bank (YAML)"))
    p.add_argument(
        "--sheet", metavar="KEY", help=_("a sheet variant's key (key-vN.json) to grade paper answers")
    )
    p.add_argument(
        "--answers", metavar="CSV", help=_("typed-in paper answers: a learner column, then 1, 2, 3 …")
    )
    p.add_argument(
        "-o", "--output", metavar="DIR", help=_("with --sheet: where to write the learners' results")
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help=_("the answers CSV's encoding when it is not UTF-8, UTF-16 or GB18030 (e.g. cp1252)"),
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help=_('read {"question": ID, "answer": TEXT} lines on stdin, write one result per line'),
    )
    p.add_argument("question", nargs="?", metavar="QUESTION_ID")
    p.add_argument("answer", nargs="?", metavar="ANSWER")
    p.set_defaults(handler=cmd_grade)

    p = sub.add_parser("quiz", parents=[common, as_json], help=_("take a module's quiz"))
    p.add_argument(
        "--plain",
        action="store_true",
        help=_("line by line on stdin/stdout (screen readers, scripts)"),
    )
    p.add_argument("--module", metavar="ID", help=_("the module (default: the first)"))
    p.add_argument(
        "--learner",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=_("record answers for this learner"),
    )
    p.add_argument("--count", type=int, metavar="N", help=_("ask at most N questions"))
    p.add_argument("--seed", default="", help=_("shuffle reproducibly with this seed"))
    p.set_defaults(handler=cmd_quiz)


def _question_from_cli_reply(q: Question, raw: str) -> Any:
    """A reply given on the command line, read like the plain quiz's (letters in bank order)."""
    from ssc_learn.course.session import ordered, parse_reply

    parsed = parse_reply(ordered(q), raw)
    return parsed if parsed is not None else raw


def cmd_grade(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    if args.sheet or args.answers:
        return cmd_grade_paper(args, t)
    if not args.bank:
        raise SSCError(N_("give --bank FILE (or --sheet KEY --answers CSV)"))
    bank = load_single_bank(Path(args.bank))
    if args.jsonl:
        for n, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = loads(line)
                qid, answer = str(item["question"]), item.get("answer", "")
            except (ValueError, KeyError, TypeError, AttributeError):
                out = {"line": n, "error": _('expected a JSON object with "question" and "answer"')}
            else:
                q = bank.get(qid)
                if q is None:
                    out = {"line": n, "question": qid, "error": _("unknown question id")}
                else:
                    result = grade(q, _question_from_cli_reply(q, str(answer)))
                    out = {"question": qid, **result.as_dict(t)}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    if not args.question or args.answer is None:
        raise SSCError(N_("give QUESTION_ID and ANSWER, or --jsonl"))
    q = bank.get(args.question)
    if q is None:
        raise SSCError(N_("unknown question id {qid!r} in {bank}"), qid=args.question, bank=args.bank)
    result = grade(q, _question_from_cli_reply(q, args.answer))
    if args.json:
        emit_json({"question": q.id, **result.as_dict(t)})
    else:
        sys.stdout.write(
            f"{_(VERDICTS[result.verdict])} ({t.percent(result.score)}): {describe(result, t)}\n"
        )
    return 0 if result.correct else 1


def cmd_quiz(args: argparse.Namespace, t: Translator) -> int:
    from .plain import run_plain_quiz

    course = load_course()
    module = args.module or course.outline.modules[0].id
    if not args.plain:
        from .cli import _run_app

        if course.outline.module(module) is None:
            ids = ", ".join(m.id for m in course.outline.modules)
            raise SSCError(N_("unknown module {module!r} (modules: {ids})"), module=module, ids=ids)
        args.open_quiz = module  # the app opens on this quiz, once the learner is chosen
        return _run_app(args, t.lang)
    from .commands_progress import current_learner, learner_translator, open_store

    if not getattr(args, "lang", None):
        with open_store(args) as store:
            t = learner_translator(store, current_learner(store, args), args, t)
        _ = t.gettext
    if course.outline.module(module) is None:
        ids = ", ".join(m.id for m in course.outline.modules)
        raise SSCError(N_("unknown module {module!r} (modules: {ids})"), module=module, ids=ids)
    return run_plain_quiz(course, module, t, args, sys.stdin, sys.stdout)


def cmd_grade_paper(args: argparse.Namespace, t: Translator) -> int:
    """Grade a CSV of paper answers against a sheet key; write one export per learner for `report`."""
    from ssc_learn.course.paper import as_export, decode_csv, grade_paper, read_answers, validate_key

    _ = t.gettext
    if not (args.sheet and args.answers):
        raise SSCError(N_("paper grading needs both --sheet KEY and --answers CSV"))
    course = load_course()
    key = validate_key(_read_json(args.sheet, t), args.sheet)
    try:
        data = Path(args.answers).read_bytes()
    except OSError as exc:
        raise SSCError(
            N_("cannot read {path}: {reason}"), path=args.answers, reason=exc.strerror or exc
        ) from None
    rows = read_answers(decode_csv(data, args.answers, args.encoding), key, args.answers)
    sys.stderr.write(
        _("read {count} learner rows from {path}").format(count=len(rows), path=args.answers) + "\n"
    )
    results = grade_paper(course, key, rows)
    out = Path(args.output) if args.output else Path(args.answers).with_suffix("")
    exports = {f"{_slug(r.learner, i)}.json": as_export(course, key, r) for i, r in enumerate(results, 1)}
    from ssc_learn.course.files import write_files

    written = write_files(
        out, {name: json.dumps(data, ensure_ascii=False, indent=2) for name, data in exports.items()}
    )
    if args.json:
        emit_json(
            {
                "results": [
                    {
                        "learner": r.learner,
                        "score": round(r.score, 3),
                        "total": len(r.grades),
                        "answers": [
                            {"number": n, "question": q, "reply": rep, **g.as_dict(t)}
                            for n, q, rep, g in r.grades
                        ],
                    }
                    for r in results
                ],
                "rows": len(rows),
                "written": written,
            }
        )
    else:
        for r in results:
            sys.stdout.write(f"{r.learner}: {t.number(round(r.score, 2))} / {len(r.grades)}\n")
        sys.stderr.write(
            _("results written to {path} (combine them with ssc-learn report)").format(path=out) + "\n"
        )
    return 0


def _read_json(path: str, t: Translator) -> Any:
    """A JSON file's data; SSCError naming that file when it cannot be read or parsed."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SSCError(
            N_("cannot read {path}: {reason}"), path=path, reason=getattr(exc, "strerror", None) or exc
        ) from None


def _slug(name: str, n: int) -> str:
    import re

    slug = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")
    return f"{n:03d}-{slug[:40] or 'learner'}"
