"""Live round on loopback: 100 participants answer every question at once; how long until each answer
is acknowledged (graded and on disk)? Target: p95 ≤ 200 ms.

The host is the real `ssc-learn workshop host --plain` in its own process, with its own store; the
participants are terminal clients (the protocol the web page speaks too) in this process. Every
participant answers the moment a question arrives: the worst burst a room can send.

    python benchmarks/live.py [--participants 100] [--questions 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from ssc_learn.course.content import load_course
from ssc_learn.course.kinds import Kind
from ssc_learn.course.live import Round, RoundConfig
from ssc_learn.course.live_net import LiveClient
from ssc_learn.course.session import LETTERS

CODE = "555000"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def participant(n: int, port: int, live: Round, lags: list[float]) -> None:
    lang = ("zh", "en", "es", "fr")[n % 4]
    client = LiveClient(f"127.0.0.1:{port}", CODE, f"p{n:03d}", lang)
    for _ in range(100):
        try:
            await client.connect()
            break
        except OSError:
            await asyncio.sleep(0.1)
    sent = 0.0
    try:
        async for m in client.messages():
            if m["type"] == "question" and not m["answered"]:
                shown = live.shown(m["index"], lang)
                q = shown.question
                # A mix of right and wrong replies, typed answers included (the grader's slower path).
                k = len(shown.options)
                if q.type in (Kind.CHOICE, Kind.MULTI):
                    reply = LETTERS[n % k]
                elif q.type in (Kind.ORDER, Kind.MATCH):
                    reply = "".join(LETTERS[(i + n) % k] for i in range(k))
                elif q.type == Kind.TRUEFALSE:
                    reply = "t" if n % 2 else "f"
                elif q.type == Kind.CLOZE:
                    reply = " / ".join(b[0] if n % 3 else "zzz" for b in q.blanks)
                else:
                    reply = (q.answers[0] if q.answers else q.solution()) if n % 3 else "南北合作"
                sent = time.perf_counter()
                await client.answer(m["index"], reply)
            elif m["type"] == "ack":
                lags.append(time.perf_counter() - sent)
            elif m["type"] == "error":
                print(f"p{n:03d}: {m}", file=sys.stderr)
            elif m["type"] == "end":
                return
    finally:
        await client.close()


async def run(participants: int, questions: int) -> list[float]:
    course = load_course()
    port = free_port()
    config = RoundConfig(CODE, ("principles", "context", "financing"), questions, 60, "zh", "bench")
    live = Round(course, config)
    with tempfile.TemporaryDirectory() as home:
        host = subprocess.Popen(
            [sys.executable, "-m", "ssc_learn.tui.cli", "workshop", "host", "--plain", "--port", str(port)]
            + ["--code", CODE, "--modules", ",".join(config.modules), "--count", str(questions)]
            + ["--seconds", "60", "--expect", str(participants), "--pause", "0", "--seed", "bench"]
            + ["--lang", "zh"],
            env={**os.environ, "SSC_LEARN_HOME": home},
            stdout=subprocess.DEVNULL,
        )
        lags: list[float] = []
        try:
            await asyncio.gather(*(participant(n, port, live, lags) for n in range(participants)))
            host.wait(timeout=60)
        finally:
            if host.poll() is None:
                host.kill()
    return lags


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--questions", type=int, default=8)
    args = parser.parse_args()
    lags = asyncio.run(run(args.participants, args.questions))
    lags.sort()
    p95 = lags[int(0.95 * (len(lags) - 1))] * 1e3
    med = statistics.median(lags) * 1e3
    ok = p95 <= 200
    print(
        f"answer acknowledged, {args.participants} participants × {args.questions} questions "
        f"({len(lags)} answers): median {med:.1f} ms  p95 {p95:.1f} ms  max {lags[-1] * 1e3:.1f} ms  "
        f"target p95 ≤ 200 ms: {'met' if ok else 'MISSED'}"
    )
    if len(lags) != args.participants * args.questions:
        print(f"  {args.participants * args.questions - len(lags)} answers were not acknowledged")


if __name__ == "__main__":
    main()
