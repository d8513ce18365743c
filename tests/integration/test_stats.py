"""The weekly satisfaction statistics on a small centre whose every figure is known by hand.

The story runs over 2026-W39 to W41: National Day (1–7 October) lies in W40 and W41, and
Saturday 10 October is a make-up working day. Figures are DOMAIN.md section 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core import services
from core.calendar import SHANGHAI
from core.errors import PermissionDenied, ValidationError
from core.model import Actor, CallbackOutcome, RequestType, Urgency
from core.stats import is_overdue_open, snapshot_instant, weekly_report
from core.stats_model import Figures, Period, WeeklyReport
from core.weekly_sheet import write_weekly_sheet
from db.stats_queries import stats_reader
from tests.integration.test_stats_independent_sql import overdue_at
from tests.support.centre import Centre

L = SHANGHAI
HOUSING, URBAN, WATER = "市住房和城乡建设局", "市城市管理局", "大连市自来水集团"
BUILDING, CITY, UTILITIES = "城乡建设", "城市管理", "水电气暖"
HOTLINE, PORTAL = "8890热线来电", "政府网站留言板"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=L)  # type: ignore[misc]


@dataclass
class Story:
    reopened_ticket: str  # O2: unsatisfied, reopened, then satisfied with another department
    late_ticket: str  # O5: overdue at the end of W40, replied in W41
    extended_ticket: str  # O6: extension approved after the end of W40; assisting W never signs


def build_story(c: Centre) -> Story:
    uow, op, sup = c.db.uow, c.operator, c.supervisor
    H, U, W = c.housing_staff, c.urban_staff, c.water_staff

    def when(*t: int) -> None:
        c.clock.set(at(*t))

    def reg(t: tuple[int, ...], **kw: object) -> services.OrderSummary:
        when(*t)
        return c.register(**kw)  # type: ignore[arg-type]

    def dispatch(t: tuple[int, ...], order_id: int, lead: int, *assisting: int) -> list[int]:
        when(*t)
        o = services.dispatch(uow(), op, c.clock, order_id, lead, assisting)
        hop = max(a.hop for a in o.assignments)
        return [a.id for a in o.assignments if a.hop == hop]

    def act(t: tuple[int, ...], fn: object, actor: Actor, *args: object) -> services.OrderSummary:
        when(*t)
        return fn(uow(), actor, c.clock, *args)  # type: ignore[operator, no-any-return]

    def due(o: services.OrderSummary, aid: int) -> datetime:
        return next(a.reply_due for a in o.assignments if a.id == aid).astimezone(L)

    # W39: registered at the last second of Sunday, closed directly on Monday
    o1 = reg((2026, 9, 27, 23, 59, 59), request_type=RequestType.CONSULTATION)
    act((2026, 9, 28, 0, 5), services.close_directly, op, o1.id, "电梯年检由市场监管部门负责。")
    # W40, Monday 00:00: portal message, 不满意, reopened, redone by housing
    o2 = reg((2026, 9, 28, 0, 0, 0), channel=c.portal, category=c.stalls, phone="13812345678",
             caller_name="张三", title="小区门口占道经营")
    [a1] = dispatch((2026, 9, 28, 9, 0), o2.id, c.urban)
    act((2026, 9, 28, 10, 0), services.sign_for, U, a1)
    # a complaint signed for late
    o3 = reg((2026, 9, 28, 10, 0), request_type=RequestType.COMPLAINT)
    [a2] = dispatch((2026, 9, 28, 10, 30), o3.id, c.housing)
    # a consultation replied after its first due, on time thanks to an extension
    o4 = reg((2026, 9, 28, 11, 0), category=c.outage, request_type=RequestType.CONSULTATION)
    [a3] = dispatch((2026, 9, 28, 11, 30), o4.id, c.water)
    # replied at once; the first callback does not reach the caller
    o8 = reg((2026, 9, 28, 14, 0), category=c.outage, request_type=RequestType.CONSULTATION)
    [a4] = dispatch((2026, 9, 28, 14, 30), o8.id, c.water)
    act((2026, 9, 28, 15, 0), services.sign_for, W, a4)
    # sent to the wrong department, returned, sent on
    o11 = reg((2026, 9, 28, 16, 0), category=c.stalls)
    [a5] = dispatch((2026, 9, 28, 16, 30), o11.id, c.water)

    act((2026, 9, 29, 9, 0), services.sign_for, W, a3)
    ret = act((2026, 9, 29, 9, 0), services.request_return, W, a5, "不属于本单位职责。")
    # a duplicate of O4: registered, never dispatched, closed with its original
    o7 = reg((2026, 9, 29, 9, 0), channel=c.portal, category=c.outage,
             request_type=RequestType.CONSULTATION)
    act((2026, 9, 29, 9, 5), services.link_duplicate, op, o7.id, o4.id)
    act((2026, 9, 29, 10, 0), services.decide_return, sup, ret.pending_returns[0], True)
    act((2026, 9, 29, 10, 0), services.reply, W, a4, "已恢复供水。")
    o9 = reg((2026, 9, 29, 10, 0), request_type=RequestType.CONSULTATION)
    act((2026, 9, 29, 10, 5), services.close_directly, op, o9.id, "请联系物业服务中心。")
    [a6] = dispatch((2026, 9, 29, 11, 0), o11.id, c.urban)
    act((2026, 9, 29, 11, 0), services.accept_reply, op, o8.id)
    act((2026, 9, 29, 14, 0), services.record_callback, op, o8.id, CallbackOutcome.NOT_REACHED)

    act((2026, 9, 30, 9, 0), services.sign_for, H, a2)  # due 29 Sep 23:59:59: late
    act((2026, 9, 30, 10, 0), services.reply, U, a1, "已组织清理。")
    ext = act((2026, 9, 30, 10, 0), services.request_extension, W, a3, 2, "需协调管网改造。")
    act((2026, 9, 30, 10, 0), services.record_callback, op, o8.id,
        CallbackOutcome.BASICALLY_SATISFIED)
    act((2026, 9, 30, 11, 0), services.accept_reply, op, o2.id)
    o4s = act((2026, 9, 30, 11, 0), services.decide_extension, sup, ext.pending_extensions[0],
              True)
    assert due(o4s, a3) == at(2026, 10, 10, 23, 59, 59)  # from 8 Oct, over the make-up Saturday
    when(2026, 9, 30, 12, 0)
    services.register(uow(), op, c.clock, services.Registration(
        channel_id=c.portal, content="建议增加公交线路。", category_id=None))
    act((2026, 9, 30, 14, 0), services.record_callback, op, o2.id, CallbackOutcome.UNSATISFIED,
        "占道经营仍未整治。")
    act((2026, 9, 30, 15, 0), services.reopen, sup, o2.id, "市民不满意，重新办理。")
    [a7] = dispatch((2026, 9, 30, 16, 0), o2.id, c.housing)

    # during the holiday: urgent (24 hours), overdue at the end of W40, replied in W41
    o5 = reg((2026, 10, 2, 10, 0), urgency=Urgency.URGENT, phone="13900002222",
             caller_name="李四", title="电梯困人")
    [a8] = dispatch((2026, 10, 2, 10, 30), o5.id, c.housing)
    act((2026, 10, 2, 11, 0), services.sign_for, H, a8)
    # urgent with an assisting department; the lead's extension is approved in W41
    o6 = reg((2026, 10, 3, 11, 30), urgency=Urgency.URGENT, category=c.stalls,
             phone="13700003333", caller_name="欧阳娜娜", title="夜市占道")
    a9, a10 = dispatch((2026, 10, 3, 12, 0), o6.id, c.urban, c.water)
    act((2026, 10, 3, 12, 30), services.sign_for, U, a9)
    ext = act((2026, 10, 4, 11, 0), services.request_extension, U, a9, 2, "需联合执法。")
    reg((2026, 10, 4, 23, 59, 59), category=c.outage)  # the last second of W40
    reg((2026, 10, 5, 0, 0, 0), category=c.outage)  # the first second of W41

    o6s = act((2026, 10, 5, 9, 0), services.decide_extension, sup, ext.pending_extensions[0],
              True)
    assert due(o6s, a9) == at(2026, 10, 9, 23, 59, 59)  # 4 Oct 12:00 + 2 working days
    act((2026, 10, 6, 9, 0), services.reply, H, a8, "已解救并维修。")  # late
    act((2026, 10, 8, 9, 0), services.sign_for, H, a7)  # due 8 Oct 23:59:59: on time
    act((2026, 10, 8, 9, 0), services.sign_for, U, a6)  # due 30 Sep 23:59:59: late
    act((2026, 10, 9, 10, 0), services.reply, W, a3, "管网已改造完毕。")
    act((2026, 10, 9, 10, 0), services.reply, H, a7, "已联合整治。")
    act((2026, 10, 9, 11, 0), services.accept_reply, op, o4.id)
    act((2026, 10, 9, 11, 0), services.accept_reply, op, o2.id)
    act((2026, 10, 9, 15, 0), services.record_callback, op, o4.id, CallbackOutcome.SATISFIED)
    act((2026, 10, 9, 15, 0), services.record_callback, op, o2.id, CallbackOutcome.SATISFIED)

    c.clock.set(at(2026, 11, 2, 9, 0))
    return Story(o2.ticket_no, o5.ticket_no, o6.ticket_no)


def report(c: Centre, period: str, actor: Actor | None = None,
           deidentified: bool = True) -> WeeklyReport:
    return weekly_report(lambda: stats_reader(c.db), actor or c.supervisor, c.clock,
                         Period.parse(period), deidentified=deidentified,
                         access_log=None if deidentified else c.db.uow())


def rows(r: WeeklyReport, which: str) -> list[tuple[str, Figures]]:
    return [(row.name, row.figures) for row in getattr(r, which)]


W40_TOTAL = Figures(received=11, direct=1, dispatched=10, signed=6, signed_on_time=5, replied=2,
                    replied_on_time=2, overdue_open=3, returns_approved=1,
                    extensions_approved=1, basically_satisfied=1, unsatisfied=1, not_reached=1,
                    reopened=1)
W41_TOTAL = Figures(received=1, signed=2, signed_on_time=1, replied=3, replied_on_time=2,
                    overdue_open=2, extensions_approved=1, satisfied=2)


def test_the_national_day_week(centre: Centre) -> None:
    c = centre
    build_story(c)
    r = report(c, "2026-W40")
    assert r.period.start == at(2026, 9, 28) and r.period.end == at(2026, 10, 5)
    assert r.made_by == "supervisor" and r.made_at == c.clock.now()
    assert r.total == W40_TOTAL
    assert r.total.satisfaction_rate == 0.5  # 未接通 is not a callback
    assert r.total.callbacks == 2 and r.total.direct_rate == pytest.approx(1 / 11)
    assert rows(r, "departments") == [
        (WATER, Figures(dispatched=4, signed=2, signed_on_time=2, replied=1, replied_on_time=1,
                        overdue_open=1, returns_approved=1, extensions_approved=1,
                        basically_satisfied=1, not_reached=1)),
        (URBAN, Figures(dispatched=3, signed=2, signed_on_time=2, replied=1, replied_on_time=1,
                        overdue_open=1, unsatisfied=1, reopened=1)),
        (HOUSING, Figures(dispatched=3, signed=2, signed_on_time=1, overdue_open=1)),
    ]
    assert rows(r, "categories") == [
        (UTILITIES, Figures(received=4, dispatched=2, signed=2, signed_on_time=2, replied=1,
                            replied_on_time=1, extensions_approved=1, basically_satisfied=1,
                            not_reached=1)),
        (BUILDING, Figures(received=3, direct=1, dispatched=2, signed=2, signed_on_time=1,
                           overdue_open=1)),
        (CITY, Figures(received=3, dispatched=6, signed=2, signed_on_time=2, replied=1,
                       replied_on_time=1, overdue_open=2, returns_approved=1, unsatisfied=1,
                       reopened=1)),
        ("未分类", Figures(received=1)),
    ]
    assert rows(r, "channels") == [
        (HOTLINE, Figures(received=8, direct=1, dispatched=8, signed=5, signed_on_time=4,
                          replied=1, replied_on_time=1, overdue_open=3, returns_approved=1,
                          extensions_approved=1, basically_satisfied=1, not_reached=1)),
        (PORTAL, Figures(received=3, dispatched=2, signed=1, signed_on_time=1, replied=1,
                         replied_on_time=1, unsatisfied=1, reopened=1)),
    ]
    assert [row.key for row in r.departments] == [c.water, c.urban, c.housing]
    assert r.categories[-1].key == 0 and r.channels[0].key == c.hotline


def test_the_week_after_the_holiday(centre: Centre) -> None:
    c = centre
    build_story(c)
    r = report(c, "2026-W41")
    assert r.total == W41_TOTAL
    # water and housing are both fully satisfied; water replied on time more often
    assert rows(r, "departments") == [
        (WATER, Figures(replied=1, replied_on_time=1, overdue_open=1, satisfied=1)),
        (HOUSING, Figures(signed=1, signed_on_time=1, replied=2, replied_on_time=1,
                          satisfied=1)),
        (URBAN, Figures(signed=1, overdue_open=1, extensions_approved=1)),
    ]
    assert rows(r, "categories") == [
        (UTILITIES, Figures(received=1, replied=1, replied_on_time=1, satisfied=1)),
        (BUILDING, Figures(replied=1)),
        (CITY, Figures(signed=2, signed_on_time=1, replied=1, replied_on_time=1, overdue_open=2,
                       extensions_approved=1, satisfied=1)),
    ]
    assert rows(r, "channels") == [
        (HOTLINE, Figures(received=1, signed=1, replied=2, replied_on_time=1, overdue_open=2,
                          extensions_approved=1, satisfied=1)),
        (PORTAL, Figures(signed=1, signed_on_time=1, replied=1, replied_on_time=1,
                         satisfied=1)),
    ]
    assert r.unsatisfied == ()


def test_sunday_2359_belongs_to_the_week_before(centre: Centre) -> None:
    c = centre
    build_story(c)
    r = report(c, "2026-W39")
    # counted as direct in the week it was registered, though closed on Monday
    assert r.total == Figures(received=1, direct=1)
    assert rows(r, "categories") == [(BUILDING, Figures(received=1, direct=1))]
    assert rows(r, "channels") == [(HOTLINE, Figures(received=1, direct=1))]
    assert r.departments == () and r.overdue == () and r.unsatisfied == ()


def test_a_range_adds_the_flows_and_snapshots_at_its_end(centre: Centre) -> None:
    c = centre
    build_story(c)
    r = report(c, "2026-09-28..2026-10-11")
    assert r.total == Figures(received=12, direct=1, dispatched=10, signed=8, signed_on_time=6,
                              replied=5, replied_on_time=4, overdue_open=2, returns_approved=1,
                              extensions_approved=2, satisfied=2, basically_satisfied=1,
                              unsatisfied=1, not_reached=1, reopened=1)
    # the trend is the eight weeks ending with the week of the last day
    assert [p.period.label for p in r.trend][-3:] == ["2026-W39", "2026-W40", "2026-W41"]
    assert [p.figures for p in r.trend] == [Figures()] * 5 + [
        Figures(received=1, direct=1), W40_TOTAL, W41_TOTAL]
    assert report(c, "2026-W41").trend == r.trend


def test_the_overdue_and_unsatisfied_lists(centre: Centre) -> None:
    c = centre
    s = build_story(c)
    r = report(c, "2026-W40")
    assert r.deidentified
    assert [(i.ticket_no, i.department, i.lead, i.reply_due.astimezone(L), i.caller)
            for i in r.overdue] == [
        (s.late_ticket, HOUSING, True, at(2026, 10, 3, 10, 30), "李* 139****2222"),
        # the due in force on Monday 00:00, before the extension approved at 09:00
        (s.extended_ticket, URBAN, True, at(2026, 10, 4, 12, 0), "欧*** 137****3333"),
        (s.extended_ticket, WATER, False, at(2026, 10, 4, 12, 0), "欧*** 137****3333"),
    ]
    assert r.overdue[0].title == "电梯困人"
    assert r.overdue[0].dispatched_at.astimezone(L) == at(2026, 10, 2, 10, 30)
    [u] = r.unsatisfied
    assert (u.ticket_no, u.title, u.department, u.category, u.note, u.caller) == (
        s.reopened_ticket, "小区门口占道经营", URBAN, "占道经营", "占道经营仍未整治。",
        "张* 138****5678")
    assert u.at.astimezone(L) == at(2026, 9, 30, 14, 0)

    # a week later the late reply is no longer open; the extended one is, by its new due
    r = report(c, "2026-W41")
    assert [(i.ticket_no, i.department, i.reply_due.astimezone(L)) for i in r.overdue] == [
        (s.extended_ticket, WATER, at(2026, 10, 4, 12, 0)),
        (s.extended_ticket, URBAN, at(2026, 10, 9, 23, 59, 59)),
    ]


def test_callers_are_shown_in_full_only_when_asked(centre: Centre) -> None:
    c = centre
    build_story(c)
    r = report(c, "2026-W40", deidentified=False)
    assert not r.deidentified
    assert r.overdue[0].caller == "李四 13900002222"
    assert r.unsatisfied[0].caller == "张三 13812345678"
    assert r.total == W40_TOTAL


def test_only_supervisors_and_administrators_make_the_report(centre: Centre) -> None:
    c = centre
    for actor in (c.operator, c.housing_staff):
        with pytest.raises(PermissionDenied):
            report(c, "2026-W40", actor)
    assert report(c, "2026-W40", c.admin).total == Figures()


@pytest.mark.parametrize("text", ["2026-W54", "2026-W00", "2027-W53", "2026-13", "2026-0",
                                  "2026-10-05..2026-10-01", "2026-02-30..2026-03-01",
                                  "last week", ""])
def test_a_bad_period_is_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError):
        Period.parse(text)


def test_good_periods() -> None:
    assert Period.parse("2026-W53").label == "2026-W53"  # 2026 has 53 ISO weeks
    m = Period.parse("2026-10")
    assert (m.start, m.end) == (at(2026, 10, 1), at(2026, 11, 1))
    d = Period.parse("2026-10-05..2026-10-05")
    assert (d.start, d.end) == (at(2026, 10, 5), at(2026, 10, 6))


def test_a_running_week_is_snapshotted_now() -> None:
    week = Period.parse("2026-W45")
    assert snapshot_instant(week, at(2026, 11, 4, 12, 0)) == at(2026, 11, 4, 12, 0)
    assert snapshot_instant(week, at(2026, 12, 1)) == at(2026, 11, 9)
    assert snapshot_instant(week, at(2026, 10, 1)) is None


def test_the_snapshot_candidates_miss_no_overdue_assignment(centre: Centre) -> None:
    """Assignments overdue while they end, while a reply is sent back, until an extension
    approved after the window, and still open: at every instant of several windows,
    ``open_assignments`` holds exactly those that reading every assignment finds overdue."""
    c = centre
    build_story(c)
    uow, op, sup = c.db.uow, c.operator, c.supervisor

    def act(t: tuple[int, ...], fn: object, actor: Actor, *args: object) -> services.OrderSummary:
        c.clock.set(at(*t))
        return fn(uow(), actor, c.clock, *args)  # type: ignore[operator, no-any-return]

    def dispatch(t: tuple[int, ...], lead: int, *assisting: int) -> list[int]:
        order = c.register()
        c.clock.set(at(*t))
        o = services.dispatch(uow(), op, c.clock, order.id, lead, assisting,
                              reply_due=at(2026, 11, 3, 12, 0))
        return [a.id for a in o.assignments]

    # A: the lead returns the order after its due: both assignments end overdue on 5 Nov
    c.clock.set(at(2026, 11, 2, 9, 30))
    lead, assisting = dispatch((2026, 11, 2, 9, 30), c.housing, c.water)
    ret = act((2026, 11, 2, 9, 40), services.request_return, c.housing_staff, lead, "不属本单位。")
    act((2026, 11, 5, 10, 0), services.decide_return, sup, ret.pending_returns[0], True)
    # B: replied late on 4 Nov, sent back at noon, replied again on 6 Nov
    [b] = dispatch((2026, 11, 2, 10, 0), c.urban)
    act((2026, 11, 2, 11, 0), services.sign_for, c.urban_staff, b)
    o = act((2026, 11, 4, 9, 0), services.reply, c.urban_staff, b, "已处理。")
    act((2026, 11, 4, 12, 0), services.reject_reply, op, o.id, "未说明处理结果。")
    act((2026, 11, 6, 9, 0), services.reply, c.urban_staff, b, "已处理并回访。")
    # C: an extension asked in time but approved on 9 Nov, replied within the new due
    [x] = dispatch((2026, 11, 2, 10, 30), c.water)
    act((2026, 11, 2, 11, 0), services.sign_for, c.water_staff, x)
    ext = act((2026, 11, 3, 9, 0), services.request_extension, c.water_staff, x, 5, "需协调。")
    act((2026, 11, 9, 9, 0), services.decide_extension, sup, ext.pending_extensions[0], True)
    act((2026, 11, 9, 10, 0), services.reply, c.water_staff, x, "已修复。")
    # D: dispatched inside the windows, never signed
    [d] = dispatch((2026, 11, 3, 9, 0), c.housing)
    c.clock.set(at(2026, 11, 12, 9, 0))

    checked = 0
    with stats_reader(c.db) as reader:
        for last in (at(2026, 11, 3, 18), at(2026, 11, 5, 9), at(2026, 11, 8), at(2026, 11, 9)):
            for days in (0, 1, 4):
                first = last - timedelta(days=days)
                candidates = reader.open_assignments(first, last)
                t = first
                while t <= last:
                    found = {a.assignment_id: a.department_id for a in candidates
                             if is_overdue_open(a, t)}
                    assert found == overdue_at(c.db, t), (first, last, t)
                    checked += bool(found.keys() & {lead, assisting, b, x, d})
                    t += timedelta(hours=3)
    assert checked > 10


def test_a_running_week_counts_days_overdue_to_when_the_sheet_was_made(
        centre: Centre, tmp_path: Path) -> None:
    """The overdue list of a week still running is the snapshot at the time the report is
    made; its 超期天数 count to that time (as on the screen), not to the week's end."""
    c = centre
    build_story(c)
    c.clock.set(at(2026, 10, 6, 12, 0))  # Tuesday of W41
    r = report(c, "2026-W41")
    assert r.overdue
    sheet = load_workbook(write_weekly_sheet(r, tmp_path / "w41.xlsx"))["超期清单"]
    shown = {row[0]: row[6] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    assert sorted(shown) == sorted({i.ticket_no for i in r.overdue})
    for item in r.overdue:
        days = (at(2026, 10, 6, 12, 0) - item.reply_due) / timedelta(days=1)
        assert shown[item.ticket_no] == pytest.approx(days, abs=0.05)
        assert 0 < shown[item.ticket_no] < (r.period.end - item.reply_due) / timedelta(days=1)
