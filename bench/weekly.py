"""Baseline of the weekly sheet: the figures of DOMAIN.md section 6 in hand-written SQL.

One aggregate statement per family of figures over the whole trend span, grouped by week,
department, leaf category and channel (so one pass serves the trend, the week's totals and
its three groupings), like the definitions read: each figure counted on the table whose
timestamp defines it. The overdue snapshot is one more statement over every week's end at once;
the due in force at an instant comes from the timeline (the ``old_reply_due`` of the first
extension approved at or after it, else the current due), where the desk reads the extension
requests and the dispatch event. Written apart from ``db/stats_queries.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, text

from core.stats_model import Figures, Period
from db.models import UTCDateTime

FIGURES = ("received", "direct", "dispatched", "signed", "signed_on_time", "replied",
           "replied_on_time", "returns_approved", "extensions_approved", "satisfied",
           "basically_satisfied", "unsatisfied", "not_reached", "declined", "reopened",
           "overdue_open")
Key = tuple[int, int | None, int | None, int]  # week, department, leaf category, channel


def _bucket(column: str, n: int) -> str:
    whens = " ".join(f"WHEN {column} >= :b{i} AND {column} < :b{i + 1} THEN {i}"
                     for i in range(n))
    return f"CASE {whens} END"


def _families(n: int) -> list[tuple[str, str]]:
    """(SQL, names of its measures); each selects bucket, department, category, channel."""
    def span(c: str) -> str:
        return f"{c} >= :b0 AND {c} < :b{n}"

    outcomes = ("satisfied", "basically_satisfied", "unsatisfied", "not_reached", "declined")
    return [
        (f"SELECT {_bucket('w.registered_at', n)}, NULL, w.category_id, w.channel_id, "
         "COUNT(*), SUM(CASE WHEN w.close_kind = 'direct' THEN 1 ELSE 0 END) FROM work_order w "
         f"WHERE {span('w.registered_at')} GROUP BY 1, 2, 3, 4", "received direct"),
        (f"SELECT {_bucket('a.dispatched_at', n)}, a.department_id, w.category_id, w.channel_id, "
         "COUNT(*) FROM assignment a JOIN work_order w ON w.id = a.order_id "
         f"WHERE {span('a.dispatched_at')} GROUP BY 1, 2, 3, 4", "dispatched"),
        (f"SELECT {_bucket('a.signed_at', n)}, a.department_id, w.category_id, w.channel_id, "
         "COUNT(*), SUM(CASE WHEN a.signed_at <= a.sign_due THEN 1 ELSE 0 END) "
         "FROM assignment a JOIN work_order w ON w.id = a.order_id "
         f"WHERE {span('a.signed_at')} GROUP BY 1, 2, 3, 4", "signed signed_on_time"),
        (f"SELECT {_bucket('a.replied_at', n)}, a.department_id, w.category_id, w.channel_id, "
         "COUNT(*), SUM(CASE WHEN a.replied_at <= a.reply_due THEN 1 ELSE 0 END) "
         "FROM assignment a JOIN work_order w ON w.id = a.order_id "
         f"WHERE {span('a.replied_at')} GROUP BY 1, 2, 3, 4", "replied replied_on_time"),
        *[(f"SELECT {_bucket('q.decided_at', n)}, a.department_id, w.category_id, w.channel_id, "
           f"COUNT(*) FROM {table} q JOIN assignment a ON a.id = q.assignment_id "
           "JOIN work_order w ON w.id = q.order_id "
           f"WHERE q.status = 'approved' AND {span('q.decided_at')} GROUP BY 1, 2, 3, 4", name)
          for table, name in (("return_request", "returns_approved"),
                              ("extension_request", "extensions_approved"))],
        (f"SELECT {_bucket('c.at', n)}, c.department_id, w.category_id, w.channel_id, "
         + ", ".join(f"SUM(CASE WHEN c.outcome = '{o}' THEN 1 ELSE 0 END)" for o in outcomes)
         + " FROM callback_attempt c JOIN work_order w ON w.id = c.order_id "
         f"WHERE {span('c.at')} GROUP BY 1, 2, 3, 4", " ".join(outcomes)),
        (f"SELECT {_bucket('ev.at', n)}, cb.department_id, w.category_id, w.channel_id, COUNT(*) "
         "FROM event ev JOIN work_order w ON w.id = ev.order_id "
         "LEFT JOIN callback_attempt cb ON cb.id = (SELECT MAX(x.id) FROM callback_attempt x "
         "WHERE x.order_id = ev.order_id AND x.outcome = 'unsatisfied' AND x.at <= ev.at) "
         f"WHERE ev.kind = 'reopened' AND {span('ev.at')} GROUP BY 1, 2, 3, 4", "reopened"),
    ]


# The due before an extension, from its ``extension_approved`` event (an ISO text with offset).
_OLD_DUE = {
    "sqlite": "julianday(json_extract(ev.payload, '$.old_reply_due'))",
    "postgresql": "(ev.payload->>'old_reply_due')::timestamptz AT TIME ZONE 'UTC'",
}
_INSTANT = {"sqlite": "julianday({})", "postgresql": "{}"}


def _overdue_sql(dialect: str, instants: int) -> str:
    """超期未办 at each instant ``:t0`` (the earliest), ``:t1``…: open then (dispatched before
    it, neither replied nor ended before it) with the due then in force passed. What is open
    at an instant since ``:t0`` is open now, or replied or ended since ``:t0``: the candidates
    are those three index ranges (disjoint: open now is neither replied nor ended), not every
    assignment."""
    at = _INSTANT[dialect].format
    values = ", ".join(f"({i}, :t{i})" for i in range(instants))
    cols = "id, department_id, order_id, dispatched_at, replied_at, ended_at, reply_due"
    return (
        f"WITH instants (i, t) AS (VALUES {values}), "
        f"maybe_open AS (SELECT {cols} FROM assignment "
        "WHERE state IN ('awaiting_sign', 'in_progress') "
        f"UNION ALL SELECT {cols} FROM assignment WHERE replied_at >= :t0 "
        f"UNION ALL SELECT {cols} FROM assignment WHERE ended_at >= :t0 "
        "AND replied_at IS NULL) "
        "SELECT n.i, a.department_id, w.category_id, w.channel_id, COUNT(*) "
        "FROM maybe_open a JOIN instants n ON a.dispatched_at < n.t "
        "AND (a.replied_at IS NULL OR a.replied_at >= n.t) "
        "AND (a.ended_at IS NULL OR a.ended_at >= n.t) "
        "JOIN work_order w ON w.id = a.order_id "
        f"WHERE COALESCE((SELECT {_OLD_DUE[dialect]} FROM event ev "
        "WHERE ev.assignment_id = a.id AND ev.kind = 'extension_approved' AND ev.at >= n.t "
        f"ORDER BY ev.at, ev.id LIMIT 1), {at('a.reply_due')}) < {at('n.t')} "
        "GROUP BY 1, 2, 3, 4")


def tally(engine: Engine, weeks: Sequence[Period], now: datetime | None = None
          ) -> dict[Key, dict[str, int]]:
    """Every figure for consecutive ``weeks``, by (week index, department, leaf category,
    channel). The overdue snapshot is taken at each week's end, or ``now`` for a week still
    running (none for a week not begun)."""
    n = len(weeks)
    bounds: dict[str, datetime] = {f"b{i}": w.start for i, w in enumerate(weeks)}
    bounds[f"b{n}"] = weeks[-1].end
    out: dict[Key, dict[str, int]] = defaultdict(dict)
    with engine.connect() as conn:
        for sql, names in _families(n):
            stmt = text(sql).bindparams(*[bindparam(k, type_=UTCDateTime()) for k in bounds])
            _add_rows(out, conn.execute(stmt, bounds), names.split())
        ats = [w.end if now is None else min(w.end, now) for w in weeks]
        snapshots = [(i, t) for i, t in enumerate(ats) if t > weeks[i].start]
        if snapshots:
            instants = {f"t{k}": t for k, (_, t) in enumerate(snapshots)}
            stmt = text(_overdue_sql(engine.dialect.name, len(snapshots))).bindparams(
                *[bindparam(k, type_=UTCDateTime()) for k in instants])
            rows = [(snapshots[int(k)][0], *rest) for k, *rest in conn.execute(stmt, instants)]
            _add_rows(out, rows, ["overdue_open"])
        parents: dict[int, int | None] = {
            int(i): p for i, p in conn.execute(text("SELECT id, parent_id FROM category"))}
    return _with_top(out, parents)


def _add_rows(out: dict[Key, dict[str, int]], rows: Any, names: Sequence[str]) -> None:
    for row in rows:
        slot = out[(int(row[0]), row[1], row[2], int(row[3]))]
        for name, value in zip(names, row[4:], strict=True):
            slot[name] = slot.get(name, 0) + int(value or 0)


def _top(parents: dict[int, int | None], category: int | None) -> int | None:
    node = category
    while node is not None and parents.get(node) is not None:
        node = parents[node]
    return node


def _with_top(tallied: dict[Key, dict[str, int]], parents: dict[int, int | None]
              ) -> dict[Key, dict[str, int]]:
    """The same counts keyed by top-level category instead of leaf."""
    out: dict[Key, dict[str, int]] = defaultdict(dict)
    for (w, d, c, ch), counts in tallied.items():
        slot = out[(w, d, _top(parents, c), ch)]
        for name, value in counts.items():
            slot[name] = slot.get(name, 0) + value
    return out


def answer(tallied: dict[Key, dict[str, int]], n_weeks: int) -> dict[str, Any]:
    """Per-week totals and the last week's departments, top categories and channels."""
    def add(into: dict[Any, dict[str, int]], key: Any, counts: dict[str, int]) -> None:
        slot = into.setdefault(key, {f: 0 for f in FIGURES})
        for name, value in counts.items():
            slot[name] += value

    weeks: dict[Any, dict[str, int]] = {i: {f: 0 for f in FIGURES} for i in range(n_weeks)}
    groups: dict[str, dict[Any, dict[str, int]]] = {"departments": {}, "categories": {},
                                                    "channels": {}}
    for (w, d, c, ch), counts in tallied.items():
        add(weeks, w, counts)
        if w == n_weeks - 1:
            if d is not None:
                add(groups["departments"], d, counts)
            add(groups["categories"], c, counts)
            add(groups["channels"], ch, counts)
    return {"weeks": [weeks[i] for i in range(n_weeks)],
            **{k: {key: v for key, v in g.items() if any(v.values())}
               for k, g in groups.items()}}


def figures_dict(f: Figures) -> dict[str, int]:
    return {name: getattr(f, name) for name in FIGURES}
