"""Open311 feeds: configuration, URLs, paging and position keeping, with a fake server."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from core import feeds
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.errors import NotFound, PermissionDenied, ValidationError
from core.intake_ports import FeedConfig, FeedFormat
from core.model import SYSTEM, Actor, Role
from tests.support.intake_fakes import FakeDesk

ADMIN = Actor(1, "admin", frozenset({Role.ADMINISTRATOR}))
T0 = datetime(2026, 10, 1, 0, 0, tzinfo=UTC)


def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))


def request(n: int, at: datetime, **kw: object) -> dict[str, object]:
    item: dict[str, object] = {
        "service_request_id": f"R{n}", "status": "open", "service_name": "Pothole",
        "service_code": "S1", "description": f"hole {n}",
        "requested_datetime": at.isoformat(), "updated_datetime": at.isoformat()}
    item.update(kw)
    return item


class FakeServer:
    """Answers GET requests like a GeoReport v2 server: the requests whose requested_datetime
    lies in [start_date, end_date], at most ``limit``, newest first or oldest first."""

    def __init__(self, items: list[dict[str, object]], *, limit: int = feeds.PAGE_LIMIT,
                 descending: bool = True) -> None:
        self.items, self.limit, self.descending = items, limit, descending
        self.urls: list[str] = []
        self.failures: list[Exception | bytes] = []  # served first, one per request

    def __call__(self, url: str, timeout: float) -> bytes:
        self.urls.append(url)
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        query = parse_qs(urlsplit(url).query)
        start = _when(query.get("start_date"))
        end = _when(query.get("end_date"))
        chosen = [i for i in self.items
                  if (start is None or _at(i) >= start) and (end is None or _at(i) <= end)]
        chosen.sort(key=_at, reverse=self.descending)
        return json.dumps(chosen[:self.limit]).encode()


def _at(item: dict[str, object]) -> datetime:
    return datetime.fromisoformat(str(item["requested_datetime"]))


def _when(values: list[str] | None) -> datetime | None:
    return datetime.fromisoformat(values[0].replace("Z", "+00:00")) if values else None


def configured(desk: FakeDesk, **kw: object) -> FeedConfig:
    args: dict[str, object] = {"service_map": {}}
    args.update(kw)
    return feeds.add_feed(desk.uow(), ADMIN, clock(), "city", "https://city.example/open311/v2",
                          **args)  # type: ignore[arg-type]


def stored(desk: FakeDesk) -> FeedConfig:
    with desk.uow() as uow:
        feed = uow.feeds.feed("city")
    assert feed is not None
    return feed


def test_urls_follow_the_georeport_conventions() -> None:
    feed = FeedConfig(1, "city", "https://h.example/v2/", jurisdiction_id="city.gov")
    assert feeds.requests_url(feed, None) == \
        "https://h.example/v2/requests.json?jurisdiction_id=city.gov"
    url = feeds.requests_url(replace(feed, format=FeedFormat.XML), T0, T0 + timedelta(hours=1))
    assert url == ("https://h.example/v2/requests.xml?jurisdiction_id=city.gov&"
                   "start_date=2026-10-01T00%3A00%3A00Z&end_date=2026-10-01T01%3A00%3A00Z")
    full = FeedConfig(1, "c", "http://h/api/requests.json?api_key=k&start_date=old")
    assert feeds.requests_url(full, T0) == \
        "http://h/api/requests.json?api_key=k&start_date=2026-10-01T00%3A00%3A00Z"


def test_configuration_is_checked() -> None:
    desk = FakeDesk()
    with pytest.raises(PermissionDenied):
        feeds.add_feed(desk.uow(), Actor(2, "op", frozenset({Role.OPERATOR})), clock(), "a",
                       "https://x")
    bad: list[dict[str, object]] = [
        {"name": "has space"}, {"base_url": "ftp://x/y"}, {"base_url": "not a url"},
        {"interval_minutes": 0}, {"service_map": {"S1": "0201"}},  # a branch
    ]
    for change in bad:
        args: dict[str, object] = {"name": "city", "base_url": "https://x/v2"}
        args.update(change)
        name, url = args.pop("name"), args.pop("base_url")
        with pytest.raises(ValidationError):
            feeds.add_feed(desk.uow(), ADMIN, clock(), str(name), str(url), **args)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        feeds.add_feed(desk.uow(), ADMIN, clock(), "city", "https://x", service_map={"S": "9"})
    feed = configured(desk, service_map={" S1 ": "020101"}, interval_minutes=5)
    assert feed.service_map == {"S1": "020101"} and feed.source == "open311:city"
    with pytest.raises(ValidationError):
        configured(desk)
    assert [f.name for f in feeds.list_feeds(desk.uow())] == ["city"]
    feeds.remove_feed(desk.uow(), ADMIN, "city")
    with pytest.raises(NotFound):
        feeds.remove_feed(desk.uow(), ADMIN, "city")


@pytest.mark.parametrize("descending", [True, False])
def test_full_pages_are_followed_until_everything_is_read(descending: bool) -> None:
    desk = FakeDesk()
    configured(desk)
    items = [request(n, T0 + timedelta(minutes=n // 3)) for n in range(25)]  # 3 per minute
    server = FakeServer(items, limit=10, descending=descending)
    outcome = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server, page_limit=10)
    assert outcome.ok and outcome.report is not None
    assert outcome.report.accepted == 25 and len(desk.store.orders) == 25
    assert outcome.pages >= 3
    newest = T0 + timedelta(minutes=8)
    assert outcome.position == newest == stored(desk).last_position
    again = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server, page_limit=10)
    assert again.report is not None and again.report.accepted == 0
    assert "start_date=2026-10-01T00%3A08%3A00Z" in server.urls[-1]


def test_a_failing_feed_keeps_its_position_and_recovers_without_loss_or_doubles() -> None:
    desk = FakeDesk()
    configured(desk)
    server = FakeServer([request(1, T0), request(2, T0 + timedelta(hours=1))])
    first = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server)
    assert first.report is not None and first.report.accepted == 2
    server.items += [request(3, T0 + timedelta(hours=2)), request(4, T0 + timedelta(hours=3))]
    server.failures = [
        feeds.FeedUnavailable(feed="city.example", problem_zh="服务器返回 HTTP 500 错误",
                              problem_en="the server answered HTTP 500"),
        json.dumps([request(3, T0 + timedelta(hours=2))]).encode()[:-20],  # cut off
    ]
    for expected in ("HTTP 500", "invalid JSON"):
        failed = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server)
        assert not failed.ok and expected in failed.error_en
        assert failed.position == T0 + timedelta(hours=1)
        assert len(desk.store.orders) == 2
        assert expected in stored(desk).last_error
    assert stored(desk).failures == 2
    recovered = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server)
    assert recovered.report is not None
    assert (recovered.report.accepted, recovered.report.known) == (2, 1)
    assert sorted(o.external_ref or "" for o in desk.store.orders.values()) == [
        f"open311:city:R{n}" for n in range(1, 5)]
    feed = stored(desk)
    assert feed.failures == 0 and feed.last_error == ""
    assert feed.last_position == T0 + timedelta(hours=3)


def test_only_due_feeds_are_polled_by_the_job() -> None:
    desk = FakeDesk()
    configured(desk, interval_minutes=10)
    server = FakeServer([request(1, T0)])
    c = clock()
    assert len(feeds.poll_feeds(desk.uow, SYSTEM, c, due_only=True, fetch=server)) == 1
    c.advance(minutes=9)
    assert feeds.poll_feeds(desk.uow, SYSTEM, c, due_only=True, fetch=server) == []
    c.advance(minutes=1)
    assert len(feeds.poll_feeds(desk.uow, SYSTEM, c, due_only=True, fetch=server)) == 1
    with pytest.raises(NotFound):
        feeds.poll_feeds(desk.uow, SYSTEM, c, ["nope"], fetch=server)


def test_a_page_that_cannot_be_followed_is_imported_with_a_warning() -> None:
    desk = FakeDesk()
    configured(desk)
    same_time = [request(n, T0) for n in range(4)]
    outcome = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city",
                              fetch=FakeServer(same_time, limit=4), page_limit=4)
    assert outcome.report is not None and outcome.report.accepted == 4
    assert "1000" in outcome.warning_zh and "cannot be paged" in outcome.warning_en
    assert "cannot be paged" in stored(desk).last_error


def test_a_posting_time_in_the_far_future_does_not_move_the_position() -> None:
    desk = FakeDesk()
    configured(desk)
    server = FakeServer([request(1, T0), request(2, datetime(2099, 1, 1, tzinfo=UTC))])
    outcome = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server)
    assert outcome.report is not None and outcome.report.accepted == 2
    assert outcome.position == T0


def test_the_mapping_of_the_feed_dispatches_its_orders() -> None:
    desk = FakeDesk()
    configured(desk, service_map={"S1": "020101"})
    server = FakeServer([request(1, T0), request(2, T0, service_code="OTHER")])
    outcome = feeds.poll_feed(desk.uow, SYSTEM, clock(), "city", fetch=server)
    assert outcome.report is not None and outcome.report.dispatched == 1
