"""What every screen shares: interface text in the learner's language, key bindings included."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from .app import SSCLearnApp


def translate_bindings(node: Any, gettext: Any) -> None:
    """Show a node's key descriptions (written in English and marked with N_) in the current language."""
    originals = getattr(node, "_binding_originals", None)
    if originals is None:
        originals = {key: list(bs) for key, bs in node._bindings.key_to_bindings.items()}
        node._binding_originals = originals
    for key, bindings in originals.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=gettext(b.description) if b.description else "") for b in bindings
        ]


class Translated:
    """Mixin: `self._()` translates, and bindings follow the language (call `retranslate()` on a switch)."""

    app: SSCLearnApp

    def _(self, message: str) -> str:
        return self.app.t.gettext(message)

    def on_mount(self) -> None:
        translate_bindings(self, self.app.t.gettext)

    def retranslate(self) -> None:
        translate_bindings(self, self.app.t.gettext)
        self.refresh(recompose=True)  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]


class BaseScreen(Translated, Screen[Any]):
    """A full screen of the course."""


class BaseModal(Translated, ModalScreen[Any]):
    """A dialog over the current screen."""
