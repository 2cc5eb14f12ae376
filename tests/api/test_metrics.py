"""GET /metrics as Prometheus scrapes it: requests by operation, type and outcome, their
latency and SQL statements, refusals, open subscriptions, and an optional token."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from app import create_app
from models.agency import Role
from models.config import Settings
from resolvers.clock import FixedClock
from tests.api.live_notices import DISPATCH_QUERY, connected
from tests.conftest import TEST_SECRET
from tests.factories import gid, make_agency, make_user, token

CANCEL_MISSING = """mutation CancelMissing($m: ID!) { cancelMission(input: {missionId: $m,
  requestedBy: "Front desk", reasonCode: "CUSTOMER_REQUEST", idempotencyKey: "metrics-1"})
  { errors { code } } }"""


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition (0 when absent)."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


async def scrape(client: httpx.AsyncClient, **headers: str) -> str:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def _signed_in(role: Role = Role.OPERATOR) -> dict[str, str]:
    user = await make_user(await make_agency(), role)
    return {"Authorization": f"Bearer {token(user)}"}


async def test_requests_are_counted_by_operation_type_and_outcome(
    client: httpx.AsyncClient,
) -> None:
    # given a scrape before
    headers = await _signed_in()
    before = await scrape(client)

    # when a query runs, a mutation is refused in its payload, and a document is invalid
    await client.post(
        "/graphql", json={"query": "query Viewer { viewer { name } }"}, headers=headers
    )
    variables = {"m": gid("Mission", 999_999)}
    mutation = await client.post(
        "/graphql", json={"query": CANCEL_MISSING, "variables": variables}, headers=headers
    )
    await client.post("/graphql", json={"query": "query Typo { viewer { nope } }"}, headers=headers)
    after = await scrape(client)

    # then each is counted under its name, type and outcome
    code = mutation.json()["data"]["cancelMission"]["errors"][0]["code"]

    def grew(**labels: str) -> float:
        name = "dispatch_graphql_requests_total"
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert grew(operation="Viewer", type="query", outcome="ok") == 1
    assert grew(operation="CancelMissing", type="mutation", outcome=f"user:{code}") == 1
    assert grew(operation="Typo", type="query", outcome="graphql:GRAPHQL_VALIDATION_FAILED") == 1
    latency = "dispatch_graphql_request_duration_seconds_count"
    assert sample(after, latency, operation="Viewer", type="query") > sample(
        before, latency, operation="Viewer", type="query"
    )
    statements = "dispatch_sql_statements_per_request_sum"
    assert sample(after, statements, type="query") > sample(before, statements, type="query")


async def test_a_refusal_is_counted_by_status_and_code(client: httpx.AsyncClient) -> None:
    before = await scrape(client)

    await client.post("/graphql", json={"query": "{ viewer { name } }"})

    after = await scrape(client)
    name = "dispatch_http_refusals_total"
    labels = {"status": "401", "code": "UNAUTHENTICATED"}
    assert sample(after, name, **labels) - sample(before, name, **labels) == 1


async def test_the_runtime_state_is_in_the_scrape(client: httpx.AsyncClient) -> None:
    text = await scrape(client)

    assert sample(text, "dispatch_broadcast_connected") == 1
    assert "dispatch_relay_lag_events" in text
    assert "dispatch_subscriptions_open" in text


async def test_an_open_subscription_is_counted_until_it_closes(
    server: Any, acme: dict[str, Any]
) -> None:
    base = server.state.url.replace("ws://", "http://").removesuffix("/graphql")
    gauge = "dispatch_subscriptions_open"
    async with httpx.AsyncClient(base_url=base) as http:
        # given the open subscriptions before
        before = sample(await scrape(http), gauge, kind="dispatchNotices")

        # when a dispatch board subscribes
        cm, client = await connected(server, acme["operator"])
        try:
            await client.subscribe("1", DISPATCH_QUERY)
            await client.nothing_for(0.3)
            during = sample(await scrape(http), gauge, kind="dispatchNotices")
        finally:
            await cm.__aexit__(None, None, None)

        # then it is counted while open, and no longer once the socket closed
        after = during
        for _ in range(50):  # the server sees the close a moment later
            after = sample(await scrape(http), gauge, kind="dispatchNotices")
            if after == before:
                break
            await asyncio.sleep(0.05)
    assert during == before + 1
    assert after == before


@pytest.fixture
async def guarded(db: str, clock: FixedClock) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            "METRICS_TOKEN": "scrape-secret-1",
        }
    )
    application = create_app(settings, clock=clock, manage_database=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            yield c


async def test_with_a_metrics_token_a_scrape_needs_it(guarded: httpx.AsyncClient) -> None:
    anonymous = await guarded.get("/metrics")
    wrong = await guarded.get("/metrics", headers={"Authorization": "Bearer nope"})

    assert anonymous.status_code == 401
    assert wrong.status_code == 401
    assert "dispatch_graphql_requests" in await scrape(
        guarded, Authorization="Bearer scrape-secret-1"
    )


async def test_every_notice_sent_is_counted_whoever_writes_its_frame(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    from tests.api.live_notices import live, record, status_changed

    base = server.state.url.replace("ws://", "http://").removesuffix("/graphql")
    counter = "dispatch_notices_sent_total"
    async with httpx.AsyncClient(base_url=base) as http:
        # given four boards watching live (the hub writes the frames of all but one)
        clients = [await connected(server, acme["operator"]) for _ in range(4)]
        try:
            for i, (_, client) in enumerate(clients):
                await client.subscribe(f"board-{i}", DISPATCH_QUERY)
            await live(server, len(clients))
            before = sample(await scrape(http), counter, kind="dispatchNotices")

            # when one commit brings two notices
            await record(acme["operator"], clock, [status_changed(2), status_changed(3)])
            for _, client in clients:
                for _ in range(2):
                    assert (await client.next_data())["data"]["dispatchNotices"]["toStatus"]

            # then the scrape counts the eight notices sent
            after = sample(await scrape(http), counter, kind="dispatchNotices")
        finally:
            for cm, _ in clients:
                await cm.__aexit__(None, None, None)
    assert after == before + 8
