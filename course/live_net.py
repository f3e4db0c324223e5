"""The live round on the room's network: an aiohttp server (page + WebSocket) and the terminal client.

Protocol: JSON objects over one WebSocket at /ws, the same for the web page and `ssc-learn join`.

    device → host  {"type": "join", "code", "name", "lang", "token"?}   {"type": "answer", "index", "reply"}
                   {"type": "lang", "lang"}   {"type": "ping"}
    host → device  welcome {token, name, score} · lobby {participants} · question {index, total, qtype,
                   prompt, options, lefts, text, blanks, unit, seconds_left, answered} · ack {index} ·
                   reveal {index, verdict, score, answer, solution, explanation, source, bars, total_score}
                   · end {score, answered, total, rank?} · error {code, reason} · pong

An answer is acknowledged only once it is on disk; answers that arrive together share one disk sync
(a group commit), which keeps acknowledgements fast with a full room. A message that is too large,
not JSON, of an unknown type or beyond the device's rate is dropped with an error saying why; the
round never stops for it. Nothing in the page loads from outside the host.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from aiohttp import WSMsgType, web

from .i18n import N_, Translator, get_translator
from .live import FINISHED, LOBBY, QUESTION, REVEAL, LiveError, Round, question_payload
from .sheets import answer_for_key

MAX_MESSAGE = 4096  # bytes: an answer is at most 500 characters, and a join far less
TRANSPORT_LIMIT = 64 * 1024  # beyond this aiohttp closes the connection (1009) before reading it
RATE_PER_SECOND = 5.0
RATE_BURST = 20
MAX_DROPS = 200  # a device that keeps flooding after this many dropped messages is disconnected
MAX_WRONG_CODES = 5  # per connection, which is then closed
MAX_WRONG_CODES_PER_ADDRESS = 30  # per network address, which then cannot join this round any more
MAX_CONNECTIONS = 1000
PAGE_FILES = {
    "/": ("index.html", "text/html"),
    "/app.js": ("app.js", "text/javascript"),
    "/style.css": ("style.css", "text/css"),
}
# The page's own Content-Security-Policy: its script and style from the host, connections to the host only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

PAGE_STRINGS = {
    "title": N_("Live workshop"),
    "name": N_("Your name"),
    "code": N_("Join code"),
    "join": N_("Join"),
    "language": N_("Language"),
    "waiting": N_("You are in. Waiting for the facilitator to start…"),
    "send": N_("Send"),
    "received": N_("Answer received. Wait for the reveal."),
    "closed": N_("Time is up."),
    "correct": N_("✓ correct"),
    "partial": N_("~ partly right"),
    "incorrect": N_("✗ incorrect"),
    "missed": N_("No answer"),
    "answer": N_("Answer: {answer}"),
    "source": N_("Source: paragraph {ids}"),
    "score": N_("Your score: {score}"),
    "rank": N_("Place {rank} of {n}"),
    "ended": N_("The round has ended. Thank you!"),
    "true": N_("True"),
    "false": N_("False"),
    "seconds": N_("{n} s"),
    "question": N_("Question {n} of {total}"),
    "multi_hint": N_("(all letters that apply, e.g. A C)"),
    "order_hint": N_("(the letters in the right order, e.g. CADB)"),
    "match_hint": N_("(pair each number with a letter, e.g. 1B 2A 3C)"),
    "cloze_hint": N_("(one answer per blank, separated by /)"),
    "reconnecting": N_("Connection lost; reconnecting…"),
}


def page_strings(t: Translator) -> dict[str, str]:
    """The page's texts in one language (the page asks for them when the participant picks it)."""
    return {key: t.gettext(msg) for key, msg in PAGE_STRINGS.items()}


@dataclass
class _Bucket:
    """A token bucket: a device's burst of messages, refilled at a steady rate."""

    tokens: float = RATE_BURST
    at: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(RATE_BURST, self.tokens + (now - self.at) * RATE_PER_SECOND)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


@dataclass(eq=False)
class _Conn:
    ws: web.WebSocketResponse
    lang: str
    peer: str = ""
    pid: int | None = None
    bucket: _Bucket = field(default_factory=_Bucket)
    drops: int = 0
    wrong_codes: int = 0
    last_notice: float = 0.0


async def _no_content(_request: web.Request) -> web.Response:
    return web.Response(status=204)


class LiveHost:
    """Serves one `Round` to the room and drives it; the interfaces call start/close/advance.

    `on_change` is called (no arguments) after anything the projector shows has changed.
    """

    def __init__(
        self,
        live: Round,
        store: Any = None,
        *,
        on_change: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.live = live
        self.store = store
        self.on_change = on_change or (lambda: None)
        self.clock = clock
        self.conns: set[_Conn] = set()
        self.dropped: list[str] = []  # the reasons of dropped messages (the host's log)
        self._batch: list[tuple[Any, asyncio.Future[None]]] = []
        self._flush_task: asyncio.Task[None] | None = None
        self._timer: asyncio.Task[None] | None = None
        self._watchers: set[asyncio.Task[None]] = set()
        self._runner: web.AppRunner | None = None
        self._translators: dict[str, Translator] = {}
        # A device's message budget follows the participant, not the connection: reconnecting keeps it.
        self._buckets: dict[int, _Bucket] = {}
        self._wrong_codes: dict[str, int] = {}
        self.changed = asyncio.Event()
        self.address: tuple[str, int] = ("", 0)

    # -- serving ----------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.router.add_get("/", self._page)
        app.router.add_get("/app.js", self._page)
        app.router.add_get("/style.css", self._page)
        app.router.add_get("/strings/{lang}", self._strings)
        app.router.add_get("/ws", self._socket)
        app.router.add_get("/favicon.ico", _no_content)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> tuple[str, int]:
        """Listen on host:port (port 0: any free port); returns the address actually used."""
        self._warm()
        self._runner = web.AppRunner(self.app(), access_log=None, handle_signals=False, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, reuse_address=True)
        await site.start()
        # aiohttp keeps the listening server private; its sockets say which port the system chose.
        server: Any = getattr(site, "_server", None)
        sock = server.sockets[0] if server is not None and getattr(server, "sockets", None) else None
        self.address = (host, sock.getsockname()[1] if sock else port)
        if self.live.phase == QUESTION:
            self._arm_timer()
        return self.address

    async def stop(self) -> None:
        for watcher in list(self._watchers):
            watcher.cancel()
        await self.drain()
        for conn in list(self.conns):
            with contextlib.suppress(Exception):
                await conn.ws.close()
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    def _warm(self) -> None:
        # The grader loads its tables (pinyin, OpenCC, numerals, edit distances) on first use: load them
        # now, not inside the first answers of a full room. Replies in several scripts take every path.
        from .grader import grade

        for index in range(self.live.total):
            for lang in self.live.course.bank.languages():
                question = self.live.shown(index, lang).question
                for reply in ("南北合作 二〇三〇年", "nan nan he zuo", "Sout-South cooperatoin 2030", "t"):
                    with contextlib.suppress(Exception):
                        grade(question, reply)

    def _t(self, lang: str) -> Translator:
        if lang not in self._translators:
            self._translators[lang] = get_translator(lang)
        return self._translators[lang]

    async def _page(self, request: web.Request) -> web.StreamResponse:
        name, kind = PAGE_FILES[request.path]
        body = resources.files("ssc_learn.course").joinpath("live_page").joinpath(name).read_bytes()
        return web.Response(
            body=body,
            content_type=kind,
            charset="utf-8",
            headers={
                "Content-Security-Policy": CSP,
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    async def _strings(self, request: web.Request) -> web.StreamResponse:
        lang = request.match_info["lang"]
        if lang not in self.live.course.bank.languages():
            lang = self.live.config.lang
        return web.json_response({"lang": lang, "strings": page_strings(self._t(lang))})

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        # No per-message compression: messages are small, and compressing a large one in a thread could
        # reorder a device's messages.
        ws = web.WebSocketResponse(max_msg_size=TRANSPORT_LIMIT, heartbeat=20, compress=False)
        if len(self.conns) >= MAX_CONNECTIONS:
            raise web.HTTPServiceUnavailable(text="too many connections")
        await ws.prepare(request)
        conn = _Conn(ws, self.live.config.lang, request.remote or "")
        self.conns.add(conn)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._message(conn, msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await self._drop(conn, "malformed", N_("messages must be JSON text"))
                if conn.drops >= MAX_DROPS or conn.wrong_codes >= MAX_WRONG_CODES:
                    await ws.close(code=1008, message=b"too many bad messages")
                    break
        finally:
            self.conns.discard(conn)
            self.on_change()
        return ws

    # -- messages from devices --------------------------------------------------------------------

    async def _message(self, conn: _Conn, raw: str) -> None:
        bucket = self._buckets.get(conn.pid, conn.bucket) if conn.pid is not None else conn.bucket
        if not bucket.take():
            await self._drop(conn, "rate", N_("too many messages; slow down"))
            return
        if len(raw) > MAX_MESSAGE or len(raw.encode("utf-8", "replace")) > MAX_MESSAGE:
            await self._drop(conn, "too_large", N_("message too large"))
            return
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            await self._drop(conn, "malformed", N_("not a message this round understands"))
            return
        kind = data["type"]
        if kind not in ("join", "ping", "answer", "lang"):
            await self._drop(conn, "malformed", N_("not a message this round understands"))
            return
        try:
            if kind == "join":
                await self._join(conn, data)
            elif kind == "ping":
                await self._send(conn, {"type": "pong"})
            elif conn.pid is None:
                raise LiveError("unknown", N_("join the round first"))
            elif kind == "answer":
                await self._answer(conn, data)
            else:
                self.live.set_lang(conn.pid, str(data.get("lang", "")))
                conn.lang = self.live.participants[conn.pid].lang
                await self._send_state(conn)
        except LiveError as exc:
            if exc.code == "code":
                conn.wrong_codes += 1
                self._wrong_codes[conn.peer] = self._wrong_codes.get(conn.peer, 0) + 1
            await self._send(
                conn, {"type": "error", "code": exc.code, "reason": exc.localized(self._t(conn.lang).gettext)}
            )

    async def _drop(self, conn: _Conn, code: str, reason: str) -> None:
        """Drop a message, telling the device why (a flood is told at most once a second, not echoed)."""
        conn.drops += 1
        self.dropped.append(code)
        now = time.monotonic()
        if code != "rate" or now - conn.last_notice >= 1.0:
            conn.last_notice = now
            await self._send(
                conn, {"type": "error", "code": code, "reason": self._t(conn.lang).gettext(reason)}
            )

    async def _join(self, conn: _Conn, data: dict[str, Any]) -> None:
        if self._wrong_codes.get(conn.peer, 0) >= MAX_WRONG_CODES_PER_ADDRESS:
            conn.wrong_codes = MAX_WRONG_CODES  # guessing codes from this address: close the connection
            raise LiveError("code", N_("wrong join code"))
        token = data.get("token")
        participant, token = self.live.join(
            str(data.get("code", ""))[:32],
            data.get("name"),
            str(data.get("lang") or self.live.config.lang)[:8],
            str(token)[:64] if isinstance(token, str) else None,
            self.clock(),
        )
        conn.pid, conn.lang = participant.id, participant.lang
        self._buckets.setdefault(participant.id, conn.bucket)
        mine = [s for s in self.live.standings() if s.participant.id == participant.id]
        await self._send(
            conn,
            {
                "type": "welcome",
                "token": token,
                "name": participant.name,
                "lang": participant.lang,
                "score": mine[0].score if mine else 0,
                "code": self.live.config.code,
            },
        )
        self._changed()
        if self.live.phase == LOBBY:
            await self._broadcast_lobby()  # everyone's count goes up, this device's included
        else:
            await self._send_state(conn)

    async def _answer(self, conn: _Conn, data: dict[str, Any]) -> None:
        assert conn.pid is not None
        index = data.get("index")
        found = self.live.answer(
            conn.pid, index if type(index) is int else None, data.get("reply"), self.clock()
        )
        try:
            await self._persist(found)
        except Exception:  # the disk refused it: the device may send it again
            self.live.answers.pop((found.participant, found.index), None)
            raise LiveError("unsaved", N_("the answer could not be saved; send it again")) from None
        await self._send(conn, {"type": "ack", "index": found.index})
        self._changed()
        if self.live.all_answered():
            self.changed.set()

    # -- keeping answers --------------------------------------------------------------------------

    def _persist(self, answer: Any) -> asyncio.Future[None]:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self.store is None:
            fut.set_result(None)
            return fut
        self._batch.append((answer, fut))
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self._flush())
        return fut

    async def _flush(self) -> None:
        while self._batch:
            batch, self._batch = self._batch, []
            try:
                await asyncio.to_thread(self.store.save_live_answers, self.live.uid, [a for a, _ in batch])
            except Exception as exc:  # noqa: BLE001 - each waiting answer gets the failure
                for _a, fut in batch:
                    if not fut.done():
                        fut.set_exception(exc)
            else:
                for _a, fut in batch:
                    if not fut.done():
                        fut.set_result(None)

    async def drain(self) -> None:
        """Wait until every answer received so far is on disk."""
        while self._flush_task is not None and not self._flush_task.done():
            await asyncio.shield(self._flush_task)

    # -- driving the round ------------------------------------------------------------------------

    async def begin(self) -> None:
        self.live.start(self.clock())
        await self._opened()

    async def reveal(self) -> None:
        """Close the open question and show everyone the answer."""
        if self.live.phase != QUESTION:
            return
        await self.drain()
        self.live.close()
        await self._broadcast_state()
        self._changed()

    async def advance(self) -> None:
        """Reveal if a question is open; otherwise the next question, or the end after the last."""
        if self.live.phase == QUESTION:
            await self.reveal()
            return
        if self.live.phase == LOBBY:
            await self.begin()
            return
        if self.live.phase == REVEAL:
            self.live.advance(self.clock())
            if self.live.phase == QUESTION:
                await self._opened()
            else:
                await self._broadcast_state()
                self._changed()

    async def finish(self) -> None:
        await self.reveal()
        self.live.finish()
        await self._broadcast_state()
        self._changed()

    async def _opened(self) -> None:
        self._arm_timer()
        await self._broadcast_state()
        self._changed()

    def _arm_timer(self) -> None:
        # An earlier question's watcher is not cancelled (it may be sending that question's reveal): it
        # ends by itself once its question is no longer the open one.
        self._timer = asyncio.create_task(self._close_when_done(self.live.index))
        self._watchers.add(self._timer)
        self._timer.add_done_callback(self._watchers.discard)

    async def _close_when_done(self, index: int) -> None:
        """Reveal question `index` when its time is up or everyone has answered."""
        while self.live.phase == QUESTION and self.live.index == index:
            if self.live.all_answered() or self.live.time_left(self.clock()) <= 0:
                await self.reveal()
                return
            self.changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(
                    self.changed.wait(), timeout=min(1.0, self.live.time_left(self.clock()) + 0.01)
                )

    def _changed(self) -> None:
        self.changed.set()
        self.on_change()

    async def wait_for(self, condition: Callable[[], bool]) -> None:
        """Wait (without polling on a clock) until `condition()` holds after some change."""
        while not condition():
            self.changed.clear()
            await self.changed.wait()

    async def run_scripted(self, expect: int, pause: float = 0.0) -> None:
        """The `--plain` host: start when `expect` have joined; reveal when all answered or time is up."""
        if self.live.phase == LOBBY:
            await self.wait_for(lambda: len(self.live.participants) >= expect)
            await self.begin()
        elif self.live.phase == QUESTION:
            # Restarted mid-question: it gets its full time again from now; devices rejoining are sent it.
            self.live.resume(self.clock())
            self._arm_timer()
        while self.live.phase != FINISHED:
            if self.live.phase == QUESTION:
                await self.wait_for(lambda: self.live.phase != QUESTION)
            if pause:
                await asyncio.sleep(pause)  # the room reads the reveal
            await self.advance()
        await self.drain()

    def _connected(self) -> int:
        return len({c.pid for c in self.conns if c.pid is not None})

    # -- messages to devices ----------------------------------------------------------------------

    async def _send(self, conn: _Conn, data: dict[str, Any]) -> None:
        if conn.ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await conn.ws.send_str(json.dumps(data, ensure_ascii=False))

    async def _broadcast_lobby(self) -> None:
        msg = {"type": "lobby", "participants": len(self.live.participants)}
        await asyncio.gather(*(self._send(c, msg) for c in list(self.conns) if c.pid is not None))

    async def _broadcast_state(self) -> None:
        # Every message is built now, before the first send yields: the round may move on while they go
        # out, and a device must still get this reveal before the next question.
        shared = {
            "reveal": self.live.reveal() if self.live.phase == REVEAL else None,
            "standings": self.live.standings() if self.live.phase == FINISHED else None,
        }
        messages = [(c, self.state_message(c.pid, shared)) for c in list(self.conns) if c.pid is not None]
        # Shielded: whoever asked for this broadcast may be cancelled; the devices must still get it.
        await asyncio.shield(asyncio.gather(*(self._send(c, msg) for c, msg in messages)))

    async def _send_state(self, conn: _Conn) -> None:
        assert conn.pid is not None
        await self._send(conn, self.state_message(conn.pid))

    def state_message(self, pid: int, shared: dict[str, Any] | None = None) -> dict[str, Any]:
        """What a device shows now: the lobby, the open question, its reveal, or the end."""
        live = self.live
        lang = live.participants[pid].lang
        if live.phase == LOBBY:
            return {"type": "lobby", "participants": len(live.participants)}
        if live.phase == QUESTION:
            data = question_payload(
                live.shown(live.index, lang), live.index, live.total, live.time_left(self.clock())
            )
            data["answered"] = (pid, live.index) in live.answers
            return data
        if live.phase == REVEAL:
            return self.reveal_payload(pid, (shared or {}).get("reveal"))
        return self.end_payload(pid, (shared or {}).get("standings"))

    def reveal_payload(self, pid: int, rev: Any = None) -> dict[str, Any]:
        live = self.live
        shown = live.shown(live.index, live.participants[pid].lang)
        q = shown.question
        mine = live.answers.get((pid, live.index))
        rev = rev or live.reveal()
        total = sum(a.score for (p, _i), a in live.answers.items() if p == pid)
        return {
            "type": "reveal",
            "index": live.index,
            "verdict": mine.verdict if mine else None,
            "score": mine.score if mine else 0,
            "reply": mine.reply if mine else None,
            "answer": answer_for_key(shown),
            "solution": q.solution(),
            "explanation": q.explanation,
            "source": list(q.source),
            "bars": [{"label": b.label, "count": b.count, "correct": b.correct} for b in rev.bars],
            "answered": rev.answered,
            "total_score": round(total, 4),
        }

    def end_payload(self, pid: int, standings: Any = None) -> dict[str, Any]:
        standings = standings or self.live.standings()
        place = next(i for i, s in enumerate(standings, 1) if s.participant.id == pid)
        mine = standings[place - 1]
        data: dict[str, Any] = {
            "type": "end",
            "score": mine.score,
            "answered": mine.answered,
            "correct": mine.correct,
            "total": self.live.total,
        }
        if self.live.config.leaderboard:
            data["rank"], data["of"] = place, len(standings)
        return data


# ---------------------------------------------------------------------------------------------
# The terminal client (`ssc-learn join`)
# ---------------------------------------------------------------------------------------------


class JoinRefused(Exception):
    """The host refused to let this device join (wrong code, bad name, round over)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


class LiveClient:
    """One device's connection: joins, keeps its token, reconnects and resends an unacknowledged answer."""

    def __init__(self, address: str, code: str, name: str, lang: str, token: str | None = None) -> None:
        from urllib.parse import urlsplit

        # HOST:PORT, or the join address as the projector shows it (http://HOST:PORT/?code=…).
        where = urlsplit(address if "//" in address else f"//{address}").netloc
        self.url = f"ws://{where}/ws"
        self.code, self.name, self.lang, self.token = code, name, lang, token
        self.session: Any = None
        self.ws: Any = None
        self.pending: dict[str, Any] | None = None  # an answer sent but not yet acknowledged

    async def connect(self) -> dict[str, Any]:
        """Connect and join; returns the host's welcome, or raises JoinRefused with the host's reason."""
        import aiohttp

        if self.session is None:
            self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(self.url, max_msg_size=TRANSPORT_LIMIT, heartbeat=20)
        await self.send(
            {"type": "join", "code": self.code, "name": self.name, "lang": self.lang, "token": self.token}
        )
        msg = await self.receive()
        if msg.get("type") != "welcome":
            await self.ws.close()
            raise JoinRefused(str(msg.get("code", "")), str(msg.get("reason") or "refused"))
        self.token = msg["token"]
        if self.pending is not None:
            await self.send(self.pending)
        return msg

    async def send(self, data: dict[str, Any]) -> None:
        await self.ws.send_str(json.dumps(data, ensure_ascii=False))

    async def answer(self, index: int, reply: str) -> None:
        self.pending = {"type": "answer", "index": index, "reply": reply}
        await self.send(self.pending)

    async def receive(self) -> dict[str, Any]:
        msg = await self.ws.receive()
        if msg.type != WSMsgType.TEXT:
            raise ConnectionResetError("the host closed the connection")
        data: dict[str, Any] = json.loads(msg.data)
        if data.get("type") in ("ack", "reveal") or (
            data.get("type") == "error" and data.get("code") in ("again", "closed", "unreadable")
        ):
            self.pending = None
        return data

    async def messages(self) -> AsyncIterator[dict[str, Any]]:
        while True:
            yield await self.receive()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()
            self.session = None
