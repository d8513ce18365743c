"""What the services need from storage. ``db/`` implements these protocols; tests may too.

A unit of work is entered once per user action or scheduler job: it opens a transaction,
``commit()`` makes the action's changes (and their events) durable together, and leaving the
block without committing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, Self

from core.calendar import WorkCalendar
from core.model import (
    Actor,
    Category,
    Channel,
    Department,
    Event,
    RequestType,
    Role,
    Urgency,
    WorkOrder,
)
from core.policy import DeskRules, TimeLimitPolicy


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    display_name: str
    password_hash: str
    active: bool
    roles: frozenset[Role]
    department_ids: frozenset[int]

    def actor(self) -> Actor:
        return Actor(self.id, self.username, self.roles, self.department_ids)


@dataclass(frozen=True)
class CalendarOverride:
    day: date
    working: bool
    note: str


@dataclass(frozen=True)
class StoredCalendarDay:
    """A row of the administrator's calendar table, with when it was last written."""

    day: date
    working: bool
    note: str
    updated_at: datetime


@dataclass(frozen=True)
class CalendarYearRecord:
    """A year an administrator entered or imported in full: the file it came from, and when."""

    year: int
    source: str
    imported_at: datetime


class OrderRepository(Protocol):
    def get(self, order_id: int) -> WorkOrder: ...
    def get_by_ticket(self, ticket_no: str) -> WorkOrder: ...
    def get_by_assignment(self, assignment_id: int) -> WorkOrder: ...
    def get_by_return_request(self, request_id: int) -> WorkOrder: ...
    def get_by_extension_request(self, request_id: int) -> WorkOrder: ...
    def duplicates_of(self, order_id: int) -> list[WorkOrder]: ...
    def add(self, order: WorkOrder) -> None: ...
    def save(self, order: WorkOrder) -> None: ...
    def events(self, order_id: int) -> list[Event]: ...
    def next_ticket_no(self, day: date) -> str: ...
    def count(self) -> int: ...
    def assignments_to_check(self, now: datetime, limit: int) -> list[int]: ...
    def callbacks_due(self, now: datetime) -> int: ...


class ReferenceRepository(Protocol):
    def department(self, department_id: int) -> Department | None: ...
    def category(self, category_id: int) -> Category | None: ...
    def channel(self, channel_id: int) -> Channel | None: ...
    def channel_by_code(self, code: str) -> Channel | None: ...
    def policy(self, request_type: RequestType, urgency: Urgency) -> TimeLimitPolicy: ...
    def save_policy(self, policy: TimeLimitPolicy) -> None: ...
    def rules(self) -> DeskRules: ...
    def save_rules(self, rules: DeskRules) -> None: ...
    def calendar(self) -> WorkCalendar: ...
    def calendar_overrides(self) -> list[CalendarOverride]: ...
    def save_calendar_days(
        self, days: Iterable[CalendarOverride], years: Iterable[int], at: datetime,
        source: str = "",
    ) -> int: ...
    def contact_id_for(self, phone: str, name: str, at: datetime) -> int: ...
    def add_department(self, code: str, name: str, parent_id: int | None) -> int: ...
    def add_category(
        self, code: str, name: str, parent_id: int | None, level: int,
        default_department_id: int | None,
    ) -> int: ...
    def department_by_code(self, code: str) -> Department | None: ...
    def category_by_code(self, code: str) -> Category | None: ...
    def departments(self) -> list[Department]: ...
    def categories(self) -> list[Category]: ...
    def channels(self) -> list[Channel]: ...
    def save_department(self, department: Department) -> None: ...
    def save_category(self, category: Category) -> None: ...
    def calendar_days(self, year: int) -> list[StoredCalendarDay]: ...
    def calendar_years(self) -> list[CalendarYearRecord]: ...
    def delete_calendar_day(self, day: date) -> bool: ...


class UserRepository(Protocol):
    def get(self, user_id: int) -> UserRecord | None: ...
    def by_username(self, username: str) -> UserRecord | None: ...
    def add(
        self,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Sequence[Role],
        department_ids: Sequence[int],
        at: datetime,
    ) -> int: ...
    def count(self) -> int: ...
    def all_users(self) -> list[UserRecord]: ...
    def update(
        self,
        user_id: int,
        display_name: str,
        roles: Sequence[Role],
        department_ids: Sequence[int],
        active: bool,
    ) -> None: ...
    def set_password_hash(self, user_id: int, password_hash: str) -> None: ...


class LeaseRepository(Protocol):
    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool: ...
    def release(self, name: str, holder: str) -> None: ...
    def holder(self, name: str, now: datetime) -> str | None: ...


@dataclass(frozen=True)
class AccessRecord:
    """A line of ``access_log``: who saw or exported personal data undisguised (``kind``
    ``view_undisguised``/``export_undisguised``, see ``core.privacy``), when, and of what."""

    at: datetime
    user_id: int | None
    username: str
    kind: str
    order_id: int | None = None
    success: bool = True
    detail: Mapping[str, Any] = field(default_factory=dict)
    id: int | None = None


class AccessLogRepository(Protocol):
    """Append-only: records are added, never changed."""

    def add(self, record: AccessRecord) -> int: ...
    def recent(self, kind: str | None = None, limit: int = 100) -> list[AccessRecord]: ...


@dataclass(frozen=True)
class LoginLimits:
    """Sign-in lockout: ``max_failures`` wrong passwords in a row lock the account for
    ``lock_minutes``; the desk locks itself after ``idle_lock_minutes`` without input (0: never).
    Kept in the ``setting`` table under the same names; these are the defaults."""

    max_failures: int = 5
    lock_minutes: int = 15
    idle_lock_minutes: int = 15


@dataclass(frozen=True)
class LoginState:
    failed_logins: int = 0
    locked_until: datetime | None = None


class AuditRepository(Protocol):
    """The administrative audit chain and the sign-in counters (``core/audit.py``)."""

    def record_admin_change(self, at: datetime, actor_id: int | None, action: str,
                            target: str, detail: Mapping[str, Any]) -> None:
        """Append a hash-chained ``admin_audit`` row in this unit of work."""
        ...

    def login_limits(self) -> LoginLimits: ...
    def login_state(self, user_id: int) -> LoginState: ...
    def count_failed_login(self, user_id: int) -> int:
        """Add one to the user's failed sign-ins (atomically); the new count."""
        ...

    def lock_login(self, user_id: int, until: datetime) -> None:
        """Lock the account until ``until`` and start counting failures again from 0."""
        ...

    def clear_login_failures(self, user_id: int) -> None: ...


class UnitOfWork(Protocol):
    orders: OrderRepository
    reference: ReferenceRepository
    users: UserRepository
    leases: LeaseRepository
    access_log: AccessLogRepository
    audit: AuditRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
