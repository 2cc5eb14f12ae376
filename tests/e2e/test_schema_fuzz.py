"""Property-based fuzzing generated from the schema, against a real server on the demo data.

hypothesis-graphql writes queries and mutations from `schema.graphql` (valid ones, and
ones with one schema violation or malformed scalar values), one root field each; ids are
the demo agency's real records. Every role sends them. Whatever is sent, the server must answer:
- below 500, with a JSON body;
- with errors whose code is one the README documents, never INTERNAL_ERROR, and no
  internal text (SQL, tracebacks, driver names) in any message;
- with data that fits the schema: no null where the schema says non-null.

FUZZ_EXAMPLES (default 100) is the number of examples per role and per database, so CI
sends 800 operations, 200 per role. To run it longer:
    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/e2e/test_schema_fuzz.py
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import graphql
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from schema.build import schema
from tests.e2e.demo_server import ROLES, DemoServer, demo_server
from tests.e2e.schema_walk import null_violations, with_typenames

pytestmark = [pytest.mark.e2e]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
DOCUMENTED_CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "LIMIT_EXCEEDED",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "BAD_REQUEST",
    "PAYLOAD_TOO_LARGE",
}
INTERNALS = re.compile(
    r"Traceback|SELECT |INSERT |UPDATE .* SET|sqlite|asyncpg|tortoise|psycopg|File \"", re.I
)
SCHEMA = schema._schema


def _string(value: str) -> graphql.StringValueNode:
    return graphql.StringValueNode(value=value)


def scalars(ids: list[str], *, sloppy: bool = False) -> dict[str, st.SearchStrategy[Any]]:
    """Value strategies for our scalars: well-formed ones, or (`sloppy`) anything at all."""
    if sloppy:
        anything = st.text(max_size=30).map(_string)
        return dict.fromkeys(["ID", "Date", "DateTime", "Decimal"], anything) | {
            "JSON": st.just(graphql.ObjectValueNode(fields=()))
        }
    moments = st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2300, 1, 1), timezones=st.just(UTC)
    )
    near = st.integers(-30 * 24 * 60, 60 * 24 * 60).map(
        lambda m: datetime.now(UTC) + timedelta(minutes=m)
    )
    made_up = st.text(max_size=30).map(_string)
    return {
        "ID": st.sampled_from([_string(i) for i in ids]) if ids else made_up,
        "Date": st.dates().map(lambda d: _string(d.isoformat())),
        "DateTime": st.one_of(near, moments).map(lambda t: _string(t.isoformat())),
        "Decimal": st.decimals(min_value=Decimal(-(10**6)), max_value=Decimal(10**6), places=2).map(
            lambda d: _string(str(d))
        ),
        "JSON": st.just(graphql.ObjectValueNode(fields=())),
    }


def violable(field: str) -> bool:
    """Whether hypothesis-graphql can write a schema violation for a root field."""
    root = SCHEMA.query_type if field in SCHEMA.query_type.fields else SCHEMA.mutation_type  # type: ignore[union-attr]
    return any(
        graphql.is_required_argument(arg)
        or graphql.get_named_type(arg.type).name in {"Int", "Float", "String", "ID", "Boolean"}
        for arg in root.fields[field].args.values()  # type: ignore[union-attr]
    )


def operations(ids: list[str]) -> st.SearchStrategy[graphql.DocumentNode]:
    """One root field per operation (so a forbidden field does not hide the others)."""
    roots = [*SCHEMA.query_type.fields, *SCHEMA.mutation_type.fields]  # type: ignore[union-attr]
    good, sloppy = scalars(ids), scalars(ids, sloppy=True)

    def of(field: str) -> st.SearchStrategy[graphql.DocumentNode]:
        def build(custom: Any, mode: Mode = Mode.POSITIVE) -> Any:
            return from_schema(
                SCHEMA, fields=[field], custom_scalars=custom, print_ast=lambda d: d, mode=mode
            )

        # half valid operations on real ids, the rest malformed values or schema violations
        kinds = [build(good), build(good), build(sloppy)]
        if violable(field):
            kinds.append(build(good, Mode.NEGATIVE))
        return st.one_of(kinds)

    return st.sampled_from(roots).flatmap(of)


def _ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                yield item
            else:
                yield from _ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item)


DEMO_IDS = """{
  missions(first: 50) { edges { node { id order { id } assignments { driver { id } } } } }
  customers(first: 50) { edges { node { id } } }
  cancellations(first: 50) { edges { node { id } } }
  pendingReview(first: 50) { edges { node { id } } }
  cancellationReasons { id }
}"""


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with demo_server(
        str(request.param), tmp_path_factory.mktemp(f"fuzz-{request.param}")
    ) as running:
        yield running


def check_response(response: httpx.Response, document: graphql.DocumentNode) -> None:
    """What every answer must be, whatever was asked."""
    assert response.status_code < 500, response.text[:1000]
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code in DOCUMENTED_CODES, error
        assert not INTERNALS.search(error["message"]), error
    if response.status_code == 200 and body.get("data") is not None:
        assert null_violations(SCHEMA, document, body["data"]) == []


@pytest.mark.parametrize("role", ROLES)
def test_no_operation_breaks_the_server(server: DemoServer, role: str) -> None:
    with httpx.Client(headers=server.headers("ADMIN"), timeout=30) as admin:
        ids = sorted(set(_ids(admin.post(server.url, json={"query": DEMO_IDS}).json())))
    assert len(ids) > 20, ids
    client = httpx.Client(headers=server.headers(role), timeout=30)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(document=operations(ids))
    def answers_within_the_contract(document: graphql.DocumentNode) -> None:
        document = with_typenames(document)
        response = client.post(server.url, json={"query": graphql.print_ast(document)})
        check_response(response, document)

    with client:
        answers_within_the_contract()
    server.assert_answers_at_once()
