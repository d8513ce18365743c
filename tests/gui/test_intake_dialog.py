"""The import dialog: preview with recognised and mapped columns, background import with a
progress bar and Cancel, the report, and the rejected rows saved for fixing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from sqlalchemy import func, select

from core.intake_ports import BatchStatus
from core.model import OrderState
from db import models as r
from db.intake_repository import intake_uow_factory
from gui.context import DeskContext
from gui.intake.import_dialog import ImportDialog, open_import_dialog
from tests.gui.conftest import wait_idle
from tests.support.centre import Centre
from tests.support.open311_server import FIXTURES

HEADERS = ["留言编号", "留言时间", "留言标题", "留言内容", "留言人", "联系电话", "来源"]
ROWS = [
    ["W-1", "2026-11-20 14:35", "噪音扰民", "工地夜间施工噪音很大", "张先生", "13800138000", ""],
    ["W-2", "2026-11-20 09:00", "路灯不亮", "路灯坏了", "李女士", "abc123", ""],
    ["W-3", "2026-11-21 08:05", "", "垃圾无人清运已经三天了", "", "", "民心网"],
    ["W-4", "2026-11-21 10:00", "井盖缺失", "人行道井盖缺失很危险", "王先生", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], headers: list[str] = HEADERS,
              encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def orders(centre: Centre) -> dict[str, r.WorkOrder]:
    with centre.db.sessions() as s:
        return {o.external_ref or "": o for o in s.scalars(select(r.WorkOrder))}


@pytest.fixture
def ctx(make_ctx, gui_centre: Centre) -> DeskContext:  # noqa: ANN001
    context: DeskContext = make_ctx("operator")
    context.extras["intake_uow"] = intake_uow_factory(gui_centre.db.sessions)
    return context


def dialog_for(qtbot, ctx: DeskContext, tmp_path: Path) -> ImportDialog:  # noqa: ANN001
    dialog = ImportDialog(ctx, choose_save=lambda _parent: tmp_path / "rejected.csv",
                          choose_open=lambda _parent: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_import_report_and_rejected_rows_fixed(
    qtbot, qtmodeltester, ctx: DeskContext, gui_centre: Centre, tmp_path: Path  # noqa: ANN001
) -> None:
    dialog = dialog_for(qtbot, ctx, tmp_path)
    qtbot.keyClicks(dialog.source_edit, "portal")
    dialog.load_file(write_csv(tmp_path / "留言导出.csv", ROWS, encoding="gbk"))
    wait_idle(qtbot, ctx)

    model = dialog.preview_model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert [model.index(i, 0).data() for i in range(4)] == ["2", "3", "4", "5"]
    assert model.index(0, 1).data() == "可导入"
    assert "联系电话" in model.index(1, 1).data() and "abc123" in model.index(1, 1).data()
    assert model.index(0, 4).data() == "噪音扰民"
    assert "4 条" in dialog.summary_label.text() and "1 条将被拒收" in dialog.summary_label.text()
    assert dialog.mapping_box.isVisible()
    assert [dialog.mapping_combos[i].currentData() for i in range(len(HEADERS))] == [
        "external_id", "posted_at", "title", "content", "caller_name", "caller_phone",
        "channel_hint"]
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(ctx.bus.orders_changed) as changed:
        dialog.import_button.click()
        wait_idle(qtbot, ctx)
    assert dialog.stack.currentIndex() == 1
    values = {k: v.text() for k, v in dialog.report_values.items()}
    assert values == {"accepted": "3", "dispatched": "0", "known": "0", "updated": "0",
                      "rejected": "1"}
    assert "sheet:portal" in dialog.report_title.text()
    qtmodeltester.check(dialog.rejected_model)
    assert dialog.rejected_model.index(0, 0).data() == "3"
    assert "W-2" in dialog.rejected_model.index(0, 2).data()
    stored = orders(gui_centre)
    assert set(stored) == {"sheet:portal:W-1", "sheet:portal:W-3", "sheet:portal:W-4"}
    assert all(o.state is OrderState.REGISTERED for o in stored.values())
    assert len(changed.args[0].order_ids) == 3

    dialog.save_rejected_button.click()
    wait_idle(qtbot, ctx)
    saved = tmp_path / "rejected.csv"
    assert saved.is_file() and "abc123" in saved.read_text(encoding="utf-8-sig")
    assert any("rejected.csv" in text for _, text in ctx.prompts.shown)  # type: ignore[attr-defined]

    saved.write_text(saved.read_text(encoding="utf-8-sig").replace("abc123", "13912345678"),
                     encoding="utf-8-sig")
    dialog.load_file(saved)
    wait_idle(qtbot, ctx)
    assert dialog.stack.currentIndex() == 0 and dialog.preview_model.rowCount() == 1
    dialog.import_button.click()
    wait_idle(qtbot, ctx)
    assert dialog.report_values["accepted"].text() == "1"
    assert dialog.report_values["rejected"].text() == "0"
    assert not dialog.save_rejected_button.isEnabled()
    assert orders(gui_centre)["sheet:portal:W-2"].caller_phone == "13912345678"


def test_unrecognised_headers_are_mapped_in_the_dialog(
    qtbot, ctx: DeskContext, gui_centre: Centre, tmp_path: Path  # noqa: ANN001
) -> None:
    path = write_csv(tmp_path / "odd.csv", [["X-1", "下水道堵塞，污水外溢"],
                                            ["X-2", "小区门口违章停车"]],
                     headers=["序号", "诉求描述"])
    dialog = dialog_for(qtbot, ctx, tmp_path)
    dialog.load_file(path)
    wait_idle(qtbot, ctx)
    assert dialog.preview_model.rowCount() == 0 and not dialog.import_button.isEnabled()
    assert "不能按现状导入" in dialog.summary_label.text()
    assert set(dialog.mapping_combos) == {0, 1}
    assert dialog.mapping_combos[1].currentData() == ""

    for index, name in ((1, "content"), (0, "external_id")):
        combo = dialog.mapping_combos[index]
        combo.setCurrentIndex(combo.findData(name))
        combo.activated.emit(combo.currentIndex())
        wait_idle(qtbot, ctx)
    assert dialog.preview_model.rowCount() == 2
    assert dialog.preview_model.index(0, 2).data() == "X-1"
    assert dialog.preview_model.index(1, 5).data() == "小区门口违章停车"
    dialog.import_button.click()
    wait_idle(qtbot, ctx)
    assert dialog.report_values["accepted"].text() == "2"
    assert set(orders(gui_centre)) == {"sheet:X-1", "sheet:X-2"}


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="no Open311 fixtures")
def test_a_saved_open311_response_imports_once(
    qtbot, ctx: DeskContext, gui_centre: Centre, tmp_path: Path  # noqa: ANN001
) -> None:
    dialog = dialog_for(qtbot, ctx, tmp_path)
    dialog.source_edit.setText("chicago")
    for expected in ("accepted", "known"):
        dialog.load_file(FIXTURES / "chicago_requests.json")
        wait_idle(qtbot, ctx)
        assert not dialog.mapping_box.isVisible()
        assert dialog.preview_model.index(0, 4).data() == "Alley Light Out"
        assert dialog.preview_model.index(0, 9).data() == "open"
        dialog.import_button.click()
        wait_idle(qtbot, ctx)
        assert dialog.report_values[expected].text() == "2"
    assert len(orders(gui_centre)) == 2


def test_open_import_dialog_shows_a_dialog_that_closes_itself(
    qtbot, ctx: DeskContext  # noqa: ANN001
) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    open_import_dialog(ctx, parent)
    dialog = parent.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "导入网络留言"
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()


def test_a_big_import_shows_progress_stays_responsive_and_can_be_cancelled(
    qtbot, ctx: DeskContext, gui_centre: Centre, tmp_path: Path  # noqa: ANN001
) -> None:
    rows = [[f"B-{i}", "2026-11-20 14:35", f"留言{i}", f"第{i}条网络留言的内容", "", "", ""]
            for i in range(2_000)]
    dialog = dialog_for(qtbot, ctx, tmp_path)
    dialog.load_file(write_csv(tmp_path / "big.csv", rows))
    wait_idle(qtbot, ctx, timeout=60_000)
    assert "2000 条" in dialog.summary_label.text()
    assert dialog.preview_model.rowCount() == 200

    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(QProgressDialog, "opsProgressDialog") is not None
                    and dialog.findChild(QProgressDialog, "opsProgressDialog").value() >= 200,
                    timeout=60_000)
    progress = dialog.findChild(QProgressDialog, "opsProgressDialog")
    assert progress is not None and progress.maximum() == 2_000
    ticks_before = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= ticks_before + 3, timeout=10_000)  # the GUI runs on
    assert not dialog.close_button.isEnabled()
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    cancel.click()  # what the operator does; QProgressDialog.cancel() would not reach the job
    wait_idle(qtbot, ctx, timeout=60_000)
    timer.stop()

    assert dialog.report is not None and dialog.report.status is BatchStatus.CANCELLED
    assert "取消" in dialog.report_title.text()
    kept = dialog.report.accepted
    assert 200 <= kept < 2_000 and kept % 200 == 0
    with gui_centre.db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(r.WorkOrder)) == kept
    dialog.load_file(tmp_path / "big.csv")
    wait_idle(qtbot, ctx, timeout=60_000)
    dialog.import_button.click()
    wait_idle(qtbot, ctx, timeout=300_000)
    assert dialog.report.status is BatchStatus.DONE
    assert (dialog.report.accepted, dialog.report.known) == (2_000 - kept, kept)


@pytest.mark.slow
def test_ten_thousand_rows_import_with_a_progress_bar_and_a_responsive_window(
    qtbot, ctx: DeskContext, gui_centre: Centre, tmp_path: Path  # noqa: ANN001
) -> None:
    rows = [[f"T-{i}", "2026-11-20 14:35", f"留言{i}", f"第{i}条网络留言的内容", "",
             f"139{i:08d}", ""] for i in range(10_000)]
    dialog = dialog_for(qtbot, ctx, tmp_path)
    dialog.load_file(write_csv(tmp_path / "ten-thousand.csv", rows))
    wait_idle(qtbot, ctx, timeout=120_000)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(100)
    seen: set[int] = set()

    def progressed() -> bool:
        progress = dialog.findChild(QProgressDialog, "opsProgressDialog")
        if progress is not None:
            assert progress.maximum() == 10_000
            seen.add(progress.value())
        return ctx.ops.is_idle()

    dialog.import_button.click()
    qtbot.waitUntil(progressed, timeout=900_000)
    timer.stop()
    assert dialog.report is not None and dialog.report.accepted == 10_000
    assert len({v for v in seen if 0 < v < 10_000}) >= 3  # the bar moved while it ran
    assert len(ticks) >= 10  # the event loop kept running: the window was responsive
    with gui_centre.db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(r.WorkOrder)) == 10_000
