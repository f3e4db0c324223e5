"""A start-up cache: what the app builds from its content files, kept ready for the next start.

Reading the outline's YAML, parsing the document and compiling a gettext catalog cost tens of
milliseconds at every start; loading their result back costs one or two. An entry is keyed by the
size and modification time of every file it was built from, the code that builds it included, so an
edited catalog, outline or module is simply rebuilt.

The cache is optional and never an error: a missing, unreadable, stale or corrupt entry is rebuilt, and
a folder that cannot be written to is left alone. It lives in `<data dir>/cache/`, beside the learner's
progress, and is only written when a caller passes that folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")
CACHE_DIR = "cache"


def fingerprint(kind: str, sources: Iterable[Path]) -> str:
    """A key that changes when any source file changes size or modification time."""
    digest = hashlib.sha256(f"{kind}\0{__version__}".encode())
    for path in sources:
        st = path.stat()
        digest.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def cached(
    kind: str,
    sources: Iterable[Path],
    build: Callable[[], T],
    cache_dir: Path | None,
    *,
    dump: Callable[[T], bytes] = pickle.dumps,
    load: Callable[[bytes], T] = pickle.loads,
) -> T:
    """`build()`, or its result as saved in `cache_dir` by an earlier call with the same sources.

    `kind` names the entry (one file per kind is kept). Without a `cache_dir` this is `build()`.
    """
    if cache_dir is None:
        return build()
    try:
        key = fingerprint(kind, sources)
    except OSError:
        return build()
    path = cache_dir / f"{kind}-{key}.bin"
    try:
        # An entry is code to the unpickler: only the user's own files are read (a shared data
        # folder must not let another account run code as this one).
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            raise PermissionError(path)
        return load(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing, foreign, damaged or outdated entry is rebuilt
        pass
    value = build()
    _save(cache_dir, kind, path, dump(value))
    return value


def _save(cache_dir: Path, kind: str, path: Path, data: bytes) -> None:
    tmp: str | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # readers see the old entry or the new one, never half of one
        tmp = None
        for old in cache_dir.glob(f"{kind}-*.bin"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
