"""What every screen shares: interface text in the learner's language, key bindings included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual import getters
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from .app import SSCLearnApp


def translate_bindings(node: Any, gettext: Callable[[str], str] | None = None) -> None:
    """Show a node's key descriptions (written in English and marked with N_) in the current language
    (the app's, unless `gettext` is given).

    Textual has no public way to change a binding's description, so this rewrites the private
    `_bindings.key_to_bindings`; pyproject.toml keeps textual below 9 and tests/test_textual_private.py
    fails when that structure changes."""
    if gettext is None:
        gettext = node.app.t.gettext
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

    if TYPE_CHECKING:  # a screen's `app`, which Textual types as App[object] (see BaseScreen)
        app: SSCLearnApp

    def _(self, message: str) -> str:
        return self.app.t.gettext(message)

    def on_mount(self) -> None:
        translate_bindings(self, self.app.t.gettext)

    def retranslate(self) -> None:
        translate_bindings(self, self.app.t.gettext)
        node = cast(Widget, self)  # the mixin is only ever part of a screen
        node.refresh(recompose=True)
        node.refresh_bindings()


class BaseScreen(Translated, Screen[Any]):
    """A full screen of the course."""

    if TYPE_CHECKING:  # Textual's typed-app property; at run time the screen keeps Textual's own
        app = getters.app(SSCLearnApp)


class BaseModal(Translated, ModalScreen[Any]):
    """A dialog over the current screen."""

    if TYPE_CHECKING:
        app = getters.app(SSCLearnApp)
