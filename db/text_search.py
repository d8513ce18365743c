"""The desk's free-text search over orders, served by an index (migration 0007).

A list filter's text matches an order when the ticket number, title, content or address
contains it, ignoring case as ``ILIKE`` does; the caller's phone number and name are searched
too only for users who may see them (``core.queries.Scope.personal_search``).

SQLite: an FTS5 table with the ``trigram`` tokenizer, :data:`FTS_TABLE`, over the six columns,
as an external-content table (``content='work_order'``: it stores only the index). Three
triggers on ``work_order`` keep it in step in the same transaction as the order's own write.
The condition is ``work_order.id IN (SELECT rowid FROM work_order_fts WHERE work_order_fts
MATCH '{columns} : "term"')`` *and* the old ``ILIKE`` test on the few rows found: the trigram
index finds a superset (it also folds non-ASCII case, SQLite's ``lower()`` does not), the
``ILIKE`` keeps the answer exactly the old one.

PostgreSQL: ``pg_trgm`` GIN indexes, one per column (:data:`PG_INDEXES`), serve the plain
``col ILIKE '%term%' OR …`` condition as a BitmapOr; nothing else changes.

Trigrams need three characters. Shorter terms (two-character words such as 噪音 or 停水, a
single digit) find nothing in an FTS5 trigram index, so on SQLite they keep the ``ILIKE`` scan
over every order (correct, slower); on PostgreSQL the planner scans as well.

Tools that write orders in bulk drop the triggers (:func:`drop_triggers`), load, then
:func:`create_triggers` and :func:`rebuild` (``db/synth_rows.py``). A later SQLite migration
that copies ``work_order`` (Alembic's batch mode) drops the triggers with the old table and
must create them again. The index's tables are not mapped in ``db.models``; schema
comparisons leave them out with :func:`include_name`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, column, literal_column, or_, select, table
from sqlalchemy.sql.elements import ColumnElement

FTS_TABLE = "work_order_fts"
PUBLIC_COLUMNS = ("ticket_no", "title", "content", "address")
PERSONAL_COLUMNS = ("caller_phone", "caller_name")
COLUMNS = PUBLIC_COLUMNS + PERSONAL_COLUMNS
SHORTEST_INDEXED = 3  # characters: a trigram
TRIGGERS = (f"{FTS_TABLE}_insert", f"{FTS_TABLE}_update", f"{FTS_TABLE}_delete")
PG_INDEXES = {f"ix_work_order_{c}_trgm": c for c in COLUMNS}
# FTS5's own tables behind the virtual table (external content: no _content table)
_SHADOWS = tuple(f"{FTS_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))

_fts = table(FTS_TABLE, column("rowid"))


# --- the condition ---------------------------------------------------------------------------


def like_pattern(term: str) -> str:
    """``%term%`` with the term's own ``\\``, ``%`` and ``_`` escaped (escape character ``\\``)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_query(term: str, personal: bool) -> str:
    """An FTS5 query for ``term`` as one phrase (double quotes doubled, nothing else is special
    inside one) in the searchable columns."""
    columns = COLUMNS if personal else PUBLIC_COLUMNS
    return "{" + " ".join(columns) + '} : "' + term.replace('"', '""') + '"'


def is_indexed(term: str) -> bool:
    """Whether the trigram index can serve ``term`` (else the search scans)."""
    return len(term) >= SHORTEST_INDEXED


def contains(order: Any, term: str, personal: bool, dialect: str) -> ColumnElement[bool]:
    """The WHERE clause "an order's searchable columns contain ``term``" on ``order`` (the
    mapped ``WorkOrder`` or an alias), for the backend named ``dialect``. ``term`` is already
    stripped and not empty."""
    names = COLUMNS if personal else PUBLIC_COLUMNS
    pattern = like_pattern(term)
    ilike = or_(*(getattr(order, n).ilike(pattern, escape="\\") for n in names))
    if dialect != "sqlite" or not is_indexed(term):
        return ilike
    match = literal_column(FTS_TABLE).bool_op("MATCH")(fts_query(term, personal))
    return order.id.in_(select(_fts.c.rowid).where(match)) & ilike


# --- keeping the index (SQLite) --------------------------------------------------------------


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c}" for c in COLUMNS)


_FTS_COLUMNS = ", ".join(COLUMNS)
_REMOVE = (f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {_FTS_COLUMNS}) "
           f"VALUES ('delete', old.id, {_values('old')});")
_ADD = f"INSERT INTO {FTS_TABLE} (rowid, {_FTS_COLUMNS}) VALUES (new.id, {_values('new')});"
_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in COLUMNS)
TRIGGER_SQL = (
    f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON work_order BEGIN {_ADD} END",
    # only when a searched column changes: state changes and version bumps leave the index be
    f"CREATE TRIGGER {TRIGGERS[1]} AFTER UPDATE OF {_FTS_COLUMNS} ON work_order "
    f"WHEN {_CHANGED} BEGIN {_REMOVE} {_ADD} END",
    f"CREATE TRIGGER {TRIGGERS[2]} AFTER DELETE ON work_order BEGIN {_REMOVE} END",
)
CREATE_FTS_SQL = (f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_FTS_COLUMNS}, "
                  "content='work_order', content_rowid='id', tokenize='trigram', "
                  "columnsize=0)")


def has_index(conn: Connection) -> bool:
    """Whether this SQLite database has the search index (migration 0007 or later)."""
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
        (FTS_TABLE,)).first() is not None


def drop_triggers(conn: Connection) -> None:
    """Stop keeping the index in step (before a bulk load; see :func:`rebuild`)."""
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def create_triggers(conn: Connection) -> None:
    """Keep the index in step again (replacing the triggers if they are there)."""
    drop_triggers(conn)
    for sql in TRIGGER_SQL:
        conn.exec_driver_sql(sql)


def rebuild(conn: Connection) -> None:
    """Index every order again from ``work_order`` (after writes the triggers did not see)."""
    conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")


# --- schema comparison -----------------------------------------------------------------------


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: False for the search index's tables (SQLite) and indexes
    (PostgreSQL), which ``db.models`` does not map because they exist on one backend only."""
    if type_ == "table":
        return name not in (FTS_TABLE, *_SHADOWS)
    if type_ == "index":
        return name not in PG_INDEXES
    return True
