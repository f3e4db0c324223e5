"""Waiting in Pilot tests: on a condition, never for a fixed time.

`pilot.pause()` with no delay returns once the screen has handled its pending messages and the process
is idle, which is all a key press needs. What comes later is waited for by what the test needs to see:
work started by a timer (the map's figures 0.15 s after it shows, the app's warm-up 0.6 s after start),
a worker's result, a countdown's tick. `wait_until` checks its condition in small steps and fails the
test with a message after `timeout` seconds instead of hanging it; on a busy machine it simply takes
longer, where a fixed sleep would either waste time or be too short.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

STEP = 0.02  # seconds between two looks at the condition
TIMEOUT = 20.0  # generous: only a failing test waits this long


async def wait_until(
    pilot, condition: Callable[[], object], what: str = "", timeout: float = TIMEOUT
) -> None:
    """Pause until `condition()` is true (and, if it was not at once, once more for the screen to take
    in what made it so)."""
    await pilot.pause()
    if condition():
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what or condition}")
        await pilot.pause(STEP)
    await pilot.pause()


def map_shows_figures(app) -> bool:
    """The course map is on top with its progress figures in (they load in a worker after a timer)."""
    from ssc_learn.tui.screens.course_map import CourseMapScreen

    return isinstance(app.screen, CourseMapScreen) and bool(app.screen.progress)


async def settle(pilot) -> None:
    """Wait for the app's deferred work: the warm-up, the map's figures if the map is on top, and
    every worker still running; then for the screen to be drawn from it."""
    from ssc_learn.tui.screens.course_map import CourseMapScreen
    from textual.worker import WorkerCancelled

    app = pilot.app
    await wait_until(
        pilot,
        lambda: app.warmed.is_set() and (not isinstance(app.screen, CourseMapScreen) or app.screen.progress),
        "the warm-up and the map's figures",
    )
    if len(app.workers):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer load replaced an older one: the newer one is what shows
            pass
        await pilot.pause()


def workers_done(app) -> bool:
    """No worker of the app is still running (a search, a save, a load)."""
    return all(worker.is_finished for worker in app.workers)
