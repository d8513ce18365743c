"""An in-memory unit of work: the services run against it without any database.

Committed state lives in ``FakeStore``; a unit of work sees deep copies, and only ``commit()``
publishes its changes, so a service that raises leaves the store as it was, as a real
transaction would.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Self

from core.calendar import WorkCalendar
from core.errors import NotFound
from core.model import (
    Category,
    Channel,
    ChannelKind,
    Department,
    Event,
    RequestType,
    Role,
    Urgency,
    WorkOrder,
)
from core.policy import DeskRules, TimeLimitPolicy, default_policy
from core.ports import (
    AccessRecord,
    CalendarOverride,
    CalendarYearRecord,
    LoginLimits,
    LoginState,
    StoredCalendarDay,
    UserRecord,
)


@dataclass
class FakeStore:
    orders: dict[int, WorkOrder] = field(default_factory=dict)
    events: dict[int, list[Event]] = field(default_factory=dict)
    departments: dict[int, Department] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=lambda: {
        1: Channel(1, "hotline", "8890热线来电", ChannelKind.HOTLINE),
        2: Channel(2, "portal", "政府网站留言板", ChannelKind.ONLINE)})
    policies: dict[tuple[RequestType, Urgency], TimeLimitPolicy] = field(default_factory=dict)
    rules: DeskRules = field(default_factory=DeskRules)
    overrides: dict[date, bool] = field(default_factory=dict)
    admin_years: set[int] = field(default_factory=set)
    calendar_notes: dict[date, tuple[str, datetime]] = field(default_factory=dict)
    calendar_sources: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)
    users: dict[int, UserRecord] = field(default_factory=dict)
    tickets: dict[date, int] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    access_log: list[AccessRecord] = field(default_factory=list)
    admin_audit: list[tuple[datetime, int | None, str, str, dict[str, Any]]] = field(
        default_factory=list)
    login_limits: LoginLimits = field(default_factory=LoginLimits)
    login_states: dict[int, LoginState] = field(default_factory=dict)

    def new_id(self, kind: str) -> int:
        self.next_id[kind] = self.next_id.get(kind, 0) + 1
        return self.next_id[kind]


_CHILD_KINDS = ("assignments", "replies", "return_requests", "extension_requests",
                "callbacks", "notices")


class FakeOrders:
    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def get(self, order_id: int) -> WorkOrder:
        if order_id not in self._w.orders:
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        return copy.deepcopy(self._w.orders[order_id])

    def get_by_ticket(self, ticket_no: str) -> WorkOrder:
        for o in self._w.orders.values():
            if o.ticket_no == ticket_no:
                return copy.deepcopy(o)
        raise NotFound(what_en="Work order", what_zh="工单", key=ticket_no)

    def _owner(self, kind: str, key: int) -> WorkOrder:
        for o in self._w.orders.values():
            if any(x.id == key for x in getattr(o, kind)):
                return copy.deepcopy(o)
        raise NotFound(what_en=kind, what_zh=kind, key=key)

    def get_by_assignment(self, assignment_id: int) -> WorkOrder:
        return self._owner("assignments", assignment_id)

    def get_by_return_request(self, request_id: int) -> WorkOrder:
        return self._owner("return_requests", request_id)

    def get_by_extension_request(self, request_id: int) -> WorkOrder:
        return self._owner("extension_requests", request_id)

    def duplicates_of(self, order_id: int) -> list[WorkOrder]:
        return [copy.deepcopy(o) for o in self._w.orders.values()
                if o.duplicate_of_id == order_id]

    def events(self, order_id: int) -> list[Event]:
        return copy.deepcopy(self._w.events.get(order_id, []))

    def next_ticket_no(self, day: date) -> str:
        self._w.tickets[day] = self._w.tickets.get(day, 0) + 1
        return f"8890-{day:%Y%m%d}-{self._w.tickets[day]:06d}"

    def count(self) -> int:
        return len(self._w.orders)

    def assignments_to_check(self, now: datetime, limit: int) -> list[int]:
        due = sorted((a.next_check_at, a.id) for o in self._w.orders.values()
                     for a in o.assignments if a.next_check_at and a.next_check_at <= now)
        return [aid for _, aid in due[:limit] if aid is not None]

    def callbacks_due(self, now: datetime) -> int:
        return sum(1 for o in self._w.orders.values()
                   if o.callback_due and o.callback_due <= now and o.state == "awaiting_callback")

    def add(self, order: WorkOrder) -> None:
        order.id = self._w.new_id("order")
        self.save(order)

    def save(self, order: WorkOrder) -> None:
        assert order.id is not None
        for kind in _CHILD_KINDS:
            for child in getattr(order, kind):
                child.order_id = order.id
                if child.id is None:
                    child.id = self._w.new_id(kind)
        for ev in order.new_events:
            ev.id = self._w.new_id("event")
            ev.order_id = order.id
            if ev.assignment is not None:
                ev.assignment_id = ev.assignment.id
            self._w.events.setdefault(order.id, []).append(ev)
        order.new_events.clear()
        order.version += 1
        self._w.orders[order.id] = copy.deepcopy(order)


class FakeReference:
    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def department(self, department_id: int) -> Department | None:
        return self._w.departments.get(department_id)

    def category(self, category_id: int) -> Category | None:
        return self._w.categories.get(category_id)

    def channel(self, channel_id: int) -> Channel | None:
        return self._w.channels.get(channel_id)

    def channel_by_code(self, code: str) -> Channel | None:
        return next((c for c in self._w.channels.values() if c.code == code), None)

    def policy(self, request_type: RequestType, urgency: Urgency) -> TimeLimitPolicy:
        return self._w.policies.get((request_type, urgency)) or default_policy(request_type,
                                                                                urgency)

    def save_policy(self, policy: TimeLimitPolicy) -> None:
        self._w.policies[(policy.request_type, policy.urgency)] = policy

    def rules(self) -> DeskRules:
        return self._w.rules

    def save_rules(self, rules: DeskRules) -> None:
        self._w.rules = rules

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self._w.overrides, self._w.admin_years,
                            end_of_day=self._w.rules.end_of_day)

    def calendar_overrides(self) -> list[CalendarOverride]:
        return [CalendarOverride(d, w, "") for d, w in sorted(self._w.overrides.items())]

    def save_calendar_days(self, days: Iterable[CalendarOverride], years: Iterable[int],
                           at: datetime, source: str = "") -> int:
        n = 0
        for d in days:
            self._w.overrides[d.day] = d.working
            self._w.calendar_notes[d.day] = (d.note, at)
            n += 1
        self._w.admin_years.update(years)
        for y in years:
            self._w.calendar_sources[y] = (source, at)
        return n

    def calendar_days(self, year: int) -> list[StoredCalendarDay]:
        return [StoredCalendarDay(d, w, *self._w.calendar_notes.get(d, ("", datetime.min)))
                for d, w in sorted(self._w.overrides.items()) if d.year == year]

    def calendar_years(self) -> list[CalendarYearRecord]:
        return [CalendarYearRecord(y, *self._w.calendar_sources.get(y, ("", datetime.min)))
                for y in sorted(self._w.admin_years)]

    def delete_calendar_day(self, day: date) -> bool:
        self._w.calendar_notes.pop(day, None)
        return self._w.overrides.pop(day, None) is not None

    def contact_id_for(self, phone: str, name: str, at: datetime) -> int:
        if phone not in self._w.contacts:
            self._w.contacts[phone] = self._w.new_id("contact")
        return self._w.contacts[phone]

    def add_department(self, code: str, name: str, parent_id: int | None) -> int:
        i = self._w.new_id("department")
        self._w.departments[i] = Department(i, code, name, parent_id)
        return i

    def add_category(self, code: str, name: str, parent_id: int | None, level: int,
                     default_department_id: int | None) -> int:
        i = self._w.new_id("category")
        self._w.categories[i] = Category(i, code, name, parent_id, level, default_department_id)
        return i

    def department_by_code(self, code: str) -> Department | None:
        return next((d for d in self._w.departments.values() if d.code == code), None)

    def category_by_code(self, code: str) -> Category | None:
        return next((c for c in self._w.categories.values() if c.code == code), None)

    def departments(self) -> list[Department]:
        return list(self._w.departments.values())

    def categories(self) -> list[Category]:
        return list(self._w.categories.values())

    def channels(self) -> list[Channel]:
        return list(self._w.channels.values())

    def save_department(self, department: Department) -> None:
        if department.id not in self._w.departments:
            raise NotFound(what_en="Department", what_zh="承办单位", key=department.id)
        self._w.departments[department.id] = department

    def save_category(self, category: Category) -> None:
        if category.id not in self._w.categories:
            raise NotFound(what_en="Category", what_zh="事项分类", key=category.id)
        self._w.categories[category.id] = category


class FakeUsers:
    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def get(self, user_id: int) -> UserRecord | None:
        return self._w.users.get(user_id)

    def by_username(self, username: str) -> UserRecord | None:
        return next((u for u in self._w.users.values() if u.username == username), None)

    def add(self, username: str, display_name: str, password_hash: str, roles: Sequence[Role],
            department_ids: Sequence[int], at: datetime) -> int:
        i = self._w.new_id("user")
        self._w.users[i] = UserRecord(i, username, display_name, password_hash, True,
                                      frozenset(roles), frozenset(department_ids))
        return i

    def count(self) -> int:
        return len(self._w.users)

    def all_users(self) -> list[UserRecord]:
        return sorted(self._w.users.values(), key=lambda u: u.username)

    def update(self, user_id: int, display_name: str, roles: Sequence[Role],
               department_ids: Sequence[int], active: bool) -> None:
        user = self._w.users.get(user_id)
        if user is None:
            raise NotFound(what_en="User", what_zh="用户", key=user_id)
        self._w.users[user_id] = replace(user, display_name=display_name, active=active,
                                         roles=frozenset(roles),
                                         department_ids=frozenset(department_ids))

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        user = self._w.users.get(user_id)
        if user is None:
            raise NotFound(what_en="User", what_zh="用户", key=user_id)
        self._w.users[user_id] = replace(user, password_hash=password_hash)
        self._w.login_states.pop(user_id, None)


class FakeLeases:
    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        current = self._w.leases.get(name)
        if current is None or current[0] == holder or current[1] < now:
            self._w.leases[name] = (holder, now + ttl)
            return True
        return False

    def release(self, name: str, holder: str) -> None:
        if self._w.leases.get(name, ("",))[0] == holder:
            del self._w.leases[name]

    def holder(self, name: str, now: datetime) -> str | None:
        current = self._w.leases.get(name)
        return current[0] if current and current[1] >= now else None


class FakeAccessLog:
    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def add(self, record: AccessRecord) -> int:
        i = self._w.new_id("access_log")
        self._w.access_log.append(replace(record, id=i))
        return i

    def recent(self, kind: str | None = None, limit: int = 100) -> list[AccessRecord]:
        chosen = [a for a in reversed(self._w.access_log) if kind is None or a.kind == kind]
        return chosen[:limit]


class FakeAudit:
    """Administrative records without hashes (the chain is the database's business)."""

    def __init__(self, work: FakeStore) -> None:
        self._w = work

    def record_admin_change(self, at: datetime, actor_id: int | None, action: str,
                            target: str, detail: Mapping[str, Any]) -> None:
        self._w.admin_audit.append((at, actor_id, action, target, dict(detail)))

    def login_limits(self) -> LoginLimits:
        return self._w.login_limits

    def login_state(self, user_id: int) -> LoginState:
        return self._w.login_states.get(user_id, LoginState())

    def count_failed_login(self, user_id: int) -> int:
        state = self.login_state(user_id)
        self._w.login_states[user_id] = replace(state, failed_logins=state.failed_logins + 1)
        return state.failed_logins + 1

    def lock_login(self, user_id: int, until: datetime) -> None:
        self._w.login_states[user_id] = LoginState(0, until)

    def clear_login_failures(self, user_id: int) -> None:
        self._w.login_states.pop(user_id, None)


class FakeUnitOfWork:
    """Works on a deep copy of the store; ``commit()`` publishes it."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store
        self._work: FakeStore | None = None
        self.committed = False

    def __enter__(self) -> Self:
        self._work = copy.deepcopy(self._store)
        self.orders = FakeOrders(self._work)
        self.reference = FakeReference(self._work)
        self.users = FakeUsers(self._work)
        self.leases = FakeLeases(self._work)
        self.access_log = FakeAccessLog(self._work)
        self.audit = FakeAudit(self._work)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._work = None

    def commit(self) -> None:
        assert self._work is not None
        for name in self._store.__dataclass_fields__:
            setattr(self._store, name, getattr(self._work, name))
        self._work = copy.deepcopy(self._store)
        self.orders, self.reference = FakeOrders(self._work), FakeReference(self._work)
        self.users, self.leases = FakeUsers(self._work), FakeLeases(self._work)
        self.access_log = FakeAccessLog(self._work)
        self.audit = FakeAudit(self._work)
        self.committed = True

    def rollback(self) -> None:
        self._work = copy.deepcopy(self._store)
