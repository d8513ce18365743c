"""Reading portal message exports (.xlsx / .csv) into incoming messages."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.intake_model import FeedFormatError, ParseResult
from core.sheet_import import HEADER_ALIASES, detect_columns, read_sheet
from core.validation import MAX_CONTENT

HEADERS = ["留言编号", "留言时间", "留言标题", "留言内容", "留言人", "联系电话", "来源", "地址"]
TITLE_ROW = ["某市12345/8890政务服务便民热线网上留言导出"]

# Spreadsheet rows: 1 title, 2 header, 3 good, 4 bad phone, 5 empty, 6 content only.
DATA = [
    [
        "20261120001",
        "2026-11-20 14:35",
        "小区噪音扰民",
        "晚上十点后工地仍在施工，\r\n噪音很大。",
        "张先生",
        "138-0013-8000",
        "市长信箱",
        "幸福路1号",
    ],
    ["20261120002", "2026/11/20 09:00:00", "路灯不亮", "路灯坏了", "李女士", "abc123", "", ""],
    ["", "", "", "", "", "", "", ""],
    [
        "",
        "2026年11月21日 08:05",
        "",
        "垃圾无人清运已经三天了，气味很大，请环卫部门尽快处理，谢谢配合",
        "",
        "",
        "",
        "",
    ],
]


def _write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _csv_text(rows: list[list[Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def _excel_rows() -> list[list[Any]]:
    """DATA with real datetimes and a numeric 编号, as Excel stores them."""
    rows: list[list[Any]] = [list(r) for r in DATA]
    rows[0][0] = 20261120001.0
    rows[0][1] = datetime(2026, 11, 20, 14, 35)
    rows[1][1] = datetime(2026, 11, 20, 9, 0)
    rows[3][1] = datetime(2026, 11, 21, 8, 5)
    return rows


def _check_standard(result: ParseResult, name: str) -> None:
    assert [m.row for m in result.messages] == [3, 6]
    first, second = result.messages
    assert first.source == f"sheet:{name}"
    assert first.external_id == "20261120001"
    assert first.posted_at == datetime(2026, 11, 20, 6, 35, tzinfo=UTC)
    assert first.title == "小区噪音扰民"
    assert first.content == "晚上十点后工地仍在施工，\n噪音很大。"
    assert first.caller_name == "张先生"
    assert first.caller_phone == "13800138000"
    assert first.channel_hint == "市长信箱"
    assert first.address == "幸福路1号"
    assert first.raw["留言人"] == "张先生"
    assert second.external_id is None
    assert second.posted_at == datetime(2026, 11, 21, 0, 5, tzinfo=UTC)
    assert second.title == "垃圾无人清运已经三天了，气味很大，请环卫部门尽快处理，谢谢配…"
    assert second.channel_hint is None
    (bad,) = result.rejected
    assert bad.row == 4
    assert "联系电话" in bad.reason_zh and "abc123" in bad.reason_zh
    assert "联系电话" in bad.reason_en and "abc123" in bad.reason_en


def test_xlsx_with_title_row_datetimes_and_numeric_id(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "portal-2026-11.xlsx", [TITLE_ROW, HEADERS, *_excel_rows()])
    _check_standard(read_sheet(path), "portal-2026-11.xlsx")


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(_csv_text([TITLE_ROW, HEADERS, *DATA]).encode("utf-8-sig"))
    _check_standard(read_sheet(path), "export.csv")


def test_csv_gbk(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(_csv_text([TITLE_ROW, HEADERS, *DATA]).encode("gbk"))
    _check_standard(read_sheet(path), "export.csv")


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_csv_other_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(_csv_text([TITLE_ROW, HEADERS, *DATA], delimiter), encoding="utf-8")
    _check_standard(read_sheet(path), "export.csv")


def test_explicit_source(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(_csv_text([HEADERS, DATA[0]]), encoding="utf-8")
    (message,) = read_sheet(path, "portal:city").messages
    assert message.source == "portal:city"
    assert message.row == 2


def test_header_variants() -> None:
    headers = [" ID ", "留言内容*", "联系电话：", "\ufeff标题", "Title", "PHONE", "备注"]
    assert detect_columns(headers) == {
        "external_id": 0,
        "content": 1,
        "caller_phone": 2,
        "title": 3,
    }
    assert detect_columns(["Content", "Name", "Time", "Source", "Address"]) == {
        "content": 0,
        "caller_name": 1,
        "posted_at": 2,
        "channel_hint": 3,
        "address": 4,
    }
    assert detect_columns(["留言\u3000内容", "手机号:"]) == {"content": 0, "caller_phone": 1}


def test_variant_headers_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    rows = [["ID", "留言内容*", "联系电话："], ["7", "井盖丢失", "（0571）8888 8890"]]
    path.write_text(_csv_text(rows), encoding="utf-8")
    (message,) = read_sheet(path).messages
    assert (message.external_id, message.content, message.caller_phone) == (
        "7",
        "井盖丢失",
        "057188888890",
    )
    assert message.title == "井盖丢失"


def test_mapping_for_unknown_headers(tmp_path: Path) -> None:
    path = _write_xlsx(
        tmp_path / "m.xlsx",
        [["序号", "诉求描述", "反映人", "备注"], [1, "占道经营", "王五", "地址"]],
    )
    with pytest.raises(FeedFormatError):
        read_sheet(path)
    mapping = {"诉求描述": "content", "反映人": "caller_name", "备注": ""}
    (message,) = read_sheet(path, mapping=mapping).messages
    assert (message.content, message.caller_name, message.address) == ("占道经营", "王五", "")


def test_mapping_to_unknown_field_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("内容,电话\n井盖,123\n", encoding="utf-8")
    with pytest.raises(FeedFormatError):
        read_sheet(path, mapping={"内容": "no_such_field"})


def test_missing_required_columns_lists_headers(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("编号,联系电话,地址\n1,123,路\n", encoding="utf-8")
    with pytest.raises(FeedFormatError) as caught:
        read_sheet(path)
    error = caught.value
    for text in (error.message_zh, error.message_en):
        assert "wrong.csv" in text
        assert "编号" in text and "联系电话" in text and "地址" in text
        assert "留言内容" in text
    assert isinstance(error.bilingual(), str)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", "留言内容,电话\n井盖,123\n".encode()),
        ("broken.xlsx", bytes(range(256)) * 4),
        ("empty.csv", b""),
        ("blank.csv", "\ufeff\n, ,\n".encode()),
        ("latin.csv", b"\xff\xfe\x00\xd8\x81\x81\xff"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FeedFormatError) as caught:
        read_sheet(path)
    assert name in caught.value.message_en and name in caught.value.message_zh


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedFormatError):
        read_sheet(tmp_path / "gone.xlsx")
    with pytest.raises(FeedFormatError):
        read_sheet(tmp_path / "gone.csv")


def test_overlong_content_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(_csv_text([["内容", "电话"], ["长" * 100_000, ""], ["短", ""]]), "utf-8")
    result = read_sheet(path)
    assert [m.content for m in result.messages] == ["短"]
    (rejected,) = result.rejected
    assert rejected.row == 2
    assert f"{MAX_CONTENT:,}" in rejected.reason_en


def test_title_only_row_and_bad_date(tmp_path: Path) -> None:
    rows = [
        ["标题", "内容", "时间"],
        ["只有标题", "", "2026-11-20"],
        ["坏日期", "x", "昨天下午"],
        ["月份不对", "y", "2026-13-01 10:00"],
    ]
    path = _write_xlsx(tmp_path / "d.xlsx", rows)
    result = read_sheet(path)
    (message,) = result.messages
    assert message.content == message.title == "只有标题"
    assert message.posted_at == datetime(2026, 11, 19, 16, 0, tzinfo=UTC)
    assert [r.row for r in result.rejected] == [3, 4]
    assert "昨天下午" in result.rejected[0].reason_zh


def test_no_text_row_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("标题,内容,姓名\n,,张三\n", encoding="utf-8")
    result = read_sheet(path)
    assert result.messages == ()
    assert result.rejected[0].row == 2 and "no text" in result.rejected[0].reason_en


# --- properties -------------------------------------------------------------------------------

# No control characters (openpyxl refuses them) and no leading "=" (a formula in Excel).
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \t\n"), max_size=40
).filter(lambda text: not text.startswith("="))


def _outcome_is_allowed(path: Path) -> None:
    try:
        result = read_sheet(path)
    except FeedFormatError:
        return
    assert isinstance(result, ParseResult)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("any.csv", "any.xlsx"):
            path = Path(folder) / name
            path.write_bytes(data)
            _outcome_is_allowed(path)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.integers(0, 10_000))
def test_damaged_xlsx_never_crashes(noise: bytes, where: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write_xlsx(Path(folder) / "d.xlsx", [HEADERS, DATA[0]])
        good = path.read_bytes()
        cut = where % len(good)
        path.write_bytes(good[:cut] + noise + good[cut + len(noise) :])
        _outcome_is_allowed(path)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_TEXT, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=8))
def test_every_nonempty_row_is_accounted_for(rows: list[list[str]]) -> None:
    nonempty = sum(1 for row in rows if any(cell.strip() for cell in row))
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "rows.csv"
        csv_path.write_text(_csv_text([HEADERS, *rows]), encoding="utf-8")
        xlsx_path = _write_xlsx(Path(folder) / "rows.xlsx", [HEADERS, *rows])
        for path in (csv_path, xlsx_path):
            result = read_sheet(path)
            assert len(result.messages) + len(result.rejected) == nonempty
            rows_seen = sorted(
                [m.row or 0 for m in result.messages] + [r.row or 0 for r in result.rejected]
            )
            assert all(2 <= n <= len(rows) + 1 for n in rows_seen)
            assert all(m.content and m.title for m in result.messages)


def test_every_alias_is_recognised() -> None:
    for name, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            assert detect_columns(["其他", f" {alias}： "]) == {name: 1}
