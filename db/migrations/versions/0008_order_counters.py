"""order counters for the navigation's 全部工单

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 10:00:00

Creates ``order_count`` (see ``db/order_counters.py``): department 0 counts every order, any
other department the distinct orders it ever had an assignment on; a count is the sum of its
slots (on PostgreSQL each connection adds to its own, so concurrent writers lock different
rows). Fills it from the data, then installs the triggers that keep it in step in the writing
transaction (SQLite triggers; PostgreSQL plpgsql functions and row triggers, BEFORE each
assignment row: see the module for why). The statements are a copy of
``db/order_counters.py`` as it was when this was written (tests/integration/test_queue_counts.py
checks that the newest schema holds that module's).

On SQLite, a later migration that rebuilds ``work_order`` or ``assignment`` (batch mode) loses
these triggers with the old table and must create them again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_PG_SLOT = "pg_backend_pid() % 16"


def _bump(department: str, by: int, slot: str, select: str = "") -> str:
    values = (f"SELECT {department}, {slot}, {by} WHERE {select}" if select
              else f"VALUES ({department}, {slot}, {by})")
    return (f"INSERT INTO order_count (department_id, slot, orders) {values} "
            "ON CONFLICT (department_id, slot) DO UPDATE "
            "SET orders = order_count.orders + excluded.orders;")


def _other(row: str, besides: bool) -> str:
    return (f"EXISTS (SELECT 1 FROM assignment WHERE order_id = {row}.order_id "
            f"AND department_id = {row}.department_id"
            + (f" AND id <> {row}.id)" if besides else ")"))


_SQLITE_TRIGGERS = {
    "order_count_order_insert":
        f"AFTER INSERT ON work_order BEGIN {_bump('0', 1, '0')} END",
    "order_count_order_delete":
        f"AFTER DELETE ON work_order BEGIN {_bump('0', -1, '0')} END",
    "order_count_assignment_insert":
        (f"AFTER INSERT ON assignment WHEN NOT {_other('NEW', True)} "
         f"BEGIN {_bump('NEW.department_id', 1, '0')} END"),
    "order_count_assignment_delete":
        (f"AFTER DELETE ON assignment WHEN NOT {_other('OLD', False)} "
         f"BEGIN {_bump('OLD.department_id', -1, '0')} END"),
    "order_count_assignment_move":
        ("AFTER UPDATE OF order_id, department_id ON assignment "
         "WHEN OLD.order_id <> NEW.order_id OR OLD.department_id <> NEW.department_id BEGIN "
         f"{_bump('OLD.department_id', -1, '0', 'NOT ' + _other('OLD', False))} "
         f"{_bump('NEW.department_id', 1, '0', 'NOT ' + _other('NEW', True))} END"),
}

_PG_FUNCTIONS = {
    "hotline_count_order":
        ("RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         f"IF TG_OP = 'INSERT' THEN {_bump('0', 1, _PG_SLOT)} "
         f"ELSE {_bump('0', -1, _PG_SLOT)} END IF; "
         "RETURN NULL; END $$"),
    "hotline_count_department_order":
        ("RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         f"IF TG_OP <> 'INSERT' AND NOT {_other('OLD', True)} THEN "
         f"{_bump('OLD.department_id', -1, _PG_SLOT)} END IF; "
         f"IF TG_OP <> 'DELETE' AND NOT {_other('NEW', True)} THEN "
         f"{_bump('NEW.department_id', 1, _PG_SLOT)} END IF; "
         "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"),
}
_PG_TRIGGERS = {
    "order_count_order": ("work_order", "AFTER INSERT OR DELETE ON work_order FOR EACH ROW "
                                        "EXECUTE FUNCTION hotline_count_order()"),
    "order_count_assignment": ("assignment", "BEFORE INSERT OR DELETE ON assignment FOR EACH "
                                             "ROW EXECUTE FUNCTION "
                                             "hotline_count_department_order()"),
    "order_count_assignment_move": (
        "assignment", "BEFORE UPDATE OF order_id, department_id ON assignment FOR EACH ROW "
                      "WHEN (OLD.order_id <> NEW.order_id OR OLD.department_id <> "
                      "NEW.department_id) EXECUTE FUNCTION hotline_count_department_order()"),
}

_FILL = (
    "INSERT INTO order_count (department_id, slot, orders) "
    "SELECT 0, 0, COUNT(*) FROM work_order",
    "INSERT INTO order_count (department_id, slot, orders) "
    "SELECT department_id, 0, COUNT(DISTINCT order_id) FROM assignment GROUP BY department_id",
)


def upgrade() -> None:
    op.create_table(
        'order_count',
        sa.Column('department_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('slot', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('orders', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('department_id', 'slot', name=op.f('pk_order_count')),
    )
    for sql in _FILL:
        op.execute(sql)
    if op.get_bind().dialect.name == "postgresql":
        for name, body in _PG_FUNCTIONS.items():
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() {body}")
        for name, (_, definition) in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {definition}")
    else:
        for name, definition in _SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _) in _PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('order_count')
