"""Parsing the administrator's holiday file (``calendar import FILE``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.calendar_import import (
    MAX_LISTED_PROBLEMS,
    CalendarDay,
    CalendarImport,
    CalendarImportError,
    parse_calendar_file,
)

GOOD_CSV = """date,kind,note
2027-01-01,holiday,元旦
2027-02-06,休,春节
2027/2/7,班,春节调休上班
2027-02-08,放假,
2027-02-20,调休上班
2027-10-01,节假日,国庆节
2027-10-09,上班,国庆调休
"""

EXPECTED_DAYS = (
    CalendarDay(date(2027, 1, 1), False, "元旦"),
    CalendarDay(date(2027, 2, 6), False, "春节"),
    CalendarDay(date(2027, 2, 7), True, "春节调休上班"),
    CalendarDay(date(2027, 2, 8), False, ""),
    CalendarDay(date(2027, 2, 20), True, ""),
    CalendarDay(date(2027, 10, 1), False, "国庆节"),
    CalendarDay(date(2027, 10, 9), True, "国庆调休"),
)


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def import_error(path: Path) -> CalendarImportError:
    with pytest.raises(CalendarImportError) as info:
        parse_calendar_file(path)
    return info.value


# -- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_good_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "2027.csv", GOOD_CSV, encoding)
    result = parse_calendar_file(path)
    assert result == CalendarImport(days=EXPECTED_DAYS, years=frozenset({2027}))


def test_csv_with_crlf_blank_lines_and_no_note_column(tmp_path: Path) -> None:
    text = "Date , Kind\r\n\r\n2027-01-01 , Holiday \r\n,,\r\n2027-02-07,Workday\r\n"
    result = parse_calendar_file(write(tmp_path, "a.csv", text))
    assert result.days == (
        CalendarDay(date(2027, 1, 1), False, ""),
        CalendarDay(date(2027, 2, 7), True, ""),
    )


def test_csv_with_chinese_header_and_columns_in_another_order(tmp_path: Path) -> None:
    text = "备注,类型,日期\n元旦,假,2027-01-01\n"
    result = parse_calendar_file(write(tmp_path, "a.CSV", text))
    assert result.days == (CalendarDay(date(2027, 1, 1), False, "元旦"),)


def test_csv_same_date_twice_with_same_kind_is_kept_once(tmp_path: Path) -> None:
    text = "date,kind,note\n2027-01-01,休,\n2027-01-01,holiday,元旦\n"
    result = parse_calendar_file(write(tmp_path, "a.csv", text))
    assert result.days == (CalendarDay(date(2027, 1, 1), False, "元旦"),)


def test_csv_spanning_two_years(tmp_path: Path) -> None:
    text = "date,kind\n2026-12-31,workday\n2027-01-01,holiday\n"
    result = parse_calendar_file(write(tmp_path, "a.csv", text))
    assert result.years == frozenset({2026, 2027})


def test_json_object_form(tmp_path: Path) -> None:
    data = {
        "year": 2027,
        "holidays": ["2027-10-01", "2027-01-01", "2027-02-06"],
        "workdays": ["2027-02-07"],
    }
    result = parse_calendar_file(write(tmp_path, "2027.json", json.dumps(data)))
    assert result == CalendarImport(
        days=(
            CalendarDay(date(2027, 1, 1), False, ""),
            CalendarDay(date(2027, 2, 6), False, ""),
            CalendarDay(date(2027, 2, 7), True, ""),
            CalendarDay(date(2027, 10, 1), False, ""),
        ),
        years=frozenset({2027}),
    )


def test_json_list_form_with_bom(tmp_path: Path) -> None:
    data = [
        {"date": "2027-01-01", "kind": "holiday", "note": "元旦"},
        {"date": "2027/02/07", "kind": "班"},
    ]
    text = json.dumps(data, ensure_ascii=False)
    result = parse_calendar_file(write(tmp_path, "2027.json", text, "utf-8-sig"))
    assert result.days == (
        CalendarDay(date(2027, 1, 1), False, "元旦"),
        CalendarDay(date(2027, 2, 7), True, ""),
    )
    assert result.years == frozenset({2027})


# -- bad files ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    error = import_error(tmp_path / "nope.csv")
    assert error.line is None
    assert "找不到文件" in str(error)
    assert "file not found" in str(error)


def test_unreadable_file(tmp_path: Path) -> None:
    error = import_error(tmp_path)  # a directory cannot be read as a file
    assert "unsupported file type" in str(error)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    error = import_error(folder)
    assert error.line is None
    assert "无法读取文件" in str(error)
    assert "cannot read file" in str(error)


def test_unknown_extension(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "2027.xlsx", GOOD_CSV))
    assert "不支持的文件类型 '.xlsx'" in str(error)
    assert "unsupported file type '.xlsx'" in str(error)


def test_not_decodable(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", b"date,kind\n\xff\xff\xff,\x80\x80\n"))
    assert "无法识别文件编码" in str(error)
    assert "cannot decode" in str(error)


@pytest.mark.parametrize("content", ["", "  \n\r\n", "\ufeff"])
@pytest.mark.parametrize("name", ["a.csv", "a.json"])
def test_empty_file(tmp_path: Path, content: str, name: str) -> None:
    error = import_error(write(tmp_path, name, content))
    assert str(error) == "文件为空 / the file is empty"


def test_header_only(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", "date,kind,note\n"))
    assert str(error) == "文件中没有日期 / the file lists no dates"


def test_missing_header_column(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", "\ndate,type\n2027-01-01,holiday\n"))
    assert error.line == 2
    assert str(error) == (
        "第 2 行：表头缺少列 kind（表头应为 date,kind,note） / "
        "line 2: header is missing column(s) kind (expected date,kind,note)"
    )


def test_no_header_at_all(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", "2027-01-01,holiday\n"))
    assert error.line == 1
    assert "missing column(s) date, kind" in str(error)


def test_bad_date(tmp_path: Path) -> None:
    text = "date,kind\n2027-01-01,holiday\n2027-13-01,holiday\n"
    error = import_error(write(tmp_path, "a.csv", text))
    assert error.line == 3
    assert str(error) == (
        "第 3 行：日期无法识别 '2027-13-01'（应为 YYYY-MM-DD） / "
        "line 3: unrecognised date '2027-13-01' (expected YYYY-MM-DD)"
    )


def test_bad_kind(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", "date,kind\n2027-01-01,vacation\n"))
    assert error.line == 2
    assert "第 2 行：类型无法识别 'vacation'" in str(error)
    assert "line 2: unrecognised kind 'vacation'" in str(error)


def test_missing_kind(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.csv", "date,kind\n2027-01-01\n"))
    assert str(error) == "第 2 行：缺少类型 / line 2: kind is missing"


def test_same_date_twice_with_different_kinds(tmp_path: Path) -> None:
    text = "date,kind\n2027-02-07,班\n2027-02-08,休\n2027-02-07,休\n"
    error = import_error(write(tmp_path, "a.csv", text))
    assert error.line == 4
    assert str(error) == (
        "第 4 行：日期 2027-02-07 与第 2 行重复且类型不同 / "
        "line 4: date 2027-02-07 repeats line 2 with a different kind"
    )


def test_all_row_errors_are_reported_together(tmp_path: Path) -> None:
    text = "date,kind\n2027-01-01,holiday\n2027-02-30,holiday\n2027-03-01,maybe\n2027-01-01,班\n"
    error = import_error(write(tmp_path, "a.csv", text))
    assert error.line == 3
    assert len(error.problems) == 3
    message = str(error)
    assert message.startswith("文件有 3 处错误 / the file has 3 problems:")
    assert "line 3: unrecognised date '2027-02-30'" in message
    assert "line 4: unrecognised kind 'maybe'" in message
    assert "line 5: date 2027-01-01 repeats line 2" in message


def test_long_error_lists_are_cut_at_twenty(tmp_path: Path) -> None:
    rows = "".join(f"2027-01-{day:02d},bad\n" for day in range(1, 26))
    error = import_error(write(tmp_path, "a.csv", "date,kind\n" + rows))
    assert len(error.problems) == 25
    message = str(error)
    assert "line 21:" in message  # the 20th problem
    assert "line 22:" not in message
    assert message.endswith("…另有 5 处错误 / … and 5 more")
    assert len(message.splitlines()) == 1 + MAX_LISTED_PROBLEMS + 1


def test_invalid_json_reports_its_line(tmp_path: Path) -> None:
    text = '{\n  "year": 2027,\n  "holidays": ["2027-01-01",]\n}\n'
    error = import_error(write(tmp_path, "a.json", text))
    assert error.line == 3
    assert str(error).startswith("第 3 行：JSON 格式错误")
    assert "line 3: invalid JSON" in str(error)


def test_json_object_form_errors(tmp_path: Path) -> None:
    data = {
        "year": 2027,
        "holidays": ["2027-01-01", "2027-02-30", "2026-10-01", 5],
        "workdays": ["2027-01-01"],
        "holiday": ["2027-05-01"],
    }
    error = import_error(write(tmp_path, "a.json", json.dumps(data)))
    assert error.problems == (
        "未知的键 holiday（应为 year、holidays、workdays） / "
        "unknown key(s) holiday (expected year, holidays, workdays)",
        "holidays 第 2 项：日期无法识别 '2027-02-30'（应为 YYYY-MM-DD） / "
        "holidays item 2: unrecognised date '2027-02-30' (expected YYYY-MM-DD)",
        "holidays 第 3 项：日期 2026-10-01 不在 2027 年 / "
        "holidays item 3: date 2026-10-01 is not in year 2027",
        "holidays 第 4 项：日期应为字符串，而不是 5 / "
        "holidays item 4: a date must be a string, not 5",
        "workdays 第 1 项：日期 2027-01-01 与holidays 第 1 项重复且类型不同 / "
        "workdays item 1: date 2027-01-01 repeats holidays item 1 with a different kind",
    )
    assert error.line is None


def test_json_list_form_errors(tmp_path: Path) -> None:
    data = [
        {"date": "2027-01-01", "kind": "holiday"},
        "2027-01-02",
        {"date": "2027-01-03", "kind": "feast"},
        {"date": 20270104, "kind": "holiday"},
    ]
    error = import_error(write(tmp_path, "a.json", json.dumps(data)))
    assert len(error.problems) == 3
    assert error.problems[0].startswith("第 2 项：应为含 date、kind 的对象 / item 2: must be")
    assert "item 3: unrecognised kind 'feast'" in error.problems[1]
    assert "item 4: date, kind and note must be strings" in error.problems[2]


@pytest.mark.parametrize("text", ['"2027"', "42", "null"])
def test_json_wrong_top_level(tmp_path: Path, text: str) -> None:
    error = import_error(write(tmp_path, "a.json", text))
    assert "top-level JSON must be an object" in str(error)


def test_json_with_no_dates(tmp_path: Path) -> None:
    error = import_error(write(tmp_path, "a.json", '{"year": 2027}'))
    assert str(error) == "文件中没有日期 / the file lists no dates"


def test_json_year_must_be_an_integer(tmp_path: Path) -> None:
    data = {"year": "2027", "holidays": ["2027-01-01"]}
    error = import_error(write(tmp_path, "a.json", json.dumps(data)))
    assert "year must be an integer" in str(error)


# -- property: any file either parses or raises CalendarImportError ------------------------


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json"]))
def test_property_never_raises_anything_else(tmp_path: Path, body: bytes, suffix: str) -> None:
    path = write(tmp_path, "fuzz" + suffix, body)
    try:
        result = parse_calendar_file(path)
    except CalendarImportError as error:
        assert str(error)
        assert error.problems
    else:
        assert result.days
        assert list(result.days) == sorted(result.days, key=lambda day: day.date)


rows = st.lists(
    st.tuples(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
        st.sampled_from(["holiday", "workday", "休", "班", "调休上班", "放假"]),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda row: row[0],
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
def test_property_csv_round_trip(
    tmp_path: Path, entries: list[tuple[date, str]], encoding: str
) -> None:
    text = "date,kind\n" + "".join(f"{day.isoformat()},{kind}\n" for day, kind in entries)
    result = parse_calendar_file(write(tmp_path, "round.csv", text, encoding))
    working_words = {"workday", "班", "调休上班"}
    assert {(d.date, d.working) for d in result.days} == {
        (day, kind in working_words) for day, kind in entries
    }
    assert result.years == frozenset(day.year for day, _ in entries)
