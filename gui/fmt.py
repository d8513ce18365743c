"""How the desk writes times and the domain's words: Asia/Shanghai, and the user's language.

Times are stored in UTC and shown in Asia/Shanghai as ``YYYY-MM-DD HH:MM``. The domain's
vocabularies (states, request types, urgencies, outcomes) carry their Chinese and English names
in ``core.labels``; :func:`label` picks the one for the desk's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from core import labels
from core.calendar import SHANGHAI


def local(instant: datetime | None, seconds: bool = False) -> str:
    """``instant`` (aware) in Asia/Shanghai; "" for None."""
    if instant is None:
        return ""
    return instant.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S" if seconds else
                                                 "%Y-%m-%d %H:%M")


def label(value: StrEnum | None, language: str) -> str:
    if value is None:
        return ""
    try:
        zh, en = labels.label(value)
    except KeyError:
        return str(value.value)
    return en if language == "en" else zh


def duration(delta: timedelta, language: str) -> str:
    """A dwell time: "2d 3h 05m" / "2天3小时05分"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if language == "en":
        return (f"{days}d " if days else "") + f"{hours}h {mins:02d}m"
    return (f"{days}天" if days else "") + f"{hours}小时{mins:02d}分"
