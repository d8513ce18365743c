"""Administrators edit the time-limit policies and the rules; dispatches follow them."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from core import admin, services
from core.calendar import SHANGHAI, Limit, LimitUnit
from core.errors import PermissionDenied, RuleViolation, ValidationError
from core.model import RequestType, Urgency
from core.policy import DeskRules, TimeLimitPolicy, default_policy
from tests.support.centre import Centre


def test_the_default_policies_are_domain_md_section_4(centre: Centre) -> None:
    with centre.db.uow() as uow:
        help_normal = uow.reference.policy(RequestType.HELP, Urgency.NORMAL)
        praise = uow.reference.policy(RequestType.PRAISE, Urgency.NORMAL)
        complaint_urgent = uow.reference.policy(RequestType.COMPLAINT, Urgency.URGENT)
        report_critical = uow.reference.policy(RequestType.REPORT, Urgency.CRITICAL)
    assert help_normal.sign == Limit(LimitUnit.WORKING_DAYS, 1)
    assert help_normal.reply == Limit(LimitUnit.WORKING_DAYS, 5)
    assert help_normal.return_window == Limit(LimitUnit.WORKING_DAYS, 2)
    assert praise.reply == Limit(LimitUnit.WORKING_DAYS, 3)
    assert complaint_urgent.sign == Limit(LimitUnit.HOURS, 1)
    assert complaint_urgent.reply == Limit(LimitUnit.HOURS, 24)
    assert report_critical.sign == Limit(LimitUnit.MINUTES, 30)
    assert report_critical.reply == Limit(LimitUnit.HOURS, 2)
    assert report_critical.return_window == Limit(LimitUnit.MINUTES, 30)


def test_an_edited_policy_sets_the_next_dispatchs_clocks(centre: Centre) -> None:
    c = centre
    base = default_policy(RequestType.HELP, Urgency.NORMAL)
    admin.set_policy(c.db.uow(), c.admin, TimeLimitPolicy(
        RequestType.HELP, Urgency.NORMAL, sign=Limit(LimitUnit.HOURS, 4),
        reply=Limit(LimitUnit.WORKING_DAYS, 7), return_window=base.return_window,
        callback=base.callback))
    o = c.dispatched()  # Monday 2 November 2026, 09:00
    a = o.assignments[0]
    assert a.sign_due.astimezone(SHANGHAI) == datetime(2026, 11, 2, 13, 0, tzinfo=SHANGHAI)
    assert a.reply_due.astimezone(SHANGHAI) == datetime(2026, 11, 11, 23, 59, 59,
                                                         tzinfo=SHANGHAI)


def test_only_an_administrator_edits_policies_and_rules(centre: Centre) -> None:
    c = centre
    with pytest.raises(PermissionDenied):
        admin.set_policy(c.db.uow(), c.supervisor, default_policy(RequestType.HELP,
                                                                   Urgency.NORMAL))
    with pytest.raises(PermissionDenied):
        admin.set_rules(c.db.uow(), c.operator, DeskRules())


def test_the_extension_cap_and_the_end_of_day_are_adjustable(centre: Centre) -> None:
    c = centre
    admin.set_rules(c.db.uow(), c.admin, DeskRules(extension_cap_days=3,
                                                    end_of_day=time(17, 30)))
    o = c.dispatched()
    a = o.assignments[0]
    assert a.reply_due.astimezone(SHANGHAI) == datetime(2026, 11, 9, 17, 30, tzinfo=SHANGHAI)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a.id)
    with pytest.raises(RuleViolation) as err:
        services.request_extension(c.db.uow(), c.housing_staff, c.clock, a.id, 4, "需要协调")
    assert "3" in err.value.message_en and "3" in err.value.message_zh


def test_nonsense_rules_are_refused(centre: Centre) -> None:
    with pytest.raises(ValidationError):
        admin.set_rules(centre.db.uow(), centre.admin, DeskRules(extension_cap_days=0))
    with pytest.raises(ValidationError):
        admin.set_rules(centre.db.uow(), centre.admin, DeskRules(callback_max_attempts=99))
