"""Assertions shared by the integration tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from core.errors import DeskError
from db.setup import Database
from tests.support.centre import Centre


def snapshot(db: Database) -> dict[str, list[str]]:
    """Every row of every table, in a stable order, for before/after comparisons."""
    with db.engine.connect() as conn:
        tables = sorted(sa.inspect(conn).get_table_names())
        return {
            name: sorted(repr(tuple(row))
                         for row in conn.execute(sa.text(f'SELECT * FROM "{name}" ORDER BY 1')))
            for name in tables
        }


def refused(c: Centre, error: type[DeskError], action: Callable[..., Any], *args: Any,
            **kw: Any) -> DeskError:
    """Call a service expecting exactly ``error``; assert nothing changed in the database and
    the message is there in Chinese and in English."""
    before = snapshot(c.db)
    with pytest.raises(error) as info:
        action(c.db.uow(), *args, **kw)
    assert snapshot(c.db) == before
    err = info.value
    assert type(err) is error
    assert err.message_zh.strip() and err.message_en.strip()
    assert err.message_zh != err.message_en
    return err
