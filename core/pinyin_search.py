"""Finding Chinese names by what an operator types: Chinese text, pinyin initials or full pinyin.

A query matches a name when it is a part of the name's text (``梯故`` finds 电梯故障), or when it
can be cut into pieces that are each the start of the pinyin of consecutive characters of the
name: ``dt``, ``dianti``, ``diant`` and ``dtgz`` all find 电梯故障. Every reading of a character
with several counts (重: zhong or chong), but a match through the reading pypinyin gives the name
in context ranks before one through a rarer reading; ``ü`` may be typed ``v`` or ``u``; spaces
and apostrophes in the query are ignored. Letters and digits in a name match themselves.

Pure functions over immutable records; build each name's :class:`Searchable` once (it calls
pypinyin) and match it against many queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_IGNORED_IN_QUERY = " \t'’·"


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _spellings(reading: str) -> list[str]:
    return [s.lower() for s in (reading, reading.replace("v", "u"), reading.replace("ü", "v"))
            if s and s.isascii()]


def _readings(ch: str, usual: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the usual spellings of ``ch`` in its name, every spelling of every reading)."""
    if not _is_hanzi(ch):
        return (ch.lower(),), (ch.lower(),)
    first = tuple(dict.fromkeys(_spellings(usual))) or (ch,)
    found = list(first)
    from pypinyin import Style, pinyin  # imported on first use: it loads a large dictionary

    for reading in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]:
        found += [s for s in _spellings(reading) if s not in found]
    return first, tuple(found)


def _one_item_per_character(run: str) -> Any:
    """pypinyin's ``errors`` hook: a run of non-Chinese characters as one item per character
    (the hook may return a list, whatever its type hints say)."""
    return list(run)


@dataclass(frozen=True)
class Searchable:
    """A name prepared for matching: its text and, per character (whitespace left out), the
    reading the name usually has and every reading the character has."""

    text: str
    usual: tuple[tuple[str, ...], ...]
    readings: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=8192)
def searchable(text: str) -> Searchable:
    """Prepare ``text`` for :func:`match_rank` (calls pypinyin; remembered per text, so a
    background thread may prepare names that the GUI thread then finds ready)."""
    from pypinyin import Style, lazy_pinyin  # on first use (about half a second at start-up)

    usual = lazy_pinyin(text, style=Style.NORMAL, errors=_one_item_per_character)
    if len(usual) != len(text):  # pypinyin did not keep one item per character
        usual = [lazy_pinyin(ch, style=Style.NORMAL)[0] if _is_hanzi(ch) else ch for ch in text]
    pairs = [_readings(ch, reading) for ch, reading in zip(text, usual, strict=True)
             if not ch.isspace()]
    return Searchable(text, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))


def normalise_query(query: str) -> str:
    return "".join(ch for ch in query.strip().lower() if ch not in _IGNORED_IN_QUERY)


def _pinyin_match_at(query: str, readings: tuple[tuple[str, ...], ...], start: int) -> bool:
    """Can ``query`` be cut into syllable prefixes of the characters from ``start`` on?"""
    failed: set[tuple[int, int]] = set()

    def from_(i: int, j: int) -> bool:
        if i == len(query):
            return True
        if j == len(readings) or (i, j) in failed:
            return False
        for reading in readings[j]:
            k = 0
            while k < len(reading) and i + k < len(query) and query[i + k] == reading[k]:
                k += 1
                if from_(i + k, j + 1):
                    return True
        failed.add((i, j))
        return False

    return from_(0, start)


def match_rank(query: str, target: Searchable) -> int | None:
    """How well ``query`` finds the name, lower is better: 0 at the start of the name, 1 later
    in it; 2 and 3 the same through a rarer reading of a character; ``None``: no match. An
    empty query matches everything at rank 0."""
    q = normalise_query(query)
    if not q:
        return 0
    text = "".join(ch for ch in target.text.lower() if not ch.isspace())
    if any(_is_hanzi(ch) for ch in q) or not q.isascii():
        where = text.find(q)
        return None if where < 0 else (0 if where == 0 else 1)
    for penalty, readings in ((0, target.usual), (2, target.readings)):
        for start in range(len(readings)):
            if _pinyin_match_at(q, readings, start):
                return penalty + (0 if start == 0 else 1)
    return None


def matches(query: str, target: Searchable | str) -> bool:
    """Whether ``query`` finds ``target`` (a prepared name, or plain text prepared here)."""
    prepared = target if isinstance(target, Searchable) else searchable(target)
    return match_rank(query, prepared) is not None


@dataclass(frozen=True)
class TreeEntry:
    """One node of a tree to search: ``code`` matches when the query is its beginning."""

    id: int
    parent_id: int | None
    name: Searchable
    code: str = ""
    leaf: bool = False


@dataclass(frozen=True)
class TreeMatch:
    """What to show for a query: ``visible`` nodes (those that matched, their ancestors, and
    everything below a node that matched), the nodes that ``matched`` themselves, and the
    ``best_leaf`` to pick when the user presses Enter (``None`` when no leaf is visible)."""

    visible: frozenset[int]
    matched: frozenset[int]
    best_leaf: int | None


def _entry_rank(query: str, entry: TreeEntry) -> int | None:
    q = normalise_query(query)
    if entry.code and q and entry.code.lower().startswith(q):
        return 0
    return match_rank(query, entry.name)


def filter_tree(entries: Sequence[TreeEntry], query: str) -> TreeMatch:
    """Filter a tree (``entries`` in display order, parents before children) by ``query``."""
    if not normalise_query(query):
        leaf_ids = [e.id for e in entries if e.leaf]
        return TreeMatch(frozenset(e.id for e in entries), frozenset(),
                         leaf_ids[0] if len(leaf_ids) == 1 else None)
    parent = {e.id: e.parent_id for e in entries}
    ranks = {e.id: r for e in entries if (r := _entry_rank(query, e)) is not None}
    visible: set[int] = set()
    for node in ranks:  # a match shows its ancestors
        current: int | None = node
        while current is not None and current not in visible:
            visible.add(current)
            current = parent.get(current)
    inherited: dict[int, int] = {}  # the best rank of a matched ancestor, for nodes below it
    for e in entries:  # parents come first, so one pass shows every descendant of a match
        if e.parent_id is None:
            continue
        above = [r for r in (ranks.get(e.parent_id), inherited.get(e.parent_id))
                 if r is not None]
        if above:
            inherited[e.id] = min(above)
            visible.add(e.id)
    order = {e.id: i for i, e in enumerate(entries)}
    leaves = [e for e in entries if e.leaf and e.id in visible]

    def preference(e: TreeEntry) -> tuple[int, int]:
        own = ranks.get(e.id)
        return (own if own is not None else 4 + inherited.get(e.id, 0), order[e.id])

    best = min(leaves, key=preference).id if leaves else None
    return TreeMatch(frozenset(visible), frozenset(ranks), best)
