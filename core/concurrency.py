"""Optimistic concurrency for a person at a screen: act only on the version they saw.

Every service loads its order under the writer's lock (``SELECT ... FOR UPDATE`` on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so two actions on one order never interleave and
the second always works on the first one's result. That keeps the data right, but a person
who pressed a button on what their screen showed must not have it applied to a state they
have not seen. :func:`expecting` wraps a service so that it first compares the locked order's
``version`` with the version the screen showed and raises :class:`ConcurrencyConflict`
(nothing changed) when someone else changed the order in between.

Of two staff who press 签收 on the same assignment at the same moment, one signs; the other
gets the conflict (with ``expecting``) or, without it, the refusal that the assignment is
already in progress; never two signatures.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from core.clock import Clock
from core.errors import ConcurrencyConflict
from core.model import Actor, WorkOrder
from core.ports import UnitOfWork

R = TypeVar("R")

_LOADERS = ("get", "get_by_ticket", "get_by_assignment", "get_by_return_request",
            "get_by_extension_request")


class _CheckedOrders:
    """The order repository of one unit of work, refusing the watched order at a version other
    than the expected one (checked once: the first time the order is loaded, under its lock)."""

    def __init__(self, inner: Any, order_id: int, version: int) -> None:
        self._inner = inner
        self._order_id = order_id
        self._version = version
        self._checked = False

    def _check(self, order: WorkOrder) -> WorkOrder:
        if not self._checked and order.id == self._order_id:
            self._checked = True
            if order.version != self._version:
                raise ConcurrencyConflict(ticket=order.ticket_no)
        return order

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if name in _LOADERS:
            return lambda *args, **kwargs: self._check(attr(*args, **kwargs))
        return attr


class ExpectingUnitOfWork:
    """A unit of work that passes everything to ``inner`` except that its ``orders`` refuse
    order ``order_id`` unless it is still at ``version``."""

    def __init__(self, inner: UnitOfWork, order_id: int, version: int) -> None:
        self._inner = inner
        self._order_id = order_id
        self._version = version

    def __enter__(self) -> Self:
        self._inner.__enter__()
        self.orders = _CheckedOrders(self._inner.orders, self._order_id, self._version)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def commit(self) -> None:
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


def expecting(order_id: int, version: int, service: Callable[..., R]) -> Callable[..., R]:
    """``service`` (shaped ``(uow, actor, clock, *args)``) refusing with ConcurrencyConflict
    unless order ``order_id`` is still at ``version`` when it is loaded under the lock."""

    def guarded(uow: UnitOfWork, actor: Actor, clock: Clock, *args: Any, **kwargs: Any) -> R:
        return service(ExpectingUnitOfWork(uow, order_id, version), actor, clock,
                       *args, **kwargs)

    guarded.__name__ = getattr(service, "__name__", "guarded")
    guarded.__doc__ = service.__doc__
    return guarded
