"""What one workstation of the load test does: a small centre to act in, a fast clock, and one
function per kind of action that picks a fitting target and calls the real service.

Every action goes through ``core.services`` (or ``core.take_next``, ``core.deadlines``) exactly
as the desk does; only the choice of target is the load test's own (a cheap look at the newest
fitting rows). Under contention a target may have changed by the time the service runs: the
service then refuses (``ConcurrencyConflict``, ``IllegalTransition``, a rule) and nothing
changes — that is counted as a refusal, not an error.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from core import deadlines, services
from core.calendar import SHANGHAI
from core.model import (
    Actor,
    AssignmentState,
    CallbackOutcome,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    Role,
    Urgency,
)
from core.take_next import take_next
from db import models as r
from db.setup import Database

START = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday morning in desk time
DEPARTMENTS = (("LD-ZJJ", "压测住建局"), ("LD-CGJ", "压测城管局"), ("LD-ZLS", "压测自来水"),
               ("LD-GDJ", "压测供电局"))
NO_LOGIN = "!load-test: no password"
RECENT = 50  # targets are picked among this many newest fitting rows


class FastClock:
    """Desk time running ``speed`` times faster than the wall clock from ``wall_start`` (the
    same in every process, so all workstations agree on the time)."""

    def __init__(self, wall_start: float, speed: float, desk_start: datetime = START) -> None:
        self._wall_start = wall_start
        self._speed = speed
        self._desk_start = desk_start

    def now(self) -> datetime:
        return self._desk_start + timedelta(seconds=(time.time() - self._wall_start)
                                            * self._speed)


@dataclass(frozen=True)
class Centre:
    """Ids the workstations need; picklable for the worker processes."""

    departments: tuple[int, ...]
    leaves: tuple[int, ...]  # leaf categories, one per department
    channels: tuple[int, ...]  # hotline first, then online channels
    operators: tuple[Actor, ...]
    supervisors: tuple[Actor, ...]
    staff: tuple[Actor, ...]  # one per department, same order


def _user(db: Database, name: str, roles: list[Role], depts: list[int]) -> Actor:
    with db.uow() as uow:
        found = uow.users.by_username(name)
        if found is None:
            uow.users.add(name, name, NO_LOGIN, roles, depts, START)
            uow.commit()
            found = uow.users.by_username(name)
        assert found is not None
        return found.actor()


def prepare_centre(db: Database, workstations: int) -> Centre:
    """Departments, categories and users for the load test; reuses what an earlier run made."""
    dept_ids, leaves = [], []
    with db.uow() as uow:
        ref = uow.reference
        for i, (code, name) in enumerate(DEPARTMENTS):
            dept = ref.department_by_code(code)
            dept_id = dept.id if dept else ref.add_department(code, name, None)
            leaf = ref.category_by_code(f"LD{i}0101")
            if leaf is None:
                top = ref.add_category(f"LD{i}", f"压测大类{i}", None, 1, None)
                mid = ref.add_category(f"LD{i}01", f"压测中类{i}", top, 2, None)
                leaf_id = ref.add_category(f"LD{i}0101", f"压测事项{i}", mid, 3, dept_id)
            else:
                leaf_id = leaf.id
            dept_ids.append(dept_id)
            leaves.append(leaf_id)
        channels = [c.id for c in ref.channels() if c.code in ("hotline", "portal", "wechat")]
        uow.commit()
    n = max(workstations, 1)
    return Centre(
        departments=tuple(dept_ids), leaves=tuple(leaves), channels=tuple(sorted(channels)),
        operators=tuple(_user(db, f"load_op{i}", [Role.OPERATOR], []) for i in range(n)),
        supervisors=tuple(_user(db, f"load_sup{i}", [Role.SUPERVISOR], []) for i in range(n)),
        staff=tuple(_user(db, f"load_staff{i}", [Role.DEPARTMENT_STAFF], [d])
                    for i, d in enumerate(dept_ids)),
    )


class Workstation:
    """One process's desk: its own operator and supervisor, every department's staff."""

    def __init__(self, db: Database, centre: Centre, index: int, clock: Any,
                 rng: random.Random) -> None:
        self.db = db
        self.c = centre
        self.clock = clock
        self.rng = rng
        self.operator = centre.operators[index % len(centre.operators)]
        self.supervisor = centre.supervisors[index % len(centre.supervisors)]

    # --- picking targets ----------------------------------------------------------------------

    def _pick(self, stmt: Any) -> Any:
        with self.db.sessions() as s:
            rows = s.execute(stmt.limit(RECENT)).all()
            s.rollback()
        return self.rng.choice(rows) if rows else None

    def _order_in(self, *states: OrderState, **where: Any) -> int | None:
        wo = r.WorkOrder
        stmt = select(wo.id).where(wo.state.in_(states)).order_by(wo.id.desc())
        for name, value in where.items():
            stmt = stmt.where(getattr(wo, name) == value)
        row = self._pick(stmt)
        return None if row is None else int(row[0])

    def _assignment_in(self, *states: AssignmentState, extra: Any = None
                       ) -> tuple[int, Actor] | None:
        a = r.Assignment
        stmt = select(a.id, a.department_id).where(a.state.in_(states)).order_by(a.id.desc())
        if extra is not None:
            stmt = stmt.where(extra)
        row = self._pick(stmt)
        if row is None:
            return None
        staff = self.c.staff[self.c.departments.index(row[1])]
        return int(row[0]), staff

    def _pending(self, table: Any) -> int | None:
        row = self._pick(select(table.id).where(table.status == RequestStatus.PENDING)
                         .order_by(table.id.desc()))
        return None if row is None else int(row[0])

    # --- actions: each returns the service call to time, or None when nothing fits -----------

    def register(self) -> Callable[[], object] | None:
        rng, c = self.rng, self.c
        channel = rng.choice(c.channels)
        hotline = channel == c.channels[0]
        urgency = rng.choices(list(Urgency), weights=[6, 3, 1])[0]
        reg = services.Registration(
            channel_id=channel, content=f"压测诉求：{rng.randrange(10**6)}号楼电梯故障，请处理。",
            request_type=rng.choice([t for t in RequestType if t is not RequestType.REPORT]),
            urgency=urgency, caller_phone=f"139{rng.randrange(10**8):08d}" if hotline else "",
            category_id=rng.choice(c.leaves))
        return lambda: services.register(self.db.uow(), self.operator, self.clock, reg)

    def take_next(self) -> Callable[[], object] | None:
        return lambda: take_next(self.db.uow(), self.operator, self.clock)

    def dispatch(self) -> Callable[[], object] | None:
        order_id = self._order_in(OrderState.REGISTERED, OrderState.TO_DISPATCH)
        if order_id is None:
            return None
        lead, *others = self.rng.sample(self.c.departments, k=self.rng.choice([1, 1, 1, 2]))
        return lambda: services.dispatch(self.db.uow(), self.operator, self.clock, order_id,
                                         lead, others)

    def close_directly(self) -> Callable[[], object] | None:
        order_id = self._order_in(OrderState.REGISTERED)
        if order_id is None:
            return None
        return lambda: services.close_directly(self.db.uow(), self.operator, self.clock,
                                               order_id, "已按知识库答复。")

    def sign(self) -> Callable[[], object] | None:
        found = self._assignment_in(AssignmentState.AWAITING_SIGN)
        if found is None:
            return None
        aid, staff = found
        return lambda: services.sign_for(self.db.uow(), staff, self.clock, aid)

    def reply(self) -> Callable[[], object] | None:
        found = self._assignment_in(AssignmentState.IN_PROGRESS)
        if found is None:
            return None
        aid, staff = found
        return lambda: services.reply(self.db.uow(), staff, self.clock, aid, "已处理完毕。")

    def request_return(self) -> Callable[[], object] | None:
        now = self.clock.now()
        found = self._assignment_in(AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS,
                                    extra=r.Assignment.return_until > now)
        if found is None:
            return None
        aid, staff = found
        return lambda: services.request_return(self.db.uow(), staff, self.clock, aid,
                                               "不属于本单位职责。")

    def request_extension(self) -> Callable[[], object] | None:
        now = self.clock.now()
        found = self._assignment_in(AssignmentState.IN_PROGRESS,
                                    extra=(r.Assignment.reply_due > now)
                                    & (r.Assignment.extension_days < 8))
        if found is None:
            return None
        aid, staff = found
        return lambda: services.request_extension(self.db.uow(), staff, self.clock, aid, 2,
                                                  "需协调多个部门。")

    def decide(self) -> Callable[[], object] | None:
        approve = self.rng.random() < 0.6
        note = "" if approve else "理由不充分。"
        if self.rng.random() < 0.5:
            rid = self._pending(r.ReturnRequest)
            service: Callable[..., object] = services.decide_return
        else:
            rid = self._pending(r.ExtensionRequest)
            service = services.decide_extension
        if rid is None:
            return None
        return lambda: service(self.db.uow(), self.supervisor, self.clock, rid, approve, note)

    def accept_reply(self) -> Callable[[], object] | None:
        order_id = self._order_in(OrderState.REPLIED)
        if order_id is None:
            return None
        if self.rng.random() < 0.1:
            return lambda: services.reject_reply(self.db.uow(), self.operator, self.clock,
                                                 order_id, "答复不完整。")
        return lambda: services.accept_reply(self.db.uow(), self.operator, self.clock,
                                             order_id)

    def callback(self) -> Callable[[], object] | None:
        order_id = self._order_in(OrderState.AWAITING_CALLBACK)
        if order_id is None:
            return None
        outcome = self.rng.choices(list(CallbackOutcome), weights=[50, 20, 10, 15, 5])[0]
        return lambda: services.record_callback(self.db.uow(), self.operator, self.clock,
                                                order_id, outcome)

    def follow_up(self) -> Callable[[], object] | None:
        order_id = self._order_in(OrderState.AWAITING_CALLBACK,
                                  callback_outcome=CallbackOutcome.UNSATISFIED)
        if order_id is None:
            return None
        if self.rng.random() < 0.5:
            return lambda: services.reopen(self.db.uow(), self.supervisor, self.clock,
                                           order_id, "来电人不满意，重新办理。")
        return lambda: services.close(self.db.uow(), self.supervisor, self.clock, order_id,
                                      "已解释政策，无法再办。")

    def notice(self) -> Callable[[], object] | None:
        found = self._assignment_in(AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)
        if found is None:
            return None
        aid, _ = found
        return lambda: services.issue_notice(self.db.uow(), self.supervisor, self.clock, aid,
                                             NoticeKind.REMINDER, "请加快办理。")

    def sweep(self) -> Callable[[], object] | None:
        return lambda: deadlines.sweep(self.db.uow, self.clock, batch=100)


# (name, weight): how often a workstation tries each action
MIX: tuple[tuple[str, int], ...] = (
    ("register", 14), ("take_next", 3), ("dispatch", 12), ("close_directly", 2),
    ("sign", 12), ("reply", 9), ("request_return", 2), ("request_extension", 2),
    ("decide", 4), ("accept_reply", 6), ("callback", 7), ("follow_up", 2), ("notice", 1),
    ("sweep", 1),
)
JOBS = frozenset({"sweep"})  # batch jobs: timed, but not user actions


def count_orders_above(db: Database, order_id: int) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(r.WorkOrder)
                            .where(r.WorkOrder.id > order_id)) or 0)


def newest_order_id(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.max(r.WorkOrder.id))) or 0)
