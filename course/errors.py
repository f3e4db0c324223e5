"""Errors the domain core raises for bad content or bad input.

Each carries a one-line, user-facing message; the CLI prints it and exits non-zero instead of showing
a traceback.
"""

from __future__ import annotations


class SSCError(Exception):
    """Base class for errors that are the user's input, not a bug."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DocumentError(SSCError):
    """A seed document that cannot be parsed into numbered paragraphs."""


class ContentError(SSCError):
    """Outline, glossary, translation or question-bank content that is malformed."""


class LanguageError(SSCError):
    """An unknown or unsupported language tag."""


class StoreError(SSCError):
    """The progress store cannot be opened or written."""
