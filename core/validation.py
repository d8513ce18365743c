"""Checks and normalisation of what people type. Each failure is a ValidationError naming
the field in Chinese and English; nothing here touches storage."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from core.errors import invalid

MAX_CONTENT = 20_000
MAX_TITLE = 100
MAX_NAME = 50
MAX_ADDRESS = 200
MAX_REASON = 2_000
MAX_EXTERNAL_REF = 200
TITLE_FROM_CONTENT = 30

_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")
_PHONE = re.compile(r"^\+?[0-9]{3,20}$")


def normalise_phone(raw: str | None) -> str:
    """Digits only (a leading + kept). '' stays ''. Letters or odd symbols are an error."""
    if raw is None:
        return ""
    # NFKC turns the full-width digits a Chinese input method types (１３８) into ASCII.
    text = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw).strip())
    if not text:
        return ""
    if not _PHONE.match(text):
        raise invalid(
            "caller phone",
            "来电号码",
            f"'{raw.strip()[:40]}' is not a phone number (digits only, 3 to 20 of them)",
            f"“{raw.strip()[:40]}”不是有效的电话号码（只能包含3至20位数字）",
        )
    return text


def text_field(
    value: str | None,
    field_en: str,
    field_zh: str,
    *,
    max_len: int,
    required: bool = True,
) -> str:
    """Strip, require when asked, and refuse over-long text (the limit is in characters)."""
    text = (value or "").strip()
    if required and not text:
        raise invalid(field_en, field_zh, "must not be empty", "不能为空")
    if len(text) > max_len:
        raise invalid(
            field_en,
            field_zh,
            f"is {len(text):,} characters long; at most {max_len:,} are allowed",
            f"长度为 {len(text)} 字，最多允许 {max_len} 字",
        )
    if "\x00" in text:
        raise invalid(field_en, field_zh, "contains a NUL character", "包含非法字符（NUL）")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid(field_en, field_zh, "contains a broken character (a lone surrogate)",
                      "包含损坏的字符（不成对的代理字符）") from None
    return text


def title_from_content(content: str) -> str:
    """The first line of the content, cut to a readable length."""
    first = content.strip().splitlines()[0].strip() if content.strip() else ""
    return first[:TITLE_FROM_CONTENT] + ("…" if len(first) > TITLE_FROM_CONTENT else "")


def future_instant(value: datetime, now: datetime, field_en: str, field_zh: str) -> datetime:
    if value.tzinfo is None:
        raise invalid(field_en, field_zh, "needs a time zone", "缺少时区")
    if value <= now:
        raise invalid(field_en, field_zh, "lies in the past", "不能早于当前时间")
    return value


def positive_days(value: int, field_en: str, field_zh: str, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value > maximum:
        raise invalid(
            field_en,
            field_zh,
            f"must be a whole number of working days from 1 to {maximum}",
            f"必须是1至{maximum}之间的整数个工作日",
        )
    return value
