"""``python -m bench --orders N [--db URL] [--seed S] [--repeat R] [--only KEY ...]``.

Prints one table (Markdown) of the desk's operations on a data set of ``N`` orders; exits 1 when
an operation's answer differs from its baseline's, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Sequence
from datetime import datetime

from bench import dataset
from bench.operations import choose, operations
from bench.report import measure, table
from core.calendar import SHANGHAI
from core.synth_text import busy_week_start
from db import synth


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--orders", type=int, default=100_000, help="data set size (100000)")
    p.add_argument("--seed", type=int, default=8890, help="generator seed (8890)")
    p.add_argument("--db", metavar="URL",
                   help="run on this database (filled when empty); default: a cached SQLite "
                   f"file under ${dataset.FOLDER_ENV} or the user cache folder")
    p.add_argument("--repeat", type=int, default=20, help="timed runs per operation (20)")
    p.add_argument("--only", nargs="*", metavar="KEY", help="only these operations (keys: "
                   "queue counts_supervisor counts_department search_street search_address "
                   "caller_history register_dispatch sweep weekly_figures weekly cold_start "
                   "list_memory)")
    return p


def machine() -> str:
    return (f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} processors, {platform.system()} {platform.release()}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.orders < 1 or args.repeat < 0:
        print("error: --orders must be at least 1 and --repeat at least 0", file=sys.stderr)
        return 2
    try:
        db = dataset.prepare(args.orders, args.seed, args.db,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))
    except dataset.DataSetMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        now = synth.END
        choice = choose(db, now, busy_week_start(now))
        ops = [op for op in operations(db, choice) if not args.only or op.key in args.only]
        results = []
        interrupted = ""
        for op in ops:
            print(f"  {op.key} …", file=sys.stderr, flush=True)
            try:
                results.append(measure(op, args.repeat))
            except KeyboardInterrupt:
                interrupted = f" (interrupted during {op.key})"
                break
        heading = (f"{args.orders:,} orders on {db.label} ({db.backend}), seed {args.seed}, "
                   f"now {now.astimezone(SHANGHAI):%Y-%m-%d %H:%M} Asia/Shanghai; {machine()}; "
                   f"run {datetime.now(SHANGHAI):%Y-%m-%d %H:%M}{interrupted}")
        print(table(results, heading))
        differs = [m.op.key for m in results if m.agree is False]
        for m in results:
            if m.agree is False:
                print(f"\n{m.op.key}: desk {m.desk_answer!r}\n  baseline {m.baseline_answer!r}",
                      file=sys.stderr)
        return 1 if differs else 0
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
