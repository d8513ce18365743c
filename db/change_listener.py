"""Hear other workstations' changes on PostgreSQL: ``LISTEN hotline_changes``.

:class:`ChangeListener` keeps one dedicated psycopg 3 connection (autocommit, TCP keepalives)
in a daemon thread of its own. For every notification it calls ``on_change(order_ids)`` (an
empty set: reload everything, see ``db/change_notify.py``). When the connection is lost it
calls ``on_connection(False)`` once, reconnects by itself with a growing pause (0.5 s doubling
up to 30 s), and on success calls ``on_connection(True)`` and ``on_change(frozenset())``,
because whatever was announced meanwhile was missed.

Both callbacks run on the listener's thread: a GUI must hand them to its own thread (see
``gui/live_refresh.py``). Nothing here holds a database session or touches the desk's pool.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import psycopg
from sqlalchemy.engine import make_url

from db.change_notify import CHANNEL, parse_payload
from db.engine import normalise_url

log = logging.getLogger(__name__)

OnChange = Callable[[frozenset[int]], None]
OnConnection = Callable[[bool], None]


def libpq_conninfo(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://...?sslmode=require``) as a libpq URI."""
    u = make_url(normalise_url(url)).set(drivername="postgresql")
    return u.render_as_string(hide_password=False)


class ChangeListener:
    """One per desk; ``start`` once, ``stop`` when the desk closes."""

    def __init__(self, url: str, *, poll_seconds: float = 0.5, ping_seconds: float = 10.0,
                 first_pause: float = 0.5, longest_pause: float = 30.0,
                 connect_timeout: int = 5) -> None:
        self._conninfo = libpq_conninfo(url)
        self._poll = poll_seconds
        self._ping = ping_seconds
        self._first_pause = first_pause
        self._longest_pause = longest_pause
        self._connect_timeout = connect_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_change: OnChange = lambda ids: None
        self._on_connection: OnConnection = lambda up: None
        self._connected: bool | None = None  # None: not yet tried
        self.backend_pid: int | None = None  # the server process listening (for tests)

    @property
    def connected(self) -> bool:
        return bool(self._connected)

    def start(self, on_change: OnChange, on_connection: OnConnection | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("the listener is already started")
        self._on_change = on_change
        if on_connection is not None:
            self._on_connection = on_connection
        self._thread = threading.Thread(target=self._run, name="hotline-change-listener",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening; no callback is made once this returns (unless the thread is stuck
        in a connection attempt longer than ``timeout``, when it is left to end by itself)."""
        self._stop.set()
        self._on_change = lambda ids: None
        self._on_connection = lambda up: None
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # --- the thread -------------------------------------------------------------------------

    def _set_connected(self, up: bool) -> None:
        if self._connected is up:
            return
        was, self._connected = self._connected, up
        if up and was is False:
            log.info("change listener reconnected")
        elif not up:
            log.warning("change listener lost its connection; reconnecting")
        self._on_connection(up)

    def _run(self) -> None:
        pause = self._first_pause
        while not self._stop.is_set():
            try:
                conn = psycopg.connect(
                    self._conninfo, autocommit=True, connect_timeout=self._connect_timeout,
                    application_name="hotline8890 change listener",
                    keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3)
            except psycopg.Error as exc:
                log.debug("change listener cannot connect: %s", exc)
                self._set_connected(False)
                self._stop.wait(pause)
                pause = min(pause * 2, self._longest_pause)
                continue
            pause = self._first_pause
            try:
                with conn:
                    self._listen(conn)
            except psycopg.Error as exc:
                log.debug("change listener connection ended: %s", exc)
                self._set_connected(False)
                self._stop.wait(pause)
            finally:
                self.backend_pid = None

    def _listen(self, conn: psycopg.Connection) -> None:
        conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = conn.info.backend_pid
        was_lost = self._connected is False
        self._set_connected(True)
        if was_lost:
            self._on_change(frozenset())  # announcements made meanwhile were missed
        quiet_since = time.monotonic()
        while not self._stop.is_set():
            heard = False
            for note in conn.notifies(timeout=self._poll):
                heard = True
                self._on_change(parse_payload(note.payload))
                if self._stop.is_set():
                    return
            now = time.monotonic()
            if heard:
                quiet_since = now
            elif now - quiet_since >= self._ping:
                conn.execute("SELECT 1")  # a dead connection shows itself here
                quiet_since = now
