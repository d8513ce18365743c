"""Administrators' use cases: users, departments, categories, policies and the calendar.

Same shape as ``core/services.py``: ``(uow, actor, clock, ...)``, one unit of work each,
typed errors, nothing changed on failure. Passwords are hashed with argon2 and never logged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.calendar import WorkCalendar
from core.calendar_import import CalendarImport
from core.clock import Clock
from core.errors import NotFound, PermissionDenied, invalid, rule
from core.model import Actor, Role
from core.permissions import permit
from core.policy import DeskRules, TimeLimitPolicy
from core.ports import CalendarOverride, UnitOfWork

_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,50}$")
_CODE = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
MIN_PASSWORD = 8
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _admin(actor: Actor) -> None:
    permit(actor, "administer", Role.ADMINISTRATOR)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise invalid("password", "密码", f"must have at least {MIN_PASSWORD} characters",
                      f"至少需要 {MIN_PASSWORD} 个字符")


def _validate_user(
    uow: UnitOfWork, username: str, display_name: str, password: str, roles: Sequence[Role],
    department_ids: Sequence[int],
) -> None:
    if not _USERNAME.match(username):
        raise invalid("user name", "用户名", "use 2 to 50 letters, digits, '.', '_' or '-'",
                      "只能使用2至50个字母、数字或 . _ -")
    if not display_name.strip() or len(display_name) > 50:
        raise invalid("display name", "姓名", "must have 1 to 50 characters",
                      "须为1至50个字符")
    _check_password(password)
    if not roles:
        raise invalid("roles", "角色", "give at least one role", "至少指定一个角色")
    if Role.DEPARTMENT_STAFF in roles and not department_ids:
        raise invalid("departments", "承办单位", "department staff must belong to a department",
                      "承办单位联络员必须指定所属单位")
    for dept in department_ids:
        if uow.reference.department(dept) is None:
            raise NotFound(what_en="Department", what_zh="承办单位", key=dept)
    if uow.users.by_username(username) is not None:
        raise invalid("user name", "用户名", f"'{username}' is taken", f"“{username}”已被使用")


def add_user(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    username: str,
    display_name: str,
    password: str,
    roles: Sequence[Role],
    department_ids: Sequence[int] = (),
) -> int:
    _admin(actor)
    with uow:
        _validate_user(uow, username, display_name, password, roles, department_ids)
        user_id = uow.users.add(username, display_name.strip(), hash_password(password),
                                list(dict.fromkeys(roles)), list(dict.fromkeys(department_ids)),
                                clock.now())
        uow.commit()
        return user_id


def create_first_administrator(
    uow: UnitOfWork, clock: Clock, username: str, display_name: str, password: str
) -> int:
    """Only on an empty user table: the very first account, an administrator."""
    with uow:
        if uow.users.count() > 0:
            raise rule("The desk already has users; an administrator adds the next ones.",
                       "系统中已有用户，请由管理员添加新用户。")
        _validate_user(uow, username, display_name, password, [Role.ADMINISTRATOR], [])
        user_id = uow.users.add(username, display_name.strip(), hash_password(password),
                                [Role.ADMINISTRATOR], [], clock.now())
        uow.commit()
        return user_id


def authenticate(uow: UnitOfWork, username: str, password: str) -> Actor:
    """The actor for a user name and password; the same error for an unknown user and a
    wrong password, so that user names cannot be probed."""
    with uow:
        user = uow.users.by_username(username)
        if user is None or not user.active or not password_matches(user.password_hash,
                                                                    password):
            raise PermissionDenied(user=username, action_en="log in with this password",
                                   action_zh="使用该密码登录")
        return user.actor()


def _check_code_and_name(code: str, name: str) -> None:
    if not _CODE.match(code):
        raise invalid("code", "编码", "use 1 to 32 letters, digits, '_' or '-'",
                      "只能使用1至32个字母、数字、_ 或 -")
    if not name.strip() or len(name) > 100:
        raise invalid("name", "名称", "must have 1 to 100 characters", "须为1至100个字符")


def add_department(
    uow: UnitOfWork, actor: Actor, code: str, name: str, parent_code: str | None = None
) -> int:
    _admin(actor)
    with uow:
        _check_code_and_name(code, name)
        if uow.reference.department_by_code(code) is not None:
            raise invalid("code", "编码", f"'{code}' is taken", f"“{code}”已被使用")
        parent_id = None
        if parent_code:
            parent = uow.reference.department_by_code(parent_code)
            if parent is None:
                raise NotFound(what_en="Department", what_zh="承办单位", key=parent_code)
            parent_id = parent.id
        dept_id = uow.reference.add_department(code, name.strip(), parent_id)
        uow.commit()
        return dept_id


def add_category(
    uow: UnitOfWork,
    actor: Actor,
    code: str,
    name: str,
    parent_code: str | None = None,
    department_code: str | None = None,
) -> int:
    """A node of the three-level tree; a leaf (level 3) names its default department."""
    _admin(actor)
    with uow:
        _check_code_and_name(code, name)
        if uow.reference.category_by_code(code) is not None:
            raise invalid("code", "编码", f"'{code}' is taken", f"“{code}”已被使用")
        level, parent_id = 1, None
        if parent_code:
            parent = uow.reference.category_by_code(parent_code)
            if parent is None:
                raise NotFound(what_en="Category", what_zh="事项分类", key=parent_code)
            if parent.level >= 3:
                raise invalid("parent", "上级分类", "the tree has three levels",
                              "分类最多三级")
            level, parent_id = parent.level + 1, parent.id
        dept_id = None
        if department_code:
            dept = uow.reference.department_by_code(department_code)
            if dept is None:
                raise NotFound(what_en="Department", what_zh="承办单位", key=department_code)
            dept_id = dept.id
        if level == 3 and dept_id is None:
            raise invalid("department", "默认承办单位",
                          "a leaf category needs its default department",
                          "末级分类必须指定默认承办单位")
        cat_id = uow.reference.add_category(code, name.strip(), parent_id, level, dept_id)
        uow.commit()
        return cat_id


def set_policy(uow: UnitOfWork, actor: Actor, policy: TimeLimitPolicy) -> None:
    _admin(actor)
    with uow:
        uow.reference.save_policy(policy)
        uow.commit()


def set_rules(uow: UnitOfWork, actor: Actor, rules: DeskRules) -> None:
    """Change the adjustable rules (extension cap, callback attempts, end of the working day)."""
    _admin(actor)
    if not 1 <= rules.extension_cap_days <= 60:
        raise invalid("extension cap", "延期上限", "must be from 1 to 60 working days",
                      "须为1至60个工作日")
    if not 1 <= rules.callback_max_attempts <= 10:
        raise invalid("callback attempts", "回访次数", "must be from 1 to 10", "须为1至10次")
    with uow:
        uow.reference.save_rules(rules)
        uow.commit()


def import_calendar(
    uow: UnitOfWork, actor: Actor, clock: Clock, data: CalendarImport, source: str
) -> int:
    """Store holidays and make-up working days; the file's years count as entered in full."""
    _admin(actor)
    with uow:
        days = [CalendarOverride(d.date, d.working, d.note) for d in data.days]
        count = uow.reference.save_calendar_days(days, sorted(data.years), clock.now(),
                                                 source=source)
        uow.commit()
        return count


def working_calendar(uow: UnitOfWork) -> WorkCalendar:
    """The stored calendar (package data, overrides, imported years), for deadline questions."""
    with uow:
        return uow.reference.calendar()


def calendar_years_without_data(uow: UnitOfWork, years: Sequence[int]) -> list[int]:
    with uow:
        cal = uow.reference.calendar()
        return [y for y in years if not cal.year_has_data(y)]


def display_name(uow: UnitOfWork, user_id: int) -> str:
    """The name the desk shows for a user ("" if unknown)."""
    with uow:
        user = uow.users.get(user_id)
        return user.display_name if user else ""
