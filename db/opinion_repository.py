"""The 舆情 items' storage (``opinion_item``) and the administrator's 舆情 hours (``setting``).

``SqlOpinionUnitOfWork`` is the intake's unit of work (itself the ordinary one) with the
``opinions`` repository added, so that an import into the 舆情 channel stores each item with
its order; ``opinion_uow_factory(db.sessions)`` makes one per call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from typing import Any, Self

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from core.model import EventKind, OpinionRisk
from core.opinion import (
    CLOSED_STATES,
    SETTING_KEYS,
    STATE_COUNCIL_HOURS,
    OpinionHours,
    OpinionItem,
)
from db import models as r
from db.intake_repository import SqlIntakeUnitOfWork

_IN_CHUNK = 500
_FIELDS = tuple(f.name for f in fields(OpinionItem))


def _item(row: r.OpinionItem) -> OpinionItem:
    values: dict[str, Any] = {name: getattr(row, name) for name in _FIELDS}
    if values["risk_level"] is not None:
        values["risk_level"] = OpinionRisk(values["risk_level"])
    return OpinionItem(**values)


def _copy(item: OpinionItem, row: r.OpinionItem) -> None:
    for name in _FIELDS:
        value = getattr(item, name)
        if name == "risk_level" and value is not None:
            value = value.value
        if getattr(row, name) != value:
            setattr(row, name, value)


class SqlOpinionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, order_id: int) -> OpinionItem | None:
        row = self._s.get(r.OpinionItem, order_id)
        return _item(row) if row is not None else None

    def add(self, item: OpinionItem) -> None:
        row = r.OpinionItem()
        _copy(item, row)
        self._s.add(row)
        self._s.flush()

    def save(self, item: OpinionItem) -> None:
        row = self._s.get(r.OpinionItem, item.order_id)
        if row is None:
            self.add(item)
            return
        _copy(item, row)
        self._s.flush()

    def hours(self) -> OpinionHours:
        keys = list(SETTING_KEYS.values())
        values = {s.key: s.value for s in self._s.scalars(
            select(r.Setting).where(r.Setting.key.in_(keys)))}
        default = STATE_COUNCIL_HOURS
        return OpinionHours(**{
            clock.value: int(values.get(key, default.of(clock)))
            for clock, key in SETTING_KEYS.items()})

    def save_hours(self, hours: OpinionHours) -> None:
        for clock, key in SETTING_KEYS.items():
            row = self._s.get(r.Setting, key)
            if row is None:
                self._s.add(r.Setting(key=key, value=hours.of(clock)))
            else:
                row.value = hours.of(clock)
        self._s.flush()

    def open_items(self, limit: int) -> list[tuple[OpinionItem, datetime]]:
        o, w = r.OpinionItem, r.WorkOrder
        open_clock = or_(and_(o.info_due.is_not(None), o.info_at.is_(None)),
                         and_(o.conference_due.is_not(None), o.conference_at.is_(None)),
                         and_(o.response_due.is_not(None), o.responded_at.is_(None)))
        rows = self._s.execute(
            select(o, w.registered_at).join(w, w.id == o.order_id)
            .where(open_clock, w.state.not_in(CLOSED_STATES))
            .order_by(o.order_id).limit(limit)).all()
        return [(_item(item), registered_at) for item, registered_at in rows]

    def issued_warnings(self, order_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
        e = r.Event
        out: dict[int, set[tuple[str, str]]] = {}
        for start in range(0, len(order_ids), _IN_CHUNK):
            chunk = order_ids[start:start + _IN_CHUNK]
            for order_id, payload in self._s.execute(
                select(e.order_id, e.payload).where(e.kind == EventKind.OPINION_WARNING,
                                                    e.order_id.in_(chunk))):
                p = payload or {}
                out.setdefault(order_id, set()).add((str(p.get("clock")), str(p.get("level"))))
        return out


class SqlOpinionUnitOfWork(SqlIntakeUnitOfWork):
    """A unit of work that also reaches the 舆情 items (and the intake's tables)."""

    def __enter__(self) -> Self:
        super().__enter__()
        self.opinions = SqlOpinionRepository(self.session)
        return self


def opinion_uow_factory(sessions: sessionmaker[Session]) -> Callable[..., SqlOpinionUnitOfWork]:
    """``factory(write=True)`` -> a new 舆情 unit of work on ``sessions`` (``db.sessions``)."""

    def make(*, write: bool = True) -> SqlOpinionUnitOfWork:
        return SqlOpinionUnitOfWork(sessions, write=write)

    return make
