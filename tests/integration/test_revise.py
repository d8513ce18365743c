"""修改/补充 (``services.revise``) on SQLite and PostgreSQL: an order that came in without a
category gets one and can then be dispatched; every change is in the timeline old → new; a
refused revision changes nothing."""

from __future__ import annotations

import pytest

from core import services
from core.errors import IllegalTransition, PermissionDenied, ValidationError
from core.model import EventKind, OrderState, RequestType, Urgency
from core.replay import replay
from tests.support.centre import Centre


def _without_category(c: Centre, **kw: object) -> services.OrderSummary:
    reg = services.Registration(channel_id=c.portal, content="网友留言：小区电梯经常停运。",
                                title="电梯经常停运", **kw)  # type: ignore[arg-type]
    return services.register(c.db.uow(), c.operator, c.clock, reg)


def _events(c: Centre, order_id: int) -> list:
    with c.db.uow(write=False) as uow:
        return uow.orders.events(order_id)


def test_an_order_without_category_is_completed_and_then_dispatched(centre: Centre) -> None:
    c = centre
    o = _without_category(c)
    with pytest.raises(ValidationError):  # as before: no category, no dispatch
        services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    c.clock.advance(minutes=3)
    revised = services.revise(c.db.uow(), c.operator, c.clock, o.id, category_id=c.lift,
                              urgency=Urgency.URGENT, request_type=RequestType.COMPLAINT,
                              title="  电梯多次停运困人 ", address="幸福小区3号楼")
    assert revised.state is OrderState.REGISTERED and revised.version == o.version + 1
    with c.db.uow(write=False) as uow:
        order = uow.orders.get(o.id)
    assert (order.category_id, order.urgency, order.request_type, order.title, order.address) \
        == (c.lift, Urgency.URGENT, RequestType.COMPLAINT, "电梯多次停运困人", "幸福小区3号楼")
    event = _events(c, o.id)[-1]
    assert event.kind is EventKind.REVISED and event.actor_id == c.operator.user_id
    assert event.from_state == event.to_state == OrderState.REGISTERED
    assert event.at == c.clock.now()
    assert event.payload["changes"] == {
        "category_id": {"old": None, "new": c.lift, "old_name": "",
                        "new_name": "城乡建设 / 物业管理 / 电梯故障"},
        "request_type": {"old": "consultation", "new": "complaint"},
        "urgency": {"old": "normal", "new": "urgent"},
        "title": {"old": "电梯经常停运", "new": "电梯多次停运困人"},
        "address": {"old": "", "new": "幸福小区3号楼"},
    }
    dispatched = services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    assert dispatched.state is OrderState.AWAITING_SIGN
    lead = dispatched.lead()
    assert lead is not None  # the urgent policy applies: sign for within 1 hour
    assert (lead.sign_due - c.clock.now()).total_seconds() == 3600
    assert replay(_events(c, o.id)).state is OrderState.AWAITING_SIGN


def test_only_the_changed_fields_are_recorded(centre: Centre) -> None:
    c = centre
    o = c.register()
    services.revise(c.db.uow(), c.supervisor, c.clock, o.id, category_id=c.lift,
                    urgency=Urgency.NORMAL, title="电梯困人", address="", caller_name="张三")
    changes = _events(c, o.id)[-1].payload["changes"]
    assert set(changes) == {"title", "caller_name"}
    assert changes["caller_name"] == {"old": "", "new": "张三"}


@pytest.mark.parametrize("kwargs, field", [
    ({"category_id": "branch"}, "category"),  # a level-2 node
    ({"title": "   "}, "title"),
    ({"title": "长" * 101}, "title"),
    ({"address": "地" * 201}, "address"),
    ({}, "changes"),
    ({"title": "电梯经常停运"}, "changes"),  # the same as before
])
def test_bad_revisions_change_nothing(centre: Centre, kwargs: dict, field: str) -> None:
    c = centre
    o = _without_category(c)
    if kwargs.get("category_id") == "branch":
        kwargs = {"category_id": c.branch}
    before = _events(c, o.id)
    with pytest.raises(ValidationError) as refused:
        services.revise(c.db.uow(), c.operator, c.clock, o.id, **kwargs)
    assert refused.value.params["field"] == field
    assert refused.value.message_zh
    assert _events(c, o.id) == before
    with c.db.uow(write=False) as uow:
        order = uow.orders.get(o.id)
    assert order.version == o.version and order.category_id is None


def test_an_anonymous_report_stays_an_anonymous_report(centre: Centre) -> None:
    c = centre
    reg = services.Registration(channel_id=c.hotline, content="举报某单位违规排污",
                                request_type=RequestType.REPORT, anonymous=True)
    o = services.register(c.db.uow(), c.operator, c.clock, reg)
    with pytest.raises(ValidationError):
        services.revise(c.db.uow(), c.operator, c.clock, o.id,
                        request_type=RequestType.COMPLAINT)
    with pytest.raises(ValidationError):
        services.revise(c.db.uow(), c.operator, c.clock, o.id, caller_name="李四")
    services.revise(c.db.uow(), c.operator, c.clock, o.id, category_id=c.stalls)


def test_revision_is_for_the_hotline_and_only_before_dispatch(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    with pytest.raises(PermissionDenied) as denied:
        services.revise(c.db.uow(), c.housing_staff, c.clock, o.id, title="改")
    assert "修改工单" in denied.value.message_zh
    with pytest.raises(IllegalTransition) as illegal:
        services.revise(c.db.uow(), c.operator, c.clock, o.id, title="改一下")
    assert "待签收" in illegal.value.message_zh and "修改" in illegal.value.message_zh
    assert _events(c, o.id)[-1].kind is EventKind.DISPATCHED
