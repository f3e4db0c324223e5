"""PDF quiz sheets: the print-ready HTML printed by a headless Chromium, when one is installed.

The PDF keeps real text (Chromium embeds the fonts it uses), so it can be searched and copied in every
language; Chinese needs a CJK font on the machine (e.g. Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import SSCError
from .i18n import N_

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Headless, and quiet: no first-run, sync, component-update or background connections (the machines this
# runs on may have no network, and Chromium would retry).
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--disable-dev-shm-usage",
)


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def html_to_pdf(html_text: str, target: Path, browser: str | None = None) -> None:
    """Print `html_text` to `target` with headless Chromium; SSCError when there is none."""
    browser = browser or find_browser()
    if browser is None:
        raise SSCError(
            N_(
                "PDF needs Chromium (e.g. 'apt-get install chromium'); or use --format html "
                "and print the page from any browser"
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "sheet.html"
        page.write_text(html_text, encoding="utf-8")
        cmd = [
            browser,
            *HEADLESS_FLAGS,
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SSCError(N_("Chromium could not print the PDF: {reason}"), reason=exc) from None
        if done.returncode != 0 or not target.exists():
            raise SSCError(N_("Chromium could not print the PDF: {reason}"), reason=done.stderr.strip()[:200])
