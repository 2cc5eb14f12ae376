"""Refused input (SPEC §13): the code, the field at fault, and nothing changed."""

from __future__ import annotations

import pytest

from models.agency import Agency, Role
from models.audit import Event
from models.cancellations import CancellationReason
from models.orders import Mission, Order
from models.people import Customer, Driver
from tests.factories import gid, gql, make_agency, make_customer, make_user


async def _snapshot(agency_id: int):
    agency = await Agency.get(id=agency_id)
    return (
        await Order.all().count(),
        await Mission.all().count(),
        await Customer.all().count(),
        await Driver.all().count(),
        await Event.all().count(),
        sorted(await CancellationReason.all().values_list("code", "label", "active")),
        (
            agency.time_zone,
            agency.currency,
            agency.default_cancellation_window_minutes,
            agency.default_minimum_billing_minutes,
            agency.no_show_fee,
        ),
    )


CUSTOMER = "mutation($i: CustomerInput!) { createCustomer(input: $i) { customer { id } errors { code field } } }"
DRIVER = (
    "mutation($i: DriverInput!) { createDriver(input: $i) { driver { id } errors { code field } } }"
)
SETTINGS = "mutation($i: AgencySettingsInput!) { updateAgencySettings(input: $i) { agency { id } errors { code field } } }"
REASON = "mutation($i: CancellationReasonInput!) { createCancellationReason(input: $i) { reason { id } errors { code field } } }"
ORDER = "mutation($i: CreateOrderInput!) { createOrder(input: $i) { order { id } errors { code field } } }"

START, END = "2026-06-02T08:00:00Z", "2026-06-02T09:00:00Z"

CASES = [
    (
        "blank customer name",
        CUSTOMER,
        "createCustomer",
        {"name": "  ", "billingRatePerHour": "10"},
        "REQUIRED",
        ["input", "name"],
    ),
    (
        "negative rate",
        CUSTOMER,
        "createCustomer",
        {"name": "X", "billingRatePerHour": "-1"},
        "INVALID",
        ["input", "billingRatePerHour"],
    ),
    (
        "rate with three decimals",
        CUSTOMER,
        "createCustomer",
        {"name": "X", "billingRatePerHour": "1.005"},
        "INVALID",
        ["input", "billingRatePerHour"],
    ),
    (
        "negative customer window",
        CUSTOMER,
        "createCustomer",
        {"name": "X", "billingRatePerHour": "10", "cancellationWindowMinutes": -5},
        "INVALID",
        ["input", "cancellationWindowMinutes"],
    ),
    (
        "negative minimum",
        CUSTOMER,
        "createCustomer",
        {"name": "X", "billingRatePerHour": "10", "minimumBillingMinutes": -1},
        "INVALID",
        ["input", "minimumBillingMinutes"],
    ),
    (
        "blank driver name",
        DRIVER,
        "createDriver",
        {"name": "", "payRatePerHour": "10"},
        "REQUIRED",
        ["input", "name"],
    ),
    (
        "negative pay",
        DRIVER,
        "createDriver",
        {"name": "X", "payRatePerHour": "-0.01"},
        "INVALID",
        ["input", "payRatePerHour"],
    ),
    (
        "negative driver window",
        DRIVER,
        "createDriver",
        {"name": "X", "payRatePerHour": "10", "cancellationWindowMinutes": -1},
        "INVALID",
        ["input", "cancellationWindowMinutes"],
    ),
    (
        "bad time zone",
        SETTINGS,
        "updateAgencySettings",
        {"timeZone": "Mars/Olympus"},
        "INVALID",
        ["input", "timeZone"],
    ),
    (
        "bad currency",
        SETTINGS,
        "updateAgencySettings",
        {"currency": "EURO"},
        "INVALID",
        ["input", "currency"],
    ),
    (
        "negative default window",
        SETTINGS,
        "updateAgencySettings",
        {"defaultCancellationWindowMinutes": -1},
        "INVALID",
        ["input", "defaultCancellationWindowMinutes"],
    ),
    (
        "negative no-show fee",
        SETTINGS,
        "updateAgencySettings",
        {"noShowFee": "-25"},
        "INVALID",
        ["input", "noShowFee"],
    ),
    (
        "blank reason code",
        REASON,
        "createCancellationReason",
        {"code": " ", "label": "X"},
        "REQUIRED",
        ["input", "code"],
    ),
    (
        "blank reason label",
        REASON,
        "createCancellationReason",
        {"code": "X", "label": ""},
        "REQUIRED",
        ["input", "label"],
    ),
    (
        "malformed reason code",
        REASON,
        "createCancellationReason",
        {"code": "no spaces!", "label": "X"},
        "INVALID",
        ["input", "code"],
    ),
    (
        "duplicate reason code",
        REASON,
        "createCancellationReason",
        {"code": "WEATHER", "label": "Storm"},
        "CONFLICT",
        ["input", "code"],
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "name", "value", "code", "field"), CASES, ids=[c[0] for c in CASES]
)
async def test_reference_data_input_is_refused(db, client, case, text, name, value, code, field):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    before = await _snapshot(agency.id)
    # when
    body = await gql(client, text, {"i": value}, user=admin)
    # then
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["errors"] == [{"code": code, "field": field}]
    assert await _snapshot(agency.id) == before


def _order(customer_id: str, **changes):
    value = {
        "customerId": customer_id,
        "reference": "R-1",
        "missions": [{"pickupAt": START, "estimatedEndAt": END}],
    }
    value.update(changes)
    return value


ORDER_CASES = [
    (
        "end before start",
        {
            "missions": [
                {"pickupAt": START, "estimatedEndAt": START},
                {"pickupAt": END, "estimatedEndAt": START},
            ]
        },
        "INVALID",
        ["input", "missions", "0", "estimatedEndAt"],
    ),
    (
        "second mission ends before it starts",
        {
            "missions": [
                {"pickupAt": START, "estimatedEndAt": END},
                {"pickupAt": END, "estimatedEndAt": START},
            ]
        },
        "INVALID",
        ["input", "missions", "1", "estimatedEndAt"],
    ),
    ("no missions", {"missions": []}, "REQUIRED", ["input", "missions"]),
    ("blank reference", {"reference": " "}, "REQUIRED", ["input", "reference"]),
    (
        "time without offset",
        {"missions": [{"pickupAt": "2026-06-02T08:00:00", "estimatedEndAt": END}]},
        "INVALID",
        ["input", "missions", "0", "pickupAt"],
    ),
    ("malformed customer id", {"customerId": "not-an-id"}, "NOT_FOUND", ["input", "customerId"]),
    ("id of another type", {"customerId": gid("Driver", 1)}, "NOT_FOUND", ["input", "customerId"]),
    (
        "unknown customer",
        {"customerId": gid("Customer", 999999)},
        "NOT_FOUND",
        ["input", "customerId"],
    ),
]


@pytest.mark.parametrize(
    ("case", "changes", "code", "field"), ORDER_CASES, ids=[c[0] for c in ORDER_CASES]
)
async def test_order_input_is_refused(db, client, case, changes, code, field):
    # given
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    customer = await make_customer(agency)
    before = await _snapshot(agency.id)
    # when
    body = await gql(
        client, ORDER, {"i": _order(gid("Customer", customer.id), **changes)}, user=operator
    )
    # then
    assert "errors" not in body, body
    payload = body["data"]["createOrder"]
    assert payload["order"] is None
    assert payload["errors"] == [{"code": code, "field": field}]
    assert await _snapshot(agency.id) == before


async def test_renaming_a_reason_to_a_taken_code_is_a_conflict(db, client):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    weather = await CancellationReason.get(agency_id=agency.id, code="WEATHER")
    before = await _snapshot(agency.id)
    # when
    body = await gql(
        client,
        'mutation($id: ID!) { updateCancellationReason(id: $id, input: {code: "OTHER", label: "X"}) '
        "{ reason { id } errors { code field } } }",
        {"id": gid("CancellationReason", weather.id)},
        user=admin,
    )
    # then
    assert body["data"]["updateCancellationReason"]["errors"] == [
        {"code": "CONFLICT", "field": ["input", "code"]}
    ]
    assert await _snapshot(agency.id) == before


async def test_a_decimal_that_is_not_a_number_is_a_graphql_error(db, client):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    before = await _snapshot(agency.id)
    # when
    body = await gql(
        client, CUSTOMER, {"i": {"name": "X", "billingRatePerHour": "ten"}}, user=admin
    )
    # then
    assert body["data"] is None
    assert "Internal error" not in body["errors"][0]["message"]
    assert await _snapshot(agency.id) == before


async def test_valid_reference_data_is_accepted_with_its_event(db, client):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    # when
    body = await gql(
        client,
        CUSTOMER,
        {
            "i": {
                "name": " Initech ",
                "billingRatePerHour": "80.5",
                "cancellationWindowMinutes": 120,
            }
        },
        user=admin,
    )
    settings = await gql(
        client, SETTINGS, {"i": {"noShowFee": "25", "timeZone": "America/New_York"}}, user=admin
    )
    # then
    assert body["data"]["createCustomer"]["errors"] == []
    customer = await Customer.get(agency_id=agency.id, name="Initech")
    assert str(customer.billing_rate_per_hour) == "80.50"
    assert settings["data"]["updateAgencySettings"]["errors"] == []
    saved = await Agency.get(id=agency.id)
    assert (saved.time_zone, str(saved.no_show_fee)) == ("America/New_York", "25.00")
    types = await Event.filter(agency_id=agency.id).values_list("type", flat=True)
    assert sorted(types) == ["AgencySettingsUpdated", "CustomerCreated"]
