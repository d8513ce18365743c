"""Ticket numbers stay unique when two processes register at the same moment."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import Actor
from db.setup import open_database
from tests.support.centre import Centre
from tests.support.together import in_processes

PER_PROCESS = 25


def _register_many(start: Callable[[], object], url: str, operator: Actor, channel: int,
                   category: int) -> list[str]:
    db = open_database(url)
    clock = FakeClock(datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI))
    start()
    tickets = []
    for i in range(PER_PROCESS):
        reg = services.Registration(channel_id=channel, content=f"并发登记测试 {i}",
                                    caller_phone=f"1390000{i:04d}", category_id=category)
        tickets.append(services.register(db.uow(), operator, clock, reg).ticket_no)
    db.dispose()
    return tickets


def test_two_processes_registering_at_once_never_share_a_ticket_number(centre: Centre) -> None:
    c = centre
    results = in_processes(_register_many, c.db.url, c.operator, c.hotline, c.lift)
    tickets = [t for r in results for t in r]
    assert len(tickets) == 2 * PER_PROCESS
    assert len(set(tickets)) == len(tickets)
    assert all(re.fullmatch(r"8890-20261102-\d{6}", t) for t in tickets)
    # the per-day sequence has no gaps: every number from 1 to 50 was handed out once
    assert sorted(int(t[-6:]) for t in tickets) == list(range(1, 2 * PER_PROCESS + 1))
    with c.db.uow() as uow:
        for t in tickets[:3] + tickets[-3:]:
            assert uow.orders.get_by_ticket(t).ticket_no == t
