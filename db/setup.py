"""Opening a database: connect, migrate, seed the reference data the desk cannot run without."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from core.model import ChannelKind, Role
from core.policy import DeskRules, default_policies
from db import models as r
from db.engine import describe_url, make_engine, make_session_factory, normalise_url
from db.migrate import upgrade
from db.uow import SqlUnitOfWork

APP_NAME = "hotline8890"
URL_ENV = "HOTLINE_DB_URL"

CHANNELS: tuple[tuple[str, str, ChannelKind], ...] = (
    ("hotline", "8890热线来电", ChannelKind.HOTLINE),
    ("portal", "政府网站留言板", ChannelKind.ONLINE),
    ("people", "人民网领导留言板", ChannelKind.ONLINE),
    ("minxin", "民心网", ChannelKind.ONLINE),
    ("wechat", "微信公众号", ChannelKind.ONLINE),
    ("weibo", "政务微博", ChannelKind.ONLINE),
    ("open311", "Open311接口", ChannelKind.ONLINE),
    ("sheet", "表格导入", ChannelKind.ONLINE),
    ("opinion", "舆情监测", ChannelKind.OPINION),
    ("leader", "领导交办", ChannelKind.LEADER),
    ("letter", "来信来访", ChannelKind.LETTER),
)
ROLE_NAMES = {
    Role.OPERATOR: "话务员",
    Role.DEPARTMENT_STAFF: "承办单位联络员",
    Role.SUPERVISOR: "班长/督办员",
    Role.ADMINISTRATOR: "系统管理员",
}


def default_database_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "desk.db"


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def label(self) -> str:
        return describe_url(self.url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def uow(self, *, write: bool = True) -> SqlUnitOfWork:
        """A new unit of work; ``write=False`` for one that only reads."""
        return SqlUnitOfWork(self.sessions, write=write)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect (raising DatabaseUnavailable with the reason), then migrate and seed."""
    from core.errors import DatabaseUnavailable

    url = normalise_url(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(url=describe_url(url), detail=str(exc.orig).strip()) from exc
    db = Database(url, engine, make_session_factory(engine))
    if migrate:
        upgrade(engine)
        seed_reference_data(db)
    return db


def seed_reference_data(db: Database) -> None:
    """Insert the roles, channels, default policies and rules that are missing; keep edits."""
    with db.sessions.begin() as s:
        have_roles = set(s.scalars(select(r.AppRole.code)))
        for role, name in ROLE_NAMES.items():
            if role not in have_roles:
                s.add(r.AppRole(code=role, name=name))
        have_channels = set(s.scalars(select(r.Channel.code)))
        for code, name, kind in CHANNELS:
            if code not in have_channels:
                s.add(r.Channel(code=code, name=name, kind=kind, active=True))
        have_cells = {(rt, u) for rt, u in s.execute(
            select(r.TimeLimitPolicy.request_type, r.TimeLimitPolicy.urgency))}
        for p in default_policies():
            if (p.request_type, p.urgency) not in have_cells:
                s.add(r.TimeLimitPolicy(
                    request_type=p.request_type, urgency=p.urgency,
                    sign_unit=p.sign.unit, sign_amount=p.sign.amount,
                    reply_unit=p.reply.unit, reply_amount=p.reply.amount,
                    return_unit=p.return_window.unit, return_amount=p.return_window.amount,
                    callback_unit=p.callback.unit, callback_amount=p.callback.amount))
        rules = DeskRules()
        have_settings = set(s.scalars(select(r.Setting.key)))
        for key, value in (("extension_cap_days", rules.extension_cap_days),
                           ("callback_max_attempts", rules.callback_max_attempts),
                           ("end_of_day", rules.end_of_day.isoformat())):
            if key not in have_settings:
                s.add(r.Setting(key=key, value=value))
