"""The subcommands of `ssc-learn`: each parses its options and calls `course/`."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator

from .cli import emit_json


def register(sub: Any, t: Translator) -> None:
    """Add every subcommand to the `sub` subparsers action."""
    _ = t.gettext
    common = argparse.ArgumentParser(add_help=False)
    # Accepted after the subcommand too (`ssc-learn doc --lang en`); SUPPRESS keeps the global value.
    common.add_argument("--lang", default=argparse.SUPPRESS, help=_("language (zh, en, es, fr)"))
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=_("learner data folder"))
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    p = sub.add_parser("doc", parents=[common, as_json], help=_("print the document, paragraph by paragraph"))
    p.add_argument("ids", nargs="*", metavar="ID", help=_("only these paragraphs (e.g. 10 24(f))"))
    p.set_defaults(handler=cmd_doc)

    p = sub.add_parser("modules", parents=[common, as_json], help=_("list the course modules"))
    p.set_defaults(handler=cmd_modules)

    p = sub.add_parser(
        "outline", parents=[common, as_json], help=_("draft an outline (YAML) for a new seed document")
    )
    p.add_argument("seed", metavar="SEED", help=_("a UTF-8 text file shaped like a UN resolution"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write the draft here instead of printing it"))
    p.set_defaults(handler=cmd_outline)

    p = sub.add_parser("check", parents=[common, as_json], help=_("validate the course content"))
    p.set_defaults(handler=cmd_check)

    from . import (
        commands_chat,
        commands_live,
        commands_progress,
        commands_quiz,
        commands_serve,
        commands_sheet,
    )

    commands_quiz.register(sub, t, common, as_json)
    commands_progress.register(sub, t, common, as_json)
    commands_chat.register(sub, t, common, as_json)
    commands_sheet.register(sub, t, common, as_json)
    commands_serve.register(sub, t, common, as_json)
    commands_live.register(sub, t, common, as_json)


def _lang(args: argparse.Namespace) -> str:
    return args.resolved_lang


def cmd_doc(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.document import normalize_id

    _ = t.gettext
    course = load_course()
    # The original is the authoritative text: `doc` prints it unless a language is asked for.
    doc = course.edition(_lang(args) if getattr(args, "lang", None) else course.source_lang)
    wanted = [normalize_id(i) for i in args.ids]
    unknown = [i for i in wanted if i not in course.document]
    if unknown:
        raise SSCError(N_("unknown paragraph id: {ids}"), ids=", ".join(unknown))
    paragraphs = [p for p in doc if not wanted or p.id in wanted]
    if args.json:
        emit_json(
            {
                "id": doc.id,
                "title": doc.title,
                "lang": doc.lang,
                "unofficial": doc.unofficial,
                "metadata": doc.metadata,
                "paragraphs": [{"id": p.id, "parent": p.parent, "text": p.text} for p in paragraphs],
                "repairs": [r.as_dict() for r in course.document.repairs],
            }
        )
        return 0
    out = [doc.title, ""]
    if doc.unofficial:
        out += [_("Unofficial translation, not a United Nations document."), ""]
    for p in paragraphs:
        label = f"{p.id:>6}  "
        out.append(textwrap.fill(p.text, width=78, initial_indent=label, subsequent_indent=" " * 8))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def cmd_modules(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    course = load_course()
    lang = _lang(args)
    mods = course.outline.modules
    if args.json:
        emit_json(
            {
                "lang": lang,
                "modules": [
                    {
                        "id": m.id,
                        "title": m.title_in(lang).value,
                        "objectives": m.objectives_in(lang)[0],
                        "summary": m.summary_in(lang).value,
                        "terms": list(m.terms),
                        "paragraphs": list(m.paragraphs),
                    }
                    for m in mods
                ],
            }
        )
        return 0
    for n, m in enumerate(mods, start=1):
        first, last = m.paragraphs[0], m.paragraphs[-1]
        span = _("paragraphs {first}–{last}").format(first=first, last=last)
        sys.stdout.write(f"{n:>2}. {m.title_in(lang).value}  ({m.id}; {span})\n")
    return 0


def cmd_outline(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.document import load_document
    from ssc_learn.course.draft import draft_outline

    _ = t.gettext
    doc = load_document(Path(args.seed))
    text = draft_outline(doc)
    if args.json:
        import yaml

        emit_json(yaml.safe_load(text))
        return 0
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise SSCError(
                N_("cannot write {path}: {reason}"), path=args.output, reason=exc.strerror or exc
            ) from None
        sys.stderr.write(_("draft outline written to {path}").format(path=args.output) + "\n")
    else:
        sys.stdout.write(text)
    return 0


def cmd_check(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.check import run_checks

    _ = t.gettext
    report = run_checks()
    if args.json:
        emit_json(report.as_dict())
    else:
        for line in report.errors:
            sys.stdout.write(line + "\n")
        for lang, cov in report.languages.items():
            parts = ", ".join(f"{k} {t.percent(v) if isinstance(v, float) else v}" for k, v in cov.items())
            sys.stdout.write(f"{lang}: {parts}\n")
        if report.chatbot:
            sys.stdout.write(
                _("chatbot: {retriever} retrieval, {embedded} of {texts} texts embedded").format(
                    **report.chatbot
                )
                + "\n"
            )
        summary = _("{n} problem(s) found").format(n=len(report.errors)) if report.errors else _("content OK")
        sys.stdout.write(summary + "\n")
    return 1 if report.errors else 0
