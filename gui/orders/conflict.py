"""What an order window's actions run with: the version of the order its user has seen.

An order window hands its action runner (and through it every action dialog) an
:class:`OrderSeenContext` instead of the plain :class:`~gui.context.DeskContext`. Its ``act``
runs each service through :func:`core.concurrency.expecting` with the newest version of the
order this window has shown or produced, so an action pressed on what the screen showed is
refused with ``ConcurrencyConflict`` when someone else changed the order in between — never
applied to a state the user has not seen. On that refusal the order is reloaded first (the
change bus announces it, so the window and every list refresh) and then the message is shown;
a dialog stays open with what was typed, and sending it again acts on the reloaded order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtWidgets import QWidget

from core.concurrency import expecting
from core.errors import ConcurrencyConflict
from gui.context import Changed, DeskContext


@dataclass
class OrderSeenContext(DeskContext):
    """A DeskContext for one order's window. Use on the GUI thread only."""

    order_id: int = 0
    seen_version: int = 0  # 0: nothing shown yet, act without a check

    def saw(self, version: int) -> None:
        """The window showed (or an action returned) the order at ``version``."""
        self.seen_version = max(self.seen_version, version)

    def act(
        self,
        service: Callable[..., Any],
        *args: Any,
        parent: QWidget | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: str | None = None,
        **kwargs: Any,
    ) -> None:
        if self.seen_version:
            service = expecting(self.order_id, self.seen_version, service)

        def done(result: Any) -> None:
            version = getattr(result, "version", None)
            if getattr(result, "id", None) == self.order_id and isinstance(version, int):
                self.saw(version)
            if on_done is not None:
                on_done(result)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ConcurrencyConflict):
                self.bus.orders_changed.emit(Changed(frozenset({self.order_id})))
            if on_error is not None:
                on_error(exc)
            else:
                self.prompts.error(parent, exc)

        super().act(service, *args, parent=parent, on_done=done, on_error=refused,
                    progress=progress, **kwargs)


def seen_context(ctx: DeskContext, order_id: int) -> OrderSeenContext:
    """A copy of ``ctx`` (same bus, worker, prompts and extras) for order ``order_id``."""
    base = {f.name: getattr(ctx, f.name) for f in fields(DeskContext) if f.init}
    return OrderSeenContext(**base, order_id=order_id)
