"""Run the same function in several threads or processes that start their work together.

The target is called as ``target(start, *args)``: it prepares (opens its database, say), calls
``start()`` to wait until every other copy is ready, then acts and returns its result. For
processes, target, arguments and result must be picklable (a module-level function).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Callable
from typing import Any

Target = Callable[..., Any]


def _in_child(target: Target, args: tuple[Any, ...], barrier: Any, out: Any) -> None:
    out.put(target(lambda: barrier.wait(timeout=60), *args))


def in_processes(target: Target, *args: Any, n: int = 2, timeout: float = 120) -> list[Any]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(n)
    out: Any = ctx.Queue()
    procs = [ctx.Process(target=_in_child, args=(target, args, barrier, out)) for _ in range(n)]
    for p in procs:
        p.start()
    results = [out.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


def in_threads(target: Target, *args: Any, n: int = 2, timeout: float = 60) -> list[Any]:
    barrier = threading.Barrier(n)
    results: list[Any] = []

    def run() -> None:
        results.append(target(lambda: barrier.wait(timeout=30), *args))

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert len(results) == n
    return results
