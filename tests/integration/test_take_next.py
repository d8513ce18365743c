""""Take next" on the shared queue of online messages: each message to exactly one operator,
oldest first, the claim lapsing after the timeout or when the order leaves ``registered``."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.errors import PermissionDenied
from core.model import Actor, OrderState, Role
from core.take_next import CLAIM_TIMEOUT, release, take_next
from db.setup import Database, open_database
from tests.support.centre import Centre, _add_user
from tests.support.together import in_processes, in_threads

MESSAGES = 50
WORKERS = 8
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)


def _messages(c: Centre, n: int) -> list[int]:
    ids = []
    for i in range(n):
        ids.append(c.register(f"网络留言：小区电梯故障第{i}号，请尽快处理。", channel=c.portal,
                              phone="").id)
        c.clock.advance(seconds=1)
    return ids


def _operators(c: Centre, n: int) -> list[Actor]:
    return [_add_user(c.db, c.clock, f"op{i}", [Role.OPERATOR], []) for i in range(n)]


def _work_the_queue(start: Callable[[], object], url: str, operator: Actor,
                    department: int) -> list[int]:
    """One operator's desk: take a message, dispatch it, take the next, until none is left."""
    db = open_database(url, migrate=False)
    clock = FakeClock(NOW)
    start()
    taken = []
    try:
        while (summary := take_next(db.uow(), operator, clock)) is not None:
            taken.append(summary.id)
            services.dispatch(db.uow(), operator, clock, summary.id, department)
    finally:
        db.dispose()
    return taken


def test_every_message_is_handed_out_exactly_once(centre: Centre) -> None:
    c = centre
    ids = _messages(c, MESSAGES)
    c.register("热线来电不进网络留言队列。")  # a hotline call: not in the queue
    operators = _operators(c, WORKERS)
    db = c.db
    if db.backend == "sqlite":
        it = iter(operators)
        results = in_threads(lambda start: _work_the_queue(start, db.url, next(it), c.housing),
                             n=WORKERS)
    else:
        results = _each_in_its_process(db, operators, c.housing)
    handed = Counter(i for taken in results for i in taken)
    assert sorted(handed) == sorted(ids)
    assert set(handed.values()) == {1}
    with db.uow(write=False) as uow:
        assert all(uow.orders.get(i).state is OrderState.AWAITING_SIGN for i in ids)


def _desk(start: Callable[[], object], url: str, operators: list[Actor], department: int,
          counter: Any) -> list[int]:
    with counter.get_lock():  # each process takes the next operator of the list
        index = counter.value
        counter.value += 1
    return _work_the_queue(start, url, operators[index], department)


def _each_in_its_process(db: Database, operators: list[Actor], department: int
                         ) -> list[list[int]]:
    counter = mp.get_context("spawn").Value("i", 0)
    return in_processes(_desk, db.url, operators, department, counter, n=WORKERS, timeout=300)


def test_oldest_first_own_claim_kept_and_lapsed_claims_taken_over(centre: Centre) -> None:
    c = centre
    first, second = _messages(c, 2)
    one, two = _operators(c, 2)
    clock = FakeClock(NOW)
    got = take_next(c.db.uow, one, clock)
    assert got is not None and got.id == first
    assert take_next(c.db.uow(), one, clock).id == first  # type: ignore[union-attr]
    assert take_next(c.db.uow(), two, clock).id == second  # type: ignore[union-attr]
    assert take_next(c.db.uow(), c.operator, clock) is None
    clock.advance(seconds=CLAIM_TIMEOUT.total_seconds() + 1)
    assert take_next(c.db.uow(), c.operator, clock).id == first  # type: ignore[union-attr]


def test_a_claim_ends_when_the_order_leaves_registered_or_is_given_back(centre: Centre) -> None:
    c = centre
    first, second = _messages(c, 2)
    one, two = _operators(c, 2)
    clock = FakeClock(NOW)
    assert take_next(c.db.uow(), one, clock).id == first  # type: ignore[union-attr]
    services.close_directly(c.db.uow(), one, clock, first, "已在线答复。")
    # the closed message is gone from the queue; the operator is free for the next one
    assert take_next(c.db.uow(), one, clock).id == second  # type: ignore[union-attr]
    assert release(c.db.uow(), two, clock, second) is False  # not theirs
    assert release(c.db.uow(), one, clock, second) is True
    assert take_next(c.db.uow(), two, clock).id == second  # type: ignore[union-attr]


def test_department_staff_may_not_take_messages(centre: Centre) -> None:
    _messages(centre, 1)
    with pytest.raises(PermissionDenied) as raised:
        take_next(centre.db.uow(), centre.housing_staff, FakeClock(NOW))
    assert "领取" in raised.value.message_zh


def test_claim_timeout_is_configurable(centre: Centre) -> None:
    c = centre
    (first,) = _messages(c, 1)
    one, two = _operators(c, 2)
    clock = FakeClock(NOW)
    take_next(c.db.uow(), one, clock)
    clock.advance(minutes=2)
    assert take_next(c.db.uow(), two, clock, timeout=timedelta(minutes=5)) is None
    assert take_next(c.db.uow(), two, clock,  # type: ignore[union-attr]
                     timeout=timedelta(minutes=1)).id == first
