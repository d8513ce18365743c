"""The desk's lists on a real database: queues, scope, filters, rows, caller history."""

from __future__ import annotations

from datetime import timedelta

from core import queries, services
from core.model import AssignmentState, OrderState, Urgency
from core.order_view import Action, available_actions, order_detail
from core.queries import ListFilter, ListQuery, Queue, SortKey
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
