"""SQLAlchemy 2 typed mappings: the desk's tables.

Times are stored as naive UTC (``UTCDateTime`` attaches and strips the zone), identical on
SQLite and PostgreSQL. Enumerations are stored as their string values. The indexes named
here are the ones the queues and reports query by from day one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from core.calendar import LimitUnit
from core.model import (
    AssignmentState,
    CallbackOutcome,
    ChannelKind,
    CloseKind,
    EventKind,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    Role,
    Urgency,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime in Python, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime; times must be aware (UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def str_enum(enum: type[StrEnum], length: int = 32) -> Enum:
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(Base):
    """A node of the three-level category tree; leaves (level 3) carry the routing rule."""

    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    default_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Channel(Base):
    __tablename__ = "channel"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[ChannelKind] = mapped_column(str_enum(ChannelKind))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Contact(Base):
    """A caller, known by phone number."""

    __tablename__ = "contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(50), default="")
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]


class TicketSequence(Base):
    """The per-day counter behind ticket numbers; incremented with an atomic upsert."""

    __tablename__ = "ticket_sequence"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class WorkOrder(Base):
    __tablename__ = "work_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(24), unique=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    caller_name: Mapped[str] = mapped_column(String(50), default="")
    caller_phone: Mapped[str] = mapped_column(String(24), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    request_type: Mapped[RequestType] = mapped_column(str_enum(RequestType))
    urgency: Mapped[Urgency] = mapped_column(str_enum(Urgency))
    title: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    state: Mapped[OrderState] = mapped_column(str_enum(OrderState))
    registered_at: Mapped[datetime]
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    external_ref: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]
    close_kind: Mapped[CloseKind | None] = mapped_column(str_enum(CloseKind))
    close_note: Mapped[str | None] = mapped_column(Text)
    direct_answer: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    callback_due: Mapped[datetime | None]
    callback_attempts: Mapped[int] = mapped_column(Integer, default=0)
    callback_outcome: Mapped[CallbackOutcome | None] = mapped_column(str_enum(CallbackOutcome))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    current_hop: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # "take next" on a shared queue: who is working on the order now, since when (a claim
    # older than the claim timeout may be taken over).
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_at: Mapped[datetime | None]

    assignments: Mapped[list[Assignment]] = relationship(order_by="Assignment.id")
    replies: Mapped[list[Reply]] = relationship(order_by="Reply.id")
    return_requests: Mapped[list[ReturnRequest]] = relationship(order_by="ReturnRequest.id")
    extension_requests: Mapped[list[ExtensionRequest]] = relationship(
        order_by="ExtensionRequest.id"
    )
    callbacks: Mapped[list[CallbackAttempt]] = relationship(order_by="CallbackAttempt.id")
    notices: Mapped[list[EscalationNotice]] = relationship(order_by="EscalationNotice.id")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_work_order_state_callback_due", "state", "callback_due"),
        Index("ix_work_order_registered_at", "registered_at"),
        Index("ix_work_order_state_registered", "state", "registered_at"),
        Index("ix_work_order_contact_registered", "contact_id", "registered_at"),
        Index("ix_work_order_caller_phone_registered", "caller_phone", "registered_at"),
        Index("ix_work_order_duplicate_of_id", "duplicate_of_id"),
        Index("ix_work_order_category_registered", "category_id", "registered_at"),
        UniqueConstraint("external_ref", name="uq_work_order_external_ref"),
    )


class Assignment(Base):
    """One department's hop on an order (承办记录)."""

    __tablename__ = "assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    lead: Mapped[bool] = mapped_column(Boolean)
    hop: Mapped[int] = mapped_column(Integer)
    state: Mapped[AssignmentState] = mapped_column(str_enum(AssignmentState))
    dispatched_at: Mapped[datetime]
    dispatched_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    sign_due: Mapped[datetime]
    reply_due: Mapped[datetime]
    return_until: Mapped[datetime]
    signed_at: Mapped[datetime | None]
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    replied_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    warning_level: Mapped[str] = mapped_column(String(8), default="none")
    next_check_at: Mapped[datetime | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_assignment_order_id", "order_id"),
        Index("ix_assignment_state_reply_due", "state", "reply_due"),
        Index("ix_assignment_state_sign_due", "state", "sign_due"),
        Index("ix_assignment_department_state", "department_id", "state", "reply_due"),
        Index("ix_assignment_dispatched_at", "dispatched_at"),
        Index("ix_assignment_replied_at", "replied_at"),
        Index("ix_assignment_signed_at", "signed_at"),
        Index("ix_assignment_ended_at", "ended_at"),
    )


class OrderCount(Base):
    """The counts behind 全部工单, kept by triggers (``db/order_counters.py``): department 0
    counts every order, any other department the orders it ever had an assignment on; each
    count is the sum of its slots (on PostgreSQL one per connection, so concurrent writers
    lock different rows)."""

    __tablename__ = "order_count"
    department_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    orders: Mapped[int] = mapped_column(Integer)


class Reply(Base):
    __tablename__ = "reply"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    at: Mapped[datetime]
    by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    text: Mapped[str] = mapped_column(Text)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    rejected_reason: Mapped[str | None] = mapped_column(Text)


class ReturnRequest(Base):
    __tablename__ = "return_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    requested_at: Mapped[datetime]
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_return_request_status_decided", "status", "decided_at"),)


class ExtensionRequest(Base):
    __tablename__ = "extension_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    requested_at: Mapped[datetime]
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)
    new_reply_due: Mapped[datetime | None]

    __table_args__ = (Index("ix_extension_request_status_decided", "status", "decided_at"),)


class CallbackAttempt(Base):
    __tablename__ = "callback_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    at: Mapped[datetime] = mapped_column(index=True)
    by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    outcome: Mapped[CallbackOutcome] = mapped_column(str_enum(CallbackOutcome))
    note: Mapped[str] = mapped_column(Text, default="")


class EscalationNotice(Base):
    """催办/督办. ``auto_key`` is unique: an automatic level is issued once per assignment."""

    __tablename__ = "escalation_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(str_enum(NoticeKind))
    at: Mapped[datetime]
    by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    auto_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class Event(Base):
    """The append-only timeline. ``from_state``/``to_state`` are order states."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    from_state: Mapped[OrderState | None] = mapped_column(str_enum(OrderState))
    to_state: Mapped[OrderState] = mapped_column(str_enum(OrderState))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # sha256 over the previous event's hash of the same order and this event's content; see
    # the audit-trail module. NULL only for events written before migration 0005.
    chain_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_event_order_id", "order_id", "id"),
        Index("ix_event_at_kind", "at", "kind"),
        Index("ix_event_assignment_kind", "assignment_id", "kind"),
    )


class JobLease(Base):
    """Which process runs a scheduled job now, until when (see ``core/jobs.py``)."""

    __tablename__ = "job_lease"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
    acquired_at: Mapped[datetime]


class TimeLimitPolicy(Base):
    __tablename__ = "time_limit_policy"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_type: Mapped[RequestType] = mapped_column(str_enum(RequestType))
    urgency: Mapped[Urgency] = mapped_column(str_enum(Urgency))
    sign_unit: Mapped[LimitUnit] = mapped_column(str_enum(LimitUnit, 16))
    sign_amount: Mapped[int] = mapped_column(Integer)
    reply_unit: Mapped[LimitUnit] = mapped_column(str_enum(LimitUnit, 16))
    reply_amount: Mapped[int] = mapped_column(Integer)
    return_unit: Mapped[LimitUnit] = mapped_column(str_enum(LimitUnit, 16))
    return_amount: Mapped[int] = mapped_column(Integer)
    callback_unit: Mapped[LimitUnit] = mapped_column(str_enum(LimitUnit, 16))
    callback_amount: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("request_type", "urgency", name="uq_policy_cell"),)


class CalendarDay(Base):
    """The administrator's override of one date: a holiday or a (make-up) working day."""

    __tablename__ = "calendar_day"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime]


class CalendarYear(Base):
    """A year for which an administrator entered the complete holiday data."""

    __tablename__ = "calendar_year"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime]


class Setting(Base):
    """Adjustable rules (extension cap, callback attempts, end of day), as JSON values."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class AppRole(Base):
    __tablename__ = "app_role"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Role] = mapped_column(str_enum(Role), unique=True)
    name: Mapped[str] = mapped_column(String(50))


class AppUser(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


class UserRole(Base):
    __tablename__ = "user_role"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("app_role.id"), primary_key=True)


class UserDepartment(Base):
    __tablename__ = "user_department"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)


class NotificationCursor(Base):
    """Per user: every notification up to the event ``read_through_id`` is read
    ("mark all read"; see ``core/notifications.py``)."""

    __tablename__ = "notification_cursor"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True,
                                         autoincrement=False)
    read_through_id: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class NotificationRead(Base):
    """Per user: one notification (its event) read above the cursor."""

    __tablename__ = "notification_read"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True)
    read_at: Mapped[datetime]


class IntakeFeed(Base):
    """An Open311 feed the desk polls, and how far it has been read (see ``core/feeds.py``)."""

    __tablename__ = "intake_feed"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    base_url: Mapped[str] = mapped_column(String(500))
    jurisdiction_id: Mapped[str] = mapped_column(String(100), default="")
    format: Mapped[str] = mapped_column(String(8))
    interval_minutes: Mapped[int] = mapped_column(Integer)
    service_map: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_position: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]


class IntakeBatch(Base):
    """One import (a file or a feed poll) with its running counts."""

    __tablename__ = "intake_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(260), default="")
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("intake_feed.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    total: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    known: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    dispatched: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")


class IntakeItem(Base):
    """A message intake turned into an order, with the source's last update it recorded."""

    __tablename__ = "intake_item"
    external_ref: Mapped[str] = mapped_column(String(200), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), index=True)
    source: Mapped[str] = mapped_column(String(120))
    external_id: Mapped[str | None] = mapped_column(String(200))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("intake_batch.id"))
    source_updated_at: Mapped[datetime | None]
    status: Mapped[str | None] = mapped_column(String(32))
    status_notes: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime]


class IntakeRejectedRow(Base):
    """A row an import refused, as written, kept for fixing and re-import."""

    __tablename__ = "intake_rejected_row"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("intake_batch.id"), index=True)
    source: Mapped[str] = mapped_column(String(120))
    row: Mapped[int | None] = mapped_column(Integer)
    external_id: Mapped[str | None] = mapped_column(String(200))
    reason_zh: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    resolved_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_intake_rejected_row_source_external_id", "source",
                            "external_id"),)


class AdminAudit(Base):
    """Administrative changes (users, roles, policies, calendar, routing), hash-chained like
    the order events (``chain_hash`` over the previous row's hash and this row)."""

    __tablename__ = "admin_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class AccessLog(Base):
    """Who saw or exported personal data undisguised, and login attempts (kind "login")."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    username: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(32))  # view_undisguised, export_undisguised, login…
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    success: Mapped[bool] = mapped_column(Boolean, default=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_access_log_username_at", "username", "at"),)


class OpinionItem(Base):
    """政务舆情: the monitoring details of an order in the opinion channel and its clocks
    (DOMAIN.md section 5). Times are UTC; the clocks run in natural hours."""

    __tablename__ = "opinion_item"
    order_id: Mapped[int] = mapped_column(ForeignKey("work_order.id"), primary_key=True,
                                          autoincrement=False)
    platform: Mapped[str] = mapped_column(String(50), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    posted_at: Mapped[datetime | None]
    reach: Mapped[int] = mapped_column(Integer, default=0)
    risk_level: Mapped[str | None] = mapped_column(String(16))  # set at assessment (研判)
    assessed_at: Mapped[datetime | None]
    assessed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    info_due: Mapped[datetime | None] = mapped_column(index=True)  # authoritative information
    conference_due: Mapped[datetime | None]  # press conference (serious items)
    response_due: Mapped[datetime | None] = mapped_column(index=True)
    info_at: Mapped[datetime | None]
    conference_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    response_channel: Mapped[str] = mapped_column(String(50), default="")
    response_link: Mapped[str] = mapped_column(String(500), default="")
    warning_level: Mapped[str] = mapped_column(String(8), default="none")
