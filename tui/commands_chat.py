"""`ssc-learn ask`: the document chatbot on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import Translator
from ssc_learn.course.jsonin import loads

from .cli import emit_json


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    p = sub.add_parser(
        "ask",
        parents=[common, as_json],
        help=_("ask the document a question; the answer quotes and cites the paragraph"),
    )
    p.add_argument("question", nargs="?", metavar="QUESTION")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help=_('read {"q": QUESTION, "lang": LANG} lines on stdin, write one answer per line'),
    )
    p.set_defaults(handler=cmd_ask)


def cmd_ask(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.chat import ChatBot

    _ = t.gettext
    course = load_course()
    lang = args.resolved_lang if getattr(args, "lang", None) else None
    bot = ChatBot(course)
    if args.jsonl:
        for n, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = loads(line)
                question = str(item["q"])
                item_lang = item.get("lang") or lang
            except (ValueError, KeyError, TypeError, AttributeError):
                out: dict[str, Any] = {"line": n, "error": _('expected a JSON object with "q"')}
            else:
                if item_lang and item_lang not in course.languages():
                    item_lang = None
                out = ChatBot(course, retriever=bot.retriever).ask(question, item_lang).as_dict()
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    if args.question is None:
        raise SSCError(_("give a QUESTION, or --jsonl"))
    answer = bot.ask(args.question, lang)
    if args.json:
        emit_json(answer.as_dict())
    else:
        sys.stdout.write(answer.text + "\n")
    return 0
