"""Open311 feeds: what an administrator configures, and polling them with position keeping.

A poll asks the feed's ``GET requests`` for requests from its last position on (``start_date``,
inclusive, so nothing posted at that very instant is missed; what is read twice is recognised
by its reference). A feed answers at most ``PAGE_LIMIT`` requests at a time; a full page is
followed by the next window (after the newest request of an ascending page, before the oldest
of a descending one) until a page is not full. Only when every page was read is anything
imported and the position moved on; a network error, an HTTP error or an unreadable response
records the error on the feed, keeps its position, and the next run tries again.

HTTP is ``urllib.request`` with a timeout; tests hand in their own ``fetch``. Times are UTC.
"""

from __future__ import annotations

import http.client
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from core.clock import Clock
from core.errors import DeskError, NotFound, invalid
from core.intake import IntakeUowFactory, import_parsed
from core.intake_model import FeedFormatError, IncomingMessage, ParseResult, RejectedRow
from core.intake_orders import ImportReport, IntakeSpec
from core.intake_ports import FeedConfig, FeedFormat, IntakeKind, IntakeUnitOfWork
from core.model import SYSTEM, Actor, RequestType, Role
from core.open311 import parse_requests
from core.permissions import permit

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0  # seconds per HTTP request
PAGE_LIMIT = 1000  # GeoReport v2: a server returns at most this many requests at once
MAX_PAGES = 50
MAX_BYTES = 50 * 1024 * 1024
MAX_INTERVAL = 7 * 24 * 60
USER_AGENT = "hotline8890-desk/1.0 (Open311 GeoReport v2 client)"

_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_REQUESTS_PATH = re.compile(r"/requests\.(json|xml)$")

Fetch = Callable[[str, float], bytes]


class FeedUnavailable(DeskError):
    """The feed could not be reached or did not answer properly (network, HTTP, timeout)."""

    code = "feed_unavailable"
    en = "{feed}: {problem_en}"
    zh = "{feed}：{problem_zh}"


# --- HTTP -------------------------------------------------------------------------------------


def http_get(url: str, timeout: float) -> bytes:
    """The body of ``GET url``; raises :class:`FeedUnavailable` for anything but a complete
    2xx answer of at most ``MAX_BYTES``."""
    host = urlsplit(url).netloc or url[:80]
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "application/json, application/xml;q=0.9"})

    def fail(zh: str, en: str) -> FeedUnavailable:
        return FeedUnavailable(feed=host, problem_zh=zh, problem_en=en)

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return _read_body(response, fail)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise fail(f"服务器返回 HTTP {exc.code} 错误（{exc.reason}）",
                   f"the server answered HTTP {exc.code} ({exc.reason})") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise fail(f"{timeout:g} 秒内没有响应", f"no answer within {timeout:g} s") from None
        raise fail(f"无法连接（{exc.reason}）", f"cannot connect ({exc.reason})") from None
    except TimeoutError:
        raise fail(f"{timeout:g} 秒内没有响应", f"no answer within {timeout:g} s") from None
    except http.client.IncompleteRead as exc:
        raise fail(f"响应不完整（只收到 {len(exc.partial)} 字节）",
                   f"the answer was cut off after {len(exc.partial)} bytes") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise fail(f"读取失败（{type(exc).__name__}：{exc}）",
                   f"reading failed ({type(exc).__name__}: {exc})") from None


def _read_body(response: http.client.HTTPResponse,
               fail: Callable[[str, str], FeedUnavailable]) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := response.read(65536):
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise fail(f"响应超过 {MAX_BYTES // 1024 // 1024} MB", f"the answer exceeds "
                       f"{MAX_BYTES // 1024 // 1024} MB")
    missing = getattr(response, "length", None)
    if missing:
        raise fail(f"响应不完整（只收到 {size} 字节，缺少 {missing} 字节）",
                   f"the answer was cut off after {size} bytes ({missing} missing)")
    return b"".join(parts)


def w3c(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def requests_url(feed: FeedConfig, start: datetime | None, end: datetime | None = None) -> str:
    """``<base>/requests.<format>?jurisdiction_id=..&start_date=..&end_date=..``; a base URL that
    already ends in ``requests.json``/``.xml`` is used as it is, its other parameters kept."""
    parts = urlsplit(feed.base_url.strip())
    path = parts.path
    if not _REQUESTS_PATH.search(path):
        path = f"{path.rstrip('/')}/requests.{feed.format.value}"
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
              if k not in ("start_date", "end_date", "jurisdiction_id")]
    if feed.jurisdiction_id:
        params.append(("jurisdiction_id", feed.jurisdiction_id))
    if start is not None:
        params.append(("start_date", w3c(start)))
    if end is not None:
        params.append(("end_date", w3c(end)))
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(params), ""))


# --- configuration ----------------------------------------------------------------------------


def add_feed(
    uow: IntakeUnitOfWork,
    actor: Actor,
    clock: Clock,
    name: str,
    base_url: str,
    *,
    fmt: FeedFormat = FeedFormat.JSON,
    jurisdiction_id: str = "",
    interval_minutes: int = 15,
    service_map: Mapping[str, str] | None = None,
    start: datetime | None = None,
) -> FeedConfig:
    """Configure a feed (administrators). ``start`` is where the first poll begins (default:
    what the server gives without a start date, usually its last 90 days)."""
    permit(actor, "administer", Role.ADMINISTRATOR)
    name = name.strip()
    if not _NAME.match(name):
        raise invalid("feed name", "数据源名称", "use 1 to 64 letters, digits, '_' or '-'",
                      "只能使用1至64个字母、数字、_ 或 -")
    url = base_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise invalid("base URL", "接口地址", "give an http:// or https:// address",
                      "请填写以 http:// 或 https:// 开头的地址")
    if not isinstance(interval_minutes, int) or not 1 <= interval_minutes <= MAX_INTERVAL:
        raise invalid("interval", "轮询间隔", f"must be 1 to {MAX_INTERVAL} minutes",
                      f"须为 1 至 {MAX_INTERVAL} 分钟")
    if len(jurisdiction_id.strip()) > 100:
        raise invalid("jurisdiction", "辖区编号", "at most 100 characters", "最多 100 个字符")
    with uow:
        mapping = _checked_map(uow, service_map or {})
        if uow.feeds.feed(name) is not None:
            raise invalid("feed name", "数据源名称", f"'{name}' exists already",
                          f"“{name}”已存在")
        feed = FeedConfig(None, name, url, jurisdiction_id.strip(), FeedFormat(fmt),
                          interval_minutes, mapping, True, start, created_at=clock.now())
        feed = replace(feed, id=uow.feeds.add_feed(feed))
        uow.commit()
        return feed


def _checked_map(uow: IntakeUnitOfWork, service_map: Mapping[str, str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for code, category_code in service_map.items():
        cat = uow.reference.category_by_code(category_code.strip())
        if cat is None:
            raise NotFound(what_en="Category", what_zh="事项分类", key=category_code)
        if not cat.is_leaf:
            raise invalid("service mapping", "服务代码映射",
                          f"'{cat.name}' is not a leaf of the category tree",
                          f"“{cat.name}”不是末级分类，请选择第三级事项")
        mapping[code.strip()] = cat.code
    return mapping


def remove_feed(uow: IntakeUnitOfWork, actor: Actor, name: str) -> None:
    permit(actor, "administer", Role.ADMINISTRATOR)
    with uow:
        if not uow.feeds.remove_feed(name):
            raise NotFound(what_en="Feed", what_zh="数据源", key=name)
        uow.commit()


def list_feeds(uow: IntakeUnitOfWork) -> list[FeedConfig]:
    with uow:
        return uow.feeds.feeds()


def is_due(feed: FeedConfig, now: datetime) -> bool:
    return feed.active and (feed.last_polled_at is None or
                            now >= feed.last_polled_at + timedelta(minutes=feed.interval_minutes))


# --- polling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PollOutcome:
    """One feed's poll: the import report, or why nothing was read (position kept)."""

    feed: str
    report: ImportReport | None
    pages: int = 0
    position: datetime | None = None  # the feed's position after the poll
    error_zh: str = ""
    error_en: str = ""
    warning_zh: str = ""
    warning_en: str = ""

    @property
    def ok(self) -> bool:
        return self.report is not None


@dataclass(frozen=True)
class _Fetched:
    parsed: ParseResult
    pages: int
    newest: datetime | None
    warning: tuple[str, str] | None


def _fetch_all(feed: FeedConfig, fetch: Fetch, timeout: float, now: datetime,
               page_limit: int) -> _Fetched:
    """Every page from the feed's position on; raises FeedUnavailable / FeedFormatError.

    A posting time more than a day after ``now`` (a server's clock gone wrong) does not move
    the position, or it would hide every request posted before that time."""
    start, end = feed.last_position, None
    messages: dict[str, IncomingMessage] = {}
    rejected: list[RejectedRow] = []
    newest, pages, offset = feed.last_position, 0, 0
    warning: tuple[str, str] | None = None
    while True:
        data = fetch(requests_url(feed, start, end), timeout)
        page = parse_requests(data, feed.source)  # sniffed: errors may come as XML or JSON
        pages += 1
        for m in page.messages:
            m = replace(m, row=offset + (m.row or 0))
            key = m.external_id or ""
            if key not in messages or _newer(m, messages[key]):
                messages[key] = m
        rejected += [replace(x, row=offset + (x.row or 0)) for x in page.rejected]
        count = len(page.messages) + len(page.rejected)
        offset += count
        times = [m.posted_at for m in page.messages
                 if m.posted_at is not None and m.posted_at <= now + timedelta(days=1)]
        if times:
            newest = max([*times, *([newest] if newest else [])])
        if count < page_limit:
            break
        window = _next_window(page.messages, start, end)
        if window is None or pages >= MAX_PAGES:
            warning = ("数据源一次返回满 1000 条且无法继续分页，部分诉求可能要到下次轮询才能取到",
                       "the feed returned a full page of 1000 and cannot be paged further; "
                       "some requests may only come with the next poll")
            break
        start, end = window
    parsed = ParseResult(tuple(sorted(messages.values(), key=lambda m: m.row or 0)),
                         tuple(rejected))
    return _Fetched(parsed, pages, newest, warning)


def _newer(a: IncomingMessage, b: IncomingMessage) -> bool:
    return a.updated_at is not None and (b.updated_at is None or a.updated_at > b.updated_at)


def _next_window(page: Sequence[IncomingMessage], start: datetime | None,
                 end: datetime | None) -> tuple[datetime | None, datetime | None] | None:
    """The window after a full page, or None when it would not move."""
    times = [m.posted_at for m in page if m.posted_at is not None]
    if len(times) < 2:
        return None
    if times[0] <= times[-1]:  # ascending: the rest is after the newest
        after = max(times)
        return None if start is not None and after <= start else (after, end)
    before = min(times)  # descending: the rest is before the oldest
    return None if end is not None and before >= end else (start, before)


def poll_feed(
    uow_factory: IntakeUowFactory,
    actor: Actor,
    clock: Clock,
    name: str,
    *,
    fetch: Fetch = http_get,
    timeout: float = DEFAULT_TIMEOUT,
    page_limit: int = PAGE_LIMIT,
) -> PollOutcome:
    """Poll one feed now (whether due or not). Never raises for a feed that fails: the
    outcome carries the error, which is also recorded on the feed. ``page_limit`` is the
    server's page size (a page that size is followed by the next)."""
    permit(actor, "register", Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR)
    with uow_factory() as uow:
        feed = uow.feeds.feed(name)
    if feed is None:
        raise NotFound(what_en="Feed", what_zh="数据源", key=name)
    try:
        fetched = _fetch_all(feed, fetch, timeout, clock.now(), page_limit)
        spec = IntakeSpec(feed.source, IntakeKind.OPEN311, "open311", feed_id=feed.id,
                          service_map=feed.service_map, request_type=RequestType.HELP)
        report = import_parsed(uow_factory, actor, clock, fetched.parsed, spec)
    except (FeedUnavailable, FeedFormatError) as exc:
        return _failed(uow_factory, clock, feed, exc.message_zh, exc.message_en)
    except Exception as exc:  # noqa: BLE001 - one feed's fault must not stop the others
        log.exception("polling feed %s failed", name)
        return _failed(uow_factory, clock, feed, f"内部错误：{type(exc).__name__}",
                       f"internal error: {type(exc).__name__}")
    warning = fetched.warning or ("", "")
    position = _record(uow_factory, name, lambda f: replace(
        f, last_position=_later(f.last_position, fetched.newest), last_polled_at=clock.now(),
        last_success_at=clock.now(), last_error=" / ".join(w for w in warning if w),
        failures=0))
    return PollOutcome(name, report, fetched.pages, position, warning_zh=warning[0],
                       warning_en=warning[1])


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(x for x in (a, b) if x is not None) if (a or b) else None


def _failed(uow_factory: IntakeUowFactory, clock: Clock, feed: FeedConfig, zh: str,
            en: str) -> PollOutcome:
    position = _record(uow_factory, feed.name, lambda f: replace(
        f, last_polled_at=clock.now(), last_error=f"{zh} / {en}", failures=f.failures + 1))
    return PollOutcome(feed.name, None, position=position, error_zh=zh, error_en=en)


def _record(uow_factory: IntakeUowFactory, name: str,
            change: Callable[[FeedConfig], FeedConfig]) -> datetime | None:
    """Apply ``change`` to the stored feed (read again: an edit meanwhile is kept)."""
    try:
        with uow_factory() as uow:
            feed = uow.feeds.feed(name)
            if feed is None:
                return None
            feed = change(feed)
            uow.feeds.save_feed(feed)
            uow.commit()
            return feed.last_position
    except Exception:  # noqa: BLE001 - logged; the next poll tries again
        log.exception("could not record the poll of feed %s", name)
        return None


def poll_feeds(
    uow_factory: IntakeUowFactory,
    actor: Actor,
    clock: Clock,
    names: Sequence[str] | None = None,
    *,
    due_only: bool = False,
    fetch: Fetch = http_get,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[PollOutcome]:
    """Poll the named feeds (default: every active one; ``due_only``: those whose interval
    has passed), one after the other."""
    with uow_factory() as uow:
        feeds = uow.feeds.feeds()
    if names:
        known = {f.name for f in feeds}
        missing = [n for n in names if n not in known]
        if missing:
            raise NotFound(what_en="Feed", what_zh="数据源", key=", ".join(missing))
        feeds = [f for f in feeds if f.name in names]
    else:
        feeds = [f for f in feeds if f.active]
    now = clock.now()
    return [poll_feed(uow_factory, actor, clock, f.name, fetch=fetch, timeout=timeout)
            for f in feeds if not due_only or is_due(f, now)]


def run_feed_poll(uow_factory: IntakeUowFactory, clock: Clock) -> list[PollOutcome]:
    """The scheduler job: poll the due feeds as the system."""
    outcomes = poll_feeds(uow_factory, SYSTEM, clock, due_only=True)
    for o in outcomes:
        if o.report is not None and (o.report.accepted or o.report.updated):
            log.info("feed %s: %s", o.feed, o.report.summary_en())
        elif not o.ok:
            log.warning("feed %s failed: %s", o.feed, o.error_en)
    return outcomes
