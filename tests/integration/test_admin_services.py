"""The administrator's services on both backends: departments, categories and routing,
time-limit policies, the holiday calendar and users, with their refusals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from core import admin, services
from core.admin import DayKind, DayOrigin
from core.calendar import SHANGHAI, Limit, LimitUnit
from core.calendar_import import CalendarDay, CalendarImport
from core.errors import NotFound, PermissionDenied, RuleViolation, ValidationError
from core.model import RequestType, Role, Urgency
from core.policy import TimeLimitPolicy, default_policy
from tests.support.centre import PASSWORD, Centre
from tests.support.fakes import FakeStore, FakeUnitOfWork

NOV_9 = date(2026, 11, 9)  # a Monday


def uow(c: Centre):  # noqa: ANN201 - a fresh unit of work
    return c.db.uow()


# --- departments ------------------------------------------------------------------------------


def test_departments_are_renamed_and_deactivated_once_no_category_routes_to_them(
    centre: Centre,
) -> None:
    c = centre
    admin.rename_department(uow(c), c.admin, c.water, " 大连市水务集团 ")
    names = {d.id: d for d in admin.departments(uow(c))}
    assert names[c.water].name == "大连市水务集团" and names[c.water].code == "ZLS"

    with pytest.raises(RuleViolation) as refused:
        admin.set_department_active(uow(c), c.admin, c.water, False)
    assert "停水" in refused.value.message_zh and "停水" in refused.value.message_en
    assert names[c.water].active

    admin.set_category_department(uow(c), c.admin, c.outage, c.urban)
    admin.set_department_active(uow(c), c.admin, c.water, False)
    assert not {d.id: d for d in admin.departments(uow(c))}[c.water].active
    order = c.register(category=c.outage)
    with pytest.raises(NotFound):  # no longer offered for dispatch
        services.dispatch(uow(c), c.operator, c.clock, order.id, c.water)
    admin.set_department_active(uow(c), c.admin, c.water, True)
    services.dispatch(uow(c), c.operator, c.clock, order.id, c.water)


def test_department_refusals(centre: Centre) -> None:
    c = centre
    with pytest.raises(ValidationError) as taken:
        admin.rename_department(uow(c), c.admin, c.water, "市城市管理局")
    assert "已被使用" in taken.value.message_zh
    with pytest.raises(ValidationError):
        admin.rename_department(uow(c), c.admin, c.water, "  ")
    with pytest.raises(NotFound):
        admin.rename_department(uow(c), c.admin, 9999, "无此单位")
    with pytest.raises(PermissionDenied):
        admin.rename_department(uow(c), c.supervisor, c.water, "水务集团")
    with pytest.raises(PermissionDenied):
        admin.set_department_active(uow(c), c.operator, c.water, False)
    assert {d.id: d.name for d in admin.departments(uow(c))}[c.water] == "大连市自来水集团"


# --- categories -------------------------------------------------------------------------------


def test_a_new_leaf_routes_to_its_department_and_the_rule_can_change(centre: Centre) -> None:
    c = centre
    gaj = admin.add_department(uow(c), c.admin, "GAJ", "市公安局")
    leaf = admin.add_category(uow(c), c.admin, "020102", "噪音扰民", "0201", "GAJ")
    cats = {x.id: x for x in admin.categories(uow(c))}
    assert cats[leaf].level == 3 and cats[leaf].default_department_id == gaj

    admin.set_category_department(uow(c), c.admin, leaf, c.urban)
    admin.rename_category(uow(c), c.admin, leaf, "夜间施工噪音")
    cats = {x.id: x for x in admin.categories(uow(c))}
    assert cats[leaf].default_department_id == c.urban and cats[leaf].name == "夜间施工噪音"


def test_category_refusals(centre: Centre) -> None:
    c = centre
    with pytest.raises(ValidationError) as branch:
        admin.set_category_department(uow(c), c.admin, c.branch, c.urban)
    assert "末级" in branch.value.message_zh
    admin.set_category_department(uow(c), c.admin, c.stalls, c.water)
    admin.set_department_active(uow(c), c.admin, c.urban, False)
    with pytest.raises(ValidationError) as inactive:
        admin.set_category_department(uow(c), c.admin, c.lift, c.urban)
    assert "已停用" in inactive.value.message_zh
    with pytest.raises(ValidationError):  # a new leaf may not route to it either
        admin.add_category(uow(c), c.admin, "010102", "二次供水", "0101", "CGJ")
    admin.rename_category(uow(c), c.admin, c.lift, "电梯故障 ")  # its own name is no clash
    admin.add_category(uow(c), c.admin, "010102", "二次供水", "0101", "ZJJ")
    with pytest.raises(ValidationError) as twin:
        admin.rename_category(uow(c), c.admin, c.lift, "二次供水")
    assert "同一上级下已有" in twin.value.message_zh
    with pytest.raises(PermissionDenied):
        admin.set_category_active(uow(c), c.supervisor, c.lift, False)


def test_deactivating_a_branch_deactivates_its_leaves_and_reactivation_goes_top_down(
    centre: Centre,
) -> None:
    c = centre
    admin.set_category_active(uow(c), c.admin, c.branch, False)
    cats = {x.id: x for x in admin.categories(uow(c))}
    assert not cats[c.branch].active and not cats[c.lift].active
    assert cats[c.stalls].active
    with pytest.raises(NotFound):  # registration refuses the inactive leaf
        c.register(category=c.lift)
    with pytest.raises(RuleViolation) as parent_first:
        admin.set_category_active(uow(c), c.admin, c.lift, True)
    assert "物业管理" in parent_first.value.message_zh
    admin.set_category_active(uow(c), c.admin, c.branch, True)
    admin.set_category_active(uow(c), c.admin, c.lift, True)
    assert c.register(category=c.lift).id


# --- policies ---------------------------------------------------------------------------------


def test_the_policy_table_has_every_cell_and_refuses_bad_limits(centre: Centre) -> None:
    c = centre
    table = admin.policies(uow(c))
    assert len(table) == len(RequestType) * len(Urgency)
    assert table[0] == default_policy(RequestType.CONSULTATION, Urgency.NORMAL)
    base = default_policy(RequestType.HELP, Urgency.NORMAL)
    too_long = TimeLimitPolicy(RequestType.HELP, Urgency.NORMAL, base.sign,
                               Limit(LimitUnit.WORKING_DAYS, 61), base.return_window,
                               base.callback)
    with pytest.raises(ValidationError) as long_reply:
        admin.set_policy(uow(c), c.admin, too_long)
    assert long_reply.value.message_zh == "办理时限：须为1至60个工作日"
    sign_after_reply = TimeLimitPolicy(RequestType.HELP, Urgency.URGENT,
                                       Limit(LimitUnit.HOURS, 30), Limit(LimitUnit.HOURS, 24),
                                       Limit(LimitUnit.HOURS, 1), base.callback)
    with pytest.raises(ValidationError) as order:
        admin.set_policy(uow(c), c.admin, sign_after_reply)
    assert "不能长于办理时限（24小时）" in order.value.message_zh
    assert "cannot be longer than the reply limit (24 hours)" in order.value.message_en
    minutes = TimeLimitPolicy(RequestType.HELP, Urgency.CRITICAL, Limit(LimitUnit.MINUTES, 90),
                              Limit(LimitUnit.HOURS, 2), Limit(LimitUnit.MINUTES, 30),
                              base.callback)
    admin.set_policy(uow(c), c.admin, minutes)  # 90 minutes < 2 hours: accepted
    assert minutes in admin.policies(uow(c))


# --- calendar ---------------------------------------------------------------------------------


def test_a_day_set_by_hand_moves_deadlines_and_shows_as_an_override(centre: Centre) -> None:
    c = centre
    friday = datetime(2026, 11, 6, 10, 0, tzinfo=SHANGHAI)
    cal = admin.working_calendar(c.db.uow(write=False))
    assert cal.add_working_days(friday, 1).local().date() == NOV_9

    admin.set_calendar_day(uow(c), c.admin, c.clock, NOV_9, False, " 临时调整 ")
    cal = admin.working_calendar(c.db.uow(write=False))
    assert cal.add_working_days(friday, 1).local() == datetime(2026, 11, 10, 23, 59, 59,
                                                                tzinfo=SHANGHAI)
    year = admin.calendar_year(c.db.uow(write=False), 2026)
    day = year.day(NOV_9)
    assert (day.working, day.kind, day.origin, day.note) == (False, DayKind.HOLIDAY,
                                                             DayOrigin.OVERRIDE, "临时调整")
    assert day.overridden and day.base_working and year.overrides == 1

    assert admin.clear_calendar_day(uow(c), c.admin, NOV_9) is True
    assert admin.clear_calendar_day(uow(c), c.admin, NOV_9) is False
    day = admin.calendar_year(c.db.uow(write=False), 2026).day(NOV_9)
    assert (day.working, day.origin) == (True, DayOrigin.PACKAGE)


def test_the_year_view_names_holidays_and_make_up_days(centre: Centre) -> None:
    year = admin.calendar_year(centre.db.uow(write=False), 2026)
    national, makeup = year.day(date(2026, 10, 1)), year.day(date(2026, 10, 10))
    assert (national.kind, national.occasion_zh, national.origin) == (
        DayKind.HOLIDAY, "国庆节", DayOrigin.PACKAGE)
    assert (makeup.kind, makeup.occasion_zh, makeup.working) == (DayKind.MAKEUP, "国庆节", True)
    assert year.day(date(2026, 9, 25)).occasion_zh == "中秋"
    assert year.day(date(2026, 11, 7)).kind is DayKind.WEEKEND
    assert year.has_data and year.in_package and len(year.days) == 365

    later = admin.calendar_year(centre.db.uow(write=False), 2028)
    assert not later.has_data and later.day(date(2028, 1, 3)).origin is DayOrigin.FALLBACK
    assert len(later.days) == 366
    with pytest.raises(ValidationError):
        admin.calendar_year(centre.db.uow(write=False), 1800)


def test_an_imported_year_is_told_apart_from_a_day_set_by_hand(centre: Centre) -> None:
    c = centre
    data = CalendarImport(days=(CalendarDay(date(2027, 10, 1), False, "国庆节"),
                                CalendarDay(date(2027, 9, 26), True, "国庆节调休上班")),
                          years=frozenset({2027}))
    assert admin.import_calendar(uow(c), c.admin, c.clock, data, source="holidays2027.csv") == 2
    c.clock.advance(minutes=5)
    admin.set_calendar_day(uow(c), c.admin, c.clock, date(2027, 10, 8), False, "")
    year = admin.calendar_year(c.db.uow(write=False), 2027)
    assert year.has_data and not year.in_package
    assert year.imported is not None and year.imported.source == "holidays2027.csv"
    assert year.day(date(2027, 10, 1)).origin is DayOrigin.IMPORT
    assert year.day(date(2027, 9, 26)).kind is DayKind.MAKEUP
    assert year.day(date(2027, 10, 4)).origin is DayOrigin.IMPORT  # a plain day of the year
    assert year.day(date(2027, 10, 8)).origin is DayOrigin.OVERRIDE
    assert year.overrides == 1


def test_calendar_refusals(centre: Centre, tmp_path: Path) -> None:
    c = centre
    with pytest.raises(PermissionDenied):
        admin.set_calendar_day(uow(c), c.supervisor, c.clock, NOV_9, False)
    with pytest.raises(PermissionDenied):
        admin.clear_calendar_day(uow(c), c.operator, NOV_9)
    with pytest.raises(ValidationError):
        admin.set_calendar_day(uow(c), c.admin, c.clock, NOV_9, False, "长" * 101)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind,note\n2027-13-01,休,\n2027-10-02,maybe,\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as refused:
        admin.read_calendar_file(bad)
    assert "文件有 2 处错误" in refused.value.message_zh
    assert "第 2 行" in refused.value.message_zh and "第 3 行" in refused.value.message_zh
    assert "2 problem(s)" in refused.value.message_en
    assert admin.calendar_year(c.db.uow(write=False), 2027).imported is None


# --- users ------------------------------------------------------------------------------------


def test_users_are_listed_changed_deactivated_and_given_new_passwords(centre: Centre) -> None:
    c = centre
    listed = {u.username: u for u in admin.users(c.db.uow(write=False), c.admin)}
    assert set(listed) == {"admin", "operator", "supervisor", "housing", "urban", "water"}
    assert listed["housing"].department_ids == {c.housing}
    assert not hasattr(listed["housing"], "password_hash")

    user = listed["operator"]
    admin.update_user(uow(c), c.admin, user.id, "王话务", [Role.OPERATOR, Role.SUPERVISOR])
    actor = admin.authenticate(uow(c), c.clock, "operator", PASSWORD)
    assert actor.roles == {Role.OPERATOR, Role.SUPERVISOR}

    admin.set_user_active(uow(c), c.admin, user.id, False)
    with pytest.raises(PermissionDenied):
        admin.authenticate(uow(c), c.clock, "operator", PASSWORD)
    admin.set_user_active(uow(c), c.admin, user.id, True)
    admin.reset_password(uow(c), c.admin, user.id, "new-password-1")
    assert admin.authenticate(uow(c), c.clock, "operator", "new-password-1").username == "operator"
    with pytest.raises(PermissionDenied):
        admin.authenticate(uow(c), c.clock, "operator", PASSWORD)


def test_user_refusals(centre: Centre) -> None:
    c = centre
    me = c.admin.user_id
    assert me is not None
    housing = c.housing_staff.user_id
    assert housing is not None
    with pytest.raises(PermissionDenied):
        admin.users(c.db.uow(write=False), c.supervisor)
    with pytest.raises(RuleViolation) as own_role:
        admin.update_user(uow(c), c.admin, me, "admin", [Role.SUPERVISOR])
    assert "自己" in own_role.value.message_zh
    with pytest.raises(RuleViolation):
        admin.set_user_active(uow(c), c.admin, me, False)
    with pytest.raises(ValidationError):
        admin.update_user(uow(c), c.admin, housing, "联络员", [Role.DEPARTMENT_STAFF], [])
    with pytest.raises(ValidationError):
        admin.update_user(uow(c), c.admin, housing, "联络员", [], [c.housing])
    with pytest.raises(NotFound):
        admin.update_user(uow(c), c.admin, housing, "联络员", [Role.DEPARTMENT_STAFF], [999])
    with pytest.raises(ValidationError):
        admin.reset_password(uow(c), c.admin, housing, "short")
    with pytest.raises(ValidationError) as differ:
        admin.confirm_password("long-enough-1", "long-enough-2")
    assert differ.value.message_zh == "密码：两次输入的密码不一致"

    # a second administrator may not remove the last other one's role once alone
    other = admin.add_user(uow(c), c.admin, c.clock, "root2", "第二管理员", "root2-password",
                           [Role.ADMINISTRATOR])
    second = admin.authenticate(uow(c), c.clock, "root2", "root2-password")
    admin.set_user_active(uow(c), second, me, False)
    with pytest.raises(RuleViolation) as last:
        admin.update_user(uow(c), c.admin, other, "第二管理员", [Role.OPERATOR])
    assert "至少需要保留一名" in last.value.message_zh


def test_the_in_memory_fakes_answer_the_new_questions(clock) -> None:  # noqa: ANN001
    store = FakeStore()
    root = admin.create_first_administrator(FakeUnitOfWork(store), clock, "root", "管理员",
                                            "root-password")
    actor = admin.authenticate(FakeUnitOfWork(store), clock, "root", "root-password")
    dept = admin.add_department(FakeUnitOfWork(store), actor, "ZJJ", "市住建局")
    admin.rename_department(FakeUnitOfWork(store), actor, dept, "市住房和城乡建设局")
    admin.set_calendar_day(FakeUnitOfWork(store), actor, clock, NOV_9, False, "测试")
    year = admin.calendar_year(FakeUnitOfWork(store), 2026)
    assert year.day(NOV_9).overridden and year.day(NOV_9).note == "测试"
    admin.clear_calendar_day(FakeUnitOfWork(store), actor, NOV_9)
    assert admin.calendar_year(FakeUnitOfWork(store), 2026).day(NOV_9).working
    admin.reset_password(FakeUnitOfWork(store), actor, root, "another-password")
    assert [u.username for u in admin.users(FakeUnitOfWork(store), actor)] == ["root"]


def test_a_year_entered_by_hand_counts_as_data(centre: Centre) -> None:
    c = centre
    admin.set_calendar_day(uow(c), c.admin, c.clock, date(2028, 1, 3), False, "元旦")
    assert admin.calendar_years_without_data(c.db.uow(write=False), [2028]) == [2028]
    with pytest.raises(PermissionDenied):
        admin.mark_calendar_year_entered(uow(c), c.operator, c.clock, 2028)
    admin.mark_calendar_year_entered(uow(c), c.admin, c.clock, 2028)
    year = admin.calendar_year(c.db.uow(write=False), 2028)
    assert year.has_data and year.imported is not None and year.imported.source == ""
    assert year.day(date(2028, 1, 3)).origin is DayOrigin.OVERRIDE  # same instant, by hand
    assert year.day(date(2028, 1, 4)).origin is DayOrigin.IMPORT
    cal = admin.working_calendar(c.db.uow(write=False))
    start = datetime(2027, 12, 31, 10, 0, tzinfo=SHANGHAI)
    due = cal.add_working_days(start, 1)
    assert due.local().date() == date(2028, 1, 4) and not due.uses_fallback
