"""The item model behind every order list: ids first, rows fetched in batches on demand.

:meth:`OrderListModel.reload` asks the database worker for the ordered ids of the list
(``core.queries.list_ids``) with the rows of the first batch, and resets the model to them;
the view then asks ``data()`` only for the rows it shows, and each missing row puts its
batch on a wish list that a zero timer sends to the worker (``core.queries.rows_for``). When
a batch arrives its rows are updated with ``dataChanged``. Nothing is read on the GUI
thread. Only the :data:`KEPT_BATCHES` batches nearest the last one that arrived stay in
memory (scrolling through a million orders must not keep a million rows); a forgotten batch
is fetched again when it is shown again. Rows of the previous load stay on screen until their
fresh copy arrives, so a refresh does not flicker.

Pattern: Anki's browser table model (``qt/aqt/browser/table/model.py``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from core import queries
from core.queries import ListFilter, ListQuery, OrderRow, Queue, SortKey
from gui.context import DeskContext
from gui.orders.columns import (
    COLUMNS,
    cell_alignment,
    cell_background,
    cell_foreground,
    cell_text,
    cell_tooltip,
    column_title,
)
from gui.orders.guard import alive

BATCH = 50
KEPT_BATCHES = 100  # 5,000 rows, about 6 MB: many screens either side of the one shown
OrderIdRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class OrderListModel(QAbstractTableModel):
    """Create on the GUI thread with the desk's context; call :meth:`reload` to fill it."""

    loading_changed = Signal(bool)
    ids_loaded = Signal(int)  # how many orders the list has

    def __init__(self, ctx: DeskContext, queue: Queue, parent: QObject | None = None, *,
                 sort: SortKey = SortKey.REGISTERED_AT, descending: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = ListQuery(queue=queue, sort=sort, descending=descending)
        self._ids: list[int] = []
        self._rows: dict[int, OrderRow] = {}
        self._stale: dict[int, OrderRow] = {}
        self._wanted: set[int] = set()
        self._in_flight: set[int] = set()
        self._loaded: set[int] = set()
        self._generation = 0
        self._loading_ids = False
        self._busy = False
        self.rows_fetched = 0  # rows delivered by the worker since the model was made
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._request_wanted)

    # --- what the list shows ------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def order_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, order_id: int) -> int | None:
        try:
            return self._ids.index(order_id)
        except ValueError:
            return None

    def order_row(self, row: int) -> OrderRow | None:
        """The loaded row (possibly from the previous load), or None while it is fetched."""
        oid = self.order_id(row)
        if oid is None:
            return None
        return self._rows.get(oid) or self._stale.get(oid)

    def is_loading(self) -> bool:
        """True while ids or rows are asked for (or rows the view wants are about to be)."""
        return self._busy or bool(self._wanted)

    def set_filter(self, list_filter: ListFilter) -> None:
        if list_filter != self._query.filter:
            self._query = self._query.with_filter(list_filter)
            self.reload()

    def set_sort(self, key: SortKey, descending: bool) -> None:
        if (key, descending) != (self._query.sort, self._query.descending):
            self._query = ListQuery(self._query.queue, self._query.filter, key, descending)
            self.reload()

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(COLUMNS[section].key)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        oid = self._ids[index.row()]
        if role == OrderIdRole:
            return oid
        row = self._rows.get(oid)
        if row is None:
            self._want(index.row())
            row = self._stale.get(oid)
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(cell_alignment(column).value)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return "…"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column, self._ctx.language)
        now = self._ctx.clock.now()
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_background(row, column, now)
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell_foreground(row, column, now)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row, column, now)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_sort(COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder)

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Ask for the list's ids again (after a change, a new filter or sort)."""
        self._generation += 1
        generation = self._generation
        ctx, query = self._ctx, self._query
        now = ctx.clock.now()
        self._loading_ids = True
        self._update_busy()

        def work() -> tuple[list[int], list[OrderRow]]:
            return queries.list_page(ctx.queries, ctx.actor, now, query, BATCH)

        ctx.read(work, lambda found: self._ids_arrived(generation, *found),
                 on_error=lambda exc: self._failed(generation, exc))

    def _ids_arrived(self, generation: int, ids: list[int], first: list[OrderRow]) -> None:
        """The list's ids with the rows of the first batch (what a fresh list shows)."""
        if not alive(self) or generation != self._generation:
            return
        keep = set(ids)
        previous = {**self._stale, **self._rows}
        self.beginResetModel()
        self._ids = list(ids)
        self._stale = {i: r for i, r in previous.items() if i in keep}
        self._rows = {r.id: r for r in first}
        self.rows_fetched += len(first)
        self._wanted.clear()
        self._in_flight.clear()
        self._loaded = {0}
        self.endResetModel()
        self._loading_ids = False
        self._update_busy()
        self.ids_loaded.emit(len(self._ids))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if alive(self) and generation == self._generation:
            self._loading_ids = False
            self._update_busy()
            self._ctx.prompts.error(None, exc)

    def _batch_failed(self, generation: int, batch: int, exc: BaseException) -> None:
        """Not asked for again until the next reload (no retry loop on a broken database)."""
        if alive(self) and generation == self._generation:
            self._in_flight.discard(batch)
            self._loaded.add(batch)
            self._update_busy()
            self._ctx.prompts.error(None, exc)

    def _want(self, row: int) -> None:
        batch = row // BATCH
        if batch in self._loaded or batch in self._in_flight or batch in self._wanted:
            return
        self._wanted.add(batch)
        self._timer.start()

    @Slot()
    def _request_wanted(self) -> None:
        ctx, generation = self._ctx, self._generation
        now = ctx.clock.now()
        for batch in sorted(self._wanted):
            ids = self._ids[batch * BATCH:(batch + 1) * BATCH]
            self._in_flight.add(batch)
            ctx.read(lambda ids=ids: queries.rows_for(ctx.queries, ids, now, ctx.actor),
                     lambda rows, b=batch: self._rows_arrived(generation, b, rows),
                     on_error=lambda exc, b=batch: self._batch_failed(generation, b, exc))
        self._wanted.clear()
        self._update_busy()

    def _rows_arrived(self, generation: int, batch: int, rows: list[OrderRow]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self._in_flight.discard(batch)
        self._loaded.add(batch)
        for r in rows:
            self._rows[r.id] = r
        self.rows_fetched += len(rows)
        self._forget_far_from(batch)
        first = batch * BATCH
        last = min(first + BATCH, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self._update_busy()

    def _forget_far_from(self, batch: int) -> None:
        """Drop the rows of the loaded batches farthest from ``batch`` beyond KEPT_BATCHES."""
        excess = len(self._loaded) - KEPT_BATCHES
        if excess <= 0:
            return
        for far in sorted(self._loaded, key=lambda b: abs(b - batch), reverse=True)[:excess]:
            self._loaded.discard(far)
            for oid in self._ids[far * BATCH:(far + 1) * BATCH]:
                self._rows.pop(oid, None)
                self._stale.pop(oid, None)

    def _update_busy(self) -> None:
        busy = self._loading_ids or bool(self._in_flight) or bool(self._wanted)
        if busy != self._busy:
            self._busy = busy
            self.loading_changed.emit(busy)
