"""The demo seed: idempotent, every open status present, the printed command works."""

from __future__ import annotations

import json
import shlex

from models.agency import Agency, Role, User
from models.audit import Event
from models.cancellations import CancellationReason
from models.orders import Mission, Series
from models.people import Customer, Driver
from resolvers.demo import DEMO_AGENCY, demo_instructions, seed_demo_agency


async def test_seeding_twice_makes_one_demo_agency(db, settings, clock):
    # given
    await seed_demo_agency(settings, clock)
    events = await Event.all().count()
    # when
    tokens = await seed_demo_agency(settings, clock)
    # then
    assert await Agency.filter(name=DEMO_AGENCY).count() == 1
    assert await Event.all().count() == events
    assert set(tokens) == set(Role)


async def test_demo_has_every_open_status_and_a_weekly_series(db, settings, clock):
    # when
    await seed_demo_agency(settings, clock)
    # then
    agency = await Agency.get(name=DEMO_AGENCY)
    assert (agency.time_zone, agency.currency, str(agency.no_show_fee)) == (
        "Europe/Paris",
        "EUR",
        "25.00",
    )
    assert (agency.default_cancellation_window_minutes, agency.default_minimum_billing_minutes) == (
        1440,
        60,
    )
    statuses = set(await Mission.filter(agency_id=agency.id).values_list("status", flat=True))
    assert {
        "PENDING_ASSIGNMENT",
        "ASSIGNED",
        "ACCEPTED_BY_DRIVER",
        "IN_PROGRESS",
        "COMPLETED",
    } <= statuses
    codes = set(await CancellationReason.filter(agency_id=agency.id).values_list("code", flat=True))
    assert codes == {"CUSTOMER_REQUEST", "WEATHER", "DUPLICATE", "NO_DRIVER", "OTHER"}
    assert await Customer.filter(agency_id=agency.id).count() >= 3
    assert await Driver.filter(agency_id=agency.id).count() >= 4
    driver_user = await User.get(agency_id=agency.id, role=Role.DRIVER)
    assert driver_user.driver_id is not None
    series = await Series.get(agency_id=agency.id)
    assert series.rule == "FREQ=WEEKLY;COUNT=8"
    assert await Mission.filter(series_id=series.id).count() == 8
    assert await Event.filter(agency_id=agency.id, type="DriverAssigned").count() >= 4


async def test_the_printed_curl_command_works(db, settings, clock, client):
    # given
    tokens = await seed_demo_agency(settings, clock)
    text = demo_instructions(tokens, settings)
    # when: replay the printed command's headers and body against the app
    curl = next(line for line in text.splitlines() if line.strip().startswith("curl"))
    words = shlex.split(curl)
    headers = dict(words[i + 1].split(": ", 1) for i, w in enumerate(words) if w == "-H")
    body = json.loads(words[words.index("-d") + 1])
    response = await client.post("/graphql", json=body, headers=headers)
    # then
    assert response.status_code == 200, response.text
    data = response.json()
    assert "errors" not in data, data
    assert data["data"]["viewer"]["agency"]["name"] == DEMO_AGENCY
    assert data["data"]["missions"]["totalCount"] > 0
    for role in Role:
        assert tokens[role] in text
