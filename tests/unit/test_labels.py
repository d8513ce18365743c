from __future__ import annotations

from enum import StrEnum

import pytest

from core import labels
from core.model import (
    AssignmentState,
    CallbackOutcome,
    ChannelKind,
    CloseKind,
    EventKind,
    NoticeKind,
    OrderState,
    RequestType,
    Role,
    Urgency,
)

VOCABULARIES: list[type[StrEnum]] = [OrderState, AssignmentState, CloseKind, RequestType,
                                     Urgency, CallbackOutcome, NoticeKind, Role, ChannelKind,
                                     EventKind]


@pytest.mark.parametrize("enum", VOCABULARIES)
def test_every_term_has_a_chinese_and_an_english_name(enum: type[StrEnum]) -> None:
    for member in enum:
        zh, en = labels.label(member)
        assert zh and en and zh != en


def test_terms_that_share_a_value_keep_their_own_names() -> None:
    # "closed" is both an order state and an event kind; "replied" is three things
    assert labels.zh(OrderState.CLOSED) == "已办结"
    assert labels.zh(EventKind.CLOSED) == "办结"
    assert labels.zh(AssignmentState.REPLIED) == "已回复"
    assert labels.zh(OrderState.REPLIED) == "已回复待审核"
    assert labels.zh(EventKind.REPLIED) == "回复"


def test_choices_are_accepted_in_either_language() -> None:
    assert labels.parse_choice(Role, "话务员") is Role.OPERATOR
    assert labels.parse_choice(Role, "Supervisor") is Role.SUPERVISOR
    assert labels.parse_choice(RequestType, "举报") is RequestType.REPORT
    assert labels.parse_choice(Role, "janitor") is None
