"""Scheduled jobs and the lease that lets one process at a time run each of them.

Every desk process (and ``python main.py service``) runs the same APScheduler 3 scheduler.
Before a run, a job takes its lease in the database: the holder renews it at every run, others
skip while it is valid, and when the holder dies the lease expires (three intervals) and the
next process to try takes it over. The jobs themselves are plain functions of a unit-of-work
factory and a clock, and can be called directly.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from core import deadlines
from core.clock import Clock
from core.ports import UnitOfWork

log = logging.getLogger(__name__)

UowFactory = Callable[[], UnitOfWork]
JobFunc = Callable[[UowFactory, Clock], Any]
SWEEP = "deadline_sweep"
WEEKLY_EXPORT = "weekly_export"
FEED_POLL = "feed_poll"
BACKUP = "backup"  # the nightly SQLite backup (core/backup.py)
OPINION_SWEEP = "opinion_sweep"
FEED_CHECK_INTERVAL = timedelta(minutes=1)  # each feed is polled at its own interval


def new_holder_id() -> str:
    """Names this process in a lease: host, process id and a random tag."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class JobRun:
    ran: bool  # False: another process holds the lease
    result: Any = None


def run_leased(name: str, holder: str, uow_factory: UowFactory, clock: Clock,
               ttl: timedelta, func: JobFunc) -> JobRun:
    """Run ``func`` if ``holder`` can take or renew the lease ``name``."""
    with uow_factory() as uow:
        acquired = uow.leases.acquire(name, holder, clock.now(), ttl)
        uow.commit()
    if not acquired:
        return JobRun(False)
    return JobRun(True, func(uow_factory, clock))


def run_sweep(uow_factory: UowFactory, clock: Clock) -> deadlines.SweepReport:
    report = deadlines.sweep(uow_factory, clock)
    if report.total_issued or report.errors:
        log.info("deadline sweep: checked %d, issued %s, conflicts %d, errors %s",
                 report.checked, report.issued, report.conflicts, report.errors)
    return report


class DeskScheduler:
    """The desk's jobs on an APScheduler 3 scheduler (background, or blocking for a service).

    ``on_run`` is called after each job run with the job name and its ``JobRun`` (for the
    desk's notification refresh, and for tests).
    """

    def __init__(
        self,
        uow_factory: UowFactory,
        clock: Clock,
        *,
        sweep_interval: timedelta = timedelta(minutes=1),
        blocking: bool = False,
        holder: str | None = None,
        on_run: Callable[[str, JobRun], None] | None = None,
        weekly_export: JobFunc | None = None,
        feed_poll: JobFunc | None = None,
        backup: JobFunc | None = None,
        opinion_sweep: JobFunc | None = None,
    ) -> None:
        self.holder = holder or new_holder_id()
        self._uow_factory = uow_factory
        self._clock = clock
        self._on_run = on_run
        self._scheduler: BaseScheduler = (BlockingScheduler if blocking else BackgroundScheduler)(
            timezone="Asia/Shanghai", job_defaults={"coalesce": True, "max_instances": 1,
                                                    "misfire_grace_time": None})
        self._add(SWEEP, run_sweep, sweep_interval)
        if weekly_export is not None:
            # At start and then hourly: the job writes last week's sheet at its first run from
            # Monday 08:00 Asia/Shanghai on and is a no-op once the file exists, so a desk that
            # was closed on Monday, or a holder that died, is caught up within the hour.
            self._add(WEEKLY_EXPORT, weekly_export, timedelta(minutes=5),
                      trigger=("cron", {"minute": 0}))
        if feed_poll is not None:
            # Every minute: the job polls the Open311 feeds whose own interval has passed
            # (``core.feeds.run_feed_poll``); one process at a time, like the sweep.
            self._add(FEED_POLL, feed_poll, FEED_CHECK_INTERVAL)
        if opinion_sweep is not None:
            # The 舆情 clocks' warnings (``core.opinion_sweep``), as often as the deadline sweep.
            self._add(OPINION_SWEEP, opinion_sweep, sweep_interval)
        if backup is not None:
            # At start and then hourly: ``core.backup.nightly_backup`` writes a backup when the
            # folder has none since 02:00 Asia/Shanghai, so 02:00 is met by a running desk or
            # service and a workstation switched off at night is caught up when it starts.
            self._add(BACKUP, backup, timedelta(minutes=20), trigger=("cron", {"minute": 0}))
        self._scheduler.add_listener(self._log_error, EVENT_JOB_ERROR | EVENT_JOB_EXECUTED)

    def _add(self, name: str, func: JobFunc, interval: timedelta,
             trigger: tuple[str, dict[str, Any]] | None = None) -> None:
        """``interval`` also sets the lease (three intervals); ``trigger`` overrides when."""
        ttl = max(interval * 3, timedelta(seconds=1))

        def job() -> None:
            run = run_leased(name, self.holder, self._uow_factory, self._clock, ttl, func)
            if self._on_run is not None:
                self._on_run(name, run)

        kind, args = trigger or ("interval", {"seconds": interval.total_seconds()})
        self._scheduler.add_job(job, kind, id=name, name=name, next_run_time=_soon(), **args)

    @staticmethod
    def _log_error(event: JobExecutionEvent) -> None:
        if event.exception is not None:
            log.error("job %s failed: %r", event.job_id, event.exception)

    def start(self) -> None:
        """Background: returns at once. Blocking: returns when ``shutdown`` is called."""
        self._scheduler.start()

    def shutdown(self, wait: bool = True) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)


def _soon() -> datetime:
    """First run right away: a desk closed over a weekend catches up on start."""
    return datetime.now(UTC)
