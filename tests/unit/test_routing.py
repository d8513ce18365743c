"""Routing suggestions and the deadlines the dispatch dialog previews."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from core import services
from core.calendar import SHANGHAI, LimitUnit
from core.clock import FakeClock
from core.model import Actor, ChannelKind, RequestType, Role, Urgency
from core.routing import (
    preview_deadlines,
    registration_choices,
    suggested_department,
)
from tests.support.fakes import FakeStore, FakeUnitOfWork


class Centre:
    def __init__(self) -> None:
        self.store = FakeStore()
        with self.uow() as uow:
            ref = uow.reference
            self.housing = ref.add_department("ZJJ", "市住建局", None)
            self.urban = ref.add_department("CGJ", "市城管局", None)
            self.top = ref.add_category("01", "城乡建设", None, 1, None)
            self.mid = ref.add_category("0101", "物业管理", self.top, 2, self.urban)
            self.lift = ref.add_category("010102", "电梯故障", self.mid, 3, self.housing)
            self.fees = ref.add_category("010101", "物业收费", self.mid, 3, None)
            self.water = ref.add_category("03", "水电气暖", None, 1, None)
            self.supply = ref.add_category("0301", "供水", self.water, 2, None)
            self.outage = ref.add_category("030101", "停水", self.supply, 3, None)
            uow.commit()

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)


@pytest.fixture
def centre() -> Centre:
    return Centre()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_choices_come_in_tree_order_with_paths_and_routes(centre: Centre) -> None:
    choices = registration_choices(centre.uow())
    assert [c.name for c in choices.categories] == [
        "城乡建设", "物业管理", "物业收费", "电梯故障", "水电气暖", "供水", "停水"]
    lift = choices.category(centre.lift)
    assert lift is not None and lift.is_leaf
    assert lift.path == ("城乡建设", "物业管理", "电梯故障")
    assert lift.department_id == centre.housing
    assert [c.kind for c in choices.channels] == [ChannelKind.HOTLINE, ChannelKind.ONLINE]
    assert [d.name for d in choices.departments] == ["市住建局", "市城管局"]


def test_the_suggestion_is_the_category_rule_else_the_nearest_ancestor(centre: Centre) -> None:
    assert suggested_department(centre.uow(), centre.lift) == centre.housing
    assert suggested_department(centre.uow(), centre.fees) == centre.urban  # from 物业管理
    assert suggested_department(centre.uow(), centre.outage) is None  # no rule on the way up
    assert suggested_department(centre.uow(), None) is None
    assert suggested_department(centre.uow(), 999) is None


def test_an_inactive_department_is_not_suggested(centre: Centre) -> None:
    dept = centre.store.departments[centre.housing]
    centre.store.departments[centre.housing] = replace(dept, active=False)
    assert suggested_department(centre.uow(), centre.lift) is None
    choices = registration_choices(centre.uow())
    assert [d.id for d in choices.departments] == [centre.urban]
    lift = choices.category(centre.lift)
    assert lift is not None and lift.department_id is None


def test_inactive_categories_and_their_children_are_left_out(centre: Centre) -> None:
    mid = centre.store.categories[centre.mid]
    centre.store.categories[centre.mid] = replace(mid, active=False)
    names = [c.name for c in registration_choices(centre.uow()).categories]
    assert names == ["城乡建设", "水电气暖", "供水", "停水"]


def test_normal_help_over_the_national_day_holiday(centre: Centre) -> None:
    # Wednesday 30 September 2026: 1-7 October are holidays, Saturday 10 October is worked.
    p = preview_deadlines(centre.uow(), RequestType.HELP, Urgency.NORMAL,
                          local(2026, 9, 30, 10, 0))
    assert p.sign_limit.unit is LimitUnit.WORKING_DAYS and p.sign_limit.amount == 1
    assert p.sign_due.local() == local(2026, 10, 8, 23, 59, 59)
    # 8 (Thu), 9 (Fri), 10 (Sat, make-up day), 12 (Mon), 13 (Tue)
    assert p.reply_due.local() == local(2026, 10, 13, 23, 59, 59)
    assert not p.uses_fallback


def test_a_consultation_on_friday_skips_the_weekend(centre: Centre) -> None:
    p = preview_deadlines(centre.uow(), RequestType.CONSULTATION, Urgency.NORMAL,
                          local(2026, 11, 6, 15, 30))
    assert p.sign_due.local() == local(2026, 11, 9, 23, 59, 59)
    assert p.reply_due.local() == local(2026, 11, 11, 23, 59, 59)


def test_urgent_hours_run_through_the_holiday(centre: Centre) -> None:
    p = preview_deadlines(centre.uow(), RequestType.COMPLAINT, Urgency.URGENT,
                          local(2026, 9, 30, 10, 0))
    assert p.sign_due.local() == local(2026, 9, 30, 11, 0)
    assert p.reply_due.local() == local(2026, 10, 1, 10, 0)
    critical = preview_deadlines(centre.uow(), RequestType.REPORT, Urgency.CRITICAL,
                                 local(2026, 10, 3, 23, 50))
    assert critical.sign_due.local() == local(2026, 10, 4, 0, 20)
    assert critical.reply_due.local() == local(2026, 10, 4, 1, 50)


def test_an_edited_policy_and_calendar_are_what_the_preview_uses(centre: Centre) -> None:
    from core.calendar import Limit
    from core.policy import default_policy

    policy = default_policy(RequestType.HELP, Urgency.NORMAL)
    centre.store.policies[(RequestType.HELP, Urgency.NORMAL)] = replace(
        policy, reply=Limit(LimitUnit.WORKING_DAYS, 2))
    centre.store.overrides[local(2026, 11, 3, 0, 0).date()] = False  # Tuesday off
    p = preview_deadlines(centre.uow(), RequestType.HELP, Urgency.NORMAL,
                          local(2026, 11, 2, 9, 0))
    assert p.sign_due.local() == local(2026, 11, 4, 23, 59, 59)
    assert p.reply_due.local() == local(2026, 11, 5, 23, 59, 59)


def test_a_year_without_holiday_data_is_flagged(centre: Centre) -> None:
    p = preview_deadlines(centre.uow(), RequestType.HELP, Urgency.NORMAL,
                          local(2027, 3, 1, 9, 0))
    assert p.uses_fallback and p.fallback_years == {2027}


def test_the_preview_equals_what_dispatch_stores(centre: Centre) -> None:
    clock = FakeClock(local(2026, 9, 30, 16, 45))
    op = Actor(1, "op", frozenset({Role.OPERATOR}))
    reg = services.Registration(channel_id=1, content="电梯困人", caller_phone="13800001111",
                                category_id=centre.lift, request_type=RequestType.HELP)
    order = services.register(centre.uow(), op, clock, reg)
    preview = preview_deadlines(centre.uow(), RequestType.HELP, Urgency.NORMAL, clock.now())
    dispatched = services.dispatch(centre.uow(), op, clock, order.id, centre.housing)
    lead = dispatched.lead()
    assert lead is not None
    assert (lead.sign_due, lead.reply_due) == (preview.sign_due.at, preview.reply_due.at)
