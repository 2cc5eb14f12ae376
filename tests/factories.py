"""Builders for test data, and a GraphQL helper for HTTP tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from models.agency import Agency, Role, User
from models.cancellations import CancellationReason
from models.people import Customer, Driver
from resolvers.scope import Scope
from schema.auth import issue_token
from schema.ids import to_global_id
from tests.conftest import TEST_SECRET

REASONS = [
    ("CUSTOMER_REQUEST", "Customer request"),
    ("WEATHER", "Weather"),
    ("DUPLICATE", "Duplicate booking"),
    ("NO_DRIVER", "No driver available"),
    ("OTHER", "Other"),
]


async def make_agency(name: str = "Acme Chauffeurs", **fields: Any) -> Agency:
    """An agency with the five standard reasons."""
    defaults: dict[str, Any] = {
        "time_zone": "Europe/Paris",
        "currency": "EUR",
        "default_cancellation_window_minutes": 1440,
        "default_minimum_billing_minutes": 60,
    }
    agency = await Agency.create(name=name, **{**defaults, **fields})
    for code, label in REASONS:
        await CancellationReason.create(agency=agency, code=code, label=label)
    return agency


async def make_user(
    agency: Agency,
    role: Role = Role.OPERATOR,
    *,
    name: str | None = None,
    driver: Driver | None = None,
    active: bool = True,
) -> User:
    return await User.create(
        agency=agency,
        name=name or f"{role.value.title()} user",
        role=role,
        driver=driver,
        active=active,
    )


async def make_customer(agency: Agency, name: str = "Globex", **fields: Any) -> Customer:
    fields.setdefault("billing_rate_per_hour", Decimal("60.00"))
    return await Customer.create(agency=agency, name=name, **fields)


async def make_driver(agency: Agency, name: str = "Dana Driver", **fields: Any) -> Driver:
    fields.setdefault("pay_rate_per_hour", Decimal("30.00"))
    return await Driver.create(agency=agency, name=name, **fields)


def token(user: User) -> str:
    """A bearer token for `user`, signed with the test secret."""
    return issue_token(TEST_SECRET, user)


def scope_of(user: User) -> Scope:
    return Scope(
        agency_id=user.agency_id,
        user_id=user.id,
        user_name=user.name,
        role=user.role,
        driver_id=user.driver_id,
    )


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, pk)


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    bearer: str | None = None,
    status: int = 200,
) -> dict[str, Any]:
    """POST a GraphQL operation; asserts the HTTP status and returns the JSON body."""
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {token(user)}"
    elif bearer is not None:
        headers["Authorization"] = bearer
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body
