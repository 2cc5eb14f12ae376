"""Trusted documents (TRUSTED_DOCUMENTS=manifest.json): only the manifest's operations
run, named by hash or id or sent as text; introspection for ADMIN and REPORTER only."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import create_app
from models.agency import Role
from models.config import ConfigError, Settings
from resolvers.clock import FixedClock
from schema import trusted_documents
from tests.api.live_notices import DISPATCH_QUERY, connected
from tests.conftest import TEST_SECRET
from tests.factories import make_agency, make_user, token

LISTED = "query Viewer { viewer { name role } }"
RELAY_ID = "b2f4c1e0"  # Relay keys documents by its own (md5) id
INTROSPECTION = "{ __schema { queryType { name } } }"


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


@pytest.fixture
async def trusted_client(
    db: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({RELAY_ID: LISTED}))
    settings = Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            "TRUSTED_DOCUMENTS": str(manifest),
        }
    )
    application = create_app(settings, clock=clock, manage_database=False)
    try:
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                yield c
    finally:
        trusted_documents.install(None)  # the process's other apps run every operation


async def _headers(role: Role) -> dict[str, str]:
    user = await make_user(await make_agency(), role)
    return {"Authorization": f"Bearer {token(user)}"}


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha(LISTED)}}},
            id="apq-hash",
        ),
        pytest.param({"documentId": RELAY_ID}, id="relay-id"),
        pytest.param({"documentId": f"sha256:{sha(LISTED)}"}, id="document-id"),
        pytest.param({"query": LISTED}, id="listed-text"),
    ],
)
async def test_a_listed_document_runs(trusted_client: httpx.AsyncClient, body: Any) -> None:
    response = await trusted_client.post(
        "/graphql", json=body, headers=await _headers(Role.OPERATOR)
    )

    assert response.status_code == 200, response.text
    assert "errors" not in response.json()
    assert response.json()["data"]["viewer"]["role"] == "OPERATOR"


async def test_a_listed_document_runs_over_get(trusted_client: httpx.AsyncClient) -> None:
    response = await trusted_client.get(
        "/graphql", params={"documentId": RELAY_ID}, headers=await _headers(Role.DRIVER)
    )

    assert response.json()["data"]["viewer"]["role"] == "DRIVER"


async def test_another_document_is_refused_and_cannot_be_registered(
    trusted_client: httpx.AsyncClient,
) -> None:
    headers = await _headers(Role.ADMIN)
    other = "{ viewer { agency { name } } }"
    apq = {"persistedQuery": {"version": 1, "sha256Hash": sha(other)}}

    sent = await trusted_client.post(
        "/graphql", json={"query": other, "extensions": apq}, headers=headers
    )
    named = await trusted_client.post("/graphql", json={"extensions": apq}, headers=headers)

    assert _code(sent) == "TRUSTED_DOCUMENT_REQUIRED"
    assert sent.json()["data"] is None
    assert _code(named) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.ADMIN, True), (Role.REPORTER, True), (Role.OPERATOR, False), (Role.DRIVER, False)],
)
async def test_introspection_is_for_admins_and_reporters(
    trusted_client: httpx.AsyncClient, role: Role, allowed: bool
) -> None:
    response = await trusted_client.post(
        "/graphql", json={"query": INTROSPECTION}, headers=await _headers(role)
    )

    if allowed:
        assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"
    else:
        assert _code(response) == "TRUSTED_DOCUMENT_REQUIRED"


async def test_introspection_beside_a_real_field_is_not_introspection(
    trusted_client: httpx.AsyncClient,
) -> None:
    query = "{ __schema { queryType { name } } viewer { name } }"

    response = await trusted_client.post(
        "/graphql", json={"query": query}, headers=await _headers(Role.ADMIN)
    )

    assert _code(response) == "TRUSTED_DOCUMENT_REQUIRED"


def test_a_manifest_that_is_not_one_is_a_config_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    manifest.write_text("[1, 2]")

    with pytest.raises(ConfigError, match="TRUSTED_DOCUMENTS"):
        trusted_documents.TrustedDocuments.load(str(manifest))


def test_an_apollo_manifest_is_read(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    operations = [{"id": "abc", "body": LISTED, "name": "Viewer", "type": "query"}]
    manifest.write_text(
        json.dumps(
            {"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}
        )
    )

    trusted = trusted_documents.TrustedDocuments.load(str(manifest))

    assert trusted.by_id["abc"] == LISTED
    assert trusted.by_id[sha(LISTED)] == LISTED


async def test_a_subscription_not_in_the_manifest_is_refused_over_websocket(
    server: Any, acme: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a server whose manifest lists one query, and a signed-in dispatch board
    listed = trusted_documents.TrustedDocuments(by_id={RELAY_ID: LISTED}, texts=frozenset({LISTED}))
    monkeypatch.setattr(trusted_documents, "TRUSTED", listed)
    cm, client = await connected(server, acme["operator"])
    try:
        # when it subscribes with a document of its own
        await client.subscribe("1", DISPATCH_QUERY)
        message = await client.recv()

        # then the subscription is refused in the protocol's terms
        assert message["type"] == "error", message
        assert message["payload"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"
    finally:
        await cm.__aexit__(None, None, None)
