"""Reading JSON someone else wrote: bounded nesting, so a hostile file is an error, not a crash."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .errors import N_, Phrase

MAX_DEPTH = 32  # an export is 4 levels deep; nothing the tool reads needs more


class JSONInputError(ValueError):
    """Text that is not JSON the tool can read; `msg` and `lineno` as in json.JSONDecodeError (a `Phrase`
    when the reason is this module's, so it is translated where shown)."""

    def __init__(self, msg: str, lineno: int = 1) -> None:
        super().__init__(msg)
        self.msg = msg
        self.lineno = lineno


def loads(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse `text`; JSONInputError for bad JSON or arrays and objects nested deeper than `max_depth`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONInputError(exc.msg, exc.lineno) from None
    except RecursionError:
        raise JSONInputError(Phrase(N_("nested more than {n} levels deep"), n=max_depth)) from None
    if _depth(data) > max_depth:
        raise JSONInputError(Phrase(N_("nested more than {n} levels deep"), n=max_depth))
    return data


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest in `data` (iterative: a deep value cannot overflow the stack)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        children: Iterable[Any]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest
