""""Take next" (取下一条): operators share one queue of online messages.

Messages from the portals, feeds and monitoring arrive as registered orders. Instead of every
operator picking from the same list (and two of them answering the same message), an operator
presses "take next" and gets the oldest message nobody is working on; the claim lasts until the
order leaves ``registered`` (dispatched, closed directly, linked as a duplicate) or until
:data:`CLAIM_TIMEOUT` passes without that, after which the message goes back to the queue.
An operator who still holds a live claim gets that message again rather than a second one.

Each message is handed to exactly one operator, however many press at once: the storage
(``db/take_next.py``) claims with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL and under the
writer's lock on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import Protocol

from core.clock import Clock
from core.model import Actor, ChannelKind
from core.permissions import permit
from core.ports import UnitOfWork
from core.services import OPERATIONAL, OrderSummary, summarize

CLAIM_TIMEOUT = timedelta(minutes=10)
ONLINE_KINDS: frozenset[ChannelKind] = frozenset({ChannelKind.ONLINE, ChannelKind.OPINION})


class ClaimPort(Protocol):
    def held_by(self, user_id: int, stale_before: datetime,
                channel_kinds: Collection[ChannelKind]) -> int | None: ...

    def claim_next(self, user_id: int, now: datetime, stale_before: datetime,
                   channel_kinds: Collection[ChannelKind]) -> int | None: ...

    def release(self, order_id: int, user_id: int) -> bool: ...


class ClaimingUnitOfWork(UnitOfWork, Protocol):
    claims: ClaimPort


def _enter(uow_or_factory: ClaimingUnitOfWork | Callable[[], ClaimingUnitOfWork]
           ) -> ClaimingUnitOfWork:
    if hasattr(uow_or_factory, "__enter__"):
        return uow_or_factory  # type: ignore[return-value]
    return uow_or_factory()  # type: ignore[operator]


def take_next(
    uow_or_factory: ClaimingUnitOfWork | Callable[[], ClaimingUnitOfWork],
    actor: Actor,
    clock: Clock,
    channel_kinds: Collection[ChannelKind] = ONLINE_KINDS,
    *,
    timeout: timedelta = CLAIM_TIMEOUT,
) -> OrderSummary | None:
    """Claim the oldest waiting message for ``actor`` and return its order (None when the queue
    is empty). Operators and supervisors only; one short writing transaction."""
    permit(actor, "take_next", *OPERATIONAL)
    if actor.user_id is None:
        return None
    now = clock.now()
    stale_before = now - timeout
    with _enter(uow_or_factory) as uow:
        order_id = uow.claims.held_by(actor.user_id, stale_before, channel_kinds)
        if order_id is None:
            order_id = uow.claims.claim_next(actor.user_id, now, stale_before, channel_kinds)
        if order_id is None:
            return None
        summary = summarize(uow.orders.get(order_id))
        uow.commit()
        return summary


def release(
    uow_or_factory: ClaimingUnitOfWork | Callable[[], ClaimingUnitOfWork],
    actor: Actor,
    clock: Clock,
    order_id: int,
) -> bool:
    """Give a message back to the queue before the claim lapses (only one's own claim)."""
    permit(actor, "take_next", *OPERATIONAL)
    if actor.user_id is None:
        return False
    with _enter(uow_or_factory) as uow:
        released = uow.claims.release(order_id, actor.user_id)
        uow.commit()
        return released
