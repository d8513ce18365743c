"""Time-limit policies (request type x urgency) and the desk's adjustable rules.

The defaults are DOMAIN.md section 4; an administrator edits them in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from core.calendar import Limit, LimitUnit
from core.model import RequestType, Urgency

WD = LimitUnit.WORKING_DAYS
HOURS = LimitUnit.HOURS
MINUTES = LimitUnit.MINUTES


@dataclass(frozen=True)
class TimeLimitPolicy:
    """The clocks for one request type at one urgency.

    ``sign``: sign-for due after dispatch; ``reply``: reply due after dispatch;
    ``return_window``: how long after dispatch a department may ask to return the order;
    ``callback``: callback due after the reply is accepted.
    """

    request_type: RequestType
    urgency: Urgency
    sign: Limit
    reply: Limit
    return_window: Limit
    callback: Limit


@dataclass(frozen=True)
class DeskRules:
    """Rules that DOMAIN.md gives as defaults an administrator may change."""

    extension_cap_days: int = 10
    callback_max_attempts: int = 3
    end_of_day: time = time(23, 59, 59)


_REPLY_NORMAL_DAYS = {
    RequestType.CONSULTATION: 3,
    RequestType.PRAISE: 3,
    RequestType.HELP: 5,
    RequestType.COMPLAINT: 10,
    RequestType.REPORT: 10,
    RequestType.SUGGESTION: 10,
    RequestType.OTHER: 10,
}


def default_policy(request_type: RequestType, urgency: Urgency) -> TimeLimitPolicy:
    """DOMAIN.md's default clocks for one cell of the policy table."""
    callback = Limit(WD, 1)
    if urgency is Urgency.NORMAL:
        return TimeLimitPolicy(
            request_type,
            urgency,
            sign=Limit(WD, 1),
            reply=Limit(WD, _REPLY_NORMAL_DAYS[request_type]),
            return_window=Limit(WD, 2),
            callback=callback,
        )
    if urgency is Urgency.URGENT:
        return TimeLimitPolicy(
            request_type,
            urgency,
            sign=Limit(HOURS, 1),
            reply=Limit(HOURS, 24),
            return_window=Limit(HOURS, 1),
            callback=callback,
        )
    return TimeLimitPolicy(
        request_type,
        urgency,
        sign=Limit(MINUTES, 30),
        reply=Limit(HOURS, 2),
        return_window=Limit(MINUTES, 30),
        callback=callback,
    )


def default_policies() -> list[TimeLimitPolicy]:
    return [default_policy(rt, u) for rt in RequestType for u in Urgency]
