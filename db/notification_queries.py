"""The SQL behind the bell (``core/notifications.py``): events that concern a user, read marks.

Events are read newest first from an id on (``event.id > after``: a primary-key range; the
first id of the window is found through ``ix_event_at_kind``), joined by primary key to the
order, the assignment and its department. The rules of ``core.notifications.rules_for`` become
one ``OR`` of conditions; a notice's kind and a callback's outcome are read from the event's
JSON payload. Read marks are two small tables keyed by user (``notification_cursor``,
``notification_read``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from core.model import EventKind, OrderState
from core.notifications import EventNotice, ReadState, Rule
from db import models as r
from db.engine import WRITE
from db.setup import Database

E, A, W, D = r.Event, r.Assignment, r.WorkOrder, r.Department


def _condition(rule: Rule) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = [E.kind.in_(sorted(rule.kinds))]
    if rule.department_ids is not None:
        parts.append(A.department_id.in_(sorted(rule.department_ids)))
    if rule.notice_kinds is not None:
        parts.append(E.payload["notice_kind"].as_string().in_(
            sorted(k.value for k in rule.notice_kinds)))
    if rule.outcome is not None:
        parts.append(E.payload["outcome"].as_string() == rule.outcome.value)
    if rule.to_state is not None:
        parts.append(E.to_state == rule.to_state)
    return and_(*parts)


class SqlNotificationStore:
    """:class:`core.notifications.NotificationStore` on one session; see
    :func:`notification_store`."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def latest_event_id(self) -> int:
        return int(self._s.scalar(select(func.max(E.id))) or 0)

    def first_event_id_since(self, since: datetime) -> int | None:
        # two probes of the index on (at, kind): the first instant, then the least id at it
        first = self._s.scalar(select(func.min(E.at)).where(E.at >= since))
        if first is None:
            return None
        return int(self._s.scalar(select(func.min(E.id)).where(E.at == first)) or 0)

    def events(self, rules: tuple[Rule, ...], user_id: int, after_id: int, limit: int
               ) -> list[EventNotice]:
        if not rules:
            return []
        stmt = (
            select(E.id, E.order_id, W.ticket_no, E.at, E.kind, E.to_state, E.payload, D.name)
            .join(W, W.id == E.order_id)
            .outerjoin(A, A.id == E.assignment_id)
            .outerjoin(D, D.id == A.department_id)
            .where(E.id > after_id, or_(*(_condition(rule) for rule in rules)),
                   or_(E.actor_id.is_(None), E.actor_id != user_id))
            .order_by(E.id.desc())
            .limit(limit)
        )
        return [EventNotice(event_id=i, order_id=o, ticket_no=t, at=at, kind=EventKind(k),
                            to_state=OrderState(s), department=name or "",
                            payload=dict(payload or {}))
                for i, o, t, at, k, s, payload, name in self._s.execute(stmt)]

    def read_state(self, user_id: int, after_id: int) -> ReadState:
        through = int(self._s.scalar(
            select(r.NotificationCursor.read_through_id)
            .where(r.NotificationCursor.user_id == user_id)) or 0)
        nr = r.NotificationRead
        marked = self._s.scalars(
            select(nr.event_id).where(nr.user_id == user_id,
                                      nr.event_id > max(after_id, through)))
        return ReadState(through, frozenset(int(i) for i in marked))

    def _insert(self, table: Any) -> Any:
        return (postgresql.insert(table) if self._dialect == "postgresql"
                else sqlite.insert(table))

    def mark(self, user_id: int, event_ids: Iterable[int], at: datetime) -> None:
        rows = [{"user_id": user_id, "event_id": i, "read_at": at} for i in event_ids]
        if rows:
            self._s.execute(self._insert(r.NotificationRead.__table__).values(rows)
                            .on_conflict_do_nothing())

    def mark_through(self, user_id: int, event_id: int, at: datetime) -> None:
        cursor = r.NotificationCursor.__table__
        stmt = self._insert(cursor).values(user_id=user_id, read_through_id=event_id,
                                           updated_at=at)
        self._s.execute(stmt.on_conflict_do_update(
            index_elements=["user_id"],
            set_={"read_through_id": func.max(cursor.c.read_through_id,
                                              stmt.excluded.read_through_id)
                  if self._dialect == "sqlite" else
                  func.greatest(cursor.c.read_through_id, stmt.excluded.read_through_id),
                  "updated_at": stmt.excluded.updated_at}))
        nr = r.NotificationRead
        self._s.execute(delete(nr).where(nr.user_id == user_id, nr.event_id <= event_id))

    def commit(self) -> None:
        self._s.commit()


@contextmanager
def notification_store(db: Database, *, write: bool = False) -> Iterator[SqlNotificationStore]:
    """One transaction: read-only unless ``write`` (then SQLite takes its write lock up front);
    whatever was not committed is rolled back on exit."""
    with db.sessions() as session:
        session.connection(execution_options={WRITE: write})
        try:
            yield SqlNotificationStore(session)
        finally:
            session.rollback()


def notifications_factory(
    db: Database,
) -> Callable[..., AbstractContextManager[SqlNotificationStore]]:
    """A :data:`core.notifications.StoreFactory` over ``db`` (``ctx.extras["notifications"]``)."""
    return lambda *, write=False: notification_store(db, write=write)
