"""Process start to first screen, for ssc-learn and for a bare Textual app showing one line
(target: at most 1.3× the bare app). Also the time to answer a key press on the course map."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
async def pilot(p):
    await p.pause()
    p.app.exit()
Bare().run(headless=True, size=(80, 24), auto_pilot=pilot)
"""

OURS = """
import sys
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.course_map import CourseMapScreen
async def pilot(p):
    while not isinstance(p.app.screen, CourseMapScreen):
        await p.pause(0.001)
    await p.pause()
    p.app.exit()
make_app(lang="en", learner="bench", data_dir=sys.argv[1]).run(headless=True, size=(80, 24), auto_pilot=pilot)
"""

KEYS = """
import sys, time, statistics
from ssc_learn.tui.app import make_app
from ssc_learn.tui.screens.course_map import CourseMapScreen
times = []
async def pilot(p):
    while not isinstance(p.app.screen, CourseMapScreen):
        await p.pause(0.001)
    await p.pause(0.3)
    for key in ["down", "up"] * 20:
        t = time.perf_counter()
        await p.press(key)
        await p.pause()
        times.append(time.perf_counter() - t)
    for _ in range(5):
        t = time.perf_counter()
        await p.press("enter")
        await p.pause()
        times.append(time.perf_counter() - t)
        await p.press("escape")
        await p.pause()
    p.app.exit()
make_app(lang="en", learner="bench", data_dir=sys.argv[1]).run(headless=True, size=(80, 24), auto_pilot=pilot)
print(statistics.median(times) * 1000, max(times) * 1000)
"""


BARE_KEYS = """
import time, statistics
from textual.app import App
from textual.widgets import OptionList
times = []
class Bare(App):
    def compose(self):
        yield OptionList(*[f"{i}. module" for i in range(12)])
async def pilot(p):
    await p.pause(0.3)
    for key in ["down", "up"] * 20:
        t = time.perf_counter()
        await p.press(key)
        await p.pause()
        times.append(time.perf_counter() - t)
    p.app.exit()
Bare().run(headless=True, size=(80, 24), auto_pilot=pilot)
print(statistics.median(times) * 1000, max(times) * 1000)
"""


def run(code: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, out.stdout


def main(repeat: int = 9) -> None:
    with tempfile.TemporaryDirectory() as home:
        run(OURS, home)  # creates the store and the learner once
        bare, ours = [], []
        for _ in range(repeat):  # interleaved, so that machine noise hits both alike
            bare.append(run(BARE)[0])
            ours.append(run(OURS, home)[0])
        b, o = statistics.median(bare) * 1000, statistics.median(ours) * 1000
        print(f"{'bare Textual app, start to first screen':<52} median {b:8.1f} ms")
        print(f"{'ssc-learn, start to course map':<52} median {o:8.1f} ms")
        ratio = o / b
        print(f"{'ratio':<52} {ratio:8.2f}×  target ≤ 1.3×: {'met' if ratio <= 1.3 else 'MISSED'}")
        med, worst = map(float, run(KEYS, home)[1].split())
        bmed, bworst = map(float, run(BARE_KEYS)[1].split())
        print(
            f"{'key press + repaint, pilot-measured (median / worst)':<52} {med:8.1f} ms / {worst:.1f} ms  "
            f"target < 50 ms: {'met' if med < 50 else 'MISSED'}"
        )
        print(f"{'  the same measure on a bare OptionList app':<52} {bmed:8.1f} ms / {bworst:.1f} ms")


if __name__ == "__main__":
    main()
