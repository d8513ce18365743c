"""Timing the operations and printing the table.

Each operation runs once on each side first (warming caches, and giving the answers that must
agree), then ``repeat`` more times on each side, alternately, so that a busy moment of the
machine hits both alike. An operation stops repeating after :data:`BUDGET_S` seconds (after at
least three runs); one whose first run took longer than a tenth of that counts its first run
and may stop after it. Wall-clock times with ``time.perf_counter``; median and p95 (nearest
rank). Operations with ``own_measure`` (the desk's window, ``bench/desk_ops.py``) return what a
child process measured itself (its own clock, its peak memory) with their answer.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.operations import Operation

BUDGET_S = 60.0


@dataclass
class Measured:
    op: Operation
    desk: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    agree: bool | None = None
    desk_answer: Any = None
    baseline_answer: Any = None

    @property
    def ratio(self) -> float | None:
        if not self.desk or not self.baseline:
            return None
        base = median(self.baseline)
        return median(self.desk) / base if base > 0 else None

    @property
    def met(self) -> bool | None:
        if self.op.target_s is None or not self.desk:
            return None
        return median(self.desk) <= self.op.target_s


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def p95(xs: Sequence[float]) -> float:
    ordered = sorted(xs)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def _timed(fn: Callable[[], Any], cleanup: Callable[[], None] | None,
           own: bool = False) -> tuple[float, Any]:
    """Wall-clock seconds and answer of ``fn()``; with ``own``, what ``fn`` measured itself."""
    start = time.perf_counter()
    answer = fn()
    elapsed = time.perf_counter() - start
    if own:
        elapsed, answer = answer
    if cleanup is not None:
        cleanup()
    return elapsed, answer


def measure(op: Operation, repeat: int, *, budget_s: float = BUDGET_S) -> Measured:
    """Run ``op`` as the module docstring says; ``repeat`` 0 only checks the answers."""
    m = Measured(op)
    if op.desk is None:
        return m
    started = time.perf_counter()
    own = op.own_measure
    first, m.desk_answer = _timed(op.desk, op.cleanup, own)
    # a run's own seconds decide (a cold start's first call also copies the data set); MB
    # measurements and everything else go by the wall clock
    took = first if own and op.unit == "s" else time.perf_counter() - started
    slow = repeat > 0 and took > budget_s / 10
    if slow:
        m.desk.append(first)
    if op.baseline is not None:
        base, m.baseline_answer = _timed(op.baseline, op.cleanup, own)
        m.agree = m.desk_answer == m.baseline_answer
        if slow:
            m.baseline.append(base)
    for n in range(repeat - slow):
        if (n >= 3 or slow) and time.perf_counter() - started > budget_s:
            break
        m.desk.append(_timed(op.desk, op.cleanup, own)[0])
        if op.baseline is not None:
            m.baseline.append(_timed(op.baseline, op.cleanup, own)[0])
    return m


def _ms(seconds: float | None, unit: str = "s") -> str:
    if seconds is None:
        return "—"
    if unit == "MB":
        return f"{seconds:.0f} MB"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def table(results: Sequence[Measured], heading: str) -> str:
    """The results as one Markdown table (it reads as plain text too)."""
    lines = [heading, "",
             "| operation | median | p95 | target | baseline median | ratio | runs | answer |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for m in results:
        op = m.op
        target = _ms(op.target_s, op.unit)
        if not m.desk:
            lines.append(f"| {op.label} | — | — | {target} | — | — | 0 | {op.note} |")
            continue
        verdict = {None: "no baseline", True: "same", False: "DIFFERENT"}[m.agree]
        met = "" if m.met is None else (" ✓" if m.met else " ✗")
        ratio = "—" if m.ratio is None else f"{m.ratio:.2f}"
        lines.append(
            f"| {op.label} | {_ms(median(m.desk), op.unit)}{met} | {_ms(p95(m.desk), op.unit)} "
            f"| {target} | {_ms(median(m.baseline), op.unit) if m.baseline else '—'} | {ratio} "
            f"| {len(m.desk)} | {verdict} |")
    return "\n".join(lines)
