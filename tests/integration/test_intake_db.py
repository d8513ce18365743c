"""Importing online messages into a real database (SQLite and PostgreSQL): the real Open311
fixtures field by field, spreadsheets with rejected rows fixed and imported again, updates at
the source, and hostile files that must change nothing."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from core import intake
from core.clock import FakeClock
from core.intake_model import FeedFormatError
from core.intake_ports import BatchStatus
from core.model import EventKind, OrderState, RequestType
from core.replay import replay
from db import models as r
from db.intake_repository import intake_uow_factory
from db.setup import Database
from tests.support.centre import Centre
from tests.support.open311_server import FIXTURES

FILES = {"chicago": "chicago_requests.json", "bloomington": "bloomington_requests.json",
         "spec": "spec_example_requests.xml"}
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no fixtures at {FIXTURES}")


def raw_items(name: str) -> list[dict[str, Any]]:
    """The fixture's requests as written, read without the desk's parser."""
    path = FIXTURES / FILES[name]
    if path.suffix == ".json":
        return list(json.loads(path.read_text(encoding="utf-8")))
    root = ET.fromstring(path.read_bytes())
    return [{child.tag: child.text or "" for child in item} for item in root]


def text(value: Any) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def utc_iso(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(UTC).isoformat()


def counts(db: Database) -> dict[str, int]:
    with db.sessions() as s:
        return {t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0)
                for t in (r.WorkOrder, r.Event, r.IntakeBatch, r.IntakeItem,
                          r.IntakeRejectedRow, r.Contact)}


def import_file(centre: Centre, path: Path, source: str | None = None) -> intake.ImportReport:
    return intake.import_file(intake_uow_factory(centre.db.sessions), centre.operator,
                              centre.clock, path, source=source)


@needs_fixtures
def test_the_three_real_fixtures_field_by_field_and_again_nothing_new(centre: Centre) -> None:
    db = centre.db
    for name, file in FILES.items():
        report = import_file(centre, FIXTURES / file, name)
        items = raw_items(name)
        assert (report.accepted, report.known, report.rejected) == (len(items), 0, ())
        assert report.status is BatchStatus.DONE
    with db.uow() as uow:
        open311 = uow.reference.channel_by_code("open311")
        assert open311 is not None
        for name in FILES:
            for item in raw_items(name):
                ref = f"open311:{name}:{item['service_request_id']}"
                with db.sessions() as s:
                    order_id = s.scalar(select(r.WorkOrder.id)
                                        .where(r.WorkOrder.external_ref == ref))
                assert order_id is not None, ref
                order = uow.orders.get(order_id)
                description, service = text(item.get("description")), text(
                    item.get("service_name"))
                assert order.title == service
                assert order.content == (description or service)
                address = next((text(item.get(k)) for k in ("address", "address_id", "zipcode")
                                if text(item.get(k))), "")
                assert order.address == address
                assert order.channel_id == open311.id
                assert order.state is OrderState.REGISTERED
                assert order.category_id is None and order.assignments == []
                assert order.request_type is RequestType.HELP
                assert order.caller_phone == "" and order.contact_id is None
                assert order.registered_at == centre.clock.now()
                assert order.registered_by == centre.operator.user_id
                (event,) = uow.orders.events(order_id)
                assert event.kind is EventKind.REGISTERED
                p = event.payload
                assert p["external_id"] == str(item["service_request_id"])
                assert p["posted_at"] == utc_iso(item["requested_datetime"])
                assert p["updated_at"] == utc_iso(item["updated_datetime"])
                assert p["status"] == text(item["status"]).lower()
                assert p.get("service_code") == (text(item.get("service_code")) or None)
                assert p.get("status_notes", "") == text(item.get("status_notes"))
                lat = item.get("lat")
                if lat in (None, "", 0, "0"):
                    assert "lat" not in p and "lon" not in p
                else:
                    assert p["lat"] == float(lat) and p["lon"] == float(item["long"])
    before = counts(db)
    for name, file in FILES.items():
        again = import_file(centre, FIXTURES / file, name)
        assert (again.accepted, again.known, again.updated) == (0, len(raw_items(name)), 0)
    after = counts(db)
    assert after["work_order"] == before["work_order"] and after["event"] == before["event"]
    assert after["intake_batch"] == before["intake_batch"] + 3


@needs_fixtures
def test_an_update_at_the_source_is_recorded_on_the_order(centre: Centre, tmp_path: Path
                                                          ) -> None:
    import_file(centre, FIXTURES / FILES["chicago"], "chicago")
    items = raw_items("chicago")
    items[1].update(status="closed", status_notes="Completed",
                    updated_datetime="2014-07-14T09:00:00-05:00")
    changed = tmp_path / "later.json"
    changed.write_text(json.dumps(items), encoding="utf-8")
    report = import_file(centre, changed, "chicago")
    assert (report.accepted, report.known, report.updated) == (0, 1, 1)
    with centre.db.uow() as uow:
        events = uow.orders.events(report.order_ids[0])
        order = uow.orders.get(report.order_ids[0])
    assert [e.kind for e in events] == [EventKind.REGISTERED, EventKind.EXTERNAL_UPDATE]
    assert events[1].payload["status"] == "closed"
    assert events[1].payload["previous_status"] == "open"
    assert events[1].payload["status_notes"] == "Completed"
    assert events[1].payload["previous_status_notes"] == "Locked"
    assert replay(events).state is order.state is OrderState.REGISTERED
    assert import_file(centre, changed, "chicago").updated == 0


HEADERS = ["留言编号", "留言时间", "留言标题", "留言内容", "留言人", "联系电话", "来源", "地址"]
ROWS = [
    ["W-1", "2026-11-20 14:35", "噪音扰民", "工地夜间施工噪音很大", "张先生", "138-0013-8000",
     "", "幸福路1号"],
    ["W-2", "2026/11/20 09:00", "路灯不亮", "路灯坏了", "李女士", "abc123", "", ""],
    ["", "2026-11-21 08:05", "", "垃圾无人清运已经三天了", "", "", "民心网", ""],
]


def write_sheet(path: Path, rows: list[list[Any]]) -> Path:
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [HEADERS, *rows]:
            sheet.append(row)
        book.save(path)
    else:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([HEADERS, *rows])
        path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_spreadsheet_with_a_rejected_row_fixed_and_imported_again(
    centre: Centre, tmp_path: Path, suffix: str
) -> None:
    db = centre.db
    first = import_file(centre, write_sheet(tmp_path / f"portal{suffix}", ROWS), "portal")
    assert (first.accepted, first.known) == (2, 0)
    (bad,) = first.rejected
    assert bad.row == 3 and bad.external_id == "W-2" and "abc123" in bad.reason_zh
    with intake_uow_factory(db.sessions)() as uow:
        assert uow.intake.rejected(first.batch_id or 0) == [bad]
        assert uow.intake.open_rejected_count("sheet:portal") == 1
        batch = uow.intake.batch(first.batch_id or 0)
        assert batch is not None and batch.counts.rejected == 1 and batch.total == 3
    with db.sessions() as s:
        orders = {o.external_ref: o for o in s.scalars(select(r.WorkOrder))}
        channels = {c.id: c.code for c in s.scalars(select(r.Channel))}
    noise = orders["sheet:portal:W-1"]
    assert (noise.title, noise.caller_name, noise.caller_phone, noise.address) == (
        "噪音扰民", "张先生", "13800138000", "幸福路1号")
    assert channels[noise.channel_id] == "portal" and noise.contact_id is not None
    assert noise.request_type is RequestType.CONSULTATION
    hashed = next(o for ref, o in orders.items() if ref and ":sha256:" in ref)
    assert channels[hashed.channel_id] == "minxin"  # its 来源 column names the channel

    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(intake.rejected_csv(first.rejected).replace(b"abc123", b"13912345678"))
    second = import_file(centre, fixed, "portal")
    assert (second.accepted, second.rejected) == (1, ())
    third = import_file(centre, write_sheet(tmp_path / f"again{suffix}", ROWS), "portal")
    assert (third.accepted, third.known, len(third.rejected)) == (0, 2, 1)
    with intake_uow_factory(db.sessions)() as uow:
        assert uow.intake.open_rejected_count("sheet:portal") == 1  # the third import's own


def test_a_mapping_rule_dispatches_at_once(centre: Centre, tmp_path: Path) -> None:
    from core import feeds

    feeds.add_feed(intake_uow_factory(centre.db.sessions)(), centre.admin, centre.clock,
                   "city", "https://city.example/v2", service_map={"LIFT": "010101"})
    path = tmp_path / "saved.json"
    path.write_text(json.dumps([
        {"service_request_id": "1", "status": "open", "service_code": "LIFT",
         "service_name": "Lift", "requested_datetime": "2026-11-01T08:00:00+08:00"},
        {"service_request_id": "2", "status": "open", "service_code": "OTHER",
         "service_name": "Other", "requested_datetime": "2026-11-01T08:00:00+08:00"},
    ]), encoding="utf-8")
    report = import_file(centre, path, "city")  # named after the feed: its mapping applies
    assert (report.accepted, report.dispatched) == (2, 1)
    with centre.db.uow() as uow, centre.db.sessions() as s:
        lift = uow.orders.get(s.scalar(select(r.WorkOrder.id).where(
            r.WorkOrder.external_ref == "open311:city:1")) or 0)
        batch = s.scalar(select(r.IntakeBatch).where(r.IntakeBatch.id == report.batch_id))
    assert lift.state is OrderState.AWAITING_SIGN and lift.category_id == centre.lift
    assert [(a.department_id, a.lead) for a in lift.assignments] == [(centre.housing, True)]
    assert batch is not None and batch.feed_id is not None and batch.dispatched == 1


# --- hostile input: a FeedFormatError and nothing written, or every item accounted for -----


def check_import(centre: Centre, data: bytes, suffix: str) -> None:
    before = counts(centre.db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            report = import_file(centre, path, "prop")
        except FeedFormatError:
            assert counts(centre.db) == before
            return
    after = counts(centre.db)
    assert report.accepted + report.known + report.updated + len(report.rejected) == report.total
    assert after["work_order"] == before["work_order"] + report.accepted
    assert after["intake_item"] == before["intake_item"] + report.accepted
    assert after["intake_batch"] == before["intake_batch"] + 1
    assert after["intake_rejected_row"] == before["intake_rejected_row"] + len(report.rejected)
    again = import_file_bytes(centre, data, suffix)
    assert again.accepted == 0


def import_file_bytes(centre: Centre, data: bytes, suffix: str) -> intake.ImportReport:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return import_file(centre, path, "prop")


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4), max_leaves=12)
request_keys = st.sampled_from(["service_request_id", "description", "service_name", "status",
                                "requested_datetime", "updated_datetime", "lat", "long",
                                "address", "service_code"])
requests = st.lists(st.dictionaries(request_keys, json_values, max_size=8), max_size=6)
cell = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@PROPERTY
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".json", ".xml", ".csv", ".xlsx"]))
def test_arbitrary_bytes(centre: Centre, data: bytes, suffix: str) -> None:
    check_import(centre, data, suffix)


@PROPERTY
@given(document=st.one_of(json_values, requests))
def test_arbitrary_json(centre: Centre, document: Any) -> None:
    check_import(centre, json.dumps(document).encode(), ".json")


@PROPERTY
@given(items=requests)
def test_arbitrary_xml(centre: Centre, items: list[dict[str, Any]]) -> None:
    root = ET.Element("service_requests")
    for item in items:
        element = ET.SubElement(root, "request")
        for key, value in item.items():
            ET.SubElement(element, key).text = "".join(
                ch for ch in json.dumps(value) if ch.isprintable())
    check_import(centre, ET.tostring(root), ".xml")


@PROPERTY
@given(rows=st.lists(st.lists(cell, min_size=8, max_size=8), max_size=6),
       encoding=st.sampled_from(["utf-8", "gbk"]))
def test_arbitrary_csv(centre: Centre, rows: list[list[str]], encoding: str) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([HEADERS, *rows])
    check_import(centre, buffer.getvalue().encode(encoding, "replace"), ".csv")


def test_a_stopped_import_keeps_its_committed_chunks(centre: Centre, tmp_path: Path) -> None:
    rows = [[f"N-{i}", "", "", f"第{i}条留言", "", "", "", ""] for i in range(7)]
    path = write_sheet(tmp_path / "seven.csv", rows)
    spec = intake.spec_for_file(path, "portal")
    parsed = intake.read_file(path, spec)
    uow = intake_uow_factory(centre.db.sessions)

    def stop_after_four(done: int, total: int) -> None:
        if done >= 4:
            raise intake.StopImport()

    clock = FakeClock(centre.clock.now())
    report = intake.import_parsed(uow, centre.operator, clock, parsed, spec, chunk_size=2,
                                  progress=stop_after_four)
    assert report.status is BatchStatus.CANCELLED and report.accepted == 4
    with uow() as u:
        batch = u.intake.batch(report.batch_id or 0)
    assert batch is not None and batch.status is BatchStatus.CANCELLED
    assert batch.counts.accepted == 4 and batch.finished_at is not None
    rest = intake.import_parsed(uow, centre.operator, clock, parsed, spec, chunk_size=2)
    assert (rest.accepted, rest.known) == (3, 4)
