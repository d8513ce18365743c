"""One work order's life for the bulk generator, told through the desk's own lifecycle.

A story is an agenda of timed steps applied in time order to an in-memory aggregate with
``core.lifecycle`` and, for the automatic notices, ``core.deadlines.escalate``: the functions the
services and the deadline sweep call, so states, clocks, children and events are what the desk
itself would have stored. Ids come from :class:`Counters` (the caller writes the rows in bulk).
A story stops at ``end``, the data set's "now": a step due later never happens. Automatic
notices come a few seconds after each threshold, as from a sweep running every minute, so a
sweep at ``end`` finds (almost) nothing due.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from core import demo_data, lifecycle
from core.calendar import Deadline, WorkCalendar
from core.deadlines import escalate
from core.errors import DeskError
from core.levels import OPEN
from core.lifecycle import Ctx
from core.model import (
    SYSTEM,
    Actor,
    Assignment,
    AssignmentState,
    CallbackOutcome,
    ExtensionRequest,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    ReturnRequest,
    Urgency,
    WorkOrder,
)
from core.policy import DeskRules, TimeLimitPolicy
from core.synth_text import OUTCOMES, Weighted

OS = OrderState
AS = AssignmentState
MAX_ROUNDS = 3  # dispatches per order (returns and reopens included); then closed directly
MAX_ASSIGNMENTS = MAX_ROUNDS * 2  # a lead and at most one assisting department per round
_HOUR = timedelta(hours=1)
_OUTCOME = Weighted(OUTCOMES)


class SynthCalendar(WorkCalendar):
    """A :class:`WorkCalendar` whose working-day deadlines are remembered per (local date, n):
    the same answers, computed once per date instead of once per order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadlines: dict[tuple[Any, int], Deadline] = {}

    @classmethod
    def like(cls, cal: WorkCalendar) -> SynthCalendar:
        return cls(cal.overrides, cal.admin_years, cal.end_of_day, cal.tz)

    def add_working_days(self, start: datetime, n: int) -> Deadline:
        key = (start.astimezone(self.tz).date(), n)
        found = self._deadlines.get(key)
        if found is None:
            found = super().add_working_days(start, n)
            self._deadlines[key] = found
        return found


CHILDREN = ("assignments", "replies", "return_requests", "extension_requests", "callbacks",
            "notices")


@dataclass
class Counters:
    """The last id used per table: orders, events, and the order's children in the order of
    :data:`CHILDREN` (assignments, replies, return and extension requests, callbacks,
    notices)."""

    order: int = 0
    event: int = 0
    children: list[int] = field(default_factory=lambda: [0] * len(CHILDREN))


@dataclass
class World:
    """What every story shares: who acts, by which clocks, until when."""

    operators: tuple[Actor, ...]
    supervisors: tuple[Actor, ...]
    staff: dict[int, Actor]  # department id -> its liaison
    calendar: WorkCalendar
    rules: DeskRules
    policies: dict[tuple[RequestType, Urgency], TimeLimitPolicy]
    end: datetime
    counters: Counters = field(default_factory=Counters)
    refused: int = 0  # steps the lifecycle refused (a bug in the generator if not 0)
    actors: dict[int | None, Actor] = field(default_factory=dict, init=False)
    departments: tuple[int, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        for a in (*self.operators, *self.supervisors, *self.staff.values()):
            self.actors[a.user_id] = a
        self.departments = tuple(self.staff)


def _u(rng: random.Random, lo: float, hi: float) -> timedelta:
    return timedelta(seconds=int(rng.uniform(lo, hi) * 3600))


class Story:
    """The life of ``order`` (registered, with ids) until ``world.end``."""

    def __init__(self, world: World, rng: random.Random, order: WorkOrder, lead: int) -> None:
        self.w, self.rng, self.order = world, rng, order
        self.now = order.registered_at
        self.lead = lead
        self.next_lead = lead
        self.rounds = 0
        self.policy = world.policies[(order.request_type, order.urgency)]
        self.op = rng.choice(world.operators)
        self.sup = rng.choice(world.supervisors)
        self._agenda: list[tuple[datetime, int, Callable[..., None], tuple[Any, ...]]] = []
        self._seq = 0
        self._watched: set[tuple[int, datetime]] = set()
        self._review_due = self._dispatch_due = False
        self._numbered = [0] * len(CHILDREN)

    # --- the agenda ----------------------------------------------------------------------

    def at(self, t: datetime, step: Callable[..., None], *args: Any) -> None:
        if t < self.now:
            t = self.now
        elif t.microsecond:
            t = t.replace(microsecond=0)
        if t > self.w.end:
            return
        heapq.heappush(self._agenda, (t, self._seq, step, args))
        self._seq += 1

    def ctx(self, actor: Actor) -> Ctx:
        return Ctx(actor, self.now, self.w.calendar, self.w.rules)

    def run(self) -> WorkOrder:
        lifecycle.record_registration(self.order, self.ctx(self.op))
        while self._agenda:
            self.now, _, step, args = heapq.heappop(self._agenda)
            try:
                step(*args)
            except DeskError:
                self.w.refused += 1
            self._follow_up()
        self.number()
        return self.order

    def number(self) -> None:
        """Give ids to the order's new children, in the order they were made. Assignments get
        theirs at once (notices' keys and requests name them); the rest at the end."""
        last = self.w.counters.children
        done = self._numbered
        o = self.order
        lists: tuple[list[Any], ...] = (o.assignments, o.replies, o.return_requests,
                                        o.extension_requests, o.callbacks, o.notices)
        for k, items in enumerate(lists):
            if len(items) != done[k]:
                for item in items[done[k]:]:
                    last[k] += 1
                    item.id = last[k]
                done[k] = len(items)

    def _follow_up(self) -> None:
        """What the hotline and the sweep do next, whatever step brought the order here."""
        o, rng = self.order, self.rng
        for a in o.assignments:
            due = a.next_check_at
            if due is not None and a.state in OPEN and (a.id or 0, due) not in self._watched:
                self._watched.add((a.id or 0, due))
                sweep = max(due, self.now) + timedelta(seconds=rng.randint(1, 60))
                if due < self.w.end < sweep:
                    sweep = self.w.end  # the last sweep before "now" saw it
                self.at(sweep, self._sweep, a, due)
        if o.state is OS.REPLIED and not self._review_due:
            self._review_due = True
            self.at(self.now + _u(rng, 0.3, 8), self._review)
        if o.state is OS.TO_DISPATCH and not self._dispatch_due:
            self._dispatch_due = True
            self.at(self.now + _u(rng, 0.2, 3), self._redispatch)

    # --- intake --------------------------------------------------------------------------

    def start_direct(self) -> None:
        self.at(self.now + _u(self.rng, 0.02, 0.2), self._close_directly)

    def start_dispatch(self) -> None:
        local_hour = (self.now.hour + 8) % 24
        wait = _u(self.rng, 0.05, 1.5) if 7 <= local_hour < 21 else _u(self.rng, 6, 10)
        self.at(self.now + wait, self._dispatch, self.lead)

    def start_duplicate(self, original: WorkOrder) -> bool:
        """Link to ``original`` in a few minutes, if it is still open then (else False)."""
        when = self.now + _u(self.rng, 0.03, 0.3)
        if original.closed_at is not None and original.closed_at <= when:
            return False
        self.at(when, self._link, original)
        return True

    def _close_directly(self) -> None:
        lifecycle.close_directly(self.order, self.rng.choice(demo_data.DIRECT_ANSWERS),
                                 self.ctx(self.op))

    def _link(self, original: WorkOrder) -> None:
        # the original is open at this moment; the object holds its whole (later) story
        lifecycle.link_duplicate(self.order, replace(original, state=OS.IN_PROGRESS),
                                 self.ctx(self.op))
        if original.closed_at is not None:
            closer = original.new_events[-1].actor_id if original.new_events else None
            self.at(original.closed_at, self._follow, original, self.w.actors.get(closer, SYSTEM))

    def _follow(self, original: WorkOrder, closer: Actor) -> None:
        lifecycle.follow_original(self.order, original, self.ctx(closer))

    # --- dispatch and the departments ----------------------------------------------------

    def _redispatch(self) -> None:
        self._dispatch_due = False
        if self.order.state is OS.TO_DISPATCH:
            self._dispatch(self.next_lead)

    def _dispatch(self, lead: int) -> None:
        o, rng = self.order, self.rng
        self.rounds += 1
        if self.rounds > MAX_ROUNDS:
            answer = "经多次转办研判，该诉求不属于政府部门职责范围，已向市民解释说明。"
            lifecycle.close_directly(o, answer, self.ctx(self.op))
            return
        assisting = []
        if rng.random() < 0.1:
            assisting = [d for d in rng.sample(self.w.departments, 2) if d != lead][:1]
        created = lifecycle.dispatch(o, lead, assisting, self.policy, self.ctx(self.op))
        self.number()
        for a in created:
            self._plan_department(a)

    def _staff(self, a: Assignment) -> Actor:
        return self.w.staff[a.department_id]

    def _plan_department(self, a: Assignment) -> None:
        rng = self.rng
        slow = rng.random() < 0.12
        urgency = self.order.urgency
        if urgency is Urgency.NORMAL:
            hours = rng.uniform(0.1, 6) if rng.random() < 0.7 else rng.uniform(6, 30)
        elif urgency is Urgency.URGENT:
            hours = rng.uniform(0.05, 0.8)
        else:
            hours = rng.uniform(0.03, 0.4)
        if slow:
            hours *= 2.5
        sign_at = self.now + timedelta(seconds=int(hours * 3600))
        if rng.random() < (0.05 if a.lead else 0.08):
            ask = self.now + (sign_at - self.now) * rng.uniform(0.2, 0.8)
            if ask <= a.return_until:
                self.at(ask, self._request_return, a, slow)
                return
        self.at(sign_at, self._sign, a, slow)

    def _current(self, a: Assignment, *states: AssignmentState) -> bool:
        return a.state in states and a.hop == self.order.current_hop

    def _request_return(self, a: Assignment, slow: bool) -> None:
        if not self._current(a, AS.AWAITING_SIGN):
            return
        req = lifecycle.request_return(self.order, a, self.rng.choice(demo_data.RETURN_REASONS),
                                       self.ctx(self._staff(a)))
        self.at(self.now + _u(self.rng, 0.5, 6), self._decide_return, req, a, slow)

    def _decide_return(self, req: ReturnRequest, a: Assignment, slow: bool) -> None:
        if req.status is not RequestStatus.PENDING:
            return
        approve = self.rng.random() < 0.7
        note = "同意退回，重新派单。" if approve else "经研判属于贵单位职责，请继续办理。"
        lifecycle.decide_return(self.order, req, approve, note, self.ctx(self.sup))
        if approve:
            used = {x.department_id for x in self.order.assignments}
            others = [d for d in self.w.departments if d not in used] or list(self.w.departments)
            self.next_lead = self.rng.choice(others)
        else:
            self.at(self.now + _u(self.rng, 0.2, 4), self._sign, a, slow)

    def _sign(self, a: Assignment, slow: bool) -> None:
        if not self._current(a, AS.AWAITING_SIGN):
            return
        lifecycle.sign_for(self.order, a, self.ctx(self._staff(a)))
        rng = self.rng
        if (self.order.urgency is Urgency.NORMAL and rng.random() < 0.06
                and self.now < a.reply_due):
            self.at(self.now + (a.reply_due - self.now) * rng.uniform(0.1, 0.5),
                    self._request_extension, a, slow)
        else:
            self._plan_reply(a, slow)

    def _request_extension(self, a: Assignment, slow: bool) -> None:
        if not self._current(a, AS.IN_PROGRESS):
            return
        days = self.rng.randint(2, 5)
        if self.now >= a.reply_due or a.extension_days + days > self.w.rules.extension_cap_days:
            self._plan_reply(a, slow)
            return
        req = lifecycle.request_extension(self.order, a, days,
                                          self.rng.choice(demo_data.EXTENSION_REASONS),
                                          self.ctx(self._staff(a)))
        self.at(self.now + _u(self.rng, 1, 8), self._decide_extension, req, a, slow)

    def _decide_extension(self, req: ExtensionRequest, a: Assignment, slow: bool) -> None:
        if req.status is not RequestStatus.PENDING:
            return
        approve = self.rng.random() < 0.8 and a.state is AS.IN_PROGRESS
        lifecycle.decide_extension(self.order, req, approve,
                                   "" if approve else "理由不充分，请按期办结。",
                                   self.ctx(self.sup))
        self._plan_reply(a, slow)

    def _plan_reply(self, a: Assignment, slow: bool) -> None:
        rng = self.rng
        span = max(a.reply_due - self.now, _HOUR)
        reply_at = self.now + span * (rng.uniform(0.9, 1.6) if slow else rng.uniform(0.1, 0.85))
        if slow and reply_at > a.reply_due:
            remind = a.reply_due + _u(rng, 1, 12)
            if remind < reply_at:
                self.at(remind, self._notice, a, NoticeKind.REMINDER,
                        "该工单已超期，请抓紧办理并及时回复。")
            supervise = a.reply_due + _u(rng, 24, 72)
            if supervise < reply_at and rng.random() < 0.3:
                self.at(supervise, self._notice, a, NoticeKind.SUPERVISION,
                        "该工单超期未办结，请主要负责同志督促办理，并于今日内回复。")
        self.at(reply_at, self._reply, a)

    def _notice(self, a: Assignment, kind: NoticeKind, text: str) -> None:
        if self._current(a, *OPEN):
            lifecycle.issue_notice(self.order, a, kind, text, self.ctx(self.sup))

    def _reply(self, a: Assignment) -> None:
        if not self._current(a, AS.IN_PROGRESS):
            return
        if a.lead and any(not x.lead and x.state in OPEN
                          for x in self.order.active_assignments()):
            # the lead replies last: it waits for the assisting departments
            self.at(self.now + _u(self.rng, 2, 12), self._reply, a)
            return
        lifecycle.reply(self.order, a, self.rng.choice(demo_data.REPLY_TEMPLATES),
                        self.ctx(self._staff(a)))

    def _sweep(self, a: Assignment, due: datetime) -> None:
        self._watched.discard((a.id or 0, due))  # a reopened clock may come back to it
        if a.state not in OPEN or a.next_check_at != due:
            return
        if not self.order.active_assignments():
            a.next_check_at = None
            return
        escalate(self.order, a, self.ctx(SYSTEM))

    # --- the hotline's review, callbacks and closing -------------------------------------

    def _review(self) -> None:
        self._review_due = False
        o, rng = self.order, self.rng
        if o.state is not OS.REPLIED:
            return
        lead = o.lead_assignment()
        if lead is not None and rng.random() < 0.03:
            lifecycle.reject_reply(o, [lead], "回复内容未说明处理结果，请补充。", self.ctx(self.op))
            self.at(self.now + _u(rng, 4, 30), self._reply, lead)
            return
        lifecycle.accept_reply(o, self.policy, self.ctx(self.op))
        self.at(self.now + _u(rng, 2, 26), self._callback)

    def _callback(self) -> None:
        o, rng = self.order, self.rng
        if o.state is not OS.AWAITING_CALLBACK:
            return
        outcome = _OUTCOME(rng)
        notes = demo_data.CALLBACK_NOTES.get(outcome.value) or ("",)
        lifecycle.record_callback(o, outcome, rng.choice(notes), self.ctx(self.op))
        if outcome is CallbackOutcome.UNSATISFIED:
            self.at(self.now + _u(rng, 1, 24), self._after_unsatisfied)
        elif o.state is OS.AWAITING_CALLBACK:
            self.at(self.now + _u(rng, 2, 26), self._callback)

    def _after_unsatisfied(self) -> None:
        o = self.order
        if self.rng.random() < 0.6 and o.reopen_count < 2:
            lifecycle.reopen(o, "市民对处理结果不满意，要求重新办理。", self.ctx(self.sup))
            self.next_lead = self.lead
        else:
            lifecycle.close_unsatisfied(
                o, "经核实承办单位已按政策答复，诉求超出政策范围，予以办结。", self.ctx(self.sup))
