"""Where ssc-learn finds its bundled content and keeps learner data.

Bundled content (seeds, quizzes, locales) ships beside this package, both in a source checkout and in
an installed wheel. Learner data lives only in the directory chosen by `--data-dir`, else
`SSC_LEARN_HOME`, else the platform's user data directory. Nothing here touches the disk on import.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "SSC_LEARN_HOME"
APP_NAME = "ssc-learn"

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def content_dir(name: str) -> Path:
    """The bundled content folder `name` (seeds, quizzes, locales)."""
    return _PACKAGE_ROOT / name


def seeds_dir() -> Path:
    return content_dir("seeds")


def quizzes_dir() -> Path:
    return content_dir("quizzes")


def locales_dir() -> Path:
    return content_dir("locales")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The learner data directory (not created here; the store creates it when it first writes)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
