"""The fuzz test's check: a null where the schema says non-null is found, through lists and unions."""

from __future__ import annotations

import graphql

from tests.e2e.schema_walk import null_violations, with_typenames

SCHEMA = graphql.build_schema(
    """
    type Query { items: [Item!]!, maybe: Item, thing: Thing }
    type Item { name: String!, note: String }
    type Other { size: Int! }
    union Thing = Item | Other
    """
)


def _check(query: str, data: dict) -> list[str]:
    return null_violations(SCHEMA, with_typenames(graphql.parse(query)), data)


def test_a_valid_answer_has_no_violation() -> None:
    data = {"items": [{"name": "a", "note": None, "__typename": "Item"}], "maybe": None}

    assert _check("{ items { name note } maybe { name } }", data) == []


def test_a_null_in_a_non_null_field_inside_a_list_is_found() -> None:
    data = {"items": [{"name": "a"}, {"name": None}]}

    assert _check("{ items { name } }", data) == [".items[1].name"]


def test_a_null_list_item_and_a_null_root_are_found() -> None:
    assert _check("{ items { name } }", {"items": [None]}) == [".items[0]"]
    assert _check("{ items { name } }", {"items": None}) == [".items"]


def test_the_concrete_type_of_a_union_decides_which_fields_apply() -> None:
    query = "{ thing { ... on Item { name } ... on Other { size } } }"

    assert _check(query, {"thing": {"__typename": "Item", "name": "a"}}) == []
    assert _check(query, {"thing": {"__typename": "Other", "size": None}}) == [".thing.size"]


def test_aliases_are_followed() -> None:
    assert _check("{ xs: items { n: name } }", {"xs": [{"n": None}]}) == [".xs[0].n"]


def test_typenames_are_added_to_every_selection_set() -> None:
    printed = graphql.print_ast(with_typenames(graphql.parse("{ thing { ... on Item { name } } }")))

    assert printed.count("__typename") == 3
