"""The operations of the performance table, each with the desk's real code and its baseline.

Every ``desk`` callable goes through the functions the desk itself calls (``core.queries``,
``core.services``, ``core.routing``, ``core.deadlines``, ``core.stats``, ``core.weekly_sheet``)
over the real storage (``db.order_queries``, ``db.stats_queries``, the unit of work); every
``baseline`` through ``bench/baselines.py``. Both return the same shape of answer so the harness
can check they agree. The parameters (which department, which caller, which words) are picked
from the data set by :func:`choose`, the same way for every size.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import text

from bench import baselines, desk_ops, weekly
from core import deadlines, levels, queries, routing, services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import Actor, Assignment, AssignmentState
from core.ports import UnitOfWork
from core.queries import ListFilter, ListQuery, Queue, SortKey
from core.stats import weekly_report
from core.stats_model import Period, WeeklyReport
from core.weekly_sheet import write_weekly_sheet
from db import synth
from db.order_queries import queries_factory
from db.setup import Database
from db.stats_queries import stats_reader

PAGE = 50  # rows a list fetches with its ids (gui/orders/list_model.BATCH)
HISTORY = 20  # the caller history side panel (core.queries.caller_history's default)


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    target_s: float | None  # in the operation's unit: seconds, or MB when unit is "MB"
    desk: Callable[[], Any] | None = None
    baseline: Callable[[], Any] | None = None
    cleanup: Callable[[], None] | None = None  # after each timed call (not timed)
    note: str = ""
    unit: str = "s"
    own_measure: bool = False  # desk and baseline return (measurement, answer) themselves


@dataclass(frozen=True)
class Choice:
    """The data set's parameters for the operations."""

    now: datetime
    department: int
    staff: Actor
    operator: Actor
    supervisor: Actor
    phone: str
    street: str
    address: str
    busy: Period
    original: int  # an open order the registration repeats (the duplicate check finds it)


def uow(db: Database, *, write: bool = True) -> UnitOfWork:
    """The desk's unit of work (``SqlUnitOfWork`` meets the protocol; mypy sees its attributes
    as invariant and needs telling)."""
    return cast(UnitOfWork, db.uow(write=write))


def _actor(db: Database, username: str) -> Actor:
    with db.uow(write=False) as uow:
        user = uow.users.by_username(username)
        assert user is not None, f"the data set has no user {username}"
        return user.actor()


def choose(db: Database, now: datetime, busy_monday: Any) -> Choice:
    """The busiest department, the most frequent caller, a common street and a rare address,
    the busy week, and a recent open order to register again."""
    with db.engine.connect() as conn:
        dept = conn.execute(text(
            "SELECT department_id FROM assignment WHERE state IN ('awaiting_sign', "
            "'in_progress') GROUP BY department_id ORDER BY COUNT(*) DESC, department_id "
            "LIMIT 1")).scalar_one()
        staff = conn.execute(text(
            "SELECT u.username FROM app_user u JOIN user_department ud ON ud.user_id = u.id "
            "WHERE ud.department_id = :d ORDER BY u.id LIMIT 1"), {"d": dept}).scalar_one()
        phone = conn.execute(text(
            "SELECT caller_phone FROM work_order WHERE caller_phone <> '' GROUP BY caller_phone "
            "ORDER BY COUNT(*) DESC, caller_phone LIMIT 1")).scalar_one()
        max_id = conn.execute(text("SELECT MAX(id) FROM work_order")).scalar_one()
        address = conn.execute(text(
            "SELECT address FROM work_order WHERE id <= :m AND address <> '' "
            "ORDER BY id DESC LIMIT 1"), {"m": max_id // 2}).scalar_one()
        original = conn.execute(text(
            "SELECT id FROM work_order WHERE state IN ('awaiting_sign', 'in_progress') "
            "AND duplicate_of_id IS NULL AND address <> '' ORDER BY id DESC LIMIT 1")).scalar_one()
    year, week, _ = busy_monday.isocalendar()
    return Choice(now, dept, _actor(db, staff), _actor(db, "op01"), _actor(db, "sup01"), phone,
                  "西安路", address, Period.week(year, week), original)


def operations(db: Database, c: Choice) -> list[Operation]:
    q = queries_factory(db)
    e = db.engine
    now = c.now
    department_queue = ListQuery(queue=Queue.MY_WORK, sort=SortKey.DUE, descending=False)

    def page_answer(actor: Actor, query: ListQuery) -> tuple[int, list[Any]]:
        """What the list model loads first (core.queries.list_page): every id, first page."""
        ids, rows = queries.list_page(q, actor, now, query, PAGE)
        return len(ids), [(r.id, r.ticket_no, str(r.state), r.title, r.caller_phone,
                           r.pending_requests) for r in rows]

    def search(term: str) -> Callable[[], Any]:
        query = ListQuery(filter=ListFilter(text=term))
        return lambda: page_answer(c.operator, query)

    def history() -> Any:
        h = queries.caller_history(q, c.operator, now, c.phone, HISTORY)
        return h.total, [(r.id, r.ticket_no, str(r.state), r.title, r.caller_phone,
                          r.pending_requests) for r in h.orders]

    def counts(actor: Actor) -> Callable[[], Any]:
        return lambda: {str(k): v for k, v in queries.queue_counts(q, actor, now).items()}

    def sweep() -> Any:
        report = deadlines.sweep(lambda: uow(db), FakeClock(now))
        return report.checked + report.total_issued, report.callbacks_due

    register, register_baseline, undo = _register(db, c)
    weekly_figures, weekly_sheet, weekly_baseline = _weekly(db, c)
    return [
        Operation("queue", "department queue: ids by due, first page, count", 0.030,
                  lambda: page_answer(c.staff, department_queue),
                  lambda: baselines.department_queue(e, c.department, PAGE)),
        Operation("counts_supervisor", "navigation counts, supervisor (7 lists)", 0.050,
                  counts(c.supervisor), lambda: baselines.centre_counts(e, now)),
        Operation("counts_department", "navigation counts, department staff (5 lists)", 0.050,
                  counts(c.staff), lambda: baselines.department_counts(e, c.department, now)),
        Operation("search_street", f"free-text search “{c.street}”: all ids, first page", 0.100,
                  search(c.street), lambda: baselines.search(e, c.street, PAGE)),
        Operation("search_address", f"free-text search “{c.address}”", 0.100,
                  search(c.address), lambda: baselines.search(e, c.address, PAGE)),
        Operation("caller_history", "caller history by phone (20 newest, total)", 0.005,
                  history, lambda: baselines.caller_history(e, c.phone, HISTORY)),
        Operation("register_dispatch", "register + routing + duplicate check + dispatch",
                  0.030, register, register_baseline, undo),
        Operation("sweep", "deadline sweep, nothing due", 0.100,
                  sweep, lambda: baselines.sweep_nothing_due(e, now)),
        Operation("weekly_figures", f"weekly figures {c.busy.label} (busy week, 8-week trend)",
                  None, weekly_figures, weekly_baseline),
        Operation("weekly", f"weekly sheet {c.busy.label}: figures + .xlsx", 5.0,
                  weekly_sheet, weekly_baseline),
        *_desk_window(db, c),
    ]


def _desk_window(db: Database, c: Choice) -> list[Operation]:
    """Cold start and list memory, each run in a process of its own (``bench/desk_ops.py``)."""
    start, start_floor = desk_ops.cold_start(db, c.supervisor.username, synth.PASSWORD)
    scroll, scroll_floor = desk_ops.list_memory(db, c.supervisor.username, c.now)
    return [
        Operation("cold_start", "desk cold start to a usable main window (supervisor)", 1.5,
                  start, start_floor, own_measure=True,
                  note="" if start else "SQLite data sets only (the desk runs on a copy)"),
        Operation("list_memory", "scrolling 100,000 rows of 全部工单: peak memory of the desk",
                  400.0,
                  scroll, scroll_floor, unit="MB", own_measure=True),
    ]


def _register(db: Database, c: Choice) -> tuple[Callable[[], Any], Callable[[], Any],
                                                 Callable[[], None]]:
    """A caller repeats the problem of an open order: register, suggest the department, look
    for duplicates, dispatch to the suggestion. The clock stands a minute after "now"."""
    at = c.now + timedelta(minutes=1)
    clock = FakeClock(at)
    with db.uow(write=False) as reading:
        original = reading.orders.get(c.original)
        channel = reading.reference.channel_by_code("hotline")
        assert channel is not None
        policy = reading.reference.policy(original.request_type, original.urgency)
        cal = reading.reference.calendar()
    assert original.category_id is not None
    phone = "19900000000"
    reg = services.Registration(
        channel_id=channel.id, content=original.content, request_type=original.request_type,
        urgency=original.urgency, caller_phone=phone, caller_name="测试先生",
        category_id=original.category_id, address=original.address)
    category = original.category_id

    def desk() -> Any:
        order = services.register(uow(db), c.operator, clock, reg)
        lead = routing.suggested_department(uow(db, write=False), category)
        similar = queries.similar_open_orders(
            queries_factory(db), c.operator, at, category_id=category, address=reg.address,
            phone=phone, content=reg.content, exclude_id=order.id)
        assert lead is not None
        done = services.dispatch(uow(db), c.operator, clock, order.id, lead)
        a = done.assignments[0]
        return (str(done.state), a.department_id, a.sign_due, a.reply_due,
                c.original in {s.row.id for s in similar})

    d = routing.deadlines(policy, cal, at)
    probe = Assignment(None, None, 0, True, 1, AssignmentState.AWAITING_SIGN, at, None,
                       d.sign_due.at, d.reply_due.at, cal.due(at, policy.return_window).at)
    new = baselines.NewOrder(
        channel.id, category, str(original.request_type), str(original.urgency), phone,
        "测试先生", original.address, original.title, original.content,
        c.operator.user_id or 0, at, at.astimezone(SHANGHAI).date(), d.sign_due.at,
        d.reply_due.at, probe.return_until, levels.next_check_at(probe, set(), cal))

    def baseline() -> Any:
        state, lead, sign, reply, seen = baselines.register_and_dispatch(db.engine, new)
        return state, lead, sign, reply, c.original in seen

    before = baselines.mark(db.engine, new.day)
    return desk, baseline, lambda: baselines.undo(db.engine, before)


def _weekly(db: Database, c: Choice
            ) -> tuple[Callable[[], Any], Callable[[], Any], Callable[[], Any]]:
    """The busy week's report alone, the report written as the .xlsx sheet, and the baseline
    (figures only: writing a workbook is not SQL's part)."""
    sheet_path = Path(tempfile.gettempdir()) / "hotline-bench-weekly.xlsx"  # replaced each run
    clock = FakeClock(c.now)
    weeks = c.busy.previous_weeks(8)

    def report() -> WeeklyReport:
        return weekly_report(lambda: stats_reader(db), c.supervisor, clock, c.busy)

    def answer(r: WeeklyReport) -> Any:
        groups = {name: {row.key: weekly.figures_dict(row.figures) for row in rows
                         if any(weekly.figures_dict(row.figures).values())}
                  for name, rows in (("departments", r.departments),
                                     ("categories", r.categories), ("channels", r.channels))}
        return {"weeks": [weekly.figures_dict(p.figures) for p in r.trend], **groups}

    def sheet() -> Any:
        r = report()
        write_weekly_sheet(r, sheet_path)
        return answer(r)

    def baseline() -> Any:
        return weekly.answer(weekly.tally(db.engine, weeks, c.now), len(weeks))

    return lambda: answer(report()), sheet, baseline
