"""Messages that arrive in writing (Open311 feeds, portal spreadsheets, public-opinion lists),
as the parsers hand them to the intake: one record per message, or the row and the reason it
was refused. Parsers never raise on a bad row; a response or file that cannot be read at all
raises ``FeedFormatError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.errors import DeskError


class FeedFormatError(DeskError):
    """The whole file or response is unreadable (bad JSON/XML, encoding, missing columns)."""

    code = "feed_format"
    en = "{source}: {problem_en}"
    zh = "{source}：{problem_zh}"


@dataclass(frozen=True)
class IncomingMessage:
    source: str  # e.g. "open311:chicago", "sheet:portal-2026-11.xlsx"
    external_id: str | None  # service_request_id, 留言编号; None when the source has none
    row: int | None  # line, row or item number in the source, for the import report
    posted_at: datetime | None  # aware, UTC
    updated_at: datetime | None  # aware, UTC
    title: str
    content: str
    caller_name: str = ""
    caller_phone: str = ""
    address: str = ""
    status: str | None = None  # Open311: "open" / "closed"
    status_notes: str = ""
    service_code: str | None = None
    service_name: str | None = None
    agency: str | None = None
    lat: float | None = None
    lon: float | None = None
    media_url: str | None = None
    channel_hint: str | None = None  # a spreadsheet's 来源 column, as written
    platform: str = ""  # 舆情: where it was posted (发布平台)
    link: str = ""  # 舆情: the original's address (原文链接)
    reach: int | None = None  # 舆情: reposts + comments (or views when that is all there is)
    raw: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RejectedRow:
    row: int | None
    reason_zh: str
    reason_en: str
    raw: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ParseResult:
    messages: tuple[IncomingMessage, ...]
    rejected: tuple[RejectedRow, ...]
