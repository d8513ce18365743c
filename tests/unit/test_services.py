"""The services on an in-memory unit of work: the domain needs no database to run."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.errors import IllegalTransition, PermissionDenied, ValidationError, WrongDepartment
from core.model import Actor, CallbackOutcome, CloseKind, OrderState, RequestType, Role
from core.replay import replay
from tests.support.fakes import FakeStore, FakeUnitOfWork


class Desk:
    def __init__(self) -> None:
        self.store = FakeStore()
        with self.uow() as uow:
            self.housing = uow.reference.add_department("ZJJ", "市住建局", None)
            self.urban = uow.reference.add_department("CGJ", "市城管局", None)
            top = uow.reference.add_category("01", "城乡建设", None, 1, None)
            mid = uow.reference.add_category("0101", "物业管理", top, 2, None)
            self.lift = uow.reference.add_category("010101", "电梯故障", mid, 3, self.housing)
            uow.commit()
        self.clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))
        self.op = Actor(1, "op", frozenset({Role.OPERATOR}))
        self.sup = Actor(2, "sup", frozenset({Role.SUPERVISOR}))
        self.staff = Actor(3, "staff", frozenset({Role.DEPARTMENT_STAFF}),
                           frozenset({self.housing}))
        self.other = Actor(4, "other", frozenset({Role.DEPARTMENT_STAFF}),
                           frozenset({self.urban}))

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)

    def register(self, **kw: object) -> services.OrderSummary:
        values: dict = {"channel_id": 1, "content": "电梯困人", "caller_phone": "13800001111",
                        "category_id": self.lift, "request_type": RequestType.HELP, **kw}
        return services.register(self.uow(), self.op, self.clock,
                                 services.Registration(**values))


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_the_whole_path_runs_in_memory(desk: Desk) -> None:
    o = desk.register()
    o = services.dispatch(desk.uow(), desk.op, desk.clock, o.id, desk.housing)
    assert o.assignments[0].reply_due.astimezone(SHANGHAI) == datetime(
        2026, 11, 9, 23, 59, 59, tzinfo=SHANGHAI)
    aid = o.assignments[0].id
    services.sign_for(desk.uow(), desk.staff, desk.clock, aid)
    services.reply(desk.uow(), desk.staff, desk.clock, aid, "已修复")
    services.accept_reply(desk.uow(), desk.op, desk.clock, o.id)
    o = services.record_callback(desk.uow(), desk.op, desk.clock, o.id,
                                 CallbackOutcome.BASICALLY_SATISFIED)
    assert o.state is OrderState.CLOSED
    assert replay(desk.store.events[o.id]).state is OrderState.CLOSED
    assert desk.store.orders[o.id].close_kind is CloseKind.SATISFIED


@pytest.mark.parametrize("who", ["op", "other"])
def test_a_refused_action_leaves_the_store_exactly_as_it_was(desk: Desk, who: str) -> None:
    o = desk.register()
    o = services.dispatch(desk.uow(), desk.op, desk.clock, o.id, desk.housing)
    before = copy.deepcopy(desk.store)
    actor = desk.op if who == "op" else desk.other
    with pytest.raises((PermissionDenied, WrongDepartment)):
        services.sign_for(desk.uow(), actor, desk.clock, o.assignments[0].id)
    assert desk.store == before


def test_a_wrong_state_is_refused_and_nothing_is_written(desk: Desk) -> None:
    o = desk.register()
    before = copy.deepcopy(desk.store)
    with pytest.raises(IllegalTransition) as err:
        services.accept_reply(desk.uow(), desk.op, desk.clock, o.id)
    assert o.ticket_no in err.value.message_en and "已登记" in err.value.message_zh
    assert desk.store == before


def test_a_duplicate_closes_with_its_original(desk: Desk) -> None:
    first = desk.register()
    desk.clock.advance(minutes=10)
    second = desk.register(content="同一部电梯又困人了")
    services.link_duplicate(desk.uow(), desk.op, desk.clock, second.id, first.id)
    services.close_directly(desk.uow(), desk.op, desk.clock, first.id, "已告知物业电话")
    dup = desk.store.orders[second.id]
    assert dup.state is OrderState.CLOSED and dup.close_kind is CloseKind.DUPLICATE
    assert replay(desk.store.events[second.id]).state is OrderState.CLOSED


def test_anonymous_is_only_for_reports(desk: Desk) -> None:
    with pytest.raises(ValidationError) as err:
        desk.register(anonymous=True, caller_phone="")
    assert "举报" in err.value.message_zh
    o = desk.register(anonymous=True, caller_phone="", request_type=RequestType.REPORT)
    assert desk.store.orders[o.id].caller_name == ""


def test_the_sweep_runs_on_the_in_memory_store_too(desk: Desk) -> None:
    from core import deadlines
    from core.clock import FakeClock
    from core.model import NoticeKind

    o = desk.register()
    o = services.dispatch(desk.uow(), desk.op, desk.clock, o.id, desk.housing)
    report = deadlines.sweep(desk.uow, FakeClock(datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)))
    assert report.total_issued == 4
    kinds = [n.kind for n in desk.store.orders[o.id].notices]
    assert kinds == [NoticeKind.YELLOW, NoticeKind.RED, NoticeKind.REMINDER,
                     NoticeKind.SUPERVISION]
