"""OpenTelemetry spans, seen through an in-memory exporter: a request is an HTTP server
span, its GraphQL operation a child, each SQL statement a child of that; the broadcast
of a mutation's notices is a `notices.publish` span linked to the mutation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from app import create_app
from models.config import Settings
from observability import tracing
from resolvers.clock import FixedClock
from tests.conftest import TEST_SECRET
from tests.factories import gid, token
from tests.service.cancel_helpers import book, make_world

CANCEL = """mutation Cancel($input: CancelMissionInput!) { cancelMission(input: $input) {
  cancellations { id } errors { code } } }"""


@pytest.fixture
def spans() -> Any:
    exporter = InMemorySpanExporter()
    tracing.enable(tracing.simple_provider(exporter))
    try:
        yield exporter
    finally:
        tracing.disable()


@pytest.fixture
async def traced_client(db: str, clock: FixedClock, spans: Any) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_env(
        {"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET, "BROADCAST_URL": "memory://"}
    )
    application = create_app(settings, clock=clock, manage_database=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            yield c


def by_name(exporter: Any, prefix: str) -> list[Any]:
    return [s for s in exporter.get_finished_spans() if s.name.startswith(prefix)]


async def test_a_query_is_a_trace_of_http_graphql_and_sql_spans(
    traced_client: httpx.AsyncClient, clock: FixedClock, spans: Any
) -> None:
    # given a signed-in operator
    world = await make_world(clock)
    headers = {"Authorization": f"Bearer {token(world.operator)}"}
    spans.clear()

    # when a query runs
    query = "query Board { viewer { name } missions(first: 5) { totalCount } }"
    response = await traced_client.post("/graphql", json={"query": query}, headers=headers)
    assert "errors" not in response.json()

    # then: the HTTP span, the operation inside it, the statements inside that
    (server,) = [s for s in spans.get_finished_spans() if s.kind is SpanKind.SERVER]
    (operation,) = by_name(spans, "graphql.query")
    sql = by_name(spans, "sql")
    assert operation.name == "graphql.query Board"
    assert operation.attributes["graphql.operation.name"] == "Board"
    assert operation.parent.span_id == server.context.span_id
    assert operation.context.trace_id == server.context.trace_id
    # the caller's user is read before GraphQL (authentication), the page inside it
    parents = {s.parent.span_id for s in sql}
    assert operation.context.span_id in parents
    assert parents <= {operation.context.span_id, server.context.span_id}
    assert all(s.context.trace_id == server.context.trace_id for s in sql)
    assert all("SELECT" in s.attributes["db.statement"].upper() for s in sql)


async def test_publishing_a_mutations_notices_is_linked_to_it(
    traced_client: httpx.AsyncClient, clock: FixedClock, spans: Any
) -> None:
    world = await make_world(clock)
    _, (mission,) = await book(world)
    headers = {"Authorization": f"Bearer {token(world.operator)}"}
    variables = {
        "input": {
            "missionId": gid("Mission", mission.id),
            "requestedBy": "Front desk",
            "reasonCode": "CUSTOMER_REQUEST",
        }
    }
    spans.clear()

    response = await traced_client.post(
        "/graphql", json={"query": CANCEL, "variables": variables}, headers=headers
    )
    assert response.json()["data"]["cancelMission"]["errors"] == []

    (mutation,) = by_name(spans, "graphql.mutation")

    def linked() -> list[Any]:
        return [
            span
            for span in by_name(spans, "notices.publish")
            if mutation.context.span_id in {link.context.span_id for link in span.links}
        ]

    for _ in range(50):  # published by the process's publisher task, a moment later
        if linked():
            break
        await asyncio.sleep(0.05)
    (publish,) = linked()
    assert publish.attributes["messaging.batch.message_count"] >= 1
    assert publish.kind is SpanKind.PRODUCER


async def test_tracing_is_off_without_an_exporter() -> None:
    assert tracing.configure({}) is False
    assert tracing.ENABLED is False
    assert tracing.exporter_from_env({"OTEL_TRACES_EXPORTER": "console"}) is not None
