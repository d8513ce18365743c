"""The order view: one top-level window per order with everything about it and its actions.

The header names the order and its state; below it one button per action the signed-in user
may take now — exactly ``core.order_view.available_actions`` — and the panes of
:mod:`gui.orders.detail_panes`. The detail is read in the background when the window opens and
again whenever the change bus reports this order (or an unknown set of orders) changed, so
every action, here or elsewhere, is followed by a fresh view. The caller is de-identified
until a permitted user presses "Show in full" (``core.privacy.reveal_caller``, logged).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.order_view import Action, Offer, OrderDetail, available_actions, order_detail
from core.privacy import may_reveal, reveal_caller
from gui import fmt
from gui.context import Changed, DeskContext
from gui.orders.actions import SHORTCUTS, OrderActions
from gui.orders.conflict import seen_context
from gui.orders.detail_panes import OrderPanes
from gui.orders.guard import alive
from gui.orders.opinion_pane import OpinionPane

DEFAULT_SIZE = (1240, 780)
_TITLE_STYLE = "QLabel { font-size: 16px; font-weight: bold; }"
_STATE_STYLE = ("QLabel { background: #e6f4ff; color: #0958d9; border: 1px solid #91caff; "
                "border-radius: 3px; padding: 1px 8px; }")


class OrderWindow(QWidget):
    """Build on the GUI thread; the main window shows it and deletes it on close."""

    def __init__(self, ctx: DeskContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("orderWindow")
        self._ctx = ctx
        self._order_id = order_id
        self._detail: OrderDetail | None = None
        self._offers: list[tuple[Offer, QPushButton]] = []
        self._loading = False
        self._again = False
        self.setWindowTitle(self.tr("Order (loading…)"))
        self.resize(*DEFAULT_SIZE)

        # actions act on the version shown here; a refusal as changed meanwhile reloads it
        self._seen = seen_context(ctx, order_id)
        self.actions_runner = OrderActions(self._seen, self)
        self.ticket_label = QLabel()
        self.ticket_label.setObjectName("ticketLabel")
        self.ticket_label.setStyleSheet(_TITLE_STYLE)
        self.ticket_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("stateLabel")
        self.state_label.setStyleSheet(_STATE_STYLE)
        self.title_label = QLabel()
        self.title_label.setObjectName("titleLabel")
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.clicked.connect(self.reload)
        header = QHBoxLayout()
        header.addWidget(self.ticket_label)
        header.addWidget(self.state_label)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.refresh_button)

        self.action_bar = QHBoxLayout()
        self.action_bar.setSpacing(6)
        self.no_actions_label = QLabel(self.tr("No action for you on this order now."))
        self.no_actions_label.setObjectName("noActionsLabel")
        self.no_actions_label.setStyleSheet("QLabel { color: #8c8c8c; }")
        self.action_bar.addWidget(self.no_actions_label)
        self.action_bar.addStretch(1)

        self._shortcuts: dict[Action, QAction] = {}
        for action, key in SHORTCUTS.items():
            shortcut = QAction(self)
            shortcut.setObjectName(f"shortcut_{action.value}")
            shortcut.setShortcut(QKeySequence(key))
            shortcut.setEnabled(False)
            shortcut.triggered.connect(lambda _=False, a=action: self._run_first(a))
            self.addAction(shortcut)
            self._shortcuts[action] = shortcut

        self.panes = OrderPanes(ctx.language, self)
        self.panes.reveal_requested.connect(self.reveal_caller)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.action_bar)
        self.opinion_pane = OpinionPane(ctx, order_id, self)  # shown for 舆情 items only
        self.refresh_button.clicked.connect(self.opinion_pane.reload)
        layout.addWidget(self.opinion_pane)
        layout.addWidget(self.panes, 1)

        ctx.bus.orders_changed.connect(self._orders_changed)
        self.reload()

    # --- loading ------------------------------------------------------------------------------

    @property
    def order_id(self) -> int:
        return self._order_id

    @property
    def detail(self) -> OrderDetail | None:
        return self._detail

    @Slot()
    def reload(self) -> None:
        """Read the order again in the background (one read at a time; a change that comes in
        meanwhile triggers one more)."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        ctx, order_id = self._ctx, self._order_id
        ctx.read(lambda: order_detail(ctx.uow(write=False), ctx.actor, order_id),
                 self._show, parent=self, on_error=self._failed)

    def _show(self, detail: OrderDetail) -> None:
        if not alive(self):
            return
        self._loading = False
        if self._again:
            self._again = False
            self.reload()
        self._detail = detail
        self._seen.saw(detail.version)
        lang = self._ctx.language
        self.setWindowTitle(self.tr("Order {ticket}: {title}").format(
            ticket=detail.ticket_no, title=detail.title))
        self.ticket_label.setText(detail.ticket_no)
        self.state_label.setText(fmt.label(detail.state, lang))
        self.title_label.setText(detail.title)
        self.panes.set_revealable(may_reveal(self._ctx.actor, detail.anonymous))
        self.panes.show_detail(detail, self._ctx.clock.now())
        self._show_actions(detail)

    def _failed(self, exc: BaseException) -> None:
        if not alive(self):
            return
        self._loading = False
        self._ctx.prompts.error(self, exc)
        if self._detail is None:
            self.close()

    def _show_actions(self, detail: OrderDetail) -> None:
        for _, button in self._offers:
            self.action_bar.removeWidget(button)
            button.deleteLater()
        self._offers = []
        offers = available_actions(detail, self._ctx.actor, self._ctx.clock.now())
        for i, offer in enumerate(offers):
            button = QPushButton(self.actions_runner.text(offer, detail))
            button.setObjectName(f"action_{offer.action.value}")
            button.clicked.connect(lambda _=False, o=offer: self.run(o))
            self.action_bar.insertWidget(i, button)
            self._offers.append((offer, button))
        self.no_actions_label.setVisible(not self._offers)
        offered = {offer.action for offer, _ in self._offers}
        for action, shortcut in self._shortcuts.items():
            shortcut.setEnabled(action in offered)

    @Slot()
    def reveal_caller(self) -> None:
        """Ask for the caller in full in the background (the request is logged)."""
        ctx, order_id = self._ctx, self._order_id
        self.panes.reveal_button.setEnabled(False)
        ctx.read(lambda: reveal_caller(ctx.uow(), ctx.actor, ctx.clock, order_id),
                 self._revealed, parent=self, on_error=self._reveal_failed)

    def _revealed(self, caller: tuple[str, str]) -> None:
        if alive(self):
            self.panes.reveal_button.setEnabled(True)
            self.panes.show_caller(*caller)

    def _reveal_failed(self, exc: BaseException) -> None:
        if alive(self):
            self.panes.reveal_button.setEnabled(True)
            self._ctx.prompts.error(self, exc)

    # --- actions ------------------------------------------------------------------------------

    def offers(self) -> list[Offer]:
        return [offer for offer, _ in self._offers]

    def button(self, action: Action, target_id: int | None = None) -> QPushButton | None:
        """The button of ``action`` (on ``target_id`` when given), if it is offered."""
        for offer, button in self._offers:
            if offer.action is action and (target_id is None or offer.target_id == target_id):
                return button
        return None

    def run(self, offer: Offer) -> None:
        if self._detail is not None:
            self.actions_runner.run(offer, self._detail)

    def _run_first(self, action: Action) -> None:
        """A shortcut key: the first offer of ``action`` (the user's own assignment)."""
        offer = next((o for o in self.offers() if o.action is action), None)
        if offer is not None:
            self.run(offer)

    def active_dialog(self) -> QDialog | None:
        return self.actions_runner.dialog

    @Slot(object)
    def _orders_changed(self, changed: Changed) -> None:
        if not changed.order_ids or self._order_id in changed.order_ids:
            self.reload()
