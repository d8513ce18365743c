"""The desk's lists on a real database: queues, scope, filters, rows, caller history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import queries, services
from core.calendar import SHANGHAI
from core.errors import NotFound
from core.model import AssignmentState, OrderState, RequestType, Urgency
from core.order_view import (
    Action,
    available_actions,
    dwell_times,
    extension_outlook,
    order_detail,
    sign_target,
)
from core.queries import ListFilter, ListQuery, Queue, SortKey, list_choices
from db.order_queries import queries_factory


def _ids(c, actor, queue=Queue.ALL, **kw):
    return queries.list_ids(queries_factory(c.db), actor, c.clock.now(),
                            ListQuery(queue=queue, **kw))


def test_queues_follow_the_lifecycle_and_department_scope(centre):
    c = centre
    registered = c.register()
    to_sign = c.dispatched()
    stalls = c.register("门口占道经营严重", category=c.stalls, phone="13900002222")
    services.dispatch(c.db.uow(), c.operator, c.clock, stalls.id, c.urban)

    assert set(_ids(c, c.operator, Queue.MY_WORK)) == {registered.id}
    assert set(_ids(c, c.supervisor, Queue.TO_SIGN)) == {to_sign.id, stalls.id}
    assert _ids(c, c.housing_staff, Queue.TO_SIGN) == [to_sign.id]
    assert _ids(c, c.housing_staff, Queue.ALL) == [to_sign.id]
    assert _ids(c, c.water_staff, Queue.ALL) == []

    a = to_sign.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a)
    assert _ids(c, c.housing_staff, Queue.IN_PROGRESS) == [to_sign.id]
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, a, 3, "需要协调物业")
    assert _ids(c, c.supervisor, Queue.TO_DECIDE) == [to_sign.id]

    counts = queries.queue_counts(queries_factory(c.db), c.housing_staff, c.clock.now())
    assert counts[Queue.IN_PROGRESS] == 1 and counts[Queue.TO_SIGN] == 0
    assert Queue.TO_DECIDE not in counts


def test_rows_show_departments_due_and_warning(centre):
    c = centre
    o = c.dispatched(urgency=Urgency.URGENT)
    due = o.assignments[0].reply_due
    [row] = queries.rows_for(queries_factory(c.db), [o.id], c.clock.now())
    assert row.ticket_no == o.ticket_no and row.state is OrderState.AWAITING_SIGN
    assert row.departments == "市住房和城乡建设局" and row.due == due
    assert row.warning == "none" and row.category == "电梯故障"
    c.clock.set(due + timedelta(minutes=1))
    [late] = queries.rows_for(queries_factory(c.db), [o.id], c.clock.now())
    assert late.warning == "red"
    assert _ids(c, c.supervisor, Queue.WARNINGS) == [o.id]


def test_an_assisting_department_sees_its_own_clock_in_its_rows(centre):
    """The lead's extension moves the lead's due, not the assisting department's: each
    department's list shows its own; the supervisor's shows the lead's."""
    c = centre
    o = c.register()
    o = services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing, [c.urban])
    lead = next(a for a in o.assignments if a.lead)
    assisting = next(a for a in o.assignments if not a.lead)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, lead.id)
    asked = services.request_extension(c.db.uow(), c.housing_staff, c.clock, lead.id, 3,
                                       "需要协调物业")
    done = services.decide_extension(c.db.uow(), c.supervisor, c.clock,
                                     asked.pending_extensions[0], True)
    extended = next(a for a in done.assignments if a.lead).reply_due
    assert extended > assisting.reply_due

    def row(actor):
        [r] = queries.rows_for(queries_factory(c.db), [o.id], c.clock.now(), actor)
        return r

    assert row(c.supervisor).due == extended
    assert row(c.housing_staff).due == extended
    assert row(c.urban_staff).due == assisting.reply_due
    c.clock.set(assisting.reply_due + timedelta(minutes=1))
    assert row(c.urban_staff).warning == "red"  # the assisting department is overdue
    assert row(c.housing_staff).warning != "red"


def test_filters_and_sorting(centre):
    c = centre
    first = c.register("电梯坏了", urgency=Urgency.CRITICAL)
    c.clock.advance(minutes=5)
    second = c.register("路边摆摊占道", category=c.stalls, address="中山路1号")
    assert _ids(c, c.operator) == [second.id, first.id]
    assert _ids(c, c.operator, sort=SortKey.URGENCY) == [first.id, second.id]
    assert _ids(c, c.operator, filter=ListFilter(text="中山路")) == [second.id]
    assert _ids(c, c.operator, filter=ListFilter(text="100%_")) == []
    assert _ids(c, c.operator, filter=ListFilter(category_id=c.branch)) == [first.id]
    assert _ids(c, c.operator, filter=ListFilter(urgency=Urgency.CRITICAL)) == [first.id]
    today = c.clock.now().date()
    assert len(_ids(c, c.operator, filter=ListFilter(date_from=today, date_to=today))) == 2
    assert _ids(c, c.operator, filter=ListFilter(date_to=today - timedelta(days=1))) == []


def test_caller_history_and_similar_orders(centre):
    c = centre
    earlier = c.register("小区电梯困人，多次报修无人处理", address="幸福小区3号楼")
    c.register("咨询公积金提取", category=c.stalls, phone="13911112222")
    history = queries.caller_history(queries_factory(c.db), c.operator, c.clock.now(),
                                     "13800001111")
    assert history.total == 1 and not history.repeat_caller
    c.register("又来电：电梯还是困人")
    history = queries.caller_history(queries_factory(c.db), c.operator, c.clock.now(),
                                     "13800001111")
    assert history.total == 2 and history.repeat_caller
    similar = queries.similar_open_orders(
        queries_factory(c.db), c.operator, c.clock.now(), category_id=c.lift,
        address="幸福小区3号楼", phone="13700000000", content="幸福小区电梯困人")
    assert similar[0].row.id == earlier.id and similar[0].same_address
    assert queries.caller_history(queries_factory(c.db), c.housing_staff, c.clock.now(),
                                  "13800001111").total == 0


def test_order_detail_and_actions(centre):
    c = centre
    o = c.dispatched()
    a = o.assignments[0].id
    detail = order_detail(c.db.uow(write=False), c.housing_staff, o.id)
    assert detail.assignments[0].department == "市住房和城乡建设局"
    assert [e.kind.value for e in detail.events] == ["registered", "dispatched"]
    offers = {(x.action, x.target_id) for x in available_actions(detail, c.housing_staff)}
    assert offers == {(Action.SIGN_FOR, a), (Action.REQUEST_RETURN, a)}
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a)
    detail = order_detail(c.db.uow(write=False), c.housing_staff, o.id)
    assert detail.assignments[0].state is AssignmentState.IN_PROGRESS
    assert {x.action for x in available_actions(detail, c.housing_staff)} == {
        Action.REPLY, Action.REQUEST_RETURN, Action.REQUEST_EXTENSION}
    assert [x.action for x in available_actions(detail, c.supervisor)] == [Action.ISSUE_NOTICE]
    assert available_actions(detail, c.urban_staff) == []


def test_no_return_after_its_window_and_no_extension_after_the_due_are_offered(centre):
    c = centre
    o = c.dispatched()
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, o.assignments[0].id)
    [a] = order_detail(c.db.uow(write=False), c.housing_staff, o.id).assignments

    def offered(at):
        detail = order_detail(c.db.uow(write=False), c.housing_staff, o.id)
        return {x.action for x in available_actions(detail, c.housing_staff, at)}

    assert offered(c.clock.now()) == {Action.REPLY, Action.REQUEST_RETURN,
                                      Action.REQUEST_EXTENSION}
    assert offered(a.return_until + timedelta(minutes=1)) == {Action.REPLY,
                                                              Action.REQUEST_EXTENSION}
    assert offered(a.reply_due + timedelta(minutes=1)) == {Action.REPLY}


def test_no_sign_for_offered_while_a_return_waits_for_its_decision(centre):
    c = centre
    o = c.dispatched()
    a = o.assignments[0].id
    detail = order_detail(c.db.uow(write=False), c.housing_staff, o.id)
    assert sign_target(detail, c.housing_staff) == a
    assert sign_target(detail, c.urban_staff) is None
    services.request_return(c.db.uow(), c.housing_staff, c.clock, a, "不属于本单位职责")
    detail = order_detail(c.db.uow(write=False), c.housing_staff, o.id)
    assert available_actions(detail, c.housing_staff) == []
    assert sign_target(detail, c.housing_staff) is None
    assert [x.action for x in available_actions(detail, c.supervisor)] == [
        Action.DECIDE_RETURN, Action.ISSUE_NOTICE]


def test_every_column_of_a_list_sorts(centre):
    c = centre
    lift = c.register("电梯坏了", request_type=RequestType.COMPLAINT)
    c.clock.advance(minutes=1)
    stalls = c.register("摆摊", category=c.stalls, request_type=RequestType.CONSULTATION,
                        channel=c.portal, phone="", title="Alpha 占道")
    services.dispatch(c.db.uow(), c.operator, c.clock, stalls.id, c.urban)
    services.dispatch(c.db.uow(), c.operator, c.clock, lift.id, c.housing)
    c.clock.advance(minutes=1)
    outage = c.register("停水", category=c.outage, request_type=RequestType.HELP)
    asc = {key: _ids(c, c.operator, sort=key, descending=False) for key in SortKey}
    assert asc[SortKey.REQUEST_TYPE] == [stalls.id, outage.id, lift.id]  # 咨询, 求助, 投诉
    assert asc[SortKey.CATEGORY] == [lift.id, stalls.id, outage.id]  # by category code
    assert asc[SortKey.TITLE][0] == stalls.id
    assert asc[SortKey.DEPARTMENT][-1] == outage.id  # not dispatched: last
    assert set(asc[SortKey.DEPARTMENT][:2]) == {lift.id, stalls.id}
    assert asc[SortKey.CHANNEL][-1] == stalls.id  # 8890热线来电 before 政府网站留言板
    for key in SortKey:
        assert sorted(asc[key]) == sorted([lift.id, stalls.id, outage.id]), key


def test_list_choices_give_the_tree_in_order(centre):
    choices = list_choices(centre.db.uow(write=False))
    assert [d.name for d in choices.departments] == ["市城市管理局", "市住房和城乡建设局",
                                                    "大连市自来水集团"]
    assert [(x.name, x.level) for x in choices.categories[:3]] == [
        ("城乡建设", 1), ("物业管理", 2), ("电梯故障", 3)]
    lift = next(x for x in choices.categories if x.id == centre.lift)
    assert lift.default_department_id == centre.housing
    assert {x.id for x in choices.channels} >= {centre.hotline, centre.portal}


def test_extension_outlook_previews_the_due_an_approval_gives(centre):
    c = centre
    o = c.dispatched()  # help, normal: 5 working days from Monday 2 November -> Monday 9th
    a = o.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a)
    outlook = extension_outlook(c.db.uow(write=False), c.housing_staff, a)
    assert outlook.reply_due == o.assignments[0].reply_due
    assert (outlook.cap_days, outlook.days_left) == (10, 10)
    preview = outlook.new_reply_due(3)
    assert preview.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2026-11-12 23:59"
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, a, 3, "需要协调")
    summary = services.decide_extension(c.db.uow(), c.supervisor, c.clock,
                                        services.get_order(c.db.uow(), c.supervisor,
                                                           o.id).pending_extensions[0], True)
    assert summary.assignments[0].reply_due == preview
    assert extension_outlook(c.db.uow(write=False), c.housing_staff, a).days_left == 7
    with pytest.raises(NotFound):
        extension_outlook(c.db.uow(write=False), c.urban_staff, a)


def test_dwell_times_sum_each_departments_assignments(centre):
    c = centre
    o = c.dispatched()
    a = o.assignments[0].id
    c.clock.advance(hours=2)
    services.request_return(c.db.uow(), c.housing_staff, c.clock, a, "不属于本单位职责")
    c.clock.advance(hours=1)
    services.decide_return(c.db.uow(), c.supervisor, c.clock,
                           services.get_order(c.db.uow(), c.supervisor, o.id).pending_returns[0],
                           True)
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.urban)
    c.clock.advance(minutes=30)
    detail = order_detail(c.db.uow(write=False), c.supervisor, o.id)
    assert dwell_times(detail, c.clock.now()) == (
        ("市住房和城乡建设局", timedelta(hours=3)), ("市城市管理局", timedelta(minutes=30)))
    assert [e.assignment_id is not None for e in detail.events] == [
        False, True, True, True, True]
