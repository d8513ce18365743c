"""What each offered action (``core.order_view.Offer``) looks like as a button and what it
does: sign for at once, accept a reply after a confirmation, everything else through its
dialog. Follow-ups the supervisor is offered right away: after an approved return or a reopen
the order is back at dispatch (→ the dispatch dialog), after an unsatisfied callback the
choice to reopen or close.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from core import services
from core.model import CallbackOutcome, OrderState, Role
from core.order_view import Action, Offer, OrderDetail, RequestView, order_detail
from gui import fmt
from gui.context import DeskContext
from gui.orders.detail_panes import assignment_of
from gui.orders.dialogs.callback_dialog import CallbackDialog
from gui.orders.dialogs.decide_dialog import DecideDialog
from gui.orders.dialogs.dispatch_dialog import DispatchDialog
from gui.orders.dialogs.duplicate_dialog import DuplicateDialog
from gui.orders.dialogs.extension_dialog import ExtensionDialog
from gui.orders.dialogs.followup_dialog import FollowUpDialog
from gui.orders.dialogs.notice_dialog import NoticeDialog
from gui.orders.dialogs.reason_dialog import ReasonDialog
from gui.orders.dialogs.reply_dialog import ReplyDialog
from gui.orders.dialogs.revise_dialog import ReviseDialog
from gui.orders.guard import alive

SHORTCUTS = {Action.SIGN_FOR: "F2", Action.REPLY: "Ctrl+R"}


class OrderActions(QObject):
    """Runs the actions of one order window; ``window`` parents the dialogs."""

    def __init__(self, ctx: DeskContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self.dialog: QDialog | None = None  # the dialog now open, for tests and the window

    # --- button text ---------------------------------------------------------------------------

    def text(self, offer: Offer, detail: OrderDetail) -> str:
        base = self._name(offer.action)
        target = self._target_name(offer, detail)
        return f"{base}：{target}" if target and self._ctx.language != "en" else (
            f"{base}: {target}" if target else base)

    def _name(self, action: Action) -> str:
        return {
            Action.DISPATCH: self.tr("Dispatch"),
            Action.CLOSE_DIRECTLY: self.tr("Close directly"),
            Action.LINK_DUPLICATE: self.tr("Link as duplicate"),
            Action.SIGN_FOR: self.tr("Sign for (F2)"),
            Action.REPLY: self.tr("Reply (Ctrl+R)"),
            Action.REQUEST_RETURN: self.tr("Request return"),
            Action.REQUEST_EXTENSION: self.tr("Request extension"),
            Action.DECIDE_RETURN: self.tr("Decide return"),
            Action.DECIDE_EXTENSION: self.tr("Decide extension"),
            Action.ISSUE_NOTICE: self.tr("Remind / supervise"),
            Action.ACCEPT_REPLY: self.tr("Accept reply"),
            Action.REJECT_REPLY: self.tr("Send reply back"),
            Action.RECORD_CALLBACK: self.tr("Record callback"),
            Action.REOPEN: self.tr("Reopen"),
            Action.CLOSE: self.tr("Close with a reason"),
            Action.REVISE: self.tr("Revise / complete"),
        }[action]

    def _target_name(self, offer: Offer, detail: OrderDetail) -> str:
        """The department a button is about, where the user could otherwise not tell: a
        request to decide, a notice on an order with several departments, a department
        action of a user who works for several of them."""
        if offer.action in (Action.DECIDE_RETURN, Action.DECIDE_EXTENSION):
            request = self._request(offer, detail)
            return request.department if request else ""
        a = assignment_of(detail, offer.target_id)
        if a is None:
            return ""
        current = detail.current_assignments()
        if offer.action is Action.ISSUE_NOTICE:
            return a.department if len(current) > 1 else ""
        own = [x for x in current if x.department_id in self._ctx.actor.department_ids]
        return a.department if len(own) > 1 else ""

    @staticmethod
    def _request(offer: Offer, detail: OrderDetail) -> RequestView | None:
        pool = detail.returns if offer.action is Action.DECIDE_RETURN else detail.extensions
        return next((r for r in pool if r.id == offer.target_id), None)

    # --- running -------------------------------------------------------------------------------

    def run(self, offer: Offer, detail: OrderDetail) -> None:
        ctx, a = self._ctx, assignment_of(detail, offer.target_id)
        action = offer.action
        if action is Action.SIGN_FOR and offer.target_id is not None:
            ctx.act(services.sign_for, offer.target_id, parent=self._window)
        elif action is Action.ACCEPT_REPLY:
            if ctx.prompts.confirm(self._window, self.tr("Accept reply"), self.tr(
                    "Accept the departments' replies to {ticket}? The callback clock "
                    "starts.").format(ticket=detail.ticket_no)):
                ctx.act(services.accept_reply, detail.id, parent=self._window)
        elif action is Action.DISPATCH and detail.category_id is None:
            self._revise_first(detail)
        elif action is Action.DISPATCH:
            self.open(DispatchDialog(ctx, detail, self._window))
        elif action is Action.REVISE:
            self.open(ReviseDialog(ctx, detail, self._window))
        elif action is Action.REPLY and a is not None:
            self.open(ReplyDialog(ctx, detail, a, self._window))
        elif action is Action.REQUEST_EXTENSION and a is not None:
            self.open(ExtensionDialog(ctx, detail, a, self._window))
        elif action is Action.ISSUE_NOTICE and a is not None:
            self.open(NoticeDialog(ctx, detail, a, self._window))
        elif action in (Action.DECIDE_RETURN, Action.DECIDE_EXTENSION):
            request = self._request(offer, detail)
            if request is not None:
                self.open(DecideDialog(ctx, detail, request, self._window),
                          lambda summary: self._after_decision(summary, request))
        elif action is Action.RECORD_CALLBACK:
            dialog = CallbackDialog(ctx, detail, self._window)
            self.open(dialog, lambda summary: self._after_callback(summary, dialog))
        elif action in (Action.REOPEN, Action.CLOSE):
            self._follow_up(detail, reopen=action is Action.REOPEN)
        elif action is Action.LINK_DUPLICATE:
            self.open(DuplicateDialog(ctx, detail, self._window))
        else:
            self._run_reason(offer, detail)

    def _run_reason(self, offer: Offer, detail: OrderDetail) -> None:
        ctx, action = self._ctx, offer.action
        if action is Action.REQUEST_RETURN and offer.target_id is not None:
            aid = offer.target_id
            a = assignment_of(detail, aid)
            until = fmt.local(a.return_until) if a is not None else ""
            self.open(ReasonDialog(
                ctx, title=self.tr("Request return: {ticket}").format(ticket=detail.ticket_no),
                intro=self.tr("Return the order if it is not your department's duty; a return "
                              "may be asked for until {until}. A supervisor decides; until then "
                              "the clocks run on.").format(until=until),
                label=self.tr("Reason"), missing=self.tr("Please give the reason for the "
                                                         "return."),
                placeholder=self.tr("Why this is not your department's duty, and whose it is"),
                build=lambda text: (services.request_return, (aid, text), {}),
                parent=self._window))
        elif action is Action.REJECT_REPLY:
            self.open(ReasonDialog(
                ctx, title=self.tr("Send reply back: {ticket}").format(ticket=detail.ticket_no),
                intro=self.tr("The replying departments work on the order again; their clocks "
                              "are unchanged."),
                label=self.tr("Reason"), missing=self.tr("Please give the reason for sending "
                                                         "the reply back."),
                build=lambda text: (services.reject_reply, (detail.id, text), {}),
                parent=self._window))
        elif action is Action.CLOSE_DIRECTLY:
            self.open(ReasonDialog(
                ctx, title=self.tr("Close directly: {ticket}").format(ticket=detail.ticket_no),
                intro=self.tr("Answer the caller at once (for example from the knowledge base) "
                              "and close the order without dispatching it."),
                label=self.tr("Answer"), missing=self.tr("Please write the answer given."),
                build=lambda text: (services.close_directly, (detail.id, text), {}),
                parent=self._window))

    def open(self, dialog: QDialog,
             after: Callable[[object], None] | None = None) -> QDialog:
        """Show ``dialog`` window-modal; ``after(summary)`` runs once it succeeded."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if after is not None:
            dialog.succeeded.connect(after)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # --- follow-ups ----------------------------------------------------------------------------

    def _after_decision(self, summary: object, request: RequestView) -> None:
        if request.days is None and getattr(summary, "state", None) is OrderState.TO_DISPATCH:
            self._offer_dispatch(self.tr("The return is approved and the order is back at "
                                         "dispatch. Dispatch it again now?"), summary)

    def _after_callback(self, summary: object, dialog: CallbackDialog) -> None:
        if dialog.outcome() is not CallbackOutcome.UNSATISFIED:
            return
        if not self._ctx.actor.has(Role.SUPERVISOR):
            self._ctx.prompts.info(self._window, self.tr("Record callback"), self.tr(
                "The caller is unsatisfied. A supervisor decides whether the order is reopened "
                "or closed with a reason."))
            return
        self._ctx.read(lambda: self._load(summary),
                       lambda d: self._follow_up(d, reopen=True) if alive(self) else None,
                       parent=self._window)

    def _follow_up(self, detail: OrderDetail, reopen: bool) -> None:
        dialog = FollowUpDialog(self._ctx, detail, reopen, self._window)
        self.open(dialog, lambda summary: self._after_follow_up(summary))

    def _after_follow_up(self, summary: object) -> None:
        if getattr(summary, "state", None) is OrderState.TO_DISPATCH:
            self._offer_dispatch(self.tr("The order is reopened and waits for dispatch. "
                                         "Dispatch it now?"), summary)

    def _offer_dispatch(self, question: str, summary: object) -> None:
        if not self._ctx.prompts.confirm(self._window, self.tr("Dispatch"), question):
            return
        self._ctx.read(lambda: self._load(summary), self._dispatch_again, parent=self._window)

    def _revise_first(self, detail: OrderDetail) -> None:
        """An order without a category (an import, say) gets one before it is dispatched:
        the revise dialog first, then the dispatch dialog on the revised order."""
        self.open(ReviseDialog(self._ctx, detail, self._window, intro=self.tr(
            "This order has no category yet, and the department follows from the category. "
            "Choose one (and correct the rest if needed); the dispatch dialog follows.")),
            lambda summary: self._ctx.read(lambda: self._load(summary), self._dispatch_again,
                                           parent=self._window))

    def _dispatch_again(self, detail: OrderDetail) -> None:
        if alive(self):
            self.open(DispatchDialog(self._ctx, detail, self._window))

    def _load(self, summary: object) -> OrderDetail:
        order_id = getattr(summary, "id")  # noqa: B009 - an OrderSummary
        return order_detail(self._ctx.uow(write=False), self._ctx.actor, order_id)
