"""Words and proportions for the bulk generator (``db/synth.py``): who calls, when, about what.

Pure and deterministic for a given ``random.Random``: the intake of a data set (registration
times over three years with one busy week, callers with repeat callers, Chinese addresses with
residential estates, the citizen's words from the demo centre's templates per category) and the
proportions of channels, request types, urgencies and callback outcomes. Nothing here is a real
person or case.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

from core import demo_data
from core.calendar import SHANGHAI, WorkCalendar
from core.model import CallbackOutcome, RequestType, Urgency

T = TypeVar("T")

# Channel codes (db/setup.CHANNELS) with their share of the intake in per mille. 舆情监测
# (opinion) is left out: its orders come with public-opinion items (core/opinion.py), which the
# generator does not make yet.
CHANNELS: tuple[tuple[str, int], ...] = (
    ("hotline", 690), ("portal", 95), ("people", 25), ("minxin", 50), ("wechat", 70),
    ("weibo", 20), ("open311", 10), ("sheet", 5), ("leader", 10), ("letter", 25),
)
ONLINE = frozenset({"portal", "people", "minxin", "wechat", "weibo", "open311", "sheet"})
# For templates without a request-type prefix (most start with 来电人反映…).
PLAIN_TYPES: tuple[tuple[RequestType, int], ...] = (
    (RequestType.COMPLAINT, 46), (RequestType.HELP, 34), (RequestType.CONSULTATION, 12),
    (RequestType.REPORT, 3), (RequestType.SUGGESTION, 2), (RequestType.OTHER, 3),
)
PREFIX_TYPES: dict[str, RequestType] = {
    "咨询：": RequestType.CONSULTATION, "表扬：": RequestType.PRAISE, "举报：": RequestType.REPORT,
    "建议：": RequestType.SUGGESTION, "投诉：": RequestType.COMPLAINT, "求助：": RequestType.HELP,
}
URGENCIES: tuple[tuple[Urgency, int], ...] = (
    (Urgency.NORMAL, 940), (Urgency.URGENT, 50), (Urgency.CRITICAL, 10),
)
OUTCOMES: tuple[tuple[CallbackOutcome, int], ...] = (
    (CallbackOutcome.SATISFIED, 66), (CallbackOutcome.BASICALLY_SATISFIED, 15),
    (CallbackOutcome.UNSATISFIED, 7), (CallbackOutcome.NOT_REACHED, 9),
    (CallbackOutcome.DECLINED, 3),
)
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 9, 11, 14, 14, 12, 9, 7, 6, 5, 4, 3, 2)
WEEKDAY_WEIGHTS = (1.15, 1.0, 1.0, 1.0, 0.95, 0.65, 0.55)
HOLIDAY_WEIGHT = 0.55
YEARLY_GROWTH = 0.25
BUSY_SHARE = 0.02  # the busy week holds 2 % of all orders (20,000 of 1,000,000)
REPEAT_SHARE = 0.30  # orders from a caller who called before
ANONYMOUS_SHARE = 0.012  # anonymous reports (举报) without a phone
# 室温不达标, 供暖费收缴, 供热管网漏水, 供暖报停与开栓: the heating season (November to March)
HEATING_LEAVES = ("010201", "010202", "010203", "010204")
WINTER_LEAVES = (*HEATING_LEAVES, "020304")  # and 道路积雪清除
# The most frequent leaf categories of a northern city's hotline, most frequent first; the other
# leaves follow in a fixed shuffled order, all on a Zipf curve.
POPULAR_LEAVES = (
    "010104", "010201", "050101", "040103", "110101", "040101", "020101", "010102", "100202",
    "060201", "020102", "030102", "010101", "020302", "040201", "110201", "020301", "070101",
    "090101", "090301", "060204", "010303", "100302", "020201", "110501", "010304",
)

_ESTATE_HEADS = (
    "锦绣", "阳光", "海景", "金地", "万达", "华府", "星海", "凯旋", "名仕", "翠竹", "和平", "幸福",
    "丽景", "春柳", "金色", "紫云", "山水", "滨海", "绿洲", "泉水", "香洲", "天河", "明珠", "鑫城",
    "富丽", "嘉和", "恒大", "保利", "中海", "远洋", "亿达", "东方", "长兴", "博雅", "泰德", "兴业",
)
_ESTATE_TAILS = (
    "花园", "家园", "小区", "新村", "公寓", "雅居", "名苑", "华庭", "绿城", "佳园", "尚城", "御府",
    "一期", "二期", "嘉园", "丽都",
)
_ONLINE_SPEAKERS = ("网友", "留言人")
_CALLERS = ("来电人", "来电人", "来电人", "市民", "来电市民", "居民")
_CLOSINGS = (
    "", "", "", "请尽快处理。", "希望相关部门尽快核实处理。", "来电人要求回复处理结果。",
    "来电人表示如仍得不到解决将继续反映。", "请相关部门予以重视。",
)
_TITLES = ("先生", "女士")


def pick(rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


class Weighted(Generic[T]):
    """A weighted choice with its cumulative weights worked out once."""

    def __init__(self, weighted: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in weighted]
        self.cum = list(accumulate(w for _, w in weighted))

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cum)[0]


# --- when: registration times ----------------------------------------------------------------


def busy_week_start(end: datetime) -> date:
    """The Monday of the busy week: the start of the heating season a year before ``end``."""
    local = end.astimezone(SHANGHAI).date()
    nov1 = date(local.year - 1, 11, 1)
    return nov1 + timedelta(days=(7 - nov1.weekday()) % 7)


def daily_counts(n: int, end: datetime, cal: WorkCalendar, years: int = 3) -> dict[date, int]:
    """Orders per local day over ``years`` years ending at ``end``: growing over time, fewer at
    weekends and on holidays, and one busy week holding ``BUSY_SHARE`` of all orders."""
    last = end.astimezone(SHANGHAI).date()
    first = last.replace(year=last.year - years) + timedelta(days=1)
    busy_first = busy_week_start(end)
    busy = {busy_first + timedelta(days=i) for i in range(7)}
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    span = max(len(days) - 1, 1)

    def weight(d: date, i: int) -> float:
        w = (1 + YEARLY_GROWTH * years * i / span) * WEEKDAY_WEIGHTS[d.weekday()]
        if d.weekday() < 5 and not cal.is_working_day(d):
            w *= HOLIDAY_WEIGHT
        return w

    weights = {d: weight(d, i) for i, d in enumerate(days)}
    n_busy = round(n * BUSY_SHARE)
    out = _apportion(n_busy, {d: weights[d] for d in days if d in busy})
    out.update(_apportion(n - n_busy, {d: w for d, w in weights.items() if d not in busy}))
    return out


def _apportion(n: int, weights: dict[date, float]) -> dict[date, int]:
    """Largest-remainder rounding: whole counts that add up to ``n``."""
    total = sum(weights.values())
    exact = {d: n * w / total for d, w in weights.items()}
    counts = {d: int(x) for d, x in exact.items()}
    left = n - sum(counts.values())
    for d in sorted(exact, key=lambda d: (counts[d] - exact[d], d))[:left]:
        counts[d] += 1
    return counts


def registration_times(rng: random.Random, counts: dict[date, int], end: datetime
                       ) -> list[tuple[date, list[datetime]]]:
    """Per local day (in order), ``counts[d]`` sorted UTC instants, mostly in the daytime; the
    last day's are before ``end``."""
    hours = range(24)
    out: list[tuple[date, list[datetime]]] = []
    last_day = end.astimezone(SHANGHAI).date()
    for d in sorted(counts):
        midnight = datetime.combine(d, time(0), tzinfo=SHANGHAI).astimezone(UTC)
        limit = int((end - midnight).total_seconds()) if d == last_day else 86400
        seconds = []
        for h in rng.choices(hours, HOUR_WEIGHTS, k=counts[d]):
            s = h * 3600 + rng.randrange(3600)
            seconds.append(s if s < limit else rng.randrange(max(limit, 1)))
        seconds.sort()
        out.append((d, [midnight + timedelta(seconds=s) for s in seconds]))
    return out


# --- who: callers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a problem is: district, street, house number and (often) a residential estate."""

    district: str
    street: str
    number: int
    estate: str

    @property
    def address(self) -> str:
        return f"{self.district}{self.street}{self.number}号{self.estate}"

    @property
    def street_address(self) -> str:
        return f"{self.district}{self.street}{self.number}号"


class Words:
    """Addresses, callers and the citizen's words, from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._streets = [(d, s) for d in demo_data.DISTRICTS
                         for s in demo_data.STREETS.get(d, ("人民路",))]
        heads, tails = list(_ESTATE_HEADS), list(_ESTATE_TAILS)
        self._estates = [h + t for h in heads for t in tails]
        self._phones: set[str] = set()
        self._templates = dict(demo_data.TEMPLATES)
        self._generic = demo_data.TEMPLATES["*"]
        self._reports = tuple(t for v in demo_data.TEMPLATES.values() for t in v
                              if t.startswith("举报："))

    def place(self) -> Place:
        rng = self._rng
        district, street = rng.choice(self._streets)
        estate = rng.choice(self._estates) if rng.random() < 0.6 else ""
        return Place(district, street, rng.randint(1, 399), estate)

    def phone(self) -> str:
        rng = self._rng
        while True:
            prefix = rng.choice(demo_data.PHONE_PREFIXES)
            phone = prefix + f"{rng.randrange(10 ** 8):08d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def caller_name(self) -> str:
        rng = self._rng
        surname = rng.choice(demo_data.SURNAMES)
        if rng.random() < 0.8:
            return surname + rng.choice(_TITLES)
        return surname + rng.choice(demo_data.GIVEN_NAMES)

    def complaint(self, leaf_code: str, place: Place, channel: str, anonymous: bool
                  ) -> tuple[str, RequestType]:
        """The citizen's words about a problem of leaf category ``leaf_code`` at ``place``, and
        the request type they amount to."""
        rng = self._rng
        if anonymous:
            template = rng.choice(self._reports)
        else:
            template = rng.choice(self._templates.get(leaf_code) or self._generic)
        rtype = PREFIX_TYPES.get(template[:3]) or (
            RequestType.REPORT if anonymous else pick(rng, PLAIN_TYPES))
        address = place.street_address if "{address}小区" in template else place.address
        text = template.format(
            address=address, street=place.street, district=place.district,
            days=rng.randint(1, 30),
            name=rng.choice(demo_data.SURNAMES) + rng.choice(demo_data.GIVEN_NAMES))
        closing = rng.choice(_CLOSINGS)
        if closing and not text.endswith(closing):
            text += closing
        if channel in ONLINE:
            text = text.replace("来电人", rng.choice(_ONLINE_SPEAKERS))
        elif text.startswith("来电人"):
            text = rng.choice(_CALLERS) + text[3:]
        return text, rtype
