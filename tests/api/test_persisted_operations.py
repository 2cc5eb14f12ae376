"""Persisted operations as an Apollo client sees them: a hash instead of the document,
`PersistedQueryNotFound`, then the retry with the text that registers it, over POST and
GET; one store for every server process when BROADCAST_URL is Redis."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from redis import exceptions as redis_exc
from redis.asyncio import Redis

from app import create_app
from models.agency import Role
from models.config import Settings
from resolvers.clock import FixedClock
from schema.http.persisted import RedisStore
from tests.conftest import REDIS_URL, TEST_SECRET, service_missing
from tests.e2e.servers import free_port
from tests.factories import make_agency, make_user, token

VIEWER = "query Viewer { viewer { name role } }"


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def apq(query: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(query)}}


async def _signed_in() -> dict[str, str]:
    user = await make_user(await make_agency(), Role.OPERATOR)
    return {"Authorization": f"Bearer {token(user)}"}


def _not_found(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text
    (error,) = response.json()["errors"]
    assert error["message"] == "PersistedQueryNotFound"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_a_hash_is_not_found_then_registered_by_the_retry_then_runs_alone(
    client: httpx.AsyncClient,
) -> None:
    # given a signed-in driver app and a document the server has never seen
    headers = await _signed_in()
    query = VIEWER + " # " + uuid.uuid4().hex

    # when it sends the hash alone, then (told it is unknown) the text with the hash
    first = await client.post("/graphql", json={"extensions": apq(query)}, headers=headers)
    retry = await client.post(
        "/graphql", json={"query": query, "extensions": apq(query)}, headers=headers
    )
    again = await client.post("/graphql", json={"extensions": apq(query)}, headers=headers)

    # then the first is PersistedQueryNotFound, and the hash alone runs once registered
    _not_found(first)
    assert retry.json()["data"]["viewer"]["role"] == "OPERATOR"
    assert again.json() == retry.json()


async def test_a_persisted_query_runs_over_get(client: httpx.AsyncClient) -> None:
    headers = await _signed_in()
    query = VIEWER + " # " + uuid.uuid4().hex
    extensions = json.dumps(apq(query))

    first = await client.get("/graphql", params={"extensions": extensions}, headers=headers)
    retry = await client.get(
        "/graphql", params={"query": query, "extensions": extensions}, headers=headers
    )
    again = await client.get(
        "/graphql", params={"extensions": extensions, "operationName": "Viewer"}, headers=headers
    )

    _not_found(first)
    assert retry.json()["data"]["viewer"]["role"] == "OPERATOR"
    assert again.status_code == 200
    assert again.json() == retry.json()


async def test_a_text_that_does_not_match_its_hash_is_refused_and_not_registered(
    client: httpx.AsyncClient,
) -> None:
    headers = await _signed_in()
    claimed = VIEWER + " # " + uuid.uuid4().hex

    # when a client sends another text under that hash
    forged = {"query": "{ viewer { agency { name } } }", "extensions": apq(claimed)}
    response = await client.post("/graphql", json=forged, headers=headers)

    # then it is refused, and the hash still names nothing
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    _not_found(await client.post("/graphql", json={"extensions": apq(claimed)}, headers=headers))


async def test_a_persisted_query_needs_a_token_like_any_other(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"extensions": apq(VIEWER)})

    assert response.status_code == 401


@asynccontextmanager
async def _server_process(db: str, clock: FixedClock) -> AsyncIterator[httpx.AsyncClient]:
    """One more app on Redis: as a second server process would see the store."""
    settings = Settings.from_env(
        {"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET, "BROADCAST_URL": REDIS_URL}
    )
    application = create_app(settings, clock=clock, manage_database=False)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


@pytest.mark.redis
async def test_a_document_registered_on_one_process_runs_on_another_through_redis(
    db: str, clock: FixedClock
) -> None:
    redis = Redis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except (redis_exc.RedisError, OSError) as exc:
        service_missing(f"Redis at {REDIS_URL}", exc)
    finally:
        await redis.aclose()
    headers = await _signed_in()
    query = VIEWER + " # " + uuid.uuid4().hex

    # given two server processes on BROADCAST_URL=redis://…
    async with _server_process(db, clock) as one, _server_process(db, clock) as other:
        # when the document is registered through one
        await one.post("/graphql", json={"query": query, "extensions": apq(query)}, headers=headers)

        # then the other runs it from its hash
        response = await other.post("/graphql", json={"extensions": apq(query)}, headers=headers)
    assert response.json()["data"]["viewer"]["role"] == "OPERATOR"


async def test_a_redis_store_that_is_down_is_a_miss_not_a_failure() -> None:
    # given a store on a Redis that is not there
    store = RedisStore(f"redis://127.0.0.1:{free_port()}/0")
    try:
        # when a document is registered and looked up
        await store.put(sha(VIEWER), VIEWER)
        found = await store.get(sha(VIEWER))
    finally:
        await store.close()

    # then nothing failed: the client is told to send the text, which then runs
    assert found is None
