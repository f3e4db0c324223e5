"""Start-up and key-press latency, measured the way a learner meets them: in a real terminal.

Each program runs in its own pseudo-terminal of 80×24, as the installed `ssc-learn` command and as a
bare Textual app that shows one line. The clock runs from process start until the first frame of the
first screen reaches the terminal (the course map's status line; the bare app's line), and until the
last module's title is on screen, which is what a learner waits for. Target for both: at most 1.3× the
bare app.

Then keys are typed into the terminal one at a time, and the clock runs from the key to the first byte
of the repaint: arrows on the course map (the same on a bare app with one OptionList), opening each
screen (its first opening, then later ones) and turning paragraphs in the reader. Target: under 50 ms.

    python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
Bare().run()
"""

BARE_LIST = """
from textual.app import App
from textual.widgets import OptionList
class Bare(App):
    def compose(self):
        yield OptionList(*[f"{i}. module" for i in range(12)])
Bare().run()
"""

DOWN, UP = b"\x1b[B", b"\x1b[A"


class Terminal:
    """A program running in an 80×24 pseudo-terminal, started when this is created."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program can ask for it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.buffer = b""

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds since start until `marker` has been written to the terminal."""
        deadline = time.perf_counter() + timeout
        while marker not in self.buffer:
            if not self._read(deadline - time.perf_counter()):
                raise TimeoutError(f"{marker!r} not shown; the screen so far: {self.buffer[-400:]!r}")
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.05) -> None:
        """Read until the program has written nothing for `quiet` seconds."""
        while self._read(quiet):
            pass

    def key_latency(self, key: bytes, timeout: float = 5.0) -> float:
        """Seconds from typing `key` to the first byte of the program's answer."""
        self.drain()
        self.buffer = b""
        start = time.perf_counter()
        os.write(self.fd, key)
        if not self._read(timeout):
            raise TimeoutError(f"no answer to {key!r}")
        return time.perf_counter() - start

    def close(self, quit_key: bytes) -> None:
        os.write(self.fd, quit_key)
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            self._read(0.05)
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def _read(self, timeout: float) -> bool:
        if timeout <= 0 or not select.select([self.fd], [], [], timeout)[0]:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the program has exited
            return False
        self.buffer += chunk
        return bool(chunk)


def ssc_learn_command() -> list[str]:
    script = Path(sys.executable).parent / "ssc-learn"
    if script.exists():
        return [str(script)]
    found = shutil.which("ssc-learn")
    if not found:
        raise SystemExit("install ssc-learn first (pip install -e .)")
    return [found]


def last_module_title() -> bytes:
    """The last module's English title as the terminal receives it (its first 24 characters, which
    fit on the map's row at 80 columns)."""
    from ssc_learn.course.content import load_course

    return load_course().outline.modules[-1].title_in("en").value[:24].encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", SSC_LEARN_HOME=home)
        env.pop("TEXTUAL", None)
        # Python caches compiled modules, as any installation does; pip does it for the bare app's
        # Textual, and the warm-up run below does it for an editable checkout of ssc-learn.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours = [*ssc_learn_command(), "--lang", "en", "--learner", "bench"]
        first = Terminal(ours, env)  # creates the store, the learner and the start-up cache
        first.wait_for(b"Learner:")
        first.close(b"q")

        last_title = last_module_title()
        bare, mine, titles = [], [], []
        for _ in range(args.repeat):  # interleaved, so that machine noise hits both alike
            term = Terminal([sys.executable, "-c", BARE], env)
            bare.append(term.wait_for(b"hello"))
            term.close(b"\x11")
            term = Terminal(ours, env)
            mine.append(term.wait_for(b"Learner:"))
            titles.append(term.wait_for(last_title))
            term.close(b"q")
        b, o = statistics.median(bare) * 1000, statistics.median(mine) * 1000
        t = statistics.median(titles) * 1000
        print(f"{'bare Textual app, start to first frame':<52} median {b:7.1f} ms")
        print(f"{'ssc-learn, start to the course map':<52} median {o:7.1f} ms")
        ratio = o / b
        print(f"{'ratio':<52} {ratio:7.2f}×  target ≤ 1.3×: {'met' if ratio <= 1.3 else 'MISSED'}")
        print(f"{'ssc-learn, start to all module titles drawn':<52} median {t:7.1f} ms")
        ratio = t / b
        print(f"{'ratio':<52} {ratio:7.2f}×  target ≤ 1.3×: {'met' if ratio <= 1.3 else 'MISSED'}")

        cold = []
        for _ in range(max(3, args.repeat // 3)):  # the first start after an install or an edit
            shutil.rmtree(Path(home) / "cache", ignore_errors=True)
            term = Terminal(ours, env)
            cold.append(term.wait_for(b"Learner:"))
            term.close(b"q")
        c = statistics.median(cold) * 1000
        print(f"{'  the same with an empty start-up cache':<52} median {c:7.1f} ms ({c / b:.2f}×)")

        term = Terminal(ours, env)
        term.wait_for(b"Learner:")
        term.drain(1.5)  # the warm-up after the first frame
        opened: dict[str, list[float]] = {}
        for _ in range(3):  # the first opening of each screen, then two more
            for key, screen in (
                (b"\r", "reader"),
                (b"t", "quiz"),
                (b"a", "chat"),
                (b"s", "settings"),
                (b"?", "help"),
            ):
                opened.setdefault(screen, []).append(term.key_latency(key))
                term.drain(0.3)
                os.write(term.fd, b"\x1b")
                term.drain(0.5)
        os.write(term.fd, b"\r")
        term.drain(0.5)
        turns = [term.key_latency(b"j") for _ in range(5)]  # the first module has seven paragraphs
        term.close(b"q")
        for screen, times in opened.items():
            first, later = times[0] * 1000, statistics.median(times[1:]) * 1000
            label = f"  opening {screen}: first / later (key to repaint)"
            print(f"{label:<52} {first:7.1f} ms / {later:.1f} ms")
        print(
            f"{'  next paragraph in the reader (median / worst)':<52} "
            f"{statistics.median(turns) * 1000:7.1f} ms / {max(turns) * 1000:.1f} ms"
        )
        worst_open = max(max(times) for times in opened.values()) * 1000
        print(
            f"{'slowest key press of all the above':<52} {worst_open:7.1f} ms  target < 50 ms: "
            f"{'met' if worst_open < 50 else 'MISSED'}"
        )

        bare_list = [sys.executable, "-c", BARE_LIST]
        for label, argv, marker, quit_key in (
            ("ssc-learn course map, arrow key to repaint", ours, b"Learner:", b"q"),
            ("bare OptionList app, arrow key to repaint", bare_list, b"module", b"\x11"),
        ):
            term = Terminal(argv, env)
            term.wait_for(marker)
            term.drain(1.0)  # the map's progress bars and the warm-up run in the first second
            times = [term.key_latency(DOWN if i % 2 == 0 else UP) for i in range(args.keys)]
            term.close(quit_key)
            med, worst = statistics.median(times) * 1000, max(times) * 1000
            met = "met" if med < 50 else "MISSED"
            verdict = f"  target < 50 ms: {met}" if argv is ours else ""
            print(f"{label:<52} median {med:7.1f} ms, worst {worst:.1f} ms{verdict}")


if __name__ == "__main__":
    main()
