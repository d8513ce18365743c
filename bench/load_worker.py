"""One workstation process of the load test (a module of its own so that spawned processes
import it by name, whatever started the run)."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.load_actions import JOBS, MIX, Centre, FastClock, Workstation
from core.errors import DeskError
from core.services import OrderSummary
from db.setup import open_database

MAX_ERRORS = 20  # unexpected errors kept per process, with their message


@dataclass
class ActionStats:
    ok: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)  # every call, ok or refused
    first: int = 0  # calls not timed: a process's first of this action compiles its SQL

    def merge(self, other: ActionStats) -> None:
        self.ok += other.ok
        self.refused.update(other.refused)
        self.seconds.extend(other.seconds)
        self.first += other.first


@dataclass
class WorkerResult:
    actions: dict[str, ActionStats] = field(default_factory=dict)
    registered: int = 0
    idle: int = 0  # picks that found nothing to act on
    errors: list[str] = field(default_factory=list)
    error_count: int = 0


def workstation_process(out: Any, *args: Any) -> None:
    """The target of a workstation process: its result (or its failure) into ``out``."""
    try:
        result = run_workstation(*args)
    except BaseException as exc:  # noqa: BLE001 - the parent must hear of it, not wait
        result = WorkerResult(errors=[f"workstation failed: {type(exc).__name__}: {exc}"],
                              error_count=1)
    out.put(result)


def run_workstation(url: str, centre: Centre, index: int, seconds: float, speed: float,
                    seed: int, think: float, barrier: Any, start: Any) -> WorkerResult:
    """Act for ``seconds`` from a start shared by every process, pausing a random time of
    mean ``think`` seconds after each action (a person reads and types), then report."""
    db = open_database(url, migrate=False)
    rng = random.Random(seed * 1000 + index)
    names = [name for name, _ in MIX]
    weights = [w for _, w in MIX]
    result = WorkerResult(actions={name: ActionStats() for name in names})
    if barrier.wait(timeout=300) == 0:
        start.value = time.time()
    barrier.wait(timeout=300)
    wall_start = start.value
    desk = Workstation(db, centre, index, FastClock(wall_start, speed), rng)
    end = wall_start + seconds
    try:
        while time.time() < end:
            name = rng.choices(names, weights)[0]
            if _one(desk, name, result) and think > 0:
                time.sleep(max(0.0, min(rng.expovariate(1 / think), end - time.time())))
    finally:
        db.dispose()
    return result


def _one(desk: Workstation, name: str, result: WorkerResult) -> bool:
    """Try action ``name``; False when there was nothing to do it on."""
    stats = result.actions[name]
    try:
        call = getattr(desk, name)()
    except Exception as exc:  # noqa: BLE001 - a fault of the load test itself: report it
        _error(result, f"{name} (choosing): {type(exc).__name__}: {exc}")
        return True
    if call is None:
        result.idle += 1
        return False
    timed = stats.first > 0 or bool(stats.seconds)
    if not timed:
        stats.first += 1
    began = time.perf_counter()
    try:
        answer = call()
    except DeskError as exc:
        if timed:
            stats.seconds.append(time.perf_counter() - began)
        stats.refused[type(exc).__name__] += 1
        return True
    except Exception as exc:  # noqa: BLE001 - anything else is a failure of the desk
        _error(result, f"{name}: {type(exc).__name__}: {exc}")
        return True
    if timed:
        stats.seconds.append(time.perf_counter() - began)
    stats.ok += 1
    if name == "register" and isinstance(answer, OrderSummary):
        result.registered += 1
    if name in JOBS:  # a sweep's own failures (a double conflict is retried next time)
        for line in getattr(answer, "errors", []):
            if "changed concurrently" not in line:
                _error(result, f"{name}: {line}")
    return True


def _error(result: WorkerResult, line: str) -> None:
    result.error_count += 1
    if len(result.errors) < MAX_ERRORS:
        result.errors.append(line.splitlines()[0][:300])
