"""Read the message lists that government portals export (留言板 exports) as .xlsx or .csv.

``read_sheet`` returns one :class:`IncomingMessage` per usable row and one :class:`RejectedRow`
per row it refuses (bad phone, bad date, over-long or missing text); completely empty rows are
skipped silently. Row numbers are the 1-based spreadsheet rows an administrator sees in Excel.
A file that cannot be read at all (unknown extension, corrupt, wrong encoding, empty, no
content column) raises :class:`FeedFormatError` and nothing is returned.

Times: naive times (Excel datetimes and text) are Asia/Shanghai wall-clock time; ``posted_at``
is returned aware, in UTC. The module is pure: no database, no Qt, no clock.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

from core.calendar import SHANGHAI
from core.errors import ValidationError
from core.intake_model import FeedFormatError, IncomingMessage, ParseResult, RejectedRow
from core.validation import (
    MAX_ADDRESS,
    MAX_CONTENT,
    MAX_EXTERNAL_REF,
    MAX_NAME,
    MAX_TITLE,
    normalise_phone,
    text_field,
    title_from_content,
)

__all__ = ["HEADER_ALIASES", "HEADER_SEARCH_ROWS", "detect_columns", "read_sheet"]

# Reach (传播量) of a 舆情 item is its reposts plus comments; views count only when a list
# has nothing else.
_REACH_INTERACTIONS = ("转发/评论", "转评数", "转发评论数", "互动量", "转发", "转发量", "转发数",
                       "评论", "评论量", "评论数", "reach")
_REACH_VIEWS = ("阅读量", "阅读数", "浏览量", "传播量")
_MAX_PLATFORM, _MAX_LINK = 50, 500  # the widths of opinion_item's columns

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("留言编号", "编号", "信件编号", "留言ID", "工单号", "ID"),
    "posted_at": ("留言时间", "发布时间", "提交时间", "来信时间", "时间", "time"),
    "title": ("留言标题", "标题", "主题", "信件标题", "title"),
    "content": ("留言内容", "内容", "诉求内容", "信件内容", "正文", "content"),
    "caller_name": ("留言人", "姓名", "网民", "来信人", "联系人", "昵称", "name"),
    "caller_phone": ("联系电话", "电话", "手机", "手机号", "联系方式", "phone"),
    "channel_hint": ("来源", "渠道", "来源渠道", "留言板", "source"),
    "address": ("地址", "事发地址", "事发地点", "所在地区", "address"),
    # public-opinion lists (舆情监测): only kept for orders of a 舆情 channel
    "platform": ("平台", "发布平台", "来源平台", "媒体平台", "platform"),
    "link": ("链接", "原文链接", "原文地址", "网址", "URL", "link"),
    "reach": (*_REACH_INTERACTIONS, *_REACH_VIEWS),
}

#: The header row is looked for among this many rows at the top of the sheet.
HEADER_SEARCH_ROWS = 10

_FIELD_ZH = {
    "external_id": "留言编号",
    "posted_at": "留言时间",
    "title": "留言标题",
    "content": "留言内容",
    "caller_name": "留言人",
    "caller_phone": "联系电话",
    "channel_hint": "来源",
    "address": "地址",
    "platform": "发布平台",
    "link": "原文链接",
    "reach": "转发/评论量",
}
_TEXT_LIMITS = {"caller_name": MAX_NAME, "address": MAX_ADDRESS, "external_id": MAX_EXTERNAL_REF,
                "platform": _MAX_PLATFORM, "link": _MAX_LINK}
_REACH_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*(万|w|k|千)?\+?$", re.IGNORECASE)
_REACH_FACTORS = {"万": 10_000, "w": 10_000, "k": 1_000, "千": 1_000}
_HEADER_JUNK = re.compile(r"[\s\u3000\ufeff]+")
_HEADER_MARKS = ":：*＊"
_CSV_DELIMITERS = (",", "\t", ";")
_SNIFF_CHARS = 16_384
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*日\s*)(\d{1,2})\s*[:时]\s*(\d{1,2})\s*(?:[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?"
)


def _normalise_header(text: str) -> str:
    return _HEADER_JUNK.sub("", text).strip(_HEADER_MARKS).casefold()


_ALIAS_TO_FIELD = {
    _normalise_header(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases
}


def detect_columns(headers: Sequence[str]) -> dict[str, int]:
    """Field name -> 0-based column index for each recognised header; the first column wins."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _ALIAS_TO_FIELD.get(_normalise_header(str(header or "")))
        if name is not None and name not in found:
            found[name] = index
    return found


def read_sheet(
    path: Path, source: str | None = None, *, mapping: Mapping[str, str] | None = None
) -> ParseResult:
    """Parse a portal export (.xlsx or .csv) at ``path``.

    ``source`` defaults to ``"sheet:<file name>"``. ``mapping`` (header text -> field name, from
    the desk's mapping dialog) overrides or extends the automatic recognition; a field name of
    ``""`` makes that column ignored. Raises only :class:`FeedFormatError`.
    """
    path = Path(path)
    columns_for = _ColumnRules(path.name, mapping or {})
    rows = _read_rows(path)
    header_row, columns, headers = _find_header(path.name, rows, columns_for)
    parser = _RowParser(source or f"sheet:{path.name}", headers, columns)
    messages: list[IncomingMessage] = []
    rejected: list[RejectedRow] = []
    for number, cells in rows[header_row:]:
        outcome = parser.parse(number, cells)
        if isinstance(outcome, IncomingMessage):
            messages.append(outcome)
        elif outcome is not None:
            rejected.append(outcome)
    return ParseResult(tuple(messages), tuple(rejected))


# --- reading the file -------------------------------------------------------------------------

Row = tuple[int, tuple[Any, ...]]


def _format_error(file_name: str, problem_zh: str, problem_en: str) -> FeedFormatError:
    return FeedFormatError(source=file_name, problem_zh=problem_zh, problem_en=problem_en)


def _read_rows(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path)
    elif suffix == ".xlsx":
        rows = _read_xlsx(path)
    else:
        raise _format_error(
            path.name,
            f"不支持的文件类型“{suffix or '（无扩展名）'}”，请另存为 .xlsx 或 .csv",
            f"unsupported file type '{suffix or '(none)'}'; save it as .xlsx or .csv",
        )
    if not any(_row_has_text(cells) for _, cells in rows):
        raise _format_error(path.name, "文件是空的", "the file is empty")
    return rows


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _format_error(
            path.name, f"无法读取文件（{exc.strerror or exc}）", f"cannot read the file ({exc})"
        ) from None


def _decode(file_name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _format_error(
        file_name,
        "文件编码无法识别（应为 UTF-8 或 GBK/GB18030）",
        "unknown text encoding (expected UTF-8 or GBK/GB18030)",
    )


def _read_csv(path: Path) -> list[Row]:
    text = _decode(path.name, _read_bytes(path))
    try:
        delimiter = _choose_delimiter(text)
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [(number, tuple(record)) for number, record in enumerate(records, start=1)]
    except csv.Error as exc:
        raise _format_error(path.name, f"CSV 格式错误：{exc}", f"malformed CSV: {exc}") from None


def _choose_delimiter(text: str) -> str:
    """The sniffed delimiter if it yields a header row, else the first candidate that does."""
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:HEADER_SEARCH_ROWS])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(_CSV_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ","
    candidates = [sniffed, *(d for d in _CSV_DELIMITERS if d != sniffed)]
    for delimiter in candidates:
        try:
            top = list(
                islice(
                    csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                    HEADER_SEARCH_ROWS,
                )
            )
        except csv.Error:
            continue
        if any(len(detect_columns(record)) >= 2 for record in top):
            return delimiter
    return sniffed


def _read_xlsx(path: Path) -> list[Row]:
    import openpyxl  # imported here: the rest of core need not pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        if not path.is_file():
            raise _format_error(
                path.name, f"无法读取文件（{exc.strerror or exc}）", f"cannot read the file ({exc})"
            ) from None
        raise _corrupt(path.name, exc) from None
    except Exception as exc:  # openpyxl/zipfile/XML raise many kinds on a damaged file
        raise _corrupt(path.name, exc) from None
    try:
        if not workbook.worksheets:
            raise _format_error(path.name, "工作簿中没有工作表", "the workbook has no worksheet")
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # exporters often write a wrong <dimension>
        return [
            (number, tuple(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except FeedFormatError:
        raise
    except Exception as exc:
        raise _corrupt(path.name, exc) from None
    finally:
        workbook.close()


def _corrupt(file_name: str, exc: BaseException) -> FeedFormatError:
    detail = type(exc).__name__
    return _format_error(
        file_name,
        f"不是有效的 .xlsx 文件或文件已损坏（{detail}）",
        f"not a valid .xlsx file or the file is damaged ({detail})",
    )


# --- finding the header -----------------------------------------------------------------------


class _ColumnRules:
    """Automatic header recognition plus the mapping chosen in the desk's dialog."""

    def __init__(self, file_name: str, mapping: Mapping[str, str]) -> None:
        unknown = sorted({f for f in mapping.values() if f and f not in HEADER_ALIASES})
        if unknown:
            raise _format_error(
                file_name,
                f"列映射中有未知字段：{'、'.join(unknown)}（可用：{'、'.join(HEADER_ALIASES)}）",
                f"unknown field(s) in the column mapping: {', '.join(unknown)} "
                f"(known: {', '.join(HEADER_ALIASES)})",
            )
        self._mapping = {_normalise_header(k): v for k, v in mapping.items()}

    def columns(self, headers: Sequence[str]) -> dict[str, int]:
        columns = detect_columns(headers)
        for index, header in enumerate(headers):
            key = _normalise_header(header)
            if key not in self._mapping:
                continue
            columns = {f: i for f, i in columns.items() if i != index}
            if self._mapping[key]:
                columns[self._mapping[key]] = index
        return columns


def _find_header(
    file_name: str, rows: list[Row], rules: _ColumnRules
) -> tuple[int, dict[str, int], tuple[str, ...]]:
    """(position of the first data row in ``rows``, field -> column, header texts).

    The header is the first of the top rows with two recognised headers; failing that, the
    first one with a content or title header (a one-column list).
    """
    top = [tuple(_cell_text(c) for c in cells) for _, cells in rows[:HEADER_SEARCH_ROWS]]
    found = [(position, headers, rules.columns(headers)) for position, headers in enumerate(top)]
    chosen = next((f for f in found if len(f[2]) >= 2), None) or next(
        (f for f in found if f[2].keys() & {"content", "title"}), None
    )
    if chosen is not None and chosen[2].keys() & {"content", "title"}:
        return chosen[0] + 1, chosen[2], chosen[1]
    shown = chosen[1] if chosen else next((h for h in top if any(x.strip() for x in h)), ())
    listed = [h.strip() for h in shown if h.strip()]
    accepted = " / ".join(HEADER_ALIASES["content"] + HEADER_ALIASES["title"])
    raise _format_error(
        file_name,
        f"找不到留言内容或标题列。找到的表头：{'、'.join(listed) or '（无）'}。"
        f"可接受的列名：{accepted}",
        f"no content or title column. Headers found: {', '.join(listed) or '(none)'}. "
        f"Accepted names: {accepted}",
    )


# --- one row ----------------------------------------------------------------------------------


class _RowParser:
    def __init__(self, source: str, headers: Sequence[str], columns: Mapping[str, int]) -> None:
        self._source = source
        self._columns = dict(columns)
        self._headers = {f: (headers[i].strip() or f"#{i + 1}") for f, i in columns.items()}
        self._raw_keys = _raw_keys(headers)
        self._reach = _reach_columns(headers, columns)
        self._all_headers = tuple(headers)

    def parse(self, number: int, cells: Sequence[Any]) -> IncomingMessage | RejectedRow | None:
        if not _row_has_text(cells):
            return None
        raw = {key: _cell_text(cells[i]) if i < len(cells) else "" for i, key in self._raw_keys}
        try:
            return self._message(number, cells, raw)
        except _Refused as refused:
            return RejectedRow(number, refused.reason_zh, refused.reason_en, raw)

    def _message(self, number: int, cells: Sequence[Any], raw: dict[str, str]) -> IncomingMessage:
        title_text = _one_line(self._text(cells, "title"))
        content = _multi_line(self._text(cells, "content")) or title_text
        if not content:
            raise _Refused("没有留言内容或标题", "no text: both content and title are empty")
        content = self._checked(content, "content", MAX_CONTENT)
        title = title_text or title_from_content(content)
        if len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1] + "…"
        fields = {
            f: self._checked(self._text(cells, f).strip(), f, limit)
            for f, limit in _TEXT_LIMITS.items()
        }
        channel = self._text(cells, "channel_hint").strip()
        return IncomingMessage(
            source=self._source,
            external_id=fields["external_id"] or None,
            row=number,
            posted_at=self._posted_at(cells),
            updated_at=None,
            title=title,
            content=content,
            caller_name=fields["caller_name"],
            caller_phone=self._phone(cells),
            address=fields["address"],
            channel_hint=channel or None,
            platform=fields["platform"],
            link=fields["link"],
            reach=self._reach_of(cells),
            raw=raw,
        )

    def _value(self, cells: Sequence[Any], name: str) -> Any:
        index = self._columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def _text(self, cells: Sequence[Any], name: str) -> str:
        return _cell_text(self._value(cells, name))

    def _checked(self, text: str, name: str, limit: int) -> str:
        try:
            return text_field(text, name, _FIELD_ZH[name], max_len=limit, required=False)
        except ValidationError as exc:
            raise self._refusal(name, exc) from None

    def _phone(self, cells: Sequence[Any]) -> str:
        try:
            return normalise_phone(self._text(cells, "caller_phone"))
        except ValidationError as exc:
            raise self._refusal("caller_phone", exc) from None

    def _refusal(self, name: str, exc: ValidationError) -> _Refused:
        header = self._headers[name]
        return _Refused(
            f"“{header}”列：{exc.params['problem_zh']}",
            f"column '{header}': {exc.params['problem_en']}",
        )

    def _reach_of(self, cells: Sequence[Any]) -> int | None:
        """The sum of the reach columns; ``1.2万`` is 12000. Empty everywhere: ``None``."""
        total: int | None = None
        for index in self._reach:
            value = cells[index] if index < len(cells) else None
            text = _cell_text(value).replace(",", "").replace("，", "").strip()
            if not text:
                continue
            number = _reach_number(unicodedata.normalize("NFKC", text))
            if number is None:
                header = self._all_headers[index].strip() or f"#{index + 1}"
                raise _Refused(f"“{header}”列的值“{text[:40]}”不是数字（例如 1200 或 1.2万）",
                               f"column '{header}': '{text[:40]}' is not a number "
                               "(e.g. 1200 or 1.2万)")
            total = (total or 0) + number
        return total

    def _posted_at(self, cells: Sequence[Any]) -> datetime | None:
        value = self._value(cells, "posted_at")
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parsed = _to_datetime(value)
        if parsed is None:
            raise self._bad_date(value)
        try:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=SHANGHAI)
            return parsed.astimezone(UTC)
        except (OverflowError, ValueError):
            raise self._bad_date(value) from None

    def _bad_date(self, value: Any) -> _Refused:
        shown = _cell_text(value).strip()[:40]
        header = self._headers["posted_at"]
        return _Refused(
            f"“{header}”列的值“{shown}”不是可识别的日期时间（例如 2026-11-20 14:35）",
            f"column '{header}': '{shown}' is not a date and time (e.g. 2026-11-20 14:35)",
        )


class _Refused(Exception):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


def _reach_columns(headers: Sequence[str], columns: Mapping[str, int]) -> list[int]:
    """Every reach column (reposts, comments ...; views only without those), when reach is
    one of the fields; a column chosen by hand that is none of them stands alone."""
    if "reach" not in columns:
        return []
    keys = [_normalise_header(str(h or "")) for h in headers]
    interactions = {_normalise_header(a) for a in _REACH_INTERACTIONS}
    views = {_normalise_header(a) for a in _REACH_VIEWS}
    found = ([i for i, k in enumerate(keys) if k in interactions]
             or [i for i, k in enumerate(keys) if k in views])
    return found if columns["reach"] in found else [columns["reach"]]


def _reach_number(text: str) -> int | None:
    match = _REACH_NUMBER.match(text)
    if match is None:
        return None
    value = float(match.group(1)) * _REACH_FACTORS.get((match.group(2) or "").lower(), 1)
    return int(round(value)) if value < 2_000_000_000 else None


def _raw_keys(headers: Sequence[str]) -> list[tuple[int, str]]:
    keys: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        key = header.strip() or f"#{index + 1}"
        if key in seen:
            key = f"{key} #{index + 1}"
        seen.add(key)
        keys.append((index, key))
    return keys


# --- cell values ------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """A cell as text: whole floats lose their '.0' (Excel stores 12345 as 12345.0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _row_has_text(cells: Iterable[Any]) -> bool:
    return any(_cell_text(c).strip() for c in cells)


def _multi_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _to_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(float(value))
    if isinstance(value, str):
        return _parse_date_text(value)
    return None


def _from_excel_serial(serial: float) -> datetime | None:
    from openpyxl.utils.datetime import from_excel

    if not 1 <= serial < 2_958_466:  # 1900-01-01 .. 9999-12-31
        return None
    try:
        result = from_excel(serial)
    except (ValueError, OverflowError):
        return None
    return result if isinstance(result, datetime) else None


def _parse_date_text(text: str) -> datetime | None:
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if len(cleaned) > 64:  # no date is that long; keeps the pattern's cost bounded
        return None
    match = _DATE_TEXT.fullmatch(cleaned)
    try:
        if match:
            year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            return datetime(year, month, day, hour, minute, second)
        return datetime.fromisoformat(cleaned) if len(cleaned) >= 10 else None
    except ValueError:
        return None
