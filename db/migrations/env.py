"""Alembic environment. The desk runs migrations in-process (``db.migrate``), handing over
its own connection in ``config.attributes["connection"]``; the alembic command line works
too, with ``-x url=...``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from db.engine import make_engine
from db.models import Base
from db.text_search import include_name

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,  # the backend-only search tables and indexes (0007)
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database with: alembic -x url=URL ...")
    with make_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
