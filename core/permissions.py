"""Who may do what: the one check every service makes before anything else."""

from __future__ import annotations

from core.errors import PermissionDenied
from core.model import Actor, Role

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
    "administer": ("change the desk's settings", "修改系统设置"),
    "make_statistics": ("make the satisfaction statistics", "生成满意度统计"),
}


def permit(actor: Actor, action: str, *roles: Role) -> None:
    """Raise PermissionDenied (naming ``action`` in both languages) unless the actor holds one
    of ``roles``."""
    if not actor.has(*roles):
        action_en, action_zh = VERBS[action]
        raise PermissionDenied(user=actor.username, action_en=action_en, action_zh=action_zh)
