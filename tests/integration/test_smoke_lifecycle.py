from __future__ import annotations

from core import services
from core.model import AssignmentState, CallbackOutcome, OrderState
from core.replay import replay
from tests.support.centre import Centre


def test_a_call_goes_from_registration_to_a_satisfied_close(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    assert o.state is OrderState.AWAITING_SIGN
    aid = o.assignments[0].id
    c.clock.advance(hours=2)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    c.clock.advance(days=1)
    o = services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "经核实，电梯已维修完毕。")
    assert o.state is OrderState.REPLIED
    o = services.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    assert o.state is OrderState.AWAITING_CALLBACK
    o = services.record_callback(c.db.uow(), c.operator, c.clock, o.id,
                                 CallbackOutcome.SATISFIED)
    assert o.state is OrderState.CLOSED
    with c.db.uow() as uow:
        r = replay(uow.orders.events(o.id))
    assert r.state is OrderState.CLOSED
    assert r.assignments == {aid: AssignmentState.REPLIED}
