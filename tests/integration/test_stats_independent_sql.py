"""The statistics against hand-written SQL on the demo centre (300 orders over eight weeks).

Every department figure and the total are recomputed here with plain SQL text, written apart
from ``db/stats_queries.py`` and sharing nothing with it; the overdue snapshot reconstructs the
due in force from the ``extension_approved`` events (the code under test uses the extension
requests and the dispatch event instead).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, bindparam, text

from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.demo import build_demo_centre
from core.model import Actor, Role
from core.stats import is_overdue_open, weekly_report
from core.stats_model import Figures, Period, WeeklyReport
from db.setup import Database, open_database
from db.stats_queries import stats_reader
from tests.support.pg import PgServer

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=SHANGHAI)  # a Friday evening in 2026-W47
SUPERVISOR = Actor(10_000, "checker", frozenset({Role.SUPERVISOR}))

# Each query yields (department_id, n) rows; department_id NULL is the total's share only.
DEPARTMENT_SQL: dict[str, str] = {
    "dispatched": """
        SELECT department_id, COUNT(*) FROM assignment
        WHERE dispatched_at >= :s AND dispatched_at < :e GROUP BY department_id""",
    "signed": """
        SELECT department_id, COUNT(*) FROM assignment
        WHERE signed_at >= :s AND signed_at < :e GROUP BY department_id""",
    "signed_on_time": """
        SELECT department_id, COUNT(*) FROM assignment
        WHERE signed_at >= :s AND signed_at < :e AND signed_at <= sign_due
        GROUP BY department_id""",
    "replied": """
        SELECT department_id, COUNT(*) FROM assignment
        WHERE replied_at >= :s AND replied_at < :e GROUP BY department_id""",
    "replied_on_time": """
        SELECT department_id, COUNT(*) FROM assignment
        WHERE replied_at >= :s AND replied_at < :e AND replied_at <= reply_due
        GROUP BY department_id""",
    "returns_approved": """
        SELECT a.department_id, COUNT(*) FROM return_request q
        JOIN assignment a ON a.id = q.assignment_id
        WHERE q.status = 'approved' AND q.decided_at >= :s AND q.decided_at < :e
        GROUP BY a.department_id""",
    "extensions_approved": """
        SELECT a.department_id, COUNT(*) FROM extension_request q
        JOIN assignment a ON a.id = q.assignment_id
        WHERE q.status = 'approved' AND q.decided_at >= :s AND q.decided_at < :e
        GROUP BY a.department_id""",
    "reopened": """
        SELECT cb.department_id, COUNT(*) FROM event ev
        JOIN callback_attempt cb ON cb.id = (
            SELECT MAX(x.id) FROM callback_attempt x
            WHERE x.order_id = ev.order_id AND x.outcome = 'unsatisfied' AND x.at <= ev.at)
        WHERE ev.kind = 'reopened' AND ev.at >= :s AND ev.at < :e
        GROUP BY cb.department_id""",
}
for _outcome in ("satisfied", "basically_satisfied", "unsatisfied", "not_reached", "declined"):
    DEPARTMENT_SQL[_outcome] = f"""
        SELECT department_id, COUNT(*) FROM callback_attempt
        WHERE outcome = '{_outcome}' AND at >= :s AND at < :e GROUP BY department_id"""

TOTAL_SQL: dict[str, str] = {
    "received": """
        SELECT COUNT(*) FROM work_order WHERE registered_at >= :s AND registered_at < :e""",
    "direct": """
        SELECT COUNT(*) FROM work_order
        WHERE registered_at >= :s AND registered_at < :e AND close_kind = 'direct'""",
    "reopened": """
        SELECT COUNT(*) FROM event WHERE kind = 'reopened' AND at >= :s AND at < :e""",
}


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres",
                                               marks=[pytest.mark.postgres, pytest.mark.slow])])
def demo_db(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("demo") / "desk.db"
        db = open_database(f"sqlite:///{path}")
        build_demo_centre(db.uow, orders=300, seed=5, now=NOW)
        yield db
        db.dispose()
        return
    server: PgServer | None = request.getfixturevalue("pg_server")
    template: str | None = request.getfixturevalue("pg_template")
    if server is None or template is None:
        pytest.skip("PostgreSQL server not reachable")
    with server.temporary_database(template=template) as url:
        db = open_database(url)
        build_demo_centre(db.uow, orders=300, seed=5, now=NOW)
        yield db
        db.dispose()


def naive_utc(t: datetime) -> datetime:
    return t.astimezone(UTC).replace(tzinfo=None)


def run(db: Database, sql: str, period: Period) -> list[Any]:
    stmt = text(sql).bindparams(bindparam("s", type_=DateTime()),
                                bindparam("e", type_=DateTime()))
    with db.engine.connect() as conn:
        return list(conn.execute(stmt, {"s": naive_utc(period.start),
                                        "e": naive_utc(period.end)}))


def overdue_by_department(db: Database, instant: datetime) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for dept in overdue_at(db, instant).values():
        out[dept] += 1
    return dict(out)


def overdue_at(db: Database, instant: datetime) -> dict[int, int]:
    """Assignment id -> department of those open at ``instant`` with the due then in force
    passed: the due before the first extension approved at or after it (its event's
    old_reply_due), else the current due. Every assignment is read: no candidate condition."""
    t = naive_utc(instant)
    with db.engine.connect() as conn:
        assignments = list(conn.execute(text(
            "SELECT id, department_id, dispatched_at, replied_at, ended_at, reply_due "
            "FROM assignment").columns(dispatched_at=DateTime(), replied_at=DateTime(),
                                       ended_at=DateTime(), reply_due=DateTime())))
        approvals = list(conn.execute(text(
            "SELECT assignment_id, at, payload FROM event WHERE kind = 'extension_approved' "
            "ORDER BY at, id").columns(at=DateTime())))
    first_after: dict[int, datetime] = {}
    for aid, when, payload in approvals:
        if when >= t and aid not in first_after:
            data = json.loads(payload) if isinstance(payload, str) else payload
            first_after[aid] = naive_utc(datetime.fromisoformat(data["old_reply_due"]))
    out: dict[int, int] = {}
    for aid, dept, dispatched, replied, ended, due in assignments:
        due_then = first_after.get(aid, due)
        if (dispatched < t and (replied is None or replied >= t)
                and (ended is None or ended >= t) and due_then < t):
            out[aid] = dept
    return out


def independent(db: Database, period: Period) -> tuple[Figures, dict[int, Figures]]:
    per_dept: dict[int, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = {}
    for name, sql in DEPARTMENT_SQL.items():
        for dept, n in run(db, sql, period):
            totals[name] = totals.get(name, 0) + n
            if dept is not None:
                per_dept[dept][name] = n
    for name, sql in TOTAL_SQL.items():
        [(n,)] = run(db, sql, period)
        if name == "reopened":
            assert n == totals.get(name, 0)  # every reopen follows an unsatisfied callback
        totals[name] = n
    for dept, n in overdue_by_department(db, min(period.end, NOW)).items():
        per_dept[dept]["overdue_open"] = n
        totals["overdue_open"] = totals.get("overdue_open", 0) + n
    return Figures(**totals), {d: Figures(**v) for d, v in per_dept.items()}


def summed(figures: list[Figures]) -> Figures:
    return Figures(**{f.name: sum(getattr(x, f.name) for x in figures)
                      for f in fields(Figures)})


@pytest.mark.parametrize("label", ["2026-W46", "2026-10", "2026-W40", "2026-W47",
                                   "2026-09-25..2026-11-20"])
def test_the_report_matches_hand_written_sql(demo_db: Database, label: str) -> None:
    period = Period.parse(label)
    report: WeeklyReport = weekly_report(lambda: stats_reader(demo_db), SUPERVISOR,
                                         FakeClock(NOW), period)
    total, departments = independent(demo_db, period)
    assert report.total == total
    assert {row.key: row.figures for row in report.departments} == {
        d: f for d, f in departments.items() if f != Figures()}
    assert report.total.received > 0 and report.total.callbacks > 0
    # every order has exactly one category and one channel: their rows add up to the total
    assert summed([row.figures for row in report.categories]) == report.total
    assert summed([row.figures for row in report.channels]) == report.total
    rates = [(row.figures.satisfaction_rate, row.figures.on_time_reply_rate, row.name)
             for row in report.departments]
    assert rates == sorted(rates, key=lambda x: (x[0] is None, -(x[0] or 0),
                                                 x[1] is None, -(x[1] or 0), x[2]))


def test_the_trend_is_each_week_on_its_own(demo_db: Database) -> None:
    clock = FakeClock(NOW)
    report = weekly_report(lambda: stats_reader(demo_db), SUPERVISOR, clock,
                           Period.parse("2026-W47"))
    assert [p.period.label for p in report.trend] == [f"2026-W{w}" for w in range(40, 48)]
    for point in report.trend:
        alone = weekly_report(lambda: stats_reader(demo_db), SUPERVISOR, clock, point.period)
        assert alone.total == point.figures
        assert independent(demo_db, point.period)[0] == point.figures
    assert sum(p.figures.received for p in report.trend) > 0


def test_open_now_means_neither_replied_nor_ended(demo_db: Database) -> None:
    """The overdue snapshot finds the assignments open now by their state
    (``ix_assignment_state_*``): that must be exactly those with no reply and no end."""
    with demo_db.engine.connect() as conn:
        by_state = set(conn.execute(text(
            "SELECT id FROM assignment WHERE state IN ('awaiting_sign', 'in_progress')")))
        by_time = set(conn.execute(text(
            "SELECT id FROM assignment WHERE replied_at IS NULL AND ended_at IS NULL")))
        closed = conn.execute(text(
            "SELECT COUNT(*) FROM assignment WHERE replied_at IS NOT NULL "
            "OR ended_at IS NOT NULL")).scalar_one()
    assert by_state == by_time and by_state and closed > 0


@pytest.mark.parametrize("days", [0, 3, 17, 56])
def test_the_snapshot_candidates_miss_no_overdue_assignment(demo_db: Database,
                                                            days: int) -> None:
    """For a window of ``days`` ending at several instants, every assignment overdue at any
    instant of it (found by reading every assignment) is among ``open_assignments`` and is
    judged overdue there, and nothing else is."""
    ends = [NOW - timedelta(days=d, hours=h) for d in (0, 9, 23, 40) for h in (0, 7)]
    with stats_reader(demo_db) as reader:
        for last in ends:
            first = last - timedelta(days=days)
            candidates = reader.open_assignments(first, last)
            assert len({a.assignment_id for a in candidates}) == len(candidates)
            for t in sorted({first, last, first + (last - first) / 3, last - timedelta(hours=5)}):
                if not first <= t <= last:
                    continue
                found = {a.assignment_id: a.department_id for a in candidates
                         if is_overdue_open(a, t)}
                assert found == overdue_at(demo_db, t), (first, last, t)
    assert any(overdue_at(demo_db, t) for t in ends)
