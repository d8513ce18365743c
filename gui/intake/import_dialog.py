"""导入网络留言: choose a file, check the preview, import in the background, read the report.

A portal spreadsheet (.xlsx/.csv) or a saved Open311 response (.json/.xml) is read off the GUI
thread and shown as the import will take it: the columns as recognised (a combo per header
says which field it feeds; an unrecognised header can be mapped, a recognised one ignored) and
the first rows as parsed, each ready or with the reason it will be rejected. Import runs on the
database worker in committed chunks with a determinate progress bar and Cancel; the report
lists what was accepted, already known, updated and rejected, and the rejected rows can be
saved as a CSV to fix and import again.

Needs ``ctx.extras["intake_uow"]``: a factory of intake units of work (``main.py`` wires
``db.intake_repository.intake_uow_factory``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import intake
from core.intake_ports import BatchStatus, IntakeKind
from core.intake_preview import FIELDS, FilePreview, preview_file
from gui.context import Changed, DeskContext
from gui.intake.models import PREVIEW_ROWS, PreviewModel, RejectedModel
from gui.ops import Cancelled

ChoosePath = Callable[[QWidget], Path | None]
_ERROR_STYLE = "QLabel { color: #cf1322; }"
_UNKNOWN_STYLE = "QLabel { color: #d46b08; font-weight: bold; }"
_MAPPING_COLUMNS = 3  # header/combo pairs per line
_MAX_COLUMN_WIDTH = 260  # px; a longer cell shows its whole text as a tooltip


def open_import_dialog(ctx: DeskContext, parent: QWidget | None) -> None:
    """Open the import dialog (non-modal; it deletes itself when closed)."""
    dialog = ImportDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()


def _choose_open(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ImportDialog", "Import messages"), "",
        QCoreApplication.translate(
            "ImportDialog", "Messages (*.xlsx *.csv *.json *.xml);;All files (*)"))
    return Path(name) if name else None


def _choose_save(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ImportDialog", "Save the rejected rows"),
        "rejected.csv", QCoreApplication.translate("ImportDialog", "CSV (*.csv)"))
    return Path(name) if name else None


def field_label(name: str) -> str:
    return {
        "external_id": QCoreApplication.translate("ImportDialog", "Message number"),
        "posted_at": QCoreApplication.translate("ImportDialog", "Posted at"),
        "title": QCoreApplication.translate("ImportDialog", "Title"),
        "content": QCoreApplication.translate("ImportDialog", "Content"),
        "caller_name": QCoreApplication.translate("ImportDialog", "Author"),
        "caller_phone": QCoreApplication.translate("ImportDialog", "Phone"),
        "channel_hint": QCoreApplication.translate("ImportDialog", "Source"),
        "address": QCoreApplication.translate("ImportDialog", "Address"),
        "platform": QCoreApplication.translate("ImportDialog", "Platform (public opinion)"),
        "link": QCoreApplication.translate("ImportDialog", "Link (public opinion)"),
        "reach": QCoreApplication.translate("ImportDialog", "Reposts/comments (public opinion)"),
    }.get(name, name)


def _fit_columns(view: QTableView, widest: int = _MAX_COLUMN_WIDTH) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column), widest))


class ImportDialog(QDialog):
    """``choose_open``/``choose_save`` ask for a path (tests pass their own)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *,
                 choose_open: ChoosePath = _choose_open,
                 choose_save: ChoosePath = _choose_save) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._choose_open = choose_open
        self._choose_save = choose_save
        self._uow = ctx.extras.get("intake_uow")
        self._path: Path | None = None
        self._mapping: dict[str, str] = {}
        self._busy = False
        self.preview: FilePreview | None = None
        self.report: intake.ImportReport | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import online messages"))
        self.resize(1100, 680)

        self.path_label = QLabel(self.tr("Choose a portal spreadsheet (.xlsx, .csv) or a saved "
                                         "Open311 response (.json, .xml)."))
        self.path_label.setObjectName("pathLabel")
        self.path_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose &file…"))
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.source_edit = QLineEdit()
        self.source_edit.setObjectName("sourceEdit")
        self.source_edit.setPlaceholderText(self.tr("sheet"))
        self.source_edit.setToolTip(self.tr(
            "Where the messages come from. The same message from the same source is imported "
            "once. For a spreadsheet: a channel code such as portal, people or opinion sends "
            "the orders to that channel. For an Open311 file: the name of its feed."))
        self.source_edit.editingFinished.connect(self._source_changed)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(QLabel(self.tr("Source:")))
        top.addWidget(self.source_edit)
        top.addWidget(self.choose_button)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_preview_page())
        self.stack.addWidget(self._build_report_page())

        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    # --- pages ----------------------------------------------------------------------------

    def _build_preview_page(self) -> QWidget:
        page = QWidget()
        self.mapping_box = QGroupBox(self.tr("Columns: what each column of the file holds"))
        self.mapping_box.setObjectName("mappingBox")
        self._mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_box.hide()
        self.mapping_combos: dict[int, QComboBox] = {}
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.preview_model = PreviewModel(self._ctx.language, self)
        self.preview_view = self._table(self.preview_model, "previewTable")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.preview_view, 1)
        return page

    def _build_report_page(self) -> QWidget:
        page = QWidget()
        self.report_title = QLabel()
        self.report_title.setObjectName("reportTitle")
        self.report_title.setWordWrap(True)
        self.report_values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text in (
            ("accepted", self.tr("New orders:")),
            ("dispatched", self.tr("of which dispatched at once:")),
            ("known", self.tr("Already known (not imported again):")),
            ("updated", self.tr("Updated at the source (recorded on the order):")),
            ("rejected", self.tr("Rejected:")),
        ):
            value = QLabel()
            value.setObjectName(f"{key}Value")
            self.report_values[key] = value
            form.addRow(text, value)
        self.rejected_model = RejectedModel(self._ctx.language, self)
        self.rejected_view = self._table(self.rejected_model, "rejectedTable")
        self.save_rejected_button = QPushButton(self.tr("&Save rejected rows as CSV…"))
        self.save_rejected_button.setObjectName("saveRejectedButton")
        self.save_rejected_button.setToolTip(self.tr(
            "The rows as written, with the reason; fix them in Excel and import the file again"))
        self.save_rejected_button.clicked.connect(self.choose_rejected_file)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_rejected_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.report_title)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Rejected rows:")))
        layout.addWidget(self.rejected_view, 1)
        layout.addLayout(row)
        return page

    def _table(self, model: PreviewModel | RejectedModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # --- choosing and previewing ------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        path = self._choose_open(self)
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background and show the preview (a new file: no mapping)."""
        self._path = Path(path)
        self._mapping = {}
        self.path_label.setText(str(self._path))
        self.stack.setCurrentIndex(0)
        self._reload()

    def set_mapping(self, header: str, field: str) -> None:
        """Say that the column ``header`` holds ``field`` (``""``: do not import it)."""
        self._mapping[header] = field
        self._reload()

    @Slot()
    def _source_changed(self) -> None:
        if self._path is not None and self.source_edit.isModified():
            self.source_edit.setModified(False)
            self._reload()

    def _reload(self) -> None:
        if self._path is None:
            return
        path, source, mapping = self._path, self.source_edit.text().strip() or None, \
            dict(self._mapping)
        self.import_button.setEnabled(False)
        self.summary_label.setText(self.tr("Reading the file…"))
        self.summary_label.setStyleSheet("")
        self._ctx.read(lambda: preview_file(path, source, mapping), self._show_preview,
                       parent=self, progress=self.tr("Reading the file…"),
                       on_error=self._preview_failed)

    @Slot(object)
    def _preview_failed(self, exc: BaseException) -> None:
        self.summary_label.setText(self._ctx.tr_error(exc))
        self.summary_label.setStyleSheet(_ERROR_STYLE)

    def _show_preview(self, preview: FilePreview) -> None:
        self.preview = preview
        self._show_columns(preview)
        parsed = preview.parsed
        if parsed is None:
            self.preview_model.set_rows([])
            _fit_columns(self.preview_view)
            problem = preview.problem_en if self._ctx.language == "en" else preview.problem_zh
            self.summary_label.setText(self.tr(
                "This file cannot be imported as it is: {problem}").format(problem=problem)
                + ("\n" + self.tr("Choose above what each column holds.")
                   if preview.columns is not None else ""))
            self.summary_label.setStyleSheet(_ERROR_STYLE)
            self.import_button.setEnabled(False)
            return
        items = sorted([*parsed.messages, *parsed.rejected],
                       key=lambda i: (i.row is None, i.row or 0))
        self.preview_model.set_rows(items[:PREVIEW_ROWS])
        open311 = preview.spec.kind is IntakeKind.OPEN311
        for column in PreviewModel.SHEET_ONLY:
            self.preview_view.setColumnHidden(column, open311)
        for column in PreviewModel.OPEN311_ONLY:
            self.preview_view.setColumnHidden(column, not open311)
        _fit_columns(self.preview_view)
        text = self.tr("%n item(s) read: ", "", preview.total) + self.tr(
            "{ready} ready to import, {rejected} will be rejected.").format(
            ready=len(parsed.messages), rejected=len(parsed.rejected))
        if preview.total > PREVIEW_ROWS:
            text += " " + self.tr("The first %n are shown.", "", PREVIEW_ROWS)
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet("")
        self.import_button.setEnabled(bool(parsed.messages) and self._uow is not None)

    def _show_columns(self, preview: FilePreview) -> None:
        while self._mapping_grid.count():
            item = self._mapping_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.mapping_combos = {}
        columns = preview.columns
        self.mapping_box.setVisible(columns is not None
                                    and preview.spec.kind is IntakeKind.SHEET)
        if columns is None:
            return
        for index, header in enumerate(columns.headers):
            shown = header or f"#{index + 1}"
            label = QLabel(shown)
            combo = QComboBox()
            combo.setObjectName(f"mappingCombo{index}")
            combo.addItem(self.tr("(not imported)"), "")
            for name in FIELDS:
                combo.addItem(field_label(name), name)
            combo.setCurrentIndex(max(combo.findData(columns.fields.get(index, "")), 0))
            if index not in columns.recognised and index not in columns.fields:
                label.setStyleSheet(_UNKNOWN_STYLE)
                label.setToolTip(self.tr("Not recognised: choose what this column holds, or "
                                         "leave it out"))
            combo.activated.connect(
                lambda _i, c=combo, h=header: self.set_mapping(h, c.currentData()))
            label.setBuddy(combo)
            line, pair = divmod(index, _MAPPING_COLUMNS)
            self._mapping_grid.addWidget(label, line, pair * 2)
            self._mapping_grid.addWidget(combo, line, pair * 2 + 1)
            self.mapping_combos[index] = combo

    # --- importing ----------------------------------------------------------------------------

    @Slot()
    def start_import(self) -> None:
        preview, uow = self.preview, self._uow
        if preview is None or preview.parsed is None or uow is None or self._busy:
            return
        parsed, spec = preview.parsed, preview.spec
        ctx = self._ctx

        def work(report: Callable[[int, int], None]) -> intake.ImportReport:
            def progress(done: int, total: int) -> None:
                try:
                    report(done, total)
                except Cancelled:
                    raise intake.StopImport() from None

            return intake.import_parsed(uow, ctx.actor, ctx.clock, parsed, spec,
                                        progress=progress)

        self._set_busy(True)
        ctx.ops.run(work, self._show_report, self._import_failed, parent=self,
                    progress=self.tr("Importing {count} messages…").format(count=preview.total),
                    with_report=True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.import_button, self.choose_button, self.source_edit,
                       self.mapping_box, self.close_button):
            widget.setEnabled(not busy)

    @Slot(object)
    def _import_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._ctx.prompts.error(self, exc)
        self._ctx.bus.orders_changed.emit(Changed())  # committed chunks stay

    def _show_report(self, report: intake.ImportReport) -> None:
        self._set_busy(False)
        self.report = report
        self.import_button.setEnabled(False)
        if report.status is BatchStatus.CANCELLED:
            title = self.tr("Import cancelled. What was imported before is kept; import the "
                            "file again to take in the rest.")
        else:
            title = self.tr("Import finished: {source}, %n item(s).", "", report.total).format(
                source=report.source)
        self.report_title.setText(title)
        for key, value in (("accepted", report.accepted), ("dispatched", report.dispatched),
                           ("known", report.known), ("updated", report.updated),
                           ("rejected", len(report.rejected))):
            self.report_values[key].setText(str(value))
        self.rejected_model.set_rows(report.rejected)
        _fit_columns(self.rejected_view, widest=2 * _MAX_COLUMN_WIDTH)
        self.save_rejected_button.setEnabled(bool(report.rejected))
        self.stack.setCurrentIndex(1)
        self._ctx.bus.orders_changed.emit(Changed(frozenset(report.order_ids)))

    # --- rejected rows ------------------------------------------------------------------------

    @Slot()
    def choose_rejected_file(self) -> None:
        path = self._choose_save(self)
        if path is not None:
            self.save_rejected(path)

    def save_rejected(self, path: Path) -> None:
        if self.report is None or not self.report.rejected:
            return
        rows, target = self.report.rejected, Path(path)
        self._ctx.read(lambda: intake.write_rejected_csv(rows, target), self._rejected_saved,
                       parent=self)

    def _rejected_saved(self, path: Path) -> None:
        self._ctx.prompts.info(self, self.tr("Rejected rows saved"), self.tr(
            "Saved to {path}. Fix the rows and import the file again; rows already imported "
            "are recognised and not imported twice.").format(path=path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._busy:
            event.ignore()  # the import finishes or is cancelled in its progress window
            return
        super().closeEvent(event)
