"""`ssc-learn serve`: the course in a web browser (headless Chromium on loopback, when installed)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ssc_learn.course.sheet_pdf import HEADLESS_FLAGS, find_browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_runs_the_app_for_each_session(tmp_path: Path):
    import argparse

    from ssc_learn.tui.commands_serve import serve_command

    command = serve_command(argparse.Namespace(data_dir=str(tmp_path), lang=None))
    assert "--choose-learner" in command and str(tmp_path) in command and "ssc_learn.tui.cli" in command


@pytest.mark.skipif(find_browser() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_a_browser_opens_the_course(tmp_path: Path):
    port = _free_port()
    env = dict(os.environ, SSC_LEARN_HOME=str(tmp_path / "home"))
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "ssc_learn.tui.cli", "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):  # bounded wait for the server to listen
            try:
                with urllib.request.urlopen(url, timeout=1) as page:
                    assert page.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + log.read_text())
        dom = subprocess.run(
            [
                find_browser(),
                *HEADLESS_FLAGS,
                f"--user-data-dir={tmp_path / 'chrome'}",
                "--virtual-time-budget=8000",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        assert "xterm-screen" in dom  # the terminal the app draws into
        for _ in range(50):  # the server logs the session's websocket a moment later
            if "/ws?" in log.read_text():
                break
            time.sleep(0.1)
        assert "/ws?" in log.read_text(), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
