"""Checks and normalisation of what people type. Each failure is a ValidationError naming
the field in Chinese and English; nothing here touches storage.

Field limits (issue 9): content and replies up to :data:`MAX_CONTENT` characters; no control
characters anywhere (a tab or a line break only in multi-line text; ``\\r\\n`` becomes
``\\n``), no bidirectional overrides, no broken characters. Phone numbers are mainland
formats (see :func:`normalise_phone`), with an explicit escape for anything else: the prefix
``其他:`` (or ``other:``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from core.errors import ValidationError, invalid

MAX_CONTENT = 10_000
MAX_TITLE = 100
MAX_NAME = 50
MAX_ADDRESS = 200
MAX_REASON = 2_000
MAX_EXTERNAL_REF = 200
TITLE_FROM_CONTENT = 30

OTHER_PHONE_PREFIX = "其他:"  # the stored form of a number outside the mainland formats
_OTHER_PREFIXES = ("其他:", "其它:", "other:")  # after NFKC (其他： becomes 其他:), any case
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.]")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)", re.IGNORECASE)
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")  # 11 digits: 13x-19x
# Area code (010, 02x, or 0 and three digits) and a local number of 7 or 8 digits (not 0/1).
_LANDLINE = re.compile(r"^0(?:10|2[0-9]|[3-9][0-9]{2})[2-9][0-9]{6,7}$")
_LOCAL = re.compile(r"^[2-9][0-9]{6,7}$")  # a landline of this city, without the area code
_SERVICE = re.compile(r"^(?:1[0-2][0-9]|1[0-2][0-9]{3}|9[56][0-9]{3,6}|[48]00[0-9]{7})$")
_OTHER = re.compile(r"^\+?[0-9]{3,20}$")
_COUNTRY = ("+86", "0086")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _phone_error(raw: str, en: str, zh: str) -> ValidationError:
    shown = raw.strip()[:40]
    return invalid("caller phone", "来电号码", f"'{shown}' {en}", f"“{shown}”{zh}")


def _mainland(digits: str) -> str | None:
    """``digits`` as a mainland number (country code dropped), or None."""
    for prefix in _COUNTRY:
        if digits.startswith(prefix):
            rest = digits[len(prefix):]
            if _MOBILE.match(rest):
                return rest
            national = rest if rest.startswith("0") else "0" + rest
            return national if _LANDLINE.match(national) else None
    if digits.startswith("86") and _MOBILE.match(digits[2:]):
        return digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits) or _LOCAL.match(digits):
        return digits
    if _SERVICE.match(digits):
        return digits
    return None


def normalise_phone(raw: str | None) -> str:
    """A caller's phone number in its stored form; '' stays ''.

    Accepted (full-width digits, spaces, ``-``, brackets and dots are fine): a mobile number
    (``13812345678``, also as ``+86 138…``), a landline with its area code (``0411-8888 1234``,
    ``010 12345678``), with an extension after ``转``/``分机``/``ext``/``#`` (stored
    ``041188881234转123``), a local landline of 7 or 8 digits, a service number (``12345``,
    ``95588``, ``400…``). Anything else (a number abroad, in Hong Kong ...) must be typed with
    the prefix ``其他:`` and is stored as ``其他:`` plus its digits (a leading + kept). The
    stored form normalises to itself.
    """
    if raw is None:
        return ""
    # NFKC turns the full-width digits a Chinese input method types (１３８) into ASCII.
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return ""
    lowered = text.lower()
    for prefix in _OTHER_PREFIXES:
        if lowered.startswith(prefix):
            other = _PHONE_SEPARATORS.sub("", text[len(prefix):])
            if not _OTHER.match(other):
                raise _phone_error(raw, "is not a phone number: after '其他:' give 3 to 20 "
                                   "digits (a leading + is fine)",
                                   "不是有效的电话号码：“其他:”后须为3至20位数字（可以+开头）")
            return OTHER_PHONE_PREFIX + other
    parts = _EXTENSION.split(text, maxsplit=1)
    number = _PHONE_SEPARATORS.sub("", parts[0])
    extension = _PHONE_SEPARATORS.sub("", parts[1]) if len(parts) > 1 else None
    found = _mainland(number) if re.fullmatch(r"\+?[0-9]+", number) else None
    if found is None:
        raise _phone_error(
            raw, "is not a mainland phone number (a mobile number, or a landline with its area "
            "code); for any other number type '其他:' before it",
            "不是有效的大陆电话号码（手机号，或带区号的固定电话）；其他号码请在前面加“其他:”")
    if extension is not None:
        if not (found.startswith("0") and re.fullmatch(r"[0-9]{1,6}", extension)):
            raise _phone_error(raw, "has an extension that is not 1 to 6 digits after a "
                               "landline", "的分机号无效（须在固定电话后，1至6位数字）")
        return f"{found}转{extension}"
    return found


def _refuse_control(text: str, field_en: str, field_zh: str, multiline: bool) -> None:
    for ch in text:
        if ch in "\n\t" and multiline:
            continue
        if ch == "\x00":
            raise invalid(field_en, field_zh, "contains a NUL character", "包含非法字符（NUL）")
        if unicodedata.category(ch) == "Cc" or ch in _BIDI:
            raise invalid(field_en, field_zh,
                          f"contains a control character (U+{ord(ch):04X})",
                          f"包含控制字符（U+{ord(ch):04X}），请删除后重试")


def text_field(
    value: str | None,
    field_en: str,
    field_zh: str,
    *,
    max_len: int,
    required: bool = True,
    multiline: bool = True,
) -> str:
    """Strip, require when asked, and refuse over-long text (the limit is in characters) and
    control characters. Line breaks become ``\\n``; in a single-line field (``multiline``
    False) line breaks and tabs become spaces."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    text = text.strip()
    if required and not text:
        raise invalid(field_en, field_zh, "must not be empty", "不能为空")
    if len(text) > max_len:
        raise invalid(
            field_en,
            field_zh,
            f"is {len(text):,} characters long; at most {max_len:,} are allowed",
            f"长度为 {len(text)} 字，最多允许 {max_len} 字",
        )
    _refuse_control(text, field_en, field_zh, multiline)
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
