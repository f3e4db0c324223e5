"""Live workshop rounds from the command line: `workshop host`, `workshop rounds`, `workshop export`, `join`.

`workshop host` opens the projector view (Textual); with `--plain` it runs the round without a screen,
for scripts and tests. `join HOST:PORT` takes part from a terminal, one answer per line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import socket
import sys
from pathlib import Path
from typing import Any, TextIO

from ssc_learn.course.errors import SSCError
from ssc_learn.course.i18n import N_, Translator

from .cli import emit_json

DEFAULT_PORT = 8765


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    p = sub.add_parser("workshop", parents=[common], help=_("live workshop rounds on the local network"))
    ws = p.add_subparsers(dest="workshop_command", metavar=_("COMMAND"))
    p.set_defaults(handler=lambda args, t: _workshop_help(p))

    h = ws.add_parser(
        "host",
        parents=[common, as_json],
        help=_("host a live round: participants join from phones or terminals"),
    )
    h.add_argument("--plain", action="store_true", help=_("run the round without a screen (scripts)"))
    h.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("address to listen on (default: this computer only; 0.0.0.0 for the room's network)"),
    )
    h.add_argument("--port", type=int, default=DEFAULT_PORT)
    h.add_argument("--code", help=_("the join code (default: six random digits)"))
    h.add_argument("--modules", metavar="IDS", help=_("modules, separated by commas (default: all)"))
    h.add_argument("--count", type=int, default=10, metavar="N", help=_("number of questions"))
    h.add_argument("--seconds", type=int, default=30, metavar="S", help=_("seconds per question"))
    h.add_argument("--leaderboard", action="store_true", help=_("show the leaderboard (off by default)"))
    h.add_argument(
        "--expect", type=int, default=1, metavar="K", help=_("--plain: start when K participants have joined")
    )
    h.add_argument(
        "--pause", type=float, default=5.0, metavar="S", help=_("--plain: seconds each reveal is shown")
    )
    h.add_argument("--results", metavar="FILE", help=_("write the round's results here (JSON)"))
    h.add_argument(
        "--new", action="store_true", help=_("start a new round even if one with this code is unfinished")
    )
    h.add_argument("--seed", help=argparse.SUPPRESS)
    h.set_defaults(handler=cmd_host)

    r = ws.add_parser(
        "rounds", parents=[common, as_json], help=_("list the live rounds in the progress store")
    )
    r.set_defaults(handler=cmd_rounds)

    e = ws.add_parser(
        "export",
        parents=[common, as_json],
        help=_("write a round's results and one progress file per participant (for report)"),
    )
    e.add_argument("round", nargs="?", default="last", metavar="ROUND", help=_("a round id, or 'last'"))
    e.add_argument("-o", "--output", required=True, metavar="DIR")
    e.set_defaults(handler=cmd_export_round)

    j = sub.add_parser("join", parents=[common, as_json], help=_("join a live round from this terminal"))
    j.add_argument("address", metavar="HOST:PORT")
    j.add_argument("--code", help=_("the join code shown by the facilitator"))
    j.add_argument("--name", help=_("your name as the facilitator sees it"))
    j.add_argument(
        "--plain", action="store_true", help=_("line by line on stdin/stdout (screen readers, scripts)")
    )
    j.add_argument("--token", help=argparse.SUPPRESS)
    j.add_argument("--wait", type=float, default=15.0, help=argparse.SUPPRESS)
    j.set_defaults(handler=cmd_join)


def _workshop_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# ---------------------------------------------------------------------------------------------
# Hosting
# ---------------------------------------------------------------------------------------------


def lan_address() -> str:
    """This computer's address on the local network (no packet is sent: a UDP socket is only aimed)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        return str(s.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def join_address(host: str, port: int) -> str:
    """The address participants type (or scan): the LAN address when listening on every interface."""
    shown = lan_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare_round(args: argparse.Namespace, t: Translator) -> tuple[Any, Any, Any, bool]:
    """(course, store, round, resumed): an unfinished round with the same code resumes unless --new."""
    import secrets

    from ssc_learn.course.content import load_course
    from ssc_learn.course.live import RoundConfig, load_round, new_join_code, new_round, unfinished_round

    from .commands_progress import open_store

    if not 0 < args.port < 65536:
        raise SSCError(N_("--port must be between 1 and 65535"))
    if args.count < 1 or not 5 <= args.seconds <= 3600:
        raise SSCError(N_("--count must be at least 1 and --seconds between 5 and 3600"))
    code = args.code or new_join_code()
    if not code.isdigit() or not 4 <= len(code) <= 12:
        raise SSCError(N_("--code must be 4 to 12 digits"))
    course = load_course()
    store = open_store(args)
    try:
        uid = None if args.new or not args.code else unfinished_round(store, code)
        if uid is not None:
            live = load_round(course, store, uid)
            return course, store, live, True
        modules = [m.strip() for m in (args.modules or "").split(",") if m.strip()] or [
            m.id for m in course.outline.modules
        ]
        lang = args.resolved_lang if getattr(args, "lang", None) else t.lang
        config = RoundConfig(
            code=code,
            modules=tuple(modules),
            count=args.count,
            seconds=args.seconds,
            lang=lang if lang in course.bank.languages() else course.source_lang,
            seed=args.seed or secrets.token_hex(4),
            leaderboard=args.leaderboard,
        )
        return course, store, new_round(course, store, config), False
    except BaseException:
        store.close()
        raise


def cmd_host(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    if not is_loopback(args.host):
        sys.stderr.write(
            _(
                "Listening on the network ({host}): anyone on it who has the join code can take part. "
                "Use this only on the room's own network."
            ).format(host=args.host)
            + "\n"
        )
    course, store, live, resumed = prepare_round(args, t)
    try:
        if not args.plain:
            from .app import make_app

            app = make_app(
                lang=args.lang and args.resolved_lang if getattr(args, "lang", None) else None,
                data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
                live=(live, store, args.host, args.port),
            )
            app.run()
            code = app.return_code or 0
        else:
            code = asyncio.run(_host_plain(live, store, args, t, resumed, sys.stdout))
        if args.results:
            write_results(Path(args.results), live.results())
        if args.json:
            emit_json(live.results())
        return code
    finally:
        store.close()


def write_results(path: Path, results: dict[str, Any]) -> None:
    from ssc_learn.course.files import write_files

    write_files(path.parent, {path.name: json.dumps(results, ensure_ascii=False, indent=2)})


async def _host_plain(
    live: Any, store: Any, args: argparse.Namespace, t: Translator, resumed: bool, out: TextIO
) -> int:
    from ssc_learn.course.live_net import LiveHost
    from ssc_learn.course.sanitize import terminal_text

    _ = t.gettext
    out = sys.stderr if args.json else out
    seen: dict[str, Any] = {"phase": None, "index": None, "people": len(live.participants)}

    def say(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    def changed() -> None:
        if len(live.participants) > seen["people"]:
            for p in list(live.participants.values())[seen["people"] :]:
                say(_("joined: {name}").format(name=terminal_text(p.name)))
            seen["people"] = len(live.participants)
        if (live.phase, live.index) != (seen["phase"], seen["index"]):
            seen["phase"], seen["index"] = live.phase, live.index
            if live.phase == "question":
                say(
                    _("Question {n} of {total}").format(n=live.index + 1, total=live.total)
                    + ": "
                    + terminal_text(live.items[live.index].question.prompt)
                )
            elif live.phase == "reveal":
                rev = live.reveal()
                say(
                    "  "
                    + _("{answered} of {n} answered, {correct} correct; answer: {answer}").format(
                        answered=rev.answered, n=rev.participants, correct=rev.correct, answer=rev.answer
                    )
                )

    host = LiveHost(live, store, on_change=changed)
    try:
        bound = await host.start(args.host, args.port)
    except OSError as exc:
        raise SSCError(
            N_("cannot listen on {host}:{port}: {reason}"),
            host=args.host,
            port=args.port,
            reason=exc.strerror or exc,
        ) from None
    if resumed:
        say(_("Resuming the unfinished round {code}.").format(code=live.config.code))
    say(
        _("Join at {address} with the code {code}").format(
            address=join_address(*bound), code=live.config.code
        )
    )
    try:
        await host.run_scripted(args.expect, args.pause)
    finally:
        await host.stop()
    standings = live.standings()
    say(_("Final scores:"))
    for s in standings:
        say(f"  {terminal_text(s.participant.name)}: {t.number(s.score)} / {live.total}")
    return 0


def cmd_rounds(args: argparse.Namespace, t: Translator) -> int:
    from .commands_progress import open_store

    with open_store(args) as store:
        rounds = store.live_rounds()
    if args.json:
        emit_json(rounds)
        return 0
    for r in rounds:
        sys.stdout.write(
            f"{r['uid'][:12]}  {r['created'][:16]}  {r['config']['code']}  {r['phase']:<8}  "
            + t.gettext("{n} participants, {m} answers").format(n=r["participants"], m=r["answers"])
            + "\n"
        )
    return 0


def cmd_export_round(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course.content import load_course
    from ssc_learn.course.files import write_files
    from ssc_learn.course.live import find_round, load_round, participant_exports

    from .commands_progress import open_store

    _ = t.gettext
    course = load_course()
    with open_store(args) as store:
        uid = find_round(store, args.round)
        live = load_round(course, store, uid) if uid else None
        if live is None:
            raise SSCError(N_("no live round {round!r} (see ssc-learn workshop rounds)"), round=args.round)
        created = next(r["created"] for r in store.live_rounds() if r["uid"] == uid)
    assert uid is not None  # a round was loaded from it
    docs = participant_exports(live, course.manifest.id, created)
    files = {
        f"participant-{d['learner']['id'][:8]}.json": json.dumps(d, ensure_ascii=False, indent=2)
        for d in docs
    }
    files["results.json"] = json.dumps(live.results(), ensure_ascii=False, indent=2)
    written = write_files(Path(args.output), files)
    if args.json:
        emit_json({"round": uid, "written": written})
    else:
        sys.stderr.write(
            _("round {round}: {n} participant files in {path} (combine them with ssc-learn report)").format(
                round=uid[:12], n=len(docs), path=args.output
            )
            + "\n"
        )
    return 0


# ---------------------------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------------------------


def cmd_join(args: argparse.Namespace, t: Translator) -> int:
    _ = t.gettext
    code = args.code
    name = args.name
    if not args.plain and sys.stdin.isatty():
        code = code or input(_("Join code") + ": ").strip()
        name = name or input(_("Your name") + ": ").strip()
    if not code or not name:
        raise SSCError(N_("give --code and --name"))
    return asyncio.run(join_plain(args.address, code, name, t, sys.stdin, sys.stdout, args.token, args.wait))


def payload_lines(q: dict[str, Any], t: Translator) -> list[str]:
    """A question from the host as the plain client prints it (like `quiz --plain`)."""
    from ssc_learn.course.session import LETTERS

    _ = t.gettext
    lines = [f"[{q['index'] + 1}/{q['total']}] {q['prompt']}"]
    kind = q["qtype"]
    if kind == "cloze":
        lines.append("  " + q.get("text", ""))
        if q.get("blanks", 0) > 1:
            lines.append("  " + _("(one answer per blank, separated by /)"))
    elif kind in ("choice", "multi", "order"):
        lines += [f"  {LETTERS[i]}. {c}" for i, c in enumerate(q["options"])]
        lines.append(
            "  "
            + {
                "choice": _("(one letter)"),
                "multi": _("(all letters that apply, e.g. A C)"),
                "order": _("(the letters in the right order, e.g. CADB)"),
            }[kind]
        )
    elif kind == "truefalse":
        lines.append("  " + _("(true or false: t / f)"))
    elif kind == "match":
        lines += [f"  {i + 1}. {a}" for i, a in enumerate(q["lefts"])]
        lines += [f"     {LETTERS[i]}. {b}" for i, b in enumerate(q["options"])]
        lines.append("  " + _("(pair each number with a letter, e.g. 1B 2A 3C)"))
    elif kind == "number" and q.get("unit"):
        lines.append("  " + _("(a number, in {unit})").format(unit=q["unit"]))
    lines.append("  " + _("{n} s").format(n=int(q["seconds_left"])))
    return lines


async def join_plain(
    address: str,
    code: str,
    name: str,
    t: Translator,
    inp: TextIO,
    out: TextIO,
    token: str | None = None,
    wait: float = 15.0,
) -> int:
    """Take part in a round line by line: each question printed, one answer line read, each verdict shown."""
    from ssc_learn.course.live_net import LiveClient
    from ssc_learn.course.sanitize import terminal_text

    _ = t.gettext
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        for line in iter(inp.readline, ""):
            loop.call_soon_threadsafe(lines.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(lines.put_nowait, None)

    def say(text: str = "") -> None:
        # The host's texts are the course's, but the host is another machine: no escapes reach the terminal.
        out.write(terminal_text(text) + "\n")
        out.flush()

    client = LiveClient(address, code, name, t.lang, token)
    import threading

    waiting_for: int | None = None  # the question an answer line is wanted for
    current: int | None = None  # the open question
    eof = False
    line_task: asyncio.Task[str | None] | None = None
    recv: asyncio.Task[dict[str, Any]] | None = None
    try:
        welcome = await _connect(client, wait)
        threading.Thread(target=read, daemon=True).start()  # answers are read once the host has let us in
        say(_("Joined as {name}. Waiting for the facilitator…").format(name=welcome["name"]))
        recv = asyncio.create_task(client.receive())
        while True:
            if waiting_for is not None and not eof and line_task is None:
                line_task = asyncio.create_task(lines.get())
            done, _pending = await asyncio.wait(
                {x for x in (recv, line_task) if x is not None}, return_when=asyncio.FIRST_COMPLETED
            )
            if line_task is not None and line_task in done:
                line = line_task.result()
                line_task = None
                if line is None:
                    eof = True
                elif waiting_for is not None and line.strip():
                    await client.answer(waiting_for, line)
                    waiting_for = None
            if recv not in done:
                continue
            try:
                msg = recv.result()
            except (ConnectionError, OSError):
                say(_("Connection lost; reconnecting…"))
                await _connect(client, 60.0)
                recv = asyncio.create_task(client.receive())
                continue
            recv = asyncio.create_task(client.receive())
            kind = msg.get("type")
            if kind == "question":
                for text in payload_lines(msg, t):
                    say(text)
                current = msg["index"]
                waiting_for = None if msg.get("answered") else current
                if msg.get("answered"):
                    say("  " + _("Answer received. Wait for the reveal."))
            elif kind == "ack":
                say("  " + _("Answer received. Wait for the reveal."))
            elif kind == "error":
                say("  " + str(msg.get("reason", "")))
                if msg.get("code") in ("unreadable", "unsaved"):
                    waiting_for = current  # read another line for the same question
            elif kind == "reveal":
                waiting_for = None
                mark = {
                    "correct": _("✓ correct"),
                    "partial": _("~ partly right"),
                    "incorrect": _("✗ incorrect"),
                }.get(msg.get("verdict") or "", _("No answer"))
                say(f"  {mark}")
                if msg.get("verdict") != "correct":
                    shown = (
                        msg["answer"]
                        if msg["answer"] == msg["solution"]
                        else f"{msg['answer']} ({msg['solution']})"
                    )
                    say("  " + _("Answer: {answer}").format(answer=shown))
                if msg.get("explanation"):
                    say("  " + msg["explanation"])
                say("  " + _("Source: paragraph {ids}").format(ids=", ".join(msg.get("source", []))))
                say()
            elif kind == "end":
                say(_("Your score: {score}").format(score=f"{t.number(msg['score'])} / {msg['total']}"))
                if msg.get("rank"):
                    say(_("Place {rank} of {n}").format(rank=msg["rank"], n=msg["of"]))
                return 0
    finally:
        for task in (line_task, recv):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        await client.close()


async def _connect(client: Any, wait: float) -> dict[str, Any]:
    """Join, retrying while the host is not there yet (a room's Wi-Fi comes and goes)."""
    from ssc_learn.course.live_net import JoinRefused

    deadline = asyncio.get_running_loop().time() + wait
    delay = 0.1
    while True:
        try:
            return await client.connect()
        except JoinRefused as exc:
            # The host's reason, already in this device's language (it joined with `lang`).
            raise SSCError(N_("the host refused: {reason}"), reason=exc.reason) from None
        except (OSError, asyncio.TimeoutError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise SSCError(
                    N_("cannot reach the host at {url}: {reason}"), url=client.url, reason=reason
                ) from None
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)
