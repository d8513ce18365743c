"""The 舆情 clocks without a database: the due is exactly start + N natural hours, tightened
hours, the warning levels and "each warning once", the weekly figures, and reach in sheets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.calendar import SHANGHAI, WarningLevel
from core.errors import ValidationError
from core.model import OpinionClock, OpinionRisk
from core.opinion import (
    STATE_COUNCIL_HOURS,
    OpinionHours,
    OpinionItem,
    check_hours,
    clock_level,
    clock_start,
    clocks_for,
    due_warnings,
    dues_for,
    item_level,
    set_clocks,
)
from core.opinion_stats import OpinionRecord, judge, opinion_figures
from core.sheet_import import read_sheet

zones = st.sampled_from([UTC, SHANGHAI, timezone(timedelta(hours=-5))])
instants = st.builds(lambda naive, tz: naive.replace(tzinfo=tz),
                     st.datetimes(min_value=datetime(2000, 1, 1),
                                  max_value=datetime(2100, 1, 1)), zones)
risks = st.sampled_from([*OpinionRisk, None])
hours = st.builds(OpinionHours, st.integers(1, 5), st.integers(1, 24), st.integers(1, 48))


@given(risks, instants, hours)
def test_each_due_is_exactly_start_plus_its_hours(risk, start, limits) -> None:
    dues = dues_for(risk, start, limits)
    serious = risk in (OpinionRisk.VERY_SERIOUS, OpinionRisk.SERIOUS)
    assert set(dues) == ({OpinionClock.INFO, OpinionClock.CONFERENCE} if serious
                         else {OpinionClock.RESPONSE})
    for clock, due in dues.items():
        assert due - start == timedelta(hours=limits.of(clock))  # natural hours: no calendar
        assert due.astimezone(UTC) == start.astimezone(UTC) + timedelta(hours=limits.of(clock))


def test_the_state_council_rules() -> None:
    start = datetime(2026, 10, 1, 22, 0, tzinfo=SHANGHAI)  # a holiday night: hours still run
    assert dues_for(OpinionRisk.VERY_SERIOUS, start, STATE_COUNCIL_HOURS) == {
        OpinionClock.INFO: datetime(2026, 10, 2, 3, 0, tzinfo=SHANGHAI),
        OpinionClock.CONFERENCE: datetime(2026, 10, 2, 22, 0, tzinfo=SHANGHAI)}
    for level in (OpinionRisk.MAJOR, OpinionRisk.GENERAL, None):
        assert dues_for(level, start, STATE_COUNCIL_HOURS) == {
            OpinionClock.RESPONSE: datetime(2026, 10, 3, 22, 0, tzinfo=SHANGHAI)}


@given(instants, st.one_of(st.none(), instants))
def test_clocks_start_at_the_posting_when_known(registered, posted) -> None:
    assert clock_start(posted, registered) == (posted if posted is not None else registered)


@given(st.integers(1, 5), st.integers(1, 24), st.integers(1, 48))
def test_tightened_hours_are_accepted(info, conference, response) -> None:
    limits = OpinionHours(info, conference, response)
    assert check_hours(limits) is limits


@pytest.mark.parametrize("limits", [OpinionHours(6, 24, 48), OpinionHours(5, 25, 48),
                                    OpinionHours(5, 24, 49), OpinionHours(0, 24, 48),
                                    OpinionHours(5, 24, True)])  # type: ignore[arg-type]
def test_loosened_or_odd_hours_are_refused(limits) -> None:
    with pytest.raises(ValidationError) as refused:
        check_hours(limits)
    assert "国务院" in refused.value.message_zh


@given(instants, st.integers(1, 48), st.integers(-3 * 3600, 60 * 3600))
def test_levels_follow_the_quarter_rule(start, n, seconds) -> None:
    item = OpinionItem(1)
    set_clocks(item, start, OpinionHours(5, 24, n))
    due = start + timedelta(hours=n)
    now = start + timedelta(seconds=seconds)
    level = clock_level(item, OpinionClock.RESPONSE, start, now)
    if now > due:
        assert level is WarningLevel.RED
    elif (due - now) * 4 < due - start:
        assert level is WarningLevel.YELLOW
    else:
        assert level is WarningLevel.NONE
    assert item_level(item, start, now) is level
    item.responded_at = now
    assert clock_level(item, OpinionClock.RESPONSE, start, now) is WarningLevel.NONE


@given(risks, instants, st.lists(st.integers(0, 40 * 3600), min_size=1, max_size=12))
def test_each_warning_is_issued_once_and_no_yellow_after_red(risk, start, steps) -> None:
    item = OpinionItem(1, risk_level=risk)
    set_clocks(item, start, STATE_COUNCIL_HOURS)
    issued: set[tuple[str, str]] = set()
    order: list[tuple[str, str]] = []
    for seconds in sorted(steps):
        now = start + timedelta(seconds=seconds)
        for clock, level in due_warnings(item, start, now, issued):
            key = (clock.value, level.value)
            assert key not in issued
            issued.add(key)
            order.append(key)
        assert due_warnings(item, start, now, issued) == []  # a second sweep: nothing
    for clock in clocks_for(risk):
        levels = [lvl for c, lvl in order if c == clock.value]
        assert levels in ([], ["yellow"], ["red"], ["yellow", "red"])


def test_judging_a_clock_at_the_snapshot() -> None:
    due = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    at = due + timedelta(hours=1)
    assert judge(due, due, at).on_time == 1
    assert judge(due, due + timedelta(seconds=1), at).late == 1
    assert judge(due, None, at).late == 1
    assert judge(due, None, due - timedelta(hours=1)).pending == 1
    assert judge(due, at + timedelta(minutes=1), at).late == 1  # published after the snapshot


def test_weekly_figures_by_level() -> None:
    t = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    h = timedelta(hours=1)
    records = [
        OpinionRecord("A", OpinionRisk.SERIOUS, t, t + 5 * h, t + 4 * h, t + 24 * h,
                      t + 30 * h, None, None),
        OpinionRecord("B", OpinionRisk.GENERAL, t, None, None, None, None, t + 48 * h,
                      t + 10 * h),
        OpinionRecord("C", None, t, None, None, None, None, t + 48 * h, None),
    ]
    figures = opinion_figures(records, t + 100 * h)
    assert figures.items == 3
    rows = {row.level: row for row in figures.levels}
    assert set(rows) == {*OpinionRisk, None}
    serious = dict(rows[OpinionRisk.SERIOUS].clocks)
    assert (serious[OpinionClock.INFO].on_time, serious[OpinionClock.CONFERENCE].late) == (1, 1)
    assert dict(rows[None].clocks)[OpinionClock.RESPONSE].late == 1
    totals = dict(figures.clocks)
    assert totals[OpinionClock.RESPONSE].due == 2
    assert totals[OpinionClock.RESPONSE].on_time_rate == 0.5
    assert totals[OpinionClock.INFO].on_time_rate == 1.0
    assert opinion_figures([], t).clocks[0][1].on_time_rate is None


def test_reach_is_reposts_plus_comments(tmp_path: Path) -> None:
    sheet = tmp_path / "yq.csv"
    sheet.write_text("标题,发布平台,链接,转发量,评论数,阅读量\n"
                     "甲,微博,https://a,\"1,200\",1.5万,100万\n"
                     "乙,抖音,,,,\n"
                     "丙,微信,,10万+,,\n", encoding="utf-8")
    result = read_sheet(sheet)
    assert [(m.platform, m.link, m.reach) for m in result.messages] == [
        ("微博", "https://a", 16_200), ("抖音", "", None), ("微信", "", 100_000)]
    views = tmp_path / "views.csv"
    views.write_text("标题,阅读量\n甲,3000\n", encoding="utf-8")
    assert read_sheet(views).messages[0].reach == 3000
