"""Subcommands for learners and their progress: learners, progress, review, export, import, report, doctor."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.files import write_file
from ssc_learn.course.i18n import N_, Translator, get_translator
from ssc_learn.course.paths import data_dir
from ssc_learn.course.sanitize import terminal_text
from ssc_learn.course.store import Learner, Store

from .cli import emit_json


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument(
        "--learner",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=_("the learner (default: the last one used)"),
    )

    p = sub.add_parser(
        "learners",
        parents=[common, as_json],
        help=_("list, add, rename or delete learners; pin sets the PIN a web browser asks for"),
    )
    p.add_argument("action", nargs="?", choices=["list", "add", "rename", "delete", "pin"], default="list")
    p.add_argument("names", nargs="*", metavar="NAME")
    p.add_argument("--yes", action="store_true", help=_("delete without asking"))
    p.set_defaults(handler=cmd_learners)

    p = sub.add_parser("progress", parents=[common, as_json, who], help=_("a learner's progress"))
    p.set_defaults(handler=cmd_progress)

    p = sub.add_parser("review", parents=[common, as_json, who], help=_("the questions due for review today"))
    p.add_argument("--plain", action="store_true", help=_("line by line on stdin/stdout"))
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("export", parents=[common, who], help=_("export a learner's progress to a file"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("the file to write"))
    p.add_argument(
        "--format",
        choices=["json", "xapi"],
        default="json",
        help=_("json (for ssc-learn import/report) or xapi (statements for a learning record store)"),
    )
    p.add_argument(
        "--xapi-home",
        "--base-iri",
        dest="xapi_home",
        default=None,
        metavar="URL",
        help=_("xAPI: the actor's homePage and the base of activity ids (or SSC_LEARN_XAPI_HOME)"),
    )
    p.add_argument(
        "--to",
        metavar="URL",
        help=_("xAPI: send the statements to this LRS endpoint (e.g. https://lrs.example.org/xAPI)"),
    )
    p.add_argument(
        "--user",
        metavar="NAME",
        help=_("xAPI: the LRS user (password from SSC_LEARN_LRS_PASSWORD, else asked for)"),
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", parents=[common, as_json], help=_("merge exported progress files"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "report", parents=[common, as_json], help=_("class report from learners' export files")
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--format", choices=["table", "csv"], default="table")
    p.add_argument(
        "--workshop",
        action="append",
        default=[],
        metavar="ROUND",
        help=_("include a live round from the progress store (a round id, or 'last')"),
    )
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "doctor",
        parents=[common, as_json],
        help=_("check the progress store; move a broken one aside and restore a backup"),
    )
    p.set_defaults(handler=cmd_doctor)


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(data_dir(getattr(args, "data_dir", None)))


def current_learner(store: Store, args: argparse.Namespace, create: bool = True) -> Learner:
    """--learner, else the last learner used, else one named after the computer's user."""
    name = getattr(args, "learner", None) or store.get_setting("default_learner")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name on this system
            name = "learner"
    found = store.learner(name)
    if found is None:
        if not create:
            raise SSCError(N_("no learner called {name!r}"), name=name)
        found = store.ensure_learner(name)
    if store.get_setting("default_learner") != found.name:
        store.set_setting("default_learner", found.name)
    return found


def learner_translator(store: Store, learner: Learner, args: argparse.Namespace, t: Translator) -> Translator:
    """The learner's saved language when no --lang was given."""
    if getattr(args, "lang", None):
        return t
    saved = store.prefs(learner).get("lang")
    return get_translator(saved) if saved and saved != t.lang else t


def cmd_learners(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    with open_store(args) as store:
        if args.action == "add":
            for name in args.names or []:
                store.ensure_learner(name)
        elif args.action == "rename":
            if len(args.names) != 2:
                raise SSCError(N_("rename takes OLD and NEW"))
            store.rename_learner(args.names[0], args.names[1])
        elif args.action == "pin":
            if len(args.names) != 1:
                raise SSCError(N_("pin takes one NAME"))
            from ssc_learn.course.learning import set_learner_secret

            store.close()
            set_learner_secret(data_dir(getattr(args, "data_dir", None)), args.names[0], _read_secret(t))
            sys.stderr.write(_("PIN set for {name}").format(name=terminal_text(args.names[0])) + "\n")
            return 0
        elif args.action == "delete":
            for name in args.names:
                if store.learner(name) is None:
                    raise SSCError(N_("no learner called {name!r}"), name=name)
                if not args.yes:
                    if not sys.stdin.isatty():
                        raise SSCError(N_("deleting {name!r} needs confirmation: add --yes"), name=name)
                    answer = input(
                        _("Delete {name!r} and all their answers? [y/N] ").format(name=terminal_text(name))
                    )
                    if answer.strip().lower() not in ("y", "yes", "o", "oui", "s", "si", "sí", "是"):
                        sys.stdout.write(_("Nothing deleted.") + "\n")
                        return 1
                store.delete_learner(name)
        learners = store.learners()
        default = store.get_setting("default_learner")
        if args.json:
            emit_json(
                {
                    "store": str(store.path),
                    "default": default,
                    "learners": [
                        {"name": x.name, "created": x.created, "attempts": store.count_attempts(x)}
                        for x in learners
                    ],
                }
            )
        elif args.action == "list":
            if not learners:
                sys.stdout.write(_("No learners yet.") + "\n")
            for x in learners:
                mark = "*" if x.name == default else " "
                n = store.count_attempts(x)
                sys.stdout.write(
                    f"{mark} {terminal_text(x.name)}  "
                    + t.ngettext("{n} answer", "{n} answers", n).format(n=n)
                    + "\n"
                )
    return 0


def cmd_progress(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.progress import ensure_reviews, summary

    _ = t.gettext
    course = load_course()
    with open_store(args) as store:
        learner = current_learner(store, args)
        ensure_reviews(course, store, learner)
        t = learner_translator(store, learner, args, t)
        data = summary(course, store, learner, t.lang)
    if args.json:
        emit_json(data)
        return 0
    _ = t.gettext
    sys.stdout.write(_("Learner: {name}").format(name=terminal_text(data["learner"])) + "\n")
    for m, row in zip(course.outline.modules, data["modules"]):
        mark = "✓" if row["completed"] else " "
        sys.stdout.write(
            f" {mark} {m.title_in(t.lang).value}: {t.percent(row['score'])} "
            f"({row['answered']}/{row['questions']})\n"
        )
    n = data["due_reviews"]
    sys.stdout.write(t.ngettext("{n} review due today", "{n} reviews due today", n).format(n=n) + "\n")
    return 0


def cmd_review(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.learning import LearnerSession
    from ssc_learn.course.progress import due_questions, ensure_reviews

    from .plain import run_questions

    _ = t.gettext
    course = load_course()
    with open_store(args) as store:
        learner = current_learner(store, args)
        ensure_reviews(course, store, learner)
        t = learner_translator(store, learner, args, t)
        _ = t.gettext
        due = due_questions(course, store, learner)
        if args.json and not args.plain:
            emit_json(
                {
                    "learner": learner.name,
                    "due": [
                        {"question": q.id, "lang": q.lang, "module": q.module, "prompt": q.prompt}
                        for q in due
                    ],
                }
            )
            return 0
        if not due:
            sys.stdout.write(_("Nothing to review today.") + "\n")
            return 0
        session = LearnerSession(course, store, learner)
        answered, score = run_questions(
            due,
            t,
            sys.stdin,
            sys.stderr if args.json else sys.stdout,
            answer=session.answer,
            title=_("Review: {n} question(s) due today").format(n=len(due)),
        )
        if args.json:
            emit_json(
                {"learner": learner.name, "answered": answered, "total": len(due), "score": round(score, 3)}
            )
            return 0
        sys.stdout.write(
            _("Score: {score} of {total} ({percent})").format(
                score=t.number(round(score, 1)), total=len(due), percent=t.percent(score / len(due))
            )
            + "\n"
        )
    return 0


def cmd_export(args: argparse.Namespace, t: Translator) -> int:
    import os

    from ssc_learn.course.exchange import DEFAULT_IRI, XAPI_HOME_ENV, export_learner, xapi_statements

    _ = t.gettext
    if args.to and args.format != "xapi":
        raise SSCError(N_("--to sends xAPI statements: add --format xapi"))
    if not args.output and not args.to:
        raise SSCError(N_("give -o FILE, or --format xapi --to URL to send to an LRS"))
    if args.to and not args.user:
        raise SSCError(N_("--to needs --user, the LRS user"))
    home = args.xapi_home or os.environ.get(XAPI_HOME_ENV) or ""
    if args.format == "xapi":
        from ssc_learn.course.lrs import check_endpoint, check_home

        if args.to:
            check_endpoint(args.to)
        if home:
            home = check_home(home)
        else:
            home = DEFAULT_IRI
            sys.stderr.write(
                _("note: the xAPI home is the placeholder {iri}; set --xapi-home or {env}").format(
                    iri=DEFAULT_IRI, env=XAPI_HOME_ENV
                )
                + "\n"
            )
    course = load_course()
    with open_store(args) as store:
        learner = current_learner(store, args, create=False)
        if args.format == "xapi":
            data: Any = xapi_statements(course, store, learner, home, t.lang)
        else:
            data = export_learner(course, store, learner)
    if args.output:
        write_file(Path(args.output), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stderr.write(
            _("exported {name} to {path}").format(name=terminal_text(learner.name), path=args.output) + "\n"
        )
    if args.to:
        return _send_to_lrs(data, args, t)
    return 0


def _send_to_lrs(statements: list[dict[str, Any]], args: argparse.Namespace, t: Translator) -> int:
    """POST the statements to the LRS; one line per statement it refused, exit 1 if any."""
    import os

    from ssc_learn.course.lrs import send_statements

    _ = t.gettext
    password = os.environ.get("SSC_LEARN_LRS_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise SSCError(N_("set SSC_LEARN_LRS_PASSWORD, or run in a terminal to be asked for it"))
        try:
            password = getpass.getpass(_("LRS password for {user}: ").format(user=args.user))
        except (EOFError, KeyboardInterrupt):
            raise SSCError(N_("no LRS password given")) from None
    result = send_statements(statements, args.to, args.user, password)
    for sid, reason in result.failures:
        sys.stderr.write(_("the LRS refused statement {id}: {reason}").format(id=sid, reason=reason) + "\n")
    sys.stderr.write(
        _("sent {sent} of {total} statements to {url}").format(
            sent=result.sent, total=len(statements), url=args.to
        )
        + "\n"
    )
    return 1 if result.failures else 0


def cmd_import(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.exchange import import_export, read_export

    _ = t.gettext
    course = load_course()
    docs = [read_export(Path(f)) for f in args.files]  # validate every file before writing any
    results = []
    with open_store(args) as store:
        for f, data in zip(args.files, docs):
            name, added = import_export(course, store, data)
            results.append({"file": f, "learner": name, "added": added})
    if args.json:
        emit_json({"imported": results})
    else:
        for r in results:
            sys.stdout.write(
                t.ngettext(
                    "{file}: {learner}, {n} new answer", "{file}: {learner}, {n} new answers", r["added"]
                ).format(file=terminal_text(r["file"]), learner=terminal_text(r["learner"]), n=r["added"])
                + "\n"
            )
    return 0


def cmd_report(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.exchange import read_export
    from ssc_learn.course.report import class_report, render_csv, render_table

    _ = t.gettext
    course = load_course()
    docs = [read_export(Path(f)) for f in args.files]
    if args.workshop:
        from ssc_learn.course.live import round_exports

        with open_store(args) as store:
            for which in args.workshop:
                docs += round_exports(course, store, which)
    if not docs:
        raise SSCError(N_("give export files or --workshop ROUND"))
    report = class_report(course, docs)
    if args.json:
        emit_json(report.as_dict())
    elif args.format == "csv":
        sys.stdout.write(render_csv(report))
    else:
        labels = {
            "learner": _("Learner"),
            "done": _("Completed"),
            "missed": _("Most missed questions (learners / times):"),
            "sheets": _("Paper sheets (score / total):"),
        }
        sys.stdout.write(render_table(report, t.percent, labels))
    return 0


def cmd_doctor(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.progress import ensure_reviews
    from ssc_learn.course.store import doctor

    _ = t.gettext
    folder = data_dir(getattr(args, "data_dir", None))
    report = doctor(folder)
    rebuilt = []
    if report.get("moved_to") or report["ok"] and (folder / "progress.sqlite3").exists():
        course = load_course()
        with Store.open(folder, backup=False) as store:
            rebuilt = [x.name for x in store.learners() if ensure_reviews(course, store, x)]
    report["cards_rebuilt_for"] = rebuilt
    from ssc_learn.course.semantic import MODEL, available

    report["chatbot_retriever"] = "semantic+lexical" if available() else "lexical"
    if args.json:
        emit_json({**report, "message": _(report["message"])})
        return 0
    sys.stdout.write(f"{report['store']}: {_(report['message'])}\n")
    if available():
        sys.stdout.write(_("chatbot: semantic and lexical retrieval ({model})").format(model=MODEL) + "\n")
    else:
        sys.stdout.write(
            _("chatbot: lexical retrieval only (the embedding model is not installed here)") + "\n"
        )
    if report.get("problem"):
        sys.stdout.write(_("problem: {problem}").format(problem=report["problem"]) + "\n")
    if report.get("moved_to"):
        sys.stdout.write(_("moved aside to {path}").format(path=report["moved_to"]) + "\n")
    if report.get("restored_from"):
        sys.stdout.write(_("restored from {path}").format(path=report["restored_from"]) + "\n")
    if report.get("moved_to"):
        sys.stdout.write(
            _("recovered {n} answers; the backup lacked {m}").format(
                n=report["recovered"], m=report["lacked"]
            )
            + "\n"
        )
    if rebuilt:
        names = ", ".join(terminal_text(n) for n in rebuilt)
        sys.stdout.write(_("rebuilt the review cards of {names}").format(names=names) + "\n")
    return 0


def _read_secret(t: Translator) -> str:
    """A PIN or passphrase: asked twice at a terminal, else the first line of stdin."""
    _ = t.gettext
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(_("PIN or passphrase: "))
    if getpass.getpass(_("Again: ")) != first:
        raise SSCError(N_("the two entries differ; nothing was changed"))
    return first
