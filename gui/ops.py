"""The desk's one helper for background work: a single database worker thread.

``Ops.run(work, on_done, on_error)`` queues ``work`` (a plain function, no Qt, no widgets) on
the worker; its result or exception comes back on the GUI thread through a queued signal and
is handed to ``on_done``/``on_error``. Jobs run one at a time in the order queued, so a list
reload never races the action that changed the list. A progress dialog appears only when a
job with a ``progress`` label takes longer than ``PROGRESS_DELAY_MS``; work that can say how
far it is takes a ``report(done, total)`` argument (``with_report=True``) and may be cancelled
from the dialog (``report`` then raises :class:`Cancelled` inside the work).

Pattern: Anki's ``aqt.operations`` / ``taskman`` and Orange's ``concurrent`` helpers.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400


class Cancelled(Exception):
    """Raised inside a job's ``report`` after the user pressed Cancel."""


@dataclass
class _Job:
    work: Callable[..., Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    progress: str | None
    parent: QWidget | None
    with_report: bool
    cancelled: threading.Event = field(default_factory=threading.Event)
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None


@dataclass
class _Delivery:
    job: _Job
    result: Any
    error: BaseException | None


class Ops(QObject):
    """Create on the GUI thread; call :meth:`shutdown` before the application quits."""

    busy_changed = Signal(bool)
    job_failed = Signal(object)  # a _Delivery whose .error failed, after on_error
    # One wrapper object per delivery: PySide6 6.12 mis-counts references to None passed as a
    # signal argument ("deallocating None" at exit on Python 3.11), so None never travels alone.
    _finished = Signal(object)  # _Delivery
    _progressed = Signal(object, int, int)  # job, done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._pending = 0
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._loop, name="desk-db-worker", daemon=True)
        self._thread.start()

    def run(
        self,
        work: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        progress: str | None = None,
        parent: QWidget | None = None,
        with_report: bool = False,
    ) -> None:
        """Queue ``work``; call from the GUI thread. Callbacks run on the GUI thread."""
        job = _Job(work, on_done, on_error, progress, parent, with_report)
        if progress is not None:
            job.timer = QTimer(self)
            job.timer.setSingleShot(True)
            job.timer.timeout.connect(lambda: self._open_dialog(job))
            job.timer.start(PROGRESS_DELAY_MS)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._queue.put(job)

    def is_idle(self) -> bool:
        return self._pending == 0

    def shutdown(self) -> None:
        """Finish the queued jobs' work (not their callbacks) and stop the worker."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    # --- worker thread ------------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                if job.with_report:
                    result = job.work(self._reporter(job))
                else:
                    result = job.work()
                self._finished.emit(_Delivery(job, result, None))
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
                self._finished.emit(_Delivery(job, None, exc))

    def _reporter(self, job: _Job) -> Callable[[int, int], None]:
        return lambda done, total: self._report(job, done, total)

    def _report(self, job: _Job, done: int, total: int) -> None:
        if job.cancelled.is_set():
            raise Cancelled()
        self._progressed.emit(job, done, total)

    # --- GUI thread ---------------------------------------------------------------------------

    @Slot(object)
    def _deliver(self, delivery: _Delivery) -> None:
        job, result, error = delivery.job, delivery.result, delivery.error
        if job.timer is not None:
            job.timer.stop()
            job.timer.deleteLater()
        if job.dialog is not None:
            job.dialog.close()
            job.dialog.deleteLater()
        self._pending -= 1
        try:
            if error is None:
                if job.on_done is not None:
                    job.on_done(result)
            elif isinstance(error, Cancelled):
                log.info("background job cancelled by the user")
            else:
                if not isinstance(error, Exception) or job.on_error is None:
                    log.error("background job failed", exc_info=error)
                if job.on_error is not None:
                    job.on_error(error)
                self.job_failed.emit(_Delivery(job, None, error))
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def _open_dialog(self, job: _Job) -> None:
        if job.dialog is not None or job.progress is None:
            return
        dialog = QProgressDialog(job.progress, self.tr("Cancel"), 0, 0, job.parent)
        dialog.setObjectName("opsProgressDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if not job.with_report:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancelled.set)
        job.dialog = dialog
        dialog.show()

    @Slot(object, int, int)
    def _show_progress(self, job: _Job, done: int, total: int) -> None:
        if job.dialog is None:
            return
        job.dialog.setMaximum(max(total, 0))
        job.dialog.setValue(min(done, total) if total > 0 else 0)
