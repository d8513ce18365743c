"""What every screen is handed: who is signed in, how to reach the data, and the change bus.

``main.py`` (or a test) builds one :class:`DeskContext` after login and passes it to the main
window, which passes it to each screen. Nothing here is global. Screens call services through
:meth:`DeskContext.act` (background, then a broadcast of what changed) and read through
:meth:`DeskContext.read` (background, no broadcast).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from core.clock import Clock
from core.model import Actor
from core.ports import UnitOfWork
from core.queries import QueriesFactory
from gui.ops import Ops
from gui.prompts import Prompts

UowFactory = Callable[..., UnitOfWork]  # uow(write: bool = True) -> a new unit of work


@dataclass(frozen=True)
class Changed:
    """What an action changed: the orders it touched (empty: unknown, reload everything) and
    whether reference data (departments, categories, policies, calendar, users) changed."""

    order_ids: frozenset[int] = frozenset()
    reference: bool = False


class ChangeBus(QObject):
    """Broadcasts after every successful action; each view reloads only what it shows."""

    orders_changed = Signal(object)  # Changed
    reference_changed = Signal()
    order_requested = Signal(int)  # a screen asks the main window to open an order


@dataclass
class DeskContext:
    """One signed-in session of the desk. Create on the GUI thread."""

    uow: UowFactory
    queries: QueriesFactory
    clock: Clock
    actor: Actor
    user_name: str
    ops: Ops
    prompts: Prompts
    db_label: str = ""
    language: str = "zh_CN"
    data_dir: Path = field(default_factory=lambda: Path.home() / ".hotline8890")
    calendar_warning: str | None = None
    bus: ChangeBus = field(default_factory=ChangeBus)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "stats_reader": a factory

    def read(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        parent: QWidget | None = None,
        progress: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work`` off the GUI thread; errors are shown to the user unless handled."""
        self.ops.run(work, on_done, on_error or (lambda exc: self.prompts.error(parent, exc)),
                     progress=progress, parent=parent)

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
        """Call ``service(uow, actor, clock, *args, **kwargs)`` in the background. On success
        broadcast the order it returned (an ``OrderSummary``'s ``id``) and call ``on_done``; on
        a refusal show the service's message (or call ``on_error``) — nothing was changed."""

        def work() -> Any:
            return service(self.uow(), self.actor, self.clock, *args, **kwargs)

        def done(result: Any) -> None:
            order_id = getattr(result, "id", None)
            ids = frozenset({order_id}) if isinstance(order_id, int) else frozenset()
            if on_done is not None:
                on_done(result)
            self.bus.orders_changed.emit(Changed(ids))

        self.ops.run(work, done, on_error or (lambda exc: self.prompts.error(parent, exc)),
                     progress=progress, parent=parent)

    def tr_error(self, exc: BaseException) -> str:
        from gui.prompts import error_text

        return error_text(exc, self.language)
