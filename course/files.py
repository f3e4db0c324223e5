"""Writing output files all or nothing: made in a hidden staging folder, then moved into place."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .errors import SSCError
from .i18n import N_


def write_files(
    out: Path, files: Mapping[str, str | bytes], extra: Callable[[Path], None] | None = None
) -> list[str]:
    """Write `files` (name → text, or bytes) into `out`; `extra(staging)` may add more.

    Returns the paths written.

    If anything fails (an unwritable folder, a full disk, a failing `extra`), nothing is left in `out`.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ssc-learn-", dir=out))
    except OSError as exc:
        raise SSCError(N_("cannot write {path}: {reason}"), path=out, reason=exc.strerror or exc) from None
    try:
        for name, data in files.items():
            if isinstance(data, bytes):
                (staging / name).write_bytes(data)
            else:
                (staging / name).write_text(data, encoding="utf-8")
        if extra is not None:
            extra(staging)
        written = []
        for path in sorted(staging.iterdir()):
            path.replace(out / path.name)
            written.append(str(out / path.name))
        return written
    except OSError as exc:
        raise SSCError(N_("cannot write {path}: {reason}"), path=out, reason=exc.strerror or exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_file(path: Path, text: str) -> None:
    """Write one file all or nothing (a temporary file renamed into place)."""
    write_files(path.parent, {path.name: text})
