"""The live round on the projector: join address, QR code and code, lobby, question, reveal, scores.

The host (course/live_net.py) runs in the app's own event loop; its changes repaint this screen.
"""

from __future__ import annotations

import random
from typing import Any

from rich.text import Text
from ssc_learn.course.i18n import N_
from ssc_learn.course.live import FINISHED, LOBBY, QUESTION, REVEAL, RoundConfig, new_join_code
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Digits, Input, SelectionList, Static

from ..base import BaseScreen
from ..keybar import KeyBar
from ..text import Prose, cjk_wrap
from .workshop import WorkshopSetupScreen, projected

VERDICT_STYLE = {"correct": "bold green", "partial": "bold yellow", "incorrect": "bold red"}
VERDICT_LABEL = {"correct": N_("✓ correct"), "partial": N_("~ partly right"), "incorrect": N_("✗ incorrect")}


def qr_text(data: str) -> str:
    """A QR code drawn with half blocks, two modules a character, with its quiet zone.

    Drawn in white on black (live.tcss): a block is light modules, a space dark ones, so the code reads
    dark on light as scanners expect, whatever the terminal's theme.
    """
    import segno

    rows = [
        [bool(m) for m in row] for row in segno.make(data, error="l", boost_error=False).matrix_iter(border=2)
    ]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    chars = {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}
    return "\n".join(
        "".join(chars[(top, bottom)] for top, bottom in zip(rows[i], rows[i + 1]))
        for i in range(0, len(rows), 2)
    )


class LiveSetupScreen(WorkshopSetupScreen):
    """The workshop setup, plus the leaderboard choice; starts a live round instead of the presenter."""

    def compose(self) -> ComposeResult:
        yield from super().compose()

    def on_mount(self) -> None:
        super().on_mount()
        row = self.query_one(".ws-row", Horizontal)
        row.mount(Checkbox(self._("Leaderboard"), False, id="ws-leaderboard"), before=row.children[-1])
        row.mount(
            Checkbox(self._("Open to the room's network"), False, id="ws-network"), before=row.children[-1]
        )

    def action_start(self) -> None:
        from ssc_learn.course.live import new_round

        modules = list(self.query_one(SelectionList).selected)
        if not modules:
            self.notify(self._("Pick at least one module."), severity="warning")
            return
        session = self.app.session
        if session is None:
            return
        config = RoundConfig(
            code=new_join_code(),
            modules=tuple(modules),
            count=max(1, int(self.query_one("#ws-count", Input).value or 10)),
            seconds=max(5, int(self.query_one("#ws-seconds", Input).value or 30)),
            lang=self.app.t.lang if self.app.t.lang in self.app.course.bank.languages() else "zh",
            seed=str(random.random()),
            leaderboard=self.query_one("#ws-leaderboard", Checkbox).value,
        )
        live = new_round(self.app.course, session.store, config)
        # This computer only, unless the facilitator opens the round to the room (and is told so).
        host = "0.0.0.0" if self.query_one("#ws-network", Checkbox).value else "127.0.0.1"
        if host != "127.0.0.1":
            self.notify(
                self._(
                    "Listening on the network ({host}): anyone on it who has the join code can take part. "
                    "Use this only on the room's own network."
                ).format(host=host),
                severity="warning",
                timeout=10,
            )
        from ..commands_live import DEFAULT_PORT

        self.app.switch_screen(LiveHostScreen(live, session.store, host, DEFAULT_PORT))


class LiveHostScreen(BaseScreen):
    """The projector view of a live round."""

    BINDINGS = [
        Binding("n,right,enter", "advance", N_("Start / next")),
        Binding("r", "reveal", N_("Reveal")),
        Binding("escape", "end", N_("End")),
    ]

    def __init__(self, live: Any, store: Any, host: str, port: int) -> None:
        super().__init__()
        self.live, self.store, self.bind_host, self.bind_port = live, store, host, port
        self.host: Any = None
        self.address = ""
        self.shown: tuple[str, int] = ("", -2)

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        live = self.live
        with VerticalScroll(id="live"):
            if live.phase == LOBBY or not self.address:
                yield from self._lobby()
            elif live.phase == QUESTION:
                yield from self._question()
            elif live.phase == REVEAL:
                yield from self._reveal()
            else:
                yield from self._final()
        yield KeyBar()

    def _lobby(self) -> ComposeResult:
        _ = self._
        with Horizontal(id="live-join"):
            yield Static(Text(qr_text(self.join_url()) if self.address else "", no_wrap=True), id="live-qr")
            with Vertical(id="live-join-text"):
                yield Static(
                    Text(_("Join at {address}").format(address=self.address), style="bold"), id="live-address"
                )
                yield Static(_("Join code"))
                yield Digits(self.live.config.code, id="live-code")
                yield Static(self._lobby_names(), id="live-names")
                yield Static(Text(_("Press Enter to start."), style="dim"))

    def _lobby_names(self) -> Text:
        names = [p.name for p in self.live.participants.values()]
        text = Text(self._("{n} joined").format(n=len(names)) + "\n", style="bold")
        text.append("  ·  ".join(names))
        return text

    def _question(self) -> ComposeResult:
        _ = self._
        live = self.live
        p = live.items[live.index]
        q = p.question
        yield Static(
            Text(_("Question {n} of {total}").format(n=live.index + 1, total=live.total), style="dim")
        )
        with Center():
            yield Digits(str(int(live.time_left(self.host.clock()) + 0.99)), id="live-timer")
        yield Static(self._count_text(), id="live-count")
        yield Prose(Text(cjk_wrap(q.prompt), style="bold"), id="live-prompt")
        yield Prose(projected(p, _), id="live-options")

    def _count_text(self) -> Text:
        return Text(
            self._("{answered} of {n} answered").format(
                answered=self.live.answered_count(), n=len(self.live.participants)
            ),
            style="bold",
        )

    def _reveal(self) -> ComposeResult:
        _ = self._
        live = self.live
        rev = live.reveal()
        q = rev.question
        yield Static(
            Text(_("Question {n} of {total}").format(n=live.index + 1, total=live.total), style="dim")
        )
        yield Prose(Text(cjk_wrap(q.prompt), style="bold"), id="live-prompt")
        body = Text()
        body.append(_("Answer: {answer}").format(answer=rev.answer), style="bold green")
        if rev.answer != rev.solution:
            body.append(f"  ({rev.solution})", style="green")
        body.append("\n")
        body.append(
            _("{answered} of {n} answered, {correct} correct; answer: {answer}").format(
                answered=rev.answered, n=rev.participants, correct=rev.correct, answer=rev.answer
            )
            + "\n\n"
        )
        most = max([b.count for b in rev.bars] + [1])
        for bar in rev.bars:
            label = {"T": _("True"), "F": _("False")}.get(bar.label, bar.label)
            body.append(f"{label:>6} ", style="bold")
            body.append(
                "█" * round(30 * bar.count / most) + f" {bar.count}", style="green" if bar.correct else ""
            )
            if bar.label not in ("T", "F"):
                body.append("  " + bar.text[:50], style="dim")
            body.append("\n")
        for verdict, replies in rev.groups.items():
            body.append(_(VERDICT_LABEL[verdict]) + "\n", style=VERDICT_STYLE[verdict])
            for reply, n in replies[:12]:
                body.append(f"   {reply}" + (f"  ×{n}" if n > 1 else "") + "\n")
        if q.explanation:
            body.append("\n" + cjk_wrap(q.explanation) + "\n")
        pid = q.source[0]
        para, _fallback = self.app.course.paragraph(pid, self.app.t.lang)
        body.append(_("Paragraph {id}:").format(id=pid) + " ", style="bold")
        body.append(cjk_wrap(para.text) + "\n")
        if live.config.leaderboard:
            body.append("\n")
            for i, s in enumerate(live.standings()[:5], 1):
                body.append(f"{i}. {s.participant.name}  {s.score:g}\n")
        yield Prose(body, id="live-reveal")

    def _final(self) -> ComposeResult:
        _ = self._
        live = self.live
        standings = live.standings()
        text = Text(_("Final scores:") + "\n", style="bold")
        if live.config.leaderboard:
            for i, s in enumerate(standings, 1):
                text.append(f"{i:>3}. {s.participant.name}  {s.score:g} / {live.total}\n")
        elif standings:
            mean = sum(s.score for s in standings) / len(standings)
            text.append(
                _("{n} participants; average score {score} of {total}").format(
                    n=len(standings), score=f"{mean:.1f}", total=live.total
                )
                + "\n"
            )
        text.append("\n" + _("Most missed questions:") + "\n", style="bold")
        for index, q, n in live.most_missed():
            text.append(f"  {index + 1}. ({n}) {q.prompt}\n")
        yield Prose(text, id="live-final")

    # -- the host ---------------------------------------------------------------------------------

    def join_url(self) -> str:
        return f"{self.address}?code={self.live.config.code}"

    async def on_mount(self) -> None:  # type: ignore[override]  # Textual awaits an async handler
        from ssc_learn.course.live_net import LiveHost

        from ..app import problem_message
        from ..commands_live import join_address

        super().on_mount()
        self.host = LiveHost(self.live, self.store, on_change=self._changed)
        if self.live.phase == QUESTION:
            self.live.resume(self.host.clock())
        try:
            bound = await self._listen()
        except OSError as exc:
            self.app.show_error(problem_message(exc, self.app.t.gettext) or str(exc), fatal=False)
            return
        self.address = join_address(*bound)
        self.shown = ("", -2)
        self._changed()
        self.set_interval(0.5, self._tick)

    async def _listen(self) -> tuple[str, int]:
        """Listen on the port asked for; from the course map, any free port when that one is taken."""
        try:
            return await self.host.start(self.bind_host, self.bind_port)
        except OSError:
            if self.app.live is not None:  # `workshop host --port P`: the port given, or a clear error
                raise
            await self.host.stop()
            return await self.host.start(self.bind_host, 0)

    async def on_unmount(self) -> None:
        if self.host is not None:
            await self.host.stop()

    def _changed(self) -> None:
        key = (self.live.phase, self.live.index)
        if key != self.shown:
            self.shown = key
            self.refresh(recompose=True)
            return
        if self.live.phase == LOBBY:
            for w in self.query("#live-names"):
                w.update(self._lobby_names())  # type: ignore[attr-defined]
        elif self.live.phase == QUESTION:
            for w in self.query("#live-count"):
                w.update(self._count_text())  # type: ignore[attr-defined]

    def _tick(self) -> None:
        if self.live.phase == QUESTION and self.host is not None:
            for w in self.query("#live-timer"):
                w.update(str(int(self.live.time_left(self.host.clock()) + 0.99)))  # type: ignore[attr-defined]

    async def action_advance(self) -> None:
        if self.host is not None and self.live.phase != FINISHED:
            await self.host.advance()

    async def action_reveal(self) -> None:
        if self.host is not None:
            await self.host.reveal()

    async def action_end(self) -> None:
        if self.host is not None and self.live.phase != FINISHED:
            await self.host.finish()
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.exit()
