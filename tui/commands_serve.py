"""`ssc-learn serve`: the course in web browsers, for participants without Python (textual-serve)."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import Translator
from ssc_learn.course.paths import data_dir


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    p = sub.add_parser(
        "serve", parents=[common], help=_("serve the course to web browsers (each session picks its learner)")
    )
    p.add_argument(
        "--host", default="127.0.0.1", help=_("address to listen on (default: this computer only)")
    )
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler=cmd_serve)


def serve_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: the app, on the welcome screen, on the shared data."""
    parts = [
        sys.executable,
        "-m",
        "ssc_learn.tui.cli",
        "--choose-learner",
        "--data-dir",
        str(data_dir(getattr(args, "data_dir", None))),
    ]
    if getattr(args, "lang", None):
        parts += ["--lang", args.resolved_lang]
    return shlex.join(parts)


def cmd_serve(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    try:
        from textual_serve.server import Server
    except ImportError:
        raise SSCError(_("serving needs textual-serve: pip install 'ssc-learn[serve]'")) from None
    if not 0 < args.port < 65536:
        raise SSCError(_("--port must be between 1 and 65535"))
    url = f"http://{args.host}:{args.port}"
    sys.stderr.write(
        _("Serving the course at {url} — open it in a web browser; Ctrl+C stops.").format(url=url) + "\n"
    )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(_("Listening beyond this computer: anyone on the network can open it.") + "\n")
    Server(serve_command(args), host=args.host, port=args.port, title="ssc-learn").serve()
    return 0
