"""Rows of generated orders, written in bulk (for ``db/synth.py``).

:class:`Rows` turns finished aggregates into tuples in each table's column order, already in
the form the driver stores (naive UTC; on SQLite the same text SQLAlchemy's ``DateTime``
writes, so generated and desk-made rows compare alike). :func:`bulk_loader` writes them: on
SQLite with ``executemany`` in one transaction per batch (``synchronous=OFF`` and foreign keys
off only while loading), on PostgreSQL with ``COPY``. Both refuse a table whose columns differ
from the ones listed here, so a schema change cannot silently leave a column unset.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text

from core import audit
from core.model import WorkOrder
from db import order_counters, text_search
from db.engine import WRITE
from db.models import Base

COLUMNS: dict[str, tuple[str, ...]] = {
    "contact": ("id", "phone", "name", "first_seen", "last_seen"),
    "work_order": (
        "id", "ticket_no", "channel_id", "contact_id", "caller_name", "caller_phone",
        "anonymous", "address", "category_id", "request_type", "urgency", "title", "content",
        "state", "registered_at", "registered_by", "external_ref", "closed_at", "close_kind",
        "close_note", "direct_answer", "duplicate_of_id", "callback_due", "callback_attempts",
        "callback_outcome", "reopen_count", "current_hop", "updated_at", "version", "claimed_by",
        "claimed_at"),
    "assignment": (
        "id", "order_id", "department_id", "lead", "hop", "state", "dispatched_at",
        "dispatched_by", "sign_due", "reply_due", "return_until", "signed_at", "signed_by",
        "replied_at", "ended_at", "extension_days", "warning_level", "next_check_at",
        "version"),
    "reply": ("id", "order_id", "assignment_id", "at", "by", "text", "rejected",
              "rejected_reason"),
    "return_request": ("id", "order_id", "assignment_id", "requested_at", "requested_by",
                       "reason", "status", "decided_at", "decided_by", "decision_note"),
    "extension_request": ("id", "order_id", "assignment_id", "requested_at", "requested_by",
                          "days", "reason", "status", "decided_at", "decided_by",
                          "decision_note", "new_reply_due"),
    "callback_attempt": ("id", "order_id", "assignment_id", "department_id", "at", "by",
                         "outcome", "note"),
    "escalation_notice": ("id", "order_id", "assignment_id", "kind", "at", "by", "automatic",
                          "text", "auto_key"),
    "event": ("id", "order_id", "assignment_id", "at", "actor_id", "kind", "from_state",
              "to_state", "payload", "chain_hash"),
    "ticket_sequence": ("day", "last"),
}
ORDER_TABLES = ("work_order", "assignment", "reply", "return_request", "extension_request",
                "callback_attempt", "escalation_notice", "event")


def check_columns() -> None:
    """Raise if the mapped tables and :data:`COLUMNS` disagree (a migration added a column)."""
    for name, cols in COLUMNS.items():
        mapped = tuple(c.name for c in Base.metadata.tables[name].columns)
        if set(mapped) != set(cols):
            raise RuntimeError(f"synth: table {name} has columns {mapped}, the generator "
                               f"writes {cols}; update db/synth_rows.py")


def _text_ts(t: datetime | None) -> str | None:
    if t is None:
        return None
    if t.tzinfo is not UTC:
        t = t.astimezone(UTC)
    s = t.isoformat(" ")  # ...+00:00
    return s[:-6] if len(s) > 25 else s[:19] + ".000000"


def _naive_ts(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    if t.tzinfo is not UTC:
        t = t.astimezone(UTC)
    return t.replace(tzinfo=None)


def _same(value: Any) -> Any:
    return value


def _v(member: Any) -> Any:
    return None if member is None else member.value


_json = json.JSONEncoder().encode  # what json.dumps() does with its default arguments
# core.audit's canonical row text, in one call: our payloads are JSON already (string keys)
_canonical = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              allow_nan=False).encode


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="microseconds")


def _chained(previous: str, content: dict[str, Any]) -> str:
    """``core.audit.chain_hash`` for a row whose values are plain already."""
    return hashlib.sha256((previous + _canonical(content)).encode("utf-8")).hexdigest()


class Rows:
    """Row buffers per table; :meth:`add` appends one finished order with its children."""

    def __init__(self, backend: str) -> None:
        self.text_times = backend == "sqlite"
        self.ts: Callable[[datetime | None], Any] = _text_ts if self.text_times else _naive_ts
        self.flag: Callable[[bool], Any] = int if backend == "sqlite" else bool
        self.day: Callable[[date], Any] = date.isoformat if backend == "sqlite" else _same
        self.tables: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self._hash_checked = False  # the first orders' hashes are checked against core.audit

    def clear(self) -> None:
        self.tables.clear()

    def add(self, o: WorkOrder, event_ids: int) -> int:
        """Append ``o``; its events get ids from ``event_ids + 1``. Returns the last id used.
        Enumerations go as their values (a ``StrEnum`` member binds several times slower)."""
        ts, flag, t = self.ts, self.flag, self.tables
        saves: set[datetime] = set()
        touched: Counter[int] = Counter()
        events = t["event"]
        chain = ""
        hashes = []
        for ev in o.new_events:
            event_ids += 1
            aid = ev.assignment.id if ev.assignment is not None else ev.assignment_id
            if aid is not None:
                touched[aid] += 1
            saves.add(ev.at)
            kind, before, after = ev.kind.value, _v(ev.from_state), ev.to_state.value
            iso = _iso(ev.at)
            chain = _chained(chain, {
                "order_id": o.id, "assignment_id": aid, "at": iso,
                "actor_id": ev.actor_id, "kind": kind, "from_state": before, "to_state": after,
                "payload": ev.payload})
            hashes.append(chain)
            at = f"{iso[:10]} {iso[11:26]}" if self.text_times else ts(ev.at)
            events.append((event_ids, o.id, aid, at, ev.actor_id, kind, before, after,
                           _json(ev.payload), chain))
        if not self._hash_checked:
            if hashes != audit.hash_events(o.id or 0, o.new_events, None):
                raise RuntimeError("synth: event chain hashes differ from core.audit's")
            self._hash_checked = bool(o.assignments)
        t["work_order"].append((
            o.id, o.ticket_no, o.channel_id, o.contact_id, o.caller_name, o.caller_phone,
            flag(o.anonymous), o.address, o.category_id, o.request_type.value,
            o.urgency.value, o.title, o.content, o.state.value, ts(o.registered_at),
            o.registered_by, o.external_ref, ts(o.closed_at), _v(o.close_kind), o.close_note,
            o.direct_answer, o.duplicate_of_id, ts(o.callback_due), o.callback_attempts,
            _v(o.callback_outcome), o.reopen_count,
            o.current_hop, ts(o.updated_at), max(len(saves), 1), None, None))
        for a in o.assignments:
            t["assignment"].append((
                a.id, o.id, a.department_id, flag(a.lead), a.hop, a.state.value,
                ts(a.dispatched_at), a.dispatched_by, ts(a.sign_due), ts(a.reply_due),
                ts(a.return_until), ts(a.signed_at), a.signed_by, ts(a.replied_at),
                ts(a.ended_at), a.extension_days, a.warning_level, ts(a.next_check_at),
                touched[a.id or 0]))
        for r in o.replies:
            t["reply"].append((r.id, o.id, r.assignment_id, ts(r.at), r.by, r.text,
                               flag(r.rejected), r.rejected_reason))
        for q in o.return_requests:
            t["return_request"].append((
                q.id, o.id, q.assignment_id, ts(q.requested_at), q.requested_by, q.reason,
                q.status.value, ts(q.decided_at), q.decided_by, q.decision_note))
        for x in o.extension_requests:
            t["extension_request"].append((
                x.id, o.id, x.assignment_id, ts(x.requested_at), x.requested_by, x.days,
                x.reason, x.status.value, ts(x.decided_at), x.decided_by, x.decision_note,
                ts(x.new_reply_due)))
        for c in o.callbacks:
            t["callback_attempt"].append((c.id, o.id, c.assignment_id, c.department_id,
                                          ts(c.at), c.by, c.outcome.value, c.note))
        for n in o.notices:
            t["escalation_notice"].append((n.id, o.id, n.assignment_id, n.kind.value, ts(n.at),
                                           n.by, flag(n.automatic), n.text, n.auto_key))
        return event_ids


def shift(tables: dict[str, list[tuple[Any, ...]]], bases: Sequence[int]) -> None:
    """Move a chunk's ids (counted from 1 per table) behind ``bases``: the ids already used in
    replies, return and extension requests, callbacks, notices and events. Order and assignment
    ids are final already (the chain hashes name them)."""
    rp, q, x, c, n, e = bases
    for name, base in (("reply", rp), ("return_request", q), ("extension_request", x),
                       ("callback_attempt", c), ("escalation_notice", n), ("event", e)):
        tables[name] = [(r[0] + base, *r[1:]) for r in tables[name]]


# --- writing ---------------------------------------------------------------------------------


class Loader:
    """Writes row batches into one open transaction; :meth:`commit` ends it and starts the
    next."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def write(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.conn.commit()
        self.conn.begin()


class _SqliteLoader(Loader):
    def write(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            cols = COLUMNS[table]
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            self.conn.exec_driver_sql(sql, list(rows))


class _PgLoader(Loader):
    def write(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
        raw: Any = self.conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _secondary_indexes(conn: Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes on ``tables``; not the primary keys and
    unique constraints, which stay."""
    if conn.dialect.name == "sqlite":
        sql = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
               "AND tbl_name IN :tables AND sql NOT LIKE :unique")
    else:
        sql = ("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN :tables "
               "AND indexdef NOT LIKE :unique")
    stmt = text(sql).bindparams(bindparam("tables", expanding=True))
    return [(str(n), str(d)) for n, d in conn.execute(
        stmt, {"tables": list(tables), "unique": "CREATE UNIQUE%"})]


@contextmanager
def bulk_loader(engine: Engine, *, rebuild_indexes: bool = True) -> Iterator[Loader]:
    """A loader on its own connection. Commits what was written when the block ends without an
    error; rolls back the last batch otherwise (earlier batches stay committed). With
    ``rebuild_indexes`` the secondary indexes of the loaded tables are dropped first and built
    again at the end (also after an error), which is faster than keeping them up to date; so
    is SQLite's free-text index (``db/text_search.py``: its triggers are dropped, and the index
    rebuilt from ``work_order`` at the end). PostgreSQL's trigram GIN indexes are secondary
    indexes of ``work_order`` like the others. The order counters (``db/order_counters.py``)
    are counted once at the end too, their triggers dropped meanwhile."""
    check_columns()
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        engine.dispose()  # alone on the file, the load may leave write-ahead logging
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA journal_mode=MEMORY")  # pages written once, not twice
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("PRAGMA cache_size=-262144")  # 256 MB while loading
        conn = conn.execution_options(**{WRITE: True})
        conn.begin()
        indexes = _secondary_indexes(conn, ("contact", *ORDER_TABLES)) if rebuild_indexes \
            else []
        search = rebuild_indexes and sqlite and text_search.has_index(conn)
        try:
            for name, _ in indexes:
                conn.exec_driver_sql(f"DROP INDEX {name}")
            if search:  # the search index is filled once at the end, not row by row
                text_search.drop_triggers(conn)
            order_counters.drop_triggers(conn)  # counted once at the end, not row by row
            loader: Loader = _SqliteLoader(conn) if sqlite else _PgLoader(conn)
            if not sqlite:
                conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            yield loader
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            with conn.begin():
                present = {n for n, _ in _secondary_indexes(conn, ("contact", *ORDER_TABLES))}
                for name, create in indexes:
                    if name not in present:
                        conn.exec_driver_sql(create)
                if search:
                    text_search.create_triggers(conn)
                    text_search.rebuild(conn)
                order_counters.recount(conn)
                order_counters.create_triggers(conn)
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA cache_size=-2000")
                raw.execute("PRAGMA journal_mode=WAL")


def finish(engine: Engine) -> None:
    """After loading: PostgreSQL's id sequences continue after the data and its statistics are
    fresh (autovacuum would get there later); SQLite checkpoints its write-ahead log."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for table in ("contact", *ORDER_TABLES):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), m) "
                    f"FROM (SELECT MAX(id) AS m FROM {table}) x WHERE m IS NOT NULL")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.connect() as conn:
            raw: Any = conn.connection.driver_connection
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
