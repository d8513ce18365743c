"""Shared fixtures. Qt is told to run offscreen before anything imports it.

``db`` is a freshly migrated database, once on SQLite and once on PostgreSQL when the server
at ``HOTLINE_TEST_PG`` (default postgresql://postgres@127.0.0.1:5432/postgres) answers; each
PostgreSQL test gets its own database, dropped afterwards.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.clock import FakeClock  # noqa: E402
from db.setup import Database, open_database  # noqa: E402
from tests.support.centre import Centre, build_centre  # noqa: E402
from tests.support.pg import PgServer, pg_server_or_none  # noqa: E402


@pytest.fixture(scope="session")
def pg_server() -> PgServer | None:
    return pg_server_or_none()


@pytest.fixture
def pg_url(pg_server: PgServer | None) -> Iterator[str]:
    if pg_server is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI but did not answer")
        pytest.skip("PostgreSQL server not reachable")
    with pg_server.temporary_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'desk.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'desk.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer | None) -> Iterator[str | None]:
    """A migrated, seeded PostgreSQL database that tests copy (much faster than migrating)."""
    if pg_server is None:
        yield None
        return
    with pg_server.temporary_database() as url:
        database = open_database(url)
        database.dispose()
        yield make_url(url).database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database with the reference data, on each backend."""
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'desk.db'}")
        yield database
        database.dispose()
        return
    server: PgServer | None = request.getfixturevalue("pg_server")
    template: str | None = request.getfixturevalue("pg_template")
    if server is None or template is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI but did not answer")
        pytest.skip("PostgreSQL server not reachable")
    with server.temporary_database(template=template) as url:
        database = open_database(url)
        yield database
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    from datetime import datetime

    from core.calendar import SHANGHAI

    # Monday 2 November 2026, 09:00 in Shanghai: an ordinary working morning.
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))


@pytest.fixture
def centre(db: Database, clock: FakeClock) -> Centre:
    return build_centre(db, clock)
