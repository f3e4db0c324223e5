"""Errors the domain core and the commands raise for bad content or bad input.

Each carries a one-line, user-facing message as an English template and its values; the CLI prints it
in the user's language and exits non-zero instead of showing a traceback, the app shows it in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NewType

Template = NewType("Template", str)
"""An English message marked with `N_`, its `{placeholders}` still unfilled."""


def N_(message: str) -> Template:
    """Mark a string for extraction without translating it now (it is translated where shown).

    The result is a `Template`, the only kind of message an `SSCError` or a `Phrase` accepts: a string
    formatted or translated before raising is a type error. (`course.i18n` re-exports it.)
    """
    return Template(message)


class Phrase(str):
    """An error parameter that is itself a marked template (with values of its own), translated with the
    message. Any other value (a learner's name, a path, a word the user typed, an OS error text) is shown
    as it is: user data never goes through gettext.

    As a `str` it is the English text, so `str(exc)` and logs read as before.
    """

    template: Template
    params: dict[str, Any]

    def __new__(cls, template: Template, **params: Any) -> Phrase:
        phrase = super().__new__(cls, _fill(template, params))
        phrase.template = template
        phrase.params = params
        return phrase

    @classmethod
    def of(cls, error: SSCError) -> Phrase:
        """An error's message as a parameter of another one (its template and values kept)."""
        return cls(error.template, **error.params)

    def localized(self, gettext: Callable[[str], str]) -> str:
        return _localize(self.template, self.params, gettext)


class SSCError(Exception):
    """Base class for errors that are the user's input, not a bug.

    The one error convention: raise with an English template marked by `N_` and its values,
    `SSCError(N_("no learner called {name!r}"), name=name)`; the interface translates it where it is
    shown (`localized()`: the CLI's one line, the app's dialog or notification). Never pass a string
    already formatted or translated (a `Template` comes only from `N_`, so mypy refuses one, and
    tests/test_errors.py checks every call). A value that should be translated too is a `Phrase`.
    """

    exit_code = 2

    def __init__(self, message: Template, **params: Any) -> None:
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
        return _localize(self.template, self.params, gettext)


def _localize(template: str, params: dict[str, Any], gettext: Callable[[str], str]) -> str:
    values = {k: v.localized(gettext) if isinstance(v, Phrase) else v for k, v in params.items()}
    return _fill(gettext(template) if template else template, values)  # gettext("") is the header


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

    @classmethod
    def first_of(cls, problems: list[str]) -> ContentError:
        """The first of a content check's problem lines, with how many more there are.

        Problem lines (`file:line: …`) are what `ssc-learn check` lists for content authors, in English
        like a compiler's; only the sentence around one is translated.
        """
        if len(problems) == 1:
            return cls(N_("{problem}"), problem=problems[0])
        return cls(N_("{problem} (and {n} more)"), problem=problems[0], n=len(problems) - 1)


class LanguageError(SSCError):
    """An unknown or unsupported language tag."""


class StoreError(SSCError):
    """The progress store cannot be opened or written.

    `kind` says why, so that `doctor` moves a store aside only when it is really damaged: "corrupt",
    "newer" (a newer schema), "locked", "readonly", "full" (no space left), "io" or "other".
    """

    def __init__(self, message: Template, *, kind: str = "other", **params: Any) -> None:
        super().__init__(message, **params)
        self.kind = kind
