"""The key bar at the foot of every screen: the keys that work here, in the learner's language.

Textual's `Footer` builds one widget per key and rebuilds them all whenever focus moves: about 27 ms of
the app's start-up, and more on every screen switch. This bar is a single line of text: it is redrawn,
not recomposed, and each key in it is still clickable.
"""

from __future__ import annotations

from itertools import groupby

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

KEY_META = "keybar-key"


def fit_keys(parts: list[Content], width: int, gap: str) -> Content | None:
    """All the keys in `width` cells, `gap` apart; None when they do not fit."""
    line = Content(" ") + Content(gap).join(parts)
    return line if line.cell_length <= width else None


def squeeze_keys(parts: list[Content], width: int) -> Content:
    """As many keys as fit in `width` cells, an ellipsis standing for those left out (help lists them
    all); the last two, which on the course's screens are Help and the way out, are always kept."""
    return _squeeze(parts, width)[0]


def _squeeze(parts: list[Content], width: int) -> tuple[Content, int]:
    """`squeeze_keys`, and how many keys it kept."""
    keep_last = parts[-2:]
    head = parts[:-2]
    while head:
        head = head[:-1]
        line = Content(" ") + Content(" ").join([*head, Content("…"), *keep_last])
        if line.cell_length <= width:
            return line, len(head) + len(keep_last)
    line = Content(" ") + Content(" ").join(keep_last)
    return (line if line.cell_length <= width else line.truncate(width)), len(keep_last)


class KeyBar(Static):
    """One line listing the current screen's shown key bindings; the palette key sits at the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    _shown: Content | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            content = self.keys_content()
            # Bindings change with every move of the focus, the keys shown far less often. The bar is one
            # line whatever it says: a new text is redrawn without laying out the screen again.
            if self._shown is None or not content.is_same(self._shown):
                self._shown = content
                self.update(content, layout=False)

    def keys_content(self) -> Content:
        """The bar's text: `key description` pairs, one per action, then the palette key at the right."""
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        shown = [
            (binding, enabled)
            for key, (_node, binding, enabled, _tip) in self.screen.active_bindings.items()
            if binding.show and key != palette
        ]
        parts: list[Content] = []
        # Several keys bound to one action (enter and space, say) are listed once, as Footer does.
        for _action, group in groupby(shown, key=lambda item: item[0].action):
            binding, enabled = next(group)
            parts.append(self._key(app.get_key_display(binding), binding.description, binding.key, enabled))
        right: Content | None = None
        if palette and palette in self.screen.active_bindings:
            _node, binding, enabled, _tip = self.screen.active_bindings[palette]
            right = self._key(app.get_key_display(binding), binding.description, binding.key, enabled)
        width = self.size.width
        if width <= 0:  # not laid out yet; drawn again on the first resize
            return Content("")
        # Two spaces between keys read best, then one will do; then middle keys give way to the
        # search key (the way to find anything) while most keys still show; then it gives way too.
        for gap, palette_key in (("  ", right), (" ", right), ("  ", None), (" ", None)):
            room = width - palette_key.cell_length - 2 if palette_key else width
            left = fit_keys(parts, room, gap)
            if left is not None:
                break
            if palette_key is not None and gap == " ":
                squeezed, kept = _squeeze(parts, room)
                if kept * 2 >= len(parts):
                    left = squeezed
                    break
        else:
            left, palette_key = squeeze_keys(parts, width), None
        if palette_key is None:
            return left
        return (
            left + Content(" " * (width - left.cell_length - palette_key.cell_length - 1)) + palette_key + " "
        )

    @staticmethod
    def _key(display: str, description: str, key: str, enabled: bool) -> Content:
        key_style = "bold $footer-key-foreground"
        text_style = "$footer-description-foreground"
        if not enabled:
            key_style, text_style = key_style + " dim", text_style + " dim"
        item = Content.assemble((display, key_style), (f" {description}" if description else "", text_style))
        # The key rides along as metadata, not as an @click link: links would be restyled as links.
        return item.stylize(Style.from_meta({KEY_META: key}))

    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get(KEY_META)
        if key:
            event.stop()
            self.app.simulate_key(key)
