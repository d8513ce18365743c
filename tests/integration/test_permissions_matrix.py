"""The whole permission matrix: every role × every use case that takes an actor, on SQLite.

Each case prepares its own order(s) in the desired state (as the centre's own users), then
calls the use case as one role. A role in the case's ``allowed`` set must succeed; any other
must be refused with PermissionDenied, WrongDepartment or NotFound and leave every table as it
was (or, for the read-side helpers that answer strangers with nothing, get nothing). The
completeness test fails when a module gains a public function that is neither in the matrix
nor listed as taking no actor, so a new use case cannot skip the matrix.

``docs/permissions.md`` prints the same matrix for people.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
from typing import Any

import pytest

from core import admin, order_view, privacy, queries, services, stats
from core.calendar import SHANGHAI
from core.calendar_import import CalendarImport
from core.clock import FakeClock
from core.errors import DeskError, NotFound, PermissionDenied, WrongDepartment
from core.model import Actor, CallbackOutcome, NoticeKind, RequestType, Role, Urgency
from core.notifications import notifications_for
from core.policy import DeskRules, default_policy
from core.queries import ListFilter, ListQuery, Queue
from core.stats_model import Period
from db.notification_queries import notifications_factory
from db.order_queries import queries_factory
from db.setup import open_database
from db.stats_queries import stats_reader
from tests.support.assertions import snapshot
from tests.support.centre import Centre, build_centre

ROLES = ("admin", "operator", "supervisor", "housing_staff", "urban_staff")
CENTRE = frozenset({"operator", "supervisor"})
STAFF = frozenset({"housing_staff"})  # the orders are dispatched to housing
SUPERVISOR = frozenset({"supervisor"})
ADMIN = frozenset({"admin"})
EVERYONE_BUT_OTHER_DEPT = frozenset(ROLES) - {"urban_staff"}
REFUSALS = (PermissionDenied, WrongDepartment, NotFound)
_seq = itertools.count(1)


@pytest.fixture(scope="module")
def c(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'desk.db'}")
    try:
        yield build_centre(db, FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)))
    finally:
        db.dispose()


# --- preparing orders in each state (as the centre's own users) ---------------------------


def registered(c: Centre) -> int:
    return c.register(f"电梯困人，第{next(_seq)}次反映。", caller_name="张三").id


def dispatched(c: Centre) -> tuple[int, int]:
    o = services.dispatch(c.db.uow(), c.operator, c.clock, registered(c), c.housing)
    return o.id, o.assignments[0].id


def signed(c: Centre) -> tuple[int, int]:
    oid, aid = dispatched(c)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    return oid, aid


def replied(c: Centre) -> int:
    oid, aid = signed(c)
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "已修复。")
    return oid


def awaiting_callback(c: Centre) -> int:
    oid = replied(c)
    services.accept_reply(c.db.uow(), c.operator, c.clock, oid)
    return oid


def unsatisfied(c: Centre) -> int:
    oid = awaiting_callback(c)
    services.record_callback(c.db.uow(), c.operator, c.clock, oid, CallbackOutcome.UNSATISFIED)
    return oid


def return_requested(c: Centre) -> int:
    _, aid = dispatched(c)
    o = services.request_return(c.db.uow(), c.housing_staff, c.clock, aid, "不属于本单位职责。")
    return o.pending_returns[0]


def extension_requested(c: Centre) -> int:
    _, aid = signed(c)
    o = services.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 2, "需要采购配件。")
    return o.pending_extensions[0]


def registration(c: Centre) -> services.Registration:
    return services.Registration(channel_id=c.hotline, content="路灯不亮。",
                                 caller_phone="13800001111", category_id=c.lift)


# --- the matrix -----------------------------------------------------------------------------

Prepare = Callable[[Centre], Any]
Run = Callable[[Centre, Actor, Any], Any]


@dataclass(frozen=True)
class Case:
    module: ModuleType
    name: str
    allowed: frozenset[str]
    prepare: Prepare
    run: Run
    empty_when_refused: bool = False  # answers strangers with nothing instead of an error


def svc(name: str, allowed: frozenset[str], prepare: Prepare,
        *args: Callable[[Any], Any]) -> Case:
    """A work-order service ``(uow, actor, clock, *args)``; each arg is a function of what
    ``prepare`` returned."""
    def run(c: Centre, actor: Actor, p: Any) -> Any:
        return getattr(services, name)(c.db.uow(), actor, c.clock, *(a(p) for a in args))
    return Case(services, name, allowed, prepare, run)


def same(p: Any) -> Any:
    return p


def first(p: Any) -> Any:
    return p[0]


def second(p: Any) -> Any:
    return p[1]


def const(value: Any) -> Callable[[Any], Any]:
    return lambda _p: value


def code() -> str:
    return f"T{next(_seq)}"


def new_department(c: Centre) -> int:
    return admin.add_department(c.db.uow(), c.admin, code(), f"测试单位{next(_seq)}")


def new_leaf(c: Centre) -> int:
    return admin.add_category(c.db.uow(), c.admin, code(), f"测试事项{next(_seq)}", "0101",
                              "ZJJ")


def new_user(c: Centre) -> int:
    return admin.add_user(c.db.uow(), c.admin, c.clock, f"u{next(_seq)}", "测试", "password-8890",
                          [Role.OPERATOR])


def adm(name: str, prepare: Prepare, run: Run) -> Case:
    return Case(admin, name, ADMIN, prepare, run)


def nothing(c: Centre) -> None:
    return None


CASES: list[Case] = [
    svc("register", CENTRE, registration, same),
    svc("close_directly", CENTRE, registered, same, const("已当场解答。")),
    svc("dispatch", CENTRE, lambda c: (registered(c), c.housing), first, second),
    svc("link_duplicate", CENTRE, lambda c: (registered(c), registered(c)), first, second),
    Case(services, "revise", CENTRE, registered, lambda c, a, p: services.revise(
        c.db.uow(), a, c.clock, p, urgency=Urgency.URGENT)),
    svc("sign_for", STAFF, dispatched, second),
    svc("reply", STAFF, signed, second, const("已修复。")),
    svc("request_return", STAFF, dispatched, second, const("不属于本单位职责。")),
    svc("request_extension", STAFF, signed, second, const(2), const("需要采购配件。")),
    svc("decide_return", SUPERVISOR, return_requested, same, const(True)),
    svc("decide_extension", SUPERVISOR, extension_requested, same, const(True)),
    svc("issue_notice", SUPERVISOR, dispatched, second, const(NoticeKind.REMINDER),
        const("请尽快签收。")),
    svc("accept_reply", CENTRE, replied, same),
    svc("reject_reply", CENTRE, replied, same, const("答复不完整。")),
    svc("record_callback", CENTRE, awaiting_callback, same, const(CallbackOutcome.SATISFIED)),
    svc("reopen", SUPERVISOR, unsatisfied, same, const("市民仍不满意。")),
    svc("close", SUPERVISOR, unsatisfied, same, const("已解释政策。")),
    Case(services, "get_order", EVERYONE_BUT_OTHER_DEPT, dispatched,
         lambda c, a, p: services.get_order(c.db.uow(), a, p[0])),
    # --- reading ------------------------------------------------------------------------
    Case(order_view, "order_detail", EVERYONE_BUT_OTHER_DEPT, dispatched,
         lambda c, a, p: order_view.order_detail(c.db.uow(), a, p[0])),
    Case(order_view, "extension_outlook", EVERYONE_BUT_OTHER_DEPT, signed,
         lambda c, a, p: order_view.extension_outlook(c.db.uow(), a, p[1])),
    Case(queries, "list_ids", EVERYONE_BUT_OTHER_DEPT, dispatched,
         lambda c, a, p: _only(p[0], queries.list_ids(
             queries_factory(c.db), a, c.clock.now(),
             ListQuery(Queue.ALL, ListFilter(text=_ticket(c, p[0])))))),
    Case(queries, "list_page", EVERYONE_BUT_OTHER_DEPT, dispatched,
         lambda c, a, p: _only(p[0], [r.id for r in queries.list_page(
             queries_factory(c.db), a, c.clock.now(),
             ListQuery(Queue.ALL, ListFilter(text=_ticket(c, p[0]))), 50)[1]])),
    Case(queries, "rows_for", EVERYONE_BUT_OTHER_DEPT, dispatched,
         lambda c, a, p: _only(p[0], [r.id for r in queries.rows_for(
             queries_factory(c.db), [p[0]], c.clock.now(), a)])),
    Case(queries, "queue_counts", frozenset(ROLES), nothing,
         lambda c, a, p: queries.queue_counts(queries_factory(c.db), a, c.clock.now())),
    Case(queries, "caller_history", CENTRE, dispatched,
         lambda c, a, p: queries.caller_history(queries_factory(c.db), a, c.clock.now(),
                                                "13800001111").orders,
         empty_when_refused=True),
    Case(queries, "similar_open_orders", CENTRE, dispatched,
         lambda c, a, p: queries.similar_open_orders(
             queries_factory(c.db), a, c.clock.now(), category_id=c.lift, address="",
             phone="13800001111", content="电梯困人"), empty_when_refused=True),
    Case(stats, "weekly_report", frozenset({"supervisor", "admin"}), nothing,
         lambda c, a, p: stats.weekly_report(lambda: stats_reader(c.db), a, c.clock,
                                             Period.parse("2026-W45"))),
    Case(privacy, "reveal_caller", CENTRE, dispatched,
         lambda c, a, p: privacy.reveal_caller(c.db.uow(), a, c.clock, p[0])),
    Case(privacy, "record_export", SUPERVISOR, nothing,
         lambda c, a, p: privacy.record_export(c.db.uow(), a, c.clock, "weekly_report")),
    # --- administration -------------------------------------------------------------------
    adm("users", nothing, lambda c, a, p: admin.users(c.db.uow(), a)),
    adm("add_user", nothing, lambda c, a, p: admin.add_user(
        c.db.uow(), a, c.clock, f"n{next(_seq)}", "新用户", "password-8890", [Role.OPERATOR])),
    adm("update_user", new_user, lambda c, a, p: admin.update_user(
        c.db.uow(), a, p, "改名", [Role.SUPERVISOR])),
    adm("set_user_active", new_user, lambda c, a, p: admin.set_user_active(
        c.db.uow(), a, p, False)),
    adm("reset_password", new_user, lambda c, a, p: admin.reset_password(
        c.db.uow(), a, p, "another-8890")),
    adm("add_department", nothing, lambda c, a, p: admin.add_department(
        c.db.uow(), a, code(), f"单位{next(_seq)}")),
    adm("rename_department", new_department, lambda c, a, p: admin.rename_department(
        c.db.uow(), a, p, f"新名{next(_seq)}")),
    adm("set_department_active", new_department, lambda c, a, p: admin.set_department_active(
        c.db.uow(), a, p, False)),
    adm("add_category", nothing, lambda c, a, p: admin.add_category(
        c.db.uow(), a, code(), f"事项{next(_seq)}", "0101", "ZJJ")),
    adm("rename_category", new_leaf, lambda c, a, p: admin.rename_category(
        c.db.uow(), a, p, f"新事项{next(_seq)}")),
    adm("set_category_department", new_leaf, lambda c, a, p: admin.set_category_department(
        c.db.uow(), a, p, c.urban)),
    adm("set_category_active", new_leaf, lambda c, a, p: admin.set_category_active(
        c.db.uow(), a, p, False)),
    adm("set_policy", nothing, lambda c, a, p: admin.set_policy(
        c.db.uow(), a, default_policy(RequestType.HELP, Urgency.NORMAL))),
    adm("set_rules", nothing, lambda c, a, p: admin.set_rules(c.db.uow(), a, DeskRules())),
    adm("set_calendar_day", nothing, lambda c, a, p: admin.set_calendar_day(
        c.db.uow(), a, c.clock, date(2027, 1, 1 + next(_seq) % 27), False, "测试")),
    adm("clear_calendar_day", nothing, lambda c, a, p: admin.clear_calendar_day(
        c.db.uow(), a, date(2027, 2, 1))),
    adm("mark_calendar_year_entered", nothing, lambda c, a, p:
        admin.mark_calendar_year_entered(c.db.uow(), a, c.clock, 2027)),
    adm("import_calendar", nothing, lambda c, a, p: admin.import_calendar(
        c.db.uow(), a, c.clock, CalendarImport(days=(), years=frozenset({2028})), "test")),
]


def _ticket(c: Centre, order_id: int) -> str:
    with c.db.uow(write=False) as uow:
        return uow.orders.get(order_id).ticket_no


def _only(order_id: int, ids: list[int]) -> list[int]:
    """The lists are under test for one order: an empty answer is a refusal (NotFound)."""
    if order_id not in ids:
        raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
    return ids


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_role_is_allowed_or_refused(c: Centre, case: Case, role: str) -> None:
    actor: Actor = getattr(c, role)
    prepared = case.prepare(c)
    if role in case.allowed:
        case.run(c, actor, prepared)  # no error at all
        return
    before = snapshot(c.db)
    if case.empty_when_refused:
        assert not case.run(c, actor, prepared)
    else:
        with pytest.raises(REFUSALS) as info:
            case.run(c, actor, prepared)
        err: DeskError = info.value
        assert err.message_zh.strip() and err.message_en.strip()
    assert snapshot(c.db) == before, "a refused call changed the database"


# Public functions that take no actor: reference data every signed-in user reads, pure helpers
# of records the caller already holds, sign-in itself, and the scheduler's plumbing.
NO_ACTOR = {
    services: {"count_orders", "find_by_ticket", "summarize", "build_order"},
    admin: {"authenticate", "calendar_year", "calendar_years_without_data", "categories",
            "check_policy", "confirm_password", "create_first_administrator", "departments",
            "desk_rules", "display_name", "hash_password", "login_limits",
            "password_matches", "policies", "read_calendar_file", "working_calendar"},
    queries: {"list_choices", "queues_for", "scope_for", "text_similarity"},
    order_view: {"available_actions", "sign_target", "dwell_times", "extended_reply_due"},
    stats: {"caller_label", "due_in_force", "has_figures", "is_overdue_open",
            "order_by_received", "rank_departments", "snapshot_instant"},
    privacy: {"masked", "may_reveal"},
}


@pytest.mark.parametrize("module", list(NO_ACTOR), ids=lambda m: m.__name__)
def test_the_matrix_covers_every_public_function(module: ModuleType) -> None:
    public = {name for name, f in inspect.getmembers(module, inspect.isfunction)
              if f.__module__ == module.__name__ and not name.startswith("_")}
    in_matrix = {case.name for case in CASES if case.module is module}
    unlisted = public - in_matrix - NO_ACTOR[module]
    assert not unlisted, f"add these to the permission matrix: {sorted(unlisted)}"
    assert not (in_matrix | NO_ACTOR[module]) - public, "the matrix names a function that is gone"


def test_reading_without_an_actor_gives_no_personal_data(c: Centre) -> None:
    """``rows_for`` without an actor (tools outside the desk) is de-identified."""
    oid, _ = dispatched(c)
    [row] = queries.rows_for(queries_factory(c.db), [oid], c.clock.now())
    assert (row.caller_name, row.caller_phone) == ("张*", "138****1111")


def test_department_staff_see_nothing_of_another_departments_orders(c: Centre) -> None:
    urban, q, now = c.urban_staff, queries_factory(c.db), c.clock.now()
    counts = queries.queue_counts(q, urban, now)
    oid, aid = signed(c)  # housing's, in progress
    pending = return_requested(c)  # housing's, waiting for a decision
    ticket = _ticket(c, oid)
    own = services.dispatch(c.db.uow(), c.operator, c.clock, registered(c), c.urban).id

    def listed(queue: Queue = Queue.ALL, f: ListFilter | None = None) -> list[int]:
        return queries.list_ids(q, urban, now, ListQuery(queue, f or ListFilter()))

    assert own in listed()  # their own order is there ...
    for queue in Queue:  # ... and housing's in no list
        assert oid not in listed(queue)
    for text in (ticket, "电梯困人", "13800001111", "张三"):  # nor found by any search
        assert oid not in listed(f=ListFilter(text=text))
    assert listed(f=ListFilter(department_id=c.housing)) == []
    assert queries.rows_for(q, [oid, own], now, urban) == queries.rows_for(q, [own], now, urban)
    after = queries.queue_counts(q, urban, now)
    assert after[Queue.ALL] == counts[Queue.ALL] + 1  # their own order only
    assert after[Queue.MY_WORK] == counts[Queue.MY_WORK] + 1
    with pytest.raises(NotFound):
        order_view.order_detail(c.db.uow(), urban, oid)
    with pytest.raises(NotFound):
        order_view.extension_outlook(c.db.uow(), urban, aid)
    with pytest.raises(NotFound):
        services.get_order(c.db.uow(), urban, oid)
    with pytest.raises(WrongDepartment):
        services.reply(c.db.uow(), urban, c.clock, aid, "不是我们的单子。")
    with pytest.raises(PermissionDenied):
        services.decide_return(c.db.uow(), urban, c.clock, pending, True)
    with pytest.raises(PermissionDenied):  # no export of any department's orders
        stats.weekly_report(lambda: stats_reader(c.db), urban, c.clock, Period.parse("2026-W45"))
    feed = notifications_for(notifications_factory(c.db), urban, now)
    assert {n.order_id for n in feed.items} == {own}  # nor hear of them
