"""Callers' personal data: de-identified everywhere by default, in full only on request.

What a screen or an export shows of a caller (DOMAIN.md section 1; ``docs/permissions.md``):

- Lists (``core.queries``), the order view (``core.order_view``) and exports show the name and
  phone number de-identified (``张*``, ``138****5678``) to everybody.
- A user with ``Permission.SEE_PERSONAL_DATA`` may ask for one order's caller in full
  (:func:`reveal_caller`); an undisguised export needs ``Permission.EXPORT_UNDISGUISED``
  (:func:`record_export`). Each such request is a line in ``access_log`` (kind
  ``view_undisguised`` or ``export_undisguised``), written in the same unit of work that
  answers it: no answer without its record.
- The reporter of an anonymous 举报 is never shown to department staff, not even
  de-identified and not even with the permission: name and phone are blank (the screens say
  "匿名").

Same shape as the services: ``(uow, actor, clock, ...)``, typed errors, nothing written when
refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.clock import Clock
from core.errors import NotFound, PermissionDenied
from core.model import Actor, Role, WorkOrder
from core.permissions import Permission, allowed, require
from core.ports import AccessRecord, UnitOfWork
from core.stats_model import deidentify_name, deidentify_phone

VIEW_UNDISGUISED = "view_undisguised"
EXPORT_UNDISGUISED = "export_undisguised"
ANONYMOUS = "匿名"


def masked(name: str, phone: str, anonymous: bool) -> tuple[str, str]:
    """The caller as lists and the order view show them: de-identified, blank if anonymous."""
    if anonymous:
        return "", ""
    return deidentify_name(name), deidentify_phone(phone)


def may_reveal(actor: Actor, anonymous: bool) -> bool:
    """Whether ``actor`` may ask for a caller in full (the order view's button). The reporter
    of an anonymous report is never revealed to department staff."""
    if anonymous and actor.has(Role.DEPARTMENT_STAFF):
        return False
    return allowed(actor, Permission.SEE_PERSONAL_DATA)


def _visible(order: WorkOrder, actor: Actor) -> bool:
    if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        return True
    return any(a.department_id in actor.department_ids for a in order.assignments)


def reveal_caller(uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int
                  ) -> tuple[str, str]:
    """The caller's name and phone number of one order in full, recorded in ``access_log``.

    PermissionDenied without ``SEE_PERSONAL_DATA`` (or for an anonymous report asked by
    department staff); NotFound for an order the actor may not see. Commits the record.
    """
    require(actor, Permission.SEE_PERSONAL_DATA)
    with uow:
        order = uow.orders.get(order_id)
        if not _visible(order, actor):
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        if not may_reveal(actor, order.anonymous):
            raise PermissionDenied(user=actor.username,
                                   action_en="see the reporter of an anonymous report",
                                   action_zh="查看匿名举报人的信息")
        uow.access_log.add(AccessRecord(
            at=clock.now(), user_id=actor.user_id, username=actor.username,
            kind=VIEW_UNDISGUISED, order_id=order_id,
            detail={"ticket_no": order.ticket_no, "anonymous": order.anonymous}))
        uow.commit()
        return order.caller_name, order.caller_phone


def record_export(uow: UnitOfWork, actor: Actor, clock: Clock, what: str,
                  detail: Mapping[str, Any] | None = None) -> int:
    """Check ``EXPORT_UNDISGUISED`` and record that ``actor`` exports ``what`` (e.g.
    ``weekly_sheet``) with callers in full. Call it before the export is made, so that an
    export never leaves without its record. Returns the record's id; commits."""
    require(actor, Permission.EXPORT_UNDISGUISED)
    with uow:
        record_id = uow.access_log.add(AccessRecord(
            at=clock.now(), user_id=actor.user_id, username=actor.username,
            kind=EXPORT_UNDISGUISED, detail={"what": what, **(detail or {})}))
        uow.commit()
        return record_id
