"""The demonstration data: a consistent department tree, category tree and call texts."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest

from core import demo_data as dd
from core.model import CallbackOutcome

PLACEHOLDERS = {
    "address": "甘井子区山东路123号",
    "street": "西安路",
    "district": "沙河口区",
    "days": 12,
    "name": "王建国",
}

# Long values, to check the upper length bound against the longest realistic substitution.
LONG_PLACEHOLDERS = {
    "address": "高新技术产业园区大长山岛镇四块石路1288号",
    "street": "大长山岛镇四块石路",
    "district": "高新技术产业园区",
    "days": 30,
    "name": "欧阳晓明",
}


def walk(nodes: tuple[dd.CategorySpec, ...], depth: int = 1):
    for node in nodes:
        yield node, depth
        yield from walk(node.children, depth + 1)


ALL_CATEGORIES = list(walk(dd.CATEGORIES))
LEAVES = [node for node, _ in ALL_CATEGORIES if not node.children]
LEAF_CODES = {leaf.code for leaf in LEAVES}
DEPT_CODES = {d.code for d in dd.DEPARTMENTS}
TEMPLATE_ITEMS = [(key, text) for key, texts in dd.TEMPLATES.items() for text in texts]


# --- departments -------------------------------------------------------------------------------


def test_department_count_is_a_realistic_centre() -> None:
    assert 35 <= len(dd.DEPARTMENTS) <= 50


def test_department_codes_and_names_are_unique() -> None:
    codes = Counter(d.code for d in dd.DEPARTMENTS)
    names = Counter(d.name for d in dd.DEPARTMENTS)
    assert [c for c, n in codes.items() if n > 1] == []
    assert [c for c, n in names.items() if n > 1] == []


def test_department_codes_are_short_ascii() -> None:
    for dept in dd.DEPARTMENTS:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,5}(-[A-Z0-9]{1,4})?", dept.code), dept.code
        assert dept.name.strip() == dept.name and dept.name


def test_department_parents_exist_and_there_are_no_cycles() -> None:
    by_code = {d.code: d for d in dd.DEPARTMENTS}
    for dept in dd.DEPARTMENTS:
        seen = {dept.code}
        parent = dept.parent
        while parent is not None:
            assert parent in by_code, f"{dept.code}: unknown parent {parent}"
            assert parent not in seen, f"{dept.code}: cycle through {parent}"
            seen.add(parent)
            parent = by_code[parent].parent


def test_every_district_has_a_government_with_units() -> None:
    roots = {d.code: d for d in dd.DEPARTMENTS if d.parent is None}
    for district in dd.DISTRICTS:
        governments = [d for d in roots.values() if d.name.startswith(district)]
        assert len(governments) == 1, district
        children = [d for d in dd.DEPARTMENTS if d.parent == governments[0].code]
        assert 1 <= len(children) <= 2, district
        assert all(child.name.startswith(district) for child in children)


# --- categories --------------------------------------------------------------------------------


def test_category_codes_are_unique_and_hierarchical() -> None:
    codes = Counter(node.code for node, _ in ALL_CATEGORIES)
    assert [c for c, n in codes.items() if n > 1] == []
    for node, depth in ALL_CATEGORIES:
        assert node.code.isdigit() and len(node.code) == 2 * depth, node.code
        for child in node.children:
            assert child.code.startswith(node.code)


def test_category_tree_has_exactly_three_levels() -> None:
    for top in dd.CATEGORIES:
        assert top.children, top.name
        for middle in top.children:
            assert middle.children, middle.name
            for leaf in middle.children:
                assert leaf.children == (), leaf.name
    assert {depth for _, depth in ALL_CATEGORIES} == {1, 2, 3}


def test_there_are_enough_leaves() -> None:
    assert len(LEAVES) >= 70


def test_every_leaf_routes_to_an_existing_department_and_only_leaves_route() -> None:
    for node, depth in ALL_CATEGORIES:
        if depth == 3:
            assert node.department in DEPT_CODES, f"{node.code} {node.name}: {node.department}"
        else:
            assert node.department is None, node.code


def test_sibling_names_are_unique() -> None:
    for siblings in [dd.CATEGORIES] + [node.children for node, _ in ALL_CATEGORIES]:
        names = [s.name for s in siblings]
        assert len(names) == len(set(names)), names


# --- templates ---------------------------------------------------------------------------------


def test_template_keys_are_leaves_or_generic() -> None:
    assert set(dd.TEMPLATES) - LEAF_CODES == {"*"}
    assert len(set(dd.TEMPLATES) & LEAF_CODES) >= 40
    assert len(dd.TEMPLATES["*"]) >= 10
    for key, texts in dd.TEMPLATES.items():
        if key != "*":
            assert 2 <= len(texts) <= 4, key


def test_templates_are_not_repeated() -> None:
    texts = Counter(text for _, text in TEMPLATE_ITEMS)
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize(("key", "template"), TEMPLATE_ITEMS)
def test_template_formats_to_a_plausible_length(key: str, template: str) -> None:
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    assert fields <= set(PLACEHOLDERS), (key, fields)
    short = template.format(**PLACEHOLDERS)
    long = template.format(**LONG_PLACEHOLDERS)
    assert 30 <= len(short) <= 200, (key, short)
    assert 30 <= len(long) <= 200, (key, long)
    assert "{" not in short and "}" not in short


def test_address_and_district_are_not_doubled() -> None:
    # {address} already begins with the district name.
    for key, template in TEMPLATE_ITEMS:
        assert not ("{address}" in template and "{district}" in template), key


# --- places, people, phones --------------------------------------------------------------------


def test_districts_and_streets() -> None:
    assert len(dd.DISTRICTS) == len(set(dd.DISTRICTS)) >= 10
    assert set(dd.STREETS) <= set(dd.DISTRICTS)
    assert set(dd.STREETS) == set(dd.DISTRICTS), "every district needs streets for addresses"
    for district, streets in dd.STREETS.items():
        assert len(streets) >= 8, district
        assert len(streets) == len(set(streets)), district
        assert all(s and s.endswith(("路", "街", "大街", "大道")) for s in streets), district


def test_names_are_plentiful_and_short() -> None:
    assert len(dd.SURNAMES) >= 40 and len(set(dd.SURNAMES)) == len(dd.SURNAMES)
    assert len(dd.GIVEN_NAMES) >= 60 and len(set(dd.GIVEN_NAMES)) == len(dd.GIVEN_NAMES)
    assert all(1 <= len(s) <= 2 for s in dd.SURNAMES)
    assert all(1 <= len(g) <= 2 for g in dd.GIVEN_NAMES)


def test_phone_prefixes() -> None:
    assert "0411" in dd.PHONE_PREFIXES
    mobiles = [p for p in dd.PHONE_PREFIXES if p != "0411"]
    assert len(mobiles) >= 30 and len(set(mobiles)) == len(mobiles)
    assert all(re.fullmatch(r"1[3-9]\d", p) for p in mobiles), mobiles


# --- department and callback texts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "minimum"),
    [
        (dd.REPLY_TEMPLATES, 12),
        (dd.RETURN_REASONS, 6),
        (dd.EXTENSION_REASONS, 6),
        (dd.DIRECT_ANSWERS, 8),
    ],
    ids=["replies", "returns", "extensions", "direct"],
)
def test_fixed_texts(texts: tuple[str, ...], minimum: int) -> None:
    assert len(texts) >= minimum
    assert len(set(texts)) == len(texts)
    for text in texts:
        assert 20 <= len(text) <= 200, text
        assert "{" not in text and "}" not in text, text


def test_return_reasons_name_another_duty() -> None:
    assert sum("非我单位职责" in r for r in dd.RETURN_REASONS) >= 6


def test_callback_notes_cover_every_outcome() -> None:
    assert set(dd.CALLBACK_NOTES) == {o.value for o in CallbackOutcome}
    for outcome, notes in dd.CALLBACK_NOTES.items():
        assert len(notes) >= 3, outcome
        assert len(set(notes)) == len(notes), outcome
        assert all(note and "{" not in note for note in notes), outcome
