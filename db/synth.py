"""A large, realistic data set for the benchmark: ``python main.py synth --orders N``.

Into an empty database: the demo centre's 47 Dalian departments and its category tree (through
``core.admin``), users per role, then ``N`` work orders registered over three years that end at
:data:`END` (the data set's "now"), with one busy week (the start of the heating season a year
earlier) holding 2 % of them. Each order's life is told by ``core.synth_story`` on the desk's own
lifecycle, so every state, clock, child record and event is one the desk could have stored.
Ticket numbers follow the desk's per-day format and ``ticket_sequence`` is set so that new
registrations continue after the data.

Orders are told in chunks of :data:`CHUNK` (in worker processes when there are several chunks)
and written in bulk (``db/synth_rows.py``) by this process, in order, one transaction per
:data:`COMMIT_EVERY` orders. The same ``N`` and ``seed`` give the same data however many
workers run. All users share the password :data:`PASSWORD`.
"""

from __future__ import annotations

import gc
import os
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from core import admin, demo_data
from core.calendar import SHANGHAI, WorkCalendar
from core.clock import FakeClock
from core.errors import rule
from core.model import Actor, RequestType, Role, Urgency
from core.ports import UnitOfWork
from core.synth_story import SynthCalendar, World
from core.synth_text import (
    ANONYMOUS_SHARE,
    REPEAT_SHARE,
    Place,
    Words,
    busy_week_start,
    daily_counts,
    registration_times,
)
from db.setup import Database
from db.synth_rows import ORDER_TABLES, Rows, bulk_loader, finish, shift
from db.synth_tell import Chunk, Job, Leaf, tell_chunk

END = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)  # a Friday morning in 2026-W47
GENERATOR = 3  # bump when the generated data changes: cached benchmark data sets are rebuilt
PASSWORD = "demo8890"
CHUNK = 20_000
ASSIGNMENT_ROOM = 2  # assignment ids per order reserved for a chunk (about 1.0 are used)
COMMIT_EVERY = 100_000
OPERATORS = 24
SUPERVISORS = 4
Progress = Callable[[int, int], None]


@dataclass
class SynthResult:
    """What was written, for the command line and the benchmark."""

    orders: int = 0
    contacts: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    seconds: float = 0.0
    end: datetime = END
    busy_week: date | None = None

    def describe(self) -> str:
        states = ", ".join(f"{k} {v}" for k, v in sorted(self.by_state.items()))
        rows = ", ".join(f"{k} {v}" for k, v in self.rows.items())
        return (f"已生成 {self.orders} 个工单（{self.contacts} 位来电人）/ generated {self.orders} "
                f"orders from {self.contacts} callers in {self.seconds:.1f} s\n"
                f"  now = {self.end.astimezone(SHANGHAI):%Y-%m-%d %H:%M} (Asia/Shanghai), "
                f"busy week from {self.busy_week}\n  states: {states}\n  rows: {rows}\n"
                f"  accounts: admin, op01…, sup01…, staff_<department code> / password "
                f"{PASSWORD}"
                + (f"\n  warning: the lifecycle refused {self.refused} generated steps (a "
                   "generator bug; the data stay consistent)" if self.refused else ""))


@dataclass
class _Plan:
    times: list[datetime]
    tickets: list[str]
    callers: list[int]  # index into ``contacts``, -1 for an anonymous report
    contacts: list[tuple[str, str, Place]]  # phone, name, home
    sequence: dict[date, int]


def is_empty(db: Database) -> bool:
    with db.uow(write=False) as uow:
        return not uow.reference.departments() and uow.orders.count() == 0


def synthesize(db: Database, orders: int, *, seed: int = 8890, end: datetime = END,
               progress: Progress | None = None, workers: int | None = None) -> SynthResult:
    """Fill the empty database ``db`` with ``orders`` orders (see the module docstring).
    ``workers`` (default: the number of processors, at most 4) tell the chunks in parallel."""
    if orders < 0:
        raise ValueError("orders must not be negative")
    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()  # millions of young objects and no cycles: the collector would only rescan
    try:
        result = _synthesize(db, orders, seed, end, progress,
                             workers if workers is not None else min(os.cpu_count() or 1, 4))
    finally:
        if collecting:
            gc.enable()
    result.seconds = time.perf_counter() - started
    return result


def _synthesize(db: Database, orders: int, seed: int, end: datetime, progress: Progress | None,
                workers: int) -> SynthResult:
    if not is_empty(db):
        raise rule(f"{db.label} already holds departments or orders; synth only fills an "
                   "empty database.",
                   f"数据库 {db.label} 中已有承办单位或工单，只能向空数据库生成数据。")
    world, leaves, channels = _centre(db, end - timedelta(days=3 * 366 + 2), end)
    plan = _plan(orders, seed, end, world.calendar)
    result = SynthResult(orders=orders, contacts=len(plan.contacts), end=end,
                         busy_week=busy_week_start(end))
    rows = Rows(db.backend)
    jobs = [Job(k, first, first * ASSIGNMENT_ROOM, world, leaves, channels,
                plan.times[first:first + CHUNK],
                plan.tickets[first:first + CHUNK],
                [(c + 1, *plan.contacts[c]) if c >= 0 else None
                 for c in plan.callers[first:first + CHUNK]], seed, db.backend)
            for k, first in enumerate(range(0, orders, CHUNK))]
    with bulk_loader(db.engine) as load:
        contacts = _contact_rows(plan, rows)
        load.write("contact", contacts)
        result.rows["contact"] = len(contacts)
        del contacts
        shifted = ORDER_TABLES[2:]  # their ids follow the previous chunks'
        bases = [0] * len(shifted)
        done = since_commit = 0
        for chunk in _told(jobs, workers):
            if len(chunk.tables["assignment"]) > ASSIGNMENT_ROOM * CHUNK:
                raise RuntimeError("synth: a chunk made more assignments than its id range")
            shift(chunk.tables, bases)
            for table in ORDER_TABLES:
                load.write(table, chunk.tables[table])
                result.rows[table] += len(chunk.tables[table])
            for n, table in enumerate(shifted):
                bases[n] += len(chunk.tables[table])
            result.by_state.update(chunk.by_state)
            result.refused += chunk.refused
            done += chunk.orders
            since_commit += chunk.orders
            if since_commit >= COMMIT_EVERY:
                load.commit()
                since_commit = 0
            if progress is not None:
                progress(done, orders)
        load.write("ticket_sequence", [(rows.day(d), n) for d, n in sorted(plan.sequence.items())])
    finish(db.engine)
    return result


def _told(jobs: list[Job], workers: int) -> Iterator[Chunk]:
    """The chunks in order: told here, or by ``workers`` processes a few chunks ahead."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield tell_chunk(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        ahead = workers + 1  # bounded: told chunks wait in memory until written
        told: deque[Future[Chunk]] = deque()
        for job in jobs:
            told.append(pool.submit(tell_chunk, job))
            if len(told) > ahead:
                yield told.popleft().result()
        while told:
            yield told.popleft().result()


def _contact_rows(plan: _Plan, rows: Rows) -> list[tuple[object, ...]]:
    first: dict[int, datetime] = {}
    last: dict[int, datetime] = {}
    for t, c in zip(plan.times, plan.callers, strict=True):
        if c >= 0:
            first.setdefault(c, t)
            last[c] = t
    ts = rows.ts
    return [(c + 1, phone, name, ts(first[c]), ts(last[c]))
            for c, (phone, name, _) in enumerate(plan.contacts)]


# --- the centre: reference data and users ------------------------------------------------------


def _uow(db: Database) -> UnitOfWork:
    # SqlUnitOfWork meets the protocol at run time; mypy sees its attributes as invariant
    return cast(UnitOfWork, db.uow())


def _centre(db: Database, at: datetime, end: datetime
            ) -> tuple[World, list[Leaf], dict[str, int]]:
    """Departments and categories through ``core.admin``; the users with one password hash
    (argon2 is slow on purpose) and their administrative audit records, as ``core.admin``
    writes them. Everything is stamped ``at``, before the first order."""
    root = Actor(None, "synth", frozenset({Role.ADMINISTRATOR}))
    clock = FakeClock(at)
    dept_ids = {d.code: admin.add_department(_uow(db), root, d.code, d.name, d.parent,
                                             clock=clock)
                for d in demo_data.DEPARTMENTS}
    leaves: list[Leaf] = []

    def walk(spec: demo_data.CategorySpec, parent: str | None) -> None:
        cid = admin.add_category(_uow(db), root, spec.code, spec.name, parent, spec.department,
                                 clock=clock)
        if spec.department and not spec.children:
            leaves.append((cid, spec.code, dept_ids[spec.department]))
        for child in spec.children:
            walk(child, spec.code)

    for top in demo_data.CATEGORIES:
        walk(top, None)
    password_hash = admin.hash_password(PASSWORD)
    with _uow(db) as uow:
        def add(name: str, display: str, role: Role, depts: list[int]) -> Actor:
            uid = uow.users.add(name, display, password_hash, [role], depts, at)
            uow.audit.record_admin_change(
                at, None, "user.add", f"user:{name}",
                {"by": root.username, "display_name": display, "roles": [role.value],
                 "department_ids": depts})
            return Actor(uid, name, frozenset({role}), frozenset(depts))

        if uow.users.count() == 0:
            add("admin", "系统管理员", Role.ADMINISTRATOR, [])
        operators = tuple(add(f"op{i:02d}", f"话务员{i:02d}", Role.OPERATOR, [])
                          for i in range(1, OPERATORS + 1))
        supervisors = tuple(add(f"sup{i:02d}", f"班长{i:02d}", Role.SUPERVISOR, [])
                            for i in range(1, SUPERVISORS + 1))
        staff = {dept: add(f"staff_{code.lower().replace('-', '_')}", f"{code}联络员",
                           Role.DEPARTMENT_STAFF, [dept]) for code, dept in dept_ids.items()}
        channels = {ch.code: ch.id for ch in uow.reference.channels()}
        cal = SynthCalendar.like(uow.reference.calendar())
        rules = uow.reference.rules()
        policies = {(rt, u): uow.reference.policy(rt, u) for rt in RequestType for u in Urgency}
        uow.commit()
    return World(operators, supervisors, staff, cal, rules, policies, end), leaves, channels


# --- the intake plan: when, and who calls ----------------------------------------------------


def _plan(n: int, seed: int, end: datetime, cal: WorkCalendar) -> _Plan:
    times: list[datetime] = []
    tickets: list[str] = []
    sequence: dict[date, int] = {}
    for day, instants in registration_times(random.Random(f"{seed}:times"),
                                            daily_counts(n, end, cal), end):
        if instants:
            prefix = f"8890-{day:%Y%m%d}-"
            tickets += [f"{prefix}{seq:06d}" for seq in range(1, len(instants) + 1)]
            times += instants
            sequence[day] = len(instants)
    rng = random.Random(f"{seed}:callers")
    words = Words(rng)
    contacts: list[tuple[str, str, Place]] = []
    callers: list[int] = []
    earlier: list[int] = []  # one entry per order: a repeat caller is drawn from these
    for _ in range(n):
        if rng.random() < ANONYMOUS_SHARE:
            callers.append(-1)
            continue
        if earlier and rng.random() < REPEAT_SHARE:
            c = earlier[rng.randrange(len(earlier))]
        else:
            c = len(contacts)
            contacts.append((words.phone(), words.caller_name(), words.place()))
        callers.append(c)
        earlier.append(c)
    return _Plan(times, tickets, callers, contacts, sequence)
