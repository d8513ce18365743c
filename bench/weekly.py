"""Baseline of the weekly sheet: the figures of DOMAIN.md section 6 in hand-written SQL.

One aggregate statement per family of figures over the whole trend span, grouped by week,
department, leaf category and channel (so one pass serves the trend, the week's totals and
its three groupings), like the definitions read: each figure counted on the table whose
timestamp defines it. The overdue snapshot is left out of the comparison (its due-in-force
rule is not SQL). Written apart from ``db/stats_queries.py``.
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
           "basically_satisfied", "unsatisfied", "not_reached", "declined", "reopened")
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


def tally(engine: Engine, weeks: Sequence[Period]) -> dict[Key, dict[str, int]]:
    """Every figure but the overdue snapshot for consecutive ``weeks``, by (week index,
    department, leaf category, channel)."""
    n = len(weeks)
    bounds: dict[str, datetime] = {f"b{i}": w.start for i, w in enumerate(weeks)}
    bounds[f"b{n}"] = weeks[-1].end
    out: dict[Key, dict[str, int]] = defaultdict(dict)
    with engine.connect() as conn:
        for sql, names in _families(n):
            stmt = text(sql).bindparams(*[bindparam(k, type_=UTCDateTime()) for k in bounds])
            for row in conn.execute(stmt, bounds):
                slot = out[(int(row[0]), row[1], row[2], int(row[3]))]
                for name, value in zip(names.split(), row[4:], strict=True):
                    slot[name] = slot.get(name, 0) + int(value or 0)
        parents: dict[int, int | None] = {
            int(i): p for i, p in conn.execute(text("SELECT id, parent_id FROM category"))}
    return _with_top(out, parents)


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
