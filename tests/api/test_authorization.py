"""Who may call what (SPEC §12): every role against every root query and mutation.

The root fields are read from the schema itself, so a field added later is covered
automatically, and fails until it gets a row in MATRIX. Authentication failures are
HTTP 401 with UNAUTHENTICATED.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from models.agency import Role
from schema.auth import ALGORITHM, ISSUER
from schema.build import schema
from tests.conftest import TEST_SECRET
from tests.factories import gql, make_agency, make_driver, make_user

EVERYONE = frozenset(Role)
READERS = frozenset({Role.ADMIN, Role.OPERATOR, Role.REPORTER})
DISPATCH = frozenset({Role.ADMIN, Role.OPERATOR})
ADMIN = frozenset({Role.ADMIN})
DRIVER = frozenset({Role.DRIVER})

# Who may call each root field. A field of the schema missing here fails the test.
MATRIX: dict[tuple[str, str], frozenset[Role]] = {
    ("query", "node"): EVERYONE,
    ("query", "viewer"): EVERYONE,
    ("query", "order"): EVERYONE,
    ("query", "mission"): EVERYONE,
    ("query", "missions"): EVERYONE,
    ("query", "cancellationReasons"): EVERYONE,
    ("query", "orders"): READERS,
    ("query", "customers"): READERS,
    ("query", "drivers"): READERS,
    ("query", "cancellations"): READERS,
    ("query", "pendingReview"): READERS,
    ("query", "cancellationReport"): READERS,
    ("query", "invoices"): READERS,
    ("query", "cancellationPreview"): READERS,
    ("query", "reschedulePreview"): READERS,
    ("query", "cancellationPolicies"): READERS,
    ("mutation", "createOrder"): DISPATCH,
    ("mutation", "createSeries"): DISPATCH,
    ("mutation", "assignDriver"): DISPATCH,
    ("mutation", "unassignDriver"): DISPATCH,
    ("mutation", "cancelMission"): DISPATCH,
    ("mutation", "cancelOrder"): DISPATCH,
    ("mutation", "uncancelMission"): DISPATCH,
    ("mutation", "updateMission"): DISPATCH,
    ("mutation", "updateMissionStatus"): DISPATCH,
    ("mutation", "resolveNoShowFee"): DISPATCH,
    ("mutation", "setCancellationWaiver"): DISPATCH,
    ("mutation", "confirmRebookedCredit"): DISPATCH,
    ("mutation", "setLateRescheduleWaiver"): DISPATCH,
    ("mutation", "createInvoice"): DISPATCH,
    ("mutation", "issueInvoice"): DISPATCH,
    ("mutation", "createCreditNote"): DISPATCH,
    ("mutation", "acceptMission"): DRIVER,
    ("mutation", "declineMission"): DRIVER,
    ("mutation", "reportArrival"): DRIVER,
    ("mutation", "startMission"): DRIVER,
    ("mutation", "completeMission"): DRIVER,
    ("mutation", "updateAgencySettings"): ADMIN,
    ("mutation", "saveCancellationPolicy"): ADMIN,
    ("mutation", "setCustomerCancellationPolicy"): ADMIN,
    ("mutation", "createCustomer"): ADMIN,
    ("mutation", "updateCustomer"): ADMIN,
    ("mutation", "createDriver"): ADMIN,
    ("mutation", "updateDriver"): ADMIN,
    ("mutation", "createCancellationReason"): ADMIN,
    ("mutation", "updateCancellationReason"): ADMIN,
    ("query", "users"): ADMIN,
    ("mutation", "createUser"): ADMIN,
    ("mutation", "updateUser"): ADMIN,
    ("mutation", "deactivateUser"): ADMIN,
    ("mutation", "reactivateUser"): ADMIN,
    ("mutation", "revokeTokens"): ADMIN,
    ("mutation", "issueToken"): ADMIN,
    ("query", "webhookEndpoints"): ADMIN,
    ("query", "webhookDeliveries"): ADMIN,
    ("mutation", "createWebhookEndpoint"): ADMIN,
    ("mutation", "updateWebhookEndpoint"): ADMIN,
    ("mutation", "disableWebhookEndpoint"): ADMIN,
    ("mutation", "deleteWebhookEndpoint"): ADMIN,
    ("mutation", "rotateWebhookSecret"): ADMIN,
    ("mutation", "redeliver"): ADMIN,
}

SCALARS: dict[str, Any] = {
    "ID": "TWlzc2lvbjo5OTk5OTk",  # Mission:999999, which exists nowhere
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "DateTime": "2026-06-02T08:00:00Z",
    "Date": "2026-06-01",
    "Decimal": "1.00",
    "JSON": {},
}


def _root_fields() -> list[tuple[str, str]]:
    """Every (operation, field) of the schema's Query and Mutation types."""
    found = []
    for operation, root in (
        ("query", schema._schema.query_type),
        ("mutation", schema._schema.mutation_type),
    ):
        if root is not None:
            found += [(operation, name) for name in root.fields]
    return found


def _value(type_: Any) -> Any:
    """A value of a GraphQL input type that passes validation."""
    if isinstance(type_, GraphQLNonNull):
        return _value(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [_value(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: _value(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
        }
    assert isinstance(type_, GraphQLScalarType)
    return SCALARS[type_.name]


def _operation(operation: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """The smallest valid operation calling `name`, and its variables."""
    required = {a: arg for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}
    definitions = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    arguments = ", ".join(f"{a}: ${a}" for a in required)
    named = get_named_type(field.type)
    selection = "" if isinstance(named, GraphQLScalarType | GraphQLEnumType) else " { __typename }"
    text = (
        f"{operation}{f'({definitions})' if definitions else ''} "
        f"{{ {name}{f'({arguments})' if arguments else ''}{selection} }}"
    )
    return text, {a: _value(arg.type) for a, arg in required.items()}


def test_every_matrix_row_names_a_field_of_the_schema():
    # given
    fields = set(_root_fields())
    # then
    stale = sorted(f"{op} {name}" for op, name in MATRIX if (op, name) not in fields)
    assert not stale, f"remove or rename stale rows of the matrix: {stale}"


@pytest.mark.parametrize(("operation", "name"), _root_fields(), ids=lambda v: str(v))
async def test_role_matrix(db, client, operation, name):
    # given
    assert (operation, name) in MATRIX, f"add {name} to the matrix in {__file__}"
    allowed = MATRIX[(operation, name)]
    agency = await make_agency()
    driver = await make_driver(agency)
    users = {
        role: await make_user(agency, role, driver=driver if role is Role.DRIVER else None)
        for role in Role
    }
    root = schema._schema.query_type if operation == "query" else schema._schema.mutation_type
    text, variables = _operation(operation, name, root.fields[name])
    for role, user in users.items():
        # when
        body = await gql(client, text, variables, user=user)
        # then
        codes = [
            (e.get("extensions") or {}).get("code")
            for e in body.get("errors") or []
            if (e.get("path") or [None])[0] == name
        ]
        if role in allowed:
            assert "FORBIDDEN" not in codes and "UNAUTHENTICATED" not in codes, (role, body)
        else:
            assert codes == ["FORBIDDEN"], (role, body)
            assert body["data"] is None or body["data"].get(name) is None


VIEWER = "{ viewer { name } }"


async def test_no_token_is_http_401_unauthenticated(db, client):
    # when
    body = await gql(client, VIEWER, status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "header",
    ["Bearer garbage", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer a.b.c"],
)
async def test_malformed_credentials_are_http_401(db, client, header):
    # when
    body = await gql(client, VIEWER, bearer=header, status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _token(
    user_id: int, agency_id: int, *, secret: str = TEST_SECRET, expires_in: timedelta
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "agency": agency_id,
        "iss": ISSUER,
        "iat": int(now.timestamp()),
        "exp": int((now + expires_in).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


async def test_expired_token_is_http_401(db, client):
    # given
    agency = await make_agency()
    user = await make_user(agency, Role.ADMIN)
    expired = _token(user.id, agency.id, expires_in=timedelta(minutes=-5))
    # when
    body = await gql(client, VIEWER, bearer=f"Bearer {expired}", status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_token_signed_with_another_secret_is_http_401(db, client):
    # given
    agency = await make_agency()
    user = await make_user(agency, Role.ADMIN)
    forged = _token(
        user.id, agency.id, secret="another-secret-" + "y" * 40, expires_in=timedelta(hours=1)
    )
    # when
    body = await gql(client, VIEWER, bearer=f"Bearer {forged}", status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_inactive_user_is_http_401(db, client):
    # given
    agency = await make_agency()
    user = await make_user(agency, Role.ADMIN, active=False)
    # when
    body = await gql(client, VIEWER, user=user, status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_user_deactivated_after_the_token_was_issued_is_refused(db, client):
    # given
    agency = await make_agency()
    user = await make_user(agency, Role.OPERATOR)
    bearer = f"Bearer {_token(user.id, agency.id, expires_in=timedelta(hours=1))}"
    await gql(client, VIEWER, bearer=bearer, status=200)
    # when
    user.active = False
    await user.save()
    body = await gql(client, VIEWER, bearer=bearer, status=401)
    # then
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
