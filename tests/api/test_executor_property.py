"""Generated queries answer the same through the compiled executor and graphql-core.

Queries are generated from the schema (hypothesis-graphql) and run on the demo data
as every role, once per executor; the answers must be identical as a client sees
them. The examples are drawn first (hypothesis needs no event loop for that) and
run afterwards, so a failure names the query. `EXECUTOR_EXAMPLES` raises the count.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from models.agency import Role, User
from models.config import ExecutorMode
from resolvers.demo import seed_demo_agency
from schema.auth import Principal
from schema.build import schema
from schema.compiled.executor import FALLBACKS, executor_override
from schema.context import Context

EXAMPLES = int(os.environ.get("EXECUTOR_EXAMPLES", "60"))
SDL = str(schema)
SCALARS = {
    "Date": st.dates(date(1999, 1, 1), date(2201, 1, 1)).map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes(
        datetime(1999, 1, 1), datetime(2201, 1, 1), timezones=st.just(UTC)
    ).map(lambda d: nodes.String(d.isoformat())),
    "Decimal": st.decimals(-10_000, 10_000, places=2).map(lambda d: nodes.String(str(d))),
}


def _roots_for(role: Role) -> list[str] | None:
    """The root fields the role may read (None: all), so examples are not all refusals."""
    query_type = schema.get_type_by_name("Query")
    assert query_type is not None
    names = []
    for field in query_type.fields:  # type: ignore[attr-defined]
        roles = set()
        for extension in field.extensions:
            for permission in getattr(extension, "permissions", ()):
                roles |= set(getattr(permission, "roles", ()))
        if not roles or role in roles:
            names.append(schema.config.name_converter.get_graphql_name(field))
    return names


def _draw(count: int, seed_value: int, fields: list[str] | None = None) -> list[str]:
    drawn: list[str] = []

    @seed(seed_value)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(queries(SDL, fields=fields, custom_scalars=SCALARS))
    def collect(query: str) -> None:
        drawn.append(query)

    collect()
    return drawn


async def _answer(mode: ExecutorMode, query: str, context: Context) -> bytes:
    context.reset_loaders()
    with executor_override(mode):
        result = await schema.execute(query, context_value=context)
    errors = sorted(orjson.dumps(e.formatted) for e in result.errors or ())
    return orjson.dumps({"data": result.data, "errors": [orjson.loads(e) for e in errors]})


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OPERATOR, Role.DRIVER, Role.REPORTER])
async def test_generated_queries_answer_the_same(
    db: str, settings: Any, clock: Any, role: Role
) -> None:
    # given the demo agency and one of its users
    await seed_demo_agency(settings, clock)
    user = await User.filter(role=role).select_related("agency").first()
    assert user is not None
    context = Context(settings=settings, clock=clock, principal=Principal(user), request_id="prop")
    fallbacks = sum(FALLBACKS.values())
    answered = 0
    # when generated queries run through both executors
    for query in _draw(EXAMPLES, len(role.value) * 7919, _roots_for(role)):
        expected = await _answer(ExecutorMode.GRAPHQL_CORE, query, context)
        actual = await _answer(ExecutorMode.COMPILED, query, context)
        # then every answer is the same, and the compiled executor ran it itself
        assert actual == expected, query
        answered += orjson.loads(expected)["data"] is not None
    assert sum(FALLBACKS.values()) == fallbacks
    # (and a good share of them answered with data, not only with refusals)
    assert answered >= EXAMPLES // 4, f"{answered} of {EXAMPLES} answered with data"
