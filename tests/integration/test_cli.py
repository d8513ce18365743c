"""The command line, run as a user would run it: output, exit codes, errors in both languages."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, db: Path | None = None, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "main.py"]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(cmd + list(args), cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=full_env, stdin=subprocess.DEVNULL)


def test_help_lists_the_subcommands() -> None:
    done = run("--help")
    assert done.returncode == 0
    for word in ("init", "demo", "user", "calendar", "order"):
        assert word in done.stdout


def test_init_creates_the_database_and_the_first_administrator(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    done = run("init", "--password", "s3cret-pass", db=db)
    assert done.returncode == 0, done.stderr
    assert db.exists()
    assert "admin" in done.stdout
    again = run("init", "--password", "s3cret-pass", db=db)
    assert again.returncode == 0 and "1" in again.stdout  # one user exists, nothing created


def test_init_without_a_password_and_no_terminal_explains_what_to_do(tmp_path: Path) -> None:
    done = run("init", db=tmp_path / "desk.db")
    assert done.returncode == 2
    assert "--password" in done.stderr and "密码" in done.stderr


def test_the_environment_variable_selects_the_database(tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    done = run("init", "--password", "s3cret-pass", env={"HOTLINE_DB_URL": f"sqlite:///{db}"})
    assert done.returncode == 0, done.stderr
    assert db.exists()


def test_user_add_checks_roles_departments_and_passwords(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert run("init", "--password", "s3cret-pass", db=db).returncode == 0
    ok = run("user", "add", "wang", "--name", "王丽", "--role", "operator", "--password",
             "op-pass-123", db=db)
    assert ok.returncode == 0, ok.stderr
    bad_role = run("user", "add", "li", "--role", "janitor", "--password", "x" * 10, db=db)
    assert bad_role.returncode == 2 and "janitor" in bad_role.stderr
    no_dept = run("user", "add", "li", "--role", "department_staff", "--department", "NOPE",
                  "--password", "x" * 10, db=db)
    assert no_dept.returncode == 2 and "NOPE" in no_dept.stderr
    staff_alone = run("user", "add", "li", "--role", "department_staff", "--password",
                      "x" * 10, db=db)
    assert staff_alone.returncode == 1 and "承办单位" in staff_alone.stderr
    short = run("user", "add", "zhao", "--role", "supervisor", "--password", "short", db=db)
    assert short.returncode == 1 and "8" in short.stderr
    taken = run("user", "add", "wang", "--role", "operator", "--password", "op-pass-123", db=db)
    assert taken.returncode == 1 and "wang" in taken.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # crosses National Day and the Saturday make-up day 10 October
        (["--working-days", "5"], "2026-10-13 23:59:59"),
        (["--working-days", "3"], "2026-10-10 23:59:59"),
        (["--hours", "24"], "2026-10-01 16:00:00"),
    ],
)
def test_calendar_due_prints_the_deadline_in_shanghai_time(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    done = run("calendar", "due", "--from", "2026-09-30 16:00", *args, db=tmp_path / "d.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == expected
    assert "chinese-calendar" in done.stdout or "natural time" in done.stdout


def test_calendar_due_in_a_year_without_data_warns_and_import_fixes_it(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    before = run("calendar", "due", "--from", "2026-12-31 10:00", "--working-days", "1", db=db)
    assert before.returncode == 0
    assert before.stdout.splitlines()[0] == "2027-01-01 23:59:59"
    assert "2027" in before.stderr and "Monday-Friday" in before.stderr
    holidays = tmp_path / "2027.json"
    holidays.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"],
                                    "workdays": []}), encoding="utf-8")
    imported = run("calendar", "import", str(holidays), db=db)
    assert imported.returncode == 0, imported.stderr
    after = run("calendar", "due", "--from", "2026-12-31 10:00", "--working-days", "1", db=db)
    assert after.stdout.splitlines()[0] == "2027-01-04 23:59:59"
    assert "warning" not in after.stderr
    assert "administrator" in after.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2026-02-30 10:00", "--working-days", "1"], "2026-02-30"),
        (["--from", "yesterday", "--hours", "2"], "yesterday"),
        (["--from", "2026-09-30 10:00", "--working-days", "0"], "10000"),
        (["--from", "2026-09-30 10:00", "--hours", "-3"], "10000"),
    ],
)
def test_calendar_due_rejects_bad_arguments(tmp_path: Path, args: list[str], needle: str) -> None:
    done = run("calendar", "due", *args, db=tmp_path / "d.db")
    assert done.returncode == 2
    assert needle in done.stderr and "错误" in done.stderr


def test_calendar_import_reports_a_bad_file_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind\n2027-01-01,holiday\n2027-13-01,holiday\n", encoding="utf-8")
    done = run("calendar", "import", str(bad), db=db)
    assert done.returncode == 1
    assert "2027-13-01" in done.stderr
    still = run("calendar", "due", "--from", "2026-12-31 10:00", "--working-days", "1", db=db)
    assert still.stdout.splitlines()[0] == "2027-01-01 23:59:59"


def test_demo_fills_an_empty_database_once_and_prints_the_accounts(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    done = run("demo", "--orders", "40", db=db)
    assert done.returncode == 0, done.stderr
    assert "op01" in done.stdout and "sup01" in done.stdout and "demo8890" in done.stdout
    again = run("demo", "--orders", "40", db=db)
    assert again.returncode == 2
    assert "--db" in again.stderr
    with sqlite3.connect(db) as conn:
        ticket, title = conn.execute(
            "SELECT ticket_no, title FROM work_order ORDER BY id LIMIT 1").fetchone()
    shown = run("order", "show", ticket, db=db)
    assert shown.returncode == 0, shown.stderr
    assert ticket in shown.stdout and title in shown.stdout and "登记" in shown.stdout


def test_order_show_for_an_unknown_ticket_fails_clearly(tmp_path: Path) -> None:
    done = run("order", "show", "8890-20260101-000001", db=tmp_path / "d.db")
    assert done.returncode == 1
    assert "8890-20260101-000001" in done.stderr and "不存在" in done.stderr
