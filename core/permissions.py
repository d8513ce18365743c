"""Who may do what: the one check every service makes before anything else.

Two layers. **Roles** decide the actions (``permit(actor, "dispatch", *roles)``: each service
names the roles that may call it). **Permissions** sit under the roles for what is not an
action on an order but a right over personal data (``require(actor, Permission.X)``):

============================  ==========  ==========  ==========  =============
permission                    operator    supervisor  department  administrator
============================  ==========  ==========  ==========  =============
``SEE_PERSONAL_DATA``         yes         yes         no          no
``EXPORT_UNDISGUISED``        no          yes         no          no
============================  ==========  ==========  ==========  =============

- ``SEE_PERSONAL_DATA``: show one order's caller name and phone number in full
  (``core.privacy.reveal_caller``: an explicit action, logged in ``access_log``). Every list,
  the order view and every export show callers de-identified (``张* 138****5678``) to
  everybody by default; department staff never see more than that, and never anything of
  the reporter of an anonymous 举报 (not even with the permission, see ``core.privacy``).
- ``EXPORT_UNDISGUISED``: export the weekly sheet with callers in full (logged).

Operators phone callers back and supervisors handle complaints about the handling, so both
may look a caller up; only supervisors take personal data out of the desk. Administrators
manage settings and users, not cases. The grants are a definition of the product, printed in
``docs/permissions.md``; a user holding several roles has the union of their permissions.
"""

from __future__ import annotations

from enum import StrEnum

from core.errors import PermissionDenied
from core.model import Actor, Role


class Permission(StrEnum):
    SEE_PERSONAL_DATA = "see_personal_data"  # 查看未脱敏的来电人信息
    EXPORT_UNDISGUISED = "export_undisguised"  # 导出未脱敏的来电人信息


GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.SEE_PERSONAL_DATA: frozenset({Role.OPERATOR, Role.SUPERVISOR}),
    Permission.EXPORT_UNDISGUISED: frozenset({Role.SUPERVISOR}),
}

VERBS: dict[str, tuple[str, str]] = {
    "register": ("register work orders", "登记工单"),
    "close_directly": ("close orders directly", "直接办结工单"),
    "dispatch": ("dispatch orders", "派单"),
    "link_duplicate": ("link duplicates", "关联重复件"),
    "sign_for": ("sign for orders", "签收工单"),
    "reply": ("reply to orders", "回复工单"),
    "request_return": ("ask to return orders", "申请退单"),
    "request_extension": ("ask for extensions", "申请延期"),
    "decide_return": ("decide on returns", "审核退单"),
    "decide_extension": ("decide on extensions", "审核延期"),
    "issue_notice": ("send reminders or supervision notices", "催办或督办"),
    "reopen": ("reopen orders", "重办工单"),
    "close": ("close orders", "办结工单"),
    "accept_reply": ("accept replies", "审核回复"),
    "reject_reply": ("reject replies", "驳回回复"),
    "record_callback": ("record callbacks", "登记回访"),
    "take_next": ("take messages from the shared queue", "领取待处理的网络留言"),
    "administer": ("change the desk's settings", "修改系统设置"),
    "make_statistics": ("make the satisfaction statistics", "生成满意度统计"),
    Permission.SEE_PERSONAL_DATA: ("see callers' personal data in full",
                                   "查看来电人的完整个人信息"),
    Permission.EXPORT_UNDISGUISED: ("export callers' personal data in full",
                                    "导出未脱敏的来电人信息"),
}


def permit(actor: Actor, action: str, *roles: Role) -> None:
    """Raise PermissionDenied (naming ``action`` in both languages) unless the actor holds one
    of ``roles``."""
    if not actor.has(*roles):
        action_en, action_zh = VERBS[action]
        raise PermissionDenied(user=actor.username, action_en=action_en, action_zh=action_zh)


def allowed(actor: Actor, permission: Permission) -> bool:
    """Whether one of the actor's roles grants ``permission``."""
    return actor.has(*GRANTS[permission])


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied (naming the permission in both languages) unless allowed."""
    if not allowed(actor, permission):
        action_en, action_zh = VERBS[permission]
        raise PermissionDenied(user=actor.username, action_en=action_en, action_zh=action_zh)
