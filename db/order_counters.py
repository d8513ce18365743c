"""Exact order counts kept by the database: the two navigation counts an index cannot give.

全部工单 counts every order of the centre, and for department staff every order their
department ever had an assignment on. Both are linear in the data when counted, so table
``order_count`` keeps them: ``department_id`` 0 holds every order, any other id the distinct
orders with an assignment of that department. Triggers add or subtract one in the transaction
that inserts or deletes the order or the assignment (an assignment only when it is the first,
or the last, of its order and department), so a count read in a transaction equals what
counting would give in it, on SQLite and PostgreSQL alike.

A count is the sum of its rows (``slot``), each a share of changes. On PostgreSQL a row a
transaction changed stays locked until it commits, and with one row per count every
registration would wait for the one before it to commit; so each connection adds to its own
slot (``pg_backend_pid() % 16``): concurrent writers lock different rows, and a transaction
locks one row per count, so counting cannot deadlock two writers that do not share a slot.
SQLite writes one at a time anyway and uses slot 0. A full recount puts everything in slot 0.

PostgreSQL runs the assignment's triggers BEFORE each row: its AFTER row triggers fire when the
whole statement is done, so for a statement deleting (or inserting) two assignments of one order
and department each would see neither (or both) and count wrongly; a BEFORE row trigger sees
the rows the statement handled before it, as SQLite's AFTER row triggers do.

Migration 0008 creates the table, fills it and installs the triggers with its own copy of the
statements below (a migration stays as it was written); the bulk loader (``db/synth_rows.py``)
drops the triggers while it loads and calls :func:`recount` and :func:`create_triggers` at the
end. On SQLite, a migration that rebuilds ``work_order`` or ``assignment`` (Alembic's batch
mode) loses these triggers with the old table and must create them again.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

CENTRE = 0  # order_count.department_id of the centre-wide count (no department has id 0)
PG_SLOT = "pg_backend_pid() % 16"


def _bump(department: str, by: int, slot: str, select: str = "") -> str:
    """Add ``by`` to the count of ``department`` in ``slot`` (a SELECT … WHERE when given)."""
    values = (f"SELECT {department}, {slot}, {by} WHERE {select}" if select
              else f"VALUES ({department}, {slot}, {by})")
    return (f"INSERT INTO order_count (department_id, slot, orders) {values} "
            "ON CONFLICT (department_id, slot) DO UPDATE "
            "SET orders = order_count.orders + excluded.orders;")


def _other(row: str, besides: bool) -> str:
    """Another assignment of ``row``'s order and department exists."""
    return (f"EXISTS (SELECT 1 FROM assignment WHERE order_id = {row}.order_id "
            f"AND department_id = {row}.department_id"
            + (f" AND id <> {row}.id)" if besides else ")"))


SQLITE_TRIGGERS = {
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

PG_FUNCTIONS = {
    "hotline_count_order":
        ("RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         f"IF TG_OP = 'INSERT' THEN {_bump('0', 1, PG_SLOT)} "
         f"ELSE {_bump('0', -1, PG_SLOT)} END IF; "
         "RETURN NULL; END $$"),
    "hotline_count_department_order":
        ("RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         f"IF TG_OP <> 'INSERT' AND NOT {_other('OLD', True)} THEN "
         f"{_bump('OLD.department_id', -1, PG_SLOT)} END IF; "
         f"IF TG_OP <> 'DELETE' AND NOT {_other('NEW', True)} THEN "
         f"{_bump('NEW.department_id', 1, PG_SLOT)} END IF; "
         "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"),
}
PG_TRIGGERS = {  # name: (table, definition)
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

RECOUNT = (
    "DELETE FROM order_count",
    "INSERT INTO order_count (department_id, slot, orders) "
    "SELECT 0, 0, COUNT(*) FROM work_order",
    "INSERT INTO order_count (department_id, slot, orders) "
    "SELECT department_id, 0, COUNT(DISTINCT order_id) FROM assignment GROUP BY department_id",
)


def create_triggers(conn: Connection) -> None:
    """Install the triggers (and on PostgreSQL their functions); the counts must be right
    already (:func:`recount`)."""
    if conn.dialect.name == "postgresql":
        for name, body in PG_FUNCTIONS.items():
            conn.execute(text(f"CREATE OR REPLACE FUNCTION {name}() {body}"))
        for name, (_, definition) in PG_TRIGGERS.items():
            conn.execute(text(f"CREATE TRIGGER {name} {definition}"))
    else:
        for name, definition in SQLITE_TRIGGERS.items():
            conn.execute(text(f"CREATE TRIGGER {name} {definition}"))


def drop_triggers(conn: Connection) -> None:
    """Remove the triggers: the counts go stale until :func:`recount` (bulk loading)."""
    if conn.dialect.name == "postgresql":
        for name, (table, _) in PG_TRIGGERS.items():
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        for name in PG_FUNCTIONS:
            conn.execute(text(f"DROP FUNCTION IF EXISTS {name}()"))
    else:
        for name in SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def recount(conn: Connection) -> None:
    """Count everything again (linear: after a bulk load or in the migration)."""
    for sql in RECOUNT:
        conn.execute(text(sql))
