"""Repositories: the data mapper between the domain's dataclasses and the ORM rows.

Loading copies row columns into entities of the same field names; saving copies them back,
inserts what is new (``id is None``) and appends the new events. Version columns are
managed by SQLAlchemy: a row changed by someone else since it was loaded in this transaction
raises ``ConcurrencyConflict``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from core import model as m
from core.audit import hash_event
from core.calendar import Limit, WorkCalendar
from core.errors import ConcurrencyConflict, NotFound
from core.policy import DeskRules, TimeLimitPolicy, default_policy
from core.ports import (
    AccessRecord,
    CalendarOverride,
    CalendarYearRecord,
    StoredCalendarDay,
    UserRecord,
)
from db import models as r
from db.audit_repository import last_event_hash

E = TypeVar("E")
_NOT_COPIED = {"id", "version"}
_CHILDREN: tuple[tuple[str, type[Any], type[Any]], ...] = (
    ("assignments", m.Assignment, r.Assignment),
    ("replies", m.Reply, r.Reply),
    ("return_requests", m.ReturnRequest, r.ReturnRequest),
    ("extension_requests", m.ExtensionRequest, r.ExtensionRequest),
    ("callbacks", m.CallbackAttempt, r.CallbackAttempt),
    ("notices", m.EscalationNotice, r.EscalationNotice),
)
_COLUMNS: dict[type[Any], frozenset[str]] = {}


def _columns(row_cls: type[Any]) -> frozenset[str]:
    cols = _COLUMNS.get(row_cls)
    if cols is None:
        cols = frozenset(a.key for a in row_cls.__mapper__.column_attrs)
        _COLUMNS[row_cls] = cols
    return cols


def _entity(cls: type[E], row: Any, **extra: Any) -> E:
    cols = _columns(type(row))
    values = {f.name: getattr(row, f.name) for f in fields(cls)  # type: ignore[arg-type]
              if f.init and f.name in cols}
    values.update(extra)
    return cls(**values)


def _copy_into(entity: Any, row: Any) -> None:
    for name in _columns(type(row)) - _NOT_COPIED:
        if hasattr(entity, name):
            value = getattr(entity, name)
            if getattr(row, name) != value:
                setattr(row, name, value)


def _insert(session: Session, dialect_name: str, table: Any) -> Any:
    return (postgresql.insert(table) if dialect_name == "postgresql" else sqlite.insert(table))


class SqlOrderRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name
        self.last_ticket = ""  # of the order loaded last, for a conflict's message
        # The session's identity map holds rows weakly: keep the loaded ones (and through
        # their relationships, their children) so that save() finds them without a SELECT.
        self._loaded: list[r.WorkOrder] = []

    # --- loading ---------------------------------------------------------------------------

    def get(self, order_id: int) -> m.WorkOrder:
        row = self._s.get(
            r.WorkOrder,
            order_id,
            options=[selectinload(getattr(r.WorkOrder, name)) for name, _, _ in _CHILDREN],
            with_for_update=self._dialect == "postgresql",
        )
        if row is None:
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        return self._to_domain(row)

    def _to_domain(self, row: r.WorkOrder) -> m.WorkOrder:
        order = _entity(m.WorkOrder, row)
        order.version = row.version
        self.last_ticket = order.ticket_no
        self._loaded.append(row)
        for name, ent_cls, _ in _CHILDREN:
            children = []
            for child in getattr(row, name):
                e = _entity(ent_cls, child)
                if hasattr(e, "version"):
                    e.version = child.version
                children.append(e)
            setattr(order, name, children)
        by_id = {a.id: a for a in order.assignments}
        for rep in order.replies:
            rep.assignment = by_id.get(rep.assignment_id)
        return order

    def _order_id_where(self, column: Any, key: int, what_en: str, what_zh: str) -> int:
        order_id = self._s.scalar(select(column.table.c.order_id).where(column == key))
        if order_id is None:
            raise NotFound(what_en=what_en, what_zh=what_zh, key=key)
        return int(order_id)

    def get_by_ticket(self, ticket_no: str) -> m.WorkOrder:
        order_id = self._s.scalar(select(r.WorkOrder.id).where(r.WorkOrder.ticket_no == ticket_no))
        if order_id is None:
            raise NotFound(what_en="Work order", what_zh="工单", key=ticket_no)
        return self.get(order_id)

    def get_by_assignment(self, assignment_id: int) -> m.WorkOrder:
        return self.get(self._order_id_where(r.Assignment.id, assignment_id,
                                             "Assignment", "承办记录"))

    def get_by_return_request(self, request_id: int) -> m.WorkOrder:
        return self.get(self._order_id_where(r.ReturnRequest.id, request_id,
                                             "Return request", "退单申请"))

    def get_by_extension_request(self, request_id: int) -> m.WorkOrder:
        return self.get(self._order_id_where(r.ExtensionRequest.id, request_id,
                                             "Extension request", "延期申请"))

    def duplicates_of(self, order_id: int) -> list[m.WorkOrder]:
        ids = self._s.scalars(
            select(r.WorkOrder.id).where(r.WorkOrder.duplicate_of_id == order_id)
            .order_by(r.WorkOrder.id)
        ).all()
        return [self.get(i) for i in ids]

    def events(self, order_id: int) -> list[m.Event]:
        rows = self._s.scalars(
            select(r.Event).where(r.Event.order_id == order_id).order_by(r.Event.id)
        ).all()
        return [_entity(m.Event, row) for row in rows]

    def count(self) -> int:
        return int(self._s.scalar(select(func.count()).select_from(r.WorkOrder)) or 0)

    def assignments_to_check(self, now: datetime, limit: int) -> list[int]:
        """Assignments whose next escalation threshold has come (index on next_check_at)."""
        return list(self._s.scalars(
            select(r.Assignment.id).where(r.Assignment.next_check_at <= now)
            .order_by(r.Assignment.next_check_at).limit(limit)
        ))

    def callbacks_due(self, now: datetime) -> int:
        return int(self._s.scalar(
            select(func.count()).select_from(r.WorkOrder).where(
                r.WorkOrder.state == m.OrderState.AWAITING_CALLBACK,
                r.WorkOrder.callback_due <= now)
        ) or 0)

    # --- storing ---------------------------------------------------------------------------

    def next_ticket_no(self, day: date) -> str:
        """``8890-YYYYMMDD-NNNNNN``; the per-day counter is bumped by one atomic upsert, so two
        processes registering at the same moment never get the same number."""
        ins = _insert(self._s, self._dialect, r.TicketSequence.__table__)
        stmt = ins.values(day=day, last=1).on_conflict_do_update(
            index_elements=["day"], set_={"last": r.TicketSequence.__table__.c.last + 1}
        ).returning(r.TicketSequence.__table__.c.last)
        seq = int(self._s.execute(stmt).scalar_one())
        return f"8890-{day:%Y%m%d}-{seq:06d}"

    def add(self, order: m.WorkOrder) -> None:
        row = r.WorkOrder()
        _copy_into(order, row)
        self._s.add(row)
        self._s.flush()
        order.id = row.id
        order.version = row.version
        self._save_children(order, row)

    def save(self, order: m.WorkOrder) -> None:
        row = self._s.get(r.WorkOrder, order.id)
        if row is None:
            raise NotFound(what_en="Work order", what_zh="工单", key=order.id)
        if row.version != order.version:
            raise ConcurrencyConflict(ticket=order.ticket_no)
        _copy_into(order, row)
        if order.new_events:  # every event is a new version of the order, whatever changed
            flag_modified(row, "updated_at")
        self._save_children(order, row)
        order.version = row.version

    def _save_children(self, order: m.WorkOrder, order_row: r.WorkOrder) -> None:
        try:
            pairs: list[tuple[Any, Any]] = []
            for name, _, row_cls in _CHILDREN:
                for e in getattr(order, name):
                    if e.order_id is None:
                        e.order_id = order.id
                    if getattr(e, "assignment", None) is not None and e.assignment_id is None:
                        e.assignment_id = e.assignment.id
                    if e.id is None:
                        child = row_cls()
                        _copy_into(e, child)
                        self._s.add(child)
                    else:
                        child = self._s.get(row_cls, e.id)
                        if child is None:
                            raise ConcurrencyConflict(ticket=order.ticket_no)
                        if hasattr(e, "version") and child.version != e.version:
                            raise ConcurrencyConflict(ticket=order.ticket_no)
                        _copy_into(e, child)
                    pairs.append((e, child))
                # assignments first: later children and events refer to new ones by id
                self._s.flush()
            for e, child in pairs:
                e.id = child.id
                if hasattr(e, "version"):
                    e.version = child.version
            previous = last_event_hash(self._s, order.id) if order.new_events else None
            for ev in order.new_events:
                ev.order_id = order.id
                if ev.assignment is not None:
                    ev.assignment_id = ev.assignment.id
                ev_row = r.Event()
                _copy_into(ev, ev_row)
                ev_row.chain_hash = previous = hash_event(previous, ev)  # see core/audit.py
                self._s.add(ev_row)
            self._s.flush()
        except StaleDataError as exc:
            raise ConcurrencyConflict(ticket=order.ticket_no) from exc
        except IntegrityError as exc:
            # An automatic notice's unique key that a concurrent sweep took first means someone
            # else changed this order meanwhile; any other integrity error is a real fault.
            if "auto_key" in str(exc.orig):
                raise ConcurrencyConflict(ticket=order.ticket_no) from exc
            raise
        order.new_events.clear()


class SqlReferenceRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name
        self._calendar: WorkCalendar | None = None
        self._rules: DeskRules | None = None  # read once per unit of work, like the calendar

    def department(self, department_id: int) -> m.Department | None:
        row = self._s.get(r.Department, department_id)
        return _entity(m.Department, row) if row else None

    def category(self, category_id: int) -> m.Category | None:
        row = self._s.get(r.Category, category_id)
        return _entity(m.Category, row) if row else None

    def channel(self, channel_id: int) -> m.Channel | None:
        row = self._s.get(r.Channel, channel_id)
        return _entity(m.Channel, row) if row else None

    def channel_by_code(self, code: str) -> m.Channel | None:
        row = self._s.scalar(select(r.Channel).where(r.Channel.code == code))
        return _entity(m.Channel, row) if row else None

    def policy(self, request_type: m.RequestType, urgency: m.Urgency) -> TimeLimitPolicy:
        row = self._s.scalar(
            select(r.TimeLimitPolicy).where(
                r.TimeLimitPolicy.request_type == request_type,
                r.TimeLimitPolicy.urgency == urgency,
            )
        )
        if row is None:
            return default_policy(request_type, urgency)
        return TimeLimitPolicy(
            request_type,
            urgency,
            sign=Limit(row.sign_unit, row.sign_amount),
            reply=Limit(row.reply_unit, row.reply_amount),
            return_window=Limit(row.return_unit, row.return_amount),
            callback=Limit(row.callback_unit, row.callback_amount),
        )

    def save_policy(self, policy: TimeLimitPolicy) -> None:
        row = self._s.scalar(
            select(r.TimeLimitPolicy).where(
                r.TimeLimitPolicy.request_type == policy.request_type,
                r.TimeLimitPolicy.urgency == policy.urgency,
            )
        )
        if row is None:
            row = r.TimeLimitPolicy(request_type=policy.request_type, urgency=policy.urgency)
            self._s.add(row)
        for prefix, limit in (("sign", policy.sign), ("reply", policy.reply),
                              ("return", policy.return_window), ("callback", policy.callback)):
            setattr(row, f"{prefix}_unit", limit.unit)
            setattr(row, f"{prefix}_amount", limit.amount)
        self._s.flush()

    def rules(self) -> DeskRules:
        if self._rules is None:
            self._rules = self._read_rules()
        return self._rules

    def _read_rules(self) -> DeskRules:
        values = {s.key: s.value for s in self._s.scalars(select(r.Setting))}
        default = DeskRules()
        end = values.get("end_of_day")
        return DeskRules(
            extension_cap_days=int(values.get("extension_cap_days",
                                              default.extension_cap_days)),
            callback_max_attempts=int(values.get("callback_max_attempts",
                                                 default.callback_max_attempts)),
            end_of_day=time.fromisoformat(end) if end else default.end_of_day,
        )

    def save_rules(self, rules: DeskRules) -> None:
        values = {"extension_cap_days": rules.extension_cap_days,
                  "callback_max_attempts": rules.callback_max_attempts,
                  "end_of_day": rules.end_of_day.isoformat()}
        for key, value in values.items():
            row = self._s.get(r.Setting, key)
            if row is None:
                self._s.add(r.Setting(key=key, value=value))
            else:
                row.value = value
        self._s.flush()
        self._calendar = None
        self._rules = None

    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            overrides = {d.day: d.working for d in self._s.scalars(select(r.CalendarDay))}
            years = self._s.scalars(select(r.CalendarYear.year)).all()
            self._calendar = WorkCalendar(overrides, years, end_of_day=self.rules().end_of_day)
        return self._calendar

    def calendar_overrides(self) -> list[CalendarOverride]:
        rows = self._s.scalars(select(r.CalendarDay).order_by(r.CalendarDay.day))
        return [CalendarOverride(x.day, x.working, x.note) for x in rows]

    def save_calendar_days(
        self, days: Iterable[CalendarOverride], years: Iterable[int], at: datetime,
        source: str = "",
    ) -> int:
        count = 0
        for d in days:
            row = self._s.get(r.CalendarDay, d.day)
            if row is None:
                row = r.CalendarDay(day=d.day)
                self._s.add(row)
            row.working, row.note, row.updated_at = d.working, d.note, at
            count += 1
        for y in years:
            yrow = self._s.get(r.CalendarYear, y)
            if yrow is None:
                yrow = r.CalendarYear(year=y)
                self._s.add(yrow)
            yrow.source, yrow.imported_at = source[:200], at
        self._s.flush()
        self._calendar = None
        return count

    def contact_id_for(self, phone: str, name: str, at: datetime) -> int:
        table = r.Contact.__table__
        ins = _insert(self._s, self._dialect, table).values(
            phone=phone, name=name, first_seen=at, last_seen=at
        )
        set_: dict[str, Any] = {"last_seen": ins.excluded.last_seen}
        if name:
            set_["name"] = ins.excluded.name
        stmt = ins.on_conflict_do_update(index_elements=["phone"], set_=set_).returning(
            table.c.id
        )
        return int(self._s.execute(stmt).scalar_one())


    def add_department(self, code: str, name: str, parent_id: int | None) -> int:
        row = r.Department(code=code, name=name, parent_id=parent_id, active=True)
        self._s.add(row)
        self._s.flush()
        return row.id

    def add_category(
        self, code: str, name: str, parent_id: int | None, level: int,
        default_department_id: int | None,
    ) -> int:
        row = r.Category(code=code, name=name, parent_id=parent_id, level=level,
                         default_department_id=default_department_id, active=True)
        self._s.add(row)
        self._s.flush()
        return row.id

    def department_by_code(self, code: str) -> m.Department | None:
        row = self._s.scalar(select(r.Department).where(r.Department.code == code))
        return _entity(m.Department, row) if row else None

    def category_by_code(self, code: str) -> m.Category | None:
        row = self._s.scalar(select(r.Category).where(r.Category.code == code))
        return _entity(m.Category, row) if row else None

    def departments(self) -> list[m.Department]:
        rows = self._s.scalars(select(r.Department).order_by(r.Department.id))
        return [_entity(m.Department, x) for x in rows]

    def categories(self) -> list[m.Category]:
        rows = self._s.scalars(select(r.Category).order_by(r.Category.code))
        return [_entity(m.Category, x) for x in rows]

    def channels(self) -> list[m.Channel]:
        rows = self._s.scalars(select(r.Channel).order_by(r.Channel.id))
        return [_entity(m.Channel, x) for x in rows]

    def save_department(self, department: m.Department) -> None:
        """Write an existing department's name, parent and active flag."""
        row = self._s.get(r.Department, department.id)
        if row is None:
            raise NotFound(what_en="Department", what_zh="承办单位", key=department.id)
        row.name, row.parent_id, row.active = (department.name, department.parent_id,
                                               department.active)
        self._s.flush()

    def save_category(self, category: m.Category) -> None:
        """Write an existing category's name, default department and active flag."""
        row = self._s.get(r.Category, category.id)
        if row is None:
            raise NotFound(what_en="Category", what_zh="事项分类", key=category.id)
        row.name, row.default_department_id, row.active = (
            category.name, category.default_department_id, category.active)
        self._s.flush()

    def calendar_days(self, year: int) -> list[StoredCalendarDay]:
        rows = self._s.scalars(
            select(r.CalendarDay).where(r.CalendarDay.day >= date(year, 1, 1),
                                        r.CalendarDay.day <= date(year, 12, 31))
            .order_by(r.CalendarDay.day))
        return [StoredCalendarDay(x.day, x.working, x.note, x.updated_at) for x in rows]

    def calendar_years(self) -> list[CalendarYearRecord]:
        rows = self._s.scalars(select(r.CalendarYear).order_by(r.CalendarYear.year))
        return [CalendarYearRecord(x.year, x.source, x.imported_at) for x in rows]

    def delete_calendar_day(self, day: date) -> bool:
        row = self._s.get(r.CalendarDay, day)
        if row is None:
            return False
        self._s.delete(row)
        self._s.flush()
        self._calendar = None
        return True


class SqlUserRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _record(self, row: r.AppUser | None) -> UserRecord | None:
        if row is None:
            return None
        roles = self._s.scalars(
            select(r.AppRole.code).join(r.UserRole, r.UserRole.role_id == r.AppRole.id)
            .where(r.UserRole.user_id == row.id)
        ).all()
        depts = self._s.scalars(
            select(r.UserDepartment.department_id).where(r.UserDepartment.user_id == row.id)
        ).all()
        return UserRecord(row.id, row.username, row.display_name, row.password_hash,
                          row.active, frozenset(roles), frozenset(depts))

    def get(self, user_id: int) -> UserRecord | None:
        return self._record(self._s.get(r.AppUser, user_id))

    def by_username(self, username: str) -> UserRecord | None:
        return self._record(
            self._s.scalar(select(r.AppUser).where(r.AppUser.username == username))
        )

    def add(
        self,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Sequence[m.Role],
        department_ids: Sequence[int],
        at: datetime,
    ) -> int:
        row = r.AppUser(username=username, display_name=display_name,
                        password_hash=password_hash, created_at=at, active=True)
        self._s.add(row)
        self._s.flush()
        for role in roles:
            role_id = self._s.scalar(select(r.AppRole.id).where(r.AppRole.code == role))
            if role_id is None:
                role_row = r.AppRole(code=role, name=role.value)
                self._s.add(role_row)
                self._s.flush()
                role_id = role_row.id
            self._s.add(r.UserRole(user_id=row.id, role_id=role_id))
        for dept in department_ids:
            self._s.add(r.UserDepartment(user_id=row.id, department_id=dept))
        self._s.flush()
        return row.id

    def count(self) -> int:
        return int(self._s.scalar(select(func.count()).select_from(r.AppUser)) or 0)

    def all_users(self) -> list[UserRecord]:
        """Every user, by user name; roles and departments in two queries, not two per user."""
        roles: dict[int, set[m.Role]] = {}
        for user_id, code in self._s.execute(
            select(r.UserRole.user_id, r.AppRole.code)
            .join(r.AppRole, r.UserRole.role_id == r.AppRole.id)
        ):
            roles.setdefault(user_id, set()).add(code)
        depts: dict[int, set[int]] = {}
        for user_id, dept_id in self._s.execute(
            select(r.UserDepartment.user_id, r.UserDepartment.department_id)
        ):
            depts.setdefault(user_id, set()).add(dept_id)
        rows = self._s.scalars(select(r.AppUser).order_by(r.AppUser.username))
        return [UserRecord(x.id, x.username, x.display_name, x.password_hash, x.active,
                           frozenset(roles.get(x.id, ())), frozenset(depts.get(x.id, ())))
                for x in rows]

    def update(
        self,
        user_id: int,
        display_name: str,
        roles: Sequence[m.Role],
        department_ids: Sequence[int],
        active: bool,
    ) -> None:
        """Replace a user's name, roles, departments and active flag."""
        row = self._s.get(r.AppUser, user_id)
        if row is None:
            raise NotFound(what_en="User", what_zh="用户", key=user_id)
        row.display_name, row.active = display_name, active
        self._s.execute(delete(r.UserRole).where(r.UserRole.user_id == user_id))
        self._s.execute(delete(r.UserDepartment).where(r.UserDepartment.user_id == user_id))
        for role in dict.fromkeys(roles):
            self._s.add(r.UserRole(user_id=user_id, role_id=self._role_id(role)))
        for dept in dict.fromkeys(department_ids):
            self._s.add(r.UserDepartment(user_id=user_id, department_id=dept))
        self._s.flush()

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        row = self._s.get(r.AppUser, user_id)
        if row is None:
            raise NotFound(what_en="User", what_zh="用户", key=user_id)
        row.password_hash = password_hash
        row.failed_logins, row.locked_until = 0, None
        self._s.flush()

    def _role_id(self, role: m.Role) -> int:
        role_id = self._s.scalar(select(r.AppRole.id).where(r.AppRole.code == role))
        if role_id is None:
            role_row = r.AppRole(code=role, name=role.value)
            self._s.add(role_row)
            self._s.flush()
            role_id = role_row.id
        return int(role_id)


class SqlLeaseRepository:
    """Job leases: one holder per job name until ``expires_at``; atomic on both backends."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        """Take or renew the lease; True when ``holder`` holds it afterwards."""
        lease = r.JobLease
        renewed = self._s.execute(
            update(lease).where(lease.name == name, lease.holder == holder)
            .values(expires_at=now + ttl)
        )
        if renewed.rowcount == 1:  # type: ignore[attr-defined]
            return True
        taken = self._s.execute(
            update(lease).where(lease.name == name, lease.expires_at < now)
            .values(holder=holder, expires_at=now + ttl, acquired_at=now)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return True
        ins = _insert(self._s, self._dialect, lease.__table__).values(
            name=name, holder=holder, expires_at=now + ttl, acquired_at=now
        ).on_conflict_do_nothing(index_elements=["name"]).returning(lease.__table__.c.name)
        return self._s.execute(ins).scalar() is not None

    def release(self, name: str, holder: str) -> None:
        self._s.execute(delete(r.JobLease).where(r.JobLease.name == name,
                                                 r.JobLease.holder == holder))

    def holder(self, name: str, now: datetime) -> str | None:
        row = self._s.get(r.JobLease, name)
        return row.holder if row is not None and row.expires_at >= now else None


class SqlAccessLogRepository:
    """``access_log``: who saw or exported personal data undisguised (``core.privacy``)."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, record: AccessRecord) -> int:
        row = r.AccessLog(at=record.at, user_id=record.user_id, username=record.username,
                          kind=record.kind, order_id=record.order_id, success=record.success,
                          detail=dict(record.detail))
        self._s.add(row)
        self._s.flush()
        return row.id

    def recent(self, kind: str | None = None, limit: int = 100) -> list[AccessRecord]:
        """Newest first."""
        stmt = select(r.AccessLog).order_by(r.AccessLog.at.desc(), r.AccessLog.id.desc())
        if kind is not None:
            stmt = stmt.where(r.AccessLog.kind == kind)
        return [AccessRecord(a.at, a.user_id, a.username, a.kind, a.order_id, a.success,
                             dict(a.detail or {}), a.id)
                for a in self._s.scalars(stmt.limit(limit))]
