"""The benchmark harness (issue 8): ``python -m bench --orders N [--db URL] [--repeat R]``.

Builds or reuses a synthetic data set (``db/synth.py``), then times each operation of the
desk's performance table with the desk's own code and, in the same run, the best hand-written
SQL for the same answer (``bench/baselines.py``), checks that both answers agree, and prints one
table: median, p95, target, and the ratio to the baseline.
"""
