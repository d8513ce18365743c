"""舆情 items on SQLite and PostgreSQL: registration, assessment (研判), responses on time and
late, the scheduler's warnings (yellow and red once each, however many sweeps), the hours an
administrator tightens, and items imported from a monitoring spreadsheet."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import intake, opinion, services
from core.calendar import SHANGHAI, WarningLevel
from core.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from core.model import EventKind, OpinionClock, OpinionRisk, OrderState
from core.opinion import OpinionHours
from core.opinion_sweep import sweep_opinion
from core.opinion_view import opinion_view
from core.replay import replay
from db import models as r
from db.opinion_repository import SqlOpinionUnitOfWork, opinion_uow_factory
from tests.support.centre import Centre

Factory = Callable[..., SqlOpinionUnitOfWork]
POSTED = datetime(2026, 11, 2, 7, 30, tzinfo=SHANGHAI)  # the clock stands at 09:00


@pytest.fixture
def uows(centre: Centre) -> Factory:
    return opinion_uow_factory(centre.db.sessions)


def _channel(c: Centre, code: str = "opinion") -> int:
    with c.db.uow(write=False) as uow:
        channel = uow.reference.channel_by_code(code)
        assert channel is not None
        return channel.id


def _register(c: Centre, uows: Factory, posted: datetime | None = POSTED,
              **kw: object) -> services.OrderSummary:
    reg = services.Registration(channel_id=_channel(c),
                                content="微博网友发帖称某小区电梯坠落致人受伤",
                                title="电梯坠落舆情", **kw)  # type: ignore[arg-type]
    return opinion.register_opinion(uows(), c.operator, c.clock, reg, platform=" 微博 ",
                                    link="https://weibo.com/123", posted_at=posted, reach=3200)


def _item(uows: Factory, order_id: int) -> opinion.OpinionItem:
    with uows(write=False) as uow:
        item = uow.opinions.get(order_id)
        assert item is not None
        return item


def _events(c: Centre, order_id: int, kind: EventKind | None = None) -> list:
    with c.db.uow(write=False) as uow:
        events = uow.orders.events(order_id)
    return [e for e in events if kind is None or e.kind is kind]


def _count(c: Centre, table: type) -> int:
    with c.db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_a_registered_item_starts_with_the_48_hour_response_clock(centre: Centre,
                                                                  uows: Factory) -> None:
    c = centre
    o = _register(c, uows)
    item = _item(uows, o.id)
    assert (item.platform, item.link, item.reach) == ("微博", "https://weibo.com/123", 3200)
    assert item.posted_at == POSTED and item.risk_level is None
    assert item.response_due == POSTED + timedelta(hours=48)
    assert item.info_due is None and item.conference_due is None
    registered = _events(c, o.id)[0]
    assert registered.payload["opinion"]["platform"] == "微博"
    # posting time unknown: from the registration
    later = _register(c, uows, posted=None)
    assert _item(uows, later.id).response_due == c.clock.now() + timedelta(hours=48)


@pytest.mark.parametrize("change, field", [
    ({"platform": ""}, "platform"),
    ({"platform": "平" * 51}, "platform"),
    ({"link": "h" * 501}, "link"),
    ({"posted_at": "future"}, "posted at"),
    ({"reach": -1}, "reach"),
])
def test_bad_monitoring_details_store_nothing(centre: Centre, uows: Factory, change: dict,
                                              field: str) -> None:
    c = centre
    args: dict = {"platform": "微博", "link": "", "posted_at": POSTED, "reach": 0, **change}
    if args["posted_at"] == "future":
        args["posted_at"] = c.clock.now() + timedelta(minutes=1)
    reg = services.Registration(channel_id=_channel(c), content="舆情内容")
    with pytest.raises(ValidationError) as refused:
        opinion.register_opinion(uows(), c.operator, c.clock, reg, **args)
    assert refused.value.params["field"] == field
    assert _count(c, r.WorkOrder) == 0 and _count(c, r.OpinionItem) == 0


def test_only_a_public_opinion_channel_takes_an_item(centre: Centre, uows: Factory) -> None:
    c = centre
    reg = services.Registration(channel_id=c.portal, content="网站留言")
    with pytest.raises(ValidationError) as refused:
        opinion.register_opinion(uows(), c.operator, c.clock, reg, platform="微博")
    assert "不是舆情监测渠道" in refused.value.message_zh
    with pytest.raises(PermissionDenied):
        opinion.register_opinion(uows(), c.housing_staff, c.clock,
                                 services.Registration(channel_id=_channel(c), content="x"),
                                 platform="微博")
    assert _count(c, r.WorkOrder) == 0


def test_assessment_sets_the_clocks_of_the_level(centre: Centre, uows: Factory) -> None:
    c = centre
    o = _register(c, uows)
    c.clock.advance(minutes=20)
    summary = opinion.assess_opinion(uows(), c.supervisor, c.clock, o.id, OpinionRisk.SERIOUS,
                                     c.housing, note="涉及人身安全")
    assert summary.state is OrderState.REGISTERED and summary.version == o.version + 1
    item = _item(uows, o.id)
    assert item.info_due == POSTED + timedelta(hours=5)
    assert item.conference_due == POSTED + timedelta(hours=24)
    assert item.response_due is None
    assert (item.risk_level, item.department_id, item.assessed_by) == (
        OpinionRisk.SERIOUS, c.housing, c.supervisor.user_id)
    event = _events(c, o.id, EventKind.OPINION_ASSESSED)[-1]
    assert {k: datetime.fromisoformat(v) for k, v in event.payload["dues"].items()} == {
        "info": POSTED + timedelta(hours=5), "conference": POSTED + timedelta(hours=24)}
    # assessed again as 较大: back to one 48-hour response clock
    opinion.assess_opinion(uows(), c.operator, c.clock, o.id, OpinionRisk.MAJOR, c.urban)
    item = _item(uows, o.id)
    assert item.response_due == POSTED + timedelta(hours=48) and item.info_due is None
    assert _events(c, o.id)[-1].payload["previous_risk_level"] == "serious"
    assert replay(_events(c, o.id)).state is OrderState.REGISTERED
    with pytest.raises(NotFound):
        opinion.assess_opinion(uows(), c.operator, c.clock, o.id, OpinionRisk.MAJOR, 999)


def test_responses_on_time_and_late(centre: Centre, uows: Factory) -> None:
    c = centre
    o = _register(c, uows)
    opinion.assess_opinion(uows(), c.operator, c.clock, o.id, OpinionRisk.VERY_SERIOUS,
                           c.housing)
    c.clock.set(POSTED + timedelta(hours=6))
    info_at = POSTED + timedelta(hours=5)  # exactly at the due: on time
    opinion.record_opinion_response(uows(), c.operator, c.clock, o.id, OpinionClock.INFO,
                                    info_at, " 市政府网站 ", "https://gov.cn/a")
    c.clock.set(POSTED + timedelta(hours=30))
    conference_at = POSTED + timedelta(hours=24, minutes=1)  # one minute late
    opinion.record_opinion_response(uows(), c.operator, c.clock, o.id, OpinionClock.CONFERENCE,
                                    conference_at, "新闻发布会")
    view = opinion_view(uows(write=False), c.operator, o.id, c.clock.now())
    assert view is not None
    assert [(x.clock, x.on_time, x.level) for x in view.clocks] == [
        (OpinionClock.INFO, True, WarningLevel.NONE),
        (OpinionClock.CONFERENCE, False, WarningLevel.NONE)]
    assert [(x.clock, x.channel, x.on_time) for x in view.responses] == [
        (OpinionClock.INFO, "市政府网站", True), (OpinionClock.CONFERENCE, "新闻发布会", False)]
    item = _item(uows, o.id)
    assert (item.info_at, item.conference_at) == (info_at, conference_at)
    assert item.response_channel == "新闻发布会" and item.response_link == ""


def test_refused_responses(centre: Centre, uows: Factory) -> None:
    c = centre
    o = _register(c, uows)
    now = c.clock.now()
    cases: list[tuple[OpinionClock, datetime, str, type[Exception]]] = [
        (OpinionClock.INFO, now, "网站", ValidationError),  # not among the clocks (not serious)
        (OpinionClock.RESPONSE, POSTED - timedelta(minutes=1), "网站", ValidationError),
        (OpinionClock.RESPONSE, now + timedelta(minutes=1), "网站", ValidationError),
        (OpinionClock.RESPONSE, now, "  ", ValidationError),
    ]
    for kind, at, channel, error in cases:
        with pytest.raises(error):
            opinion.record_opinion_response(uows(), c.operator, c.clock, o.id, kind, at, channel)
    with pytest.raises(PermissionDenied):
        opinion.record_opinion_response(uows(), c.housing_staff, c.clock, o.id,
                                        OpinionClock.RESPONSE, now, "网站")
    assert _events(c, o.id, EventKind.OPINION_RESPONDED) == []
    closed = _register(c, uows, category_id=c.lift)
    services.close_directly(c.db.uow(), c.operator, c.clock, closed.id, "已核实为谣言并澄清")
    with pytest.raises(IllegalTransition):
        opinion.record_opinion_response(uows(), c.operator, c.clock, closed.id,
                                        OpinionClock.RESPONSE, now, "网站")


def test_the_sweep_warns_yellow_then_red_once_each(centre: Centre, uows: Factory) -> None:
    c = centre
    o = _register(c, uows)
    opinion.assess_opinion(uows(), c.operator, c.clock, o.id, OpinionRisk.SERIOUS, c.housing)
    assert sweep_opinion(uows, c.clock).total_issued == 0  # 1.5 h of 5 h gone
    c.clock.set(POSTED + timedelta(hours=3, minutes=45))  # exactly 25 % left: not yet
    assert sweep_opinion(uows, c.clock).total_issued == 0
    c.clock.advance(minutes=1)
    first, second = sweep_opinion(uows, c.clock), sweep_opinion(uows, c.clock)
    assert first.issued == {"yellow": 1, "red": 0} and second.total_issued == 0
    assert _item(uows, o.id).warning_level == "yellow"
    c.clock.set(POSTED + timedelta(hours=5, seconds=1))
    assert sweep_opinion(uows, c.clock).issued == {"yellow": 0, "red": 1}
    assert sweep_opinion(uows, c.clock).total_issued == 0
    warnings = _events(c, o.id, EventKind.OPINION_WARNING)
    assert [(e.payload["clock"], e.payload["level"]) for e in warnings] == [
        ("info", "yellow"), ("info", "red")]
    assert all(e.actor_id is None and e.to_state is OrderState.REGISTERED for e in warnings)
    assert "舆情超期" in warnings[-1].payload["text"]
    # the conference clock (24 h) turns yellow at 18 h: its own warning
    c.clock.set(POSTED + timedelta(hours=18, minutes=1))
    assert sweep_opinion(uows, c.clock).issued == {"yellow": 1, "red": 0}
    # published: the item is no longer late, nothing more is issued
    opinion.record_opinion_response(uows(), c.operator, c.clock, o.id, OpinionClock.INFO,
                                    c.clock.now(), "网站")
    opinion.record_opinion_response(uows(), c.operator, c.clock, o.id, OpinionClock.CONFERENCE,
                                    c.clock.now(), "发布会")
    assert _item(uows, o.id).warning_level == "none"
    c.clock.advance(hours=10)
    assert sweep_opinion(uows, c.clock).checked == 0
    assert len(_events(c, o.id, EventKind.OPINION_WARNING)) == 3
    assert replay(_events(c, o.id)).state is OrderState.REGISTERED


def test_an_item_first_seen_overdue_gets_only_red(centre: Centre, uows: Factory) -> None:
    c = centre
    o = _register(c, uows, posted=c.clock.now() - timedelta(hours=50))
    assert sweep_opinion(uows, c.clock).issued == {"yellow": 0, "red": 1}
    c.clock.advance(hours=1)
    assert sweep_opinion(uows, c.clock).total_issued == 0
    assert [e.payload["level"] for e in _events(c, o.id, EventKind.OPINION_WARNING)] == ["red"]


def test_two_sweeps_at_the_same_time_warn_once(centre: Centre, uows: Factory) -> None:
    c = centre
    orders = [_register(c, uows, posted=c.clock.now() - timedelta(hours=40)) for _ in range(4)]
    start = threading.Barrier(2)
    reports = []

    def run() -> None:
        start.wait()
        reports.append(sweep_opinion(uows, c.clock))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(rep.issued["yellow"] for rep in reports) == 4
    assert all(not rep.errors for rep in reports)
    for o in orders:
        assert len(_events(c, o.id, EventKind.OPINION_WARNING)) == 1


def test_an_administrator_tightens_the_hours(centre: Centre, uows: Factory) -> None:
    c = centre
    assert opinion.opinion_hours(uows(write=False)) == OpinionHours(5, 24, 48)
    with pytest.raises(ValidationError):  # looser than the State Council's: refused
        opinion.set_opinion_hours(uows(), c.admin, OpinionHours(6, 24, 48))
    with pytest.raises(ValidationError):
        opinion.set_opinion_hours(uows(), c.admin, OpinionHours(3, 0, 48))
    with pytest.raises(PermissionDenied):
        opinion.set_opinion_hours(uows(), c.supervisor, OpinionHours(3, 12, 24))
    o = _register(c, uows)
    opinion.set_opinion_hours(uows(), c.admin, OpinionHours(3, 12, 24))
    assert opinion.opinion_hours(uows(write=False)) == OpinionHours(3, 12, 24)
    assert _item(uows, o.id).response_due == POSTED + timedelta(hours=48)  # set before
    opinion.assess_opinion(uows(), c.operator, c.clock, o.id, OpinionRisk.SERIOUS, c.housing)
    item = _item(uows, o.id)
    assert (item.info_due, item.conference_due) == (POSTED + timedelta(hours=3),
                                                    POSTED + timedelta(hours=12))
    assert _item(uows, _register(c, uows).id).response_due == POSTED + timedelta(hours=24)
    with c.db.uow(write=False) as uow:  # the desk's other rules are untouched
        assert uow.reference.rules().extension_cap_days == 10


def test_a_monitoring_sheet_is_imported_into_the_opinion_channel(centre: Centre,
                                                                uows: Factory,
                                                                tmp_path: Path) -> None:
    c = centre
    sheet = tmp_path / "舆情监测.csv"
    sheet.write_text(
        "序号,标题,内容,发布平台,原文链接,发布时间,转发,评论,阅读量\n"
        "YQ-1,电梯坠落,网友称小区电梯坠落,微博,https://weibo.com/1,2026-11-02 07:30,1.2万,300,"
        "50万\n"
        "YQ-2,停水三天,论坛帖子反映停水,本地论坛,,2026-11-01 20:00,,,\n"
        "YQ-3,坏数据,内容,微博,,2026-11-01 20:00,很多,,\n", encoding="utf-8")
    report = intake.import_file(uows, c.operator, c.clock, sheet, source="opinion")
    assert (report.accepted, len(report.rejected)) == (2, 1)
    assert "不是数字" in report.rejected[0].reason_zh
    first, second = (_item(uows, i) for i in report.order_ids)
    assert (first.platform, first.link, first.reach) == ("微博", "https://weibo.com/1", 12300)
    assert first.response_due == POSTED + timedelta(hours=48)
    assert (second.platform, second.reach, second.link) == ("本地论坛", 0, "")
    with c.db.uow(write=False) as uow:
        assert uow.orders.get(first.order_id).channel_id == _channel(c)
    again = intake.import_file(uows, c.operator, c.clock, sheet, source="opinion")
    assert (again.accepted, again.known) == (0, 2)
    assert _count(c, r.OpinionItem) == 2


def test_the_command_line_shows_and_tightens_the_hours(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "d.db"), *args],
                              cwd=root, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)

    assert "5 h" in run("opinion-hours").stdout
    tightened = run("opinion-hours", "--info", "3", "--response", "24")
    assert tightened.returncode == 0 and "3 h" in tightened.stdout and "24 h" in tightened.stdout
    looser = run("opinion-hours", "--conference", "30")
    assert looser.returncode == 1 and "国务院" in looser.stderr
    swept = run("sweep")
    assert swept.returncode == 0 and "舆情预警" in swept.stdout
