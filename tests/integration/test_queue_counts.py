"""Navigation counts and the department queue (issue 8): every count equals a plain SQL recount
through an order's life, for centre and department users, on both backends; 全部工单 comes
from counters the database keeps in the writing transaction (``db/order_counters.py``), which
survive deletes, a downgrade and upgrade, and a bulk load."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, bindparam, inspect, text

from bench import baselines
from core import queries, services
from core.model import Actor, CallbackOutcome, Role, Urgency
from core.queries import ListQuery, Queue, SortKey
from db import order_counters, synth
from db.migrate import downgrade, upgrade
from db.models import UTCDateTime, WorkOrder
from db.order_queries import queries_factory
from db.setup import Database
from tests.support.centre import Centre

OPEN = "state IN ('awaiting_sign', 'in_progress')"
LATE = "(warning_level <> 'none' OR reply_due <= :now)"


def _staff_of(c: Centre, name: str, departments: list[int]) -> Actor:
    """A department user of several departments (no password: never logs in here)."""
    with c.db.uow() as uow:
        uid = uow.users.add(name, name, "-", [Role.DEPARTMENT_STAFF], departments, c.clock.now())
        uow.commit()
    with c.db.uow() as uow:
        user = uow.users.get(uid)
        assert user is not None
        return user.actor()


def _recount(db: Database, actor: Actor, now: object) -> dict[Queue, int]:
    """The counts by plain SQL, written apart from ``db/order_queries.py``."""
    depts = None if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR) \
        else sorted(actor.department_ids)
    mine = "" if depts is None else " AND department_id IN :d"
    assigned = f"SELECT COUNT(DISTINCT order_id) FROM assignment WHERE 1 = 1{mine}"
    pending = ("SELECT order_id FROM {t} WHERE status = 'pending'" + (
        "" if depts is None else " AND assignment_id IN (SELECT id FROM assignment "
        "WHERE department_id IN :d)"))
    scoped = "" if depts is None else \
        " AND id IN (SELECT order_id FROM assignment WHERE department_id IN :d)"
    sql = {
        Queue.MY_WORK: (f"{assigned} AND {OPEN}" if depts is not None else
                        "SELECT COUNT(*) FROM work_order WHERE state IN "
                        "('registered', 'to_dispatch', 'replied')"),
        Queue.TO_SIGN: f"{assigned} AND state = 'awaiting_sign'",
        Queue.IN_PROGRESS: f"{assigned} AND state = 'in_progress'",
        Queue.TO_DECIDE: (f"SELECT COUNT(*) FROM ({pending.format(t='return_request')} UNION "
                          f"{pending.format(t='extension_request')}) p"),
        Queue.CALLBACKS: f"SELECT COUNT(*) FROM work_order WHERE state = 'awaiting_callback'"
                         f"{scoped}",
        Queue.WARNINGS: f"{assigned} AND {OPEN} AND {LATE}",
        Queue.ALL: assigned if depts is not None else "SELECT COUNT(*) FROM work_order",
    }
    out = {}
    with db.engine.connect() as conn:
        for queue in queries.queues_for(actor):
            stmt = text(sql[queue])
            params: dict[str, object] = {}
            if ":now" in sql[queue]:
                stmt = stmt.bindparams(bindparam("now", type_=UTCDateTime()))
                params["now"] = now
            if depts is not None and ":d" in sql[queue]:
                stmt = stmt.bindparams(bindparam("d", expanding=True))
                params["d"] = depts
            out[queue] = int(conn.execute(stmt, params).scalar_one())
    return out


def _stored_counters(db: Database) -> dict[int, int]:
    with db.engine.connect() as conn:
        return {int(d): int(n) for d, n in conn.execute(text(
            "SELECT department_id, SUM(orders) FROM order_count GROUP BY department_id "
            "HAVING SUM(orders) <> 0"))}


def _counted_from_scratch(db: Database) -> dict[int, int]:
    with db.engine.connect() as conn:
        out = {int(d): int(n) for d, n in conn.execute(text(
            "SELECT department_id, COUNT(DISTINCT order_id) FROM assignment "
            "GROUP BY department_id"))}
        total = int(conn.execute(text("SELECT COUNT(*) FROM work_order")).scalar_one())
    if total:
        out[order_counters.CENTRE] = total
    return out


def _check(c: Centre, *actors: Actor) -> None:
    now = c.clock.now()
    assert _stored_counters(c.db) == _counted_from_scratch(c.db)
    for actor in (c.supervisor, c.operator, c.admin, c.housing_staff, c.urban_staff,
                  c.water_staff, *actors):
        counts = queries.queue_counts(queries_factory(c.db), actor, now)
        assert counts == _recount(c.db, actor, now), actor.username
        for queue, n in counts.items():  # each count is its list's length
            assert len(queries.list_ids(queries_factory(c.db), actor, now,
                                        ListQuery(queue=queue))) == n, (actor.username, queue)


def _returned(c: Centre, order_id: int, assignment_id: int) -> None:
    asked = services.request_return(c.db.uow(), c.housing_staff, c.clock, assignment_id,
                                     "不属于本单位职责")
    services.decide_return(c.db.uow(), c.supervisor, c.clock, asked.pending_returns[0], True)


def test_counts_equal_a_recount_through_the_lifecycle(centre: Centre) -> None:
    c = centre
    both = _staff_of(c, "both", [c.housing, c.urban])
    _check(c, both)
    registered = c.register()
    _check(c, both)
    moved = c.dispatched()  # to housing, then returned and dispatched to urban
    _check(c, both)
    _returned(c, moved.id, moved.assignments[0].id)
    _check(c, both)
    services.dispatch(c.db.uow(), c.operator, c.clock, moved.id, c.urban)
    _check(c, both)
    twice = c.dispatched(urgency=Urgency.URGENT)  # housing, returned, housing again
    _returned(c, twice.id, twice.assignments[0].id)
    again = services.dispatch(c.db.uow(), c.operator, c.clock, twice.id, c.housing, [c.urban])
    _check(c, both)
    lead = again.lead()
    assert lead is not None
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, lead.id)
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, lead.id, 2, "需要协调")
    _check(c, both)
    helper = next(a for a in again.assignments if not a.lead and a.state.value == "awaiting_sign")
    services.sign_for(c.db.uow(), c.urban_staff, c.clock, helper.id)
    services.reply(c.db.uow(), c.urban_staff, c.clock, helper.id, "已配合处理。")
    services.reply(c.db.uow(), c.housing_staff, c.clock, lead.id, "已修复电梯。")
    _check(c, both)
    services.accept_reply(c.db.uow(), c.operator, c.clock, twice.id)
    _check(c, both)
    services.record_callback(c.db.uow(), c.operator, c.clock, twice.id,
                             CallbackOutcome.SATISFIED)
    services.close_directly(c.db.uow(), c.operator, c.clock, registered.id, "已当场答复。")
    _check(c, both)
    c.clock.advance(days=40)  # everything still open is overdue
    _check(c, both)
    assert queries.queue_counts(queries_factory(c.db), c.urban_staff, c.clock.now()) == {
        Queue.MY_WORK: 1, Queue.TO_SIGN: 1, Queue.IN_PROGRESS: 0, Queue.WARNINGS: 1,
        Queue.ALL: 2}


def test_counters_follow_deleted_orders(centre: Centre) -> None:
    """The benchmark's undo deletes orders and assignments with plain SQL; triggers count."""
    c = centre
    kept = c.dispatched()
    before = _stored_counters(c.db)
    mark = baselines.mark(c.db.engine, c.clock.now().date())
    o = c.dispatched()
    services.dispatch(c.db.uow(), c.operator, c.clock, c.register().id, c.urban, [c.housing])
    assert _stored_counters(c.db)[c.housing] == 3
    _returned(c, o.id, o.assignments[0].id)
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    baselines.undo(c.db.engine, mark)
    assert _stored_counters(c.db) == before == {order_counters.CENTRE: 1, c.housing: 1}
    assert queries.list_ids(queries_factory(c.db), c.housing_staff, c.clock.now(),
                            ListQuery()) == [kept.id]
    _check(c)


def test_statements_of_several_rows_count_each_pair_once(centre: Centre) -> None:
    """One statement inserting, moving or deleting two assignments of the same order and
    department (PostgreSQL fires AFTER row triggers only at the statement's end)."""
    c = centre
    o = c.dispatched()
    cols = ("order_id, {d}, lead, hop, state, dispatched_at, sign_due, reply_due, "
            "return_until, extension_days, warning_level, version")
    copy = f"SELECT {cols.format(d=':w')} FROM assignment WHERE order_id = :o"
    steps = (
        f"INSERT INTO assignment ({cols.format(d='department_id')}) {copy} UNION ALL {copy}",
        "UPDATE assignment SET department_id = :u WHERE department_id = :w",
        "UPDATE assignment SET department_id = :w WHERE department_id = :u AND id = "
        "(SELECT MAX(id) FROM assignment)",
        "DELETE FROM assignment WHERE department_id IN (:u, :w)",
    )
    for sql in steps:
        with c.db.engine.begin() as conn:
            conn.execute(text(sql), {"o": o.id, "w": c.water, "u": c.urban})
        assert _stored_counters(c.db) == _counted_from_scratch(c.db), sql
    assert _stored_counters(c.db) == {order_counters.CENTRE: 1, c.housing: 1}


def test_department_queue_by_due_starts_from_the_earliest_open_assignment(
        centre: Centre) -> None:
    c = centre
    normal = c.dispatched()
    c.clock.advance(minutes=10)
    critical = c.dispatched(urgency=Urgency.CRITICAL)
    helped = c.register("占道经营", category=c.stalls, phone="13900003333")
    services.dispatch(c.db.uow(), c.operator, c.clock, helped.id, c.urban, [c.housing])
    elsewhere = c.register("占道经营又来了", category=c.stalls, phone="13900004444")
    services.dispatch(c.db.uow(), c.operator, c.clock, elsewhere.id, c.urban)
    now = c.clock.now()
    with c.db.engine.connect() as conn:
        expected = list(conn.execute(text(
            f"SELECT order_id FROM assignment WHERE department_id = :d AND {OPEN} "
            "GROUP BY order_id ORDER BY MIN(reply_due), order_id"), {"d": c.housing}).scalars())
    assert set(expected) == {normal.id, critical.id, helped.id}
    query = ListQuery(queue=Queue.MY_WORK, sort=SortKey.DUE, descending=False)
    ids = queries.list_ids(queries_factory(c.db), c.housing_staff, now, query)
    assert ids == expected and ids[0] == critical.id
    desc = ListQuery(queue=Queue.MY_WORK, sort=SortKey.DUE, descending=True)
    assert queries.list_ids(queries_factory(c.db), c.housing_staff, now, desc) == ids[::-1]
    registered = c.register("电梯又坏了")  # no assignment: its due is empty, listed last
    everything = queries.list_ids(queries_factory(c.db), c.supervisor, now,
                                  ListQuery(sort=SortKey.DUE, descending=True))
    assert everything[-1] == registered.id and len(everything) == 5


def test_counters_are_refilled_after_a_downgrade_and_upgrade(centre: Centre) -> None:
    c = centre
    c.dispatched()
    downgrade(c.db.engine, "0007")
    with c.db.engine.connect() as conn:
        assert "order_count" not in _tables(conn)
        assert not _trigger_names(conn) & _counter_triggers(conn)
    o = c.dispatched()  # written while nothing counts
    services.dispatch(c.db.uow(), c.operator, c.clock, c.register().id, c.urban, [c.water])
    _returned(c, o.id, o.assignments[0].id)
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.water)
    upgrade(c.db.engine)
    assert _stored_counters(c.db) == _counted_from_scratch(c.db) == {
        order_counters.CENTRE: 3, c.housing: 2, c.urban: 1, c.water: 2}
    c.dispatched()
    _check(c)


def test_the_newest_schema_has_the_triggers_of_the_module(db: Database) -> None:
    """Migration 0008 holds a copy of ``db/order_counters.py``'s statements; the bulk loader
    installs the module's. Both must be the same triggers."""
    with db.engine.begin() as conn:
        migrated = _definitions(conn)
        order_counters.drop_triggers(conn)
        assert not _trigger_names(conn) & _counter_triggers(conn)
        order_counters.create_triggers(conn)
        assert _definitions(conn) == migrated
    expected = ({*order_counters.PG_TRIGGERS, *order_counters.PG_FUNCTIONS}
                if db.backend == "postgresql" else set(order_counters.SQLITE_TRIGGERS))
    assert set(migrated) == expected


def test_a_bulk_load_counts_once_at_the_end(db: Database) -> None:
    synth.synthesize(db, 300, seed=5, workers=1)
    counted = _counted_from_scratch(db)
    assert _stored_counters(db) == counted and counted[order_counters.CENTRE] == 300
    with db.engine.connect() as conn:
        assert _counter_triggers(conn) <= _trigger_names(conn)
        d = int(conn.execute(text("SELECT MIN(department_id) FROM assignment")).scalar_one())
    with db.uow() as uow:
        uid = uow.users.add("bulk", "bulk", "-", [Role.DEPARTMENT_STAFF], [d], synth.END)
        uow.commit()
        user = uow.users.get(uid)
        assert user is not None
        staff = user.actor()
    counts = queries.queue_counts(queries_factory(db), staff, synth.END)
    assert counts[Queue.ALL] == counted[d]
    assert counts == _recount(db, staff, synth.END)
    with db.uow() as uow:
        sup = uow.users.by_username("sup01")
        assert sup is not None
        supervisor = sup.actor()
    assert queries.queue_counts(queries_factory(db), supervisor, synth.END) == _recount(
        db, supervisor, synth.END)


def _counter_triggers(conn: Connection) -> set[str]:
    if conn.dialect.name == "postgresql":
        return set(order_counters.PG_TRIGGERS)
    return set(order_counters.SQLITE_TRIGGERS)


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def _trigger_names(conn: Connection) -> set[str]:
    if conn.dialect.name == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return {str(n) for n in conn.execute(text(sql)).scalars()}


def _definitions(conn: Connection) -> dict[str, str]:
    """The counters' triggers (and functions) as the database holds them, spaces folded."""
    names = sorted(_counter_triggers(conn))
    if conn.dialect.name == "postgresql":
        rows = list(conn.execute(text(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname IN :n")
            .bindparams(bindparam("n", expanding=True)), {"n": names}))
        rows += list(conn.execute(text(
            "SELECT proname, prosrc FROM pg_proc WHERE proname IN :n")
            .bindparams(bindparam("n", expanding=True)), {"n": list(order_counters.PG_FUNCTIONS)}))
    else:
        rows = list(conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN :n")
            .bindparams(bindparam("n", expanding=True)), {"n": names}))
    return {str(n): " ".join(str(d).split()) for n, d in rows}


def test_overdue_warnings_count_for_every_department_of_the_order(centre: Centre) -> None:
    c = centre
    o = c.register()
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing, [c.urban, c.water])
    later = c.clock.now() + timedelta(days=60)
    for staff in (c.housing_staff, c.urban_staff, c.water_staff):
        counts = queries.queue_counts(queries_factory(c.db), staff, later)
        assert counts[Queue.WARNINGS] == 1 and counts[Queue.ALL] == 1


def test_concurrent_registrations_on_postgresql_do_not_wait_for_each_others_count(
        centre: Centre) -> None:
    """Two writers on different slots: the second commits while the first still holds its
    count row (a lock wait would hit the lock timeout), and both are counted."""
    c = centre
    if c.db.backend != "postgresql":
        return
    original = c.register()
    cols = [col.name for col in WorkOrder.__table__.columns if col.name not in ("id",)]
    copied = ", ".join("ticket_no || :suffix" if n == "ticket_no" else n for n in cols)
    insert = text(f"INSERT INTO work_order ({', '.join(cols)}) SELECT {copied} "
                  "FROM work_order WHERE id = :o")
    connections: list[Connection] = []
    slots: dict[int, Connection] = {}
    try:
        while len(slots) < 2:  # two connections whose backends add to different slots
            conn = c.db.engine.connect()
            connections.append(conn)
            pid = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
            slots.setdefault(pid % 16, conn)
        first, second = slots.values()
        first.execute(insert, {"suffix": "-a", "o": original.id})  # holds its slot's row
        second.execute(text("SET LOCAL lock_timeout = '5s'"))
        second.execute(insert, {"suffix": "-b", "o": original.id})
        second.commit()
        first.commit()
    finally:
        for conn in connections:
            conn.close()
    assert _stored_counters(c.db) == _counted_from_scratch(c.db) == {order_counters.CENTRE: 3}
