"""Making learner-typed text safe where it leaves the program: CSV cells and terminal lines.

Any CSV the tool writes passes its cells through `csv_cell` (a spreadsheet would run a cell starting
with = + - @ tab or carriage return as a formula); any name printed to a terminal passes through
`terminal_text` (an escape sequence in a name could recolour, retitle or rewrite the terminal).
"""

from __future__ import annotations

import unicodedata
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Bidirectional overrides and isolates can make a name display as something else.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a quote before it.

    Numbers are left as numbers; only text can carry a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: list[Any]) -> list[Any]:
    """`csv_cell` applied to every cell of a row."""
    return [csv_cell(v) for v in values]


def _unsafe(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


def has_control(text: str) -> bool:
    """Whether `text` holds a control, line-separator or bidirectional-override character."""
    return any(_unsafe(ch) for ch in text)


def terminal_text(text: str) -> str:
    """`text` with every control character shown as a visible escape (\\x1b, \\u202e).

    Shown rather than dropped, so that two names that differ only by such a character still look
    different, and no escape sequence ever reaches the terminal.
    """
    if not has_control(text):
        return text
    return "".join(_visible(ch) if _unsafe(ch) else ch for ch in text)


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
