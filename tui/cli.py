"""The `ssc-learn` command: a thin layer of subcommands over `course/`.

Every subcommand that prints has `--json`. Content or input problems print one line to stderr and exit
non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ssc_learn.course import __version__
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator, get_translator, resolve_language

PROG = "ssc-learn"
Handler = Callable[[argparse.Namespace, Translator], int]


def emit_json(data: Any) -> None:
    """Print `data` as JSON (UTF-8, not ASCII-escaped) on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _pre_scan_lang(argv: Sequence[str]) -> str | None:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _ = pre.parse_known_args(list(argv))
    # `sheet --lang zh,en` is bilingual: the interface speaks the first language.
    return known.lang.split(",")[0] if known.lang else None


def build_parser(t: Translator) -> argparse.ArgumentParser:
    """The argument parser, with help texts in the interface language."""
    from . import commands

    _ = t.gettext
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "A terminal course and offline chatbot on the Buenos Aires outcome document "
            "on South-South cooperation (BAPA+40)."
        ),
        epilog=_(
            "examples:\n"
            "  ssc-learn                       start the course in the terminal\n"
            "  ssc-learn --lang en             ... in English\n"
            "  ssc-learn doc --json            the document's paragraphs as JSON\n"
            "  ssc-learn modules               the course modules\n"
            "  ssc-learn quiz --plain --module context   a line-by-line quiz\n"
            "  ssc-learn check                 validate the course content"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_app_options(parser, _)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    commands.register(sub, t)
    return parser


def _add_app_options(parser: argparse.ArgumentParser, _: Callable[[str], str]) -> None:
    parser.add_argument("--lang", metavar="LANG", help=_("interface and content language (zh, en, es, fr)"))
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("where learner data is kept (default: $SSC_LEARN_HOME or the user data folder)"),
    )
    parser.add_argument("--learner", metavar="NAME", help=_("the learner to open the course for"))
    parser.add_argument("--choose-learner", action="store_true", help=argparse.SUPPRESS)


def _app_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when `argv` only starts the app; None for a subcommand, --help or anything odd.

    Starting the app is the common case, and building the full parser imports every subcommand's
    module, a third of a second's start-up budget; this parser knows only the app's own options.
    """
    quick = argparse.ArgumentParser(prog=PROG, add_help=False, exit_on_error=False)
    _add_app_options(quick, str)
    try:
        args, rest = quick.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ssc-learn` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = resolve_language(_pre_scan_lang(args_list))
    except SSCError as exc:
        return _fail(exc.localized(get_translator(resolve_language()).gettext), exc.exit_code)
    app_args = _app_args(args_list)
    if app_args is not None:
        try:
            return _run_app(app_args, lang)
        except SSCError as exc:
            return _fail(exc.localized(get_translator(lang).gettext), exc.exit_code)
        except KeyboardInterrupt:
            return 130
        except (OSError, sqlite3.Error, RecursionError) as exc:
            return _fail(_problem(exc, get_translator(lang)), 1)
    t = get_translator(lang)
    parser = build_parser(t)
    args = parser.parse_args(args_list)
    args.resolved_lang = lang
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _run_app(args, lang)
        return handler(args, t)
    except SSCError as exc:
        return _fail(exc.localized(t.gettext), exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ssc-learn doc | head`); that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, sqlite3.Error, RecursionError) as exc:
        # The machine's problem (a full disk, a folder without permission), not a bug: one line.
        return _fail(_problem(exc, t), 1)


def _problem(exc: BaseException, t: Translator) -> str:
    from .app import problem_message

    if isinstance(exc, RecursionError):
        return t.gettext("the input is nested too deeply")
    return problem_message(exc, t.gettext) or str(exc)


def _fail(message: str, code: int) -> int:
    from ssc_learn.course.sanitize import terminal_text

    # A file or learner name in the message must not reach the terminal as an escape sequence.
    sys.stderr.write(f"{PROG}: {terminal_text(message)}\n")
    return code


def _run_app(args: argparse.Namespace, lang: str) -> int:
    from ssc_learn.course.errors import StoreError
    from ssc_learn.course.learning import known_learners
    from ssc_learn.course.paths import data_dir
    from ssc_learn.course.store import DB_NAME, clean_name

    from .app import make_app

    # A broken or unwritable store, or a name that cannot be a learner's, is one clear line here,
    # before the full-screen app starts.
    folder = data_dir(getattr(args, "data_dir", None))
    if getattr(args, "learner", None) is not None:
        clean_name(args.learner)
    known_learners(folder)
    store = folder / DB_NAME
    if store.exists() and not os.access(store, os.W_OK):
        raise StoreError(N_("{path}: the data folder is read-only; nothing was written"), path=store)

    app = make_app(
        lang=args.lang and lang,
        learner=getattr(args, "learner", None),
        data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
        choose_learner=getattr(args, "choose_learner", False),
        open_quiz=getattr(args, "open_quiz", None),
    )
    app.run()
    if app.failure:
        return _fail(app.failure, app.return_code or 1)
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
