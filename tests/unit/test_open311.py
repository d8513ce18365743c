"""The Open311 GeoReport v2 ``GET requests`` parser, on real responses and on hostile input."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.intake_model import FeedFormatError, ParseResult
from core.open311 import parse_requests, parse_requests_json, parse_requests_xml

FIXTURES = Path(
    os.environ.get(
        "HOTLINE_OPEN311_FIXTURES",
        Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "open311",
    )
)

# CI always has shared/ beside the checkout: there a missing folder is a failure, not a skip.
needs_fixtures = pytest.mark.skipif(
    not FIXTURES.is_dir() and not os.environ.get("CI"),
    reason=f"Open311 fixtures not found at {FIXTURES}",
)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def utc(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def feed(items: Any) -> bytes:
    return json.dumps(items).encode()


def assert_bilingual(error: FeedFormatError, *english: str) -> None:
    assert error.params["source"] == "test"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message_zh), error.message_zh
    for word in english:
        assert word in error.message_en, error.message_en


# --- the real fixtures ------------------------------------------------------------------------


@needs_fixtures
def test_chicago_every_request_field_by_field() -> None:
    result = parse_requests(fixture_bytes("chicago_requests.json"), "open311:chicago")

    assert result.rejected == ()
    assert [m.external_id for m in result.messages] == ["14-01100669", "14-01100627"]
    first, second = result.messages
    assert first.source == "open311:chicago"
    assert first.row == 1 and second.row == 2
    assert first.posted_at == utc(2014, 7, 12, 15, 58, 43)
    assert first.updated_at == utc(2014, 7, 12, 16, 8, 21)
    assert first.posted_at is not None and first.posted_at.tzinfo == UTC
    assert first.title == "Alley Light Out"
    assert first.service_name == "Alley Light Out"
    assert first.content == ""  # no description in this feed
    assert first.status == "open"
    assert first.status_notes == ""  # missing key
    assert first.service_code == "4ffa9cad6018277d4000007b"
    assert first.agency == "Division of Electrical Operations CDOT"
    assert first.address == "1540 W 17TH ST, CHICAGO, IL, 60608"
    assert first.lat == 41.858724777757864 and first.lon == -87.66475146237676
    assert first.media_url is None
    assert first.raw["lat"] == "41.858724777757864"
    assert "description" not in first.raw
    assert second.status_notes == "Locked"
    assert second.posted_at == utc(2014, 7, 12, 15, 48, 56)


@needs_fixtures
def test_bloomington_nulls_empty_strings_zero_coordinates_and_crlf() -> None:
    data = fixture_bytes("bloomington_requests.json")
    result = parse_requests(data, "open311:bloomington")
    items = json.loads(data)

    assert len(items) == 21
    assert len(result.messages) == sum(1 for i in items if i.get("service_request_id")) == 21
    assert result.rejected == ()
    assert [m.row for m in result.messages] == list(range(1, 22))
    by_id = {m.external_id: m for m in result.messages}

    crlf = by_id["4fbd40b2b1fe2c4b02000001"]
    assert crlf.content.endswith("a large pickup.\n\nThanks.")
    assert "\r" not in crlf.content
    assert crlf.raw["description"].endswith("pickup.\r\n\r\nThanks.")
    assert crlf.posted_at == utc(2012, 5, 23, 19, 55, 28)
    assert crlf.updated_at == utc(2012, 5, 23, 19, 55, 30)
    assert crlf.address == ""  # address, address_id and zipcode are all null
    assert (crlf.lat, crlf.lon) == (None, None)  # null coordinates
    assert crlf.media_url is None  # ""
    assert crlf.raw["address"] == "" and crlf.raw["lat"] == ""

    zero = by_id["4fbd2b76b1fe2c195f000000"]
    assert zero.raw["lat"] == "0" and zero.raw["long"] == "0"
    assert (zero.lat, zero.lon) == (None, None)
    assert zero.address == "612 W Coolidge DR"
    assert zero.title == "Weeds"
    assert zero.agency == "HAND"

    # address "" and zipcode "" with 0/0: nothing to place it by
    nowhere = by_id["4fbccf85b1fe2cad47000000"]
    assert nowhere.address == ""
    assert (nowhere.lat, nowhere.lon) == (None, None)
    assert nowhere.content.startswith("2400 E 5th  No Parking")

    # description null, media_url with escaped slashes in the file
    app = by_id["4fbd12bcb1fe2c1c7d000001"]
    assert app.content == ""
    assert app.title == "iPhone App Feedback"
    assert app.media_url == (
        "https://bloomington.in.gov/crm/media/2012/05/23/4fbd12bcb1fe2c1c7d000001/media.jpg"
    )
    assert (app.lat, app.lon) == (39.156633, -86.510661)

    # description "" and address from the address field, zipcode ignored
    closed = by_id["4fbd14bbb1fe2c5214000000"]
    assert closed.status == "closed"
    assert closed.content == ""
    assert closed.address == "3313 E Mulberry CT"

    overnight = by_id["4fbc2700b1fe2ca550000001"]
    assert overnight.posted_at == utc(2012, 5, 22, 23, 53, 34)
    assert overnight.updated_at == utc(2012, 5, 23, 16, 43, 16)


@needs_fixtures
def test_spec_xml_example_with_empty_elements_and_trailing_space() -> None:
    result = parse_requests(fixture_bytes("spec_example_requests.xml"), "open311:spec")

    assert result.rejected == ()
    assert [m.external_id for m in result.messages] == ["638344", "638349"]
    first, second = result.messages
    assert first.status == "closed"
    assert first.status_notes == "Duplicate request."
    assert second.status_notes == ""  # <status_notes></status_notes>
    assert first.content == ""  # <description></description>
    assert first.title == "Sidewalk and Curb Issues"
    assert first.agency is None  # <agency_responsible></agency_responsible>
    assert first.service_code == "006"  # kept as text, leading zeros intact
    assert first.posted_at == utc(2010, 4, 14, 14, 37, 38)
    assert second.updated_at == utc(2010, 4, 19, 14, 37, 38)
    assert first.address == "8TH AVE and JUDAH ST"
    assert (first.lat, first.lon) == (37.762221815, -122.4651145)
    assert first.media_url == "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"
    assert first.raw["media_url"].endswith(".jpg ")
    assert first.raw["agency_responsible"] == ""
    assert first.raw["expected_datetime"] == "2010-04-15T06:37:38-08:00"


@needs_fixtures
@pytest.mark.parametrize(
    "name", ["chicago_requests.json", "bloomington_requests.json", "spec_example_requests.xml"]
)
def test_explicit_format_gives_the_same_result_as_sniffing(name: str) -> None:
    data = fixture_bytes(name)
    fmt: Literal["json", "xml"] = "xml" if name.endswith(".xml") else "json"
    explicit = parse_requests(data, "test", fmt=fmt)
    assert explicit == parse_requests(data, "test")
    direct = parse_requests_xml if fmt == "xml" else parse_requests_json
    assert direct(data, "test") == explicit


@needs_fixtures
def test_truncated_fixture_is_a_feed_error_with_line_and_column() -> None:
    data = fixture_bytes("bloomington_requests.json")
    with pytest.raises(FeedFormatError) as caught:
        parse_requests(data[: len(data) // 2], "test")
    assert_bilingual(caught.value, "invalid JSON", "line 1, column")


@needs_fixtures
def test_truncated_xml_is_a_feed_error() -> None:
    data = fixture_bytes("spec_example_requests.xml")
    with pytest.raises(FeedFormatError) as caught:
        parse_requests(data[: len(data) // 2], "test")
    assert_bilingual(caught.value, "invalid XML", "line")


# --- the shape of a response ----------------------------------------------------------------


@pytest.mark.parametrize("key", ["service_requests", "requests"])
def test_wrapped_list_is_accepted(key: str) -> None:
    items = [{"service_request_id": "A1", "description": "Lamp out"}]
    assert parse_requests(feed({key: items}), "test") == parse_requests(feed(items), "test")


def test_sniffing_skips_bom_and_blank_lines() -> None:
    xml = b"\xef\xbb\xbf\r\n  <service_requests><request><service_request_id>7</service_request_id>"
    xml += b"<description>x</description></request></service_requests>"
    assert parse_requests(xml, "test").messages[0].external_id == "7"
    js = b"\xef\xbb\xbf\n\t" + feed([{"service_request_id": 7, "description": "x"}])
    assert parse_requests(js, "test").messages[0].external_id == "7"


def test_request_without_id_is_rejected_with_its_item_number() -> None:
    items = [
        {"service_request_id": "A1", "description": "ok"},
        {"description": "no id at all"},
        {"service_request_id": "  ", "description": "blank id"},
        {"service_request_id": None, "service_name": "null id"},
        {"service_request_id": "A5", "description": "", "service_name": ""},
        "not an object",
    ]
    result = parse_requests(feed(items), "test")

    assert [m.external_id for m in result.messages] == ["A1"]
    assert [r.row for r in result.rejected] == [2, 3, 4, 5, 6]
    assert "service_request_id" in result.rejected[0].reason_en
    assert "诉求编号" in result.rejected[0].reason_zh
    assert "no text" in result.rejected[3].reason_en
    assert result.rejected[0].raw == {"description": "no id at all"}
    assert result.rejected[2].raw["service_request_id"] == ""


def test_numbers_become_decimal_strings_and_text_is_cleaned() -> None:
    item = {
        "service_request_id": 638344,
        "status": " Open ",
        "service_name": None,
        "description": "  Pothole on Main St.\r\nVery deep, please hurry up  \r",
        "address": "",
        "address_id": 545483,
        "zipcode": "94122",
        "lat": "37.76",
        "long": "-122.46 ",
        "media_url": "  ",
        "requested_datetime": "2012-05-09T15:10:26.000-04:00",
        "updated_datetime": "2012-05-09T15:10:26Z",
    }
    (message,) = parse_requests(feed([item]), "test").messages

    assert message.external_id == "638344"
    assert message.status == "open"
    assert message.content == "Pothole on Main St.\nVery deep, please hurry up"
    assert message.title == "Pothole on Main St. Very deep,"
    assert len(message.title) <= 30
    assert message.service_name is None
    assert message.address == "545483"  # address empty: address_id
    assert (message.lat, message.lon) == (37.76, -122.46)
    assert message.media_url is None
    assert message.posted_at == utc(2012, 5, 9, 19, 10, 26)
    assert message.updated_at == utc(2012, 5, 9, 15, 10, 26)
    assert message.raw["service_request_id"] == "638344"
    assert message.raw["service_name"] == ""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2014-07-07T11:52:24-05:00", utc(2014, 7, 7, 16, 52, 24)),
        ("2012-05-09T15:10:26.000-04:00", utc(2012, 5, 9, 19, 10, 26)),
        ("2012-05-09T15:10:26Z", utc(2012, 5, 9, 15, 10, 26)),
        ("2012-05-09T15:10:26", utc(2012, 5, 9, 15, 10, 26)),  # no offset: taken as UTC
        (" 2012-05-09T15:10:26+08:00 ", utc(2012, 5, 9, 7, 10, 26)),
        ("yesterday", None),
        ("2012-13-40T00:00:00Z", None),
        ("", None),
        (None, None),
        (1337000000, None),
    ],
)
def test_datetimes_are_aware_utc_or_none(written: Any, expected: datetime | None) -> None:
    item = {"service_request_id": "A", "description": "x", "requested_datetime": written}
    (message,) = parse_requests(feed([item]), "test").messages
    assert message.posted_at == expected
    if expected is not None:
        assert message.posted_at is not None and message.posted_at.tzinfo == UTC


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (39.1, -86.5, (39.1, -86.5)),
        ("39.1", "-86.5", (39.1, -86.5)),
        (0, 0, (None, None)),
        ("0", "0", (None, None)),
        ("0.0", -86.5, (None, None)),
        ("", "", (None, None)),
        (None, -86.5, (None, None)),
        ("north", "west", (None, None)),
        (91, 10, (None, None)),
        (45, 181, (None, None)),
        ("NaN", "inf", (None, None)),
        ("1_0", "2", (None, None)),
        (True, 10, (None, None)),
        (10**400, 10, (None, None)),
    ],
)
def test_coordinates_are_a_valid_pair_or_none(
    lat: Any, lon: Any, expected: tuple[float | None, float | None]
) -> None:
    item = {"service_request_id": "A", "description": "x", "lat": lat, "long": lon}
    (message,) = parse_requests(feed([item]), "test").messages
    assert (message.lat, message.lon) == expected


def test_empty_list_is_an_empty_result() -> None:
    assert parse_requests(b"[]", "test") == ParseResult(messages=(), rejected=())
    assert parse_requests(b"<service_requests/>", "test") == ParseResult((), ())


def test_xml_namespaces_nested_markup_and_stray_elements() -> None:
    xml = (
        b'<service_requests xmlns="http://open311.org/v2">'
        b"<request><service_request_id> 9 </service_request_id>"
        b"<description>Lamp <b>out</b> &amp; dark</description><lat/><long>3</long></request>"
        b"<note>not a request</note>"
        b"</service_requests>"
    )
    result = parse_requests(xml, "test")
    (message,) = result.messages
    assert message.external_id == "9"
    assert message.content == "Lamp out & dark"
    assert (message.lat, message.lon) == (None, None)
    assert [r.row for r in result.rejected] == [2]


# --- unreadable responses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "english"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x00\x01garbage\xfe", "not UTF-8"),
        (b"hello world", "neither JSON nor XML"),
        (b'[{"service_request_id": "caf\xe9"}]', "offset 28"),
        (b'{"service_requests": "nope"}', "expected a list"),
        (b'"just a string"', "neither JSON nor XML"),
        (b"[1, 2,]", "invalid JSON at line 1, column 7"),
        (b'[{"lat": NaN}]', "invalid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON"),
        (b"<service_requests><request></service_requests>", "invalid XML at line 1"),
        (b"<html><body>502 Bad Gateway</body></html>", "<html>"),
        (
            b"<errors><error><code>403</code><description>Invalid api_key</description>"
            b"</error></errors>",
            "Invalid api_key",
        ),
        (b'[{"code": 400, "description": "jurisdiction_id required"}]', "jurisdiction_id"),
    ],
)
def test_unreadable_response_is_a_bilingual_feed_error(data: bytes, english: str) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_requests(data, "test")
    assert_bilingual(caught.value, english)


def test_utf8_error_offset_counts_the_bom() -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_requests(b"\xef\xbb\xbf[\xff]", "test")
    assert "offset 4" in caught.value.message_en
    assert "第 4 字节" in caught.value.message_zh


def test_wrong_explicit_format_is_a_feed_error() -> None:
    with pytest.raises(FeedFormatError):
        parse_requests(b"[]", "test", fmt="xml")
    with pytest.raises(FeedFormatError):
        parse_requests(b"<service_requests/>", "test", fmt="json")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<service_requests><request><service_request_id>1</service_request_id>
<description>&lol9;</description></request></service_requests>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<service_requests><request><service_request_id>1</service_request_id>
<description>&xxe;</description></request></service_requests>
"""


def test_deeply_nested_xml_text_is_read_without_recursion() -> None:
    depth = 100_000
    xml = (
        b"<service_requests><request><service_request_id>1</service_request_id><description>"
        + b"<x>" * depth
        + b"deep"
        + b"</x>" * depth
        + b"</description></request></service_requests>"
    )
    (message,) = parse_requests(xml, "test").messages
    assert message.content == "deep"


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_requests(data, "test")
    assert_bilingual(caught.value, "entities")


# --- properties -----------------------------------------------------------------------------

OPEN311_KEYS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
field_values = (
    st.none()
    | st.text()
    | st.integers()
    | st.floats()
    | st.sampled_from(["", " ", "0", "2012-05-09T15:10:26Z", "39.1", "\r\n", "-0"])
)
requests = st.lists(
    st.dictionaries(st.sampled_from(OPEN311_KEYS), field_values),
    max_size=8,
)


def parse_or_feed_error(data: bytes) -> ParseResult | None:
    try:
        return parse_requests(data, "test")
    except FeedFormatError:
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_feed_errors(data: bytes) -> None:
    parse_or_feed_error(data)


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_after_a_json_or_xml_start_raise_only_feed_errors(tail: bytes) -> None:
    for head in (b"[", b"{", b"<", b"<service_requests>", b'[{"service_request_id":'):
        parse_or_feed_error(head + tail)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_arbitrary_json_raises_only_feed_errors(value: Any) -> None:
    parse_or_feed_error(json.dumps(value).encode())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(requests, st.sampled_from([None, "service_requests", "requests"]))
def test_every_request_is_either_a_message_or_a_rejection(
    items: list[dict[str, Any]], wrapper: str | None
) -> None:
    data = json.dumps(items if wrapper is None else {wrapper: items}).encode()
    result = parse_or_feed_error(data)
    if result is None:
        return
    assert len(result.messages) + len(result.rejected) == len(items)
    rows = [m.row for m in result.messages] + [r.row for r in result.rejected]
    assert sorted(row or 0 for row in rows) == list(range(1, len(items) + 1))
    for message in result.messages:
        assert message.external_id and message.external_id == message.external_id.strip()
        assert message.title or message.content
        assert message.content == message.content.strip() and "\r" not in message.content
        for moment in (message.posted_at, message.updated_at):
            assert moment is None or moment.utcoffset() is not None
        assert (message.lat is None) == (message.lon is None)
        if message.lat is not None and message.lon is not None:
            assert -90 <= message.lat <= 90 and -180 <= message.lon <= 180
            assert message.lat != 0 and message.lon != 0
        assert all(isinstance(v, str) for v in message.raw.values())


xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")))
xml_requests = st.lists(
    st.dictionaries(
        st.sampled_from(OPEN311_KEYS),
        st.none() | xml_text | st.integers() | st.sampled_from(["", "0", " 7 ", "\r\n"]),
    ),
    max_size=8,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(xml_requests)
def test_xml_of_the_same_requests_gives_one_record_per_request(
    items: list[dict[str, Any]],
) -> None:
    from xml.sax.saxutils import escape

    def element(key: str, value: Any) -> str:
        text = "" if value is None else escape(str(value))
        return f"<{key}>{text}</{key}>"

    body = "".join(
        "<request>" + "".join(element(k, v) for k, v in item.items()) + "</request>"
        for item in items
    )
    result = parse_requests(f"<service_requests>{body}</service_requests>".encode(), "test")
    assert len(result.messages) + len(result.rejected) == len(items)
