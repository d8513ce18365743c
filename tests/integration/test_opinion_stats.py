"""The weekly sheet's 舆情 section on SQLite and PostgreSQL: items registered in the week by risk
level, and each clock met on time, late or still pending at the week's end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from core import opinion, services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import OpinionClock, OpinionRisk
from core.opinion_stats import ClockFigures
from core.stats import weekly_report
from core.stats_model import Period
from core.weekly_sheet import OPINION_SHEET, write_weekly_sheet
from db.opinion_repository import opinion_uow_factory
from db.stats_queries import stats_reader
from tests.support.centre import Centre

W45 = Period.week(2026, 45)  # Monday 2 November 2026


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def build(c: Centre) -> None:
    uows = opinion_uow_factory(c.db.sessions)
    with c.db.uow(write=False) as uow:
        channel = uow.reference.channel_by_code("opinion")
        assert channel is not None

    def item(when: datetime, posted: datetime | None) -> int:
        c.clock.set(when)
        reg = services.Registration(channel_id=channel.id, content="网络舆情")
        return opinion.register_opinion(uows(), c.operator, c.clock, reg, platform="微博",
                                        posted_at=posted).id

    def assess(order_id: int, level: OpinionRisk) -> None:
        opinion.assess_opinion(uows(), c.supervisor, c.clock, order_id, level, c.housing)

    def respond(when: datetime, order_id: int, kind: OpinionClock, published: datetime) -> None:
        c.clock.set(when)
        opinion.record_opinion_response(uows(), c.operator, c.clock, order_id, kind,
                                        published, "政府网站")

    # A: 重大, posted Monday 08:00: information 10:00 (on time), conference Tuesday 09:00 (late)
    a = item(at(2026, 11, 2, 9, 0), at(2026, 11, 2, 8, 0))
    assess(a, OpinionRisk.SERIOUS)
    respond(at(2026, 11, 2, 11, 0), a, OpinionClock.INFO, at(2026, 11, 2, 10, 0))
    respond(at(2026, 11, 3, 10, 0), a, OpinionClock.CONFERENCE, at(2026, 11, 3, 9, 0))
    # B: 一般, answered within 48 h
    b = item(at(2026, 11, 4, 9, 0), None)
    assess(b, OpinionRisk.GENERAL)
    respond(at(2026, 11, 5, 9, 0), b, OpinionClock.RESPONSE, at(2026, 11, 5, 8, 0))
    # C: not assessed, unanswered, due Thursday: late at the week's end
    item(at(2026, 11, 3, 9, 0), at(2026, 11, 3, 8, 0))
    # D: registered Sunday night, due Tuesday: pending at the week's end
    item(at(2026, 11, 8, 22, 0), None)
    # E: the week before: not counted
    item(at(2026, 10, 30, 9, 0), None)


def test_the_opinion_section_of_the_weekly_report(centre: Centre, tmp_path: Path) -> None:
    c = centre
    build(c)
    clock = FakeClock(at(2026, 11, 9, 8, 0))
    report = weekly_report(lambda: stats_reader(c.db), c.supervisor, clock, W45)
    figures = report.opinion
    assert figures is not None
    assert figures.items == 4 and figures.at == W45.end
    rows = {row.level: row for row in figures.levels}
    assert rows[OpinionRisk.SERIOUS].items == 1
    assert dict(rows[OpinionRisk.SERIOUS].clocks) == {
        OpinionClock.INFO: ClockFigures(1, on_time=1),
        OpinionClock.CONFERENCE: ClockFigures(1, late=1)}
    assert dict(rows[OpinionRisk.GENERAL].clocks) == {
        OpinionClock.RESPONSE: ClockFigures(1, on_time=1)}
    assert rows[None].items == 2
    assert dict(rows[None].clocks) == {OpinionClock.RESPONSE: ClockFigures(2, late=1,
                                                                           pending=1)}
    totals = dict(figures.clocks)
    assert totals[OpinionClock.RESPONSE] == ClockFigures(3, on_time=1, late=1, pending=1)
    assert totals[OpinionClock.RESPONSE].on_time_rate == 0.5

    path = write_weekly_sheet(report, tmp_path / "w45.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == OPINION_SHEET
    ws = wb[OPINION_SHEET]
    table = [[cell.value for cell in row] for row in ws.iter_rows(min_row=3, max_col=8)]
    assert table[0] == ["风险等级", "舆情量", "处置要求", "应办", "按时", "超时", "未到期",
                        "按时率"]
    assert ["重大", 1, "发布权威信息", 1, 1, 0, 0, 1.0] in table
    assert ["重大", 1, "召开新闻发布会", 1, 0, 1, 0, 0.0] in table
    assert ["未研判", 2, "回应", 2, 0, 1, 1, 0.0] in table
    assert ["合计", 4, "回应", 3, 1, 1, 1, 0.5] in table
    assert ["特别重大", 0, "发布权威信息", 0, 0, 0, 0, None] in table
    texts = " ".join(str(v) for row in table for v in row if v)
    assert "按时 ÷（按时＋超时）" in texts and "本期登记的舆情工单" in texts


def test_a_week_without_items_still_has_the_section(centre: Centre, tmp_path: Path) -> None:
    c = centre
    clock = FakeClock(at(2026, 11, 9, 8, 0))
    report = weekly_report(lambda: stats_reader(c.db), c.supervisor, clock, W45)
    assert report.opinion is not None and report.opinion.items == 0
    path = write_weekly_sheet(report, tmp_path / "empty.xlsx")
    ws = load_workbook(path)[OPINION_SHEET]
    assert ws.cell(4, 1).value == "特别重大" and ws.cell(4, 8).value is None
