"""The Monday job: last week's satisfaction sheet into a folder, keeping the newest 26.

Idempotent: a week whose file exists is not written again, so the job may run at every desk
start (to catch up on a Monday the desk was closed) as well as on Mondays at 08:00.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from pathlib import Path

from core.calendar import SHANGHAI
from core.clock import Clock
from core.model import SYSTEM
from core.stats import ReaderFactory, weekly_report
from core.stats_model import Period

log = logging.getLogger(__name__)

KEEP = 26
PREFIX = "8890-weekly-"
RUN_AT = time(8, 0)  # Monday, Asia/Shanghai


def last_complete_week(now: datetime) -> Period:
    local = now.astimezone(SHANGHAI).date()
    y, w, _ = (local - timedelta(days=7)).isocalendar()
    return Period.week(y, w)


def sheet_path(folder: Path, period: Period) -> Path:
    return folder / f"{PREFIX}{period.label}.xlsx"


def due_this_week(now: datetime) -> bool:
    """True from Monday 08:00 local on (a desk started on Tuesday still catches up)."""
    local = now.astimezone(SHANGHAI)
    monday = local.date() - timedelta(days=local.weekday())
    return local >= datetime.combine(monday, RUN_AT, tzinfo=SHANGHAI)


def export_last_week(reader_factory: ReaderFactory, clock: Clock, folder: Path,
                     *, keep: int = KEEP) -> Path | None:
    """Write last week's sheet unless it is there already; prune to the newest ``keep``."""
    now = clock.now()
    if not due_this_week(now):
        return None
    period = last_complete_week(now)
    path = sheet_path(folder, period)
    if path.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    report = weekly_report(reader_factory, SYSTEM, clock, period)
    from core.weekly_sheet import write_weekly_sheet  # openpyxl: on first use, not at start-up

    write_weekly_sheet(report, path)
    prune(folder, keep)
    log.info("weekly sheet for %s written to %s", period.label, path)
    return path


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` weekly sheets (by week label in the name)."""
    sheets = sorted(folder.glob(f"{PREFIX}*.xlsx"))
    old = sheets[:-keep] if keep > 0 else sheets
    for p in old:
        p.unlink(missing_ok=True)
    return old
