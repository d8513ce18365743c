"""The audit trail in the database: writing administrative records, the sign-in counters, and
reading the chains back for ``core.audit.verify``.

Order events are hashed where they are inserted (``db/repository.py`` asks
:func:`last_event_hash` for the previous link); this module writes the administrative chain.
Both tables are append-only: migration 0006 installs triggers that refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL).

Each chain needs its writers one at a time, or two rows would follow the same link. On
SQLite a writing transaction holds the database (``BEGIN IMMEDIATE``); on PostgreSQL each
chain takes a transaction-scoped advisory lock (one per order, one for the administrative
chain) before it reads its newest hash.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from core.audit import ChainedAdminRecord, ChainedEvent, OrderChain, admin_hash
from core.ports import LoginLimits, LoginState
from db import models as r

#: ``pg_advisory_xact_lock`` key that serialises writers of the administrative chain.
ADMIN_CHAIN_LOCK = 88_900_009
#: First key of ``pg_advisory_xact_lock(key, order_id)``: the writers of one order's events.
EVENT_CHAIN_LOCK = 8890
_STREAM_BATCH = 2_000
#: ``LoginLimits`` field -> ``setting`` key.
LIMIT_SETTINGS = {"max_failures": "login_max_failures", "lock_minutes": "login_lock_minutes",
                  "idle_lock_minutes": "idle_lock_minutes"}


def last_event_hash(session: Session, order_id: int | None) -> str | None:
    """The chain hash of the order's newest event (None: no events, or an unhashed one).

    On PostgreSQL this first takes a transaction-scoped advisory lock on the order's chain,
    so that two transactions appending to one order take turns even if neither locked the
    order row; the second then reads the first one's event (read committed)."""
    if session.get_bind().dialect.name == "postgresql" and order_id is not None:
        session.execute(text("SELECT pg_advisory_xact_lock(:chain, :order_id)"),
                        {"chain": EVENT_CHAIN_LOCK, "order_id": order_id})
    return session.scalar(
        select(r.Event.chain_hash).where(r.Event.order_id == order_id)
        .order_by(r.Event.id.desc()).limit(1))


class SqlAuditRepository:
    """Writes in the caller's transaction; commits nothing itself."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def record_admin_change(self, at: datetime, actor_id: int | None, action: str,
                            target: str, detail: Mapping[str, Any]) -> None:
        if self._dialect == "postgresql":
            self._s.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": ADMIN_CHAIN_LOCK})
        previous = self._s.scalar(select(r.AdminAudit.chain_hash)
                                  .order_by(r.AdminAudit.id.desc()).limit(1))
        target = target[:200]
        self._s.add(r.AdminAudit(
            at=at, actor_id=actor_id, action=action, target=target, detail=dict(detail),
            chain_hash=admin_hash(previous, at=at, actor_id=actor_id, action=action,
                                  target=target, detail=detail)))
        self._s.flush()

    # --- sign-in counters ------------------------------------------------------------------

    def login_limits(self) -> LoginLimits:
        """From the ``setting`` table (keys in :data:`LIMIT_SETTINGS`), else the defaults."""
        stored = {s.key: s.value for s in self._s.scalars(
            select(r.Setting).where(r.Setting.key.in_(LIMIT_SETTINGS.values())))}
        default = LoginLimits()

        def value(name: str, lowest: int) -> int:
            try:
                return max(lowest, int(stored[LIMIT_SETTINGS[name]]))
            except (KeyError, TypeError, ValueError):
                return int(getattr(default, name))

        return LoginLimits(value("max_failures", 1), value("lock_minutes", 1),
                           value("idle_lock_minutes", 0))

    def login_state(self, user_id: int) -> LoginState:
        row = self._s.execute(select(r.AppUser.failed_logins, r.AppUser.locked_until)
                              .where(r.AppUser.id == user_id)).one_or_none()
        if row is None:
            return LoginState()
        return LoginState(int(row.failed_logins or 0), row.locked_until)

    def count_failed_login(self, user_id: int) -> int:
        stmt = (update(r.AppUser).where(r.AppUser.id == user_id)
                .values(failed_logins=r.AppUser.failed_logins + 1)
                .returning(r.AppUser.failed_logins))
        return int(self._s.execute(stmt).scalar_one())

    def lock_login(self, user_id: int, until: datetime) -> None:
        self._s.execute(update(r.AppUser).where(r.AppUser.id == user_id)
                        .values(failed_logins=0, locked_until=until))

    def clear_login_failures(self, user_id: int) -> None:
        self._s.execute(update(r.AppUser).where(
            r.AppUser.id == user_id,
            (r.AppUser.failed_logins != 0) | r.AppUser.locked_until.is_not(None),
        ).values(failed_logins=0, locked_until=None))


# --- reading the chains back -------------------------------------------------------------------


class SqlChainReader:
    """Streams the chains for ``core.audit.verify`` in one read-only session per chain kind,
    ``_STREAM_BATCH`` rows at a time (server-side cursor on PostgreSQL)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def order_chains(self) -> Iterator[OrderChain]:
        e, w = r.Event, r.WorkOrder
        stmt = (select(e.id, e.order_id, e.assignment_id, e.at, e.actor_id, e.kind,
                       e.from_state, e.to_state, e.payload, e.chain_hash, w.ticket_no)
                .join(w, w.id == e.order_id).order_by(e.order_id, e.id)
                .execution_options(yield_per=_STREAM_BATCH))
        with self._sessions() as session:
            current: int | None = None
            ticket = ""
            events: list[ChainedEvent] = []
            for row in session.execute(stmt):
                if row.order_id != current:
                    if current is not None:
                        yield OrderChain(current, ticket, events)
                    current, ticket, events = row.order_id, row.ticket_no, []
                events.append(ChainedEvent(
                    row.id, row.order_id, row.assignment_id, row.at, row.actor_id, row.kind,
                    row.from_state, row.to_state, row.payload or {}, row.chain_hash))
            if current is not None:
                yield OrderChain(current, ticket, events)

    def admin_chain(self) -> Iterator[ChainedAdminRecord]:
        a = r.AdminAudit
        stmt = (select(a.id, a.at, a.actor_id, a.action, a.target, a.detail, a.chain_hash)
                .order_by(a.id).execution_options(yield_per=_STREAM_BATCH))
        with self._sessions() as session:
            for row in session.execute(stmt):
                yield ChainedAdminRecord(row.id, row.at, row.actor_id, row.action,
                                         row.target, row.detail or {}, row.chain_hash)


# --- the append-only triggers ------------------------------------------------------------------
# The same statements as migration 0006 (which keeps its own copy: migrations are history).
# For tools that must remove rows on purpose (a benchmark undoing its own writes): drop the
# triggers, delete, create them again, in one transaction.

_TABLES = ("event", "admin_audit")


def drop_append_only_triggers(conn: Connection) -> None:
    for table in _TABLES:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_update")
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_delete")


def create_append_only_triggers(conn: Connection) -> None:
    for table in _TABLES:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION hotline_refuse_change()")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION hotline_refuse_change()")
        else:
            for op in ("update", "delete"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER {table}_no_{op} BEFORE {op.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END")
