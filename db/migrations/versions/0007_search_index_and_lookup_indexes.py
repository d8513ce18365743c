"""free-text search index and lookup indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 09:45:00

Plain indexes on both backends: ``event (assignment_id, kind)`` (the weekly overdue snapshot
reads each assignment's dispatch by it), ``assignment (ended_at)`` (returned and cancelled
assignments since a date), and ``work_order (caller_phone, registered_at)`` (a caller's newest
orders straight off the index), which makes ``ix_work_order_caller_phone`` redundant.

Free-text search (``db/text_search.py``): on SQLite an FTS5 ``trigram`` table over the
searched columns as external content of ``work_order``, filled from the existing orders
(``'rebuild'``) and kept in step by triggers; on PostgreSQL the ``pg_trgm`` extension and one
GIN trigram index per searched column. The statements are a copy of ``db/text_search.py`` as
it was when this was written (tests/integration/test_text_search.py checks that a new database
holds that module's triggers).

Plain ``op.create_index`` only: batch mode on SQLite would copy ``event`` (and lose its
append-only triggers) or ``work_order`` (and lose the search triggers).
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_FTS = "work_order_fts"
_COLUMNS = ("ticket_no", "title", "content", "address", "caller_phone", "caller_name")
_LIST = ", ".join(_COLUMNS)
_REMOVE = (f"INSERT INTO {_FTS} ({_FTS}, rowid, {_LIST}) "
           f"VALUES ('delete', old.id, {', '.join('old.' + c for c in _COLUMNS)});")
_ADD = (f"INSERT INTO {_FTS} (rowid, {_LIST}) "
        f"VALUES (new.id, {', '.join('new.' + c for c in _COLUMNS)});")
_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COLUMNS)
_SQLITE_TRIGGERS = {
    f"{_FTS}_insert": f"AFTER INSERT ON work_order BEGIN {_ADD} END",
    f"{_FTS}_update": (f"AFTER UPDATE OF {_LIST} ON work_order WHEN {_CHANGED} "
                       f"BEGIN {_REMOVE} {_ADD} END"),
    f"{_FTS}_delete": f"AFTER DELETE ON work_order BEGIN {_REMOVE} END",
}
_PG_INDEXES = {f"ix_work_order_{c}_trgm": c for c in _COLUMNS}


def _lookup_indexes() -> None:
    op.create_index("ix_event_assignment_kind", "event", ["assignment_id", "kind"])
    op.create_index("ix_assignment_ended_at", "assignment", ["ended_at"])
    op.create_index("ix_work_order_caller_phone_registered", "work_order",
                    ["caller_phone", "registered_at"])
    op.drop_index("ix_work_order_caller_phone", table_name="work_order")


def _search_index(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in _PG_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON work_order USING gin ({column} gin_trgm_ops)")
        return
    op.execute(f"CREATE VIRTUAL TABLE {_FTS} USING fts5({_LIST}, content='work_order', "
               "content_rowid='id', tokenize='trigram', columnsize=0)")
    op.execute(f"INSERT INTO {_FTS} ({_FTS}) VALUES ('rebuild')")
    for name, body in _SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    _lookup_indexes()
    _search_index(op.get_bind().dialect.name)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in _PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        # the pg_trgm extension stays: other databases objects may use it, and it holds no data
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {_FTS}")
    op.create_index("ix_work_order_caller_phone", "work_order", ["caller_phone"])
    op.drop_index("ix_work_order_caller_phone_registered", table_name="work_order")
    op.drop_index("ix_assignment_ended_at", table_name="assignment")
    op.drop_index("ix_event_assignment_kind", table_name="event")
