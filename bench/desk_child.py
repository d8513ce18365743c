"""The desk's list in a process of its own, for the ``list_memory`` row (``bench/desk_ops.py``).

``python -m bench.desk_child URL USER NOW`` opens the data set read-only, signs ``USER`` in as
the desk does after its login (the real ``DeskContext``, database worker and prompts, a fixed
clock at ``NOW``), shows the real 全部工单 page (``gui.orders.list_page.OrderListPage``) at the
size it has in the main window, and scrolls its table from the first row to the last
(:func:`scroll_to_the_end`): each screen is painted, the rows it asks for arrive from the
worker, then the next. It prints one line of JSON: the list's row count, how many rows the
model fetched (each row once, when the list works), and the peak resident set size of the
process in MB (``ru_maxrss``). Run under ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from bench.desk_ops import SCROLLED_ROWS
from core.clock import FakeClock
from core.queries import Queue
from db.order_queries import queries_factory
from db.setup import open_database
from gui.context import DeskContext, UowFactory
from gui.i18n import install_translator
from gui.ops import Ops
from gui.orders.list_model import BATCH
from gui.orders.list_page import OrderListPage
from gui.prompts import Prompts

PAGE_SIZE = (1070, 740)  # the page's share of the main window (1280 × 800, navigation 200)


def peak_mb() -> float:
    """The process's peak resident set size (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _settle(app: QApplication, page: OrderListPage) -> None:
    """Until the rows the view asked for have arrived and been shown."""
    app.processEvents()
    while page.model.is_loading():  # sleeps until the worker delivers (no busy loop)
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()


def scroll_to_the_end(app: QApplication, page: OrderListPage) -> None:
    """Show the table's screens from the first row to the last (at most SCROLLED_ROWS), one
    per batch the model fetches (``BATCH`` rows; a whole screen when it shows more): every
    batch is asked for by the view, arrives and is painted, so the model ends up holding what
    it holds after every screen was shown, at half the painting. Each screen's rows must have
    arrived."""
    table, model = page.table, page.model
    bar, viewport = table.verticalScrollBar(), table.viewport()
    while True:
        viewport.repaint()  # the view asks data() for the rows it shows, now
        _settle(app, page)
        first = table.rowAt(0)
        last = table.rowAt(viewport.height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        if any(model.order_row(r) is None for r in range(first, last + 1)):
            raise RuntimeError(f"rows {first}..{last} are shown without their data")
        if bar.value() >= bar.maximum() or last >= SCROLLED_ROWS - 1:
            return
        bar.setValue(bar.value() + max(bar.pageStep(), BATCH))


def run(url: str, username: str, now: datetime) -> dict[str, float | int]:
    app = QApplication([])
    language = install_translator(app, "zh_CN")
    db = open_database(url, migrate=False)
    with db.uow(write=False) as uow:
        user = uow.users.by_username(username)
        assert user is not None, f"the data set has no user {username}"
        actor = user.actor()
    ops = Ops(app)
    try:
        ctx = DeskContext(uow=cast(UowFactory, db.uow), queries=queries_factory(db),
                          clock=FakeClock(now), actor=actor, user_name=username, ops=ops,
                          prompts=Prompts(language), db_label=db.label, language=language,
                          data_dir=Path(tempfile.gettempdir()))
        page = OrderListPage(ctx, Queue.ALL)
        page.resize(*PAGE_SIZE)
        page.show()
        _settle(app, page)
        scroll_to_the_end(app, page)
        return {"rows": page.model.rowCount(), "fetched": page.model.rows_fetched,
                "peak_mb": peak_mb()}
    finally:
        ops.shutdown()
        db.dispose()


def main(argv: list[str]) -> int:
    url, username, now = argv
    print(json.dumps(run(url, username, datetime.fromisoformat(now))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
