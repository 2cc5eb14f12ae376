"""The iterative limits agree with Strawberry's recursive limiters where those work."""

from __future__ import annotations

import pytest
from graphql import parse, specified_rules, validate
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit

from schema.build import schema
from schema.limits import MAX_ALIASES, MAX_DEPTH, OperationLimits


def nested(levels: int, leaf: str = "id") -> str:
    inner = leaf
    for i in range(levels):
        inner = f"order {{ {inner} }}" if i % 2 == 0 else f"missions {{ {inner} }}"
    return inner


DOCUMENTS = {
    "flat": "{ viewer { name } }",
    "at-the-depth-limit": '{ mission(id: "x") { ' + nested(MAX_DEPTH - 1) + " } }",
    "past-the-depth-limit": '{ mission(id: "x") { ' + nested(MAX_DEPTH) + " } }",
    "past-the-limit-through-a-fragment": (
        '{ mission(id: "x") { ...M } } fragment M on Mission { ' + nested(MAX_DEPTH) + " }"
    ),
    "past-the-limit-in-an-inline-fragment": '{ mission(id: "x") { ... on Mission { '
    + nested(MAX_DEPTH)
    + " } } }",
    "deep-introspection": "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }",
    "aliases-at-the-limit": "{ "
    + " ".join(f"a{i}: viewer {{ name }}" for i in range(MAX_ALIASES))
    + " }",
    "aliases-past-the-limit-through-spreads": (
        "{ ...A ...A } fragment A on Query { "
        + " ".join(f"a{i}: viewer {{ name }}" for i in range(MAX_ALIASES // 2 + 1))
        + " }"
    ),
    "two-operations-one-past-the-limit": 'query One { viewer { name } } query Two { mission(id: "x") { '
    + nested(MAX_DEPTH)
    + " } }",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_limits_refuse_what_strawberrys_refuse(name: str) -> None:
    document = parse(DOCUMENTS[name])

    ours = validate(schema._schema, document, [*specified_rules, OperationLimits])
    theirs = validate(
        schema._schema,
        document,
        [*specified_rules, depth_limit(MAX_DEPTH, None), alias_limit(MAX_ALIASES)],
    )

    def limits(errors: list) -> set[str]:
        return {e.message for e in errors if "depth" in e.message or "aliases" in e.message}

    assert limits(ours) == limits(theirs)
    assert bool(limits(ours)) is ("past" in name)
