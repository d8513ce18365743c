"""Routing by responsibility (按责转办) for the registration screen: what an operator may pick,
which department a category goes to, and the clocks a dispatch would start.

Each function opens the given unit of work once to read (it never commits) and returns
immutable records that hold no database objects, so a worker thread may build them and the
GUI thread read them. Times are UTC; the GUI shows them in Asia/Shanghai.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.calendar import Deadline, Limit, WorkCalendar
from core.model import Category, ChannelKind, RequestType, Urgency
from core.policy import TimeLimitPolicy
from core.ports import UnitOfWork


@dataclass(frozen=True)
class ChannelChoice:
    id: int
    code: str
    name: str
    kind: ChannelKind


@dataclass(frozen=True)
class DepartmentChoice:
    id: int
    code: str
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class CategoryNode:
    """A node of the category tree. ``path`` is the names from the top level down to this
    node; ``department_id`` is the department its orders go to by default (its own routing
    rule, else the nearest ancestor's), ``None`` when no rule applies."""

    id: int
    code: str
    name: str
    parent_id: int | None
    level: int
    path: tuple[str, ...]
    department_id: int | None

    @property
    def is_leaf(self) -> bool:
        return self.level == 3


@dataclass(frozen=True)
class RegistrationChoices:
    """The active channels, departments and categories (tree order: parents first)."""

    channels: tuple[ChannelChoice, ...]
    departments: tuple[DepartmentChoice, ...]
    categories: tuple[CategoryNode, ...]

    def category(self, category_id: int | None) -> CategoryNode | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def department(self, department_id: int | None) -> DepartmentChoice | None:
        return next((d for d in self.departments if d.id == department_id), None)

    def channel(self, channel_id: int | None) -> ChannelChoice | None:
        return next((c for c in self.channels if c.id == channel_id), None)


@dataclass(frozen=True)
class DeadlinePreview:
    """The two clocks a dispatch at ``start`` would give each assignment, with the limits they
    come from. ``uses_fallback`` is true when a day was decided without holiday data (the
    screen must say the date is an estimate)."""

    request_type: RequestType
    urgency: Urgency
    start: datetime
    sign_limit: Limit
    reply_limit: Limit
    sign_due: Deadline
    reply_due: Deadline

    @property
    def uses_fallback(self) -> bool:
        return self.sign_due.uses_fallback or self.reply_due.uses_fallback

    @property
    def fallback_years(self) -> frozenset[int]:
        return self.sign_due.fallback_years | self.reply_due.fallback_years


def _department_of(category: Category, by_id: dict[int, Category]) -> int | None:
    current: Category | None = category
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        if current.default_department_id is not None:
            return current.default_department_id
        seen.add(current.id)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return None


def category_tree(categories: list[Category]) -> tuple[CategoryNode, ...]:
    """The active categories in tree order (each parent before its children, siblings by
    code); a category under an inactive parent is left out with it."""
    by_id = {c.id: c for c in categories}
    children: dict[int | None, list[Category]] = {}
    for c in categories:
        if c.active:
            children.setdefault(c.parent_id, []).append(c)
    nodes: list[CategoryNode] = []

    def walk(parent_id: int | None, path: tuple[str, ...]) -> None:
        for c in sorted(children.get(parent_id, []), key=lambda x: (x.code, x.id)):
            here = (*path, c.name)
            nodes.append(CategoryNode(c.id, c.code, c.name, c.parent_id, c.level, here,
                                      _department_of(c, by_id)))
            walk(c.id, here)

    walk(None, ())
    return tuple(nodes)


def registration_choices(uow: UnitOfWork) -> RegistrationChoices:
    """Everything the registration form offers, read in one unit of work."""
    with uow:
        channels = tuple(ChannelChoice(c.id, c.code, c.name, c.kind)
                         for c in uow.reference.channels() if c.active)
        departments = tuple(DepartmentChoice(d.id, d.code, d.name, d.parent_id)
                            for d in uow.reference.departments() if d.active)
        categories = category_tree(uow.reference.categories())
    active = {d.id for d in departments}
    routed = tuple(c if c.department_id in active or c.department_id is None
                   else _without_department(c) for c in categories)
    return RegistrationChoices(channels, departments, routed)


def _without_department(node: CategoryNode) -> CategoryNode:
    return CategoryNode(node.id, node.code, node.name, node.parent_id, node.level, node.path,
                        None)


def suggested_department(uow: UnitOfWork, category_id: int | None) -> int | None:
    """The department a category's orders go to by default (the routing rule of the category
    or its nearest ancestor); ``None`` for no category, an unknown one, or an inactive
    department."""
    if category_id is None:
        return None
    with uow:
        department_id = None
        current, seen = uow.reference.category(category_id), set()
        while current is not None and current.id not in seen:  # up the tree: a few lookups
            if current.default_department_id is not None:
                department_id = current.default_department_id
                break
            seen.add(current.id)
            current = (uow.reference.category(current.parent_id)
                       if current.parent_id is not None else None)
        if department_id is None:
            return None
        department = uow.reference.department(department_id)
        return department_id if department is not None and department.active else None


def deadlines(policy: TimeLimitPolicy, calendar: WorkCalendar, start: datetime
              ) -> DeadlinePreview:
    """The sign-for and reply dues of a dispatch at ``start`` (aware) under ``policy``: the same
    arithmetic ``lifecycle.dispatch`` applies."""
    return DeadlinePreview(
        request_type=policy.request_type,
        urgency=policy.urgency,
        start=start,
        sign_limit=policy.sign,
        reply_limit=policy.reply,
        sign_due=calendar.due(start, policy.sign),
        reply_due=calendar.due(start, policy.reply),
    )


def preview_deadlines(
    uow: UnitOfWork, request_type: RequestType, urgency: Urgency, now: datetime
) -> DeadlinePreview:
    """What a dispatch now would set: the time-limit policy of ``request_type`` x ``urgency``
    on the working-day calendar in force (administrator's overrides included)."""
    with uow:
        policy = uow.reference.policy(request_type, urgency)
        calendar = uow.reference.calendar()
    return deadlines(policy, calendar, now)
