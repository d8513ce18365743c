"""The benchmark harness in small (issue 8): 10,000 generated orders, and every operation of the
table answers exactly what its hand-written SQL baseline answers. No timing is asserted here.

Also checks the generator: its orders replay to their stored states, a sweep at the data set's
"now" finds nothing due, new registrations continue the ticket numbers, and the chunks told in
worker processes are the chunks told in this one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text

from bench import baselines
from bench.operations import choose, operations
from bench.report import measure
from core import audit, levels, services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.replay import replay
from core.stats_model import Period
from core.synth_text import busy_week_start
from db import synth
from db.audit_repository import SqlChainReader
from db.models import UTCDateTime
from db.setup import Database, open_database
from tests.support.pg import PgServer

ORDERS = 10_000
NOW = synth.END


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Database, synth.SynthResult]]:
    if request.param == "sqlite":
        db = open_database(f"sqlite:///{tmp_path_factory.mktemp('bench') / 'synth.db'}")
        yield db, synth.synthesize(db, ORDERS, seed=11)
        db.dispose()
        return
    server: PgServer | None = request.getfixturevalue("pg_server")
    template: str | None = request.getfixturevalue("pg_template")
    if server is None or template is None:
        pytest.skip("PostgreSQL server not reachable")
    with server.temporary_database(template=template) as url:
        db = open_database(url)
        yield db, synth.synthesize(db, ORDERS, seed=11)
        db.dispose()


def test_every_operation_answers_what_its_baseline_answers(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, _ = data
    choice = choose(db, NOW, busy_week_start(NOW))
    checked = []
    for op in operations(db, choice):
        if op.desk is None or op.own_measure:  # the desk's window: the next test
            continue
        m = measure(op, repeat=0)
        assert m.agree, f"{op.key}: desk {m.desk_answer!r} != baseline {m.baseline_answer!r}"
        checked.append(op.key)
        if op.key in ("queue", "search_street", "search_address", "caller_history"):
            total, page = m.desk_answer
            assert total > 0 and page, f"{op.key} found nothing: the check would be vacuous"
        if op.key.startswith("weekly"):
            assert sum(w["received"] for w in m.desk_answer["weeks"]) > 0
            assert m.desk_answer["departments"]
        if op.key == "register_dispatch":
            assert m.desk_answer[0] == "awaiting_sign" and m.desk_answer[4] is True
    assert len(checked) == 10
    with db.uow(write=False) as uow:
        assert uow.orders.count() == ORDERS  # the write operation left the data set as it was


@pytest.mark.slow
def test_the_desk_window_shows_every_order_at_start_and_in_the_scrolled_list(
        data: tuple[Database, synth.SynthResult]) -> None:
    """cold_start and list_memory run the desk in processes of their own (Qt, offscreen): the
    started window counts every order under 全部工单, and the list scrolled to its end has a
    row for every order and fetched each once. Cold start needs a SQLite file to copy."""
    db, _ = data
    ops = {op.key: op for op in operations(db, choose(db, NOW, busy_week_start(NOW)))}
    memory = measure(ops["list_memory"], repeat=0)
    assert memory.agree and memory.desk_answer == (ORDERS, ORDERS), memory.desk_answer
    start = ops["cold_start"]
    if db.backend != "sqlite":
        assert start.desk is None and "SQLite" in start.note
        return
    shown = measure(start, repeat=0)
    assert shown.agree and shown.desk_answer == ("全部工单", ORDERS), shown.desk_answer


def test_generated_orders_replay_to_their_stored_states(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, result = data
    assert result.refused == 0
    # a small data set has few open orders; these states are always among them
    assert {"closed", "awaiting_sign", "in_progress", "awaiting_callback"} <= set(result.by_state)
    with db.engine.connect() as conn:
        by_state = conn.execute(text(
            "SELECT state, MIN(id), MAX(id) FROM work_order GROUP BY state")).all()
    rng = random.Random(5)
    sample = {i for _, lo, hi in by_state for i in (lo, hi)}
    sample |= set(rng.sample(range(1, ORDERS + 1), 400))
    with db.uow(write=False) as uow:
        cal = uow.reference.calendar()
        for order_id in sorted(sample):
            order = uow.orders.get(order_id)
            replayed = replay(uow.orders.events(order_id))
            assert replayed.state is order.state, order.ticket_no
            for a in order.assignments:
                assert replayed.assignments[a.id or 0] is a.state, order.ticket_no
                issued = levels.issued_levels(order, a)
                assert a.next_check_at == levels.next_check_at(a, issued, cal), order.ticket_no


def test_every_generated_event_is_in_an_intact_audit_chain(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, _ = data
    report = audit.verify(SqlChainReader(db.sessions))
    assert report.orders == ORDERS and report.intact, report.broken[:3]
    assert report.legacy_events == 0 and report.legacy_admin_records == 0


def test_three_years_end_at_now_with_one_busy_week(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, result = data
    assert result.busy_week is not None
    week = Period.week(*result.busy_week.isocalendar()[:2])
    with db.uow(write=False) as uow:
        first, last = uow.orders.get(1).registered_at, uow.orders.get(ORDERS).registered_at
    assert NOW - timedelta(days=3 * 366) < first < NOW - timedelta(days=3 * 365 - 7)
    assert NOW - timedelta(days=2) < last <= NOW
    with db.engine.connect() as conn:
        busy = conn.execute(text(
            "SELECT COUNT(*) FROM work_order WHERE registered_at >= :s AND registered_at < :e"
        ).bindparams(bindparam("s", type_=UTCDateTime()), bindparam("e", type_=UTCDateTime())),
            {"s": week.start, "e": week.end}).scalar_one()
    assert busy == round(ORDERS * 0.02)


def test_a_sweep_at_the_data_sets_now_finds_nothing_due(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, _ = data
    with db.uow(write=False) as uow:
        assert uow.orders.assignments_to_check(NOW, 100) == []


def test_new_registrations_continue_the_days_ticket_numbers(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, _ = data
    day = NOW.astimezone(SHANGHAI).date()
    with db.engine.connect() as conn:
        last = conn.execute(text(
            "SELECT MAX(ticket_no) FROM work_order WHERE ticket_no LIKE :p"),
            {"p": f"8890-{day:%Y%m%d}-%"}).scalar_one()
    before = baselines.mark(db.engine, day)
    try:
        with db.uow(write=False) as uow:
            hotline = uow.reference.channel_by_code("hotline")
            op = uow.users.by_username("op01")
            assert hotline is not None and op is not None
        reg = services.Registration(channel_id=hotline.id, content="来电人反映小区路灯不亮。",
                                    caller_phone="13800008890")
        order = services.register(db.uow(), op.actor(), FakeClock(NOW), reg)
    finally:
        baselines.undo(db.engine, before)
    assert int(order.ticket_no.rsplit("-", 1)[1]) == int(last.rsplit("-", 1)[1]) + 1


def test_sqlite_rows_are_stored_as_the_desk_stores_them(
        data: tuple[Database, synth.SynthResult]) -> None:
    db, _ = data
    if db.backend != "sqlite":
        pytest.skip("text timestamps are SQLite's")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        raw = conn.execute(text(
            "SELECT registered_at, closed_at, id FROM work_order WHERE closed_at IS NOT NULL "
            "ORDER BY id LIMIT 1")).one()
    with db.uow(write=False) as uow:
        order = uow.orders.get(raw[2])
    assert order.closed_at is not None
    assert raw[0] == order.registered_at.strftime("%Y-%m-%d %H:%M:%S.%f")
    assert raw[1] == order.closed_at.strftime("%Y-%m-%d %H:%M:%S.%f")


def test_chunks_told_by_workers_are_the_chunks_told_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "CHUNK", 150)
    dumps = []
    for workers in (1, 2):
        db = open_database(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        synth.synthesize(db, 450, seed=3, workers=workers)
        with db.engine.connect() as conn:
            dumps.append([conn.execute(text(f"SELECT * FROM {t} ORDER BY id")).all()
                          for t in ("work_order", "assignment", "escalation_notice", "event")])
        db.dispose()
    assert dumps[0] == dumps[1]
