"""How a desk notices that another workstation changed something: the newest event's id.

Every change to an order writes an event in the same transaction, so the largest event id is a
change counter shared by every process on the database. Reading it is one index lookup on the
primary key (``MAX(id)``), cheap enough to poll every couple of seconds from every desk on SQLite
and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from db import models as r
from db.setup import Database


def latest_event_id(db: Database) -> int:
    """The id of the newest event (0 for an empty database); a short read-only transaction."""
    with db.sessions() as session:
        try:
            return int(session.scalar(select(func.max(r.Event.id))) or 0)
        finally:
            session.rollback()


def change_marker(db: Database) -> Callable[[], int]:
    """A zero-argument function for ``DeskContext.extras["change_marker"]``."""
    return lambda: latest_event_id(db)
