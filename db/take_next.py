"""The SQL of "take next": hand the oldest waiting online message to exactly one operator.

A message waits while its order is ``registered`` and nobody holds a live claim on it (a claim
older than the timeout has lapsed; a claim on an order that left ``registered`` means nothing).
The claim is two columns on ``work_order`` (``claimed_by``, ``claimed_at``; migration 0005);
claiming does not change the order's ``version`` (it is not a change of the order itself) and
writes no event.

PostgreSQL: ``SELECT ... FOR UPDATE OF work_order SKIP LOCKED LIMIT 1`` picks a row nobody else
is claiming at that instant, so operators pressing at once get different messages without
waiting on each other. SQLite: the writer's ``BEGIN IMMEDIATE`` already lets one claimer in at a
time. On both, the claiming ``UPDATE`` repeats the conditions and its row count is checked, so a
row that stopped qualifying between the two statements is never taken.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from core.model import ChannelKind, OrderState
from db import models as r

ATTEMPTS = 5  # candidates tried before giving up (only ever more than one under a race)


class SqlClaimRepository:
    """``uow.claims``: claims of waiting messages. Use inside a writing unit of work."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def _claimable(self, stale_before: datetime) -> ColumnElement[bool]:
        wo = r.WorkOrder
        return and_(wo.state == OrderState.REGISTERED,
                    or_(wo.claimed_by.is_(None), wo.claimed_at < stale_before))

    def held_by(self, user_id: int, stale_before: datetime,
                channel_kinds: Collection[ChannelKind]) -> int | None:
        """The oldest waiting message ``user_id`` holds a live claim on, if any."""
        wo = r.WorkOrder
        return self._s.scalar(
            select(wo.id).join(r.Channel, r.Channel.id == wo.channel_id)
            .where(wo.state == OrderState.REGISTERED, wo.claimed_by == user_id,
                   wo.claimed_at >= stale_before, r.Channel.kind.in_(list(channel_kinds)))
            .order_by(wo.registered_at, wo.id).limit(1))

    def claim_next(self, user_id: int, now: datetime, stale_before: datetime,
                   channel_kinds: Collection[ChannelKind]) -> int | None:
        """Claim the oldest waiting message of ``channel_kinds`` for ``user_id``; its order id,
        or None when nothing waits. The caller commits."""
        wo = r.WorkOrder
        claimable = self._claimable(stale_before)
        for _ in range(ATTEMPTS):
            pick = (select(wo.id).join(r.Channel, r.Channel.id == wo.channel_id)
                    .where(claimable, r.Channel.kind.in_(list(channel_kinds)))
                    .order_by(wo.registered_at, wo.id).limit(1))
            if self._dialect == "postgresql":
                pick = pick.with_for_update(skip_locked=True, of=wo)
            order_id = self._s.scalar(pick)
            if order_id is None:
                return None
            taken = self._s.execute(
                update(wo).where(wo.id == order_id, claimable)
                .values(claimed_by=user_id, claimed_at=now)
                .execution_options(synchronize_session=False))
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                return int(order_id)
        return None

    def release(self, order_id: int, user_id: int) -> bool:
        """Give a claim back (only the holder's own); True when there was one."""
        wo = r.WorkOrder
        done = self._s.execute(
            update(wo).where(wo.id == order_id, wo.claimed_by == user_id)
            .values(claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False))
        return done.rowcount == 1  # type: ignore[attr-defined]
