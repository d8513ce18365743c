"""A small hotline centre for tests: three departments, a few categories, one user per role."""

from __future__ import annotations

from dataclasses import dataclass

from core import admin, services
from core.clock import FakeClock
from core.model import Actor, RequestType, Role, Urgency
from db.setup import Database

PASSWORD = "correct-horse-8890"


@dataclass
class Centre:
    db: Database
    clock: FakeClock
    admin: Actor
    operator: Actor
    supervisor: Actor
    housing_staff: Actor  # 市住建局
    urban_staff: Actor  # 市城管局
    water_staff: Actor  # 自来水集团
    housing: int
    urban: int
    water: int
    lift: int  # category leaf 电梯故障 -> housing
    stalls: int  # leaf 占道经营 -> urban
    outage: int  # leaf 停水 -> water
    branch: int  # level-2 category (not a leaf)
    hotline: int  # channel ids
    portal: int

    def register(self, content: str = "来电人反映小区电梯近三天多次困人，要求维修。", *,
                 request_type: RequestType = RequestType.HELP,
                 urgency: Urgency = Urgency.NORMAL, category: int | None = None,
                 phone: str = "13800001111", **kw: object) -> services.OrderSummary:
        reg = services.Registration(
            channel_id=int(kw.pop("channel", self.hotline)),  # type: ignore[call-overload]
            content=content, request_type=request_type, urgency=urgency,
            caller_phone=phone, category_id=self.lift if category is None else category,
            **kw,  # type: ignore[arg-type]
        )
        return services.register(self.db.uow(), self.operator, self.clock, reg)

    def dispatched(self, **kw: object) -> services.OrderSummary:
        o = self.register(**kw)  # type: ignore[arg-type]
        return services.dispatch(self.db.uow(), self.operator, self.clock, o.id, self.housing)


def _actor(db: Database, user_id: int) -> Actor:
    with db.uow() as uow:
        user = uow.users.get(user_id)
        assert user is not None
        return user.actor()


_HASH: list[str] = []


def _password_hash() -> str:
    """argon2 is slow on purpose (~0.3 s); the test centre hashes its one password once."""
    if not _HASH:
        _HASH.append(admin.hash_password(PASSWORD))
    return _HASH[0]


def _add_user(db: Database, clock: FakeClock, name: str, roles: list[Role],
              depts: list[int]) -> Actor:
    with db.uow() as uow:
        uid = uow.users.add(name, name, _password_hash(), roles, depts, clock.now())
        uow.commit()
    return _actor(db, uid)


def build_centre(db: Database, clock: FakeClock) -> Centre:
    root = _add_user(db, clock, "admin", [Role.ADMINISTRATOR], [])
    housing = admin.add_department(db.uow(), root, "ZJJ", "市住房和城乡建设局")
    urban = admin.add_department(db.uow(), root, "CGJ", "市城市管理局")
    water = admin.add_department(db.uow(), root, "ZLS", "大连市自来水集团")
    admin.add_category(db.uow(), root, "01", "城乡建设")
    branch = admin.add_category(db.uow(), root, "0101", "物业管理", "01")
    lift = admin.add_category(db.uow(), root, "010101", "电梯故障", "0101", "ZJJ")
    admin.add_category(db.uow(), root, "02", "城市管理")
    admin.add_category(db.uow(), root, "0201", "市容环境", "02")
    stalls = admin.add_category(db.uow(), root, "020101", "占道经营", "0201", "CGJ")
    admin.add_category(db.uow(), root, "03", "水电气暖")
    admin.add_category(db.uow(), root, "0301", "供水", "03")
    outage = admin.add_category(db.uow(), root, "030101", "停水", "0301", "ZLS")

    def user(name: str, roles: list[Role], depts: list[int] = []) -> Actor:  # noqa: B006
        return _add_user(db, clock, name, roles, depts)

    with db.uow() as uow:
        hotline = uow.reference.channel_by_code("hotline")
        portal = uow.reference.channel_by_code("portal")
        assert hotline and portal
    return Centre(
        db=db, clock=clock, admin=root,
        operator=user("operator", [Role.OPERATOR]),
        supervisor=user("supervisor", [Role.SUPERVISOR]),
        housing_staff=user("housing", [Role.DEPARTMENT_STAFF], [housing]),
        urban_staff=user("urban", [Role.DEPARTMENT_STAFF], [urban]),
        water_staff=user("water", [Role.DEPARTMENT_STAFF], [water]),
        housing=housing, urban=urban, water=water, lift=lift, stalls=stalls,
        outage=outage, branch=branch, hotline=hotline.id, portal=portal.id,
    )
