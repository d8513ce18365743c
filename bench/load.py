"""``python -m bench.load --workstations 20 --seconds 60 [--db URL] [--think 1] [--speed 3600]``.

N processes act as workstations at once for a fixed time, each doing random valid actions
with a pause of ``--think`` seconds on average after each (0: as fast as they can)
through the real services (register, take next, dispatch, close directly, sign, reply, return,
extend, decide, accept or reject replies, callback, reopen or close, remind, and the deadline
sweep). Desk time runs ``--speed`` times faster than the wall clock (3600: one second is an
hour), so that sign-for and reply limits pass during the run and the sweeps issue their
warnings, reminders and supervision notices. Afterwards the invariants of
``bench/load_check.py`` are checked and a table of actions per second and the p50/p99 latency
of each action is printed. Exit status 0 when every invariant holds and nothing failed
unexpectedly, 1 otherwise, 2 on bad arguments.

Without ``--db`` the run uses a new SQLite file in a temporary folder. With ``--db`` the
database is migrated if needed and the load test's own departments and users are added (an
earlier run's are reused); only the orders made during this run are checked.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.load_actions import JOBS, MIX, count_orders_above, newest_order_id, prepare_centre
from bench.load_check import CheckReport, check_all
from bench.load_worker import ActionStats, WorkerResult, workstation_process
from db.setup import open_database

TARGET_P99_S = 0.200
# Mean pause after each action. A person at a real desk reads, types and talks for tens of
# seconds between two actions; 3 s keeps twenty workstations at several times the rate of a
# busy centre. ``--think 0`` measures saturation instead.
THINK_S = 3.0


@dataclass
class LoadResult:
    label: str
    workstations: int
    seconds: float
    speed: float
    think: float
    wall_seconds: float
    actions: dict[str, ActionStats] = field(default_factory=dict)
    registered: int = 0
    idle: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    check: CheckReport = field(default_factory=CheckReport)

    @property
    def calls(self) -> int:
        return sum(s.ok + sum(s.refused.values()) for s in self.actions.values())

    @property
    def ok(self) -> bool:
        return self.check.ok and self.error_count == 0

    def user_seconds(self) -> list[float]:
        return [t for name, s in self.actions.items() if name not in JOBS for t in s.seconds]


def percentile(xs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile; ``p`` in 0..100."""
    if not xs:
        return math.nan
    ordered = sorted(xs)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def run_load(url: str, *, workstations: int = 20, seconds: float = 60.0, speed: float = 3600.0,
             think: float = THINK_S, seed: int = 8890,
             say: Callable[[str], None] = lambda line: None) -> LoadResult:
    """Run the load test against ``url`` and check the invariants (see the module doc)."""
    db = open_database(url)
    try:
        centre = prepare_centre(db, workstations)
        first_id = newest_order_id(db)
        label = db.label
    finally:
        db.dispose()
    ctx = mp.get_context("spawn")
    barrier, start = ctx.Barrier(workstations), ctx.Value("d", 0.0)
    say(f"starting {workstations} workstations on {label} …")
    began = time.perf_counter()
    out_queue = ctx.Queue()
    procs = [ctx.Process(target=workstation_process, name=f"workstation-{i}",
                         args=(out_queue, url, centre, i, seconds, speed, seed, think, barrier,
                               start))
             for i in range(workstations)]
    for proc in procs:
        proc.start()
    results: list[WorkerResult] = [out_queue.get(timeout=seconds + 600) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    wall = time.perf_counter() - began
    out = LoadResult(label, workstations, seconds, speed, think, wall,
                     actions={name: ActionStats() for name, _ in MIX})
    for res in results:
        for name, stats in res.actions.items():
            out.actions[name].merge(stats)
        out.registered += res.registered
        out.idle += res.idle
        out.errors += res.errors
        out.error_count += res.error_count
    say("checking the invariants …")
    db = open_database(url, migrate=False)
    try:
        out.check = check_all(db, first_id, out.registered)
        assert out.check.orders == count_orders_above(db, first_id)
    finally:
        db.dispose()
    return out


def _ms(x: float) -> str:
    return "—" if math.isnan(x) else f"{x * 1000:.1f}"


def report(res: LoadResult) -> str:
    lines = [
        f"Load test: {res.workstations} workstations × {res.seconds:g} s on {res.label}",
        f"Machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} processors, {platform.system()} {platform.release()}",
        f"Desk time ran {res.speed:g}× the wall clock ({res.seconds * res.speed / 3600:g} h "
        f"of desk time); whole run incl. start-up {res.wall_seconds:.1f} s",
        f"Each workstation pauses {res.think:g} s on average after an action "
        f"({'none: saturation' if res.think == 0 else 'exponential'})",
        "",
        "| action | ok | refused | per s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in res.actions.items():
        refused = sum(s.refused.values())
        mark = " (job)" if name in JOBS else ""
        lines.append(f"| {name}{mark} | {s.ok} | {refused} | {(s.ok + refused) / res.seconds:.1f}"
                     f" | {_ms(percentile(s.seconds, 50))} | {_ms(percentile(s.seconds, 99))} |")
    user = res.user_seconds()
    p99 = percentile(user, 99)
    calls = sum(s.ok + sum(s.refused.values()) for n, s in res.actions.items() if n not in JOBS)
    lines.append(f"| **all user actions** | | | {calls / res.seconds:.1f} | "
                 f"{_ms(percentile(user, 50))} | {_ms(p99)} |")
    reasons: Counter[str] = Counter()
    for s in res.actions.values():
        reasons.update(s.refused)
    lines += ["", f"Refusals (a target changed under contention, or a rule): "
              f"{dict(reasons.most_common()) or 'none'}; picks with nothing to do: {res.idle}",
              f"Target p99 < {TARGET_P99_S * 1000:.0f} ms for user actions: "
              f"{'met' if p99 < TARGET_P99_S else 'MISSED'} ({_ms(p99)} ms)",
              "(latencies leave out each process's first call of each action, which compiles "
              "its SQL; every call counts for the invariants)", "",
              f"Invariants over {res.check.orders} orders and {res.check.events} events "
              f"({res.registered} successful registrations):"]
    for name, bad in res.check.violations.items():
        lines.append(f"  {'ok  ' if not bad else 'FAIL'} {name}")
        lines += [f"       {line}" for line in bad[:10]]
    if res.error_count:
        lines.append(f"Unexpected errors: {res.error_count}")
        lines += [f"  {line}" for line in res.errors]
    lines.append("RESULT: " + ("every invariant holds" if res.ok else "FAILED"))
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workstations", type=int, default=20, help="processes (20)")
    p.add_argument("--seconds", type=float, default=60.0, help="how long they act (60)")
    p.add_argument("--db", metavar="URL", help="database URL (default: a new SQLite file)")
    p.add_argument("--speed", type=float, default=3600.0,
                   help="desk seconds per wall-clock second (3600)")
    p.add_argument("--think", type=float, default=THINK_S,
                   help=f"mean pause in seconds after each action, 0 for none ({THINK_S:g})")
    p.add_argument("--seed", type=int, default=8890, help="random seed (8890)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if (not 1 <= args.workstations <= 200 or not 1 <= args.seconds <= 3600 or args.speed <= 0
            or args.think < 0):
        print("--workstations 1..200, --seconds 1..3600, --speed > 0, --think >= 0",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'load.db'}"
        result = run_load(url, workstations=args.workstations, seconds=args.seconds,
                          speed=args.speed, think=args.think, seed=args.seed,
                          say=lambda line: print(line, file=sys.stderr, flush=True))
    print(report(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
