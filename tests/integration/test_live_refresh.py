"""Changes announced on PostgreSQL (NOTIFY in the writing transaction) reach a listener on
another connection within a second; a listener whose server connection is killed reconnects
by itself."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from core import services
from core.errors import DeskError
from db.change_listener import ChangeListener, libpq_conninfo
from db.change_notify import CHANNEL, parse_payload, payload_of
from db.setup import Database
from tests.support.centre import Centre
from tests.support.pg import PgServer

# the conftest's ``db`` on PostgreSQL only (skipped without a server, a failure in CI)
on_postgres = pytest.mark.parametrize("db", [pytest.param("postgres", marks=pytest.mark.postgres)],
                                      indirect=True)
WITHIN = 1.0  # seconds: "every open desk updates within a second"


class Heard:
    """What a listener reported, as queues the test can wait on."""

    def __init__(self) -> None:
        self.changes: queue.Queue[tuple[float, frozenset[int]]] = queue.Queue()
        self.states: queue.Queue[bool] = queue.Queue()
        self.up = threading.Event()

    def on_change(self, ids: frozenset[int]) -> None:
        self.changes.put((time.monotonic(), ids))

    def on_connection(self, up: bool) -> None:
        self.states.put(up)
        if up:
            self.up.set()
        else:
            self.up.clear()

    def next_change(self, timeout: float = WITHIN) -> tuple[float, frozenset[int]]:
        return self.changes.get(timeout=timeout)


@pytest.fixture
def pg_centre(centre: Centre) -> Centre:
    assert centre.db.backend == "postgresql"
    return centre


@pytest.fixture
def listening(pg_centre: Centre) -> Iterator[tuple[ChangeListener, Heard]]:
    heard = Heard()
    listener = ChangeListener(pg_centre.db.url, first_pause=0.1, poll_seconds=0.2)
    listener.start(heard.on_change, heard.on_connection)
    assert heard.up.wait(5), "the listener did not connect"
    yield listener, heard
    listener.stop()


@on_postgres
def test_a_change_on_another_connection_reaches_the_listener_within_a_second(
        pg_centre: Centre, listening: tuple[ChangeListener, Heard]) -> None:
    c = pg_centre
    _, heard = listening
    started = time.monotonic()
    order = c.register()
    at, ids = heard.next_change()
    assert ids == {order.id}
    assert at - started < WITHIN
    services.dispatch(c.db.uow(), c.operator, c.clock, order.id, c.housing)
    assert heard.next_change()[1] == {order.id}


@on_postgres
def test_a_refused_action_announces_nothing(
        pg_centre: Centre, listening: tuple[ChangeListener, Heard]) -> None:
    c = pg_centre
    _, heard = listening
    order = c.register()
    heard.next_change()
    with pytest.raises(DeskError):
        services.close_directly(c.db.uow(), c.operator, c.clock, order.id, "")
    services.dispatch(c.db.uow(), c.operator, c.clock, order.id, c.housing)
    # the next thing heard is the dispatch, not the refused close
    assert heard.next_change()[1] == {order.id}
    assert heard.changes.empty()


@on_postgres
def test_the_listener_reconnects_after_its_server_process_is_terminated(
        pg_centre: Centre, pg_server: PgServer, listening: tuple[ChangeListener, Heard]) -> None:
    c = pg_centre
    listener, heard = listening
    assert heard.states.get(timeout=1) is True
    pid = listener.backend_pid
    with psycopg.connect(libpq_conninfo(pg_server.admin_url), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert heard.states.get(timeout=5) is False
    assert heard.states.get(timeout=5) is True
    assert listener.backend_pid != pid
    assert heard.next_change(timeout=5)[1] == frozenset()  # missed meanwhile: reload all
    order = c.register()
    assert heard.next_change()[1] == {order.id}


@on_postgres
def test_notify_is_sent_by_any_connection_and_parsed(
        pg_centre: Centre, listening: tuple[ChangeListener, Heard]) -> None:
    _, heard = listening
    db: Database = pg_centre.db
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"SELECT pg_notify('{CHANNEL}', '7,3')")
    assert heard.next_change()[1] == {3, 7}


def test_payloads() -> None:
    assert payload_of({3, 1, 2}) == "1,2,3"
    assert parse_payload("1,2,3") == {1, 2, 3}
    assert parse_payload("") == frozenset()
    assert parse_payload("x") == frozenset()
    assert payload_of(set(range(100_000, 110_000))) == ""  # too long: "reload everything"
