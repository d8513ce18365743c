"""Administrators' use cases: users, departments, categories, policies and the calendar.

Same shape as ``core/services.py``: ``(uow, actor, clock, ...)``, one unit of work each,
typed errors, nothing changed on failure. Passwords are hashed with argon2 and never logged.

Every change is appended to the administrative audit chain (``admin_audit``, see
``core/audit.py``) in the same transaction. Functions that took no clock before the audit
trail existed take an optional keyword ``clock`` that stamps the record (default: the
system clock). Sign-in attempts go to ``access_log`` (kind "login"); repeated failures lock
the account for a while (:func:`authenticate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum, StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import chinese_calendar
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from chinese_calendar import constants as _cc_constants

from core.calendar import SHANGHAI, DaySource, Limit, LimitUnit, WorkCalendar
from core.calendar_import import (
    MAX_LISTED_PROBLEMS,
    CalendarImport,
    CalendarImportError,
    parse_calendar_file,
)
from core.clock import Clock, SystemClock
from core.errors import DeskError, NotFound, PermissionDenied, invalid, rule
from core.model import Actor, Category, Department, RequestType, Role, Urgency
from core.permissions import permit
from core.policy import DeskRules, TimeLimitPolicy
from core.ports import (
    AccessRecord,
    CalendarOverride,
    CalendarYearRecord,
    LoginLimits,
    StoredCalendarDay,
    UnitOfWork,
    UserRecord,
)

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


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _audit(uow: UnitOfWork, actor: Actor, clock: Clock | None, action: str, target: str,
           **detail: Any) -> None:
    """Append an administrative change to the audit chain, in the caller's transaction."""
    at = (clock or SystemClock()).now()
    uow.audit.record_admin_change(at, actor.user_id, action, target,
                                  {"by": actor.username, **_jsonable(detail)})


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
    _check_password(password)
    password_hash = hash_password(password)  # slow on purpose: before the write lock
    with uow:
        _validate_user(uow, username, display_name, password, roles, department_ids)
        user_id = uow.users.add(username, display_name.strip(), password_hash,
                                list(dict.fromkeys(roles)), list(dict.fromkeys(department_ids)),
                                clock.now())
        _audit(uow, actor, clock, "user.add", f"user:{username}",
               display_name=display_name.strip(), roles=set(roles),
               department_ids=set(department_ids))
        uow.commit()
        return user_id


def create_first_administrator(
    uow: UnitOfWork, clock: Clock, username: str, display_name: str, password: str
) -> int:
    """Only on an empty user table: the very first account, an administrator."""
    _check_password(password)
    password_hash = hash_password(password)  # slow on purpose: before the write lock
    with uow:
        if uow.users.count() > 0:
            raise rule("The desk already has users; an administrator adds the next ones.",
                       "系统中已有用户，请由管理员添加新用户。")
        _validate_user(uow, username, display_name, password, [Role.ADMINISTRATOR], [])
        user_id = uow.users.add(username, display_name.strip(), password_hash,
                                [Role.ADMINISTRATOR], [], clock.now())
        _audit(uow, Actor(None, "first start", frozenset()), clock, "user.add",
               f"user:{username}", display_name=display_name.strip(),
               roles={Role.ADMINISTRATOR}, department_ids=set())
        uow.commit()
        return user_id


class AccountLocked(DeskError):
    """Too many wrong passwords in a row: the account refuses every sign-in until
    ``until_local`` (Asia/Shanghai, shown as is)."""

    code = "account_locked"
    en = ("The account {user} is locked after {failures} wrong passwords in a row, until "
          "{until_local} (Beijing time). Try again then, or ask an administrator to reset "
          "the password.")
    zh = ("账号 {user} 因连续 {failures} 次密码错误已被锁定，{until_local}（北京时间）后方可"
          "再次登录；如需提前解锁，请联系系统管理员重置密码。")


def _locked(username: str, until: datetime, limits: LoginLimits) -> AccountLocked:
    shown = until.astimezone(SHANGHAI)
    if shown.second or shown.microsecond:  # the minute shown has to be safe to try again at
        shown += timedelta(minutes=1)
    return AccountLocked(user=username, failures=limits.max_failures, until=until,
                         until_local=f"{shown:%Y-%m-%d %H:%M}")


def _refused(username: str) -> PermissionDenied:
    return PermissionDenied(user=username, action_en="log in with this password",
                            action_zh="使用该密码登录")


@cache
def _decoy_hash() -> str:
    """Checked against for an unknown user name, so that it takes as long as a known one."""
    return hash_password("no such user; this password never matches")


def login_limits(uow: UnitOfWork) -> LoginLimits:
    """The lockout and idle-lock settings (``setting`` table, else the defaults)."""
    with uow:
        return uow.audit.login_limits()


def authenticate(uow: UnitOfWork, clock: Clock, username: str, password: str) -> Actor:
    """The actor for a user name and password; the same error for an unknown user, an
    inactive one and a wrong password, so that user names cannot be probed.

    Every attempt is recorded in ``access_log`` (kind "login", never the password).
    ``max_failures`` wrong passwords in a row lock the account for ``lock_minutes``
    (:class:`AccountLocked`, also for the right password meanwhile); a success clears the
    count. The password is checked (slow, argon2) between two short transactions, so the
    write lock is not held meanwhile.
    """
    now = clock.now()
    with uow:
        user = uow.users.by_username(username)
        limits = uow.audit.login_limits()
        state = uow.audit.login_state(user.id) if user is not None else None
    if user is not None and state is not None and state.locked_until is not None \
            and state.locked_until > now:
        _record_login(uow, now, user, username, False, reason="locked")
        raise _locked(user.username, state.locked_until, limits)
    matches = password_matches(user.password_hash if user is not None else _decoy_hash(),
                               password)
    ok = user is not None and user.active and matches
    locked_until: datetime | None = None
    with uow:
        if user is None:
            _log_attempt(uow, now, None, username, False, reason="unknown user")
        else:
            state = uow.audit.login_state(user.id)  # another desk may have locked it since
            if state.locked_until is not None and state.locked_until > now:
                locked_until, ok = state.locked_until, False
                _log_attempt(uow, now, user.id, username, False, reason="locked")
            elif ok:
                uow.audit.clear_login_failures(user.id)
                _log_attempt(uow, now, user.id, username, True)
            else:
                failures = uow.audit.count_failed_login(user.id)
                if failures >= limits.max_failures:
                    locked_until = now + timedelta(minutes=limits.lock_minutes)
                    uow.audit.lock_login(user.id, locked_until)
                _log_attempt(uow, now, user.id, username, False,
                             reason="inactive" if not user.active else "wrong password",
                             failures=failures, locked_until=locked_until)
        uow.commit()
    if user is not None and locked_until is not None:
        raise _locked(user.username, locked_until, limits)
    if not ok or user is None:
        raise _refused(username)
    return user.actor()


def _record_login(uow: UnitOfWork, now: datetime, user: UserRecord, username: str,
                  success: bool, **detail: Any) -> None:
    with uow:
        _log_attempt(uow, now, user.id, username, success, **detail)
        uow.commit()


def _log_attempt(uow: UnitOfWork, now: datetime, user_id: int | None, username: str,
                 success: bool, **detail: Any) -> None:
    uow.access_log.add(AccessRecord(now, user_id, username[:50], "login", None, success,
                                    _jsonable({k: v for k, v in detail.items()
                                               if v is not None})))


@dataclass(frozen=True)
class UserView:
    """A user as the administrator's list shows it (no password hash)."""

    id: int
    username: str
    display_name: str
    active: bool
    roles: frozenset[Role]
    department_ids: frozenset[int]


def users(uow: UnitOfWork, actor: Actor) -> list[UserView]:
    """Every user, by user name (administrators only)."""
    _admin(actor)
    with uow:
        return [UserView(u.id, u.username, u.display_name, u.active, u.roles, u.department_ids)
                for u in uow.users.all_users()]


def confirm_password(password: str, repeat: str) -> None:
    """Refuse a new password that is too short or was not typed the same twice."""
    _check_password(password)
    if password != repeat:
        raise invalid("password", "密码", "the two entries differ", "两次输入的密码不一致")


def _known_user(uow: UnitOfWork, user_id: int) -> UserRecord:
    user = uow.users.get(user_id)
    if user is None:
        raise NotFound(what_en="User", what_zh="用户", key=user_id)
    return user


def _keep_an_administrator(uow: UnitOfWork, user_id: int, still_admin: bool) -> None:
    """Refuse a change that would leave the desk without an active administrator."""
    if still_admin:
        return
    others = [u for u in uow.users.all_users()
              if u.id != user_id and u.active and Role.ADMINISTRATOR in u.roles]
    if not others:
        raise rule("The desk needs at least one active administrator.",
                   "系统至少需要保留一名在用的系统管理员。")


def update_user(
    uow: UnitOfWork,
    actor: Actor,
    user_id: int,
    display_name: str,
    roles: Sequence[Role],
    department_ids: Sequence[int] = (),
    *,
    clock: Clock | None = None,
) -> None:
    """Change a user's display name, roles and departments (the user name stays)."""
    _admin(actor)
    with uow:
        user = _known_user(uow, user_id)
        if not display_name.strip() or len(display_name) > 50:
            raise invalid("display name", "姓名", "must have 1 to 50 characters",
                          "须为1至50个字符")
        if not roles:
            raise invalid("roles", "角色", "give at least one role", "至少指定一个角色")
        if Role.DEPARTMENT_STAFF in roles and not department_ids:
            raise invalid("departments", "承办单位",
                          "department staff must belong to a department",
                          "承办单位联络员必须指定所属单位")
        for dept in department_ids:
            if uow.reference.department(dept) is None:
                raise NotFound(what_en="Department", what_zh="承办单位", key=dept)
        if user_id == actor.user_id and Role.ADMINISTRATOR not in roles:
            raise rule("You cannot take away your own administrator role.",
                       "不能取消自己的系统管理员角色。")
        if user.active:
            _keep_an_administrator(uow, user_id, Role.ADMINISTRATOR in roles)
        uow.users.update(user_id, display_name.strip(), list(dict.fromkeys(roles)),
                         list(dict.fromkeys(department_ids)), user.active)
        _audit(uow, actor, clock, "user.update", f"user:{user.username}",
               display_name=display_name.strip(), roles=set(roles),
               department_ids=set(department_ids),
               before={"display_name": user.display_name, "roles": user.roles,
                       "department_ids": user.department_ids})
        uow.commit()


def set_user_active(uow: UnitOfWork, actor: Actor, user_id: int, active: bool, *,
                    clock: Clock | None = None) -> None:
    """Deactivate (the user can no longer log in; history keeps the name) or reactivate."""
    _admin(actor)
    with uow:
        user = _known_user(uow, user_id)
        if not active and user_id == actor.user_id:
            raise rule("You cannot deactivate your own account.", "不能停用自己的账号。")
        if not active and Role.ADMINISTRATOR in user.roles:
            _keep_an_administrator(uow, user_id, False)
        uow.users.update(user_id, user.display_name, list(user.roles),
                         list(user.department_ids), active)
        _audit(uow, actor, clock, "user.activate" if active else "user.deactivate",
               f"user:{user.username}")
        uow.commit()


def reset_password(uow: UnitOfWork, actor: Actor, user_id: int, password: str, *,
                   clock: Clock | None = None) -> None:
    """Give a user a new password (the administrator tells it to the user); this also lifts
    a sign-in lock."""
    _admin(actor)
    _check_password(password)
    password_hash = hash_password(password)  # slow on purpose: before the write lock
    with uow:
        user = _known_user(uow, user_id)
        uow.users.set_password_hash(user_id, password_hash)
        _audit(uow, actor, clock, "user.password_reset", f"user:{user.username}")
        uow.commit()


def _check_code_and_name(code: str, name: str) -> None:
    if not _CODE.match(code):
        raise invalid("code", "编码", "use 1 to 32 letters, digits, '_' or '-'",
                      "只能使用1至32个字母、数字、_ 或 -")
    if not name.strip() or len(name) > 100:
        raise invalid("name", "名称", "must have 1 to 100 characters", "须为1至100个字符")


def add_department(
    uow: UnitOfWork, actor: Actor, code: str, name: str, parent_code: str | None = None, *,
    clock: Clock | None = None,
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
        _audit(uow, actor, clock, "department.add", f"department:{code}", name=name.strip(),
               parent=parent_code or None)
        uow.commit()
        return dept_id


def departments(uow: UnitOfWork) -> list[Department]:
    """Every department, active or not, in the order they were added."""
    with uow:
        return uow.reference.departments()


def _known_department(uow: UnitOfWork, department_id: int) -> Department:
    dept = uow.reference.department(department_id)
    if dept is None:
        raise NotFound(what_en="Department", what_zh="承办单位", key=department_id)
    return dept


def rename_department(uow: UnitOfWork, actor: Actor, department_id: int, name: str, *,
                      clock: Clock | None = None) -> None:
    _admin(actor)
    with uow:
        dept = _known_department(uow, department_id)
        _check_code_and_name(dept.code, name)
        name = name.strip()
        if any(d.name == name and d.id != department_id for d in uow.reference.departments()):
            raise invalid("name", "名称", f"'{name}' is taken", f"“{name}”已被使用")
        uow.reference.save_department(replace(dept, name=name))
        _audit(uow, actor, clock, "department.rename", f"department:{dept.code}", name=name,
               before=dept.name)
        uow.commit()


def set_department_active(
    uow: UnitOfWork, actor: Actor, department_id: int, active: bool, *,
    clock: Clock | None = None,
) -> None:
    """Deactivate a department (it is no longer offered for dispatch) or reactivate it.

    Refused while an active leaf category routes to it: change those routing rules first.
    Orders already with the department carry on.
    """
    _admin(actor)
    with uow:
        dept = _known_department(uow, department_id)
        if not active:
            routed = [c for c in uow.reference.categories()
                      if c.active and c.is_leaf and c.default_department_id == department_id]
            if routed:
                names = "、".join(c.name for c in routed[:5])
                more = len(routed) - 5
                names_en = ", ".join(c.name for c in routed[:5])
                raise rule(
                    f"{dept.name} is the default department of {len(routed)} categories "
                    f"({names_en}{', …' if more > 0 else ''}); change their routing first.",
                    f"{dept.name}是{len(routed)}个事项分类（{names}{'等' if more > 0 else ''}）"
                    "的默认承办单位，请先修改这些分类的默认承办单位。")
        uow.reference.save_department(replace(dept, active=active))
        _audit(uow, actor, clock, "department.activate" if active else "department.deactivate",
               f"department:{dept.code}")
        uow.commit()


def add_category(
    uow: UnitOfWork,
    actor: Actor,
    code: str,
    name: str,
    parent_code: str | None = None,
    department_code: str | None = None,
    *,
    clock: Clock | None = None,
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
            dept_id = _active_department(uow, dept.id).id
        if level == 3 and dept_id is None:
            raise invalid("department", "默认承办单位",
                          "a leaf category needs its default department",
                          "末级分类必须指定默认承办单位")
        cat_id = uow.reference.add_category(code, name.strip(), parent_id, level, dept_id)
        _audit(uow, actor, clock, "category.add", f"category:{code}", name=name.strip(),
               parent=parent_code or None, department=department_code or None)
        uow.commit()
        return cat_id


def categories(uow: UnitOfWork) -> list[Category]:
    """Every node of the category tree, active or not, by code."""
    with uow:
        return uow.reference.categories()


def _known_category(uow: UnitOfWork, category_id: int) -> Category:
    cat = uow.reference.category(category_id)
    if cat is None:
        raise NotFound(what_en="Category", what_zh="事项分类", key=category_id)
    return cat


def _active_department(uow: UnitOfWork, department_id: int) -> Department:
    dept = _known_department(uow, department_id)
    if not dept.active:
        raise invalid("department", "默认承办单位", f"{dept.name} is deactivated",
                      f"{dept.name}已停用")
    return dept


def rename_category(uow: UnitOfWork, actor: Actor, category_id: int, name: str, *,
                    clock: Clock | None = None) -> None:
    _admin(actor)
    with uow:
        cat = _known_category(uow, category_id)
        _check_code_and_name(cat.code, name)
        name = name.strip()
        if any(c.name == name and c.parent_id == cat.parent_id and c.id != category_id
               for c in uow.reference.categories()):
            raise invalid("name", "名称", f"'{name}' already exists at this place in the tree",
                          f"同一上级下已有“{name}”")
        uow.reference.save_category(replace(cat, name=name))
        _audit(uow, actor, clock, "category.rename", f"category:{cat.code}", name=name,
               before=cat.name)
        uow.commit()


def set_category_department(
    uow: UnitOfWork, actor: Actor, category_id: int, department_id: int, *,
    clock: Clock | None = None,
) -> None:
    """Change a leaf's default department (the routing rule); later dispatches follow it."""
    _admin(actor)
    with uow:
        cat = _known_category(uow, category_id)
        if not cat.is_leaf:
            raise invalid("category", "事项分类",
                          "only a leaf (level 3) category has a default department",
                          "只有末级（第三级）分类设置默认承办单位")
        dept = _active_department(uow, department_id)
        uow.reference.save_category(replace(cat, default_department_id=department_id))
        before = (uow.reference.department(cat.default_department_id)
                  if cat.default_department_id is not None else None)
        _audit(uow, actor, clock, "category.route", f"category:{cat.code}",
               department=dept.code, before=before.code if before else None)
        uow.commit()


def set_category_active(uow: UnitOfWork, actor: Actor, category_id: int, active: bool, *,
                        clock: Clock | None = None) -> None:
    """Deactivate a node with everything below it, or reactivate one node.

    A node is reactivated only under an active parent; a leaf only with an active default
    department. Orders already registered keep their category.
    """
    _admin(actor)
    with uow:
        cat = _known_category(uow, category_id)
        every = uow.reference.categories()
        if active:
            parent = uow.reference.category(cat.parent_id) if cat.parent_id else None
            if parent is not None and not parent.active:
                raise rule(f"Reactivate the parent category {parent.name} first.",
                           f"请先启用上级分类“{parent.name}”。")
            if cat.is_leaf:
                if cat.default_department_id is None:
                    raise invalid("department", "默认承办单位",
                                  "a leaf category needs its default department",
                                  "末级分类必须指定默认承办单位")
                _active_department(uow, cat.default_department_id)
            uow.reference.save_category(replace(cat, active=True))
            changed = [cat.code]
        else:
            changed = []
            for node in [cat, *_descendants(every, cat.id)]:
                if node.active:
                    uow.reference.save_category(replace(node, active=False))
                    changed.append(node.code)
        _audit(uow, actor, clock, "category.activate" if active else "category.deactivate",
               f"category:{cat.code}", categories=changed)
        uow.commit()


def _descendants(every: Sequence[Category], category_id: int) -> list[Category]:
    children = [c for c in every if c.parent_id == category_id]
    found = list(children)
    for child in children:
        found += _descendants(every, child.id)
    return found


#: The longest limit an administrator may set, per unit (a typing slip, not a policy).
LIMIT_MAXIMUM: dict[LimitUnit, int] = {
    LimitUnit.WORKING_DAYS: 60,
    LimitUnit.HOURS: 720,
    LimitUnit.MINUTES: 1440,
}
_LIMIT_NAMES = {
    "sign": ("sign-for limit", "签收时限"),
    "reply": ("reply limit", "办理时限"),
    "return_window": ("return window", "退单时限"),
    "callback": ("callback limit", "回访时限"),
}


def _comparable_minutes(limit: Limit) -> tuple[bool, int]:
    """(is a working-day limit, its size) so that limits of one kind can be compared."""
    if limit.unit is LimitUnit.WORKING_DAYS:
        return True, limit.amount
    return False, limit.amount * (60 if limit.unit is LimitUnit.HOURS else 1)


def check_policy(policy: TimeLimitPolicy) -> None:
    """Refuse a policy cell with a limit out of range, or a sign-for limit or return window
    longer than the reply limit (compared when both count working days or both natural time)."""
    for name, (en, zh) in _LIMIT_NAMES.items():
        limit: Limit = getattr(policy, name)
        top = LIMIT_MAXIMUM[limit.unit]
        if not 1 <= limit.amount <= top:
            unit = Limit(limit.unit, top)
            raise invalid(en, zh, f"must be from 1 to {unit.describe_en()}",
                          f"须为1至{unit.describe_zh()}")
    reply_kind, reply_size = _comparable_minutes(policy.reply)
    for name in ("sign", "return_window"):
        kind, size = _comparable_minutes(getattr(policy, name))
        if kind == reply_kind and size > reply_size:
            en, zh = _LIMIT_NAMES[name]
            raise invalid(en, zh, f"cannot be longer than the reply limit "
                          f"({policy.reply.describe_en()})",
                          f"不能长于办理时限（{policy.reply.describe_zh()}）")


def policies(uow: UnitOfWork) -> list[TimeLimitPolicy]:
    """The whole policy table: every request type at every urgency, in the enums' order."""
    with uow:
        return [uow.reference.policy(rt, u) for rt in RequestType for u in Urgency]


def desk_rules(uow: UnitOfWork) -> DeskRules:
    with uow:
        return uow.reference.rules()


def set_policy(uow: UnitOfWork, actor: Actor, policy: TimeLimitPolicy, *,
               clock: Clock | None = None) -> None:
    _admin(actor)
    check_policy(policy)
    with uow:
        before = uow.reference.policy(policy.request_type, policy.urgency)
        uow.reference.save_policy(policy)
        _audit(uow, actor, clock, "policy.set",
               f"policy:{policy.request_type.value}/{policy.urgency.value}",
               limits=_policy_limits(policy), before=_policy_limits(before))
        uow.commit()


def _policy_limits(policy: TimeLimitPolicy) -> dict[str, list[Any]]:
    return {name: [limit.unit.value, limit.amount] for name, limit in (
        ("sign", policy.sign), ("reply", policy.reply), ("return_window", policy.return_window),
        ("callback", policy.callback))}


def set_rules(uow: UnitOfWork, actor: Actor, rules: DeskRules, *,
              clock: Clock | None = None) -> None:
    """Change the adjustable rules (extension cap, callback attempts, end of the working day)."""
    _admin(actor)
    if not 1 <= rules.extension_cap_days <= 60:
        raise invalid("extension cap", "延期上限", "must be from 1 to 60 working days",
                      "须为1至60个工作日")
    if not 1 <= rules.callback_max_attempts <= 10:
        raise invalid("callback attempts", "回访次数", "must be from 1 to 10", "须为1至10次")
    with uow:
        uow.reference.save_rules(rules)
        _audit(uow, actor, clock, "rules.set", "rules",
               extension_cap_days=rules.extension_cap_days,
               callback_max_attempts=rules.callback_max_attempts, end_of_day=rules.end_of_day)
        uow.commit()


def import_calendar(
    uow: UnitOfWork, actor: Actor, clock: Clock, data: CalendarImport, source: str
) -> int:
    """Store holidays and make-up working days; the file's years count as entered in full."""
    _admin(actor)
    with uow:
        days = [CalendarOverride(d.date, d.working, d.note[:NOTE_LENGTH]) for d in data.days]
        count = uow.reference.save_calendar_days(days, sorted(data.years), clock.now(),
                                                 source=source)
        _audit(uow, actor, clock, "calendar.import",
               "calendar:" + ",".join(str(y) for y in sorted(data.years)), source=source,
               days=count, holidays=sum(1 for d in days if not d.working))
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


#: The longest note a calendar day keeps (the column's width).
NOTE_LENGTH = 100
FIRST_YEAR, LAST_YEAR = 1950, 2200


class DayKind(StrEnum):
    """How the year view colours a day."""

    WORKDAY = "workday"  # 工作日
    WEEKEND = "weekend"  # 周末
    HOLIDAY = "holiday"  # 法定节假日 (or a day the administrator made a holiday)
    MAKEUP = "makeup"  # 调休上班: a working Saturday or Sunday


class DayOrigin(StrEnum):
    """Where the answer for a day comes from (``WorkCalendar.day_source``, with the
    administrator's table split into days imported from a file and days set by hand)."""

    PACKAGE = "package"  # chinese-calendar
    IMPORT = "import"  # an imported or entered year
    OVERRIDE = "override"  # set by hand in the year view
    FALLBACK = "fallback"  # no data: Monday-Friday


@dataclass(frozen=True)
class CalendarDayView:
    """One date of the year view. ``occasion_zh/en`` name the holiday (or the holiday a
    make-up day belongs to) when known; ``note`` is the administrator's note; ``base_working``
    is what the day would be without the administrator's table."""

    day: date
    working: bool
    kind: DayKind
    origin: DayOrigin
    occasion_zh: str = ""
    occasion_en: str = ""
    note: str = ""
    base_working: bool = True
    updated_at: datetime | None = None

    @property
    def overridden(self) -> bool:
        return self.origin is DayOrigin.OVERRIDE


@dataclass(frozen=True)
class CalendarYearView:
    """A whole year for the administrator's calendar: every date and where the data comes
    from. ``has_data`` is False when the year falls back to Monday-Friday (warn)."""

    year: int
    days: tuple[CalendarDayView, ...]
    has_data: bool
    in_package: bool
    package_first: int
    package_last: int
    imported: CalendarYearRecord | None

    def day(self, d: date) -> CalendarDayView:
        return self.days[d.toordinal() - date(self.year, 1, 1).toordinal()]

    @property
    def overrides(self) -> int:
        return sum(1 for d in self.days if d.overridden)

    @property
    def holidays(self) -> int:
        return sum(1 for d in self.days if d.kind is DayKind.HOLIDAY)

    @property
    def makeup_days(self) -> int:
        return sum(1 for d in self.days if d.kind is DayKind.MAKEUP)


_HOLIDAY_ZH = {h.value: h.chinese for h in _cc_constants.Holiday}


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise invalid("year", "年份", f"must be from {FIRST_YEAR} to {LAST_YEAR}",
                      f"须为{FIRST_YEAR}至{LAST_YEAR}年")


def calendar_year(uow: UnitOfWork, year: int) -> CalendarYearView:
    """Every date of ``year`` as the deadline arithmetic sees it, and where that comes from."""
    _check_year(year)
    with uow:
        cal = uow.reference.calendar()
        stored = {d.day: d for d in uow.reference.calendar_days(year)}
        record = next((y for y in uow.reference.calendar_years() if y.year == year), None)
    base = WorkCalendar({}, cal.admin_years, end_of_day=cal.end_of_day, tz=cal.tz)
    first = date(year, 1, 1)
    days = tuple(_day_view(first + timedelta(days=n), cal, base, stored, record)
                 for n in range((date(year + 1, 1, 1) - first).days))
    return CalendarYearView(year, days, cal.year_has_data(year), year in cal.package_years,
                            cal.package_years[0], cal.package_years[-1], record)


def _day_view(
    d: date, cal: WorkCalendar, base: WorkCalendar, stored: dict[date, StoredCalendarDay],
    record: CalendarYearRecord | None,
) -> CalendarDayView:
    working = cal.is_working_day(d)
    weekend = d.weekday() >= 5
    occasion_en = ""
    if d.year in cal.package_years:
        occasion_en = chinese_calendar.get_holiday_detail(d)[1] or ""
    row = stored.get(d)
    if row is not None:
        from_file = (record is not None and bool(record.source)
                     and row.updated_at == record.imported_at)
        origin = DayOrigin.IMPORT if from_file else DayOrigin.OVERRIDE
        named = not working
    else:
        origin = {DaySource.PACKAGE: DayOrigin.PACKAGE,
                  DaySource.ADMIN_YEAR: DayOrigin.IMPORT}.get(cal.day_source(d),
                                                              DayOrigin.FALLBACK)
        named = not working and bool(occasion_en)
    if working:
        kind = DayKind.MAKEUP if weekend else DayKind.WORKDAY
    else:
        kind = DayKind.HOLIDAY if named or not weekend else DayKind.WEEKEND
    return CalendarDayView(
        d, working, kind, origin, _HOLIDAY_ZH.get(occasion_en, occasion_en), occasion_en,
        row.note if row else "", base.is_working_day(d), row.updated_at if row else None)


def set_calendar_day(
    uow: UnitOfWork, actor: Actor, clock: Clock, day: date, working: bool, note: str = ""
) -> None:
    """Mark one date working or not working in the administrator's table (wins over the
    package and any imported year); deadlines computed afterwards follow it."""
    _admin(actor)
    _check_year(day.year)
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise invalid("note", "备注", f"must have at most {NOTE_LENGTH} characters",
                      f"不能超过{NOTE_LENGTH}个字符")
    with uow:
        uow.reference.save_calendar_days([CalendarOverride(day, working, note)], [],
                                         clock.now())
        _audit(uow, actor, clock, "calendar.set_day", f"calendar:{day.isoformat()}",
               working=working, note=note)
        uow.commit()


def mark_calendar_year_entered(uow: UnitOfWork, actor: Actor, clock: Clock, year: int) -> None:
    """Declare ``year``'s holidays and make-up days entered in full by hand: its other days
    are Monday-Friday without the no-data warning (as after an import)."""
    _admin(actor)
    _check_year(year)
    with uow:
        uow.reference.save_calendar_days([], [year], clock.now(), source="")
        _audit(uow, actor, clock, "calendar.year_entered", f"calendar:{year}")
        uow.commit()


def clear_calendar_day(uow: UnitOfWork, actor: Actor, day: date, *,
                       clock: Clock | None = None) -> bool:
    """Remove a date from the administrator's table (the package or the weekday rule decides
    again); False if it was not in the table."""
    _admin(actor)
    with uow:
        removed = uow.reference.delete_calendar_day(day)
        if removed:
            _audit(uow, actor, clock, "calendar.clear_day", f"calendar:{day.isoformat()}")
        uow.commit()
        return removed


def read_calendar_file(path: Path) -> CalendarImport:
    """Parse a holiday file for :func:`import_calendar`; every problem of a bad file comes
    back as one refusal listing them (line numbers included), nothing half-read."""
    try:
        return parse_calendar_file(path)
    except CalendarImportError as exc:
        problems = exc.problems or (str(exc),)
        listed = "\n".join(f"• {p}" for p in problems[:MAX_LISTED_PROBLEMS])
        hidden = len(problems) - MAX_LISTED_PROBLEMS
        raise rule(
            f"{Path(path).name} was not imported: {len(problems)} problem(s). Nothing was "
            f"changed.\n{listed}" + (f"\n… and {hidden} more" if hidden > 0 else ""),
            f"未导入 {Path(path).name}：文件有 {len(problems)} 处错误，日历未作任何修改。\n"
            f"{listed}" + (f"\n…另有 {hidden} 处错误" if hidden > 0 else ""),
        ) from None


def display_name(uow: UnitOfWork, user_id: int) -> str:
    """The name the desk shows for a user ("" if unknown)."""
    with uow:
        user = uow.users.get(user_id)
        return user.display_name if user else ""
