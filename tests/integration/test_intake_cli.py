"""``python main.py import / poll / feed``, run as a user runs them: output and exit codes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.setup import Database
from tests.support.open311_server import FIXTURES, Answer, Open311Server, serving

ROOT = Path(__file__).resolve().parents[2]
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no fixtures at {FIXTURES}")


def run(db: Database, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", "--db", db.url, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env,
                          stdin=subprocess.DEVNULL)


def gbk_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["留言编号", "留言内容", "联系电话"], *rows])
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


@needs_fixtures
def test_import_a_saved_open311_response_twice(db: Database) -> None:
    fixture = str(FIXTURES / "spec_example_requests.xml")
    first = run(db, "import", fixture, "--source", "sf")
    assert first.returncode == 0, first.stderr
    assert "open311:sf" in first.stdout
    assert "新登记 2 条" in first.stdout and "2 new orders" in first.stdout
    again = run(db, "import", fixture, "--source", "sf")
    assert again.returncode == 0, again.stderr
    assert "已存在 2 条" in again.stdout and "0 new orders" in again.stdout


def test_import_a_spreadsheet_save_the_rejects_fix_and_import_again(db: Database,
                                                                    tmp_path: Path) -> None:
    sheet = gbk_csv(tmp_path / "留言.csv", [["A1", "路灯不亮", "13800138000"],
                                           ["A2", "井盖缺失", "电话坏了"]])
    rejects = tmp_path / "rejects.csv"
    done = run(db, "import", str(sheet), "--source", "portal", "--rejects", str(rejects))
    assert done.returncode == 0, done.stderr
    assert "拒收 rejected 第 3 行 / row 3" in done.stdout and "电话坏了" in done.stdout
    assert rejects.is_file()
    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(rejects.read_bytes().replace("电话坏了".encode(), b"13912345678"))
    again = run(db, "import", str(fixed), "--source", "portal")
    assert again.returncode == 0, again.stderr
    assert "1 new orders" in again.stdout and "0 rejected" in again.stdout


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("broken.csv", b"\xff\xfe\x00garbage\x81\x82", "UTF-8"),
    ("notes.txt", b"hello", ".txt"),
    ("cut.json", b'[{"service_request_id": "1", "descr', "JSON"),
    ("missing.xlsx", None, "missing.xlsx"),
])
def test_an_unreadable_file_is_refused_with_a_clear_message(
    db: Database, tmp_path: Path, name: str, content: bytes | None, needle: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = run(db, "import", str(path))
    assert done.returncode == 1
    assert "错误：" in done.stderr and "error:" in done.stderr and needle in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_of_which_nothing_can_be_imported_exits_non_zero(db: Database,
                                                                tmp_path: Path) -> None:
    sheet = gbk_csv(tmp_path / "bad.csv", [["B1", "内容", "not a phone"]])
    done = run(db, "import", str(sheet))
    assert done.returncode == 1
    assert "not one item could be imported" in done.stderr


def test_feeds_from_the_command_line(db: Database) -> None:
    at = datetime(2026, 11, 1, 8, 0, tzinfo=UTC).isoformat()
    server = Open311Server(requests=[{"service_request_id": "9", "status": "open",
                                      "service_name": "Pothole", "requested_datetime": at}])
    with serving(server):
        assert run(db, "poll").returncode == 1  # nothing configured
        bad_map = run(db, "feed", "add", "city", server.url, "--map", "nonsense")
        assert bad_map.returncode == 2 and "SERVICE_CODE=CATEGORY_CODE" in bad_map.stderr
        unknown = run(db, "feed", "add", "city", server.url, "--map", "S1=999999")
        assert unknown.returncode == 1 and "999999" in unknown.stderr
        added = run(db, "feed", "add", "city", server.url, "--interval", "5",
                    "--start", "2026-10-01 00:00")
        assert added.returncode == 0, added.stderr
        assert "requests.json?start_date=2026-09-30T16%3A00%3A00Z" in added.stdout
        polled = run(db, "poll", "city")
        assert polled.returncode == 0, polled.stderr
        assert "新登记 1 条" in polled.stdout
        server.script = [Answer(status=500, body=b"down")]
        failed = run(db, "poll")
        assert failed.returncode == 1
        assert "HTTP 500" in failed.stderr and "position kept" in failed.stderr
        assert run(db, "poll", "nope").returncode == 1
        listed = run(db, "feed", "list")
        assert listed.returncode == 0
        assert "2026-11-01 16:00" in listed.stdout and "HTTP 500" in listed.stdout
    removed = run(db, "feed", "remove", "city")
    assert removed.returncode == 0 and "city" in removed.stdout
    assert "没有数据源" in run(db, "feed", "list").stdout
