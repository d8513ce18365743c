"""One chunk of the bulk generator (``db/synth.py``): register its orders and tell their stories.

:func:`tell_chunk` runs in a worker process or in the caller's; it needs nothing but its
:class:`Job` (which pickles) and returns the chunk's rows with ids counted from 1 in each table
(``synth_rows.shift`` moves them behind the previous chunks'), but for orders and assignments,
whose ids are final because the events' chain hashes name them: order ``i`` of the plan has id
``i + 1``, and a chunk's assignments follow ``Job.assignment_base``. A duplicate's original is a
recent order of the same chunk.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from core.model import OrderState, RequestType, WorkOrder
from core.synth_story import Counters, Story, World
from core.synth_text import (
    CHANNELS,
    HEATING_LEAVES,
    POPULAR_LEAVES,
    URGENCIES,
    WINTER_LEAVES,
    Place,
    Weighted,
    Words,
    busy_week_start,
)
from core.validation import title_from_content
from db.synth_rows import ORDER_TABLES, Rows

Leaf = tuple[int, str, int]  # category id, code, default department id
DUPLICATE_SHARE = 0.03
_WINTER = (11, 12, 1, 2, 3)
_UTC_TO_SHANGHAI = timedelta(hours=8)  # no daylight saving time since 1991


@dataclass
class Job:
    index: int
    first: int  # the plan's index of the chunk's first order
    assignment_base: int  # the chunk's assignment ids follow this one
    world: World
    leaves: list[Leaf]
    channels: dict[str, int]
    times: list[datetime]
    tickets: list[str]
    callers: list[tuple[int, str, str, Place] | None]  # contact id, phone, name, home
    seed: int
    backend: str


@dataclass
class Chunk:
    index: int
    orders: int
    tables: dict[str, list[tuple[Any, ...]]]
    by_state: Counter[str] = field(default_factory=Counter)
    refused: int = 0


def tell_chunk(job: Job) -> Chunk:
    counters = Counters(order=job.first)
    counters.children[0] = job.assignment_base
    world = replace(job.world, counters=counters, refused=0)
    teller = _Teller(job, world, random.Random(f"{job.seed}:stories:{job.index}"))
    rows = Rows(job.backend)
    by_state: Counter[str] = Counter()
    event_id = 0
    for i in range(len(job.times)):
        order = teller(i)
        event_id = rows.add(order, event_id)
        by_state[order.state.value] += 1
    tables = {name: rows.tables.get(name, []) for name in ORDER_TABLES}
    return Chunk(job.index, len(job.times), tables, by_state, world.refused)


def _direct_share(rtype: RequestType) -> float:
    return {RequestType.CONSULTATION: 0.55, RequestType.PRAISE: 0.3}.get(rtype, 0.06)


def _popularity(leaves: list[Leaf]) -> tuple[Weighted[Leaf], Weighted[Leaf]]:
    """How often each leaf category is chosen in summer and in winter: the popular ones first,
    the rest in a fixed shuffled order, on a Zipf curve; winter-only leaves only in winter
    (heating six times its place on the curve)."""
    by_code = {leaf[1]: leaf for leaf in leaves}
    head = [by_code[c] for c in POPULAR_LEAVES if c in by_code]
    tail = sorted(set(leaves) - set(head))
    random.Random(f"{len(tail)}:popularity").shuffle(tail)
    zipf = [(leaf, 1 / (k + 1) ** 0.8) for k, leaf in enumerate(head + tail)]
    summer = Weighted([(x, 0.0 if x[1] in WINTER_LEAVES else w) for x, w in zipf])
    winter = Weighted([(x, w * 6 if x[1] in HEATING_LEAVES else w) for x, w in zipf])
    return summer, winter


class _Teller:
    """Registers order ``i`` of the job and tells its story."""

    def __init__(self, job: Job, world: World, rng: random.Random) -> None:
        self.job, self.w, self.rng = job, world, rng
        self.words = Words(rng)
        self.channel = Weighted([(job.channels[code], w) for code, w in CHANNELS])
        self.code_of = {cid: code for code, cid in job.channels.items()}
        self.urgency = Weighted(URGENCIES)
        self.summer, self.winter = _popularity(job.leaves)
        self.heating = [x for x in sorted(job.leaves) if x[1] in HEATING_LEAVES]
        busy = busy_week_start(world.end)
        self.busy = (busy, busy + timedelta(days=6))
        self.recent: dict[int, deque[tuple[WorkOrder, Place]]] = defaultdict(
            lambda: deque(maxlen=6))

    def _leaf(self, local: date) -> Leaf:
        if self.heating and self.busy[0] <= local <= self.busy[1] and self.rng.random() < 0.55:
            return self.rng.choice(self.heating)
        return (self.winter if local.month in _WINTER else self.summer)(self.rng)

    def __call__(self, i: int) -> WorkOrder:
        rng, job, w = self.rng, self.job, self.w
        t = job.times[i]
        leaf_id, leaf_code, lead = self._leaf((t + _UTC_TO_SHANGHAI).date())
        caller = job.callers[i]
        original = self._original(leaf_id, t) if rng.random() < DUPLICATE_SHARE else None
        if original is not None:
            place = original[1]
        elif caller is not None and rng.random() < 0.6:
            place = caller[3]
        else:
            place = self.words.place()
        channel = self.channel(rng)
        code = self.code_of[channel]
        content, rtype = self.words.complaint(leaf_code, place, code, caller is None)
        w.counters.order += 1
        oid = w.counters.order
        order = WorkOrder(
            id=oid, ticket_no=job.tickets[i], channel_id=channel,
            contact_id=caller[0] if caller else None, caller_name=caller[2] if caller else "",
            caller_phone=caller[1] if caller else "", anonymous=caller is None,
            address=place.address, category_id=leaf_id, request_type=rtype,
            urgency=self.urgency(rng), title=title_from_content(content), content=content,
            state=OrderState.REGISTERED, registered_at=t, registered_by=None,
            external_ref=f"{code}:SYN{oid:09d}" if code in ("open311", "sheet") else None)
        story = Story(w, rng, order, lead)
        order.registered_by = story.op.user_id
        if original is not None and story.start_duplicate(original[0]):
            pass
        elif rng.random() < _direct_share(rtype):
            story.start_direct()
        else:
            story.start_dispatch()
        story.run()
        if order.assignments and order.duplicate_of_id is None:
            self.recent[leaf_id].append((order, place))
        return order

    def _original(self, leaf_id: int, t: datetime) -> tuple[WorkOrder, Place] | None:
        """A recent open order of the same category that a second caller reports again."""
        for order, place in reversed(self.recent.get(leaf_id, ())):
            if t - order.registered_at > timedelta(days=10):
                return None
            if order.closed_at is None or order.closed_at > t + timedelta(minutes=20):
                return order, place
        return None
