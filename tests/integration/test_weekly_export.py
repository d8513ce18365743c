"""The Monday job and the export-weekly command."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import CallbackOutcome
from core.weekly_export import KEEP, PREFIX, export_last_week, prune
from db.stats_queries import stats_reader
from tests.support.centre import Centre

ROOT = Path(__file__).resolve().parents[2]


def _a_closed_order(c: Centre) -> None:
    o = c.dispatched()
    aid = o.assignments[0].id
    c.clock.advance(hours=2)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "已修复")
    services.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    services.record_callback(c.db.uow(), c.operator, c.clock, o.id, CallbackOutcome.SATISFIED)


def test_the_monday_job_writes_last_weeks_sheet_once(centre: Centre, tmp_path: Path) -> None:
    c = centre
    _a_closed_order(c)  # week 2026-W45 (2 November)
    folder = tmp_path / "weekly"
    reader = lambda: stats_reader(c.db)  # noqa: E731
    sunday = FakeClock(datetime(2026, 11, 8, 20, 0, tzinfo=SHANGHAI))
    # W45 is not over yet; the last complete week is W44 (empty, but a sheet all the same)
    assert export_last_week(reader, sunday, folder) == folder / f"{PREFIX}2026-W44.xlsx"
    early = FakeClock(datetime(2026, 11, 9, 7, 59, tzinfo=SHANGHAI))
    assert export_last_week(reader, early, folder) is None  # W45's is not due before 08:00
    monday = FakeClock(datetime(2026, 11, 9, 8, 0, tzinfo=SHANGHAI))
    path = export_last_week(reader, monday, folder)
    assert path == folder / f"{PREFIX}2026-W45.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "汇总"
    # a desk started on Tuesday does not write it again
    tuesday = FakeClock(datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI))
    assert export_last_week(reader, tuesday, folder) is None
    assert sorted(p.name for p in folder.iterdir()) == [f"{PREFIX}2026-W44.xlsx",
                                                         f"{PREFIX}2026-W45.xlsx"]
    summary = load_workbook(path)["汇总"]
    values = [c.value for row in summary.iter_rows() for c in row]
    assert "2026-W45" in " ".join(str(v) for v in values if v)


def test_only_the_newest_26_sheets_are_kept(tmp_path: Path) -> None:
    for week in range(1, 31):
        (tmp_path / f"{PREFIX}2026-W{week:02d}.xlsx").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("keep me")
    removed = prune(tmp_path, KEEP)
    assert [p.name for p in removed] == [f"{PREFIX}2026-W{w:02d}.xlsx" for w in range(1, 5)]
    left = sorted(p.name for p in tmp_path.glob(f"{PREFIX}*.xlsx"))
    assert left[0] == f"{PREFIX}2026-W05.xlsx" and len(left) == 26
    assert (tmp_path / "notes.txt").exists()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_export_weekly_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert run("--db", str(db), "demo", "--orders", "40").returncode == 0
    out = tmp_path / "w.xlsx"
    done = run("--db", str(db), "export-weekly", "--week", "2026-W45", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists() and "2026-W45" in done.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "承办单位", "事项分类", "来源渠道", "超期清单",
                             "不满意清单", "趋势", "舆情"]
    ranged = run("--db", str(db), "export-weekly", "--from", "2026-11-01", "--to",
                 "2026-11-15", "--out", str(tmp_path / "r.xlsx"))
    assert ranged.returncode == 0, ranged.stderr
    bad_week = run("--db", str(db), "export-weekly", "--week", "2026-W54", "--out",
                   str(tmp_path / "x.xlsx"))
    assert bad_week.returncode == 1 and "2026-W54" in bad_week.stderr
    assert "第54周" in bad_week.stderr
    bad_path = run("--db", str(db), "export-weekly", "--week", "2026-W45", "--out",
                   str(tmp_path / "missing" / "w.xlsx"))
    assert bad_path.returncode == 1 and "missing" in bad_path.stderr
    not_xlsx = run("--db", str(db), "export-weekly", "--week", "2026-W45", "--out",
                   str(tmp_path / "w.csv"))
    assert not_xlsx.returncode == 2 and ".xlsx" in not_xlsx.stderr
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "w.csv").exists()
