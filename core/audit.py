"""The tamper-evident audit trail: canonical rows, hash chains and their verification.

Pure: no database, no Qt. Two kinds of chain exist:

* every work order's events, in id order (one chain per order);
* the administrative changes (``admin_audit``), in id order (one chain for the desk).

A row's ``chain_hash`` is ``sha256(previous hash + canonical JSON of the row's content)`` as
64 lower-case hex digits, where the previous hash is the one stored on the row before it in
the same chain: "" for the first row, and after the rows without a hash that may open a chain
(written before the chains existed: "legacy", reported but not verified). The content is
every column but the id (the database gives it at insert) and the hash itself; the JSON
has sorted keys, no spaces, UTF-8 text, enumerations as their values and times as ISO 8601
in UTC with microseconds. Payloads are taken as the JSON column gives them back (a key ``1``
becomes ``"1"``), so the hash of a row before and after storing is the same.

The format is part of the stored data: changing any of this breaks every existing chain.
Whoever writes events outside the repositories (bulk loaders) must compute the hashes with
:func:`event_hash` / :func:`hash_events`, or :func:`verify` reports the rows.

What a chain shows: a row edited, a row removed from the middle, or a hash removed after the
first hashed row. It cannot show the newest rows removed, nor a whole chain recomputed by
someone who can also rewrite hashes (there is no secret key); the database triggers of
migration 0006 are the first line of defence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Any, Protocol

from core.model import Event

# --- canonical content and hashes --------------------------------------------------------------


def _as_stored(value: Any) -> Any:
    """What a JSON column gives back for ``value`` (string keys, lists for tuples)."""
    return json.loads(json.dumps(value))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("audit: times must be timezone-aware (UTC)")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def canonical_json(content: Mapping[str, Any]) -> str:
    """The canonical text of a row's content (see the module docstring)."""
    return json.dumps({k: _plain(v) for k, v in content.items()}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def chain_hash(previous: str | None, content: Mapping[str, Any]) -> str:
    """sha256 over the previous row's hash ("" when none) and this row's canonical content."""
    digest = hashlib.sha256((previous or "").encode("ascii"))
    digest.update(canonical_json(content).encode("utf-8"))
    return digest.hexdigest()


def event_content(
    *, order_id: int | None, assignment_id: int | None, at: datetime, actor_id: int | None,
    kind: str, from_state: str | None, to_state: str, payload: Mapping[str, Any],
) -> dict[str, Any]:
    """The hashed content of an event row (enumerations may be given as members or values)."""
    return {"order_id": order_id, "assignment_id": assignment_id, "at": at,
            "actor_id": actor_id, "kind": kind, "from_state": from_state,
            "to_state": to_state, "payload": _as_stored(dict(payload))}


def event_hash(
    previous: str | None, *, order_id: int | None, assignment_id: int | None, at: datetime,
    actor_id: int | None, kind: str, from_state: str | None, to_state: str,
    payload: Mapping[str, Any],
) -> str:
    """The ``chain_hash`` of an event row that follows a row hashed ``previous``."""
    return chain_hash(previous, event_content(
        order_id=order_id, assignment_id=assignment_id, at=at, actor_id=actor_id, kind=kind,
        from_state=from_state, to_state=to_state, payload=payload))


def hash_event(previous: str | None, event: Event, order_id: int | None = None) -> str:
    """The ``chain_hash`` of a domain event stored after a row hashed ``previous``. The order
    id is ``order_id`` or ``event.order_id``; the assignment id ``event.assignment_id`` or
    else ``event.assignment.id`` (give the final ids, as stored)."""
    assignment_id = event.assignment_id
    if assignment_id is None and event.assignment is not None:
        assignment_id = event.assignment.id
    return event_hash(previous, order_id=order_id if order_id is not None else event.order_id,
                      assignment_id=assignment_id, at=event.at, actor_id=event.actor_id,
                      kind=event.kind, from_state=event.from_state, to_state=event.to_state,
                      payload=event.payload)


def hash_events(order_id: int, events: Iterable[Event], previous: str | None) -> list[str]:
    """The hashes of new events appended, in this order, to an order whose newest stored
    event is hashed ``previous`` (None: no events yet). For bulk loaders that write events
    without the repository."""
    hashes: list[str] = []
    for ev in events:
        previous = hash_event(previous, ev, order_id)
        hashes.append(previous)
    return hashes


def admin_content(
    *, at: datetime, actor_id: int | None, action: str, target: str, detail: Mapping[str, Any],
) -> dict[str, Any]:
    return {"at": at, "actor_id": actor_id, "action": action, "target": target,
            "detail": _as_stored(dict(detail))}


def admin_hash(
    previous: str | None, *, at: datetime, actor_id: int | None, action: str, target: str,
    detail: Mapping[str, Any],
) -> str:
    """The ``chain_hash`` of an administrative record that follows one hashed ``previous``."""
    return chain_hash(previous, admin_content(at=at, actor_id=actor_id, action=action,
                                              target=target, detail=detail))


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainedEvent:
    """An event row as stored (enumerations as members or values)."""

    id: int
    order_id: int
    assignment_id: int | None
    at: datetime
    actor_id: int | None
    kind: str
    from_state: str | None
    to_state: str
    payload: Mapping[str, Any]
    chain_hash: str | None

    def content(self) -> dict[str, Any]:
        return event_content(order_id=self.order_id, assignment_id=self.assignment_id,
                             at=self.at, actor_id=self.actor_id, kind=self.kind,
                             from_state=self.from_state, to_state=self.to_state,
                             payload=self.payload)


@dataclass(frozen=True)
class ChainedAdminRecord:
    """An ``admin_audit`` row as stored."""

    id: int
    at: datetime
    actor_id: int | None
    action: str
    target: str
    detail: Mapping[str, Any]
    chain_hash: str | None

    def content(self) -> dict[str, Any]:
        return admin_content(at=self.at, actor_id=self.actor_id, action=self.action,
                             target=self.target, detail=self.detail)


@dataclass(frozen=True)
class OrderChain:
    order_id: int
    ticket_no: str
    events: Sequence[ChainedEvent]


class ChainReader(Protocol):
    """Streams the stored chains; ``db/audit_repository.py`` reads them from the database."""

    def order_chains(self) -> Iterable[OrderChain]:
        """Every order that has events, each with its events in id order."""
        ...

    def admin_chain(self) -> Iterable[ChainedAdminRecord]:
        """The administrative records in id order."""
        ...


class Problem(StrEnum):
    CHANGED = "changed"  # content (or the row before it) differs from what was hashed
    MISSING = "missing"  # no hash on a row after hashed rows


@dataclass(frozen=True)
class BrokenLink:
    """A row whose stored hash is not the one its content and predecessor give.

    ``chain`` is "order" (then ``order_id``/``ticket_no`` name the order) or "admin";
    ``record_id`` is the event's or the administrative record's id."""

    chain: str
    record_id: int
    problem: Problem
    stored: str | None
    expected: str
    order_id: int | None = None
    ticket_no: str = ""

    def _where_en(self) -> str:
        if self.chain == "order":
            return f"order {self.ticket_no or self.order_id}, event {self.record_id}"
        return f"administrative record {self.record_id}"

    def _where_zh(self) -> str:
        if self.chain == "order":
            return f"工单 {self.ticket_no or self.order_id} 的事件 {self.record_id}"
        return f"管理操作记录 {self.record_id}"

    def describe_en(self) -> str:
        if self.problem is Problem.MISSING:
            return (f"{self._where_en()}: the chain hash is missing although earlier rows "
                    f"carry one (expected {self.expected[:16]}…)")
        return (f"{self._where_en()}: its content or the row before it was changed after it "
                f"was written (stored hash {(self.stored or '')[:16]}…, recomputed "
                f"{self.expected[:16]}…)")

    def describe_zh(self) -> str:
        if self.problem is Problem.MISSING:
            return (f"{self._where_zh()}：缺少链式哈希，而此前的记录均有哈希"
                    f"（应为 {self.expected[:16]}…）")
        return (f"{self._where_zh()}：写入后内容或其前一条记录被改动（存储的哈希 "
                f"{(self.stored or '')[:16]}…，重新计算为 {self.expected[:16]}…）")


@dataclass
class AuditReport:
    """What :func:`verify` found. Rows without a hash at the start of a chain were written
    before the chains existed (or by a bulk loader that did not hash): counted as legacy,
    not verified, not broken."""

    orders: int = 0
    events: int = 0
    admin_records: int = 0
    legacy_orders: int = 0
    legacy_events: int = 0
    legacy_admin_records: int = 0
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.broken

    @property
    def broken_orders(self) -> int:
        return len({b.order_id for b in self.broken if b.chain == "order"})

    def summary_en(self) -> str:
        text = (f"checked {self.events} events of {self.orders} orders and "
                f"{self.admin_records} administrative records")
        if self.legacy_events or self.legacy_admin_records:
            text += (f"; legacy, unverified: {self.legacy_events} events of "
                     f"{self.legacy_orders} orders, {self.legacy_admin_records} "
                     "administrative records")
        if self.intact:
            return text + "; every chain is intact"
        count = len(self.broken)
        return text + f"; {count} broken link{'s' if count > 1 else ''}"

    def summary_zh(self) -> str:
        text = (f"已校验 {self.orders} 个工单的 {self.events} 条事件和 {self.admin_records} "
                "条管理操作记录")
        if self.legacy_events or self.legacy_admin_records:
            text += (f"；历史数据（无哈希，未校验）：{self.legacy_orders} 个工单的 "
                     f"{self.legacy_events} 条事件、{self.legacy_admin_records} 条管理操作记录")
        if self.intact:
            return text + "；全部链条完整"
        return text + f"；发现 {len(self.broken)} 处断链"


@dataclass(frozen=True)
class _Checked:
    legacy: int
    broken: list[tuple[int, Problem, str | None, str]]  # (row id, problem, stored, expected)


class _Row(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def chain_hash(self) -> str | None: ...
    def content(self) -> dict[str, Any]: ...


def _check(rows: Iterable[_Row]) -> tuple[int, _Checked]:
    """(rows seen, legacy prefix and broken rows) of one chain."""
    seen = legacy = 0
    hashed_before = False
    previous = ""
    broken: list[tuple[int, Problem, str | None, str]] = []
    for row in rows:
        seen += 1
        stored = row.chain_hash
        if stored is None and not hashed_before:
            legacy += 1
            continue
        expected = chain_hash(previous, row.content())
        if stored is None:
            broken.append((row.id, Problem.MISSING, None, expected))
        elif stored != expected:
            broken.append((row.id, Problem.CHANGED, stored, expected))
        hashed_before = True
        previous = stored or expected  # a removed hash: the next row was chained to it
    return seen, _Checked(legacy, broken)


def verify(reader: ChainReader, progress: Callable[[int], None] | None = None) -> AuditReport:
    """Check every order's chain and the administrative chain. ``progress(orders_done)`` is
    called every 1,000 orders."""
    report = AuditReport()
    for chain in reader.order_chains():
        seen, checked = _check(chain.events)
        report.orders += 1
        report.events += seen
        if checked.legacy:
            report.legacy_orders += 1
            report.legacy_events += checked.legacy
        report.broken += [BrokenLink("order", rid, problem, stored, expected, chain.order_id,
                                     chain.ticket_no)
                          for rid, problem, stored, expected in checked.broken]
        if progress is not None and report.orders % 1000 == 0:
            progress(report.orders)
    seen, checked = _check(reader.admin_chain())
    report.admin_records = seen
    report.legacy_admin_records = checked.legacy
    report.broken += [BrokenLink("admin", rid, problem, stored, expected)
                      for rid, problem, stored, expected in checked.broken]
    return report


def verify_chains(reader: ChainReader) -> list[BrokenLink]:
    """Every broken link, orders first (by order id, then event id), then the admin chain."""
    return verify(reader).broken
