"""舆情 in the desk: the order window's pane (details, clocks coloured by warning, responses),
研判 and 登记回应 through their dialogs, and registering an item by hand on the 登记 page."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from core import opinion, services
from core.calendar import SHANGHAI
from core.model import OpinionClock, OpinionRisk, OrderState
from core.opinion_sweep import sweep_opinion
from db.opinion_repository import opinion_uow_factory
from gui.context import DeskContext
from gui.orders.columns import RED, YELLOW
from gui.orders.dialogs.opinion_dialogs import AssessDialog, ResponseDialog, to_qdatetime
from gui.orders.opinion_pane import GREEN
from tests.gui.conftest import wait_idle
from tests.gui.test_department_flow import open_order
from tests.gui.test_register import ime, open_page

POSTED = datetime(2026, 11, 2, 8, 0, tzinfo=SHANGHAI)  # the clock stands at 09:00
SHOTS = Path("/tmp/shots")


@pytest.fixture
def opinion_ctx(make_ctx, gui_centre):
    def make(user: str = "operator", language: str = "zh_CN") -> DeskContext:
        ctx = make_ctx(user, language)
        ctx.extras["opinion_uow"] = opinion_uow_factory(gui_centre.db.sessions)
        return ctx

    return make


def _channel(c) -> int:  # noqa: ANN001 - the centre
    with c.db.uow(write=False) as uow:
        channel = uow.reference.channel_by_code("opinion")
        assert channel is not None
        return channel.id


def _item(c, **kw: object) -> services.OrderSummary:  # noqa: ANN001
    reg = services.Registration(channel_id=_channel(c),
                                content="微博网友发帖称幸福小区电梯坠落致一人受伤，转发量迅速上升。",
                                title="幸福小区电梯坠落舆情")
    args = {"platform": "微博", "link": "https://weibo.com/1234567/AbCdEf", "posted_at": POSTED,
            "reach": 12_300, **kw}
    return opinion.register_opinion(opinion_uow_factory(c.db.sessions)(), c.operator, c.clock,
                                    reg, **args)  # type: ignore[arg-type]


def rows(table) -> list[list[str]]:  # noqa: ANN001
    return [[table.item(r, col).text() for col in range(table.columnCount())]
            for r in range(table.rowCount())]


def grab(widget, name: str) -> None:  # noqa: ANN001
    """Save what the user sees (after the pending layout work) for the review of the screen."""
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"opinion_{name}.png"))


def test_assess_then_record_responses_in_the_pane(qtbot, gui_centre, opinion_ctx,
                                                  qtmodeltester):
    QApplication.setFont(QFont("WenQuanYi Micro Hei"))
    c = gui_centre
    order = _item(c)
    ctx = opinion_ctx("operator")
    window = open_order(qtbot, ctx, order.id)
    pane = window.opinion_pane
    qtbot.waitUntil(pane.isVisible)
    assert pane.title() == "舆情"
    assert pane.value("platform") == "微博"
    assert "https://weibo.com/1234567/AbCdEf" in pane.value("link")
    assert pane.value("posted") == "2026-11-02 08:00" and pane.value("reach") == "12,300"
    assert pane.value("risk") == "待研判"
    assert pane.level_label.text().startswith("待研判：按48小时回应时限计时")
    assert rows(pane.clocks) == [["回应", "2026-11-04 08:00", "", "未到期"]]
    qtmodeltester.check(pane.clocks.model())

    pane.assess_button.click()
    dialog = window.active_dialog()
    assert isinstance(dialog, AssessDialog)
    wait_idle(qtbot, ctx)
    assert dialog.windowTitle() == f"研判：{order.ticket_no}"
    dialog.ok_button.click()
    assert dialog.message.text() == "请选择风险等级。"
    dialog.choose(OpinionRisk.SERIOUS, c.housing)
    assert dialog.preview.text() == ("发布权威信息：2026-11-02 13:00\n"
                                     "召开新闻发布会：2026-11-03 08:00")
    grab(dialog, "assess_dialog")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.value("risk") == "重大")
    assert pane.value("department") == "市住房和城乡建设局"
    assert [r[:2] for r in rows(pane.clocks)] == [["发布权威信息", "2026-11-02 13:00"],
                                                  ["召开新闻发布会", "2026-11-03 08:00"]]

    c.clock.set(datetime(2026, 11, 2, 12, 0, tzinfo=SHANGHAI))  # 1 of 5 hours left
    sweep_opinion(ctx.extras["opinion_uow"], c.clock)
    window.refresh_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.clocks.item(0, 3).text() == "临期")
    assert pane.clocks.item(0, 1).background().color() == YELLOW
    assert pane.level_label.text() == "临期"
    window.resize(1240, 820)
    grab(window, "window_due_soon")

    pane.respond_button.click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ResponseDialog)
    assert dialog.kind() is OpinionClock.INFO
    dialog.at_edit.setDateTime(to_qdatetime(datetime(2026, 11, 2, 11, 30, tzinfo=SHANGHAI)))
    assert "按所填时间发布为按时" in dialog.due_label.text()
    dialog.ok_button.click()
    assert dialog.message.text() == "请填写回应的发布渠道。"
    dialog.channel_combo.setCurrentIndex(0)  # 政府门户网站
    qtbot.keyClicks(dialog.link_edit, "https://www.gov.cn/info/1")
    grab(dialog, "response_dialog")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.responses.rowCount() == 1)
    assert rows(pane.responses)[0][:5] == ["发布权威信息", "2026-11-02 11:30", "政府门户网站",
                                           "https://www.gov.cn/info/1", "按时"]
    assert pane.responses.item(0, 4).background().color() == GREEN
    assert rows(pane.clocks)[0][2:] == ["2026-11-02 11:30", "按时"]
    qtmodeltester.check(pane.responses.model())

    c.clock.set(datetime(2026, 11, 3, 9, 0, tzinfo=SHANGHAI))  # the conference is overdue
    window.refresh_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.clocks.item(1, 3).text() == "超期未发布")
    assert pane.clocks.item(1, 1).background().color() == RED
    assert pane.level_label.text() == "超期"
    grab(window, "window_overdue")
    timeline = [window.panes.timeline.item(r, 2).text()
                for r in range(window.panes.timeline.rowCount())]
    assert timeline == ["登记", "舆情研判", "舆情预警", "舆情回应"]
    assert "风险等级：重大；责任单位：市住房和城乡建设局" in window.panes.timeline.item(1, 6).text()
    assert window.panes.timeline.item(2, 6).text() == "发布权威信息临期：时限 2026-11-02 13:00"
    assert ctx.prompts.errors == []


def test_a_late_response_and_the_pane_for_other_people(qtbot, gui_centre, opinion_ctx):
    c = gui_centre
    order = _item(c, posted_at=None)
    c.clock.advance(hours=50)
    ctx = opinion_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    pane = window.opinion_pane
    qtbot.waitUntil(pane.isVisible)
    assert pane.value("posted") == "不详"
    assert pane.value("start") == "2026-11-02 09:00（按登记时间）"
    assert rows(pane.clocks)[0][3] == "超期未发布"
    pane.respond_button.click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ResponseDialog)
    assert "按所填时间发布为超时" in dialog.due_label.text()
    ime(dialog.channel_combo.lineEdit(), "官方微博")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.responses.rowCount() == 1)
    assert pane.responses.item(0, 4).text() == "超时"
    assert pane.clocks.item(0, 3).text() == "超时"
    grab(window, "window_late")
    # the department it is dispatched to sees the pane, without the buttons
    services.revise(c.db.uow(), c.operator, c.clock, order.id, category_id=c.lift)
    services.dispatch(c.db.uow(), c.operator, c.clock, order.id, c.housing)
    staff = open_order(qtbot, opinion_ctx("housing_staff"), order.id)
    qtbot.waitUntil(staff.opinion_pane.isVisible)
    assert staff.opinion_pane.value("platform") == "微博"
    assert not staff.opinion_pane.assess_button.isVisible()
    assert not staff.opinion_pane.respond_button.isVisible()
    # an ordinary order has no pane
    other = open_order(qtbot, opinion_ctx("operator"), c.register().id)
    assert other.detail is not None and not other.opinion_pane.isVisible()


def test_without_an_opinion_store_the_pane_stays_hidden(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = _item(c)
    window = open_order(qtbot, make_ctx("operator"), order.id)
    assert not window.opinion_pane.isVisible()


def test_registering_an_item_by_hand(qtbot, gui_centre, opinion_ctx):
    QApplication.setFont(QFont("WenQuanYi Micro Hei"))
    c = gui_centre
    ctx = opinion_ctx("operator")
    page = open_page(qtbot, ctx)
    form = page.form
    assert not form.opinion.isVisible()
    form.channel_combo.setCurrentIndex(form.channel_combo.findData(_channel(c)))
    assert form.opinion.isVisible()
    form.opinion.platform_combo.setCurrentIndex(0)  # 微博
    qtbot.keyClicks(form.opinion.link_edit, "https://weibo.com/9/XyZ")
    form.opinion.posted_check.setChecked(True)
    form.opinion.posted_edit.setDateTime(to_qdatetime(POSTED))
    form.opinion.reach_spin.setValue(560)
    form.content_edit.setFocus()
    ime(form.content_edit, "网友在微博反映某路段积水严重，车辆无法通行。")
    grab(page, "register_page")
    page.save()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.last_summary is not None)
    summary = page.last_summary
    assert summary.state is OrderState.REGISTERED
    with ctx.extras["opinion_uow"](write=False) as uow:
        item = uow.opinions.get(summary.id)
    assert item is not None
    assert (item.platform, item.link, item.reach, item.posted_at) == (
        "微博", "https://weibo.com/9/XyZ", 560, POSTED)
    assert item.response_due == POSTED + timedelta(hours=48)
    assert form.opinion.link_edit.text() == "" and form.opinion.isVisible()  # cleared


def test_registration_refuses_a_missing_platform(qtbot, gui_centre, opinion_ctx):
    c = gui_centre
    ctx = opinion_ctx("operator")
    page = open_page(qtbot, ctx)
    form = page.form
    form.channel_combo.setCurrentIndex(form.channel_combo.findData(_channel(c)))
    form.content_edit.setFocus()
    ime(form.content_edit, "舆情内容")
    page.save()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(page.error_label.isVisible)
    assert "发布平台" in page.error_label.text()
    assert QApplication.focusWidget() is form.opinion.platform_combo.lineEdit() or \
        QApplication.focusWidget() is form.opinion.platform_combo
    assert form.content_edit.toPlainText() == "舆情内容"  # nothing typed is lost
