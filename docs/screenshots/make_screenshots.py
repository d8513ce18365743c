"""Make the README's screenshots: every main screen of the desk, in Chinese, from the demo centre.

    python docs/screenshots/make_screenshots.py [--out docs/screenshots] [--orders 400]

Runs offscreen (no display needed) with the WenQuanYi Micro Hei font (Debian package
``fonts-wqy-microhei``). It builds the demo centre in a temporary SQLite database with the clock
fixed at Friday 2026-11-20 10:00 (Asia/Shanghai), signs in as the demo users and grabs each
screen once its background loads have finished. Look at every PNG before committing it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from core import demo  # noqa: E402
from core.calendar import SHANGHAI  # noqa: E402
from core.clock import FakeClock  # noqa: E402
from core.model import OrderState  # noqa: E402
from core.queries import ListFilter, ListQuery, list_ids  # noqa: E402
from db.notification_queries import notifications_factory  # noqa: E402
from db.order_queries import queries_factory  # noqa: E402
from db.setup import Database, open_database  # noqa: E402
from db.stats_queries import stats_reader  # noqa: E402
from gui.context import DeskContext  # noqa: E402
from gui.i18n import install_translator  # noqa: E402
from gui.main_window import DeskInfo, MainWindow  # noqa: E402
from gui.ops import Ops  # noqa: E402
from gui.prompts import ScriptedPrompts  # noqa: E402

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
SIZE = (1366, 820)


def settle(app: QApplication, ops: Ops, quiet_ms: int = 300, limit_s: float = 20.0) -> None:
    """Process events until the worker has been idle for ``quiet_ms`` (loads often chain)."""
    deadline = time.monotonic() + limit_s
    idle_since: float | None = None
    while time.monotonic() < deadline:
        app.processEvents()
        if ops.is_idle():
            idle_since = idle_since or time.monotonic()
            if (time.monotonic() - idle_since) * 1000 >= quiet_ms:
                return
        else:
            idle_since = None
        time.sleep(0.01)


def context(db: Database, clock: FakeClock, username: str, ops: Ops, data_dir: Path) -> DeskContext:
    with db.uow(write=False) as uow:
        user = uow.users.by_username(username)
        assert user is not None, username
    return DeskContext(
        uow=db.uow, queries=queries_factory(db), clock=clock, actor=user.actor(),
        user_name=user.display_name, ops=ops, prompts=ScriptedPrompts(), db_label=db.label,
        language="zh_CN", data_dir=data_dir,
        extras={"stats_reader": lambda: stats_reader(db),
                "notifications": notifications_factory(db)})


def grab(app: QApplication, ops: Ops, widget: QWidget, path: Path) -> None:
    settle(app, ops)
    widget.grab().save(str(path))
    print(f"  {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--orders", type=int, default=400)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setFont(QFont("WenQuanYi Micro Hei", 10))
    install_translator(app, "zh_CN")
    clock = FakeClock(NOW)
    ops = Ops()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'desk.db'}")
        print("building the demo centre…")
        demo.build_demo_centre(db.uow, orders=args.orders, seed=8890, now=NOW)
        try:
            shoot(app, ops, db, clock, Path(tmp), args.out)
        finally:
            ops.shutdown()
            db.dispose()
    return 0


def _window(app: QApplication, ops: Ops, ctx: DeskContext) -> MainWindow:
    window = MainWindow(ctx, DeskInfo("0.2.0"))
    window.resize(*SIZE)
    window.show()
    settle(app, ops)
    return window


def shoot(app: QApplication, ops: Ops, db: Database, clock: FakeClock, tmp: Path,
          out: Path) -> None:
    from gui.app import authenticator  # noqa: F401 - the login dialog below
    from gui.login import LoginDialog

    login = LoginDialog(ops, lambda u, p: None, "zh_CN", db.label)
    login.user_edit.setText("op01")
    login.show()
    grab(app, ops, login, out / "login.png")
    login.close()

    operator = _window(app, ops, context(db, clock, "op01", ops, tmp))
    register = operator.show_page("register")
    _fill_register_form(app, ops, db, register)
    grab(app, ops, operator, out / "register.png")
    operator.show_page("all")
    grab(app, ops, operator, out / "all-orders.png")

    rich = _rich_order(db, clock, operator)
    if rich is not None:
        operator.open_order(rich)
        window = operator.order_window(rich)
        if window is not None:
            window.resize(1100, 800)
            grab(app, ops, window, out / "order-view.png")
            window.close()
    operator.close()

    staff = _window(app, ops, context(db, clock, "staff_zjj", ops, tmp))
    staff.show_page("to_sign" if "to_sign" in staff.keys() else staff.keys()[0])
    grab(app, ops, staff, out / "department-queue.png")
    staff.close()

    boss = _window(app, ops, context(db, clock, "sup01", ops, tmp))
    boss.show_page("warnings")
    grab(app, ops, boss, out / "warnings.png")
    boss.show_page("to_decide")
    grab(app, ops, boss, out / "to-decide.png")
    boss.show_page("statistics")
    grab(app, ops, boss, out / "statistics.png")
    boss.close()

    root = _window(app, ops, context(db, clock, "admin", ops, tmp))
    page = root.show_page("administration")
    tabs = page.findChild(QWidget, "adminTabs")
    count = tabs.count() if tabs is not None and hasattr(tabs, "count") else 1
    for i in range(count):
        if tabs is not None and hasattr(tabs, "setCurrentIndex"):
            tabs.setCurrentIndex(i)
        grab(app, ops, root, out / f"admin-{i + 1}.png")
    root.close()


def _type(widget: QWidget, text: str) -> None:
    """Type ``text`` the way an input method commits it (works for Chinese)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _fill_register_form(app: QApplication, ops: Ops, db: Database, page: QWidget) -> None:
    """A repeat caller reporting a lift again: the side panel fills with history."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from sqlalchemy import func, select

    from db import models as r

    with db.sessions() as s:
        phone, address = s.execute(
            select(r.WorkOrder.caller_phone, func.max(r.WorkOrder.address))
            .where(r.WorkOrder.caller_phone != "")
            .group_by(r.WorkOrder.caller_phone)
            .order_by(func.count().desc()).limit(1)).one()
    form = page.form  # type: ignore[attr-defined]
    QTest.keyClicks(form.phone_edit, phone)
    _type(form.name_edit, "王先生")
    _type(form.address_edit, address or "甘井子区华南小区3号楼")
    QTest.keyClicks(form.category.search, "dt")
    QTest.keyClick(form.category.search, Qt.Key.Key_Return)
    form.type_combo.setCurrentIndex(1)
    _type(form.content_edit, "小区3号楼电梯又停在两层之间，里面有老人被困，请尽快派人维修。")
    settle(app, ops, quiet_ms=800)


def _rich_order(db: Database, clock: FakeClock, window: MainWindow) -> int | None:
    """An order with a long story: closed after a callback, else the first closed one."""
    factory = queries_factory(db)
    with db.uow(write=False) as uow:
        operator = uow.users.by_username("sup01")
        assert operator is not None
        actor = operator.actor()
    for state in (OrderState.AWAITING_CALLBACK, OrderState.CLOSED):
        ids = list_ids(factory, actor, clock.now(),
                       ListQuery(filter=ListFilter(states=frozenset({state}))), limit=50)
        best = None
        for order_id in ids:
            with db.uow(write=False) as uow:
                n = len(uow.orders.events(order_id))
            if best is None or n > best[0]:
                best = (n, order_id)
        if best is not None:
            return best[1]
    return None


if __name__ == "__main__":
    sys.exit(main())
