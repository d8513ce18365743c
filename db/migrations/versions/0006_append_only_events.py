"""append-only events and administrative records

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:00:00

First gives every event and administrative record written before the chains existed its
chain hash (``core.audit``), so that ``verify-audit`` checks old orders too; then installs
triggers that refuse UPDATE and DELETE on ``event`` and ``admin_audit`` (and TRUNCATE on
PostgreSQL).

On SQLite, a later migration that rebuilds one of these tables (Alembic's batch mode copies
and drops it) loses the triggers with the old table and must create them again.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

import db.models
from core.audit import admin_hash, event_hash

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_TABLES = ("event", "admin_audit")
_ORDERS_PER_BATCH = 1000

_event = sa.table(
    "event",
    sa.column("id", sa.Integer()), sa.column("order_id", sa.Integer()),
    sa.column("assignment_id", sa.Integer()), sa.column("at", db.models.UTCDateTime()),
    sa.column("actor_id", sa.Integer()), sa.column("kind", sa.String()),
    sa.column("from_state", sa.String()), sa.column("to_state", sa.String()),
    sa.column("payload", sa.JSON()), sa.column("chain_hash", sa.String()),
)
_admin = sa.table(
    "admin_audit",
    sa.column("id", sa.Integer()), sa.column("at", db.models.UTCDateTime()),
    sa.column("actor_id", sa.Integer()), sa.column("action", sa.String()),
    sa.column("target", sa.String()), sa.column("detail", sa.JSON()),
    sa.column("chain_hash", sa.String()),
)


def _order_batches(conn: sa.Connection) -> Iterator[tuple[int, int]]:
    """(first, last) order ids of the orders with unhashed events, a batch at a time."""
    ids = list(conn.execute(sa.select(_event.c.order_id).where(_event.c.chain_hash.is_(None))
                            .distinct().order_by(_event.c.order_id)).scalars())
    for start in range(0, len(ids), _ORDERS_PER_BATCH):
        chunk = ids[start:start + _ORDERS_PER_BATCH]
        yield chunk[0], chunk[-1]


def _backfill_events(conn: sa.Connection) -> None:
    e = _event.c
    update = (sa.update(_event).where(e.id == sa.bindparam("row_id"))
              .values(chain_hash=sa.bindparam("hash")))
    for first, last in _order_batches(conn):
        rows = conn.execute(sa.select(_event).where(e.order_id >= first, e.order_id <= last)
                            .order_by(e.order_id, e.id)).all()
        changes = []
        order_id, previous = None, None
        for row in rows:
            if row.order_id != order_id:
                order_id, previous = row.order_id, None
            if row.chain_hash is None:
                previous = event_hash(
                    previous, order_id=row.order_id, assignment_id=row.assignment_id,
                    at=row.at, actor_id=row.actor_id, kind=row.kind,
                    from_state=row.from_state, to_state=row.to_state,
                    payload=row.payload or {})
                changes.append({"row_id": row.id, "hash": previous})
            else:
                previous = row.chain_hash
        if changes:
            conn.execute(update, changes)


def _backfill_admin(conn: sa.Connection) -> None:
    a = _admin.c
    changes = []
    previous = None
    for row in conn.execute(sa.select(_admin).order_by(a.id)).all():
        if row.chain_hash is None:
            previous = admin_hash(previous, at=row.at, actor_id=row.actor_id,
                                  action=row.action, target=row.target,
                                  detail=row.detail or {})
            changes.append({"row_id": row.id, "hash": previous})
        else:
            previous = row.chain_hash
    if changes:
        conn.execute(sa.update(_admin).where(a.id == sa.bindparam("row_id"))
                     .values(chain_hash=sa.bindparam("hash")), changes)


def upgrade() -> None:
    conn = op.get_bind()
    _backfill_events(conn)
    _backfill_admin(conn)
    if conn.dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION hotline_refuse_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME "
            "USING ERRCODE = 'integrity_constraint_violation'; "
            "END $$")
        for table in _TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION hotline_refuse_change()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION hotline_refuse_change()")
    else:
        for table in _TABLES:
            for action in ("update", "delete"):
                op.execute(f"CREATE TRIGGER {table}_no_{action} BEFORE {action.upper()} ON "
                           f"{table} BEGIN SELECT RAISE(ABORT, '{table} rows are "
                           "append-only'); END")


def downgrade() -> None:
    conn = op.get_bind()
    for table in _TABLES:
        if conn.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if conn.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS hotline_refuse_change()")
