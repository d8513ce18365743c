"""Throw-away PostgreSQL databases on the local server for tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from sqlalchemy.engine import make_url

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class PgServer:
    admin_url: str

    def _connect(self) -> psycopg.Connection:
        u = make_url(self.admin_url)
        return psycopg.connect(host=u.host, port=u.port or 5432, user=u.username,
                               password=u.password, dbname=u.database or "postgres",
                               autocommit=True, connect_timeout=3)

    @contextmanager
    def temporary_database(self, template: str | None = None) -> Iterator[str]:
        """A new empty database (or a copy of ``template``), dropped afterwards."""
        name = f"hotline_test_{uuid.uuid4().hex[:12]}"
        with self._connect() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{suffix}')
        try:
            yield make_url(self.admin_url).set(
                drivername="postgresql+psycopg", database=name
            ).render_as_string(hide_password=False)
        finally:
            with self._connect() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_server_or_none() -> PgServer | None:
    server = PgServer(os.environ.get("HOTLINE_TEST_PG", DEFAULT_ADMIN_URL))
    try:
        with server._connect() as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return None
    return server
