"""`ssc-learn serve`: the course in web browsers, for participants without Python (textual-serve).

Each browser session runs the app in its served mode: a learner opens only with their PIN or
passphrase, and no session lists or shows anyone else. The page textual-serve sends asks a public
font service for its font; it is served here with textual-serve's own bundled copy instead, so no
request leaves the machine.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator
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
        raise SSCError(N_("serving needs textual-serve: pip install 'ssc-learn[serve]'")) from None
    if not 0 < args.port < 65536:
        raise SSCError(N_("--port must be between 1 and 65535"))
    url = f"http://{args.host}:{args.port}"
    sys.stderr.write(
        _("Serving the course at {url} — open it in a web browser; Ctrl+C stops.").format(url=url) + "\n"
    )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(_("Listening beyond this computer: anyone on the network can open it.") + "\n")
    with tempfile.TemporaryDirectory(prefix="ssc-learn-serve-") as templates:
        local_templates(Path(templates))
        Server(
            serve_command(args), host=args.host, port=args.port, title="ssc-learn", templates_path=templates
        ).serve()
    return 0


EXTERNAL = re.compile(r"""<link[^>]*href="https?://[^"]*"[^>]*/?>""", re.S)
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
      }
    </style>"""


def local_page(html: str) -> str:
    """textual-serve's page with every stylesheet from another site replaced by the bundled font."""
    html = EXTERNAL.sub(lambda _m: LOCAL_FONT, html, count=1)
    return EXTERNAL.sub("", html)


def local_templates(folder: Path) -> None:
    """Copy textual-serve's templates into `folder`, each page asking nothing of another site."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    for page in source.glob("*.html"):
        (folder / page.name).write_text(local_page(page.read_text(encoding="utf-8")), encoding="utf-8")
