"""In-memory intake storage for the unit tests: the fake unit of work plus ``intake`` and
``feeds``, transactional like the rest (a unit of work sees copies; ``commit()`` publishes)."""

from __future__ import annotations

import copy
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import TracebackType
from typing import Self

from core.intake_ports import (
    BatchCounts,
    BatchRecord,
    BatchStatus,
    FeedConfig,
    IntakeItem,
    IntakeKind,
    KnownMessage,
    RejectedRecord,
)
from core.model import Category, Channel, ChannelKind, Department
from tests.support.fakes import FakeStore, FakeUnitOfWork


@dataclass
class IntakeStore:
    items: dict[str, IntakeItem] = field(default_factory=dict)
    batches: dict[int, BatchRecord] = field(default_factory=dict)
    rejected: list[tuple[int, str, RejectedRecord, datetime | None]] = field(
        default_factory=list)
    feeds: dict[int, FeedConfig] = field(default_factory=dict)
    next_id: int = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id


class FakeIntake:
    def __init__(self, store: FakeStore, intake: IntakeStore) -> None:
        self._store, self._w = store, intake

    def known(self, refs: Collection[str]) -> dict[str, KnownMessage]:
        wanted = set(refs)
        found: dict[str, KnownMessage] = {}
        for order in self._store.orders.values():
            ref = order.external_ref
            if ref is not None and ref in wanted:
                item = self._w.items.get(ref)
                found[ref] = KnownMessage(order.id or 0, item.updated_at if item else None,
                                          item.status if item else None,
                                          item.status_notes if item else "")
        return found

    def remember(self, item: IntakeItem) -> None:
        self._w.items[item.external_ref] = item

    def start_batch(self, source: str, kind: IntakeKind, file_name: str, feed_id: int | None,
                    actor_id: int | None, at: datetime, total: int) -> int:
        i = self._w.new_id()
        self._w.batches[i] = BatchRecord(i, source, kind, file_name, feed_id, actor_id, at,
                                         None, BatchStatus.RUNNING, total, BatchCounts())
        return i

    def add_to_batch(self, batch_id: int, counts: BatchCounts, status: BatchStatus,
                     finished_at: datetime | None, error: str = "") -> None:
        b = self._w.batches[batch_id]
        self._w.batches[batch_id] = replace(
            b, counts=b.counts + counts, status=status,
            finished_at=finished_at or b.finished_at, error=error or b.error)

    def batch(self, batch_id: int) -> BatchRecord | None:
        return self._w.batches.get(batch_id)

    def batches(self, limit: int = 50) -> list[BatchRecord]:
        return sorted(self._w.batches.values(), key=lambda b: -b.id)[:limit]

    def add_rejected(self, batch_id: int, source: str, rows: Sequence[RejectedRecord]) -> None:
        self._w.rejected += [(batch_id, source, r, None) for r in rows]

    def rejected(self, batch_id: int) -> list[RejectedRecord]:
        return [r for b, _, r, _ in self._w.rejected if b == batch_id]

    def resolve_rejected(self, source: str, external_ids: Collection[str], at: datetime) -> int:
        done = 0
        for i, (b, s, r, resolved) in enumerate(self._w.rejected):
            if s == source and r.external_id in external_ids and resolved is None:
                self._w.rejected[i] = (b, s, r, at)
                done += 1
        return done

    def open_rejected_count(self, source: str | None = None) -> int:
        return sum(1 for _, s, _, resolved in self._w.rejected
                   if resolved is None and (source is None or s == source))


class FakeFeeds:
    def __init__(self, intake: IntakeStore) -> None:
        self._w = intake

    def feeds(self) -> list[FeedConfig]:
        return sorted(self._w.feeds.values(), key=lambda f: f.name)

    def feed(self, name: str) -> FeedConfig | None:
        return next((f for f in self._w.feeds.values() if f.name == name), None)

    def add_feed(self, feed: FeedConfig) -> int:
        i = self._w.new_id()
        self._w.feeds[i] = replace(feed, id=i)
        return i

    def save_feed(self, feed: FeedConfig) -> None:
        assert feed.id in self._w.feeds
        self._w.feeds[feed.id] = feed

    def remove_feed(self, name: str) -> bool:
        feed = self.feed(name)
        if feed is None or feed.id is None:
            return False
        del self._w.feeds[feed.id]
        return True


class FakeIntakeUnitOfWork(FakeUnitOfWork):
    """The fake unit of work with the intake's repositories, committed together."""

    def __init__(self, store: FakeStore, intake: IntakeStore) -> None:
        super().__init__(store)
        self._intake_store = intake
        self._intake_work: IntakeStore | None = None

    def _attach(self) -> None:
        assert self._work is not None
        self._intake_work = copy.deepcopy(self._intake_store)
        self.intake = FakeIntake(self._work, self._intake_work)
        self.feeds = FakeFeeds(self._intake_work)

    def __enter__(self) -> Self:
        super().__enter__()
        self._attach()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        super().__exit__(exc_type, exc, tb)
        self._intake_work = None

    def commit(self) -> None:
        assert self._intake_work is not None
        work = self._intake_work
        super().commit()
        for name in self._intake_store.__dataclass_fields__:
            setattr(self._intake_store, name, getattr(work, name))
        self._attach()

    def rollback(self) -> None:
        super().rollback()
        self._attach()


@dataclass
class FakeDesk:
    """A fake store with the reference data intake needs: the online channels, a category
    tree with one routed and one unrouted leaf."""

    store: FakeStore = field(default_factory=FakeStore)
    intake: IntakeStore = field(default_factory=IntakeStore)

    def __post_init__(self) -> None:
        s = self.store
        s.channels.update({
            3: Channel(3, "open311", "Open311接口", ChannelKind.ONLINE),
            4: Channel(4, "sheet", "表格导入", ChannelKind.ONLINE),
            5: Channel(5, "minxin", "民心网", ChannelKind.ONLINE),
            6: Channel(6, "opinion", "舆情监测", ChannelKind.OPINION),
        })
        s.departments[1] = Department(1, "CGJ", "市城市管理局", None)
        s.categories.update({
            1: Category(1, "02", "城市管理", None, 1, None),
            2: Category(2, "0201", "市容环境", 1, 2, None),
            3: Category(3, "020101", "占道经营", 2, 3, 1),
            4: Category(4, "020102", "乱涂乱画", 2, 3, None),
        })
        s.next_id.update({"department": 1, "category": 4})

    def uow(self) -> FakeIntakeUnitOfWork:
        return FakeIntakeUnitOfWork(self.store, self.intake)
