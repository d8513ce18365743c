"""Announce committed changes on PostgreSQL: ``NOTIFY hotline_changes, '<order ids>'``.

Installed on the session factory of a PostgreSQL database (``db.engine.make_session_factory``).
While a transaction flushes, the ids of the orders it writes events for (and of the order rows
it updates) are collected on the session; just before it commits, one
``SELECT pg_notify('hotline_changes', '12,15')`` is sent in the same transaction. PostgreSQL
delivers a notification only when its transaction commits, so listeners
(``db/change_listener.py``) hear exactly the committed changes, and nothing of a rollback.

The payload is the order ids, comma-separated. An empty payload means "many or unknown: reload
everything" (a bulk import whose ids would not fit PostgreSQL's 8000-byte limit).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from db import models as r

CHANNEL = "hotline_changes"
MAX_PAYLOAD = 7000  # bytes; PostgreSQL refuses payloads of 8000 and more
_KEY = "hotline_changed_orders"


def payload_of(order_ids: set[int]) -> str:
    text = ",".join(str(i) for i in sorted(order_ids))
    return text if len(text) <= MAX_PAYLOAD else ""


def parse_payload(payload: str) -> frozenset[int]:
    """The order ids of a notification; empty means "reload everything"."""
    try:
        return frozenset(int(p) for p in payload.split(",") if p.strip())
    except ValueError:
        return frozenset()


def _collect(session: Session, _flush_context: Any) -> None:
    # after_flush: ``new``/``dirty`` still list what this flush wrote, ids are assigned
    changed: set[int] = session.info.setdefault(_KEY, set())
    for obj in session.new:
        if isinstance(obj, r.Event) and obj.order_id is not None:
            changed.add(obj.order_id)
        elif isinstance(obj, r.WorkOrder) and obj.id is not None:
            changed.add(obj.id)
    for obj in session.dirty:
        if isinstance(obj, r.WorkOrder) and obj.id is not None:
            changed.add(obj.id)


def _announce(session: Session) -> None:
    session.flush()  # what is still pending is part of the commit: collect it too
    changed = session.info.pop(_KEY, None)
    if changed:
        session.execute(select(func.pg_notify(CHANNEL, payload_of(changed))))


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_KEY, None)


def install(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` announce its committed order changes."""
    if not event.contains(factory, "after_flush", _collect):
        event.listen(factory, "after_flush", _collect)
        event.listen(factory, "before_commit", _announce)
        event.listen(factory, "after_rollback", _forget)
