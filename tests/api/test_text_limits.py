"""Free text is capped (issue 9, "Long search strings"; README, Contract notes).

A search argument past its limit is the GraphQL error BAD_USER_INPUT naming the argument,
not a masked internal error ("LIKE or GLOB pattern too complex" on SQLite) that nulls the
whole response; a free-text input field of a mutation past its limit is INVALID on that
field. Nothing changes either way.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from models.agency import Agency, Role
from models.billing import Invoice
from models.cancellations import CancellationReason
from models.people import Customer, Driver
from resolvers.cancellation.cancel_mission import cancel_mission
from tests.conftest import NOW
from tests.factories import gid, gql, make_user
from tests.service.cancel_helpers import assign, book, make_world, request, snapshot

LONG = "x" * 50_000
SEARCH_MAX = 200  # the documented limit of a search string
REASON_CODES_MAX = 100  # the documented number of codes one filter may list

QUERIES = [
    (
        "customers search",
        "query($s: String) { customers(search: $s) { totalCount } }",
        lambda s: {"s": s},
        "search",
    ),
    (
        "drivers search",
        "query($s: String) { drivers(search: $s) { totalCount } }",
        lambda s: {"s": s},
        "search",
    ),
    (
        "Cancelled tab customerSearch",
        "query($f: CancellationFilter) { cancellations(filter: $f) { totalCount } }",
        lambda s: {"f": {"customerSearch": s}},
        "filter",
    ),
]


async def _everything(agency_id: int) -> dict[str, Any]:
    """What any of these calls could change."""
    return {
        **await snapshot(agency_id),
        "agency": await Agency.filter(id=agency_id).values_list(
            "time_zone", "currency", "default_cancellation_window_minutes"
        ),
        "customers": sorted(await Customer.filter(agency_id=agency_id).values_list("id", "name")),
        "drivers": sorted(await Driver.filter(agency_id=agency_id).values_list("id", "name")),
        "reasons": sorted(
            await CancellationReason.filter(agency_id=agency_id).values_list("id", "code", "label")
        ),
    }


@pytest.mark.parametrize(
    ("label", "query", "variables", "argument"), QUERIES, ids=[q[0] for q in QUERIES]
)
async def test_a_search_past_its_limit_is_bad_user_input_naming_the_argument(
    db, client, clock, label, query, variables, argument
):
    # given an agency with a customer, drivers and a cancellation
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    reader = await make_user(world.agency, Role.REPORTER)
    before = await _everything(world.agency.id)

    # when the search is 50,000 characters long
    body = await gql(client, query, variables(LONG), user=reader)

    # then a clear BAD_USER_INPUT on that argument, not a masked internal error
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", (label, error)
    assert error["extensions"]["argument"] == argument, (label, error)
    assert str(SEARCH_MAX) in error["message"], (label, error)
    assert await _everything(world.agency.id) == before


@pytest.mark.parametrize(
    ("label", "query", "variables", "argument"), QUERIES, ids=[q[0] for q in QUERIES]
)
async def test_a_search_at_its_limit_is_answered(
    db, client, clock, label, query, variables, argument
):
    # given an agency with a customer
    world = await make_world(clock)
    reader = await make_user(world.agency, Role.REPORTER)

    # when the search is exactly as long as allowed (spaces around it do not count)
    body = await gql(client, query, variables(f"  {'y' * SEARCH_MAX}  "), user=reader)

    # then it is answered: nothing matches
    assert "errors" not in body, (label, body)
    ((_, answer),) = body["data"].items()
    assert answer["totalCount"] == 0


async def test_a_filter_of_too_many_reason_codes_is_bad_user_input(db, client, clock):
    # given an agency with a cancellation
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    reader = await make_user(world.agency, Role.REPORTER)
    query = "query($f: CancellationFilter) { cancellations(filter: $f) { totalCount } }"

    # when the filter lists 40,000 reason codes (more than the database binds), or the limit
    body = await gql(client, query, {"f": {"reasonCodes": ["W"] * 40_000}}, user=reader)
    at_limit = await gql(
        client, query, {"f": {"reasonCodes": ["CUSTOMER_REQUEST"] * REASON_CODES_MAX}}, user=reader
    )

    # then too many is BAD_USER_INPUT on `filter`; the limit is answered
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter"}, error
    assert at_limit["data"]["cancellations"]["totalCount"] == 1


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ("{ orders(first: 0) { totalCount } }", "first"),
        ('{ orders(after: "not a cursor") { totalCount } }', "after"),
        ('{ pendingReview(after: "WyJhZnRlciJd") { totalCount } }', "after"),
        ("{ invoices(first: 500) { id } }", "first"),
    ],
    ids=["first", "after", "after-naming-after", "invoices-first"],
)
async def test_a_bad_page_argument_is_named(db, client, clock, query, argument):
    # given a reader
    world = await make_world(clock)
    reader = await make_user(world.agency, Role.REPORTER)
    # when a page is asked with a bad `first` or `after`
    body = await gql(client, query, user=reader)
    # then the error names that argument
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}


def _mutations(ids: dict[str, str]) -> list[tuple[str, str, str, dict[str, Any], str, list[str]]]:
    """(label, role, document, variables, code, field) for each free-text input field."""
    m, o, c, cancelled = ids["mission"], ids["order"], ids["customer"], ids["cancellation"]
    cancel = {"missionId": m, "requestedBy": "Front desk", "reasonCode": "WEATHER"}
    order = {"orderId": o, "requestedBy": "Front desk", "reasonCode": "WEATHER"}
    first = {"pickupAt": "2026-06-10T07:00:00Z", "estimatedEndAt": "2026-06-10T08:00:00Z"}
    booking = {"customerId": c, "reference": "R-9", "missions": [first]}
    series = {"customerId": c, "reference": "S-9", "first": first, "rule": "FREQ=DAILY;COUNT=2"}
    customer = {"name": "Initech", "billingRatePerHour": "10.00"}
    driver = {"name": "Ray", "payRatePerHour": "10.00"}
    reason = {"code": "STORM", "label": "Storm"}

    def doc(name: str, type_: str) -> str:
        return f"mutation($i: {type_}!) {{ {name}(input: $i) {{ errors {{ code field }} }} }}"

    def doc_id(name: str, type_: str) -> str:
        return (
            f"mutation($id: ID!, $i: {type_}!) "
            f"{{ {name}(id: $id, input: $i) {{ errors {{ code field }} }} }}"
        )

    cancel_m = doc("cancelMission", "CancelMissionInput")
    cancel_o = doc("cancelOrder", "CancelOrderInput")
    edit = doc("updateMission", "UpdateMissionInput")
    book_o = doc("createOrder", "CreateOrderInput")
    book_s = doc("createSeries", "CreateSeriesInput")
    op, admin = "OPERATOR", "ADMIN"
    return [
        ("cancelMission requestedBy", op, cancel_m, {"i": {**cancel, "requestedBy": LONG}}, "INVALID", ["input", "requestedBy"]),
        ("cancelMission note", op, cancel_m, {"i": {**cancel, "note": LONG}}, "INVALID", ["input", "note"]),
        ("cancelMission waiverNote", op, cancel_m, {"i": {**cancel, "waiveBilling": True, "waiverNote": LONG}}, "INVALID", ["input", "waiverNote"]),
        ("cancelMission idempotencyKey", op, cancel_m, {"i": {**cancel, "idempotencyKey": LONG}}, "INVALID", ["input", "idempotencyKey"]),
        ("cancelMission reasonCode", op, cancel_m, {"i": {**cancel, "reasonCode": LONG}}, "INVALID_REASON", ["input", "reasonCode"]),
        ("cancelOrder requestedBy", op, cancel_o, {"i": {**order, "requestedBy": LONG}}, "INVALID", ["input", "requestedBy"]),
        ("cancelOrder note", op, cancel_o, {"i": {**order, "note": LONG}}, "INVALID", ["input", "note"]),
        ("uncancelMission note", op, doc("uncancelMission", "UncancelMissionInput"), {"i": {"missionId": ids["cancelled_mission"], "note": LONG}}, "INVALID", ["input", "note"]),
        ("setCancellationWaiver note", op, doc("setCancellationWaiver", "SetCancellationWaiverInput"), {"i": {"cancellationId": cancelled, "waived": True, "note": LONG}}, "INVALID", ["input", "note"]),
        ("updateMission pickupLocation", op, edit, {"i": {"missionId": m, "pickupLocation": LONG}}, "INVALID", ["input", "pickupLocation"]),
        ("updateMission dropoffLocation", op, edit, {"i": {"missionId": m, "dropoffLocation": LONG}}, "INVALID", ["input", "dropoffLocation"]),
        ("updateMission notes", op, edit, {"i": {"missionId": m, "notes": LONG}}, "INVALID", ["input", "notes"]),
        ("updateMission cancellationNote", op, edit, {"i": {**cancel, "status": "CANCELLED", "cancellationNote": LONG}}, "INVALID", ["input", "cancellationNote"]),
        ("updateMission requestedBy", op, edit, {"i": {**cancel, "status": "CANCELLED", "requestedBy": LONG}}, "INVALID", ["input", "requestedBy"]),
        ("updateMissionStatus note", op, doc("updateMissionStatus", "UpdateMissionStatusInput"), {"i": {"missionId": m, "status": "ACCEPTED_BY_DRIVER", "note": LONG}}, "INVALID", ["input", "note"]),
        ("resolveNoShowFee note", op, doc("resolveNoShowFee", "ResolveNoShowFeeInput"), {"i": {"missionId": m, "decision": "WAIVE", "note": LONG}}, "INVALID", ["input", "note"]),
        ("createOrder reference", op, book_o, {"i": {**booking, "reference": LONG}}, "INVALID", ["input", "reference"]),
        ("createOrder pickupLocation", op, book_o, {"i": {**booking, "missions": [{**first, "pickupLocation": LONG}]}}, "INVALID", ["input", "missions", "0", "pickupLocation"]),
        ("createOrder dropoffLocation", op, book_o, {"i": {**booking, "missions": [{**first, "dropoffLocation": LONG}]}}, "INVALID", ["input", "missions", "0", "dropoffLocation"]),
        ("createOrder notes", op, book_o, {"i": {**booking, "missions": [{**first, "notes": LONG}]}}, "INVALID", ["input", "missions", "0", "notes"]),
        ("createSeries rule", op, book_s, {"i": {**series, "rule": LONG}}, "INVALID", ["input", "rule"]),
        ("createSeries reference", op, book_s, {"i": {**series, "reference": LONG}}, "INVALID", ["input", "reference"]),
        ("createCreditNote reason", op, 'mutation($id: ID!, $r: String!) { createCreditNote(invoiceId: $id, amount: "1.00", reason: $r) { errors { code field } } }', {"id": ids["invoice"], "r": LONG}, "INVALID", ["reason"]),
        ("updateAgencySettings timeZone", admin, doc("updateAgencySettings", "AgencySettingsInput"), {"i": {"timeZone": LONG}}, "INVALID", ["input", "timeZone"]),
        ("updateAgencySettings long zone name", admin, doc("updateAgencySettings", "AgencySettingsInput"), {"i": {"timeZone": "Europe/" + "a" * 300}}, "INVALID", ["input", "timeZone"]),
        ("updateAgencySettings currency", admin, doc("updateAgencySettings", "AgencySettingsInput"), {"i": {"currency": LONG}}, "INVALID", ["input", "currency"]),
        ("createCustomer name", admin, doc("createCustomer", "CustomerInput"), {"i": {**customer, "name": LONG}}, "INVALID", ["input", "name"]),
        ("updateCustomer name", admin, doc_id("updateCustomer", "CustomerInput"), {"id": c, "i": {**customer, "name": LONG}}, "INVALID", ["input", "name"]),
        ("createDriver name", admin, doc("createDriver", "DriverInput"), {"i": {**driver, "name": LONG}}, "INVALID", ["input", "name"]),
        ("updateDriver name", admin, doc_id("updateDriver", "DriverInput"), {"id": ids["driver"], "i": {**driver, "name": LONG}}, "INVALID", ["input", "name"]),
        ("createCancellationReason code", admin, doc("createCancellationReason", "CancellationReasonInput"), {"i": {**reason, "code": LONG}}, "INVALID", ["input", "code"]),
        ("createCancellationReason label", admin, doc("createCancellationReason", "CancellationReasonInput"), {"i": {**reason, "label": LONG}}, "INVALID", ["input", "label"]),
        ("updateCancellationReason label", admin, doc_id("updateCancellationReason", "CancellationReasonInput"), {"id": ids["reason"], "i": {**reason, "label": LONG}}, "INVALID", ["input", "label"]),
    ]  # fmt: skip


MUTATION_LABELS = [case[0] for case in _mutations(dict.fromkeys(
    ("mission", "order", "customer", "cancellation", "cancelled_mission", "invoice", "driver", "reason"), ""
))]  # fmt: skip


@pytest.mark.parametrize("label", MUTATION_LABELS)
async def test_a_free_text_field_past_its_limit_is_invalid_and_changes_nothing(
    db, client, clock, label
):
    # given an agency with an assigned mission, a cancelled one and a draft invoice
    world = await make_world(clock)
    order, (mission, cancelled) = await book(world, 2)
    await assign(world, mission)
    done = await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    invoice = await Invoice.create(
        agency_id=world.agency.id,
        customer_id=world.customer.id,
        currency="EUR",
        total=Decimal("0.00"),
        created_at=NOW - timedelta(days=1),
    )
    reason = await CancellationReason.get(agency_id=world.agency.id, code="WEATHER")
    ids = {
        "mission": gid("Mission", mission.id),
        "order": gid("Order", order.id),
        "customer": gid("Customer", world.customer.id),
        "cancellation": gid("Cancellation", done.cancellations[0].id),
        "cancelled_mission": gid("Mission", cancelled.id),
        "invoice": gid("Invoice", invoice.id),
        "driver": gid("Driver", world.driver.id),
        "reason": gid("CancellationReason", reason.id),
    }
    (case,) = [c for c in _mutations(ids) if c[0] == label]
    _, role, document, variables, code, field = case
    user = await make_user(world.agency, Role(role))
    before = await _everything(world.agency.id)

    # when the field is 50,000 characters long
    body = await gql(client, document, variables, user=user)

    # then the payload refuses it on that field, and nothing changed
    assert "errors" not in body, (label, body)
    ((_, payload),) = body["data"].items()
    assert payload["errors"] == [{"code": code, "field": field}], (label, payload)
    assert await _everything(world.agency.id) == before, label
