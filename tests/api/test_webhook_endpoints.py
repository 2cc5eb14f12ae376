"""ADMIN manages webhook endpoints: the secret shown once, refusals that change nothing,
update, disable, delete, rotation with an overlap."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models.agency import Role
from tests.factories import gql, make_agency, make_user

PUBLIC = "https://93.184.215.14/hooks/dispatch"

CREATE = """mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint { id url audience events enabled }
    secret
    errors { code field message }
  } }"""

LIST = "{ webhookEndpoints { id url events enabled disabledReason previousSecretValidUntil } }"


async def _create(client: httpx.AsyncClient, admin: Any, **input: Any) -> dict[str, Any]:
    body = await gql(client, CREATE, {"input": {"url": PUBLIC, **input}}, user=admin)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["createWebhookEndpoint"]
    return result


async def _listed(client: httpx.AsyncClient, admin: Any) -> list[dict[str, Any]]:
    body = await gql(client, LIST, user=admin)
    listed: list[dict[str, Any]] = body["data"]["webhookEndpoints"]
    return listed


@pytest.fixture
async def admin(db: str) -> Any:
    return await make_user(await make_agency(), Role.ADMIN)


async def test_a_new_endpoint_shows_its_secret_once(client: httpx.AsyncClient, admin: Any) -> None:
    # when
    created = await _create(client, admin, events=["MissionCancelledNotice"])

    # then the secret is in the payload, and nowhere to read later
    assert created["errors"] == []
    assert created["secret"].startswith("whsec_")
    assert created["endpoint"]["events"] == ["MissionCancelledNotice"]
    assert created["endpoint"]["audience"] == "DISPATCH"
    assert await _listed(client, admin) == [
        {
            "id": created["endpoint"]["id"],
            "url": PUBLIC,
            "events": ["MissionCancelledNotice"],
            "enabled": True,
            "disabledReason": None,
            "previousSecretValidUntil": None,
        }
    ]
    fields = await gql(
        client, '{ __type(name: "WebhookEndpoint") { fields { name } } }', user=admin
    )
    assert "secret" not in {f["name"] for f in fields["data"]["__type"]["fields"]}


@pytest.mark.parametrize(
    ("input", "field", "says"),
    [
        ({"url": "https://10.0.0.5/hook"}, "url", "private"),
        ({"url": "https://169.254.169.254/latest/meta-data"}, "url", "metadata"),
        ({"url": "http://127.0.0.1:9000/hook"}, "url", "loopback"),
        ({"url": "https://[::1]/hook"}, "url", "loopback"),
        ({"url": "https://[::ffff:10.1.2.3]/hook"}, "url", "private"),
        ({"url": "http://93.184.215.14/hook"}, "url", "https://"),
        ({"url": "https://user:pw@93.184.215.14/hook"}, "url", "password"),
        ({"url": "ftp://93.184.215.14/hook"}, "url", "https://"),
        ({"events": ["MissionAssignedNotice"]}, "events", "not a notice of the DISPATCH"),
        ({"secret": "whsec_short"}, "secret", "24 to 64 bytes"),
    ],
)
async def test_a_bad_endpoint_is_refused_and_nothing_is_created(
    client: httpx.AsyncClient, admin: Any, input: dict[str, Any], field: str, says: str
) -> None:
    # when
    refused = await _create(client, admin, **input)

    # then
    assert refused["endpoint"] is None and refused["secret"] is None
    (error,) = refused["errors"]
    assert error["code"] == "INVALID"
    assert error["field"] == ["input", field]
    assert says in error["message"]
    assert await _listed(client, admin) == []


async def test_update_disable_and_delete(client: httpx.AsyncClient, admin: Any) -> None:
    # given
    endpoint_id = (await _create(client, admin))["endpoint"]["id"]

    # when the events are narrowed, then it is disabled
    updated = await gql(
        client,
        """mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: {events: ["SlotReleasedNotice"],
           url: "https://93.184.215.15/other"}) { endpoint { url events } errors { code } } }""",
        {"id": endpoint_id},
        user=admin,
    )
    disabled = await gql(
        client,
        "mutation($id: ID!) { disableWebhookEndpoint(id: $id) { endpoint { enabled disabledReason } errors { code } } }",
        {"id": endpoint_id},
        user=admin,
    )

    # then
    assert updated["data"]["updateWebhookEndpoint"] == {
        "endpoint": {"url": "https://93.184.215.15/other", "events": ["SlotReleasedNotice"]},
        "errors": [],
    }
    assert disabled["data"]["disableWebhookEndpoint"]["endpoint"] == {
        "enabled": False,
        "disabledReason": "Disabled by an administrator.",
    }

    # when it is deleted
    deleted = await gql(
        client,
        "mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedId errors { code } } }",
        {"id": endpoint_id},
        user=admin,
    )

    # then
    assert deleted["data"]["deleteWebhookEndpoint"] == {"deletedId": endpoint_id, "errors": []}
    assert await _listed(client, admin) == []


async def test_an_update_to_a_private_address_changes_nothing(
    client: httpx.AsyncClient, admin: Any
) -> None:
    endpoint_id = (await _create(client, admin))["endpoint"]["id"]

    refused = await gql(
        client,
        """mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: {url: "https://192.168.1.10/x",
           events: []}) { endpoint { url } errors { code field } } }""",
        {"id": endpoint_id},
        user=admin,
    )

    assert refused["data"]["updateWebhookEndpoint"] == {
        "endpoint": None,
        "errors": [{"code": "INVALID", "field": ["input", "url"]}],
    }
    assert [e["url"] for e in await _listed(client, admin)] == [PUBLIC]


async def test_rotation_gives_a_new_secret_and_keeps_the_old_one_for_the_overlap(
    client: httpx.AsyncClient, admin: Any
) -> None:
    created = await _create(client, admin)

    rotated = await gql(
        client,
        """mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapMinutes: 60) {
             secret endpoint { previousSecretValidUntil } errors { code } } }""",
        {"id": created["endpoint"]["id"]},
        user=admin,
    )

    result = rotated["data"]["rotateWebhookSecret"]
    assert result["errors"] == []
    assert result["secret"].startswith("whsec_") and result["secret"] != created["secret"]
    # the test clock's now (2026-06-01 08:00 UTC) plus the hour of overlap
    assert result["endpoint"]["previousSecretValidUntil"].startswith("2026-06-01T09:00:00")


async def test_only_an_admin_manages_endpoints(client: httpx.AsyncClient, admin: Any) -> None:
    operator = await make_user(await admin.agency, Role.OPERATOR)

    body = await gql(client, CREATE, {"input": {"url": PUBLIC}}, user=operator)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _listed(client, admin) == []


async def test_another_agencys_endpoint_is_not_found(client: httpx.AsyncClient, admin: Any) -> None:
    # given an endpoint of another agency
    other_admin = await make_user(await make_agency("Other"), Role.ADMIN)
    theirs = (await _create(client, other_admin))["endpoint"]["id"]

    # when our admin changes it, or lists its deliveries
    changed = await gql(
        client,
        "mutation($id: ID!) { disableWebhookEndpoint(id: $id) { endpoint { id } errors { code field } } }",
        {"id": theirs},
        user=admin,
    )
    listed = await gql(
        client,
        "query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }",
        {"id": theirs},
        user=admin,
    )

    # then it is as if it did not exist, and it is unchanged
    assert changed["data"]["disableWebhookEndpoint"] == {
        "endpoint": None,
        "errors": [{"code": "NOT_FOUND", "field": ["id"]}],
    }
    assert listed["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "endpointId"}
    assert [e["enabled"] for e in await _listed(client, other_admin)] == [True]


async def test_a_bad_page_size_of_deliveries_is_refused(
    client: httpx.AsyncClient, admin: Any
) -> None:
    endpoint_id = (await _create(client, admin))["endpoint"]["id"]

    body = await gql(
        client,
        "query($id: ID!) { webhookDeliveries(endpointId: $id, first: 0) { totalCount } }",
        {"id": endpoint_id},
        user=admin,
    )

    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}


async def test_a_bad_overlap_or_delivery_id_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, admin: Any
) -> None:
    created = await _create(client, admin)

    rotated = await gql(
        client,
        """mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapMinutes: -5) {
             secret errors { code field } } }""",
        {"id": created["endpoint"]["id"]},
        user=admin,
    )
    redelivered = await gql(
        client,
        """mutation { redeliver(deliveryId: "nope") { delivery { id } errors { code field } } }""",
        user=admin,
    )

    assert rotated["data"]["rotateWebhookSecret"] == {
        "secret": None,
        "errors": [{"code": "INVALID", "field": ["overlapMinutes"]}],
    }
    assert redelivered["data"]["redeliver"] == {
        "delivery": None,
        "errors": [{"code": "NOT_FOUND", "field": ["deliveryId"]}],
    }
    assert [e["previousSecretValidUntil"] for e in await _listed(client, admin)] == [None]
