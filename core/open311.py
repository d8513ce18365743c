"""Parse an Open311 GeoReport v2 ``GET requests`` response into :class:`IncomingMessage` records.

Pure: no network, no database, no Qt. The caller fetches the bytes and passes them in with a
``source`` label (e.g. ``"open311:chicago"``) that every record and error carries.

- JSON: a list of request objects, or an object wrapping that list under ``service_requests``
  or ``requests``. XML: ``<service_requests><request>...</request></service_requests>``,
  parsed with defusedxml (entity declarations are refused).
- A response that cannot be read at all (empty, not UTF-8, invalid JSON/XML, wrong shape, an
  Open311 error response) raises :class:`FeedFormatError` and nothing is returned. No other
  exception escapes.
- A request without a ``service_request_id``, or with neither description nor service name,
  becomes a :class:`RejectedRow` (``row`` is the 1-based item number); a bad optional field
  (a datetime, a coordinate) becomes ``None`` and the message is kept.
- Datetimes are aware UTC; one without an offset is taken as UTC. ``lat``/``lon`` are a pair:
  both numbers within range and not ``0`` (a placeholder in real feeds), or both ``None``.
- ``raw`` holds every field of the item as written (``None`` becomes ``""``).
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from core.intake_model import FeedFormatError, IncomingMessage, ParseResult, RejectedRow

__all__ = [
    "TITLE_FROM_DESCRIPTION_CHARS",
    "parse_requests",
    "parse_requests_json",
    "parse_requests_xml",
]

#: A request without a service name takes this many characters of its description as title.
TITLE_FROM_DESCRIPTION_CHARS = 30

_WRAPPER_KEYS = ("service_requests", "requests")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_WHITESPACE_RE = re.compile(r"\s+")
_UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")


def parse_requests(
    data: bytes, source: str, *, fmt: Literal["json", "xml"] | None = None
) -> ParseResult:
    """Parse a response in ``fmt``; ``None`` decides by the first non-blank character."""
    if fmt is None:
        fmt = _sniff(_decode(data, source), source)
    if fmt == "xml":
        return parse_requests_xml(data, source)
    return parse_requests_json(data, source)


def parse_requests_json(data: bytes, source: str) -> ParseResult:
    text = _decode(data, source)
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise _feed_error(
            source,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise _feed_error(source, f"invalid JSON: {exc}", f"JSON 格式错误：{exc}") from None
    items = _json_items(document, source)
    return _build(source, [_json_fields(item) for item in items])


def parse_requests_xml(data: bytes, source: str) -> ParseResult:
    text = _decode(data, source)
    try:
        root = SafeET.fromstring(text)
    except ParseError as exc:
        line, column = exc.position
        raise _feed_error(
            source,
            f"invalid XML at line {line}, column {column}",
            f"XML 格式错误（第 {line} 行第 {column} 列）",
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise _feed_error(
            source,
            f"the XML declares entities or external references, which are refused ({exc})",
            "XML 中含有实体声明或外部引用，出于安全原因拒绝读取",
        ) from None
    tag = _local_name(root.tag)
    if tag == "errors":
        detail = "; ".join(" ".join(_element_text(e).split()) for e in root)
        raise _server_error(source, detail)
    if tag != "service_requests":
        raise _feed_error(
            source,
            f"expected <service_requests> as the root element, found <{tag}>",
            f"根元素应为 <service_requests>，实际为 <{tag}>",
        )
    items: list[dict[str, Any] | None] = []
    for child in root:
        items.append(_xml_fields(child) if _local_name(child.tag) == "request" else None)
    return _build(source, items)


# --- the whole response ------------------------------------------------------------------


def _feed_error(source: str, problem_en: str, problem_zh: str) -> FeedFormatError:
    return FeedFormatError(source=source, problem_en=problem_en, problem_zh=problem_zh)


def _server_error(source: str, detail: str) -> FeedFormatError:
    return _feed_error(
        source,
        f"the server answered with an error instead of requests: {detail}",
        f"服务器返回了错误而不是诉求列表：{detail}",
    )


def _decode(data: bytes, source: str) -> str:
    """UTF-8 with or without BOM; a byte offset in the error counts from the first byte."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        raise _feed_error(
            source,
            f"the response is not UTF-8 (invalid byte at offset {offset})",
            f"响应内容不是 UTF-8 编码（第 {offset} 字节处无效）",
        ) from None
    if not text.strip():
        raise _feed_error(source, "the response is empty", "响应内容为空")
    return text


def _sniff(text: str, source: str) -> Literal["json", "xml"]:
    first = text.lstrip()[:1]
    if first == "<":
        return "xml"
    if first in ("[", "{"):
        return "json"
    raise _feed_error(
        source,
        f"the response is neither JSON nor XML (it starts with {first!r})",
        f"响应内容既不是 JSON 也不是 XML（开头字符为 {first!r}）",
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _json_items(document: Any, source: str) -> list[Any]:
    if isinstance(document, dict):
        wrapped = next((document[k] for k in _WRAPPER_KEYS if k in document), None)
        if isinstance(wrapped, list):
            document = wrapped
    if not isinstance(document, list):
        raise _feed_error(
            source,
            "expected a list of requests (or an object with service_requests/requests)",
            "应为诉求列表（或含 service_requests/requests 的对象）",
        )
    if document and all(_is_error_item(item) for item in document):
        detail = "; ".join(
            f"{_as_text(i.get('code'))} {_as_text(i['description'])}".strip() for i in document
        )
        raise _server_error(source, detail)
    return document


def _is_error_item(item: Any) -> bool:
    """An Open311 error list: ``[{"code": 403, "description": "Invalid api_key"}]``."""
    return (
        isinstance(item, dict)
        and "code" in item
        and "description" in item
        and "service_request_id" not in item
    )


# --- one request ---------------------------------------------------------------------------


def _json_fields(item: Any) -> dict[str, Any] | None:
    """The item's fields as decoded; ``None`` when the item is not an object."""
    return item if isinstance(item, dict) else None


def _xml_fields(element: Element) -> dict[str, Any]:
    """Each child element's text by local name; an empty element is ``""``, the first wins."""
    fields: dict[str, Any] = {}
    for child in element:
        fields.setdefault(_local_name(child.tag), _element_text(child))
    return fields


def _local_name(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _element_text(element: Element) -> str:
    return "".join(element.itertext())


def _build(source: str, items: list[dict[str, Any] | None]) -> ParseResult:
    messages: list[IncomingMessage] = []
    rejected: list[RejectedRow] = []
    for row, fields in enumerate(items, start=1):
        if fields is None:
            rejected.append(
                RejectedRow(row, "该条目不是诉求记录", "the item is not a request record")
            )
            continue
        outcome = _message(source, row, fields)
        if isinstance(outcome, IncomingMessage):
            messages.append(outcome)
        else:
            rejected.append(outcome)
    return ParseResult(messages=tuple(messages), rejected=tuple(rejected))


def _message(source: str, row: int, fields: Mapping[str, Any]) -> IncomingMessage | RejectedRow:
    raw = {str(key): _raw_text(value) for key, value in fields.items()}
    external_id = _request_id(fields.get("service_request_id"))
    if external_id is None:
        return RejectedRow(
            row,
            "缺少诉求编号（service_request_id）",
            "no service_request_id",
            raw,
        )
    content = _text(fields.get("description"))
    service_name = _optional(fields.get("service_name"))
    if not content and service_name is None:
        return RejectedRow(
            row,
            f"诉求 {external_id} 既无描述也无服务名称",
            f"request {external_id} has no text: neither description nor service_name",
            raw,
        )
    lat, lon = _coordinates(fields.get("lat"), fields.get("long"))
    status = _optional(fields.get("status"))
    return IncomingMessage(
        source=source,
        external_id=external_id,
        row=row,
        posted_at=_utc(fields.get("requested_datetime")),
        updated_at=_utc(fields.get("updated_datetime")),
        title=service_name or _title_from(content),
        content=content,
        address=next(
            (t for k in ("address", "address_id", "zipcode") if (t := _text(fields.get(k)))), ""
        ),
        status=status.lower() if status is not None else None,
        status_notes=_text(fields.get("status_notes")),
        service_code=_optional(fields.get("service_code")),
        service_name=service_name,
        agency=_optional(fields.get("agency_responsible")),
        lat=lat,
        lon=lon,
        media_url=_optional(fields.get("media_url")),
        raw=raw,
    )


def _title_from(content: str) -> str:
    return _WHITESPACE_RE.sub(" ", content)[:TITLE_FROM_DESCRIPTION_CHARS].strip()


# --- one field -----------------------------------------------------------------------------


def _as_text(value: Any) -> str:
    """A scalar as text, unstripped; ``None``, lists and objects are ``""``.

    NUL characters are dropped and lone surrogates (from JSON ``"\\ud800"``) become U+FFFD, so
    that the text can be stored in any database.
    """
    if isinstance(value, str):
        return _UNSTORABLE_RE.sub(_storable, value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return ""


def _storable(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def _raw_text(value: Any) -> str:
    if isinstance(value, list | dict):
        try:
            return json.dumps(value, ensure_ascii=False)
        except (ValueError, RecursionError):
            return ""
    return _as_text(value)


def _text(value: Any) -> str:
    """Stripped text with ``\\r\\n`` and lone ``\\r`` turned into ``\\n``."""
    return _as_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _optional(value: Any) -> str | None:
    return _text(value) or None


def _request_id(value: Any) -> str | None:
    """A string or a JSON number (as its decimal string); anything else is no id."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer():
            return str(int(value))
    return _optional(value)


def _utc(value: Any) -> datetime | None:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _coordinate(value: Any, limit: float) -> float | None:
    """A finite number within ``±limit`` and not exactly 0 (feeds write 0 for "unknown")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = float(value) if abs(value) <= limit else math.nan
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str) and _NUMBER_RE.fullmatch(value.strip()):
        number = float(value.strip())
    else:
        return None
    if not math.isfinite(number) or number == 0.0 or abs(number) > limit:
        return None
    return number


def _coordinates(lat_value: Any, lon_value: Any) -> tuple[float | None, float | None]:
    """Both or neither: half a position cannot be put on a map."""
    lat = _coordinate(lat_value, 90.0)
    lon = _coordinate(lon_value, 180.0)
    if lat is None or lon is None:
        return None, None
    return lat, lon
