"""What the services need from storage. ``db/`` implements these protocols; tests may too.

A unit of work is entered once per user action or scheduler job: it opens a transaction,
``commit()`` makes the action's changes (and their events) durable together, and leaving the
block without committing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

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


class ReferenceRepository(Protocol):
    def department(self, department_id: int) -> Department | None: ...
    def category(self, category_id: int) -> Category | None: ...
    def channel(self, channel_id: int) -> Channel | None: ...
    def channel_by_code(self, code: str) -> Channel | None: ...
    def policy(self, request_type: RequestType, urgency: Urgency) -> TimeLimitPolicy: ...
    def save_policy(self, policy: TimeLimitPolicy) -> None: ...
    def rules(self) -> DeskRules: ...
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


class UnitOfWork(Protocol):
    orders: OrderRepository
    reference: ReferenceRepository
    users: UserRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
