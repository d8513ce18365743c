"""What the intake (``core/intake.py``, ``core/feeds.py``) needs from storage, and its records.

``db/intake_repository.py`` implements these protocols on the database; the tests have
in-memory fakes. An :class:`IntakeUnitOfWork` is an ordinary unit of work with two more
repositories: ``intake`` (what was imported, in which batch, what was refused) and ``feeds``
(the configured Open311 feeds and how far each has been read). Every datetime is aware UTC.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from core.ports import UnitOfWork


class IntakeKind(StrEnum):
    OPEN311 = "open311"  # an Open311 GeoReport v2 response (a feed poll or a saved file)
    SHEET = "sheet"  # a portal's spreadsheet export (.xlsx / .csv)


class BatchStatus(StrEnum):
    RUNNING = "running"  # chunks are being committed (or the process died meanwhile)
    DONE = "done"
    CANCELLED = "cancelled"  # stopped by the user after a committed chunk
    FAILED = "failed"  # an error after some chunks were committed


class FeedFormat(StrEnum):
    JSON = "json"
    XML = "xml"


@dataclass(frozen=True)
class KnownMessage:
    """A message the desk already holds as a work order (by its external reference)."""

    order_id: int
    updated_at: datetime | None  # the source's last update time as last recorded
    status: str | None
    status_notes: str = ""


@dataclass(frozen=True)
class IntakeItem:
    """What intake remembers of a message it turned into an order, to recognise updates."""

    external_ref: str
    order_id: int
    source: str
    external_id: str | None
    batch_id: int | None
    updated_at: datetime | None
    status: str | None
    status_notes: str
    seen_at: datetime


@dataclass(frozen=True)
class RejectedRecord:
    """A refused row or item, as written in the source, kept for fixing and re-import."""

    row: int | None
    reason_zh: str
    reason_en: str
    raw: Mapping[str, str] = field(default_factory=dict, compare=False)
    external_id: str | None = None


@dataclass(frozen=True)
class BatchCounts:
    accepted: int = 0
    known: int = 0
    updated: int = 0
    rejected: int = 0
    dispatched: int = 0

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(
            self.accepted + other.accepted,
            self.known + other.known,
            self.updated + other.updated,
            self.rejected + other.rejected,
            self.dispatched + other.dispatched,
        )


@dataclass(frozen=True)
class BatchRecord:
    id: int
    source: str
    kind: IntakeKind
    file_name: str
    feed_id: int | None
    actor_id: int | None
    started_at: datetime
    finished_at: datetime | None
    status: BatchStatus
    total: int
    counts: BatchCounts
    error: str = ""


@dataclass(frozen=True)
class FeedConfig:
    """An Open311 feed an administrator configured, with where its polling stands.

    ``service_map`` maps the feed's ``service_code`` to a category code of the desk.
    ``last_position`` is the newest ``requested_datetime`` read so far; the next poll asks
    for requests from that instant on (inclusive: what is read twice is recognised).
    """

    id: int | None
    name: str
    base_url: str
    jurisdiction_id: str = ""
    format: FeedFormat = FeedFormat.JSON
    interval_minutes: int = 15
    service_map: Mapping[str, str] = field(default_factory=dict)
    active: bool = True
    last_position: datetime | None = None
    last_polled_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str = ""
    failures: int = 0
    created_at: datetime | None = None

    @property
    def source(self) -> str:
        """The source label of its messages: ``open311:<name>``."""
        return f"{IntakeKind.OPEN311.value}:{self.name}"


class IntakeRepository(Protocol):
    def known(self, refs: Collection[str]) -> dict[str, KnownMessage]:
        """The orders whose ``external_ref`` is one of ``refs``."""
        ...

    def remember(self, item: IntakeItem) -> None:
        """Insert the item, or update the one with the same ``external_ref``."""
        ...

    def start_batch(
        self, source: str, kind: IntakeKind, file_name: str, feed_id: int | None,
        actor_id: int | None, at: datetime, total: int,
    ) -> int: ...

    def add_to_batch(
        self, batch_id: int, counts: BatchCounts, status: BatchStatus,
        finished_at: datetime | None, error: str = "",
    ) -> None:
        """Add ``counts`` to the batch's totals and set its status."""
        ...

    def batch(self, batch_id: int) -> BatchRecord | None: ...

    def batches(self, limit: int = 50) -> list[BatchRecord]:
        """The newest batches first."""
        ...

    def add_rejected(self, batch_id: int, source: str, rows: Sequence[RejectedRecord]) -> None:
        ...

    def rejected(self, batch_id: int) -> list[RejectedRecord]: ...

    def resolve_rejected(self, source: str, external_ids: Collection[str], at: datetime) -> int:
        """Mark the open rejected rows of ``source`` with these ids as fixed; how many."""
        ...

    def open_rejected_count(self, source: str | None = None) -> int: ...


class FeedRepository(Protocol):
    def feeds(self) -> list[FeedConfig]: ...
    def feed(self, name: str) -> FeedConfig | None: ...
    def add_feed(self, feed: FeedConfig) -> int: ...
    def save_feed(self, feed: FeedConfig) -> None:
        """Write every field of the feed with ``feed.id``."""
        ...

    def remove_feed(self, name: str) -> bool: ...


class IntakeUnitOfWork(UnitOfWork, Protocol):
    intake: IntakeRepository
    feeds: FeedRepository
