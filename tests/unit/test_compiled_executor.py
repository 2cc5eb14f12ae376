"""The compiled executor answers exactly as graphql-core does, feature by feature.

A small schema with every kind of field the compiler treats differently (plain
attributes, methods with and without info and arguments, async resolvers, permission
classes, batches, interfaces, unions, enums, custom scalars, lists with nulls, fields
that raise or return null where they may not) is run through both executors and the
answers compared as a client sees them: the JSON of the data and the formatted errors.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal as PyDecimal
from typing import Annotated, Any

import orjson
import pytest
import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from models.config import ExecutorMode
from schema.compiled.executor import FALLBACKS, PLANS, CompiledExecution, executor_override
from schema.scalars import Decimal


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


class Deny(BasePermission):
    message = "Not you."

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


class Batch:
    """Counts how often it is asked to prepare, and for how many parents."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    async def prepare(self, run: Any, pairs: Sequence[tuple[Any, Any]]) -> None:
        self.calls.append(len(pairs))


BATCH = Batch()


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Pet(Named):
    legs: int


@strawberry.type
class Person(Named):
    age: int | None
    colour: Colour
    born: datetime
    wallet: Decimal

    @strawberry.field
    def greeting(self, punctuation: str = "!") -> str:
        return f"Hello {self.name}{punctuation}"

    @strawberry.field
    def context_word(self, info: Info) -> str:
        return str(info.context["word"])

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return self.name.upper()

    @strawberry.field
    def broken(self) -> str | None:
        raise ValueError(f"{self.name} is broken")

    @strawberry.field
    def broken_required(self) -> str:
        raise ValueError(f"{self.name} is badly broken")

    @strawberry.field
    def missing_required(self) -> str:
        return None  # type: ignore[return-value]

    @strawberry.field(permission_classes=[Deny])
    def secret(self) -> str:
        return "secret"

    @strawberry.field
    def pets(self) -> list[Pet | None]:
        return [Pet(name=f"{self.name}'s cat", legs=4), None]

    @strawberry.field
    def strict_pets(self) -> list[Pet]:
        return [Pet(name="ok", legs=4), None]  # type: ignore[list-item]

    @strawberry.field(metadata={"batch": BATCH})
    def best_friend(self) -> Person | None:
        return FRIENDS.get(self.name)

    @strawberry.field
    def returned_error(self) -> str | None:
        return ValueError("returned, not raised")  # type: ignore[return-value]


Animal = Annotated[Pet | Person, strawberry.union("Animal")]

ADA = Person(
    name="Ada",
    age=36,
    colour=Colour.RED,
    born=datetime(1815, 12, 10, tzinfo=UTC),
    wallet=PyDecimal("12.50"),
)
BOB = Person(
    name="Bob",
    age=None,
    colour=Colour.GREEN,
    born=datetime(2000, 1, 1, 12, 30, tzinfo=UTC),
    wallet=PyDecimal("0"),
)
FRIENDS = {"Ada": BOB, "Bob": ADA}


@strawberry.type
class Query:
    @strawberry.field
    def people(self, first: int = 10) -> list[Person]:
        return [ADA, BOB][:first]

    @strawberry.field
    async def person(self, name: str) -> Person | None:
        return {"Ada": ADA, "Bob": BOB}.get(name)

    @strawberry.field
    def named(self) -> list[Named]:
        return [ADA, Pet(name="Rex", legs=3)]

    @strawberry.field
    def animals(self) -> list[Animal]:
        return [Pet(name="Tom", legs=4), BOB]

    @strawberry.field
    def required_broken(self) -> Person:
        raise RuntimeError("root failed")


@strawberry.type
class Mutation:
    @strawberry.mutation
    def rename(self, name: str) -> Person:
        return Person(name=name, age=1, colour=Colour.RED, born=ADA.born, wallet=PyDecimal("1.00"))


schema = strawberry.Schema(Query, mutation=Mutation, execution_context_class=CompiledExecution)

QUERIES = {
    "plain": "{ people { name age colour born wallet } }",
    "aliases": '{ a: people(first: 1) { n: name, g: greeting(punctuation: "?") } b: people { name } }',
    "fragments": """
        query { people { ...P ... on Person { colour } } }
        fragment P on Person { name age greeting }
    """,
    "typename": "{ __typename people { __typename name } named { __typename name } }",
    "interface": "{ named { name ... on Pet { legs } ... on Person { age } } }",
    "union": "{ animals { __typename ... on Pet { name legs } ... on Person { name colour } } }",
    "variables": """
        query ($n: String!, $first: Int = 1, $yes: Boolean!, $no: Boolean = false) {
          person(name: $n) { name greeting @include(if: $yes) age @skip(if: $yes) }
          people(first: $first) { name colour @include(if: $no) }
        }
    """,
    "context": "{ people { contextWord } }",
    "async": "{ people { later bestFriend { later name } } }",
    "nullable error": "{ people { name broken } }",
    "non-null error propagates": "{ people { name brokenRequired } }",
    "null in non-null": "{ people { name missingRequired } }",
    "permission": "{ people { name secret } }",
    "list with null items": "{ people { pets { name legs } } }",
    "non-null list item": "{ people { name strictPets { name } } }",
    "root non-null error": "{ people { name } requiredBroken { name } }",
    "returned exception": "{ people { returnedError } }",
    "nested batch": "{ people { name bestFriend { name bestFriend { name } } } }",
    "missing person": '{ person(name: "Zed") { name } }',
    "mutation": 'mutation { first: rename(name: "X") { name greeting } second: rename(name: "Y") { name } }',
    "introspection": '{ __type(name: "Person") { name fields { name type { name kind ofType { name } } } } }',
}
VARIABLES: dict[str, dict[str, Any]] = {"variables": {"n": "Ada", "yes": True}}


async def _run(mode: ExecutorMode, query: str, variables: dict[str, Any] | None) -> bytes:
    with executor_override(mode):
        result = await schema.execute(query, variable_values=variables, context_value={"word": "w"})
    errors = sorted(orjson.dumps(e.formatted) for e in result.errors or ())
    return orjson.dumps({"data": result.data, "errors": [orjson.loads(e) for e in errors]})


@pytest.mark.parametrize("name", list(QUERIES))
async def test_compiled_answers_as_graphql_core(name: str) -> None:
    # given an operation exercising one feature
    query, variables = QUERIES[name], VARIABLES.get(name)
    fallbacks = sum(FALLBACKS.values())
    # when both executors run it
    expected = await _run(ExecutorMode.GRAPHQL_CORE, query, variables)
    actual = await _run(ExecutorMode.COMPILED, query, variables)
    # then a client sees the same answer, and the compiled executor ran it itself
    assert actual == expected
    assert sum(FALLBACKS.values()) == fallbacks
    # (and the answer is an execution's: field errors only, each at its path)
    assert all("path" in error for error in orjson.loads(expected)["errors"]), expected


async def test_a_batch_prepares_each_level_once_for_all_parents() -> None:
    # given two people, each with a best friend who has a best friend
    BATCH.calls.clear()
    # when the compiled executor runs the nested selection
    await _run(ExecutorMode.COMPILED, QUERIES["nested batch"], None)
    # then the batch was asked once per level, with every parent of that level
    assert BATCH.calls == [2, 2]


async def test_differential_mode_passes_equal_answers() -> None:
    # when an operation runs in differential mode
    with executor_override(ExecutorMode.DIFFERENTIAL):
        result = await schema.execute(QUERIES["union"], context_value={"word": "w"})
    # then it answers normally (no EXECUTOR_MISMATCH)
    assert result.errors is None
    assert result.data == {
        "animals": [
            {"__typename": "Pet", "name": "Tom", "legs": 4},
            {"__typename": "Person", "name": "Bob", "colour": "GREEN"},
        ]
    }


async def test_plans_stay_within_their_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a plan cache allowing 8 operations and a few kilobytes
    monkeypatch.setattr(PLANS, "max_operations", 8)
    monkeypatch.setattr(PLANS, "max_size", 60_000)
    # when many distinct operations run
    for i in range(40):
        aliases = " ".join(f"a{j}: people {{ name }}" for j in range(i % 7 + 1))
        await _run(ExecutorMode.COMPILED, f"query Q{i} {{ {aliases} }}", None)
        # then the cache never holds more than it may
        assert len(PLANS) <= 8
        assert PLANS.size <= 60_000
