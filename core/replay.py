"""Rebuild a work order's state from its timeline alone.

The reducer applies each event by its kind (not by trusting its recorded ``to_state``) and
then checks the recorded from/to states against what it computed. It is the independent
witness that the stored state and the append-only timeline agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.lifecycle import derive_state
from core.model import AssignmentState, CallbackOutcome, Event, EventKind, OrderState

AS = AssignmentState
OS = OrderState
_NO_STATE_CHANGE = {
    EventKind.RETURN_REQUESTED,
    EventKind.RETURN_REJECTED,
    EventKind.EXTENSION_REQUESTED,
    EventKind.EXTENSION_APPROVED,
    EventKind.EXTENSION_REJECTED,
    EventKind.NOTICE_ISSUED,
    EventKind.EXTERNAL_UPDATE,
    EventKind.REVISED,
    EventKind.OPINION_ASSESSED,
    EventKind.OPINION_RESPONDED,
    EventKind.OPINION_WARNING,
}
_CLOSING_OUTCOMES = {
    CallbackOutcome.SATISFIED.value,
    CallbackOutcome.BASICALLY_SATISFIED.value,
    CallbackOutcome.DECLINED.value,
}


class ReplayMismatch(Exception):
    """The timeline contradicts itself: an event's recorded states are not what replay gives."""


@dataclass
class Replayed:
    state: OrderState | None = None
    assignments: dict[int, AssignmentState] = field(default_factory=dict)
    leads: dict[int, bool] = field(default_factory=dict)
    hops: dict[int, int] = field(default_factory=dict)
    current_hop: int = 0

    def _derive(self) -> OrderState:
        return derive_state((self.leads[i], s) for i, s in self.assignments.items()
                            if self.hops[i] == self.current_hop)


def replay(events: Iterable[Event]) -> Replayed:
    """Fold the events (oldest first) into the order state and each assignment's state."""
    r = Replayed()
    for ev in events:
        if ev.from_state != r.state:
            raise ReplayMismatch(
                f"event {ev.id} ({ev.kind}) starts from {ev.from_state}, replay is at {r.state}"
            )
        new_state = _apply(r, ev)
        if new_state != ev.to_state:
            raise ReplayMismatch(
                f"event {ev.id} ({ev.kind}) records {ev.to_state}, replay gives {new_state}"
            )
        r.state = new_state
    return r


def _set(r: Replayed, ev: Event, state: AssignmentState) -> None:
    if ev.assignment_id is None or ev.assignment_id not in r.assignments:
        raise ReplayMismatch(f"event {ev.id} ({ev.kind}) names an unknown assignment")
    r.assignments[ev.assignment_id] = state


def _apply(r: Replayed, ev: Event) -> OrderState:  # noqa: C901 - one branch per event kind
    k = ev.kind
    current = r.state if r.state is not None else OS.REGISTERED
    if k is EventKind.REGISTERED:
        return OS.REGISTERED
    if k in _NO_STATE_CHANGE:
        return current
    if k in (EventKind.CLOSED_DIRECTLY, EventKind.CLOSED, EventKind.DUPLICATE_CLOSED):
        return OS.CLOSED
    if k is EventKind.LINKED_DUPLICATE:
        return OS.DUPLICATE
    if k is EventKind.REOPENED:
        r.current_hop = 0
        return OS.TO_DISPATCH
    if k is EventKind.REPLY_ACCEPTED:
        return OS.AWAITING_CALLBACK
    if k is EventKind.DISPATCHED:
        if ev.assignment_id is None:
            raise ReplayMismatch(f"dispatch event {ev.id} has no assignment")
        r.assignments[ev.assignment_id] = AS.AWAITING_SIGN
        r.leads[ev.assignment_id] = bool(ev.payload.get("lead"))
        r.hops[ev.assignment_id] = r.current_hop = int(ev.payload.get("hop", 0))
        return r._derive()
    if k is EventKind.SIGNED:
        _set(r, ev, AS.IN_PROGRESS)
        return r._derive()
    if k is EventKind.REPLIED:
        _set(r, ev, AS.REPLIED)
        return r._derive()
    if k is EventKind.REPLY_REJECTED:
        _set(r, ev, AS.IN_PROGRESS)
        return OS.IN_PROGRESS
    if k is EventKind.RETURN_APPROVED:
        _set(r, ev, AS.RETURNED)
        if r.leads.get(ev.assignment_id or -1):
            for i, s in r.assignments.items():
                if r.hops[i] == r.current_hop and s in (AS.AWAITING_SIGN, AS.IN_PROGRESS,
                                                         AS.REPLIED):
                    r.assignments[i] = AS.CANCELLED
            r.current_hop = 0
        return r._derive()
    if k is EventKind.CALLBACK_RECORDED:
        outcome = ev.payload.get("outcome")
        if outcome in _CLOSING_OUTCOMES:
            return OS.CLOSED
        if outcome == CallbackOutcome.NOT_REACHED.value and int(
            ev.payload.get("attempt", 0)
        ) >= int(ev.payload.get("max_attempts", 3)):
            return OS.CLOSED
        return OS.AWAITING_CALLBACK
    raise ReplayMismatch(f"unknown event kind {k}")
