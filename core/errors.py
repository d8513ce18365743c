"""Typed errors raised by the services.

Each error carries a stable ``code``, the parameters of its message and the message in
English and Simplified Chinese, so that the command line can print it as it is and the
desk can translate it. A service that raises changes nothing: its unit of work rolls back.
"""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """Base of every error a user may see."""

    code = "error"
    en = "The operation failed."
    zh = "操作失败。"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message_en)

    @property
    def message_en(self) -> str:
        return self.en.format(**self.params)

    @property
    def message_zh(self) -> str:
        return self.zh.format(**self.params)

    def bilingual(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


class ValidationError(DeskError):
    """Bad input in a field. ``field`` names it, ``problem_en``/``problem_zh`` say what is wrong."""

    code = "validation"
    en = "{field_en}: {problem_en}"
    zh = "{field_zh}：{problem_zh}"


class NotFound(DeskError):
    code = "not_found"
    en = "{what_en} {key} does not exist."
    zh = "{what_zh} {key} 不存在。"


class PermissionDenied(DeskError):
    code = "permission_denied"
    en = "User {user} may not {action_en}."
    zh = "用户 {user} 无权{action_zh}。"


class WrongDepartment(DeskError):
    code = "wrong_department"
    en = "User {user} does not belong to the department of assignment {assignment}."
    zh = "用户 {user} 不属于承办记录 {assignment} 的承办单位。"


class IllegalTransition(DeskError):
    code = "illegal_transition"
    en = "Work order {ticket} is {state_en}; it cannot be {action_en} now."
    zh = "工单 {ticket} 当前为“{state_zh}”，不能{action_zh}。"


class RuleViolation(DeskError):
    """A business rule refuses the action (a time window passed, a cap reached, ...)."""

    code = "rule"
    en = "{reason_en}"
    zh = "{reason_zh}"


class ConcurrencyConflict(DeskError):
    """Someone else changed the order first; nothing was done. The desk reloads the order."""

    code = "conflict"
    en = ("Someone else changed work order {ticket} just now, so nothing was done. The order "
          "has been reloaded: check it and try again if still needed.")
    zh = ("工单 {ticket} 刚刚被他人修改，本次操作未执行。"
          "已重新载入最新内容，请核对后如仍需要再操作。")


class DatabaseTooNew(DeskError):
    code = "database_too_new"
    en = (
        "The database {url} is at schema revision {revision}, which this version of the desk "
        "does not know. Update the desk before opening it."
    )
    zh = "数据库 {url} 的结构版本为 {revision}，本版本的工单系统无法识别。请先升级软件再打开。"


class DatabaseUnavailable(DeskError):
    code = "database_unavailable"
    en = "Cannot open the database {url}: {detail}"
    zh = "无法打开数据库 {url}：{detail}"


def invalid(field_en: str, field_zh: str, problem_en: str, problem_zh: str) -> ValidationError:
    """Shorthand for a :class:`ValidationError` on one field."""
    return ValidationError(
        field=field_en,
        field_en=field_en,
        field_zh=field_zh,
        problem_en=problem_en,
        problem_zh=problem_zh,
    )


def rule(reason_en: str, reason_zh: str) -> RuleViolation:
    return RuleViolation(reason_en=reason_en, reason_zh=reason_zh)
