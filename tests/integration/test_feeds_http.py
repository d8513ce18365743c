"""Polling Open311 feeds over real HTTP (a local ``http.server``) into a real database: the
three real fixtures, a feed that fails in the middle and recovers, timeouts, and the job."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core import feeds, jobs
from core.intake_ports import FeedFormat
from core.model import SYSTEM
from db import models as r
from db.intake_repository import intake_uow_factory
from tests.support.centre import Centre
from tests.support.open311_server import FIXTURES, Answer, Open311Server, serving

T0 = datetime(2026, 10, 1, 0, 0, tzinfo=UTC)
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no fixtures at {FIXTURES}")


def add(centre: Centre, server: Open311Server, fmt: FeedFormat = FeedFormat.JSON,
        name: str = "city") -> None:
    feeds.add_feed(intake_uow_factory(centre.db.sessions)(), centre.admin, centre.clock, name,
                   server.url, fmt=fmt, jurisdiction_id="city.example")


def poll(centre: Centre, name: str = "city", **kw: object) -> feeds.PollOutcome:
    return feeds.poll_feed(intake_uow_factory(centre.db.sessions), SYSTEM, centre.clock, name,
                           **kw)  # type: ignore[arg-type]


def feed(centre: Centre, name: str = "city"):  # noqa: ANN201
    with intake_uow_factory(centre.db.sessions)() as uow:
        return uow.feeds.feed(name)


def refs(centre: Centre) -> list[str]:
    with centre.db.sessions() as s:
        return sorted(x or "" for x in s.scalars(select(r.WorkOrder.external_ref)))


def request(n: int, at: datetime) -> dict[str, object]:
    return {"service_request_id": f"R{n:03d}", "status": "open", "service_name": "Pothole",
            "description": f"hole {n}", "requested_datetime": at.isoformat(),
            "updated_datetime": at.isoformat(), "lat": 41.8, "long": -87.6}


@needs_fixtures
@pytest.mark.parametrize(("file", "fmt", "count", "newest"), [
    ("chicago_requests.json", FeedFormat.JSON, 2, datetime(2014, 7, 12, 15, 58, 43, tzinfo=UTC)),
    ("bloomington_requests.json", FeedFormat.JSON, 21,
     datetime(2012, 5, 23, 19, 55, 28, tzinfo=UTC)),
    ("spec_example_requests.xml", FeedFormat.XML, 2, datetime(2010, 4, 19, 14, 37, 38,
                                                             tzinfo=UTC)),
])
def test_the_real_fixtures_polled_over_http(centre: Centre, file: str, fmt: FeedFormat,
                                            count: int, newest: datetime) -> None:
    server = Open311Server(raw_body=(FIXTURES / file).read_bytes(),
                           content_type=f"application/{fmt.value}")
    with serving(server):
        add(centre, server, fmt)
        first = poll(centre)
        assert first.ok and first.report is not None, first.error_en
        assert (first.report.accepted, first.pages) == (count, 1)
        assert first.position == newest == feed(centre).last_position
        assert server.paths[0] == f"/open311/v2/requests.{fmt.value}?jurisdiction_id=city.example"
        again = poll(centre)
    assert again.report is not None
    assert (again.report.accepted, again.report.known) == (0, count)
    assert f"start_date={newest:%Y-%m-%dT%H}%3A" in server.paths[1]
    assert len(refs(centre)) == count


def test_a_feed_that_fails_in_the_middle_then_recovers(centre: Centre) -> None:
    server = Open311Server(requests=[request(n, T0 + timedelta(minutes=n)) for n in range(15)],
                           page_limit=10)
    with serving(server):
        add(centre, server)
        first = poll(centre, page_limit=10)
        assert first.report is not None and first.report.accepted == 15 and first.pages == 2
        position = feed(centre).last_position
        assert position == T0 + timedelta(minutes=14)
        server.requests += [request(n, T0 + timedelta(minutes=n)) for n in range(15, 40)]
        page = json.dumps(server.requests[-10:]).encode()
        failures = [
            ([None, Answer(status=500, body=b"Internal Server Error")], "HTTP 500"),
            ([None, Answer(body=page[:len(page) // 2], declared_length=len(page))], "cut off"),
            ([None, Answer(body=page[:len(page) // 2], send_length=False)], "invalid JSON"),
            ([Answer(body=b"<errors><error><code>503</code><description>maintenance"
                          b"</description></error></errors>")], "maintenance"),
        ]
        for script, expected in failures:
            server.script = list(script)
            failed = poll(centre, page_limit=10)
            assert not failed.ok and expected in failed.error_en, failed.error_en
            assert failed.position == position == feed(centre).last_position
            assert expected in feed(centre).last_error
            assert len(refs(centre)) == 15  # nothing of the failed run was written
        assert feed(centre).failures == len(failures)
        recovered = poll(centre, page_limit=10)
    assert recovered.report is not None and recovered.pages == 3
    assert recovered.report.accepted == 25 and recovered.report.known >= 1
    assert refs(centre) == [f"open311:city:R{n:03d}" for n in range(40)]  # none lost, none doubled
    stored = feed(centre)
    assert stored.failures == 0 and stored.last_error == ""
    assert stored.last_position == T0 + timedelta(minutes=39)


def test_a_feed_that_does_not_answer_times_out(centre: Centre) -> None:
    server = Open311Server(script=[Answer(stall=True)])
    with serving(server):
        add(centre, server)
        outcome = poll(centre, timeout=0.3)
    assert not outcome.ok and "no answer within 0.3 s" in outcome.error_en
    assert "秒内没有响应" in outcome.error_zh


def test_an_unreachable_feed_is_recorded_and_others_still_polled(centre: Centre) -> None:
    server = Open311Server(requests=[request(1, T0)])
    with serving(server):
        add(centre, server)
        feeds.add_feed(intake_uow_factory(centre.db.sessions)(), centre.admin, centre.clock,
                       "gone", "http://127.0.0.1:9/v2")
        outcomes = feeds.poll_feeds(intake_uow_factory(centre.db.sessions), SYSTEM,
                                    centre.clock)
    by_name = {o.feed: o for o in outcomes}
    assert by_name["city"].ok and not by_name["gone"].ok
    assert "cannot connect" in by_name["gone"].error_en
    assert feed(centre, "gone").last_position is None


def test_the_feed_job_is_leased_and_polls_only_due_feeds(centre: Centre) -> None:
    server = Open311Server(requests=[request(1, T0)])
    uow = intake_uow_factory(centre.db.sessions)

    def job(_uow: object, clock: object) -> list[feeds.PollOutcome]:
        return feeds.run_feed_poll(uow, centre.clock)

    with serving(server):
        add(centre, server)
        ttl = jobs.FEED_CHECK_INTERVAL * 3
        a = jobs.run_leased(jobs.FEED_POLL, "desk-a", centre.db.uow, centre.clock, ttl, job)
        b = jobs.run_leased(jobs.FEED_POLL, "desk-b", centre.db.uow, centre.clock, ttl, job)
        assert a.ran and not b.ran
        assert [o.feed for o in a.result] == ["city"]
        again = jobs.run_leased(jobs.FEED_POLL, "desk-a", centre.db.uow, centre.clock, ttl, job)
        assert again.ran and again.result == []  # polled a moment ago: not due
        centre.clock.advance(minutes=15)
        later = jobs.run_leased(jobs.FEED_POLL, "desk-a", centre.db.uow, centre.clock, ttl, job)
    assert [o.ok for o in later.result] == [True]
    with centre.db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(r.IntakeBatch)) == 2
