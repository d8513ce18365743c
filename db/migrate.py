"""Create or upgrade the schema with Alembic, in-process.

``upgrade(engine)`` brings any older database to the newest revision this build knows, and
refuses (``DatabaseTooNew``) a database stamped with a revision it does not know, which is
what a newer build of the desk would leave behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from core.errors import DatabaseTooNew

MIGRATIONS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_known(engine: Engine) -> str | None:
    """The database's revision; raise DatabaseTooNew if this build does not know it."""
    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseTooNew(url=engine.url.render_as_string(hide_password=True),
                             revision=current)
    return current


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic.

    SQLite alters a table by copying it (Alembic's batch mode), which foreign keys would refuse
    while other tables refer to it; they are switched off for the migration (the pragma only
    works outside a transaction), checked with ``foreign_key_check`` before the commit, and
    switched on again.
    """
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Migrate to ``revision`` (default: the newest). Returns True when anything was applied."""
    before = check_known(engine)
    if revision == "head" and before == head_revision():
        return False
    cfg = alembic_config()
    with migration_connection(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    log.info("database migrated from %s to %s", before, revision)
    return True


def downgrade(engine: Engine, revision: str) -> None:
    """Back to an older revision (for support and tests; the desk itself never does this)."""
    cfg = alembic_config()
    with migration_connection(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
