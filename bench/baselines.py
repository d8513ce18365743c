"""The baselines: the best hand-written SQL for each operation's answer over the same indexes.

Plain SQL text (``sqlalchemy.text``), written apart from ``db/order_queries.py`` and
``db/stats_queries.py`` and sharing nothing with them, so that a ratio near 1 means the desk adds
nothing and an equal answer means both read the data alike. Each function runs in one
transaction of its own connection and returns plain values (see ``bench/operations.py`` for the
shape each answer takes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Connection, Date, Engine, bindparam, text

from core.audit import event_hash
from core.privacy import masked
from db.audit_repository import create_append_only_triggers, drop_append_only_triggers
from db.models import UTCDateTime

OPEN = "('awaiting_sign', 'in_progress')"
_T = UTCDateTime()


def _ids_param(stmt: Any) -> Any:
    return stmt.bindparams(bindparam("ids", expanding=True))


def page_rows(conn: Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """What a list shows of each order on the page, in the page's order: (id, ticket, state,
    title, caller phone de-identified as lists show it, pending requests), from the same three
    reads the rows need."""
    if not ids:
        return []
    ids = list(ids)
    orders = {r[0]: r for r in conn.execute(_ids_param(text(
        "SELECT w.id, w.ticket_no, w.state, w.title, w.caller_phone, w.caller_name, "
        "w.anonymous, ch.name, c.name "
        "FROM work_order w JOIN channel ch ON ch.id = w.channel_id "
        "LEFT JOIN category c ON c.id = w.category_id WHERE w.id IN :ids")), {"ids": ids})}
    names: dict[int, list[str]] = defaultdict(list)
    for order_id, name in conn.execute(_ids_param(text(
            "SELECT a.order_id, d.name FROM assignment a JOIN department d "
            "ON d.id = a.department_id WHERE a.order_id IN :ids ORDER BY a.order_id, a.id")),
            {"ids": ids}):
        names[order_id].append(name)
    pending = dict(conn.execute(_ids_param(text(
        "SELECT order_id, COUNT(*) FROM (SELECT order_id FROM return_request "
        "WHERE status = 'pending' AND order_id IN :ids UNION ALL SELECT order_id "
        "FROM extension_request WHERE status = 'pending' AND order_id IN :ids) p "
        "GROUP BY order_id")), {"ids": ids}).all())
    return [(i, orders[i][1], str(orders[i][2]), orders[i][3],
             masked(orders[i][5], orders[i][4], bool(orders[i][6]))[1], pending.get(i, 0))
            for i in ids if i in orders]


def department_queue(engine: Engine, department_id: int, page: int) -> tuple[int, list[Any]]:
    """A department's open orders by the earliest reply due of its open assignments: the count
    and the first page's rows. Index: assignment (department_id, state, reply_due)."""
    with engine.connect() as conn:
        ids = list(conn.execute(text(
            f"SELECT order_id FROM assignment WHERE department_id = :d AND state IN {OPEN} "
            "GROUP BY order_id ORDER BY MIN(reply_due), order_id"), {"d": department_id})
            .scalars())
        return len(ids), page_rows(conn, ids[:page])


def centre_counts(engine: Engine, now: datetime) -> dict[str, int]:
    """A supervisor's navigation counts in one statement."""
    sql = text(f"""SELECT
        (SELECT COUNT(*) FROM work_order WHERE state IN ('registered', 'to_dispatch', 'replied')),
        (SELECT COUNT(DISTINCT order_id) FROM assignment WHERE state = 'awaiting_sign'),
        (SELECT COUNT(DISTINCT order_id) FROM assignment WHERE state = 'in_progress'),
        (SELECT COUNT(*) FROM (SELECT order_id FROM return_request WHERE status = 'pending'
                               UNION SELECT order_id FROM extension_request
                               WHERE status = 'pending') p),
        (SELECT COUNT(*) FROM work_order WHERE state = 'awaiting_callback'),
        (SELECT COUNT(DISTINCT order_id) FROM assignment WHERE state IN {OPEN}
                AND (warning_level <> 'none' OR reply_due <= :now)),
        (SELECT COUNT(*) FROM work_order)""").bindparams(bindparam("now", type_=_T))
    with engine.connect() as conn:
        row = conn.execute(sql, {"now": now}).one()
    keys = ("my_work", "to_sign", "in_progress", "to_decide", "callbacks", "warnings", "all")
    return dict(zip(keys, (int(x) for x in row), strict=True))


def department_counts(engine: Engine, department_id: int, now: datetime) -> dict[str, int]:
    """A department user's navigation counts in one statement."""
    base = "SELECT COUNT(DISTINCT order_id) FROM assignment WHERE department_id = :d"
    sql = text(f"""SELECT
        ({base} AND state IN {OPEN}),
        ({base} AND state = 'awaiting_sign'),
        ({base} AND state = 'in_progress'),
        ({base} AND state IN {OPEN} AND (warning_level <> 'none' OR reply_due <= :now)),
        ({base})""").bindparams(bindparam("now", type_=_T))
    with engine.connect() as conn:
        row = conn.execute(sql, {"d": department_id, "now": now}).one()
    keys = ("my_work", "to_sign", "in_progress", "warnings", "all")
    return dict(zip(keys, (int(x) for x in row), strict=True))


def search(engine: Engine, term: str, page: int) -> tuple[int, list[Any]]:
    """Orders whose ticket, title, content, phone, caller or address contains ``term``, newest
    first: how many, and the first page. PostgreSQL: ``ILIKE`` served by the ``pg_trgm`` GIN
    index of each column. SQLite: the rows the FTS5 trigram table finds for the phrase, checked
    with ``LIKE`` (no case for ASCII, as the desk's ``lower() LIKE lower()``; the trigram
    index also folds other letters); a term under three characters has no trigram and scans."""
    sqlite = engine.dialect.name == "sqlite"
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cond = " OR ".join(f"{c} {'LIKE' if sqlite else 'ILIKE'} :p ESCAPE '\\'" for c in (
        "ticket_no", "title", "content", "caller_phone", "caller_name", "address"))
    if sqlite and len(term) >= 3:
        cond = (f"id IN (SELECT rowid FROM work_order_fts WHERE work_order_fts MATCH :q) "
                f"AND ({cond})")
    with engine.connect() as conn:
        ids = list(conn.execute(text(
            f"SELECT id FROM work_order WHERE {cond} ORDER BY registered_at DESC, id DESC"),
            {"p": pattern, "q": '"' + term.replace('"', '""') + '"'}).scalars())
        return len(ids), page_rows(conn, ids[:page])


def caller_history(engine: Engine, phone: str, limit: int) -> tuple[int, list[Any]]:
    """A caller's orders, newest first (index: work_order caller_phone)."""
    with engine.connect() as conn:
        ids = list(conn.execute(text(
            "SELECT id FROM work_order WHERE caller_phone = :p "
            "ORDER BY registered_at DESC, id DESC LIMIT :n"), {"p": phone, "n": limit})
            .scalars())
        total = conn.execute(text("SELECT COUNT(*) FROM work_order WHERE caller_phone = :p"),
                             {"p": phone}).scalar_one()
        return int(total), page_rows(conn, ids)


def sweep_nothing_due(engine: Engine, now: datetime) -> tuple[int, int]:
    """What a sweep reads when nothing is due: the assignments due for a check (index on
    next_check_at) and the callbacks due."""
    with engine.connect() as conn:
        due = conn.execute(text(
            "SELECT id FROM assignment WHERE next_check_at <= :now "
            "ORDER BY next_check_at LIMIT 1000").bindparams(bindparam("now", type_=_T)),
            {"now": now}).all()
        callbacks = conn.execute(text(
            "SELECT COUNT(*) FROM work_order WHERE state = 'awaiting_callback' "
            "AND callback_due <= :now").bindparams(bindparam("now", type_=_T)),
            {"now": now}).scalar_one()
        return len(due), int(callbacks)


# --- register and dispatch ---------------------------------------------------------------------


@dataclass(frozen=True)
class NewOrder:
    """A registration and its dispatch, with the clocks worked out beforehand (calendar
    arithmetic is not SQL's part)."""

    channel_id: int
    category_id: int
    request_type: str
    urgency: str
    phone: str
    name: str
    address: str
    title: str
    content: str
    operator_id: int
    now: datetime
    day: date
    sign_due: datetime
    reply_due: datetime
    return_until: datetime
    next_check_at: datetime | None


def register_and_dispatch(engine: Engine, o: NewOrder) -> tuple[str, int | None, datetime,
                                                                  datetime, list[int]]:
    """The same writes as registering and dispatching one order, and the reads of the routing
    suggestion and the duplicate check: (state, lead department, sign due, reply due, ids of
    the open orders the duplicate check looked at)."""
    ts = {k: bindparam(k, type_=_T) for k in ("now", "sign", "reply", "ret", "check", "since")}
    payload = bindparam("payload", type_=JSON())
    with engine.connect() as conn:
        contact = conn.execute(text(
            "INSERT INTO contact (phone, name, first_seen, last_seen) VALUES (:p, :n, :now, :now) "
            "ON CONFLICT (phone) DO UPDATE SET last_seen = excluded.last_seen, "
            "name = excluded.name RETURNING id").bindparams(ts["now"]),
            {"p": o.phone, "n": o.name, "now": o.now}).scalar_one()
        seq = conn.execute(text(
            "INSERT INTO ticket_sequence (day, last) VALUES (:d, 1) ON CONFLICT (day) "
            "DO UPDATE SET last = ticket_sequence.last + 1 RETURNING last").bindparams(
            bindparam("d", type_=Date())), {"d": o.day}).scalar_one()
        order_id = conn.execute(text(
            "INSERT INTO work_order (ticket_no, channel_id, contact_id, caller_name, "
            "caller_phone, anonymous, address, category_id, request_type, urgency, title, "
            "content, state, registered_at, registered_by, callback_attempts, reopen_count, "
            "current_hop, updated_at, version) VALUES (:t, :ch, :c, :n, :p, :anon, :a, :cat, "
            ":rt, :u, :title, :content, 'registered', :now, :op, 0, 0, 0, :now, 1) "
            "RETURNING id").bindparams(ts["now"]),
            {"t": f"8890-{o.day:%Y%m%d}-{seq:06d}", "ch": o.channel_id, "c": contact,
             "n": o.name, "p": o.phone, "anon": False, "a": o.address, "cat": o.category_id,
             "rt": o.request_type, "u": o.urgency, "title": o.title, "content": o.content,
             "now": o.now, "op": o.operator_id}).scalar_one()
        chain = _event(conn, order_id, None, o, "registered", None, "registered",
                       {"channel_id": o.channel_id}, payload, ts["now"], None)
        conn.commit()
        candidates = list(conn.execute(text(
            "SELECT id FROM work_order WHERE registered_at >= :since AND state IN "
            "('registered', 'to_dispatch', 'awaiting_sign', 'in_progress', 'replied', "
            "'awaiting_callback') AND (category_id = :cat OR address = :a OR caller_phone = :p) "
            "ORDER BY registered_at DESC LIMIT 200").bindparams(ts["since"]),
            {"since": o.now - timedelta(days=30), "cat": o.category_id, "a": o.address,
             "p": o.phone}).scalars())
        lead = conn.execute(text(
            "SELECT c.default_department_id FROM category c JOIN department d "
            "ON d.id = c.default_department_id WHERE c.id = :cat AND d.active"),
            {"cat": o.category_id}).scalar()
        conn.commit()
        assignment_id = conn.execute(text(
            "INSERT INTO assignment (order_id, department_id, lead, hop, state, dispatched_at, "
            "dispatched_by, sign_due, reply_due, return_until, extension_days, warning_level, "
            "next_check_at, version) VALUES (:o, :d, :lead, 1, 'awaiting_sign', :now, :op, "
            ":sign, :reply, :ret, 0, 'none', :check, 1) RETURNING id").bindparams(
            ts["now"], ts["sign"], ts["reply"], ts["ret"], ts["check"]),
            {"o": order_id, "d": lead, "lead": True, "now": o.now, "op": o.operator_id,
             "sign": o.sign_due, "reply": o.reply_due, "ret": o.return_until,
             "check": o.next_check_at}).scalar_one()
        _event(conn, order_id, assignment_id, o, "dispatched", "registered", "awaiting_sign",
               {"department_id": lead, "lead": True, "hop": 1,
                "sign_due": o.sign_due.isoformat(), "reply_due": o.reply_due.isoformat()},
               payload, ts["now"], chain)
        conn.execute(text(
            "UPDATE work_order SET state = 'awaiting_sign', current_hop = 1, updated_at = :now, "
            "version = version + 1 WHERE id = :o").bindparams(ts["now"]),
            {"o": order_id, "now": o.now})
        conn.commit()
    return "awaiting_sign", lead, o.sign_due, o.reply_due, candidates


def _event(conn: Connection, order_id: int, assignment_id: int | None, o: NewOrder, kind: str,
           before: str | None, after: str, body: dict[str, Any], payload: Any, now: Any,
           previous: str | None) -> str:
    """Append an event with its chain hash (``core.audit``: Python, as in the desk)."""
    chain = event_hash(previous, order_id=order_id, assignment_id=assignment_id, at=o.now,
                       actor_id=o.operator_id, kind=kind, from_state=before, to_state=after,
                       payload=body)
    conn.execute(text(
        "INSERT INTO event (order_id, assignment_id, at, actor_id, kind, from_state, to_state, "
        "payload, chain_hash) VALUES (:o, :a, :now, :op, :k, :f, :t, :payload, :h)")
        .bindparams(now, payload),
        {"o": order_id, "a": assignment_id, "now": o.now, "op": o.operator_id, "k": kind,
         "f": before, "t": after, "payload": body, "h": chain})
    return chain


@dataclass(frozen=True)
class Mark:
    """The newest ids and the day's ticket counter before a write operation runs."""

    order_id: int
    contact_id: int
    day: date
    last_ticket: int | None


def mark(engine: Engine, day: date) -> Mark:
    with engine.connect() as conn:
        return Mark(
            int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM work_order")).scalar_one()),
            int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM contact")).scalar_one()),
            day,
            conn.execute(text("SELECT last FROM ticket_sequence WHERE day = :d").bindparams(
                bindparam("d", type_=Date())), {"d": day}).scalar())


def undo(engine: Engine, m: Mark) -> None:
    """Remove every order (with its children and new callers) written after ``m``, and put the
    day's ticket counter back, so the data set stays as generated. Events are append-only: the
    triggers that say so are dropped and made again in the same transaction (the way
    ``db/audit_repository.py`` offers to tools that undo their own writes)."""
    with engine.begin() as conn:
        drop_append_only_triggers(conn)
        for table in ("event", "escalation_notice", "callback_attempt", "reply",
                      "return_request", "extension_request", "assignment"):
            conn.execute(text(f"DELETE FROM {table} WHERE order_id > :m"), {"m": m.order_id})
        conn.execute(text("DELETE FROM work_order WHERE id > :m"), {"m": m.order_id})
        conn.execute(text("DELETE FROM contact WHERE id > :m"), {"m": m.contact_id})
        day = bindparam("d", type_=Date())
        if m.last_ticket is None:
            conn.execute(text("DELETE FROM ticket_sequence WHERE day = :d").bindparams(day),
                         {"d": m.day})
        else:
            conn.execute(text("UPDATE ticket_sequence SET last = :n WHERE day = :d")
                         .bindparams(day), {"n": m.last_ticket, "d": m.day})
        create_append_only_triggers(conn)
