"""The load test, short: 4 workstation processes for 10 seconds on each backend, then every
invariant (state = replay of events, one signature per assignment, unique tickets, one
automatic notice per level, orders = successful registrations). Timings are the benchmark's
business (``python -m bench.load``), not asserted here."""

from __future__ import annotations

import pytest

from bench.load import report, run_load

pytestmark = pytest.mark.slow


def test_four_workstations_for_ten_seconds_keep_every_invariant(db_url: str) -> None:
    result = run_load(db_url, workstations=4, seconds=10, think=0.2)
    text = report(result)
    assert result.error_count == 0, text
    assert result.check.ok, text
    assert result.registered > 0 and result.check.orders == result.registered
    done = {name for name, stats in result.actions.items() if stats.ok}
    assert {"register", "dispatch", "sign", "reply", "sweep"} <= done, text
    assert "RESULT: every invariant holds" in text
