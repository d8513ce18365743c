"""来电登记: the operator's main screen, one form for a call or an online message.

Save (Ctrl+S) registers the order (已登记, to dispatch later); Dispatch (Ctrl+D) shows the
dispatch dialog with the deadlines, then registers and dispatches; Close directly (Ctrl+J or
Ctrl+Enter) registers and closes with the answer; Link duplicate (Ctrl+L) registers the call
as a duplicate of the open order selected in the side panel. Each is two services run one
after the other on the worker; if the second is refused, the order stays registered and the
status line says so. A refused registration changes nothing and leaves the form as typed.

The side panel (caller history, similar open orders) is looked up 300 ms after the phone,
address, content or category last changed. The form is kept as a draft on disk while it is
being typed and offered back when the page opens again (after a crash, say).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from core import services
from core.errors import DeskError
from core.opinion import register_opinion
from core.queries import caller_history, similar_open_orders
from core.routing import (
    CategoryNode,
    DeadlinePreview,
    RegistrationChoices,
    preview_deadlines,
    suggested_department,
)
from core.services import OrderSummary
from core.validation import normalise_phone, title_from_content
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.opinion_dialogs import OPINION_UOW, opinion_service
from gui.register.category_picker import load_choices
from gui.register.dispatch_dialog import DispatchDialog
from gui.register.draft import DraftStore, FormState, draft_path
from gui.register.form import RegistrationForm
from gui.register.side_panel import CallerPanel

log = logging.getLogger(__name__)

LOOKUP_DELAY_MS = 300
DRAFT_DELAY_MS = 400
_OK_STYLE = "QLabel { color: #389e0d; font-weight: bold; }"
_WARN_STYLE = "QLabel { color: #d46b08; font-weight: bold; }"
_ERROR_STYLE = "QLabel { color: #cf1322; font-weight: bold; }"


@dataclass(frozen=True)
class _FollowUp:
    """The service run on the new order after it is registered, and what to say then."""

    service: Callable[..., OrderSummary]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    done_text: Callable[[OrderSummary], str]
    failed_text: str  # with {ticket} and {reason}


class RegisterPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._choices: RegistrationChoices | None = None
        self._busy = True  # until the choices are loaded
        self._lookup_seq = 0
        self._draft = DraftStore(draft_path(ctx.data_dir, ctx.actor.username))
        self.last_summary: OrderSummary | None = None

        self.form = RegistrationForm(ctx.language)
        self.form.opinion.reset(ctx.clock.now())
        self.panel = CallerPanel(ctx.language)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.save_button = self._button(self.tr("&Save"), "saveButton", "Ctrl+S", self.save)
        self.dispatch_button = self._button(self.tr("Dispatch…"), "dispatchButton", "Ctrl+D",
                                            self.dispatch)
        self.close_button = self._button(self.tr("Close directly"), "closeDirectlyButton",
                                         "Ctrl+J", self.close_directly)
        self.link_button = self._button(self.tr("Link duplicate"), "linkDuplicateButton",
                                        "Ctrl+L", self.link_duplicate)
        self.new_button = self._button(self.tr("New"), "newOrderButton", None, self.new_order)
        self.new_button.setToolTip(self.tr("Clear the form for the next call (Ctrl+N)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(keys, self.close_directly)
        self._shortcut("Ctrl+Shift+F", lambda: self.form.category.search.setFocus())

        buttons = QHBoxLayout()
        for button in (self.save_button, self.dispatch_button, self.close_button,
                       self.link_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.form, 1)
        left_layout.addWidget(self.error_label)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 480])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.setTabOrder(self.form.last_field, self.save_button)
        for first, second in ((self.save_button, self.dispatch_button),
                              (self.dispatch_button, self.close_button),
                              (self.close_button, self.link_button),
                              (self.link_button, self.new_button),
                              (self.new_button, self.panel.history_table),
                              (self.panel.history_table, self.panel.similar_table)):
            self.setTabOrder(first, second)

        self._lookup_timer = self._timer(LOOKUP_DELAY_MS, self._lookup)
        self._draft_timer = self._timer(DRAFT_DELAY_MS, self._write_draft)
        self.form.edited.connect(self._draft_timer.start)
        self.form.edited.connect(self._clear_error)
        self.form.lookup_changed.connect(self._lookup_timer.start)
        self.panel.order_requested.connect(ctx.bus.order_requested.emit)
        ctx.bus.reference_changed.connect(self._load_choices)
        self.form.setEnabled(False)
        self._set_busy(True)
        self._load_choices()

    # --- building -----------------------------------------------------------------------------

    def _button(self, text: str, name: str, keys: str | None, slot: Callable[[], None]
                ) -> QPushButton:
        button = QPushButton(text if keys is None else f"{text} ({keys})")
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if keys is not None:
            self._shortcut(keys, slot)
        return button

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _timer(self, delay: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay)
        timer.timeout.connect(slot)
        return timer

    # --- the page's life ----------------------------------------------------------------------

    @Slot()
    def _load_choices(self) -> None:
        ctx = self._ctx
        ctx.read(lambda: load_choices(ctx.uow(write=False)), self._apply_choices,
                 parent=self)

    def _apply_choices(self, choices: RegistrationChoices) -> None:
        first = self._choices is None
        self._choices = choices
        self.form.set_choices(choices)
        if first:  # the form opens for input, with the draft a crash left behind
            self.form.setEnabled(True)
            self._set_busy(False)
            self._offer_draft()
            if self.isVisible():
                self.form.focus_first()

    def activate(self) -> None:
        """Shown again: pick up changed departments and categories, focus the form."""
        self._load_choices()
        if self.form.isEnabled():
            self.form.focus_first()

    def new_order(self) -> None:
        """Clear the form for the next call (asking first if something typed would be lost)
        and put the cursor in it."""
        if not self.form.state().is_blank() and not self._ctx.prompts.confirm(
                self, self.tr("New order"),
                self.tr("The form holds a registration that is not saved. Clear it?")):
            return
        self._reset_form()
        self.status_label.clear()
        self.form.focus_first()

    def _reset_form(self) -> None:
        self.form.clear()
        self.form.opinion.reset(self._ctx.clock.now())
        self._clear_error()
        self._draft_timer.stop()
        self._draft.clear()
        self._lookup_timer.stop()
        self._lookup_seq += 1  # answers to earlier lookups are dropped
        self.panel.show_history(None)
        self.panel.show_similar(None)

    # --- draft --------------------------------------------------------------------------------

    def _offer_draft(self) -> None:
        found = self._draft.load()
        if found is None:
            return
        state, saved_at = found
        if self._ctx.prompts.confirm(
                self, self.tr("Unsaved registration"),
                self.tr("A registration typed at {time} was not saved (the desk may have closed "
                        "unexpectedly). Restore it?").format(time=saved_at or "?")):
            self.form.set_state(state)
            self._lookup_timer.start()
        else:
            self._draft.clear()

    @Slot()
    def _write_draft(self) -> None:
        state = self.form.state()
        if state.is_blank():
            self._draft.clear()
        else:
            self._draft.save(state, fmt.local(self._ctx.clock.now()))

    # --- side panel ---------------------------------------------------------------------------

    @Slot()
    def _lookup(self) -> None:
        state = self.form.state()
        try:
            phone = normalise_phone(state.caller_phone)
        except DeskError:
            phone = ""
        self._lookup_seq += 1
        seq = self._lookup_seq
        if not phone and state.category_id is None and not state.address.strip():
            self.panel.show_history(None)
            self.panel.show_similar(None)
            return
        ctx = self._ctx
        now = ctx.clock.now()

        def work() -> tuple[Any, Any]:
            history = caller_history(ctx.queries, ctx.actor, now, phone) if phone else None
            similar = similar_open_orders(
                ctx.queries, ctx.actor, now, category_id=state.category_id,
                address=state.address, phone=phone, content=state.content)
            return history, similar

        def show(found: tuple[Any, Any]) -> None:
            if seq == self._lookup_seq:
                self.panel.show_history(found[0])
                self.panel.show_similar(found[1])

        ctx.read(work, show, on_error=lambda exc: log.warning("side panel lookup failed: %s",
                                                               exc))

    # --- actions ------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.save_button, self.dispatch_button, self.close_button,
                       self.link_button):
            button.setEnabled(not busy)

    @Slot()
    def save(self) -> None:
        """Register without dispatching (已登记, for dispatch later)."""
        if not self._busy:
            self._submit(self.form.state(), None)

    @Slot()
    def dispatch(self) -> None:
        """Show the dispatch dialog (deadlines read first), then register and dispatch."""
        if self._busy:
            return
        state = self.form.state()
        node = self.form.category.node(state.category_id)
        if node is None:
            self._problem(self.tr("Choose a category (a third-level leaf) before dispatching."),
                          "category")
            return
        registration = state.registration()
        ctx = self._ctx
        now = ctx.clock.now()

        def work() -> tuple[DeadlinePreview, int | None]:
            preview = preview_deadlines(ctx.uow(write=False), registration.request_type,
                                        registration.urgency, now)
            return preview, suggested_department(ctx.uow(write=False), node.id)

        self._set_busy(True)
        ctx.read(work, lambda found: self._open_dispatch(state, node, *found), parent=self,
                 on_error=self._refused)

    def _open_dispatch(self, state: FormState, node: CategoryNode, preview: DeadlinePreview,
                       suggested: int | None) -> None:
        assert self._choices is not None
        title = state.title.strip() or title_from_content(state.content)
        dialog = DispatchDialog(self._choices, node, title, preview, suggested,
                                self._ctx.language, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._dispatch_confirmed(state, dialog))
        dialog.rejected.connect(self._dispatch_cancelled)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: self.window().activateWindow())
        dialog.open()

    def _dispatch_confirmed(self, state: FormState, dialog: DispatchDialog) -> None:
        lead = dialog.lead_id()
        if lead is None:
            self._set_busy(False)
            self._problem(self.tr("No department to dispatch to."), "")
            return
        department = self._choices.department(lead) if self._choices else None
        name = department.name if department is not None else ""
        follow = _FollowUp(
            services.dispatch, (lead, dialog.assisting_ids()), {"note": dialog.note()},
            lambda s: self.tr("Registered {ticket} and dispatched to {department}").format(
                ticket=s.ticket_no, department=name),
            self.tr("Registered {ticket}, but it could not be dispatched: {reason} It stays "
                    "registered; dispatch it from the order list."))
        self._submit(state, follow, busy_already=True)

    @Slot()
    def _dispatch_cancelled(self) -> None:
        self._set_busy(False)
        self.form.focus_first()

    @Slot()
    def close_directly(self) -> None:
        """直接办结: register and close at once with the answer typed in the form."""
        if self._busy:
            return
        state = self.form.state()
        if state.category_id is None:
            self._problem(self.tr("Choose a category (a third-level leaf) before closing "
                                  "directly."), "category")
            return
        if not state.answer.strip():
            self._problem(self.tr("Type the answer given to the caller before closing "
                                  "directly."), "answer")
            return
        self._submit(state, _FollowUp(
            services.close_directly, (state.answer,), {},
            lambda s: self.tr("Registered {ticket} and closed directly").format(
                ticket=s.ticket_no),
            self.tr("Registered {ticket}, but it could not be closed directly: {reason} It "
                    "stays registered; close or dispatch it from the order list.")))

    @Slot()
    def link_duplicate(self) -> None:
        """Register the call as a duplicate (重复件) of the open order chosen in the panel."""
        if self._busy:
            return
        target = self.panel.link_target()
        if target is None:
            self._problem(self.tr("No open order to link to: the side panel lists none."), "")
            return
        if not self._ctx.prompts.confirm(
                self, self.tr("Link duplicate"),
                self.tr("Register this call as a duplicate of {ticket} ({title})? It will "
                        "follow that order's outcome.").format(ticket=target.ticket_no,
                                                                title=target.title)):
            return
        self._submit(self.form.state(), _FollowUp(
            services.link_duplicate, (target.id,), {},
            lambda s: self.tr("Registered {ticket} as a duplicate of {original}").format(
                ticket=s.ticket_no, original=target.ticket_no),
            self.tr("Registered {ticket}, but it could not be linked as a duplicate: {reason} "
                    "It stays registered; dispatch it from the order list.")))

    # --- running the services -----------------------------------------------------------------

    def _submit(self, state: FormState, follow: _FollowUp | None, *,
                busy_already: bool = False) -> None:
        if self._busy and not busy_already:
            return
        self._set_busy(True)
        self._clear_error()
        self._draft_timer.stop()
        self._write_draft()  # what is being saved is on disk until the save succeeded
        service: Callable[..., OrderSummary] = services.register
        opinion: dict[str, Any] = {}
        if self.form.is_opinion() and self._ctx.extras.get(OPINION_UOW) is not None:
            service = opinion_service(self._ctx, register_opinion)  # 舆情: with its record
            opinion = self.form.opinion.details()
        self._ctx.act(service, state.registration(), parent=self,
                      on_done=lambda summary: self._registered(summary, follow),
                      on_error=self._refused, **opinion)

    def _registered(self, summary: OrderSummary, follow: _FollowUp | None) -> None:
        if follow is None:
            self._finish(summary, self.tr("Registered {ticket}").format(
                ticket=summary.ticket_no), _OK_STYLE)
            return
        self._ctx.act(follow.service, summary.id, *follow.args, parent=self, **follow.kwargs,
                      on_done=lambda done: self._finish(done, follow.done_text(done), _OK_STYLE),
                      on_error=lambda exc: self._follow_up_refused(summary, follow, exc))

    def _follow_up_refused(self, summary: OrderSummary, follow: _FollowUp,
                           exc: BaseException) -> None:
        text = follow.failed_text.format(ticket=summary.ticket_no,
                                         reason=self._ctx.tr_error(exc))
        self._finish(summary, text, _WARN_STYLE)
        self._ctx.prompts.error(self, exc)

    def _finish(self, summary: OrderSummary, text: str, style: str) -> None:
        self.last_summary = summary
        self._reset_form()
        self.status_label.setStyleSheet(style)
        self.status_label.setText(text)
        self._set_busy(False)
        self.form.focus_first()

    def _refused(self, exc: BaseException) -> None:
        """Nothing was stored: say why, next to the form, and keep everything typed."""
        self._set_busy(False)
        field = exc.params.get("field", "") if isinstance(exc, DeskError) else ""
        self._problem(self._ctx.tr_error(exc), str(field))
        if not isinstance(exc, DeskError):
            log.error("registration failed", exc_info=exc)

    def _problem(self, text: str, field: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.form.focus_field(field)

    @Slot()
    def _clear_error(self) -> None:
        if self.error_label.isVisible():
            self.error_label.hide()
            self.error_label.clear()
