"""Create or upgrade the schema with Alembic, in-process.

``upgrade(engine)`` brings any older database to the newest revision this build knows, and
refuses (``DatabaseTooNew``) a database stamped with a revision it does not know, which is
what a newer build of the desk would leave behind.

Alembic is imported only when there is something to do: a database already at the newest
revision (every start of the desk but the first after an update) is recognised by its
``alembic_version`` row and the newest migration file's name (``0008_….py`` is revision
``0008``; a test keeps that true), which saves about a third of a second of every start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, exc, text

from core.errors import DatabaseTooNew

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)


def newest_file_revision() -> str:
    """The revision of the newest migration file, by its name (no Alembic needed)."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def stamped_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version`` (None: no such table or no row), without Alembic."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except exc.DBAPIError:  # no table: a new database
        return None


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_known(engine: Engine) -> str | None:
    """The database's revision; raise DatabaseTooNew if this build does not know it."""
    current = current_revision(engine)
    if current is None:
        return None
    from alembic.script import ScriptDirectory

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
    if revision == "head" and stamped_revision(engine) == newest_file_revision():
        return False  # the usual case, decided without importing Alembic
    from alembic import command

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
    from alembic import command

    cfg = alembic_config()
    with migration_connection(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
