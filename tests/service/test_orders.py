"""Booking orders and series: snapshots, events, validation, DST (series via the API)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models.agency import Agency, Role
from models.audit import Event
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission, Order, Series
from resolvers.orders import MissionDraft, create_order, create_series
from resolvers.reference_data import AgencySettings, update_agency_settings
from tests.conftest import NOW
from tests.factories import gid, gql, make_agency, make_customer, make_user, scope_of

CREATE_SERIES = """
mutation($input: CreateSeriesInput!) {
  createSeries(input: $input) {
    order { id status missions { pickupAt estimatedEndAt series { rule } } }
    errors { code field message }
  }
}
"""


async def test_order_snapshots_customer_and_agency_terms(db, clock):
    # given
    agency = await make_agency()
    scope = scope_of(await make_user(agency, Role.OPERATOR))
    admin = scope_of(await make_user(agency, Role.ADMIN))
    customer = await make_customer(
        agency, cancellation_window_minutes=300, minimum_billing_minutes=90
    )
    start = NOW + timedelta(days=2)
    # when
    booking = await create_order(
        scope,
        clock,
        customer_id=customer.id,
        reference="R-1",
        missions=[
            MissionDraft(start, start + timedelta(hours=1)),
            MissionDraft(start + timedelta(hours=3), start + timedelta(hours=4)),
        ],
    )
    await update_agency_settings(
        admin, clock, AgencySettings(default_cancellation_window_minutes=10)
    )
    # then
    missions = await Mission.filter(order_id=booking.order.id).order_by("pickup_at")
    assert len(missions) == 2
    for m in missions:
        assert m.policy_agency_window_minutes == 1440
        assert m.policy_agency_minimum_billing_minutes == 60
        assert m.policy_customer_window_minutes == 300
        assert m.policy_customer_minimum_billing_minutes == 90
        assert m.policy_customer_rate_per_hour == Decimal("60.00")
        assert m.policy_currency == "EUR"
    types = [e.type for e in await Event.filter(order_id=booking.order.id).order_by("seq")]
    assert types == [ev.ORDER_CREATED, ev.MISSION_CREATED, ev.MISSION_CREATED]
    assert (await Agency.get(id=agency.id)).default_cancellation_window_minutes == 10


async def test_end_before_start_is_invalid_on_the_mission_field_and_nothing_is_written(db, clock):
    # given
    agency = await make_agency()
    scope = scope_of(await make_user(agency, Role.OPERATOR))
    customer = await make_customer(agency)
    start = NOW + timedelta(days=1)
    # when
    with pytest.raises(DomainError) as refused:
        await create_order(
            scope,
            clock,
            customer_id=customer.id,
            reference="R-1",
            missions=[MissionDraft(start, start + timedelta(hours=1)), MissionDraft(start, start)],
        )
    # then
    assert refused.value.code == ErrorCode.INVALID
    assert refused.value.errors[0].field == ("input", "missions", "1", "estimatedEndAt")
    assert await Order.all().count() == 0
    assert await Mission.all().count() == 0
    assert await Event.all().count() == 0


async def test_reference_is_unique_per_agency(db, clock):
    # given
    agency = await make_agency()
    scope = scope_of(await make_user(agency, Role.OPERATOR))
    customer = await make_customer(agency)
    start = NOW + timedelta(days=1)
    draft = [MissionDraft(start, start + timedelta(hours=1))]
    await create_order(scope, clock, customer_id=customer.id, reference="R-1", missions=draft)
    # when
    with pytest.raises(DomainError) as refused:
        await create_order(scope, clock, customer_id=customer.id, reference=" R-1 ", missions=draft)
    # then
    assert refused.value.code == ErrorCode.CONFLICT
    assert refused.value.errors[0].field == ("input", "reference")
    assert await Order.all().count() == 1


async def test_series_materialises_missions_of_one_order(db, clock):
    # given
    agency = await make_agency()
    scope = scope_of(await make_user(agency, Role.OPERATOR))
    customer = await make_customer(agency)
    start = datetime(2026, 6, 8, 7, 0, tzinfo=UTC)
    # when
    booking = await create_series(
        scope,
        clock,
        customer_id=customer.id,
        reference="S-1",
        first=MissionDraft(start, start + timedelta(hours=1)),
        rule="FREQ=WEEKLY;COUNT=8",
    )
    # then
    series = await Series.get(order_id=booking.order.id)
    missions = await Mission.filter(order_id=booking.order.id).order_by("pickup_at")
    assert len(missions) == 8
    assert {m.series_id for m in missions} == {series.id}
    assert missions[-1].pickup_at == start + timedelta(weeks=7)
    assert await Event.filter(type=ev.SERIES_CREATED, order_id=booking.order.id).count() == 1


async def test_series_keeps_local_time_across_daylight_saving_via_the_api(db, client, clock):
    # given: Europe/Paris leaves summer time on 2026-10-25
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    customer = await make_customer(agency)
    first = {"pickupAt": "2026-10-12T09:00:00+02:00", "estimatedEndAt": "2026-10-12T10:00:00+02:00"}
    # when
    body = await gql(
        client,
        CREATE_SERIES,
        {
            "input": {
                "customerId": gid("Customer", customer.id),
                "reference": "S-DST",
                "first": first,
                "rule": "FREQ=WEEKLY;COUNT=4",
            }
        },
        user=operator,
    )
    # then
    payload = body["data"]["createSeries"]
    assert payload["errors"] == []
    starts = [m["pickupAt"] for m in payload["order"]["missions"]]
    # 09:00 local: 07:00 UTC in summer, 08:00 UTC in winter
    assert [s[:16] for s in starts] == [
        "2026-10-12T07:00",
        "2026-10-19T07:00",
        "2026-10-26T08:00",
        "2026-11-02T08:00",
    ]
    assert {m["series"]["rule"] for m in payload["order"]["missions"]} == {"FREQ=WEEKLY;COUNT=4"}


async def test_series_with_a_bad_rule_is_invalid_on_the_rule_via_the_api(db, client, clock):
    # given
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    customer = await make_customer(agency)
    first = {"pickupAt": "2026-07-01T09:00:00Z", "estimatedEndAt": "2026-07-01T10:00:00Z"}
    # when
    body = await gql(
        client,
        CREATE_SERIES,
        {
            "input": {
                "customerId": gid("Customer", customer.id),
                "reference": "S-1",
                "first": first,
                "rule": "FREQ=WEEKLY",
            }
        },
        user=operator,
    )
    # then
    payload = body["data"]["createSeries"]
    assert payload["order"] is None
    assert payload["errors"][0]["code"] == "INVALID"
    assert payload["errors"][0]["field"] == ["input", "rule"]
    assert await Order.all().count() == 0
    assert await Series.all().count() == 0
