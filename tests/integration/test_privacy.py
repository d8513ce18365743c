"""Callers' personal data (issue 9, privacy): de-identified in lists, the order view, caller
history and exports; in full only on an explicit request that is recorded in access_log;
the reporter of an anonymous 举报 never shown to department staff."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core import privacy, services
from core.errors import PermissionDenied
from core.model import Actor, RequestType, Role
from core.order_view import order_detail
from core.permissions import Permission, allowed
from core.ports import AccessRecord
from core.queries import ListFilter, ListQuery, caller_history, list_ids, rows_for
from core.stats import weekly_report
from core.stats_model import Period
from db.order_queries import queries_factory
from db.stats_queries import stats_reader
from tests.support.assertions import refused, snapshot
from tests.support.centre import Centre


def access_log(c: Centre) -> list[AccessRecord]:
    with c.db.uow(write=False) as uow:
        return uow.access_log.recent()


def anonymous_report(c: Centre) -> int:
    o = c.register("举报某小区物业挪用维修基金。", request_type=RequestType.REPORT,
                   anonymous=True, phone="13900009999", caller_name="")
    return services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing).id


def test_the_permissions_under_the_roles(centre: Centre) -> None:
    c = centre
    see, export = Permission.SEE_PERSONAL_DATA, Permission.EXPORT_UNDISGUISED
    assert [allowed(a, see) for a in (c.operator, c.supervisor, c.housing_staff, c.admin)] == [
        True, True, False, False]
    assert [allowed(a, export) for a in (c.operator, c.supervisor, c.housing_staff,
                                         c.admin)] == [False, True, False, False]


def test_lists_and_the_order_view_show_callers_de_identified_to_everybody(
        centre: Centre) -> None:
    c = centre
    o = c.dispatched(caller_name="欧阳娜娜", phone="13812345678")
    q, now = queries_factory(c.db), c.clock.now()
    for actor in (c.operator, c.supervisor, c.housing_staff, c.admin):
        [row] = rows_for(q, [o.id], now, actor)
        assert (row.caller_name, row.caller_phone) == ("欧***", "138****5678")
        detail = order_detail(c.db.uow(), actor, o.id)
        assert (detail.caller_name, detail.caller_phone) == ("欧***", "138****5678")
    history = caller_history(q, c.operator, now, "13812345678")
    assert history.total == 1 and history.orders[0].caller_phone == "138****5678"
    assert access_log(c) == []  # showing masked data is not an undisguised view


def test_an_undisguised_view_is_an_explicit_request_and_is_recorded(centre: Centre) -> None:
    c = centre
    o = c.dispatched(caller_name="张三", phone="13812345678")
    c.clock.advance(minutes=5)
    assert privacy.reveal_caller(c.db.uow(), c.operator, c.clock, o.id) == ("张三",
                                                                            "13812345678")
    [record] = access_log(c)
    assert (record.kind, record.username, record.user_id, record.order_id, record.success) == (
        "view_undisguised", "operator", c.operator.user_id, o.id, True)
    assert record.at == c.clock.now() and record.detail["ticket_no"] == o.ticket_no


@pytest.mark.parametrize("who", ["housing_staff", "admin"])
def test_users_without_the_permission_cannot_reveal_and_nothing_is_recorded(
        centre: Centre, who: str) -> None:
    c = centre
    o = c.dispatched()
    refused(c, PermissionDenied, privacy.reveal_caller, getattr(c, who), c.clock, o.id)


def test_the_anonymous_reporter_is_never_shown_to_the_department(centre: Centre) -> None:
    c = centre
    oid = anonymous_report(c)
    q, now = queries_factory(c.db), c.clock.now()
    detail = order_detail(c.db.uow(), c.housing_staff, oid)
    assert (detail.anonymous, detail.caller_name, detail.caller_phone) == (True, "", "")
    [row] = rows_for(q, [oid], now, c.housing_staff)
    assert (row.caller_name, row.caller_phone) == ("", "")
    assert not privacy.may_reveal(c.housing_staff, anonymous=True)
    # not even a user who holds the permission through another role
    with c.db.uow() as uow:
        uid = uow.users.add("dual", "双重角色", "x", [Role.SUPERVISOR, Role.DEPARTMENT_STAFF],
                            [c.housing], c.clock.now())
        uow.commit()
    dual = Actor(uid, "dual", frozenset({Role.SUPERVISOR, Role.DEPARTMENT_STAFF}),
                 frozenset({c.housing}))
    assert not privacy.may_reveal(dual, anonymous=True)
    refused(c, PermissionDenied, privacy.reveal_caller, dual, c.clock, oid)
    # the hotline that took the report may look the number up (recorded)
    assert privacy.reveal_caller(c.db.uow(), c.supervisor, c.clock, oid) == ("", "13900009999")


def test_department_staff_cannot_find_orders_by_a_callers_phone_or_name(
        centre: Centre) -> None:
    c = centre
    o = c.dispatched(caller_name="张三", phone="13812345678")
    q, now = queries_factory(c.db), c.clock.now()

    def found(actor: Actor, text: str) -> bool:
        return o.id in list_ids(q, actor, now, ListQuery(filter=ListFilter(text=text)))

    assert found(c.operator, "13812345678") and found(c.operator, "张三")
    assert not found(c.housing_staff, "13812345678") and not found(c.housing_staff, "张三")
    assert found(c.housing_staff, o.ticket_no)  # their own order, by what they can see


def test_a_revised_caller_name_is_de_identified_in_the_timeline(centre: Centre) -> None:
    c = centre
    o = c.register(caller_name="张三")
    services.revise(c.db.uow(), c.operator, c.clock, o.id, caller_name="李四")
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    detail = order_detail(c.db.uow(), c.housing_staff, o.id)
    assert "李四" not in repr(detail) and "张三" not in repr(detail)


def test_an_undisguised_weekly_export_needs_the_permission_and_is_recorded(
        centre: Centre) -> None:
    c = centre
    c.dispatched(caller_name="张三")
    period = Period.parse("2026-W45")

    def report(actor: Actor, **kw: object) -> object:
        return weekly_report(lambda: stats_reader(c.db), actor, c.clock, period,
                             deidentified=False, **kw)  # type: ignore[arg-type]

    before = snapshot(c.db)
    with pytest.raises(PermissionDenied):  # administrators make the sheet, de-identified only
        report(c.admin, access_log=c.db.uow())
    with pytest.raises(ValueError):  # an undisguised report that would not be recorded
        report(c.supervisor)
    assert snapshot(c.db) == before
    made = report(c.supervisor, access_log=c.db.uow())
    assert not made.deidentified  # type: ignore[attr-defined]
    [record] = access_log(c)
    assert (record.kind, record.username, record.detail["period"]) == (
        "export_undisguised", "supervisor", "2026-W45")


def test_access_log_rows_are_stored_as_the_schema_says(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    privacy.reveal_caller(c.db.uow(), c.supervisor, c.clock, o.id)
    with c.db.engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT kind, username, order_id, success FROM access_log")).all()
    assert [tuple(r) for r in rows] == [("view_undisguised", "supervisor", o.id, True)]
