"""Errors the domain core raises for bad content or bad input.

Each carries a one-line, user-facing message; the CLI prints it and exits non-zero instead of showing
a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Phrase(str):
    """An error parameter that is itself a marked phrase, translated with the message; any other value
    (a learner's name, a path, a word the user typed) is shown as it is."""


class SSCError(Exception):
    """Base class for errors that are the user's input, not a bug.

    The message is an English template (marked with `N_` where it is raised) and its values, so that
    the interface can show it in the learner's language with `localized()`.
    """

    exit_code = 2

    def __init__(self, message: str, **params: Any) -> None:
        self.template = message
        self.params = params
        self.message = _fill(message, params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def localized(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of `gettext` (the English one if it has no translation).

        Only `Phrase` values are looked up too: a learner named "Quit" stays "Quit".
        """
        params = {k: gettext(v) if isinstance(v, Phrase) and v else v for k, v in self.params.items()}
        return _fill(gettext(self.template), params) if params else gettext(self.template)


def _fill(template: str, params: dict[str, Any]) -> str:
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class DocumentError(SSCError):
    """A seed document that cannot be parsed into numbered paragraphs."""


class ContentError(SSCError):
    """Outline, glossary, translation or question-bank content that is malformed."""


class LanguageError(SSCError):
    """An unknown or unsupported language tag."""


class StoreError(SSCError):
    """The progress store cannot be opened or written.

    `kind` says why, so that `doctor` moves a store aside only when it is really damaged: "corrupt",
    "newer" (a newer schema), "locked", "readonly", "full" (no space left), "io" or "other".
    """

    def __init__(self, message: str, *, kind: str = "other", **params: Any) -> None:
        super().__init__(message, **params)
        self.kind = kind
