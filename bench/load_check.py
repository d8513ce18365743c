"""The invariants the load test checks once every workstation has stopped.

1. Every order's state (and each assignment's) equals the replay of its events.
2. No assignment was signed twice (one ``signed`` event at most; signed iff it has one).
3. No ticket number is used twice.
4. No automatic notice was issued twice (one per assignment and level).
5. The orders made during the run are exactly the successful registrations.

Each check returns the violations as readable lines; an empty list means it holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from core.model import Event, EventKind
from core.replay import ReplayMismatch, replay
from db import models as r
from db.setup import Database

BATCH = 500


@dataclass
class CheckReport:
    orders: int = 0
    events: int = 0
    violations: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.violations.values())


def _events(rows: list[r.Event]) -> list[Event]:
    return [Event(id=x.id, order_id=x.order_id, assignment_id=x.assignment_id, at=x.at,
                  actor_id=x.actor_id, kind=x.kind, from_state=x.from_state,
                  to_state=x.to_state, payload=dict(x.payload or {})) for x in rows]


def check_replay(db: Database, first_order_id: int) -> tuple[int, int, list[str]]:
    """Orders after ``first_order_id``: stored states against the replay of their events."""
    bad: list[str] = []
    orders = events = 0
    last = first_order_id
    with db.sessions() as s:
        while True:
            chunk = s.execute(select(r.WorkOrder.id, r.WorkOrder.ticket_no, r.WorkOrder.state)
                              .where(r.WorkOrder.id > last).order_by(r.WorkOrder.id)
                              .limit(BATCH)).all()
            if not chunk:
                break
            ids = [row.id for row in chunk]
            last = ids[-1]
            by_order: dict[int, list[r.Event]] = defaultdict(list)
            for ev in s.scalars(select(r.Event).where(r.Event.order_id.in_(ids))
                                .order_by(r.Event.id)):
                by_order[ev.order_id].append(ev)
            assignments: dict[int, dict[int, object]] = defaultdict(dict)
            for a in s.execute(select(r.Assignment.order_id, r.Assignment.id,
                                      r.Assignment.state)
                               .where(r.Assignment.order_id.in_(ids))):
                assignments[a.order_id][a.id] = a.state
            for row in chunk:
                orders += 1
                evs = by_order.get(row.id, [])
                events += len(evs)
                try:
                    replayed = replay(_events(evs))
                except ReplayMismatch as exc:
                    bad.append(f"{row.ticket_no}: {exc}")
                    continue
                if replayed.state != row.state:
                    bad.append(f"{row.ticket_no}: stored {row.state}, replay {replayed.state}")
                if replayed.assignments != assignments.get(row.id, {}):
                    bad.append(f"{row.ticket_no}: assignments stored "
                               f"{assignments.get(row.id)}, replay {replayed.assignments}")
        s.rollback()
    return orders, events, bad


def check_signed_once(db: Database) -> list[str]:
    with db.sessions() as s:
        signed: Counter[int] = Counter(
            aid for aid in s.scalars(select(r.Event.assignment_id)
                                     .where(r.Event.kind == EventKind.SIGNED))
            if aid is not None)
        stamped = set(s.scalars(select(r.Assignment.id)
                                .where(r.Assignment.signed_at.is_not(None))))
        s.rollback()
    bad = [f"assignment {aid} signed {n} times" for aid, n in signed.items() if n > 1]
    bad += [f"assignment {aid} has a signed time but no signed event"
            for aid in sorted(stamped - set(signed))]
    bad += [f"assignment {aid} has a signed event but no signed time"
            for aid in sorted(set(signed) - stamped)]
    return bad


def check_tickets(db: Database) -> list[str]:
    with db.sessions() as s:
        rows = s.execute(select(r.WorkOrder.ticket_no, func.count())
                         .group_by(r.WorkOrder.ticket_no).having(func.count() > 1)).all()
        s.rollback()
    return [f"ticket {t} used {n} times" for t, n in rows]


def check_notices_once(db: Database) -> list[str]:
    n = r.EscalationNotice
    with db.sessions() as s:
        rows = s.execute(select(n.assignment_id, n.kind, func.count())
                         .where(n.automatic.is_(True))
                         .group_by(n.assignment_id, n.kind).having(func.count() > 1)).all()
        s.rollback()
    return [f"assignment {aid}: automatic {kind} issued {c} times" for aid, kind, c in rows]


def check_all(db: Database, first_order_id: int, registered: int) -> CheckReport:
    report = CheckReport()
    report.orders, report.events, replay_bad = check_replay(db, first_order_id)
    report.violations = {
        "state = replay of events": replay_bad,
        "no assignment signed twice": check_signed_once(db),
        "no duplicate ticket number": check_tickets(db),
        "no automatic notice twice": check_notices_once(db),
        "orders = successful registrations": (
            [] if report.orders == registered else
            [f"{report.orders} orders, {registered} successful registrations"]),
    }
    return report
