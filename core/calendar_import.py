"""Parse an administrator's holiday file for ``calendar import FILE``.

The State Council publishes next year's holidays and make-up working days (调休) each November;
an administrator types them into a small CSV or JSON file. This module turns that file into
:class:`CalendarImport` or raises one :class:`CalendarImportError` listing every problem, so the
file can be fixed in one go. Nothing is ever partially returned.

CSV (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030)::

    date,kind,note
    2027-01-01,holiday,元旦
    2027-02-07,班,春节调休上班

JSON, either ``{"year": 2027, "holidays": [...], "workdays": [...]}`` (dates as strings) or a
list of ``{"date": ..., "kind": ..., "note": ...}`` objects.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_LISTED_PROBLEMS",
    "CalendarDay",
    "CalendarImport",
    "CalendarImportError",
    "parse_calendar_file",
    "parse_day_kind",
]

#: How many problems the error message lists before summarising the rest.
MAX_LISTED_PROBLEMS = 20

_HOLIDAY_WORDS = frozenset({"holiday", "休", "假", "节假日", "放假", "休息"})
_WORKDAY_WORDS = frozenset({"workday", "班", "上班", "调休上班", "工作日", "补班"})
_HEADER_ALIASES = {
    "date": "date",
    "日期": "date",
    "kind": "kind",
    "类型": "kind",
    "note": "note",
    "备注": "note",
    "说明": "note",
}
_DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_JSON_OBJECT_KEYS = frozenset({"year", "holidays", "workdays"})


@dataclass(frozen=True)
class CalendarDay:
    """One entry: ``working`` is True for a (make-up) working day, False for a holiday."""

    date: date
    working: bool
    note: str = ""


@dataclass(frozen=True)
class CalendarImport:
    """A parsed file: ``days`` sorted by date, each date once; ``years`` the years they fall in.

    For the JSON object form a declared ``"year"`` is included in ``years``.
    """

    days: tuple[CalendarDay, ...]
    years: frozenset[int]


class CalendarImportError(Exception):
    """The file cannot be imported.

    ``line`` is the line of the first problem (None when it has no line, e.g. a missing file or
    a JSON list item). ``problems`` holds every problem as a bilingual "中文 / English" string;
    ``str(error)`` lists up to :data:`MAX_LISTED_PROBLEMS` of them.
    """

    def __init__(self, problems: Iterable[str], line: int | None = None) -> None:
        self.problems = tuple(problems)
        self.line = line
        super().__init__(_summarise(self.problems))


def _summarise(problems: tuple[str, ...]) -> str:
    if len(problems) == 1:
        return problems[0]
    listed = problems[:MAX_LISTED_PROBLEMS]
    lines = [f"文件有 {len(problems)} 处错误 / the file has {len(problems)} problems:"]
    lines += [f"  {p}" for p in listed]
    hidden = len(problems) - len(listed)
    if hidden:
        lines.append(f"  …另有 {hidden} 处错误 / … and {hidden} more")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Where:
    """Where a problem is: a CSV line, or a named JSON entry (Chinese and English labels)."""

    line: int | None = None
    zh: str = ""
    en: str = ""

    @classmethod
    def at_line(cls, line: int) -> _Where:
        return cls(line, f"第 {line} 行", f"line {line}")


_NOWHERE = _Where()


def _bilingual(where: _Where, zh: str, en: str) -> str:
    if not where.zh:
        return f"{zh} / {en}"
    return f"{where.zh}：{zh} / {where.en}: {en}"


class _Problems:
    """Collects problems; the first one's line number becomes the error's ``line``."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.first_line: int | None = None

    def add(self, where: _Where, zh: str, en: str) -> None:
        if not self.messages:
            self.first_line = where.line
        self.messages.append(_bilingual(where, zh, en))

    def raise_if_any(self) -> None:
        if self.messages:
            raise CalendarImportError(self.messages, self.first_line)


def _fail(zh: str, en: str, where: _Where = _NOWHERE) -> CalendarImportError:
    return CalendarImportError([_bilingual(where, zh, en)], where.line)


def parse_day_kind(text: str) -> bool | None:
    """True for a working-day word, False for a holiday word, None if not recognised."""
    word = text.strip().lower()
    if word in _HOLIDAY_WORDS:
        return False
    if word in _WORKDAY_WORDS:
        return True
    return None


def _parse_date(text: str) -> date | None:
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class _DayCollector:
    """Accepts entries, reports bad dates/kinds and conflicting duplicates."""

    def __init__(self, problems: _Problems) -> None:
        self._problems = problems
        self._days: dict[date, CalendarDay] = {}
        self._first_seen: dict[date, _Where] = {}

    def add(self, where: _Where, raw_date: str, raw_kind: str, note: str) -> None:
        day = _parse_date(raw_date)
        working = parse_day_kind(raw_kind)
        if day is None:
            self._problems.add(
                where,
                f"日期无法识别 '{raw_date}'（应为 YYYY-MM-DD）",
                f"unrecognised date '{raw_date}' (expected YYYY-MM-DD)",
            )
        if working is None and raw_kind.strip():
            self._problems.add(
                where,
                f"类型无法识别 '{raw_kind}'（应为 holiday/休 或 workday/班）",
                f"unrecognised kind '{raw_kind}' (expected holiday/休 or workday/班)",
            )
        elif working is None:
            self._problems.add(where, "缺少类型", "kind is missing")
        if day is None or working is None:
            return
        note = note.strip()
        previous = self._days.get(day)
        if previous is None:
            self._days[day] = CalendarDay(day, working, note)
            self._first_seen[day] = where
        elif previous.working != working:
            first = self._first_seen[day]
            self._problems.add(
                where,
                f"日期 {day.isoformat()} 与{first.zh}重复且类型不同",
                f"date {day.isoformat()} repeats {first.en} with a different kind",
            )
        elif not previous.note and note:
            self._days[day] = CalendarDay(day, working, note)

    def result(self, extra_years: Iterable[int] = ()) -> CalendarImport:
        days = tuple(self._days[d] for d in sorted(self._days))
        years = frozenset(d.date.year for d in days) | frozenset(extra_years)
        return CalendarImport(days=days, years=years)


# -- reading ---------------------------------------------------------------------------------


def parse_calendar_file(path: Path) -> CalendarImport:
    """Parse a ``.csv`` or ``.json`` holiday file; raise :class:`CalendarImportError` if bad."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise _fail(
            f"不支持的文件类型 '{path.suffix or '（无扩展名）'}'，请使用 .csv 或 .json",
            f"unsupported file type '{path.suffix or '(none)'}'; use .csv or .json",
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(f"找不到文件 {path}", f"file not found: {path}") from None
    except OSError as exc:
        raise _fail(
            f"无法读取文件 {path}：{exc.strerror or exc}",
            f"cannot read file {path}: {exc.strerror or exc}",
        ) from None
    text = _decode(raw)
    if not text.strip():
        raise _fail("文件为空", "the file is empty")
    if suffix == ".csv":
        return _parse_csv(text)
    return _parse_json(text)


def _decode(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _fail(
        "无法识别文件编码，请另存为 UTF-8 或 GBK",
        "cannot decode the file; save it as UTF-8 or GBK",
    )


def _parse_csv(text: str) -> CalendarImport:
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: dict[str, int] | None = None
    problems = _Problems()
    collector = _DayCollector(problems)
    for row in _csv_rows(reader):
        where = _Where.at_line(reader.line_num)
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _read_header(cells, where)
            continue
        collector.add(
            where,
            _cell(cells, columns["date"]),
            _cell(cells, columns["kind"]),
            _cell(cells, columns.get("note")),
        )
    problems.raise_if_any()
    return _non_empty(collector.result())


def _csv_rows(reader: Any) -> Iterator[list[str]]:
    """Rows of ``reader``; a malformed row (e.g. a NUL byte) becomes a CalendarImportError."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _fail(
                f"CSV 格式错误：{exc}", f"malformed CSV: {exc}", _Where.at_line(reader.line_num)
            ) from None
        yield row


def _read_header(cells: list[str], where: _Where) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _HEADER_ALIASES.get(cell.lstrip("\ufeff").strip().lower())
        if name is not None and name not in columns:
            columns[name] = index
    missing = [name for name in ("date", "kind") if name not in columns]
    if missing:
        names = ", ".join(missing)
        raise _fail(
            f"表头缺少列 {names}（表头应为 date,kind,note）",
            f"header is missing column(s) {names} (expected date,kind,note)",
            where,
        )
    return columns


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def _non_empty(result: CalendarImport) -> CalendarImport:
    if not result.days:
        raise _fail("文件中没有日期", "the file lists no dates")
    return result


def _parse_json(text: str) -> CalendarImport:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            f"JSON 格式错误（第 {exc.colno} 列）：{exc.msg}",
            f"invalid JSON at column {exc.colno}: {exc.msg}",
            _Where.at_line(exc.lineno),
        ) from None
    problems = _Problems()
    collector = _DayCollector(problems)
    declared_years: list[int] = []
    if isinstance(data, dict):
        declared_years = _read_json_object(data, problems, collector)
    elif isinstance(data, list):
        _read_json_list(data, problems, collector)
    else:
        raise _fail(
            "JSON 顶层应为对象（year/holidays/workdays）或列表",
            "top-level JSON must be an object (year/holidays/workdays) or a list",
        )
    problems.raise_if_any()
    return _non_empty(collector.result(declared_years))


def _read_json_object(
    data: dict[str, Any], problems: _Problems, collector: _DayCollector
) -> list[int]:
    """Read the ``{"year", "holidays", "workdays"}`` form; return the declared year, if any."""
    unknown = sorted(str(key) for key in data if key not in _JSON_OBJECT_KEYS)
    if unknown:
        names = ", ".join(unknown)
        problems.add(
            _NOWHERE,
            f"未知的键 {names}（应为 year、holidays、workdays）",
            f"unknown key(s) {names} (expected year, holidays, workdays)",
        )
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        problems.add(
            _NOWHERE, f"year 应为整数，而不是 {year!r}", f"year must be an integer, not {year!r}"
        )
        year = None
    for key, kind in (("holidays", "holiday"), ("workdays", "workday")):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            problems.add(_NOWHERE, f"{key} 应为日期列表", f"{key} must be a list of dates")
            continue
        for index, entry in enumerate(entries, start=1):
            where = _Where(None, f"{key} 第 {index} 项", f"{key} item {index}")
            if not isinstance(entry, str):
                problems.add(
                    where,
                    f"日期应为字符串，而不是 {entry!r}",
                    f"a date must be a string, not {entry!r}",
                )
                continue
            parsed = _parse_date(entry)
            if year is not None and parsed is not None and parsed.year != year:
                problems.add(
                    where, f"日期 {entry} 不在 {year} 年", f"date {entry} is not in year {year}"
                )
                continue
            collector.add(where, entry, kind, "")
    return [year] if year is not None else []


def _read_json_list(data: list[Any], problems: _Problems, collector: _DayCollector) -> None:
    for index, item in enumerate(data, start=1):
        where = _Where(None, f"第 {index} 项", f"item {index}")
        if not isinstance(item, dict):
            problems.add(where, "应为含 date、kind 的对象", "must be an object with date and kind")
            continue
        values = [item.get("date", ""), item.get("kind", ""), item.get("note", "")]
        if not all(isinstance(value, str) for value in values):
            problems.add(
                where, "date、kind、note 应为字符串", "date, kind and note must be strings"
            )
            continue
        raw_date, raw_kind, note = values
        collector.add(where, raw_date, raw_kind, note)
