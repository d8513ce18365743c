"""Importing parsed messages as work orders, against the in-memory unit of work."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import intake
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.errors import NotFound, PermissionDenied, ValidationError
from core.intake_model import IncomingMessage, ParseResult, RejectedRow
from core.intake_ports import BatchStatus, IntakeKind
from core.model import SYSTEM, Actor, EventKind, OrderState, RequestType, Role
from core.replay import replay
from core.sheet_import import read_sheet
from tests.support.intake_fakes import FakeDesk, FakeIntakeUnitOfWork

OPERATOR = Actor(7, "wang", frozenset({Role.OPERATOR}))


def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))


def message(n: int, **kw: object) -> IncomingMessage:
    values: dict[str, object] = {
        "source": "open311:test", "external_id": f"R{n}", "row": n,
        "posted_at": datetime(2026, 11, 1, 8, n % 60, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 1, 9, 0, tzinfo=UTC), "title": f"Pothole {n}",
        "content": f"A pothole at number {n}", "status": "open", "service_code": "S1",
    }
    values.update(kw)
    return IncomingMessage(**values)  # type: ignore[arg-type]


def open311_spec(**kw: object) -> intake.IntakeSpec:
    return intake.IntakeSpec("open311:test", IntakeKind.OPEN311, "open311", **kw)  # type: ignore[arg-type]


def run(desk: FakeDesk, messages: list[IncomingMessage], rejected: tuple[RejectedRow, ...] = (),
        spec: intake.IntakeSpec | None = None, **kw: object) -> intake.ImportReport:
    return intake.import_parsed(desk.uow, SYSTEM, clock(), ParseResult(tuple(messages), rejected),
                                spec or open311_spec(), **kw)  # type: ignore[arg-type]


def test_new_messages_become_registered_orders_and_a_second_import_adds_nothing() -> None:
    desk = FakeDesk()
    report = run(desk, [message(1), message(2)])
    assert (report.accepted, report.known, report.updated, report.rejected) == (2, 0, 0, ())
    assert report.status is BatchStatus.DONE and report.total == 2
    orders = sorted(desk.store.orders.values(), key=lambda o: o.id or 0)
    first = orders[0]
    assert first.state is OrderState.REGISTERED and first.category_id is None
    assert first.external_ref == "open311:test:R1"
    assert first.channel_id == 3  # open311
    assert first.title == "Pothole 1" and first.content == "A pothole at number 1"
    assert first.request_type is RequestType.HELP
    assert first.registered_at == clock().now()
    payload = desk.store.events[first.id or 0][0].payload
    assert payload["posted_at"] == "2026-11-01T08:01:00+00:00"
    assert payload["external_id"] == "R1" and payload["batch_id"] == report.batch_id

    again = run(desk, [message(1), message(2)])
    assert (again.accepted, again.known) == (0, 2)
    assert len(desk.store.orders) == 2
    batch = desk.intake.batches[again.batch_id or 0]
    assert batch.counts.known == 2 and batch.status is BatchStatus.DONE


def test_a_newer_update_is_recorded_on_the_existing_order() -> None:
    desk = FakeDesk()
    run(desk, [message(1)])
    closed = message(1, status="closed", status_notes="Fixed.",
                     updated_at=datetime(2026, 11, 3, 10, 0, tzinfo=UTC))
    report = run(desk, [closed])
    assert (report.accepted, report.known, report.updated) == (0, 0, 1)
    order_id = report.order_ids[0]
    events = desk.store.events[order_id]
    assert [e.kind for e in events] == [EventKind.REGISTERED, EventKind.EXTERNAL_UPDATE]
    update = events[-1]
    assert update.payload["status"] == "closed" and update.payload["previous_status"] == "open"
    assert update.payload["status_notes"] == "Fixed."
    assert update.from_state == update.to_state == OrderState.REGISTERED
    assert replay(events).state is OrderState.REGISTERED
    # the same update again, or an older one, is only "known"
    assert run(desk, [closed]).known == 1
    assert run(desk, [message(1)]).known == 1
    assert len(desk.store.events[order_id]) == 2


def test_a_certain_mapping_dispatches_at_once_an_unrouted_leaf_only_sets_the_category() -> None:
    desk = FakeDesk()
    spec = open311_spec(service_map={"S1": "020101", "S2": "020102", "S3": "0201"})
    report = run(desk, [message(1), message(2, service_code="S2"), message(3, service_code="S3"),
                        message(4, status="closed")], spec=spec)
    assert (report.accepted, report.dispatched) == (4, 1)
    by_ref = {o.external_ref: o for o in desk.store.orders.values()}
    routed = by_ref["open311:test:R1"]
    assert routed.state is OrderState.AWAITING_SIGN and routed.category_id == 3
    assert [a.department_id for a in routed.assignments] == [1]
    assert by_ref["open311:test:R2"].state is OrderState.REGISTERED
    assert by_ref["open311:test:R2"].category_id == 4
    assert by_ref["open311:test:R3"].category_id is None  # a branch is not a category to use
    closed_at_source = by_ref["open311:test:R4"]
    assert closed_at_source.state is OrderState.REGISTERED and closed_at_source.category_id == 3


def test_messages_without_id_are_recognised_by_their_content() -> None:
    desk = FakeDesk()
    a = message(1, external_id=None, source="sheet")
    b = replace(a, content=" A  POTHOLE at number 1 ", row=9)  # same after normalisation
    c = replace(a, content="Another pothole", row=10)
    spec = intake.IntakeSpec("sheet", IntakeKind.SHEET, "sheet")
    report = run(desk, [a, b, c], spec=spec)
    assert (report.accepted, report.known) == (2, 1)
    refs = sorted(o.external_ref or "" for o in desk.store.orders.values())
    assert all(r.startswith("sheet:sha256:") and len(r) == len("sheet:sha256:") + 64
               for r in refs)
    assert intake.external_ref("sheet", a) == intake.external_ref("sheet", b)


def test_rows_the_desk_cannot_store_are_rejected_and_kept() -> None:
    desk = FakeDesk()
    too_long = message(2, content="长" * 20_001)
    bad_phone = message(3, caller_phone="call me")
    long_id = message(4, external_id="x" * 200)
    refused = RejectedRow(5, "缺少诉求编号（service_request_id）", "no service_request_id",
                          {"description": "no id"})
    report = run(desk, [message(1), too_long, bad_phone, long_id], (refused,))
    assert report.accepted == 1
    assert [r.row for r in report.rejected] == [2, 3, 4, 5]
    assert "10000" in report.rejected[0].reason_zh.replace(",", "") or "10,000" in \
        report.rejected[0].reason_en
    assert "phone" in report.rejected[1].reason_en
    assert "too long" in report.rejected[2].reason_en
    stored = desk.intake.rejected
    assert [(b, s, r.row) for b, s, r, _ in stored] == [
        (report.batch_id, "open311:test", n) for n in (2, 3, 4, 5)]
    assert stored[0][2].external_id == "R2"
    assert desk.intake.batches[report.batch_id or 0].counts.rejected == 4


def test_a_fixed_row_imported_later_resolves_its_rejection(tmp_path: Path) -> None:
    desk = FakeDesk()
    path = tmp_path / "portal.csv"
    path.write_text("留言编号,留言内容,联系电话\nA1,路灯不亮,13800138000\nA2,井盖缺失,abc\n",
                    encoding="utf-8")
    first = intake.import_file(desk.uow, OPERATOR, clock(), path, source="portal")
    assert (first.accepted, len(first.rejected)) == (1, 1)
    assert first.rejected[0].external_id == "A2" and first.rejected[0].row == 3
    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(intake.rejected_csv(first.rejected).replace(b"abc", b"13900139000"))
    second = intake.import_file(desk.uow, OPERATOR, clock(), fixed, source="portal")
    assert (second.accepted, second.rejected) == (1, ())
    assert [r[3] is not None for r in desk.intake.rejected] == [True]
    order = next(o for o in desk.store.orders.values() if o.external_ref == "sheet:portal:A2")
    assert order.caller_phone == "13900139000" and order.channel_id == 2  # portal


def test_rejected_csv_keeps_the_columns_and_reads_back() -> None:
    raw = {"留言内容": "内容，带逗号", "留言编号": "9"}
    rows = (intake.RejectedRecord(4, "原因", "reason", raw),)
    data = intake.rejected_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines == [["留言内容", "留言编号", intake.ROW_HEADER, intake.REASON_HEADER],
                     ["内容，带逗号", "9", "4", "原因 / reason"]]


def test_chunks_commit_one_by_one_and_a_stop_keeps_what_was_committed() -> None:
    desk = FakeDesk()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 4:
            raise intake.StopImport()

    messages = [message(n) for n in range(1, 11)]
    report = run(desk, messages, chunk_size=2, progress=progress)
    assert seen == [(0, 10), (2, 10), (4, 10)]
    assert report.status is BatchStatus.CANCELLED and report.accepted == 4
    assert len(desk.store.orders) == 4
    assert desk.intake.batches[report.batch_id or 0].status is BatchStatus.CANCELLED
    rest = run(desk, messages, chunk_size=3)
    assert (rest.accepted, rest.known) == (6, 4)


class _FailingAdd(FakeIntakeUnitOfWork):
    """A unit of work whose storage fails when an order is added (a full disk, say)."""

    def __enter__(self) -> _FailingAdd:
        super().__enter__()

        def add(order: object) -> None:
            raise RuntimeError("disk full")

        self.orders.add = add  # type: ignore[method-assign]
        return self


def test_an_error_in_a_chunk_keeps_the_committed_ones_and_marks_the_batch_failed() -> None:
    desk = FakeDesk()
    calls = {"n": 0}

    def flaky() -> FakeIntakeUnitOfWork:
        calls["n"] += 1  # setup, chunk 1, chunk 2, then chunk 3 fails
        cls = _FailingAdd if calls["n"] == 4 else FakeIntakeUnitOfWork
        return cls(desk.store, desk.intake)

    with pytest.raises(RuntimeError):
        intake.import_parsed(flaky, SYSTEM, clock(), ParseResult(
            tuple(message(n) for n in range(1, 8)), ()), open311_spec(), chunk_size=3)
    assert len(desk.store.orders) == 6
    batch = next(iter(desk.intake.batches.values()))
    assert batch.status is BatchStatus.FAILED and batch.counts.accepted == 6
    assert batch.error == "RuntimeError"


def test_permission_channel_and_source_are_checked_before_anything_is_written() -> None:
    desk = FakeDesk()
    staff = Actor(9, "li", frozenset({Role.DEPARTMENT_STAFF}))
    with pytest.raises(PermissionDenied):
        intake.import_parsed(desk.uow, staff, clock(), ParseResult((message(1),), ()),
                             open311_spec())
    desk.store.channels = {k: v for k, v in desk.store.channels.items() if v.code != "open311"}
    with pytest.raises(NotFound):
        run(desk, [message(1)])
    with pytest.raises(ValidationError):
        intake.spec_for_file(Path("a.csv"), "has space")
    assert desk.store.orders == {} and desk.intake.batches == {}


def test_spec_for_file_names_sources_and_channels() -> None:
    s = intake.spec_for_file(Path("/x/chicago requests.json"))
    assert (s.source, s.kind, s.channel_code) == ("open311:chicago-requests", IntakeKind.OPEN311,
                                                   "open311")
    assert intake.spec_for_file(Path("a.xml"), "chicago").source == "open311:chicago"
    assert intake.spec_for_file(Path("a.xml"), "open311:chicago").source == "open311:chicago"
    sheet = intake.spec_for_file(Path("portal-2026-11.xlsx"))
    assert (sheet.source, sheet.channel_code) == ("sheet", "sheet")
    named = intake.spec_for_file(Path("x.csv"), "minxin")
    assert (named.source, named.channel_code) == ("sheet:minxin", "minxin")


def test_a_rows_source_column_chooses_an_online_channel(tmp_path: Path) -> None:
    desk = FakeDesk()
    path = tmp_path / "x.csv"
    path.write_text("留言内容,来源\n路灯不亮,民心网\n井盖缺失,市长信箱\n", encoding="utf-8")
    intake.import_file(desk.uow, OPERATOR, clock(), path)
    channels = sorted(o.channel_id for o in desk.store.orders.values())
    assert channels == [4, 5]  # sheet, minxin
    for name in ("hotline", "nowhere"):  # not a written channel: the orders go to "sheet"
        report = intake.import_file(desk.uow, OPERATOR, clock(), path, source=name)
        assert report.accepted == 2
    assert sorted(o.channel_id for o in desk.store.orders.values()) == [4, 4, 4, 5, 5, 5]


def test_an_empty_parse_is_a_done_batch_and_reads_nothing() -> None:
    desk = FakeDesk()
    report = run(desk, [])
    assert report.total == 0 and report.read_anything and report.status is BatchStatus.DONE
    everything_refused = run(desk, [], (RejectedRow(1, "坏", "bad"),))
    assert not everything_refused.read_anything


# --- property: any parse result is fully accounted for -------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
maybe_ids = st.one_of(st.none(), st.text("AB12-", min_size=1, max_size=4))


@st.composite
def messages(draw: st.DrawFn) -> list[IncomingMessage]:
    n = draw(st.integers(0, 12))
    out = []
    for row in range(1, n + 1):
        out.append(IncomingMessage(
            source="open311:test", external_id=draw(maybe_ids), row=row,
            posted_at=draw(st.one_of(st.none(), st.just(datetime(2026, 1, 1, tzinfo=UTC)))),
            updated_at=draw(st.one_of(st.none(), st.datetimes(
                min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                timezones=st.just(UTC)))),
            title=draw(texts), content=draw(texts), caller_phone=draw(st.sampled_from(
                ["", "13800138000", "bad phone"])),
            status=draw(st.sampled_from([None, "open", "closed"]))))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=messages(), second=messages(), chunk=st.integers(1, 5))
def test_every_item_is_accepted_known_updated_or_rejected(
    first: list[IncomingMessage], second: list[IncomingMessage], chunk: int
) -> None:
    desk = FakeDesk()
    for batch in (first, second):
        before = len(desk.store.orders)
        report = run(desk, batch, chunk_size=chunk)
        counted = report.accepted + report.known + report.updated + len(report.rejected)
        assert counted == report.total == len(batch)
        assert len(desk.store.orders) == before + report.accepted
        refs = [o.external_ref for o in desk.store.orders.values()]
        assert len(refs) == len(set(refs))
        stored = desk.intake.batches[report.batch_id or 0]
        assert stored.counts.accepted == report.accepted
        assert stored.counts.rejected == len(report.rejected)
    for order_id, events in desk.store.events.items():
        assert replay(events).state is desk.store.orders[order_id].state


def test_the_sheet_reader_and_the_import_agree_on_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("留言编号,留言内容\n1,内容\n", encoding="utf-8")
    spec = intake.spec_for_file(path, "portal")
    assert read_sheet(path, spec.source).messages[0].source == "sheet:portal"
