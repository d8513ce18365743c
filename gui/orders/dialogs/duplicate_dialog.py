"""关联重复件: link this order to an earlier open order, named by its ticket number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from core import services
from core.clock import Clock
from core.model import Actor
from core.order_view import OrderDetail
from core.ports import UnitOfWork
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label


def link_by_ticket(lookup: Callable[..., UnitOfWork]) -> Callable[..., services.OrderSummary]:
    """A service ``(uow, actor, clock, order_id, ticket_no)`` that finds the original by its
    ticket number (in its own read-only unit of work from ``lookup``) and links to it."""

    def link(uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int,
             ticket_no: str) -> services.OrderSummary:
        original = services.find_by_ticket(lookup(write=False), ticket_no)
        return services.link_duplicate(uow, actor, clock, order_id, original)

    return link


class DuplicateDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Link as a duplicate: {ticket}").format(
            ticket=detail.ticket_no))
        self._order_id = detail.id
        self.form.addRow(note_label(self.tr(
            "A duplicate follows the original's outcome and is counted once.")))
        self.ticket_edit = QLineEdit()
        self.ticket_edit.setObjectName("ticketEdit")
        self.ticket_edit.setPlaceholderText("8890-20261102-000001")
        self.form.addRow(self.tr("Original's ticket no."), self.ticket_edit)

    def ticket(self) -> str:
        return self.ticket_edit.text().strip()

    def validate(self) -> str | None:
        return self.tr("Please enter the original's ticket number.") if not self.ticket() else (
            None)

    def command(self) -> Command:
        return link_by_ticket(self._ctx.uow), (self._order_id, self.ticket()), {}
