"""Free-text search through the index (migration 0007, ``db/text_search.py``): the desk's
answer equals a plain ``ILIKE`` scan for every kind of term, on both backends, and the index
follows registrations, revisions and deletions in the writing transaction itself."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import or_, select, text

from core import queries, services
from core.queries import ListFilter, ListQuery, Scope
from db import models as r
from db import text_search
from db.audit_repository import drop_append_only_triggers
from db.migrate import current_revision, downgrade, head_revision, upgrade
from db.order_queries import SqlOrderQueries, queries_factory
from db.synth_rows import bulk_loader
from tests.support.centre import Centre

W = r.WorkOrder

# (content, address, caller name, phone)
ORDERS = (
    ("西安路与长江路交口噪音扰民，夜间施工", "沙河口区西安路12号", "张三丰", "13800001111"),
    ("小区停水两天，没有通知", "甘井子区西安路88号", "李四", "13900002222"),
    ('来电人说："电梯坏了" 请尽快维修', "中山区人民路1号", "王五", "13700003333"),
    ("投诉商家打折 100% 返现是假的，a_b 活动", "西岗区北京街", "赵六", "13600004444"),
    ("Elevator broken in ABC Tower, call back", "Dalian ABC Tower", "Smith", "13500005555"),
    ("ÄBC 外资企业噪音", "高新园区", "Ödön", "13400006666"),
    ("路灯不亮 C:\\path 反斜杠", "旅顺口区", "孙七", "13300007777"),
)

TERMS = (
    "西安路", "西安路12号", "长江路交口", "噪音", "停水", "路", "西", "8890-", "-00000",
    "0001111", "13800001111", "张三丰", "张三", "Smith", '"电梯坏了"', '说："电', "100%", "0%",
    "a_b", "_", "%", "\\path", "C:\\", "abc", "ABC TOWER", "eLeVaToR", "äbc", "ÄBC", "ödön",
    "NOT 电梯", "电梯 OR 停水", "{title} : 电梯", "电梯*", "NEAR(电梯", "^西安", "  西安路  ",
)


def _seed(c: Centre) -> list[int]:
    ids = []
    for content, address, name, phone in ORDERS:
        o = c.register(content, address=address, caller_name=name, phone=phone)
        ids.append(o.id)
        c.clock.advance(minutes=3)
    return ids


def _desk(c: Centre, term: str, personal: bool) -> list[int]:
    query = ListQuery(filter=ListFilter(text=term))
    with c.db.sessions() as s:
        return SqlOrderQueries(s).ids(query, Scope(None, c.clock.now(), personal))


def _plain_ilike(c: Centre, term: str, personal: bool) -> list[int]:
    """The answer before the index: every order scanned with ILIKE, written out here."""
    term = term.strip()
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    columns = [W.ticket_no, W.title, W.content, W.address]
    if personal:
        columns += [W.caller_phone, W.caller_name]
    stmt = (select(W.id).where(or_(*(col.ilike(pattern, escape="\\") for col in columns)))
            .order_by(W.registered_at.desc(), W.id.desc()))
    with c.db.sessions() as s:
        return list(s.scalars(stmt))


@pytest.mark.parametrize("personal", [True, False])
def test_every_kind_of_term_finds_what_a_plain_ilike_scan_finds(centre: Centre,
                                                                 personal: bool) -> None:
    c = centre
    ids = _seed(c)
    for term in TERMS:
        assert _desk(c, term, personal) == _plain_ilike(c, term, personal), term
    # and the answers are the ones a user expects
    assert _desk(c, "西安路", personal) == [ids[1], ids[0]]
    assert _desk(c, "噪音", personal) == [ids[5], ids[0]]
    assert _desk(c, '"电梯坏了"', personal) == [ids[2]]
    assert _desk(c, "100%", personal) == [ids[3]] and _desk(c, "a_b", personal) == [ids[3]]
    assert _desk(c, "eLeVaToR", personal) == [ids[4]]
    assert _desk(c, "0001111", personal) == ([ids[0]] if personal else [])
    assert _desk(c, "张三丰", personal) == ([ids[0]] if personal else [])


def test_ticket_numbers_are_found_by_a_fragment(centre: Centre) -> None:
    c = centre
    ids = _seed(c)
    with c.db.sessions() as s:
        ticket = s.scalar(select(W.ticket_no).where(W.id == ids[3]))
    assert ticket is not None
    assert _desk(c, ticket[-8:], True) == [ids[3]]
    assert _desk(c, ticket, False) == [ids[3]]


def test_users_without_personal_data_do_not_find_callers(centre: Centre) -> None:
    c = centre
    o = c.register("噪音扰民", caller_name="欧阳修文", phone="13812345678")
    ids = queries.list_ids(queries_factory(c.db), c.operator, c.clock.now(),
                           ListQuery(filter=ListFilter(text="欧阳修")))
    assert ids == [o.id]
    assert _desk(c, "欧阳修", personal=False) == []
    assert _desk(c, "2345678", personal=False) == []


def test_a_revised_order_is_found_by_its_new_words_only(centre: Centre) -> None:
    c = centre
    o = c.register("楼道堆放杂物", address="幸福小区3号楼", caller_name="周八")
    services.revise(c.db.uow(), c.operator, c.clock, o.id, address="和平广场东侧",
                    title="和平广场杂物堆放", caller_name="吴九")
    assert _desk(c, "和平广场", True) == [o.id]
    assert _desk(c, "幸福小区", True) == []
    assert _desk(c, "吴九", True) == [o.id] and _desk(c, "周八", True) == []


def test_writes_are_found_within_their_own_transaction(centre: Centre) -> None:
    c = centre
    o = c.register("井盖缺失，行人危险", address="五一路6号")
    with c.db.sessions() as s:
        order = s.get(W, o.id)
        assert order is not None
        order.title = "星海广场井盖缺失"
        s.flush()
        q = SqlOrderQueries(s)
        scope = Scope(None, c.clock.now(), True)
        assert q.ids(ListQuery(filter=ListFilter(text="星海广场")), scope) == [o.id]
        s.rollback()
    assert _desk(c, "星海广场", True) == []
    with c.db.engine.connect() as conn:
        conn.begin()
        drop_append_only_triggers(conn)  # the desk never deletes an order; tools undoing may
        for table in ("event", "assignment", "work_order"):
            column = "id" if table == "work_order" else "order_id"
            conn.execute(text(f"DELETE FROM {table} WHERE {column} = :o"), {"o": o.id})
        with c.db.sessions(bind=conn) as s:
            scope = Scope(None, c.clock.now(), True)
            assert SqlOrderQueries(s).ids(ListQuery(filter=ListFilter(text="五一路")),
                                          scope) == []
        conn.rollback()
    assert _desk(c, "五一路", True) == [o.id]


def test_orders_made_before_the_index_are_found_after_the_upgrade(centre: Centre) -> None:
    c = centre
    ids = _seed(c)
    c.db.dispose()
    downgrade(c.db.engine, "0006")
    c.db.engine.dispose()
    upgrade(c.db.engine)
    assert current_revision(c.db.engine) == head_revision()
    assert _desk(c, "西安路", True) == [ids[1], ids[0]]
    assert _desk(c, "ABC Tower", True) == [ids[4]]


def _stored_triggers(c: Centre) -> dict[str, str]:
    with c.db.engine.connect() as conn:
        return {n: re.sub(r"\s+", " ", sql).strip() for n, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'work_order' AND name LIKE 'work_order_fts%'")}


def test_a_bulk_load_leaves_the_index_kept_in_step(centre: Centre) -> None:
    c = centre
    ids = _seed(c)
    sqlite = c.db.backend == "sqlite"
    if sqlite:  # the migration's copy of the triggers is the module's
        module = {n: re.sub(r"\s+", " ", sql).strip()
                  for n, sql in zip(text_search.TRIGGERS, text_search.TRIGGER_SQL, strict=True)}
        assert _stored_triggers(c) == module
    with bulk_loader(c.db.engine):
        pass
    c.clock.advance(minutes=5)
    later = c.register("西安路积水严重", address="西安路3号")
    assert _desk(c, "西安路", True) == [later.id, ids[1], ids[0]]
    if sqlite:
        assert sorted(_stored_triggers(c)) == sorted(text_search.TRIGGERS)
