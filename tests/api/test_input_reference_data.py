"""Refused reference data (SPEC §13): customers, drivers, agency settings and cancellation
reasons get the code and the field at fault, and nothing changes."""

from __future__ import annotations

import pytest

from models.agency import Agency, Role
from models.audit import Event
from models.cancellations import CancellationReason
from models.people import Customer
from tests.api.input_checks import snapshot
from tests.factories import gid, gql, make_agency, make_user

CUSTOMER = "mutation($i: CustomerInput!) { createCustomer(input: $i) { customer { id } errors { code field } } }"
DRIVER = (
    "mutation($i: DriverInput!) { createDriver(input: $i) { driver { id } errors { code field } } }"
)
SETTINGS = "mutation($i: AgencySettingsInput!) { updateAgencySettings(input: $i) { agency { id } errors { code field } } }"
REASON = "mutation($i: CancellationReasonInput!) { createCancellationReason(input: $i) { reason { id } errors { code field } } }"

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
    before = await snapshot(agency.id)
    # when
    body = await gql(client, text, {"i": value}, user=admin)
    # then
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["errors"] == [{"code": code, "field": field}]
    assert await snapshot(agency.id) == before


async def test_renaming_a_reason_to_a_taken_code_is_a_conflict(db, client):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    weather = await CancellationReason.get(agency_id=agency.id, code="WEATHER")
    before = await snapshot(agency.id)
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
    assert await snapshot(agency.id) == before


async def test_a_decimal_that_is_not_a_number_is_a_graphql_error(db, client):
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    before = await snapshot(agency.id)
    # when
    body = await gql(
        client, CUSTOMER, {"i": {"name": "X", "billingRatePerHour": "ten"}}, user=admin
    )
    # then
    assert body["data"] is None
    assert "Internal error" not in body["errors"][0]["message"]
    assert await snapshot(agency.id) == before


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
