"""Live workshop rounds: the round's logic, its record, and rounds played on 127.0.0.1.

Every network test listens on loopback on a free port and waits for conditions, not for time.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from ssc_learn.course.i18n import get_translator
from ssc_learn.course.kinds import Kind
from ssc_learn.course.live import (
    FINISHED,
    LOBBY,
    QUESTION,
    REVEAL,
    LiveError,
    Round,
    RoundConfig,
    load_round,
    new_round,
    participant_exports,
)
from ssc_learn.course.live_net import MAX_MESSAGE, LiveClient, LiveHost
from ssc_learn.course.session import LETTERS, Presented, check
from ssc_learn.course.sheets import answer_for_key
from ssc_learn.course.store import Store

CODE = "482913"


def config(**kw: object) -> RoundConfig:
    base = dict(code=CODE, modules=("principles", "context"), count=4, seconds=60, lang="en", seed="t1")
    base.update(kw)
    return RoundConfig(**base)  # type: ignore[arg-type]


def reply_for(shown: Presented, right: bool) -> str:
    """A reply in `quiz --plain` notation that the grader should find right (or wrong)."""
    q = shown.question
    key = answer_for_key(shown)
    if q.type == Kind.CHOICE:
        if right:
            return key
        return next(LETTERS[i] for i in range(len(shown.options)) if LETTERS[i] != key)
    if q.type == Kind.MULTI:
        return key if right else next(LETTERS[i] for i in range(len(shown.options)) if LETTERS[i] not in key)
    if q.type == Kind.TRUEFALSE:
        return ("t" if q.answer else "f") if right else ("f" if q.answer else "t")
    if q.type == Kind.ORDER:
        return key if right else key[::-1]
    if q.type == Kind.MATCH:
        if right:
            return key
        n = len(shown.lefts)
        # A rotation of the options that is not the key (the shuffle may have made one of them right).
        rotations = (" ".join(f"{i + 1}{LETTERS[(i + k) % n]}" for i in range(n)) for k in range(1, n))
        return next(r for r in rotations if r.replace(" ", "") != key.replace(" ", ""))
    if q.type == Kind.CLOZE:
        return " / ".join(b[0] for b in q.blanks) if right else " / ".join("zzzz" for _ in q.blanks)
    if q.type == Kind.NUMBER:
        return str(q.answer) if right else str(q.answer + 1000)
    return q.answers[0] if right else "qqqq xxxx"


# ---------------------------------------------------------------------------------------------
# The round's logic, without a network
# ---------------------------------------------------------------------------------------------


def test_round_state_machine(course):
    live = Round(course, config(count=3, seconds=30))
    with pytest.raises(LiveError) as wrong:
        live.join("000000", "Ana", "en", None, 0)
    assert wrong.value.code == "code"
    ana, token = live.join(CODE, "Ana", "en", None, 0)
    ana2, _ = live.join(CODE, " Ana ", "zh", None, 0)
    assert (ana.name, ana2.name) == ("Ana", "Ana (2)")
    with pytest.raises(LiveError):
        live.join(CODE, "bad\x1bname", "en", None, 0)
    with pytest.raises(LiveError) as closed:
        live.answer(ana.id, 0, "A", 1)
    assert closed.value.code == "closed"
    live.start(10)
    assert live.phase == QUESTION and live.time_left(20) == 20
    first = live.shown(0, "en")
    got = live.answer(ana.id, 0, reply_for(first, True), 12)
    assert got.verdict == "correct" and got.seconds == 2
    with pytest.raises(LiveError) as again:
        live.answer(ana.id, 0, reply_for(first, False), 13)
    assert again.value.code == "again"
    # The second Ana answers in Chinese: the same option order, graded in her language.
    zh = live.shown(0, "zh")
    assert zh.question.id == first.question.id and zh.question.lang == "zh"
    assert live.answer(ana2.id, 0, reply_for(zh, False), 14).verdict != "correct"
    assert live.all_answered()
    live.close()
    rev = live.reveal()
    assert live.phase == REVEAL and rev.answered == 2 and rev.correct == 1
    if rev.bars:
        assert sum(b.count for b in rev.bars) >= 2 and any(b.correct for b in rev.bars)
    else:
        assert sum(n for replies in rev.groups.values() for _r, n in replies) == 2
    # A device that comes back with its token is the same participant, with its score.
    back, same = live.join(CODE, "someone else", "en", token, 15)
    assert back.id == ana.id and same == token
    live.advance(20)
    assert live.index == 1 and live.phase == QUESTION
    live.advance(21)  # closes the question
    live.advance(22)
    live.advance(23)
    live.advance(24)
    assert live.phase == FINISHED
    standings = live.standings()
    assert standings[0].participant.id == ana.id and standings[0].score == 1
    assert [i for i, _q, _n in live.most_missed()][0] in (1, 2)
    with pytest.raises(LiveError):
        live.join(CODE, "Late", "en", None, 30)


def test_round_is_kept_in_the_store_and_exports_for_report(course, tmp_path, cli):
    store = Store.open(tmp_path / "data")
    try:
        live = new_round(course, store, config(count=2))
        p, _token = live.join(CODE, "王小明", "zh", None, 1_700_000_000)
        live.start(1_700_000_010)
        a = live.answer(p.id, 0, reply_for(live.shown(0, "zh"), True), 1_700_000_015)
        store.save_live_answers(live.uid, [a])
        live.close()
        again = load_round(course, store, live.uid)
        assert again is not None
        assert again.phase == REVEAL and again.index == 0
        assert again.participants[p.id].name == "王小明" and again.answers[(p.id, 0)] == a
        assert [q.id for q in (x.question for x in again.items)] == [x.question.id for x in live.items]
        docs = participant_exports(again, course.manifest.id, "2026-01-01T00:00:00+00:00")
    finally:
        store.close()
    from ssc_learn.course.exchange import validate_export

    validate_export(docs[0], "test")
    assert docs[0]["attempts"][0]["verdict"] == "correct"
    out = tmp_path / "exported"
    r = cli("workshop", "export", "last", "-o", str(out), "--data-dir", str(tmp_path / "data"))
    assert r.code == 0, r.err
    files = sorted(p.name for p in out.iterdir())
    assert "results.json" in files and len(files) == 2
    report = cli("report", *[str(out / f) for f in files if f != "results.json"], "--json")
    assert report.code == 0, report.err
    assert json.loads(report.out)["learners"][0]["name"] == "王小明"
    direct = cli("report", "--workshop", "last", "--json", "--data-dir", str(tmp_path / "data"))
    assert direct.code == 0, direct.err
    assert json.loads(direct.out) == json.loads(report.out)
    none = cli("report", "--workshop", "nope", "--data-dir", str(tmp_path / "data"))
    assert none.code != 0 and "no live round" in none.err


# ---------------------------------------------------------------------------------------------
# Rounds on 127.0.0.1
# ---------------------------------------------------------------------------------------------


def _noted(m: dict, got: dict) -> bool:
    """Note an acknowledgement, a reveal or the end in `got`; True at the end. An error fails the test."""
    if m["type"] == "ack":
        got["acks"].append(m["index"])
    elif m["type"] == "reveal":
        got["reveals"].append(m)
    elif m["type"] == "error":
        raise AssertionError(m)
    elif m["type"] == "end":
        got["end"] = m
        return True
    return False


async def _web_participant(
    session: aiohttp.ClientSession, base: str, name: str, lang: str, plan: dict[int, str]
) -> dict:
    """A participant speaking the web page's protocol: the page, its strings, then the WebSocket."""
    async with session.get(base + "/") as page:
        assert page.status == 200 and "app.js" in await page.text()
        assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    async with session.get(f"{base}/strings/{lang}") as strings:
        assert (await strings.json())["strings"]["join"]
    got: dict = {"acks": [], "reveals": [], "end": None}
    async with session.ws_connect(base.replace("http", "ws") + "/ws") as ws:
        await ws.send_json({"type": "join", "code": CODE, "name": name, "lang": lang, "token": None})
        async for msg in ws:
            m = json.loads(msg.data)
            if m["type"] == "welcome":
                got["id"] = m["name"]
            elif m["type"] == "question" and not m["answered"]:
                await ws.send_json({"type": "answer", "index": m["index"], "reply": plan[m["index"]]})
            elif _noted(m, got):
                return got
    return got


async def _terminal_participant(base: str, name: str, lang: str, plan: dict[int, str]) -> dict:
    """A participant through the terminal client `ssc-learn join` uses."""
    client = LiveClient(base.removeprefix("http://"), CODE, name, lang)
    got: dict = {"acks": [], "reveals": [], "end": None}
    try:
        await client.connect()
        async for m in client.messages():
            if m["type"] == "question" and not m["answered"]:
                await client.answer(m["index"], plan[m["index"]])
            elif _noted(m, got):
                return got
    finally:
        await client.close()
    return got


async def test_fifty_participants_terminal_and_web(course, tmp_path):
    store = Store.open(tmp_path / "data")
    live = new_round(course, store, config(count=4))
    host = LiveHost(live, store)
    address = await host.start("127.0.0.1", 0)
    base = f"http://127.0.0.1:{address[1]}"
    langs = ["en", "zh", "es", "fr"]
    plans: dict[str, tuple[str, dict[int, str]]] = {}
    for k in range(50):
        lang = langs[k % 4]
        plans[f"p{k:02d}"] = (
            lang,
            {i: reply_for(live.shown(i, lang), right=(k + i) % 3 != 0) for i in range(live.total)},
        )
    try:
        async with aiohttp.ClientSession() as session:
            tasks = [
                asyncio.create_task(
                    _web_participant(session, base, name, lang, plan)
                    if k % 2
                    else _terminal_participant(base, name, lang, plan)
                )
                for k, (name, (lang, plan)) in enumerate(plans.items())
            ]
            driver = asyncio.create_task(host.run_scripted(expect=50))
            results = await asyncio.wait_for(asyncio.gather(*tasks), timeout=120)
            await asyncio.wait_for(driver, timeout=30)
    finally:
        await host.stop()
    assert live.phase == FINISHED
    assert len(live.participants) == 50 and len(live.answers) == 50 * live.total  # nothing lost
    for got in results:
        assert got["acks"] == list(range(live.total)) and len(got["reveals"]) == live.total
    by_name = {p.name: p for p in live.participants.values()}
    for name, (lang, plan) in plans.items():
        p = by_name[name]
        for i in range(live.total):
            expected = check(live.shown(i, lang), plan[i])
            assert expected is not None
            a = live.answers[(p.id, i)]
            assert (a.verdict, a.score, a.lang) == (expected.verdict, round(expected.score, 4), lang)
    # Every device's own verdicts match the host's, and the end screen's score is the sum.
    for got, name in zip(results, plans):
        p = by_name[name]
        assert [r["verdict"] for r in got["reveals"]] == [live.answers[(p.id, i)].verdict for i in range(4)]
        assert got["end"]["score"] == pytest.approx(sum(live.answers[(p.id, i)].score for i in range(4)))
    # The store holds exactly what the host saw.
    again = load_round(course, store, live.uid)
    assert again is not None and again.answers == live.answers and again.phase == FINISHED
    store.close()


async def test_a_participant_drops_and_rejoins_with_its_token(course, tmp_path):
    store = Store.open(tmp_path / "data")
    live = new_round(course, store, config(count=2))
    host = LiveHost(live, store)
    _h, port = await host.start("127.0.0.1", 0)
    other = LiveClient(f"127.0.0.1:{port}", CODE, "Bo", "en")
    first = LiveClient(f"127.0.0.1:{port}", CODE, "Ana", "en")
    try:
        await other.connect()
        await first.connect()
        await host.begin()
        q = await _next(first, "question")
        await first.answer(q["index"], reply_for(live.shown(0, "en"), True))
        assert (await _next(first, "ack"))["index"] == 0
        token = first.token
        await first.close()  # the phone loses the Wi-Fi
        await host.wait_for(lambda: host._connected() == 1)
        back = LiveClient(f"127.0.0.1:{port}", CODE, "", "en", token=token)
        welcome = await back.connect()
        assert welcome["name"] == "Ana" and welcome["score"] == 1
        again = await _next(back, "question")
        assert again["index"] == 0 and again["answered"] is True
        assert len(live.participants) == 2
        await back.close()
        bad = LiveClient(f"127.0.0.1:{port}", CODE, "", "en", token="forged")
        from ssc_learn.course.live_net import JoinRefused

        with pytest.raises(JoinRefused):
            await bad.connect()
        await bad.close()
    finally:
        await other.close()
        await host.stop()
        store.close()


async def _next(client: LiveClient, kind: str) -> dict:
    while True:
        m = await asyncio.wait_for(client.receive(), timeout=20)
        if m["type"] == kind:
            return m


async def test_hostile_clients_never_stop_the_round(course, tmp_path):
    store = Store.open(tmp_path / "data")
    live = new_round(course, store, config(count=1))
    host = LiveHost(live, store)
    _h, port = await host.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{port}/ws"
    good = LiveClient(f"127.0.0.1:{port}", CODE, "Ana", "en")
    try:
        await good.connect()
        async with aiohttp.ClientSession() as session:
            # A wrong code is refused, and a device that keeps guessing is disconnected.
            async with session.ws_connect(url) as ws:
                for _ in range(10):
                    if ws.closed:
                        break
                    await ws.send_json({"type": "join", "code": "111111", "name": "x"})
                    m = await ws.receive()
                    if m.type != aiohttp.WSMsgType.TEXT:
                        break
                    assert json.loads(m.data)["code"] == "code"
                assert (await ws.receive()).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert len(live.participants) == 1
            # Too large, not JSON, not an object, unknown type, binary: each dropped with a reason.
            async with session.ws_connect(url) as ws:
                reasons = []
                for bad in (
                    "x" * (MAX_MESSAGE + 1),
                    "{not json",
                    "[1, 2]",
                    json.dumps({"type": "rm -rf"}),
                    json.dumps({"type": "answer", "index": 0, "reply": "A"}),
                ):
                    await ws.send_str(bad)
                    reasons.append(json.loads((await ws.receive()).data)["code"])
                assert reasons == ["too_large", "malformed", "malformed", "malformed", "unknown"]
                await ws.send_bytes(b"\x00\x01")
                assert json.loads((await ws.receive()).data)["code"] == "malformed"
                await ws.send_str("x" * (70 * 1024))  # beyond the transport's limit: the connection goes
                closing = await ws.receive()
                assert closing.type in (
                    aiohttp.WSMsgType.CLOSE,
                    aiohttp.WSMsgType.CLOSED,
                    aiohttp.WSMsgType.ERROR,
                )
            # A flood: most messages dropped for the rate, the device disconnected after too many.
            async with session.ws_connect(url) as ws:
                await ws.send_json({"type": "join", "code": CODE, "name": "Flood"})
                for _ in range(400):
                    if ws.closed:
                        break
                    await ws.send_json({"type": "ping"})
                codes = []
                async for m in ws:
                    if m.type == aiohttp.WSMsgType.TEXT:
                        codes.append(json.loads(m.data).get("code"))
                assert "rate" in codes and ws.closed
        assert host.dropped.count("rate") >= 150
        # The round goes on for everyone else.
        await host.begin()
        q = await _next(good, "question")
        await good.answer(q["index"], reply_for(live.shown(0, "en"), True))
        assert (await _next(good, "ack"))["index"] == 0
    finally:
        await good.close()
        await host.stop()
        store.close()


def _ssc(*args: str, home: Path, **kw: object) -> subprocess.Popen:
    env = {**os.environ, "SSC_LEARN_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "ssc_learn.tui.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[arg-type]
    )


async def _listening(host: subprocess.Popen, said: list[str]) -> None:
    """Read the host's lines into `said` until it says where to join: it is listening from then on.
    (A client's own retries back off to 1.6 s, waiting that long past a host up in 1.5.)"""
    assert host.stdout is not None
    while True:
        line = await asyncio.wait_for(asyncio.to_thread(host.stdout.readline), timeout=30)
        assert line, f"the host ended before it listened: {said}"
        said.append(line)
        if "Join at" in line:
            return


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_killed_host_resumes_the_round(course, tmp_path):
    home, port = tmp_path / "home", _free_port()
    results = tmp_path / "results.json"
    args = ["workshop", "host", "--plain", "--port", str(port), "--code", CODE, "--modules", "principles"]
    args += ["--count", "3", "--seconds", "60", "--expect", "2", "--pause", "0", "--seed", "k1"]
    args += ["--results", str(results), "--lang", "en"]
    host = _ssc(*args, home=home)
    live = Round(course, config(modules=("principles",), count=3, seed="k1"))  # the same questions
    clients = [LiveClient(f"127.0.0.1:{port}", CODE, name, "en") for name in ("Ana", "Bo")]
    said: list[str] = []
    try:
        from ssc_learn.tui.commands_live import _connect

        await _listening(host, said)
        for c in clients:
            await _connect(c, 30)
        for c in clients:
            q = await _next(c, "question")
            assert q["index"] == 0
            await c.answer(0, reply_for(live.shown(0, "en"), True))
            await _next(c, "ack")
        for c in clients:
            assert (await _next(c, "question"))["index"] == 1
        host.send_signal(signal.SIGKILL)
        host.wait(timeout=10)
        host, said = _ssc(*args, home=home), []
        await _listening(host, said)
        for c in clients:
            with pytest.raises((ConnectionError, OSError)):
                await _next(c, "question")  # the old connection is gone
            await _connect(c, 30)  # the same token: the same participant
        for i in (1, 2):
            for c in clients:
                q = await _next(c, "question")
                assert q["index"] == i
                await c.answer(i, reply_for(live.shown(i, "en"), c.name == "Ana"))
        for c in clients:
            end = await _next(c, "end")
            assert end["score"] == (3 if c.name == "Ana" else 1)
        out, err = host.communicate(timeout=30)
        assert host.returncode == 0, err
        assert "Resuming" in "".join(said) + out
    finally:
        for c in clients:
            await c.close()
        if host.poll() is None:
            host.kill()
    data = json.loads(results.read_text())
    assert data["phase"] == "finished" and len(data["participants"]) == 2 and len(data["answers"]) == 6
    assert {p["name"]: p["score"] for p in data["participants"]} == {"Ana": 3, "Bo": 1}


def test_scripted_round_from_the_command_line(course, tmp_path):
    """`workshop host --plain` and two `join --plain` processes, answers read from stdin."""
    home, port = tmp_path / "home", _free_port()
    results = tmp_path / "out" / "results.json"
    host = _ssc(
        *["workshop", "host", "--plain", "--port", str(port), "--code", CODE, "--modules", "context"],
        *["--count", "2", "--seconds", "60", "--expect", "2", "--pause", "0", "--seed", "c1"],
        *["--results", str(results), "--lang", "en"],
        home=home,
    )
    live = Round(course, config(modules=("context",), count=2, seed="c1"))
    right = "\n".join(reply_for(live.shown(i, "en"), True) for i in range(2)) + "\n"
    wrong = "\n".join(reply_for(live.shown(i, "zh"), False) for i in range(2)) + "\n"
    join = ["join", f"127.0.0.1:{port}", "--code", CODE, "--plain"]
    (tmp_path / "a.txt").write_text(right, encoding="utf-8")
    (tmp_path / "b.txt").write_text(wrong, encoding="utf-8")
    with (tmp_path / "a.txt").open() as in_a, (tmp_path / "b.txt").open() as in_b:
        a = _ssc(*join, "--name", "Ana", "--lang", "en", home=tmp_path / "a", stdin=in_a)
        b = _ssc(*join, "--name", "Bo", "--lang", "zh", home=tmp_path / "b", stdin=in_b)
    try:
        out_a, err_a = a.communicate(timeout=60)
        out_b, err_b = b.communicate(timeout=60)
        host_out, host_err = host.communicate(timeout=30)
    finally:
        for p in (a, b, host):
            if p.poll() is None:
                p.kill()
    assert a.returncode == 0 and b.returncode == 0 and host.returncode == 0, (err_a, err_b, host_err)
    assert out_a.count("✓ correct") == 2 and "Your score: 2 / 2" in out_a, out_a
    assert "✓" not in out_b and "2 / 2" not in out_b
    assert "Join at http://127.0.0.1:" in host_out and "joined: Ana" in host_out
    data = json.loads(results.read_text())
    assert {p["name"]: p["score"] for p in data["participants"]} == {"Ana": 2, "Bo": 0}
    ana = next(p["id"] for p in data["participants"] if p["name"] == "Ana")
    assert [x["verdict"] for x in data["answers"] if x["participant"] == ana] == ["correct", "correct"]


def test_join_without_a_host_is_one_clear_line(cli):
    r = cli(
        "join",
        f"127.0.0.1:{_free_port()}",
        "--code",
        CODE,
        "--name",
        "Ana",
        "--plain",
        "--wait",
        "0.3",
        stdin="",
    )
    assert r.code != 0 and r.err.startswith("ssc-learn: ") and r.err.count("\n") == 1
    assert "Traceback" not in r.err


def test_host_says_when_it_listens_beyond_loopback(cli, monkeypatch):
    from ssc_learn.tui import commands_live

    assert commands_live.is_loopback("127.0.0.1") and not commands_live.is_loopback("0.0.0.0")
    r = cli("workshop", "host", "--plain", "--host", "0.0.0.0", "--port", "0")
    assert r.code != 0 and "anyone on it who has the join code" in r.err
    assert "Traceback" not in r.err


def test_qr_code_is_the_join_address():
    import segno
    from ssc_learn.tui.screens.live_host import qr_text

    url = "http://192.168.1.20:8765/?code=482913"
    want = [
        [bool(m) for m in row] for row in segno.make(url, error="l", boost_error=False).matrix_iter(border=2)
    ]
    top = {"█": (False, False), "▀": (False, True), "▄": (True, False), " ": (True, True)}
    got: list[list[bool]] = []
    for line in qr_text(url).splitlines():  # a character: (upper dark, lower dark); █ is light
        got.append([top[c][0] for c in line])
        got.append([top[c][1] for c in line])
    assert got[: len(want)] == want and not any(any(row) for row in got[len(want) :])


async def test_projector_view_shows_the_round(course, tmp_path):
    from ssc_learn.tui.app import make_app

    store = Store.open(tmp_path / "data")
    live = new_round(course, store, config(count=1))
    app = make_app(lang="en", data_dir=tmp_path / "data", live=(live, store, "127.0.0.1", 0))
    try:
        async with app.run_test(size=(120, 50)) as pilot:
            screen = app.screen
            await pilot.pause()
            assert screen.address.startswith("http://127.0.0.1:")
            assert "▀" in str(screen.query_one("#live-qr").render())  # the QR code
            client = LiveClient(screen.address.removeprefix("http://").rstrip("/"), CODE, "Ana", "en")
            await client.connect()
            await screen.host.wait_for(lambda: "Ana" in str(screen.query_one("#live-names").render()))
            await pilot.press("enter")
            q = await _next(client, "question")
            await pilot.pause()
            assert "0 of 1 answered" in str(app.screen.query_one("#live-count").render())
            await client.answer(q["index"], reply_for(live.shown(0, "en"), False))
            await _next(client, "reveal")
            await pilot.pause()
            shown = str(app.screen.query_one("#live-reveal").render())
            assert "1 of 1 answered, 0 correct" in shown and "Paragraph" in shown
            await pilot.press("n")
            await _next(client, "end")
            await pilot.pause()
            assert "Most missed" in str(app.screen.query_one("#live-final").render())
            await client.close()
    finally:
        store.close()
    assert live.phase == FINISHED and live.phase != LOBBY


async def test_live_round_from_the_course_map(tmp_path):
    from ssc_learn.tui.app import make_app
    from ssc_learn.tui.screens.live_host import LiveHostScreen, LiveSetupScreen

    app = make_app(lang="en", learner="Facilitator", data_dir=tmp_path / "data")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("W")
        assert isinstance(app.screen, LiveSetupScreen)
        await pilot.pause()
        assert not app.screen.query_one("#ws-network").value  # this computer only unless asked
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveHostScreen)
        await screen.host.wait_for(lambda: bool(screen.address))
        assert screen.address.startswith("http://127.0.0.1:")
        code = screen.live.config.code
        assert len(code) == 6 and code.isdigit()
        rounds = app.session.store.live_rounds()
        assert rounds[0]["config"]["code"] == code and rounds[0]["phase"] == LOBBY
        await pilot.press("escape")  # ends the round
        await pilot.pause()
        assert screen.live.phase == FINISHED


# ---------------------------------------------------------------------------------------------
# The web page in a real browser
# ---------------------------------------------------------------------------------------------


class _Browser:
    """Headless Chromium driven over the DevTools protocol (aiohttp's WebSocket client)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.n, self.requests = ws, 0, []

    async def call(self, method: str, **params: object) -> dict:
        self.n += 1
        await self.ws.send_json({"id": self.n, "method": method, "params": params})
        while True:
            msg = json.loads((await asyncio.wait_for(self.ws.receive(), timeout=30)).data)
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
            if msg.get("id") == self.n:
                assert "error" not in msg, msg
                return msg.get("result", {})

    async def js(self, expression: str) -> object:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def until(self, expression: str, timeout: float = 20) -> object:
        """The value of `expression` once it is truthy (the page changes in another process: poll it)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            value = await self.js(expression)
            if value:
                return value
            assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {expression}"
            await asyncio.sleep(0.05)


def _chromium() -> str | None:
    import shutil

    return next(
        (p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))), None
    )


@pytest.mark.skipif(
    _chromium() is None, reason="Chromium is not installed (apt-get install chromium) to drive the page"
)
async def test_web_page_in_headless_chromium(course, tmp_path):
    seed = next(s for s in (f"web{k}" for k in range(200)) if _first_type(course, s) == "choice")
    store = Store.open(tmp_path / "data")
    live = new_round(course, store, config(count=1, seed=seed))
    host = LiveHost(live, store)
    _h, port = await host.start("127.0.0.1", 0)
    profile = tmp_path / "chromium"
    browser = subprocess.Popen(
        [_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        + ["--remote-debugging-port=0", f"--user-data-dir={profile}", "--lang=en-US", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active = profile / "DevToolsActivePort"
        for _ in range(600):  # Chromium writes its port when it is ready: no event to wait on
            if active.exists() and active.read_text().strip():
                break
            await asyncio.sleep(0.05)
        debug_port = active.read_text().split()[0]
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as r:
                target = next(t for t in await r.json() if t["type"] == "page")
            async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                page = _Browser(ws)
                await page.call("Network.enable")
                await page.call("Runtime.enable")
                await page.call("Page.navigate", url=f"http://127.0.0.1:{port}/?code={CODE}")
                await page.until(
                    "document.readyState === 'complete' && document.getElementById('name') !== null"
                )
                # The participant picks French on the page: its texts and the question follow.
                await page.until("document.querySelector('#join-form button').textContent === 'Join'")
                await page.js(
                    "const s = document.getElementById('lang'); s.value = 'fr';"
                    "s.dispatchEvent(new Event('change')); true"
                )
                fr = get_translator("fr").gettext
                await page.until(
                    f"document.querySelector('#join-form button').textContent === {fr('Join')!r}"
                )
                await page.js(
                    "document.getElementById('name').value = 'Chromium';"
                    "document.querySelector('#join-form button').click(); true"
                )
                await asyncio.wait_for(host.wait_for(lambda: len(live.participants) == 1), timeout=20)
                await page.until("!document.getElementById('lobby').hidden")
                await host.begin()
                await page.until("document.querySelectorAll('#q-options button').length > 0")
                prompt = await page.js("document.getElementById('q-prompt').textContent")
                assert prompt == live.shown(0, "fr").question.prompt
                letter = answer_for_key(live.shown(0, "fr"))
                await page.js(
                    f"document.querySelector('#q-options button[data-letter=\"{letter}\"]').click(); true"
                )
                await asyncio.wait_for(host.wait_for(lambda: live.phase == REVEAL), timeout=20)
                verdict = await page.until(
                    "!document.getElementById('reveal').hidden && "
                    "document.getElementById('r-verdict').textContent"
                )
                assert verdict == fr("✓ correct")
                bars = await page.js("document.querySelectorAll('#r-bars .bar').length")
                assert bars == len(live.items[0].options)
                source = await page.js("document.getElementById('r-source').textContent")
                assert source == fr("Source: paragraph {ids}").format(
                    ids=", ".join(live.items[0].question.source)
                )
                await host.advance()
                score = await page.until(
                    "!document.getElementById('end').hidden && document.getElementById('e-score').textContent"
                )
                assert "1 / 1" in str(score)
                # A reload (a phone's browser dropped the page) comes back as the same participant.
                await page.call("Page.reload")
                await page.until("!document.getElementById('end').hidden")
                assert len(live.participants) == 1
                # Everything the page asked for came from the host.
                assert page.requests and all(
                    u.startswith(f"http://127.0.0.1:{port}/") or u.startswith("about:") for u in page.requests
                ), page.requests
    finally:
        browser.terminate()
        browser.wait(timeout=20)
        await host.stop()
        store.close()
    answer = live.answers[(1, 0)]
    assert answer.verdict == "correct" and answer.choice == letter and answer.lang == "fr"


def _first_type(course, seed: str) -> str:
    return Round(course, config(count=1, seed=seed)).items[0].question.type
