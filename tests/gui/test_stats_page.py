"""The statistics screen on a small week whose every figure is known by hand.

Week 2026-W45 (Mon 2 to Sun 8 November) on the test centre, all through the services:

- O1 lift -> 市住建局: signed, replied, accepted, callback 满意
- O2 stalls -> 市城管局: signed, replied, accepted, callback 不满意, reopened
- O3 outage -> 自来水集团: signed, replied, accepted, callback 基本满意
- O4 lift -> 市住建局: signed, replied, accepted, callback 不满意
- O5 closed directly by the operator
- O6 urgent lift -> 市住建局 (reply due in 24 hours), never replied: overdue at the end

So: received 6, direct 1, dispatched 5; 市住建局 satisfaction 1/2 = 50.0 %, 市城管局 0/1 = 0.0 %,
自来水集团 1/1 = 100.0 %, in total 2/4 = 50.0 %; one overdue open; one reopened. The desk is
opened on Monday 9 November, so the default period is that week.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QTabWidget

from core import services
from core.calendar import SHANGHAI
from core.errors import PermissionDenied, ValidationError
from core.model import CallbackOutcome, Urgency
from core.stats import weekly_report
from core.stats_model import FORMULAS_ZH, Period
from db.stats_queries import stats_reader
from gui.stats.figures import figure_def, figure_defs
from gui.stats.page import StatsPage
from gui.stats.period import Mode
from tests.gui.conftest import wait_idle
from tests.support.centre import Centre

HOUSING, URBAN, WATER = "市住房和城乡建设局", "市城市管理局", "大连市自来水集团"
W45 = Period.week(2026, 45)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def build_week(c: Centre) -> None:
    uow, op, sup = c.db.uow, c.operator, c.supervisor
    staff = {c.housing: c.housing_staff, c.urban: c.urban_staff, c.water: c.water_staff}

    def handled(category: int, department: int, outcome: CallbackOutcome, day: int) -> int:
        c.clock.set(at(2026, 11, day, 9, 0))
        o = c.register(category=category, caller_name="张三", phone="13812345678")
        o = services.dispatch(uow(), op, c.clock, o.id, department)
        [a] = [a.id for a in o.assignments]
        c.clock.advance(minutes=30)
        services.sign_for(uow(), staff[department], c.clock, a)
        c.clock.advance(hours=3)
        services.reply(uow(), staff[department], c.clock, a, "已安排处理，问题已解决。")
        c.clock.advance(hours=1)
        services.accept_reply(uow(), op, c.clock, o.id)
        c.clock.advance(hours=1)
        services.record_callback(uow(), op, c.clock, o.id, outcome, "市民的回访意见。")
        return o.id

    handled(c.lift, c.housing, CallbackOutcome.SATISFIED, 2)
    o2 = handled(c.stalls, c.urban, CallbackOutcome.UNSATISFIED, 3)
    c.clock.advance(minutes=30)
    services.reopen(uow(), sup, c.clock, o2, "市民不满意，重新办理。")
    handled(c.outage, c.water, CallbackOutcome.BASICALLY_SATISFIED, 4)
    handled(c.lift, c.housing, CallbackOutcome.UNSATISFIED, 5)
    c.clock.set(at(2026, 11, 6, 10, 0))
    o5 = c.register(content="咨询电梯年检由哪个部门负责。")
    services.close_directly(uow(), op, c.clock, o5.id, "电梯年检由市场监管部门负责。")
    c.clock.set(at(2026, 11, 6, 11, 0))
    o6 = c.register(urgency=Urgency.URGENT, caller_name="李四", phone="13900002222",
                    title="电梯困人")
    services.dispatch(uow(), op, c.clock, o6.id, c.housing)
    c.clock.set(at(2026, 11, 9, 9, 0))  # Monday of the next week


@pytest.fixture
def week(gui_centre: Centre) -> Centre:
    build_week(gui_centre)
    return gui_centre


def open_page(qtbot, make_ctx, user: str = "supervisor", language: str = "zh_CN"):  # noqa: ANN001, ANN201
    ctx = make_ctx(user, language)
    page = StatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    wait_idle(qtbot, ctx)
    return page, ctx


def table(page: StatsPage, name: str) -> QTableView:
    view = page.findChild(QTableView, name)
    assert view is not None
    return view


def rows(view: QTableView) -> list[dict[str, str]]:
    """What the user sees, row by row, keyed by column header."""
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{h: model.index(r, c).data() for c, h in enumerate(headers)}
            for r in range(model.rowCount())]


def column(view: QTableView, header: str) -> int:
    model = view.model()
    return next(c for c in range(model.columnCount())
                if model.headerData(c, Qt.Orientation.Horizontal) == header)


def test_department_table_shows_the_reports_figures(qtbot, make_ctx, week: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx)
    report = weekly_report(lambda: stats_reader(week.db), week.supervisor, week.clock, W45)
    assert page.report() is not None and page.report().period == W45

    shown = rows(table(page, "departmentTable"))
    # by hand: ranked by satisfaction
    assert [r["承办单位"] for r in shown] == [WATER, HOUSING, URBAN]
    assert [r["排名"] for r in shown] == ["1", "2", "3"]
    assert [r["满意率"] for r in shown] == ["100.0%", "50.0%", "0.0%"]
    assert [r["回访量"] for r in shown] == ["1", "2", "1"]
    assert [r["派单量"] for r in shown] == ["1", "3", "1"]
    assert [r["超期未办"] for r in shown] == ["0", "1", "0"]
    assert [r["重办量"] for r in shown] == ["0", "0", "1"]
    # and exactly what core.stats counted, cell by cell
    for cells, row in zip(shown, report.departments, strict=True):
        assert cells["承办单位"] == row.name
        for d in figure_defs():
            if d.per_department:
                assert cells[d.name] == d.text(row.figures), d.attr

    def total(attr: str) -> str:
        label = page.findChild(QLabel, f"total_{attr}")
        assert label is not None
        return label.text()

    assert total("received") == "6" == str(report.total.received)
    assert total("direct_rate") == "16.7%"
    assert total("dispatched") == "5"
    assert total("satisfaction_rate") == "50.0%"
    assert page.findChild(QLabel, "totalDetail_satisfaction_rate").text() == "2 / 4"
    assert total("overdue_open") == "1"
    assert total("reopened") == "1"
    assert ctx.prompts.errors == []


def test_each_figure_prints_its_definition(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    view = table(page, "departmentTable")
    model = view.model()
    tip = model.headerData(column(view, "满意率"), Qt.Orientation.Horizontal,
                           Qt.ItemDataRole.ToolTipRole)
    assert "（满意＋基本满意）÷（满意＋基本满意＋不满意）" in tip
    cell_tip = model.index(1, column(view, "满意率")).data(Qt.ItemDataRole.ToolTipRole)
    assert cell_tip == "50.0%\n1 / 2"
    card = page.findChild(QLabel, "total_satisfaction_rate").parentWidget()
    assert "未接通、拒绝评价不计入" in card.toolTip()
    # the screen's definitions are the domain's, word for word
    names = {d.name: d.formula for d in figure_defs()}
    for name, formula in FORMULAS_ZH:
        if name in names:
            assert names[name] == formula, name
    definitions = page.findChild(QTabWidget, "statsTabs").widget(7).toPlainText()
    assert all(d.formula in definitions for d in figure_defs())


def test_columns_sort_as_numbers(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    view = table(page, "departmentTable")
    view.sortByColumn(column(view, "满意率"), Qt.SortOrder.AscendingOrder)
    assert [r["满意率"] for r in rows(view)] == ["0.0%", "50.0%", "100.0%"]
    view.sortByColumn(column(view, "派单量"), Qt.SortOrder.DescendingOrder)
    assert [r["承办单位"] for r in rows(view)][0] == HOUSING
    view.sortByColumn(column(view, "承办单位"), Qt.SortOrder.AscendingOrder)
    assert [r["承办单位"] for r in rows(view)] == sorted([HOUSING, URBAN, WATER])


def test_charts_one_bar_per_department_and_eight_weeks(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    chart = page._satisfaction_chart
    assert chart.departments() == [WATER, HOUSING, URBAN]  # top to bottom, best first
    [series] = chart.chart().series()
    assert isinstance(series, QAbstractBarSeries)
    [bars] = series.barSets()
    assert [bars.at(i) for i in range(bars.count())] == [0.0, 50.0, 100.0]  # bottom up
    trend = page._trend_chart
    assert trend.weeks()[-1] == "11-02" and len(trend.weeks()) == 8
    shown = rows(table(page, "trendTable"))
    assert len(shown) == 8 and shown[0]["受理量"] == "6" and shown[0]["满意率"] == "50.0%"


def test_lists_are_de_identified(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    overdue = rows(table(page, "overdueTable"))
    assert [(r["承办单位"], r["主办/协办"], r["来电人"]) for r in overdue] == [
        (HOUSING, "主办", "李* 139****2222")]
    unsatisfied = rows(table(page, "unsatisfiedTable"))
    assert [(r["承办单位"], r["来电人"]) for r in unsatisfied] == [
        (URBAN, "张* 138****5678"), (HOUSING, "张* 138****5678")]
    tabs = page.findChild(QTabWidget, "statsTabs")
    assert "超期未办（1）" in [tabs.tabText(i) for i in range(tabs.count())]


def test_models_pass_the_model_tester(qtbot, make_ctx, week: Centre, qtmodeltester) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    for name in ("departmentTable", "categoryTable", "channelTable", "trendTable",
                 "overdueTable", "unsatisfiedTable"):
        proxy = table(page, name).model()
        qtmodeltester.check(proxy.sourceModel())
        qtmodeltester.check(proxy)


def test_other_periods(qtbot, make_ctx, week: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx)
    chooser = page.period_chooser()
    chooser.set_mode(Mode.WEEK_SO_FAR)
    page.reload()
    wait_idle(qtbot, ctx)
    assert page.report().period.start == at(2026, 11, 9, 0, 0)
    assert page.findChild(QLabel, "total_received").text() == "0"
    assert "截至目前" in page.findChild(QLabel, "statsStatus").text()

    chooser.set_range(date(2026, 11, 3), date(2026, 11, 4))
    page.reload()
    wait_idle(qtbot, ctx)
    assert page.report().period == Period.dates(date(2026, 11, 3), date(2026, 11, 4))
    assert [r["承办单位"] for r in rows(table(page, "departmentTable"))] == [WATER, URBAN]

    chooser.select_week(2026, 44)
    page.reload()
    wait_idle(qtbot, ctx)
    assert page.report().period == Period.week(2026, 44)
    assert rows(table(page, "departmentTable")) == []
    assert ctx.prompts.errors == []


def test_a_range_that_ends_before_it_starts_is_refused(qtbot, make_ctx, week: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx)
    status = page.findChild(QLabel, "statsStatus")
    page.period_chooser().set_range(date(2026, 11, 8), date(2026, 11, 2))
    # still choosing: said in the status line, no message box
    qtbot.waitUntil(lambda: "结束日期早于开始日期" in status.text())
    assert ctx.prompts.errors == []
    page.findChild(QPushButton, "refreshStats").click()
    [error] = ctx.prompts.errors
    assert isinstance(error, ValidationError)
    assert ctx.prompts.shown == [("error", error.message_zh)]
    assert page.report().period == W45  # what was shown stays


def test_period_change_reloads_by_itself(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx)
    page.period_chooser().select_week(2026, 44)
    qtbot.waitUntil(lambda: page.report().period == Period.week(2026, 44))


def test_department_staff_are_refused(qtbot, make_ctx, week: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx, "housing_staff")
    [error] = ctx.prompts.errors
    assert isinstance(error, PermissionDenied)
    assert "无权生成满意度统计" in page.findChild(QLabel, "statsStatus").text()
    assert page.report() is None
    assert not page.findChild(type(page._export), "exportStats").isEnabled()


def test_english(qtbot, make_ctx, week: Centre) -> None:
    page, _ctx = open_page(qtbot, make_ctx, language="en")
    shown = rows(table(page, "departmentTable"))
    assert [r["Satisfaction rate"] for r in shown] == ["100.0%", "50.0%", "0.0%"]
    tip = figure_def("satisfaction_rate").tooltip()
    assert tip.startswith("Satisfaction rate: (satisfied + basically satisfied)")


def test_shown_again_after_changes_it_counts_again(qtbot, make_ctx, week: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx)
    page.period_chooser().set_mode(Mode.WEEK_SO_FAR)
    page.reload()
    wait_idle(qtbot, ctx)
    received = page.findChild(QLabel, "total_received")
    assert received.text() == "0"
    ctx.act(services.register, services.Registration(
        channel_id=week.hotline, content="来电人反映路灯不亮。", caller_phone="13800003333"))
    wait_idle(qtbot, ctx)
    page.activate()
    wait_idle(qtbot, ctx)
    assert received.text() == "1"


def test_the_main_window_opens_the_screen(qtbot, open_window, week: Centre) -> None:
    from gui.main_window import STATISTICS

    window = open_window("supervisor")
    page = window.show_page(STATISTICS)
    assert isinstance(page, StatsPage)
    qtbot.waitUntil(lambda: page.report() is not None)
    assert page.findChild(QLabel, "total_received").text() == "6"
