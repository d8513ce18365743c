"""Create or upgrade the schema with Alembic, in-process.

``upgrade(engine)`` brings any older database to the newest revision this build knows, and
refuses (``DatabaseTooNew``) a database stamped with a revision it does not know, which is
what a newer build of the desk would leave behind.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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


def upgrade(engine: Engine) -> bool:
    """Migrate to head. Returns True when anything was applied."""
    before = check_known(engine)
    head = head_revision()
    if before == head:
        return False
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database migrated from %s to %s", before, head)
    return True
