"""What becomes of each incoming message: a new work order, an update of a known one, or a
rejection kept for fixing. The chunked transactions around this are ``core/intake.py``'s.

- A message's ``external_ref`` is ``"<source>:<external id>"``, or
  ``"<source>:sha256:<hash of its normalised content>"`` when the source gives no id. A message
  whose reference is known is "already known"; when an Open311 message comes back with a newer
  ``updated_datetime`` (a status change, closed at the source) it is recorded on the existing
  order as an ``external_update`` event and counted as "updated".
- New orders stay ``registered`` for an operator to check category and routing, except when the
  source's service code maps to an active leaf category whose default department is active
  (and the source has not closed the request): then the order is dispatched there at once.
- Messages the desk cannot store (over-long text, a bad phone number, an over-long id) are
  rejected like the rows the parser refused: kept with the batch, with the row as written.

Times: ``clock.now()`` is the registration time; the source's posting time is kept in the
registration event's payload (``posted_at``, aware UTC, ISO 8601).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core import lifecycle
from core.calendar import SHANGHAI
from core.clock import Clock
from core.errors import NotFound, ValidationError
from core.intake_model import IncomingMessage, RejectedRow
from core.intake_ports import (
    BatchCounts,
    BatchStatus,
    IntakeItem,
    IntakeKind,
    IntakeUnitOfWork,
    KnownMessage,
    RejectedRecord,
)
from core.lifecycle import Ctx
from core.model import (
    Actor,
    Category,
    Channel,
    ChannelKind,
    Event,
    EventKind,
    OrderState,
    RequestType,
    Urgency,
    WorkOrder,
)
from core.opinion import OpinionDetails, OpinionHours, new_item
from core.policy import TimeLimitPolicy
from core.validation import (
    MAX_ADDRESS,
    MAX_CONTENT,
    MAX_EXTERNAL_REF,
    MAX_NAME,
    MAX_TITLE,
    normalise_phone,
    text_field,
    title_from_content,
)

_SPACE = re.compile(r"\s+")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
AUTO_DISPATCH_NOTE = "按服务代码映射自动派单 / dispatched by the service-code mapping"


@dataclass(frozen=True)
class IntakeSpec:
    """Where a set of messages comes from and how to register them.

    ``source`` names the source in external references (``open311:chicago``, ``sheet:portal``);
    ``channel_code`` is the channel of the new orders (a spreadsheet row whose 来源 names
    another online channel goes to that one); ``service_map`` maps Open311 service codes to
    category codes.
    """

    source: str
    kind: IntakeKind
    channel_code: str
    file_name: str = ""
    feed_id: int | None = None
    service_map: Mapping[str, str] = field(default_factory=dict)
    request_type: RequestType = RequestType.HELP


@dataclass(frozen=True)
class ImportReport:
    """The outcome of one import: what was accepted, already known, updated or rejected."""

    batch_id: int | None
    source: str
    status: BatchStatus
    total: int
    accepted: int = 0
    known: int = 0
    updated: int = 0
    dispatched: int = 0
    rejected: tuple[RejectedRecord, ...] = ()
    order_ids: tuple[int, ...] = ()  # the new and the updated orders

    @property
    def read_anything(self) -> bool:
        """False when there were items and not one could be taken in."""
        return self.total == 0 or self.accepted + self.known + self.updated > 0

    def summary_zh(self) -> str:
        text = (f"共 {self.total} 条：新登记 {self.accepted} 条（其中直接派单 {self.dispatched} "
                f"条），已存在 {self.known} 条，更新 {self.updated} 条，"
                f"拒收 {len(self.rejected)} 条")
        if self.status is BatchStatus.CANCELLED:
            text += "；导入已取消，已提交的部分保留"
        return text

    def summary_en(self) -> str:
        text = (f"{self.total} items: {self.accepted} new orders ({self.dispatched} dispatched "
                f"at once), {self.known} already known, {self.updated} updated, "
                f"{len(self.rejected)} rejected")
        if self.status is BatchStatus.CANCELLED:
            text += "; import cancelled, the committed part is kept"
        return text


# --- references ----------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(message: IncomingMessage) -> str:
    """SHA-256 of what identifies a message without an id: its text, author and time, after
    Unicode (NFKC), whitespace and case normalisation."""
    parts = [
        _normalised(message.title),
        _normalised(message.content),
        message.posted_at.isoformat() if message.posted_at else "",
        _normalised(message.caller_name),
        _normalised(message.caller_phone),
        _normalised(message.address),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()


def external_ref(source: str, message: IncomingMessage) -> str:
    external_id = (message.external_id or "").strip()
    if external_id:
        return f"{source}:{external_id}"
    return f"{source}:sha256:{content_hash(message)}"


def storable(text: str) -> str:
    """Text any database stores: NUL dropped, lone surrogates replaced."""
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def _record(row: RejectedRow | IncomingMessage, reason_zh: str, reason_en: str
            ) -> RejectedRecord:
    raw = {storable(str(k)): storable(str(v)) for k, v in row.raw.items()}
    external_id = getattr(row, "external_id", None) or _id_in(raw)
    return RejectedRecord(row.row, storable(reason_zh), storable(reason_en), raw,
                          storable(external_id)[:MAX_EXTERNAL_REF] if external_id else None)


def _id_in(raw: Mapping[str, str]) -> str | None:
    """The external id of a refused row, when one of its columns holds it."""
    from core.sheet_import import detect_columns

    keys = list(raw)
    if "service_request_id" in raw:
        return raw["service_request_id"].strip() or None
    column = detect_columns(keys).get("external_id")
    return (raw[keys[column]].strip() or None) if column is not None else None


# --- the importer ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """Reference data the whole import needs, read once."""

    channel: Channel
    channels_by_hint: Mapping[str, Channel]
    categories: Mapping[str, Category]  # service code -> leaf category
    dispatch_to: Mapping[str, int]  # service code -> active default department
    feed_id: int | None

    @staticmethod
    def load(uow: IntakeUnitOfWork, spec: IntakeSpec, source: str) -> Setup:
        channel = _written_channel(uow.reference.channel_by_code(spec.channel_code))
        if channel is None:  # a source name that is no online channel: the kind's own
            channel = _written_channel(uow.reference.channel_by_code(spec.kind.value))
        if channel is None:
            raise NotFound(what_en="Channel", what_zh="来源渠道", key=spec.channel_code)
        feed_id, service_map = spec.feed_id, dict(spec.service_map)
        if spec.kind is IntakeKind.OPEN311 and feed_id is None:
            feed = next((f for f in uow.feeds.feeds() if f.source == source), None)
            if feed is not None:
                feed_id, service_map = feed.id, service_map or dict(feed.service_map)
        hints = {}
        for ch in uow.reference.channels():
            if ch.active and ch.kind in (ChannelKind.ONLINE, ChannelKind.OPINION):
                hints[_normalised(ch.name)] = ch
                hints[_normalised(ch.code)] = ch
        categories: dict[str, Category] = {}
        dispatch_to: dict[str, int] = {}
        for code, category_code in service_map.items():
            cat = uow.reference.category_by_code(category_code)
            if cat is None or not cat.active or not cat.is_leaf:
                continue
            categories[code] = cat
            dept = (uow.reference.department(cat.default_department_id)
                    if cat.default_department_id is not None else None)
            if dept is not None and dept.active:
                dispatch_to[code] = dept.id
        return Setup(channel, hints, categories, dispatch_to, feed_id)

    def channel_for(self, hint: str | None) -> Channel:
        if hint:
            key = _normalised(hint)
            if key in self.channels_by_hint:
                return self.channels_by_hint[key]
        return self.channel


def _written_channel(channel: Channel | None) -> Channel | None:
    """The channel if written messages may come through it (online or public opinion)."""
    if channel is None or not channel.active:
        return None
    return channel if channel.kind in (ChannelKind.ONLINE, ChannelKind.OPINION) else None


class _Refused(Exception):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh, self.reason_en = reason_zh, reason_en


@dataclass
class _Chunk:
    """One chunk's results, adopted by the import only once its transaction committed."""

    counts: BatchCounts = field(default_factory=BatchCounts)
    rejected: list[RejectedRecord] = field(default_factory=list)
    order_ids: list[int] = field(default_factory=list)
    known: dict[str, KnownMessage] = field(default_factory=dict)
    size: int = 0


class Importer:
    """Carries the running totals across chunks; one instance per import."""

    def __init__(self, actor: Actor, clock: Clock, spec: IntakeSpec, source: str,
                 setup: Setup) -> None:
        self._actor, self._clock, self._spec = actor, clock, spec
        self._source, self._setup = source, setup
        self._policy: TimeLimitPolicy | None = None
        self._opinion_hours: OpinionHours | None = None
        self._total = _Chunk()
        self._seen: dict[str, KnownMessage] = {}  # what this import committed so far
        self._pending: _Chunk | None = None

    @property
    def done(self) -> int:
        return self._total.size

    def take(self, uow: IntakeUnitOfWork, batch_id: int,
             items: Sequence[IncomingMessage | RejectedRow]) -> BatchCounts:
        """Process one chunk inside ``uow`` (the caller commits)."""
        ctx = Ctx(self._actor, self._clock.now(), uow.reference.calendar(),
                  uow.reference.rules())
        if self._policy is None:
            self._policy = uow.reference.policy(self._spec.request_type, Urgency.NORMAL)
        refs = [self._ref(i) if isinstance(i, IncomingMessage) else None for i in items]
        chunk = _Chunk(known=dict(self._seen), size=len(items))
        chunk.known.update(uow.intake.known({r for r in refs if r is not None}))
        fixed: set[str] = set()
        for item, ref in zip(items, refs, strict=True):
            if isinstance(item, RejectedRow):
                chunk.rejected.append(_record(item, item.reason_zh, item.reason_en))
                continue
            try:
                self._take_message(uow, batch_id, ref, item, ctx, chunk)
            except _Refused as refused:
                chunk.rejected.append(_record(item, refused.reason_zh, refused.reason_en))
                continue
            if item.external_id:
                fixed.add(item.external_id)
        if chunk.rejected:
            uow.intake.add_rejected(batch_id, self._source, chunk.rejected)
        if fixed:
            uow.intake.resolve_rejected(self._source, fixed, ctx.now)
        chunk.counts += BatchCounts(rejected=len(chunk.rejected))
        self._pending = chunk
        return chunk.counts

    def _take_message(self, uow: IntakeUnitOfWork, batch_id: int, ref: str | None,
                      message: IncomingMessage, ctx: Ctx, chunk: _Chunk) -> None:
        if ref is None:
            raise _Refused(f"外部编号过长（连同来源名称最多 {MAX_EXTERNAL_REF} 个字符）",
                           f"the external id is too long (at most {MAX_EXTERNAL_REF} "
                           "characters with the source name)")
        if ref in chunk.known:
            order_id, changed = self._recheck(uow, batch_id, ref, message, chunk.known[ref], ctx)
            chunk.counts += BatchCounts(updated=1) if changed else BatchCounts(known=1)
            if changed:
                chunk.order_ids.append(order_id)
            if not changed:
                return
        else:
            order_id, dispatched = self._register(uow, batch_id, ref, message, ctx)
            chunk.counts += BatchCounts(accepted=1, dispatched=int(dispatched))
            chunk.order_ids.append(order_id)
        chunk.known[ref] = KnownMessage(order_id, message.updated_at, message.status,
                                        message.status_notes)

    def commit_chunk(self) -> None:
        """The chunk's transaction committed: its results become the import's."""
        chunk, self._pending = self._pending, None
        assert chunk is not None
        self._total.counts += chunk.counts
        self._total.rejected += chunk.rejected
        self._total.order_ids += chunk.order_ids
        self._total.size += chunk.size
        self._seen = chunk.known

    def report(self, batch_id: int | None, status: BatchStatus, total: int) -> ImportReport:
        c = self._total.counts
        return ImportReport(batch_id, self._source, status, total, c.accepted, c.known,
                            c.updated, c.dispatched, tuple(self._total.rejected),
                            tuple(dict.fromkeys(self._total.order_ids)))

    # --- one message --------------------------------------------------------------------------

    def _ref(self, message: IncomingMessage) -> str | None:
        ref = external_ref(self._source, message)
        return ref if len(ref) <= MAX_EXTERNAL_REF else None

    def _register(self, uow: IntakeUnitOfWork, batch_id: int, ref: str,
                  message: IncomingMessage, ctx: Ctx) -> tuple[int, bool]:
        fields = _order_fields(message)
        channel = self._setup.channel_for(message.channel_hint)
        code = message.service_code or ""
        category = self._setup.categories.get(code)
        contact_id = None
        if fields.phone:
            contact_id = uow.reference.contact_id_for(fields.phone, fields.name, ctx.now)
        order = WorkOrder(
            id=None,
            ticket_no=uow.orders.next_ticket_no(ctx.now.astimezone(SHANGHAI).date()),
            channel_id=channel.id, contact_id=contact_id, caller_name=fields.name,
            caller_phone=fields.phone, anonymous=False, address=fields.address,
            category_id=category.id if category else None,
            request_type=self._spec.request_type, urgency=Urgency.NORMAL,
            title=fields.title, content=fields.content, state=OrderState.REGISTERED,
            registered_at=ctx.now, registered_by=ctx.actor.user_id, external_ref=ref,
        )
        lifecycle.record_registration(order, ctx)
        order.new_events[-1].payload.update(_source_payload(message, ref, batch_id))
        department = self._setup.dispatch_to.get(code)
        dispatch = department is not None and (message.status or "open") != "closed"
        if dispatch:
            assert department is not None and self._policy is not None
            lifecycle.dispatch(order, department, [], self._policy, ctx,
                               note=AUTO_DISPATCH_NOTE)
        uow.orders.add(order)
        assert order.id is not None
        if channel.kind is ChannelKind.OPINION:
            self._opinion_item(uow, order, message)
        uow.intake.remember(IntakeItem(ref, order.id, self._source, message.external_id,
                                       batch_id, message.updated_at, message.status,
                                       message.status_notes, ctx.now))
        return order.id, dispatch

    def _opinion_item(self, uow: IntakeUnitOfWork, order: WorkOrder,
                      message: IncomingMessage) -> None:
        """A message into a 舆情 channel gets its 舆情 record (platform, link, posting time,
        reach, the provisional response clock) where the store keeps them (``opinions``)."""
        opinions = getattr(uow, "opinions", None)
        if opinions is None:  # a store without 舆情 items: the registration payload has them
            return
        if self._opinion_hours is None:
            self._opinion_hours = opinions.hours()
        details = OpinionDetails(message.platform, message.link, message.posted_at,
                                 max(message.reach or 0, 0))
        opinions.add(new_item(order, details, self._opinion_hours))

    def _recheck(self, uow: IntakeUnitOfWork, batch_id: int, ref: str,
                 message: IncomingMessage, known: KnownMessage, ctx: Ctx) -> tuple[int, bool]:
        """Record a newer version of a known message on its order; (order id, changed)."""
        newer = message.updated_at is not None and (
            known.updated_at is None or message.updated_at > known.updated_at)
        if not newer:
            return known.order_id, False
        order = uow.orders.get(known.order_id)
        order.new_events.append(Event(
            id=None, order_id=order.id, assignment_id=None, at=ctx.now,
            actor_id=ctx.actor.user_id, kind=EventKind.EXTERNAL_UPDATE,
            from_state=order.state, to_state=order.state,
            payload={
                "source": self._source, "external_id": message.external_id,
                "external_ref": ref, "batch_id": batch_id,
                "updated_at": message.updated_at.isoformat() if message.updated_at else None,
                "status": message.status, "previous_status": known.status,
                "status_notes": message.status_notes,
                "previous_status_notes": known.status_notes,
            },
        ))
        order.updated_at = ctx.now
        uow.orders.save(order)
        uow.intake.remember(IntakeItem(ref, known.order_id, self._source, message.external_id,
                                       batch_id, message.updated_at, message.status,
                                       message.status_notes, ctx.now))
        return known.order_id, True


@dataclass(frozen=True)
class _OrderFields:
    title: str
    content: str
    name: str
    phone: str
    address: str


def _order_fields(message: IncomingMessage) -> _OrderFields:
    """The order's text fields, checked as registration checks them; raises ``_Refused``."""
    try:
        content = text_field(message.content or message.title, "content", "诉求内容",
                             max_len=MAX_CONTENT)
        title = " ".join(message.title.split()) or title_from_content(content)
        if len(title) > MAX_TITLE:
            title = title[:MAX_TITLE - 1] + "…"
        name = text_field(message.caller_name, "caller name", "留言人", max_len=MAX_NAME,
                          required=False)
        phone = normalise_phone(message.caller_phone)
        address = text_field(message.address, "address", "地址", max_len=MAX_ADDRESS,
                             required=False)
    except ValidationError as exc:
        raise _Refused(exc.message_zh, exc.message_en) from None
    return _OrderFields(title, content, name, phone, address)


def _source_payload(message: IncomingMessage, ref: str, batch_id: int) -> dict[str, object]:
    values: dict[str, object] = {
        "source": message.source, "external_id": message.external_id, "external_ref": ref,
        "batch_id": batch_id, "row": message.row,
        "posted_at": message.posted_at.isoformat() if message.posted_at else None,
        "updated_at": message.updated_at.isoformat() if message.updated_at else None,
        "status": message.status, "status_notes": message.status_notes,
        "service_code": message.service_code, "service_name": message.service_name,
        "agency": message.agency, "lat": message.lat, "lon": message.lon,
        "media_url": message.media_url, "channel_hint": message.channel_hint,
        "platform": message.platform, "link": message.link, "reach": message.reach,
    }
    return {k: storable(v) if isinstance(v, str) else v for k, v in values.items()
            if v not in (None, "")}
