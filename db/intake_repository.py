"""The intake's storage: imported items, import batches, rejected rows and Open311 feeds.

``SqlIntakeUnitOfWork`` is the ordinary unit of work with the two intake repositories added
(``intake`` and ``feeds``); ``intake_uow_factory(db)`` makes one per call, as ``db.uow`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any, Self

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from core.errors import NotFound
from core.intake_ports import (
    BatchCounts,
    BatchRecord,
    BatchStatus,
    FeedConfig,
    FeedFormat,
    IntakeItem,
    IntakeKind,
    KnownMessage,
    RejectedRecord,
)
from db import models as r
from db.uow import SqlUnitOfWork

_IN_CHUNK = 500  # keys per IN (...) list


class SqlIntakeRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def known(self, refs: Collection[str]) -> dict[str, KnownMessage]:
        found: dict[str, KnownMessage] = {}
        keys = sorted(refs)
        for start in range(0, len(keys), _IN_CHUNK):
            part = keys[start:start + _IN_CHUNK]
            rows = self._s.execute(
                select(r.WorkOrder.external_ref, r.WorkOrder.id, r.IntakeItem.source_updated_at,
                       r.IntakeItem.status, r.IntakeItem.status_notes)
                .outerjoin(r.IntakeItem, r.IntakeItem.external_ref == r.WorkOrder.external_ref)
                .where(r.WorkOrder.external_ref.in_(part))
            )
            for ref, order_id, updated_at, status, notes in rows:
                if ref is not None:
                    found[ref] = KnownMessage(order_id, updated_at, status, notes or "")
        return found

    def remember(self, item: IntakeItem) -> None:
        table = r.IntakeItem
        values = {
            "external_ref": item.external_ref, "order_id": item.order_id, "source": item.source,
            "external_id": item.external_id, "batch_id": item.batch_id,
            "source_updated_at": item.updated_at,
            "status": item.status[:32] if item.status else None,
            "status_notes": item.status_notes, "seen_at": item.seen_at,
        }
        ins = (postgresql.insert(table) if self._dialect == "postgresql"
               else sqlite.insert(table)).values(**values)
        self._s.execute(ins.on_conflict_do_update(
            index_elements=["external_ref"],
            set_={k: v for k, v in values.items() if k != "external_ref"}))

    def start_batch(
        self, source: str, kind: IntakeKind, file_name: str, feed_id: int | None,
        actor_id: int | None, at: datetime, total: int,
    ) -> int:
        row = r.IntakeBatch(source=source, kind=kind.value, file_name=file_name[:260],
                            feed_id=feed_id, actor_id=actor_id, started_at=at,
                            status=BatchStatus.RUNNING.value, total=total, accepted=0, known=0,
                            updated=0, rejected=0, dispatched=0, error="")
        self._s.add(row)
        self._s.flush()
        return row.id

    def add_to_batch(
        self, batch_id: int, counts: BatchCounts, status: BatchStatus,
        finished_at: datetime | None, error: str = "",
    ) -> None:
        b = r.IntakeBatch
        values: dict[str, Any] = {
            "accepted": b.accepted + counts.accepted, "known": b.known + counts.known,
            "updated": b.updated + counts.updated, "rejected": b.rejected + counts.rejected,
            "dispatched": b.dispatched + counts.dispatched, "status": status.value,
        }
        if finished_at is not None:
            values["finished_at"] = finished_at
        if error:
            values["error"] = error
        self._s.execute(update(b).where(b.id == batch_id).values(**values))

    def batch(self, batch_id: int) -> BatchRecord | None:
        row = self._s.get(r.IntakeBatch, batch_id)
        return _batch(row) if row is not None else None

    def batches(self, limit: int = 50) -> list[BatchRecord]:
        rows = self._s.scalars(select(r.IntakeBatch).order_by(r.IntakeBatch.id.desc())
                               .limit(limit))
        return [_batch(x) for x in rows]

    def add_rejected(self, batch_id: int, source: str, rows: Sequence[RejectedRecord]) -> None:
        self._s.add_all(
            r.IntakeRejectedRow(batch_id=batch_id, source=source, row=x.row,
                                external_id=x.external_id, reason_zh=x.reason_zh,
                                reason_en=x.reason_en, raw=dict(x.raw))
            for x in rows
        )
        self._s.flush()

    def rejected(self, batch_id: int) -> list[RejectedRecord]:
        rows = self._s.scalars(select(r.IntakeRejectedRow)
                               .where(r.IntakeRejectedRow.batch_id == batch_id)
                               .order_by(r.IntakeRejectedRow.id))
        return [RejectedRecord(x.row, x.reason_zh, x.reason_en, dict(x.raw or {}),
                               x.external_id) for x in rows]

    def resolve_rejected(self, source: str, external_ids: Collection[str], at: datetime) -> int:
        rr = r.IntakeRejectedRow
        keys = sorted(external_ids)
        done = 0
        for start in range(0, len(keys), _IN_CHUNK):
            result = self._s.execute(
                update(rr).where(rr.source == source, rr.external_id.in_(keys[start:start
                                                                             + _IN_CHUNK]),
                                 rr.resolved_at.is_(None)).values(resolved_at=at))
            done += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return done

    def open_rejected_count(self, source: str | None = None) -> int:
        rr = r.IntakeRejectedRow
        query = select(func.count()).select_from(rr).where(rr.resolved_at.is_(None))
        if source is not None:
            query = query.where(rr.source == source)
        return int(self._s.scalar(query) or 0)


def _batch(row: r.IntakeBatch) -> BatchRecord:
    return BatchRecord(
        id=row.id, source=row.source, kind=IntakeKind(row.kind), file_name=row.file_name,
        feed_id=row.feed_id, actor_id=row.actor_id, started_at=row.started_at,
        finished_at=row.finished_at, status=BatchStatus(row.status), total=row.total,
        counts=BatchCounts(row.accepted, row.known, row.updated, row.rejected, row.dispatched),
        error=row.error,
    )


class SqlFeedRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def feeds(self) -> list[FeedConfig]:
        return [_feed(x) for x in self._s.scalars(select(r.IntakeFeed).order_by(r.IntakeFeed.name))]

    def feed(self, name: str) -> FeedConfig | None:
        row = self._s.scalar(select(r.IntakeFeed).where(r.IntakeFeed.name == name))
        return _feed(row) if row is not None else None

    def add_feed(self, feed: FeedConfig) -> int:
        row = r.IntakeFeed()
        _copy_feed(feed, row)
        self._s.add(row)
        self._s.flush()
        return row.id

    def save_feed(self, feed: FeedConfig) -> None:
        row = self._s.get(r.IntakeFeed, feed.id)
        if row is None:
            raise NotFound(what_en="Feed", what_zh="数据源", key=feed.name)
        _copy_feed(feed, row)
        self._s.flush()

    def remove_feed(self, name: str) -> bool:
        row = self._s.scalar(select(r.IntakeFeed).where(r.IntakeFeed.name == name))
        if row is None:
            return False
        self._s.execute(update(r.IntakeBatch).where(r.IntakeBatch.feed_id == row.id)
                        .values(feed_id=None))
        self._s.delete(row)
        self._s.flush()
        return True


def _feed(row: r.IntakeFeed) -> FeedConfig:
    return FeedConfig(
        id=row.id, name=row.name, base_url=row.base_url, jurisdiction_id=row.jurisdiction_id,
        format=FeedFormat(row.format), interval_minutes=row.interval_minutes,
        service_map=dict(row.service_map or {}), active=row.active,
        last_position=row.last_position, last_polled_at=row.last_polled_at,
        last_success_at=row.last_success_at, last_error=row.last_error,
        failures=row.failures, created_at=row.created_at,
    )


def _copy_feed(feed: FeedConfig, row: r.IntakeFeed) -> None:
    row.name, row.base_url, row.jurisdiction_id = feed.name, feed.base_url, feed.jurisdiction_id
    row.format, row.interval_minutes = feed.format.value, feed.interval_minutes
    row.service_map, row.active = dict(feed.service_map), feed.active
    row.last_position, row.last_polled_at = feed.last_position, feed.last_polled_at
    row.last_success_at, row.last_error = feed.last_success_at, feed.last_error
    row.failures = feed.failures
    if feed.created_at is not None:
        row.created_at = feed.created_at


class SqlIntakeUnitOfWork(SqlUnitOfWork):
    """A unit of work that also reaches the intake's tables."""

    def __enter__(self) -> Self:
        super().__enter__()
        self.intake = SqlIntakeRepository(self.session)
        self.feeds = SqlFeedRepository(self.session)
        return self


def intake_uow_factory(sessions: sessionmaker[Session]) -> Callable[..., SqlIntakeUnitOfWork]:
    """``factory(write=True)`` -> a new intake unit of work on ``sessions`` (``db.sessions``)."""

    def make(*, write: bool = True) -> SqlIntakeUnitOfWork:
        return SqlIntakeUnitOfWork(sessions, write=write)

    return make
