"""The weekly satisfaction workbook: what a supervisor finds in each sheet, and bad paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from core.errors import ValidationError
from core.stats_model import (
    FORMULAS_ZH,
    Figures,
    OverdueItem,
    Period,
    Row,
    TrendPoint,
    UnsatisfiedItem,
    WeeklyReport,
)
from core.weekly_sheet import write_weekly_sheet

SHEETS = ["汇总", "承办单位", "事项分类", "来源渠道", "超期清单", "不满意清单", "趋势"]
FIGURE_NAMES = [
    "受理量", "直接办结量", "直办率", "派单量", "签收量", "按时签收量", "按时签收率",
    "办结量(回复)", "按时办结量", "按时办结率", "超期未办", "退单量", "延期量", "回访量",
    "满意", "基本满意", "不满意", "未接通", "拒绝评价", "满意率", "重办量",
]  # fmt: skip
DEPT_FIGURES = [n for n in FIGURE_NAMES if n not in ("受理量", "直接办结量", "直办率")]
HEADER_ROW = 3

TOTAL = Figures(
    received=120, direct=30, dispatched=90, signed=80, signed_on_time=72, replied=60,
    replied_on_time=45, overdue_open=2, returns_approved=3, extensions_approved=4,
    satisfied=40, basically_satisfied=8, unsatisfied=2, not_reached=5, declined=1, reopened=1,
)  # fmt: skip


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
        ) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def sample_report(*, deidentified: bool = True) -> WeeklyReport:
    period = Period.week(2026, 47)
    departments = (
        Row(11, "市住房和城乡建设局", Figures(dispatched=30, signed=30, signed_on_time=29,
                                      replied=20, replied_on_time=19, satisfied=18,
                                      basically_satisfied=2)),
        Row(12, "市生态环境局", Figures(dispatched=25, signed=20, signed_on_time=15, replied=15,
                                  replied_on_time=10, overdue_open=2, satisfied=10,
                                  basically_satisfied=2, unsatisfied=2, reopened=1)),
        # No callbacks at all: its satisfaction rate is None.
        Row(13, "区城市管理局", Figures(dispatched=10, signed=5, signed_on_time=5, replied=3,
                                  replied_on_time=3, not_reached=2)),
    )  # fmt: skip
    categories = (
        Row(1, "城乡建设", Figures(received=70, direct=10, dispatched=60, replied=40,
                               replied_on_time=30, satisfied=30, basically_satisfied=5,
                               unsatisfied=2)),
        Row(2, "生态环境", Figures(received=50, direct=20, dispatched=30, replied=20,
                               replied_on_time=15, satisfied=10, basically_satisfied=3)),
    )  # fmt: skip
    channels = (
        Row(1, "电话", Figures(received=100, direct=28, satisfied=35, basically_satisfied=6,
                             unsatisfied=2)),
        Row(2, "网站", Figures(received=20, direct=2, satisfied=5, basically_satisfied=2)),
    )  # fmt: skip
    overdue = (
        OverdueItem("GD20261117001", "小区二次供水水压不足，高层住户长期无法正常用水",
                    "市住房和城乡建设局", True, utc(2026, 11, 17, 1, 30),
                    utc(2026, 11, 20, 15, 59, 59), "张*"),
        OverdueItem("GD20261118007", "夜间施工噪音扰民", "市生态环境局", False,
                    utc(2026, 11, 18, 2, 0), utc(2026, 11, 21, 15, 59, 59), "138****5678"),
    )  # fmt: skip
    unsatisfied = (
        UnsatisfiedItem("GD20261110003", "道路积水", "市生态环境局", "生态环境",
                        utc(2026, 11, 19, 6, 15), "市民表示问题未解决，仍有积水", "欧***"),
    )  # fmt: skip
    trend = tuple(
        TrendPoint(week, Figures(received=100 + i, replied=50 + i, replied_on_time=40 + i,
                                 satisfied=30 + i, basically_satisfied=5, unsatisfied=3))
        for i, week in enumerate(period.previous_weeks(8))
    )  # fmt: skip
    return WeeklyReport(
        period=period,
        made_at=utc(2026, 11, 23, 1, 5),
        made_by="李主任",
        total=TOTAL,
        departments=departments,
        categories=categories,
        channels=channels,
        overdue=overdue,
        unsatisfied=unsatisfied,
        trend=trend,
        deidentified=deidentified,
    )


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    return write_weekly_sheet(sample_report(), tmp_path / "周报.xlsx")


def header(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def column(ws: Worksheet, name: str) -> int:
    return header(ws).index(name) + 1


def labelled(ws: Worksheet) -> dict[str, Any]:
    """Column A label -> column B cell on 汇总 (the first occurrence of each label)."""
    out: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=2):
        if isinstance(row[0].value, str) and row[0].value not in out:
            out[row[0].value] = row[1]
    return out


def test_sheets_in_order_and_workbook_properties(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == SHEETS
    assert wb.properties.creator == "李主任"
    assert "8890热线工单满意度统计周报" in (wb.properties.title or "")


def test_summary_shows_period_author_and_every_figure(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["汇总"]
    assert ws["A1"].value == "8890热线工单满意度统计周报"
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    assert ws["A1"].font.bold and ws["A1"].font.sz > 12
    cells = labelled(ws)
    assert "2026-W47" in cells["统计周期"].value
    assert "2026-11-16 至 2026-11-22" in cells["统计周期"].value
    # Made at 01:05 UTC = 09:05 in Shanghai, naive.
    assert cells["制表时间"].value == datetime(2026, 11, 23, 9, 5)
    assert cells["制表人"].value == "李主任"
    assert "已脱敏" in cells["个人信息"].value

    expected_counts = {
        "受理量": 120, "直接办结量": 30, "派单量": 90, "签收量": 80, "按时签收量": 72,
        "办结量(回复)": 60, "按时办结量": 45, "超期未办": 2, "退单量": 3, "延期量": 4,
        "回访量": 50, "满意": 40, "基本满意": 8, "不满意": 2, "未接通": 5, "拒绝评价": 1,
        "重办量": 1,
    }  # fmt: skip
    expected_rates = {"直办率": 0.25, "按时签收率": 0.9, "按时办结率": 0.75, "满意率": 0.96}
    for name in FIGURE_NAMES:
        cell = cells[name]
        if name in expected_rates:
            assert isinstance(cell.value, float), name
            assert cell.value == pytest.approx(expected_rates[name]), name
            assert cell.number_format == "0.0%", name
        else:
            assert cell.value == expected_counts[name], name
            assert isinstance(cell.value, int), name


def test_summary_prints_every_formula(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["汇总"]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "统计口径" in texts
    for name, formula in FORMULAS_ZH:
        assert name in texts
        assert formula in texts


def test_summary_says_when_personal_data_is_not_deidentified(tmp_path: Path) -> None:
    path = write_weekly_sheet(sample_report(deidentified=False), tmp_path / "w.xlsx")
    cells = labelled(load_workbook(path)["汇总"])
    assert "未脱敏" in cells["个人信息"].value


def test_departments_in_given_rank_order_without_received_columns(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["承办单位"]
    assert header(ws) == ["排名", "承办单位", *DEPT_FIGURES]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 3, values_only=True))
    assert [r[0] for r in rows] == [1, 2, 3]
    assert [r[1] for r in rows] == ["市住房和城乡建设局", "市生态环境局", "区城市管理局"]
    sat = column(ws, "满意率")
    assert ws.cell(HEADER_ROW + 1, sat).value == pytest.approx(1.0)
    assert ws.cell(HEADER_ROW + 2, sat).value == pytest.approx(12 / 14)
    assert ws.cell(HEADER_ROW + 2, sat).number_format == "0.0%"
    # No callbacks: the rate is blank, never 0% and never text.
    assert ws.cell(HEADER_ROW + 3, sat).value is None
    assert ws.cell(HEADER_ROW + 2, column(ws, "超期未办")).value == 2
    assert ws.cell(HEADER_ROW + 3, column(ws, "未接通")).value == 2


@pytest.mark.parametrize(("sheet", "names"), [
    ("事项分类", ["城乡建设", "生态环境"]),
    ("来源渠道", ["电话", "网站"]),
])  # fmt: skip
def test_category_and_channel_tables_include_received(
    workbook_path: Path, sheet: str, names: list[str]
) -> None:
    ws = load_workbook(workbook_path)[sheet]
    assert header(ws) == [sheet, *FIGURE_NAMES]
    assert [ws.cell(HEADER_ROW + i, 1).value for i in (1, 2)] == names
    direct_rate = ws.cell(HEADER_ROW + 1, column(ws, "直办率"))
    assert isinstance(direct_rate.value, float)
    assert direct_rate.number_format == "0.0%"


def test_overdue_list_in_local_time_with_days_overdue(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["超期清单"]
    assert header(ws) == ["工单编号", "标题", "承办单位", "主办/协办", "派单时间", "办理时限",
                          "超期天数", "来电人"]  # fmt: skip
    first = [c.value for c in ws[HEADER_ROW + 1]]
    second = [c.value for c in ws[HEADER_ROW + 2]]
    assert first[0] == "GD20261117001"
    assert first[2:4] == ["市住房和城乡建设局", "主办"]
    assert first[4] == datetime(2026, 11, 17, 9, 30)
    # 2026-11-20T15:59:59Z is 23:59:59 the same day in Shanghai, stored naive.
    assert first[5] == datetime(2026, 11, 20, 23, 59, 59)
    assert first[5].tzinfo is None
    assert ws.cell(HEADER_ROW + 1, 6).number_format == "yyyy-mm-dd hh:mm"
    # From 2026-11-20 23:59:59 to the period end 2026-11-23 00:00: 2.0 days.
    assert first[6] == pytest.approx(2.0)
    assert second[3] == "协办"
    assert second[6] == pytest.approx(1.0)
    assert [first[7], second[7]] == ["张*", "138****5678"]
    assert ws.cell(HEADER_ROW + 3, 1).value is None


def test_unsatisfied_list(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["不满意清单"]
    assert header(ws) == ["工单编号", "标题", "承办单位", "事项分类", "回访时间", "回访记录",
                          "来电人"]  # fmt: skip
    row = [c.value for c in ws[HEADER_ROW + 1]]
    assert row == [
        "GD20261110003", "道路积水", "市生态环境局", "生态环境",
        datetime(2026, 11, 19, 14, 15), "市民表示问题未解决，仍有积水", "欧***",
    ]  # fmt: skip


def test_empty_lists_say_so(tmp_path: Path) -> None:
    report = replace(sample_report(), overdue=(), unsatisfied=())
    wb = load_workbook(write_weekly_sheet(report, tmp_path / "w.xlsx"))
    assert "无超期" in wb["超期清单"].cell(HEADER_ROW + 1, 1).value
    assert "无回访不满意" in wb["不满意清单"].cell(HEADER_ROW + 1, 1).value


def test_trend_has_eight_weeks_and_a_line_chart(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["趋势"]
    assert header(ws) == ["周", "受理量", "办结量", "按时办结率", "回访量", "满意率"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 8, values_only=True))
    assert [r[0] for r in rows] == [f"2026-W{w}" for w in range(40, 48)]
    assert rows[0][1:3] == (100, 50)
    assert rows[7][1:3] == (107, 57)
    assert rows[7][3] == pytest.approx(47 / 57)
    assert rows[7][4] == 45
    assert rows[7][5] == pytest.approx(42 / 45)
    assert ws.cell(HEADER_ROW + 1, 6).number_format == "0.0%"


def test_charts_on_departments_and_trend(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    assert [type(c).__name__ for c in wb["承办单位"]._charts] == ["BarChart"]
    assert [type(c).__name__ for c in wb["趋势"]._charts] == ["LineChart"]
    line = wb["趋势"]._charts[0]
    assert len(line.series) == 2


def test_print_layout_and_frozen_headers(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert int(ws.page_setup.fitToWidth) == 1, ws.title
        assert int(ws.page_setup.fitToHeight) == 0, ws.title
        assert "&P" in ws.oddFooter.center.text, ws.title
        assert "&N" in ws.oddFooter.center.text, ws.title
        assert "2026-W47" in ws.oddHeader.center.text, ws.title
        assert ws.freeze_panes is not None, ws.title
        assert ws.print_title_rows, ws.title
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.print_title_rows == "$3:$3", name
        assert ws.freeze_panes.endswith(str(HEADER_ROW + 1)), name
        assert ws.cell(HEADER_ROW, 1).font.bold, name
        assert ws.cell(HEADER_ROW, 1).fill.fgColor.rgb.endswith("DDEBF7"), name
        assert ws.cell(HEADER_ROW, 1).border.left.style == "thin", name
    assert wb["承办单位"].freeze_panes == "C4"


def test_columns_fit_chinese_text(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["承办单位"]
    # "市住房和城乡建设局" is 9 wide characters: 18 columns of width at least.
    assert ws.column_dimensions["B"].width >= 18


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    base = sample_report()
    item = replace(base.unsatisfied[0], note='=HYPERLINK("http://x","y")\x0b')
    path = write_weekly_sheet(replace(base, unsatisfied=(item,)), tmp_path / "w.xlsx")
    cell = load_workbook(path)["不满意清单"].cell(HEADER_ROW + 1, 6)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","y")'


def test_progress_once_per_sheet(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_weekly_sheet(sample_report(), tmp_path / "w.xlsx",
                       progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 7) for i in range(1, 8)]


def test_cancelled_export_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"last week")

    def cancel(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_weekly_sheet(sample_report(), target, progress=cancel)
    assert target.read_bytes() == b"last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]


def test_replaces_an_existing_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"old")
    write_weekly_sheet(sample_report(), target)
    assert load_workbook(target).sheetnames == SHEETS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]


# --------------------------------------------------------------------------- bad paths


def assert_bilingual_path_error(exc: ValidationError) -> None:
    assert exc.params["field"] == "file"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message_zh)
    assert exc.message_en.isascii() or "file" in exc.message_en.lower()
    assert " / " in exc.bilingual()


@pytest.mark.parametrize("make_path", [
    pytest.param(lambda d: d / "missing" / "w.xlsx", id="missing-folder"),
    pytest.param(lambda d: d / "folder.xlsx", id="directory"),
    pytest.param(lambda d: d / "w.csv", id="wrong-extension"),
    pytest.param(lambda d: d / "w", id="no-extension"),
])  # fmt: skip
def test_bad_path_is_a_typed_bilingual_error(
    tmp_path: Path, make_path: Callable[[Path], Path]
) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(ValidationError) as info:
        write_weekly_sheet(sample_report(), make_path(tmp_path))
    assert_bilingual_path_error(info.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_error_messages_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        write_weekly_sheet(sample_report(), tmp_path / "nope" / "w.xlsx")
    assert "does not exist" in info.value.message_en
    assert "不存在" in info.value.message_zh
    with pytest.raises(ValidationError) as info:
        write_weekly_sheet(sample_report(), tmp_path / "w.xls")
    assert ".xlsx" in info.value.message_en and ".xlsx" in info.value.message_zh


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes through chmod")  # fmt: skip
def test_read_only_folder_is_a_typed_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ValidationError) as info:
            write_weekly_sheet(sample_report(), folder / "w.xlsx")
        assert_bilingual_path_error(info.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


# --------------------------------------------------------------------------- properties

counts = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(Figures, **{name: counts for name in Figures.__dataclass_fields__}))
def test_written_rates_equal_recomputed_ones(figures: Figures) -> None:
    report = replace(sample_report(), total=figures,
                     departments=(replace(sample_report().departments[0], figures=figures),))
    with tempfile.TemporaryDirectory() as folder:
        wb = load_workbook(write_weekly_sheet(report, Path(folder) / "w.xlsx"))
    cells = labelled(wb["汇总"])
    dept = wb["承办单位"]
    pairs = [
        ("直办率", figures.direct, figures.received),
        ("按时签收率", figures.signed_on_time, figures.signed),
        ("按时办结率", figures.replied_on_time, figures.replied),
        ("满意率", figures.satisfied + figures.basically_satisfied,
         figures.satisfied + figures.basically_satisfied + figures.unsatisfied),
    ]  # fmt: skip
    for name, numerator, denominator in pairs:
        expected = numerator / denominator if denominator else None
        written = [cells[name].value]
        if name != "直办率":
            written.append(dept.cell(HEADER_ROW + 1, column(dept, name)).value)
        for value in written:
            if expected is None:
                assert value is None, name
            else:
                assert value == pytest.approx(expected, rel=1e-12), name
    assert cells["回访量"].value == figures.callbacks


# --------------------------------------------------------------------------- LibreOffice


def test_libreoffice_converts_the_workbook_to_pdf(workbook_path: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):  # .ci/run installs it: in CI the check must run
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(workbook_path)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()
    pdf = out / "周报.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
