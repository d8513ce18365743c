"""Job leases (one process per job, taken over when the holder dies) and the real scheduler."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from datetime import UTC, datetime, timedelta

from core import jobs
from core.clock import FakeClock, SystemClock
from core.model import NoticeKind
from db.setup import Database, open_database
from tests.support.centre import Centre


def acquire(db: Database, holder: str, now: datetime, ttl: float = 60) -> bool:
    with db.uow() as uow:
        ok = uow.leases.acquire("deadline_sweep", holder, now, timedelta(seconds=ttl))
        uow.commit()
    return ok


def test_a_lease_has_one_holder_until_it_expires(db: Database) -> None:
    t0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    assert acquire(db, "desk-a", t0)
    assert not acquire(db, "desk-b", t0 + timedelta(seconds=30))
    assert acquire(db, "desk-a", t0 + timedelta(seconds=50))  # renewed until t0 + 110 s
    assert not acquire(db, "desk-b", t0 + timedelta(seconds=100))
    assert acquire(db, "desk-b", t0 + timedelta(seconds=111))  # A went quiet: B takes over
    assert not acquire(db, "desk-a", t0 + timedelta(seconds=112))


def test_only_the_lease_holder_runs_the_job(db: Database) -> None:
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    runs: list[str] = []

    def job(_uow: object, _clock: object) -> str:
        runs.append("ran")
        return "done"

    first = jobs.run_leased("deadline_sweep", "a", db.uow, clock, timedelta(minutes=3), job)
    second = jobs.run_leased("deadline_sweep", "b", db.uow, clock, timedelta(minutes=3), job)
    assert first == jobs.JobRun(True, "done") and second == jobs.JobRun(False)
    assert runs == ["ran"]


LEASE_SECONDS = 60.0


def _hold_lease(url: str, ready: mp.synchronize.Event, stop: mp.synchronize.Event) -> None:
    db = open_database(url)
    if acquire(db, f"holder-{os.getpid()}", datetime.now(UTC), ttl=LEASE_SECONDS):
        ready.set()
    stop.wait()  # hold it until killed (nobody sets ``stop``)


def test_another_process_takes_over_when_the_holder_is_killed(db: Database) -> None:
    ctx = mp.get_context("spawn")
    ready, stop = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lease, args=(db.url, ready, stop), daemon=True)
    holder.start()
    try:
        assert ready.wait(timeout=60)
        assert not acquire(db, "successor", datetime.now(UTC), ttl=LEASE_SECONDS)
    finally:
        os.kill(holder.pid or 0, signal.SIGKILL)
        holder.join(timeout=30)
    assert holder.exitcode == -signal.SIGKILL
    # The lease names the instant it is checked at, so the test asks about later instants
    # instead of waiting for them: a dead holder keeps the job until its lease runs out ...
    killed = datetime.now(UTC)
    assert not acquire(db, "successor", killed + timedelta(seconds=1), ttl=LEASE_SECONDS)
    # ... and then the next process to try takes it over.
    later = killed + timedelta(seconds=LEASE_SECONDS + 1)
    assert acquire(db, "successor", later, ttl=LEASE_SECONDS)
    with db.uow() as uow:
        assert uow.leases.holder("deadline_sweep", later) == "successor"


def test_the_real_scheduler_sweeps_by_itself(centre: Centre) -> None:
    c = centre
    o = c.dispatched()  # on 2 Nov 2026 by the test clock: long overdue by the real one
    swept = threading.Event()
    seen: list[jobs.JobRun] = []

    def on_run(name: str, run: jobs.JobRun) -> None:
        seen.append(run)
        if name == jobs.SWEEP and run.ran and run.result.total_issued:
            swept.set()

    scheduler = jobs.DeskScheduler(c.db.uow, SystemClock(),
                                   sweep_interval=timedelta(seconds=0.5), on_run=on_run)
    scheduler.start()
    try:
        assert swept.wait(timeout=20)
    finally:
        scheduler.shutdown()
    with c.db.uow() as uow:
        kinds = {n.kind for n in uow.orders.get(o.id).notices if n.automatic}
    assert NoticeKind.SUPERVISION in kinds and NoticeKind.REMINDER in kinds
