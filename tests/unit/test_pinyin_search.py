"""Finding categories by Chinese text, pinyin initials and full pinyin."""

from __future__ import annotations

import pytest

from core.pinyin_search import (
    TreeEntry,
    filter_tree,
    match_rank,
    matches,
    normalise_query,
    searchable,
)


@pytest.mark.parametrize("query", ["dt", "DT", "dianti", "dian ti", "diant", "dtgz",
                                   "diantiguzhang", "电梯", "梯故", "gz", "guzhang", "tgz", "d"])
def test_lift_fault_is_found(query: str) -> None:
    assert matches(query, "电梯故障")


@pytest.mark.parametrize("query", ["td", "dx", "diantu", "停水", "zd", "dtx", "x"])
def test_lift_fault_is_not_found(query: str) -> None:
    assert not matches(query, "电梯故障")


def test_every_reading_of_a_character_counts() -> None:
    assert matches("cq", "重庆") and matches("chongqing", "重庆")
    assert matches("zd", "重大") and matches("zhongda", "重大")
    assert matches("lvhua", "绿化") and matches("luhua", "绿化")
    assert matches("zhandao", "占道经营") and matches("zdjy", "占道经营")


def test_letters_digits_and_spaces_in_a_name() -> None:
    assert matches("12345", "12345热线")
    assert matches("rx", "12345 热线")
    assert matches("wifi", "公共WiFi")
    assert matches("gg wifi", "公共WiFi")


def test_rank_prefers_the_start_of_the_name_and_the_usual_reading() -> None:
    name = searchable("电梯故障")
    assert match_rank("dt", name) == 0
    assert match_rank("gz", name) == 1
    assert match_rank("", name) == 0
    assert match_rank("xyz", name) is None
    assert match_rank("cq", searchable("重庆")) == 0  # 重 reads chong in 重庆
    assert match_rank("zq", searchable("重庆")) == 2  # ... zhong elsewhere


def test_apostrophes_and_case_are_ignored() -> None:
    assert normalise_query(" Xi'An ") == "xian"
    assert matches("xi'an", "西安")


def _tree() -> list[TreeEntry]:
    rows = [
        (1, None, "城乡建设", "01", False),
        (2, 1, "物业管理", "0101", False),
        (3, 2, "电梯故障", "010101", True),
        (4, 2, "物业收费", "010102", True),
        (5, None, "城市管理", "02", False),
        (6, 5, "市容环境", "0201", False),
        (7, 6, "占道经营", "020101", True),
        (8, None, "水电气暖", "03", False),
        (9, 8, "供水", "0301", False),
        (10, 9, "停水", "030101", True),
        (11, 8, "供电", "0302", False),
        (12, 11, "停电", "030201", True),
    ]
    return [TreeEntry(i, p, searchable(n), c, leaf) for i, p, n, c, leaf in rows]


def test_tree_shows_a_matching_leaf_with_its_ancestors() -> None:
    found = filter_tree(_tree(), "dt")
    assert found.visible == {1, 2, 3}
    assert found.matched == {3}
    assert found.best_leaf == 3


def test_tree_shows_everything_below_a_matching_branch() -> None:
    found = filter_tree(_tree(), "wygl")
    assert found.visible == {1, 2, 3, 4}
    assert found.best_leaf == 3


def test_a_leaf_that_matches_itself_beats_one_under_a_matching_branch() -> None:
    found = filter_tree(_tree(), "gs")  # 供水 (a branch) and nothing else
    assert found.visible == {8, 9, 10} and found.best_leaf == 10
    found = filter_tree(_tree(), "td")  # 停电 by its usual reading; 占道 only through 占 tiē
    assert found.best_leaf == 12
    assert {8, 11, 12} <= found.visible


def test_tree_by_code_and_by_chinese() -> None:
    assert filter_tree(_tree(), "0201").best_leaf == 7
    assert filter_tree(_tree(), "停水").visible == {8, 9, 10}


def test_tree_without_a_match_and_with_an_empty_query() -> None:
    nothing = filter_tree(_tree(), "qqqq")
    assert nothing.visible == frozenset() and nothing.best_leaf is None
    everything = filter_tree(_tree(), "  ")
    assert len(everything.visible) == 12 and everything.best_leaf is None
