"""The order lists: lazy loading, sorting, filtering, colours, selection across refreshes,
opening an order and signing from the list."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import insert

from core import services
from core.calendar import SHANGHAI
from core.model import OrderState, RequestType, Urgency
from core.order_view import Action
from core.queries import Queue
from db import models as r
from gui.context import Changed
from gui.orders.columns import DUE_COLUMN, RED, YELLOW
from gui.orders.list_model import BATCH, OrderListModel
from gui.orders.list_page import OrderListPage
from tests.gui.conftest import wait_idle

TICKET, REGISTERED, URGENCY, STATE = 0, 1, 6, 7


def make_page(qtbot, ctx, queue: Queue = Queue.ALL) -> OrderListPage:
    page = OrderListPage(ctx, queue)
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page


def settle(qtbot, page: OrderListPage) -> None:
    """Wait until the ids and every row the view asked for have arrived."""
    qtbot.waitUntil(lambda: page.model.is_loading() is False and page._ctx.ops.is_idle(),
                    timeout=10_000)
    wait_idle(qtbot, page._ctx)


def cell(page: OrderListPage, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(row, column).data(role)


def column_texts(page: OrderListPage, column: int) -> list[str]:
    return [cell(page, i, column) for i in range(page.model.rowCount())]


def bulk_orders(centre, n: int) -> None:
    """``n`` registered orders in one statement (the list only reads them)."""
    base = centre.clock.now() - timedelta(days=1)
    rows = [dict(ticket_no=f"8890-20261101-{i:06d}", channel_id=centre.hotline,
                 caller_name="", caller_phone=f"139{i:08d}", anonymous=False, address="",
                 category_id=centre.lift, request_type=RequestType.HELP, urgency=Urgency.NORMAL,
                 title=f"批量来电 {i}", content=f"批量来电 {i}", state=OrderState.REGISTERED,
                 registered_at=base + timedelta(seconds=i), callback_attempts=0,
                 reopen_count=0, current_hop=0, version=1) for i in range(1, n + 1)]
    with centre.db.sessions() as session:
        session.execute(insert(r.WorkOrder), rows)
        session.commit()


def test_model_passes_the_model_tester(qtbot, qtmodeltester, gui_centre, make_ctx):
    for i in range(3):
        gui_centre.register(f"第{i}个来电：电梯故障")
    gui_centre.dispatched(urgency=Urgency.URGENT)
    ctx = make_ctx("operator")
    model = OrderListModel(ctx, Queue.ALL)  # kept by the test, so it outlives the tester
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 4 and not model.is_loading())
    qtmodeltester.check(model, force_py=True)
    gui_centre.register("又一个来电")
    model.reload()  # a refresh resets the model: the tester watches the signals
    qtbot.waitUntil(lambda: model.rowCount() == 5)
    for row in range(5):
        model.index(row, 0).data()  # rows beyond the first batch would be fetched now
    wait_idle(qtbot, ctx)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(10)] == [
        "工单编号", "登记时间", "渠道", "标题", "分类", "诉求类型", "紧急程度", "状态", "承办单位",
        "办理时限"]
    assert [model.index(i, STATE).data() for i in range(2)] == ["已登记", "待签收"]


def test_the_page_counts_its_orders(qtbot, gui_centre, make_ctx):
    for i in range(3):
        gui_centre.register(f"第{i}个来电：电梯故障")
    page = make_page(qtbot, make_ctx("operator"))
    assert page.count_label.text() == "共 3 件"


def test_a_long_list_fetches_only_the_rows_it_shows(qtbot, gui_centre, make_ctx):
    bulk_orders(gui_centre, 2100)
    ctx = make_ctx("supervisor")
    page = make_page(qtbot, ctx)
    model = page.model
    assert model.rowCount() == 2100
    assert page.count_label.text() == "共 2100 件"
    assert cell(page, 0, TICKET) == "8890-20261101-002100"  # newest first
    assert 0 < model.rows_fetched <= 2 * BATCH < 2100

    before = model.rows_fetched
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rows_fetched > before)  # the view asked for what it shows
    settle(qtbot, page)
    assert cell(page, 2099, TICKET) == "8890-20261101-000001"
    assert model.rows_fetched < 2100 // 2
    assert not page.busy.isVisible()


def test_scrolling_keeps_only_the_rows_near_the_screen(qtbot, gui_centre, make_ctx,
                                                      monkeypatch):
    """Scrolling through a long list forgets the batches far behind (memory stays bounded);
    scrolling back shows those rows again, fetched afresh."""
    monkeypatch.setattr("gui.orders.list_model.KEPT_BATCHES", 4)
    bulk_orders(gui_centre, 2100)
    page = make_page(qtbot, make_ctx("supervisor"))
    model, bar = page.model, page.table.verticalScrollBar()
    while bar.value() < bar.maximum():  # screen by screen, as a person scrolls
        bar.setValue(bar.value() + bar.pageStep())
        page.table.viewport().repaint()
        settle(qtbot, page)
    assert cell(page, 2099, TICKET) == "8890-20261101-000001"
    assert model.order_row(0) is None  # the first screen's rows were forgotten
    assert sum(model.order_row(r) is not None for r in range(2100)) <= 4 * BATCH

    fetched = model.rows_fetched
    page.table.scrollToTop()
    page.table.viewport().repaint()
    qtbot.waitUntil(lambda: model.rows_fetched > fetched)  # asked for again
    settle(qtbot, page)
    assert cell(page, 0, TICKET) == "8890-20261101-002100"
    assert sum(model.order_row(r) is not None for r in range(2100)) <= 4 * BATCH


def test_sorting_by_a_header_and_filtering_with_the_bar(qtbot, gui_centre, make_ctx):
    c = gui_centre
    critical = c.register("电梯困人，情况危急", urgency=Urgency.CRITICAL)
    c.clock.advance(minutes=5)
    stalls = c.register("中山路占道经营", category=c.stalls, request_type=RequestType.COMPLAINT,
                        channel=c.portal, phone="")
    c.clock.advance(minutes=5)
    urgent = c.register("停水两天了", category=c.outage, urgency=Urgency.URGENT)
    ctx = make_ctx("operator")
    page = make_page(qtbot, ctx)
    tickets = {o.id: o.ticket_no for o in (critical, stalls, urgent)}
    assert column_texts(page, TICKET) == [tickets[urgent.id], tickets[stalls.id],
                                          tickets[critical.id]]

    header = page.table.horizontalHeader()
    header.setSortIndicator(URGENCY, Qt.SortOrder.DescendingOrder)  # what a header click does
    settle(qtbot, page)
    assert column_texts(page, URGENCY) == ["特急", "紧急", "一般"]
    header.setSortIndicator(TICKET, Qt.SortOrder.AscendingOrder)
    settle(qtbot, page)
    assert column_texts(page, TICKET) == sorted(tickets.values())

    bar = page.filter_bar
    bar.urgency_box.setCurrentIndex(bar.urgency_box.findText("特急"))
    settle(qtbot, page)
    assert column_texts(page, TICKET) == [tickets[critical.id]]
    bar.clear()
    settle(qtbot, page)
    assert page.model.rowCount() == 3

    bar.channel_box.setCurrentIndex(bar.channel_box.findData(c.portal))
    settle(qtbot, page)
    assert column_texts(page, TICKET) == [tickets[stalls.id]]
    bar.clear()
    settle(qtbot, page)

    qtbot.keyClicks(bar.text_edit, tickets[urgent.id][-6:])
    qtbot.keyClick(bar.text_edit, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert column_texts(page, TICKET) == [tickets[urgent.id]]
    assert page.count_label.text() == "共 1 件"
    bar.clear()
    settle(qtbot, page)

    bar.category_box.setCurrentIndex(bar.category_box.findData(c.branch))  # 物业管理 and below
    settle(qtbot, page)
    assert column_texts(page, TICKET) == [tickets[critical.id]]


def test_due_cells_are_yellow_when_due_soon_and_red_when_overdue(qtbot, gui_centre, make_ctx):
    c = gui_centre
    late = c.dispatched(urgency=Urgency.URGENT)  # 24 hours to reply
    c.clock.advance(hours=25)
    soon = c.dispatched(urgency=Urgency.URGENT)
    c.clock.advance(hours=19)  # 5 of 24 hours left: less than a quarter
    fresh = c.dispatched()
    ctx = make_ctx("supervisor")
    page = make_page(qtbot, ctx)
    rows = {page.model.order_id(i): i for i in range(page.model.rowCount())}
    background = Qt.ItemDataRole.BackgroundRole
    assert cell(page, rows[late.id], DUE_COLUMN, background) == RED
    assert cell(page, rows[soon.id], DUE_COLUMN, background) == YELLOW
    assert cell(page, rows[fresh.id], DUE_COLUMN, background) is None
    assert cell(page, rows[late.id], DUE_COLUMN, Qt.ItemDataRole.ToolTipRole) == "超期"
    due = late.assignments[0].reply_due
    assert cell(page, rows[late.id], DUE_COLUMN) == due.astimezone(SHANGHAI).strftime(
        "%Y-%m-%d %H:%M")


def test_selection_survives_a_refresh(qtbot, gui_centre, make_ctx):
    c = gui_centre
    first = c.register("第一个来电")
    c.clock.advance(minutes=1)
    second = c.register("第二个来电")
    ctx = make_ctx("operator")
    page = make_page(qtbot, ctx)
    assert page.select_id(first.id)
    assert page.table.currentIndex().row() == 1

    c.clock.advance(minutes=1)
    c.register("第三个来电")  # somebody else registered: the list grows above the selection
    ctx.bus.orders_changed.emit(Changed())
    settle(qtbot, page)
    assert page.model.rowCount() == 3
    assert page.selected_id() == first.id
    assert page.table.currentIndex().row() == 2

    page.select_id(second.id)
    page.activate()  # the page is shown again
    settle(qtbot, page)
    assert page.selected_id() == second.id


def test_enter_opens_the_selected_order(qtbot, gui_centre, make_ctx):
    order = gui_centre.register()
    ctx = make_ctx("operator")
    page = make_page(qtbot, ctx)
    page.table.setFocus()
    page.select_id(order.id)
    with qtbot.waitSignal(ctx.bus.order_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [order.id]


def test_department_staff_sign_the_selected_row_with_f2(qtbot, gui_centre, make_ctx):
    c = gui_centre
    mine = c.dispatched()
    other = c.register("占道经营", category=c.stalls)
    services.dispatch(c.db.uow(), c.operator, c.clock, other.id, c.urban)
    ctx = make_ctx("housing_staff")
    page = make_page(qtbot, ctx, Queue.TO_SIGN)
    assert column_texts(page, TICKET) == [mine.ticket_no]  # only the department's orders
    assert page.sign_button.isVisible()
    page.table.setFocus()
    page.select_id(mine.id)
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.model.is_loading())
    settle(qtbot, page)
    assert services.get_order(c.db.uow(write=False), c.supervisor,
                              mine.id).state is OrderState.IN_PROGRESS
    assert page.count_label.text() == "共 0 件"


def test_operators_get_no_sign_button(qtbot, gui_centre, make_ctx):
    ctx = make_ctx("operator")
    page = make_page(qtbot, ctx)
    assert not page.sign_button.isVisible()
    assert not page.sign_action.isEnabled()


def test_from_the_main_window_list_to_the_order_and_back(qtbot, gui_centre, open_window):
    order = gui_centre.register()
    window = open_window("operator")
    hidden = window.show_page("my_work")
    settle(qtbot, hidden)
    assert hidden.model.rowCount() == 1
    page = window.show_page("all")  # my work is hidden now
    settle(qtbot, page)
    page.table.setFocus()
    page.select_id(order.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    order_window = window.order_window(order.id)
    assert order_window is not None and order_window.isVisible()
    wait_idle(qtbot, page._ctx)
    order_window.button(Action.DISPATCH).click()
    wait_idle(qtbot, page._ctx)
    qtbot.keyClick(order_window.active_dialog().note_edit, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert cell(page, 0, STATE) == "待签收"  # the shown list followed the change
    assert page.selected_id() == order.id
    assert hidden.model.rowCount() == 1  # a hidden list waits until it is shown again
    window.show_page("my_work")
    settle(qtbot, hidden)
    assert hidden.model.rowCount() == 0


def test_ctrl_f_goes_to_the_search_box(qtbot, gui_centre, make_ctx):
    page = make_page(qtbot, make_ctx("operator"))
    page.table.setFocus()
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.text_edit.hasFocus()
