"""The benchmark's timed start (``main.py --bench-ready-file``, ``gui.app.BenchStart``): the
credentials are typed into the real login dialog, which checks them as always; the desk reports
what its window shows once it is usable, then quits. On both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import main
from core import queries, services
from db.notification_queries import notifications_factory
from db.order_queries import queries_factory
from db.stats_queries import stats_reader
from gui.app import BenchStart, DeskWiring, run_desk
from gui.i18n import install_translator
from gui.login import LoginDialog
from tests.support.centre import PASSWORD, Centre


def _wiring(centre: Centre, tmp_path: Path) -> DeskWiring:
    db = centre.db
    return DeskWiring(uow=db.uow, queries=queries_factory(db), clock=centre.clock,
                      db_label=db.label, version="0.1.0", data_dir=tmp_path / "data",
                      extras={"stats_reader": lambda: stats_reader(db),
                              "notifications": notifications_factory(db)})


def _register(centre: Centre, n: int) -> None:
    for i in range(n):
        services.register(centre.db.uow(), centre.operator, centre.clock, services.Registration(
            channel_id=centre.hotline, content=f"来电人反映小区第{i + 1}号楼电梯停运。",
            caller_phone=f"1380000{i:04d}"))


def test_the_desk_signs_in_and_reports_the_counts_its_window_shows(
        qapp: QApplication, centre: Centre, tmp_path: Path) -> None:
    _register(centre, 3)
    ready = tmp_path / "ready.json"
    try:
        code = run_desk(_wiring(centre, tmp_path), [], language="zh_CN",
                        bench=BenchStart(ready, ("supervisor", PASSWORD)))
    finally:
        install_translator(qapp, "en")
    assert code == 0
    shown = json.loads(ready.read_text(encoding="utf-8"))
    expected = queries.queue_counts(queries_factory(centre.db), centre.supervisor,
                                    centre.clock.now())
    assert shown["counts"] == {q.value: n for q, n in expected.items()}
    assert shown["counts"]["all"] == 3
    assert isinstance(shown["at"], float)


def test_a_wrong_password_is_refused_and_nothing_is_reported(
        qapp: QApplication, centre: Centre, tmp_path: Path) -> None:
    ready = tmp_path / "ready.json"
    refusals: list[str] = []

    def close_after_the_refusal() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() \
                    and "无权" in widget.message.text():
                refusals.append(widget.message.text())
                widget.reject()

    watcher = QTimer()
    watcher.timeout.connect(close_after_the_refusal)
    watcher.start(20)
    try:
        code = run_desk(_wiring(centre, tmp_path), [], language="zh_CN",
                        bench=BenchStart(ready, ("supervisor", "not-the-password")))
    finally:
        watcher.stop()
        install_translator(qapp, "en")
    assert code == 0 and refusals
    assert not ready.exists()


@pytest.mark.parametrize(("env", "sign_in"), [
    ("supervisor:pa:ss", ("supervisor", "pa:ss")),
    ("", None),
])
def test_the_hidden_option_reads_the_credentials_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: str,
        sign_in: tuple[str, str] | None) -> None:
    monkeypatch.setenv(main.BENCH_SIGN_IN_ENV, env)
    args = main.build_parser().parse_args(["--bench-ready-file", str(tmp_path / "r.json")])
    assert main.bench_start(args) == BenchStart(tmp_path / "r.json", sign_in)
    assert main.bench_start(main.build_parser().parse_args([])) is None
    assert "--bench-ready-file" not in main.build_parser().format_help()
