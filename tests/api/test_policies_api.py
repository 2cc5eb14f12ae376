"""Cancellation policies over GraphQL (issue 15): ADMIN saves versions with tiers, a
working calendar and holidays; refusals name the field and change nothing; the preview
and the Cancelled tab show the tier, the notice and the sentence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.agency import Role
from models.policies import CancellationPolicy, CancellationPolicyVersion
from tests.factories import gid, gql, make_user
from tests.service.cancel_helpers import book, make_world

SAVE = """mutation($i: CancellationPolicyInput!) { saveCancellationPolicy(input: $i) {
  policy { id name version isDefault noShowGraceMinutes
           tiers { noticeMinutes unit percent flatFee minimum }
           payoutTiers { noticeMinutes percent }
           calendar { timeZone weekdays opensAt closesAt holidays } }
  errors { code field message } } }"""
LIST = "{ cancellationPolicies { id name version tiers { noticeMinutes percent } } }"
PREVIEW = """query($m: ID) { cancellationPreview(missionId: $m) { missions { decision {
  billable tier noticeMinutes businessNoticeMinutes policyVersion explanation charge { amount } } } } }"""
TAB = """{ cancellations(first: 5) { edges { node { decision {
  tier noticeMinutes policyVersion explanation charge { amount } } } } } }"""
CANCEL = """mutation($m: ID!) { cancelMission(input: { missionId: $m, requestedBy: "Front desk",
  reasonCode: "CUSTOMER_REQUEST" }) { errors { code } } }"""

STANDARD = {
    "name": "Standard",
    "isDefault": True,
    "tiers": [
        {"noticeMinutes": 1440, "percent": "100"},
        {"noticeMinutes": 960, "unit": "BUSINESS", "percent": "50", "flatFee": "10.00"},
    ],
    "payoutTiers": [{"noticeMinutes": 120, "percent": "100"}],
    "calendar": {"timeZone": "Europe/Paris", "holidays": ["2026-07-14", "2026-12-25"]},
    "noShowGraceMinutes": 15,
}


async def test_admin_saves_versions_and_everyone_sees_them_decide(client, clock):
    # given
    world = await make_world(clock)
    admin = await make_user(world.agency, Role.ADMIN, name="Ada Admin")

    # when the admin saves a policy, then a second version of it
    first = await gql(client, SAVE, {"i": STANDARD}, user=admin)
    policy = first["data"]["saveCancellationPolicy"]["policy"]
    again = await gql(client, SAVE, {"i": {**STANDARD, "policyId": policy["id"]}}, user=admin)
    listed = await gql(client, LIST, user=world.operator)

    # then
    assert first["data"]["saveCancellationPolicy"]["errors"] == []
    assert policy["tiers"][1] == {
        "noticeMinutes": 960,
        "unit": "BUSINESS",
        "percent": "50",
        "flatFee": "10.00",
        "minimum": "0.00",
    }
    assert policy["calendar"] == {
        "timeZone": "Europe/Paris",
        "weekdays": [1, 2, 3, 4, 5],
        "opensAt": 540,
        "closesAt": 1020,
        "holidays": ["2026-07-14", "2026-12-25"],
    }
    assert (policy["version"], policy["isDefault"], policy["noShowGraceMinutes"]) == (1, True, 15)
    assert again["data"]["saveCancellationPolicy"]["policy"]["version"] == 2
    assert [(p["name"], p["version"]) for p in listed["data"]["cancellationPolicies"]] == [
        ("Standard", 2)
    ]

    # when a job is booked 30 h ahead (Tuesday 14:00 UTC), previewed and cancelled
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    preview = await gql(client, PREVIEW, {"m": gid("Mission", mission.id)}, user=world.operator)
    await gql(client, CANCEL, {"m": gid("Mission", mission.id)}, user=world.operator)
    tab = await gql(client, TAB, user=world.operator)

    # then more than 24 h but 14 business hours (Mon 10:00-17:00, Tue 09:00-16:00): tier 2
    (line,) = preview["data"]["cancellationPreview"]["missions"]
    decision = line["decision"]
    assert (decision["tier"], decision["noticeMinutes"], decision["businessNoticeMinutes"]) == (
        2,
        1800,
        840,
    )
    assert decision["charge"] == {"amount": "70.00"} and decision["policyVersion"] == 2
    assert decision["explanation"].startswith("Cancelled with 1 d 6 h notice (14 h of business")
    (edge,) = tab["data"]["cancellations"]["edges"]
    assert edge["node"]["decision"] == {
        k: decision[k] for k in ("tier", "noticeMinutes", "policyVersion", "explanation", "charge")
    }


async def test_the_old_window_explains_itself_in_the_tab(client, clock):
    # given no policy: the agency's 24 h window
    world = await make_world(clock)
    _, (mission,) = await book(world)

    # when
    await gql(client, CANCEL, {"m": gid("Mission", mission.id)}, user=world.operator)
    tab = await gql(client, TAB, user=world.operator)

    # then
    decision = tab["data"]["cancellations"]["edges"][0]["node"]["decision"]
    assert (decision["tier"], decision["noticeMinutes"], decision["policyVersion"]) == (
        1,
        720,
        None,
    )
    assert decision["explanation"] == (
        "Cancelled with 12 h notice, inside the agency's 1440-minute window: 120.00 EUR."
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"name": " "}, ["input", "name"], id="blank-name"),
        pytest.param({"tiers": []}, ["input", "tiers"], id="no-tiers"),
        pytest.param(
            {"tiers": [{"noticeMinutes": 60, "percent": "100"}] * 11}, ["input", "tiers"], id="11"
        ),
        pytest.param(
            {"tiers": [{"noticeMinutes": 60, "percent": "100.5"}]}, ["input", "tiers"], id="pct"
        ),
        pytest.param(
            {"payoutTiers": [{"noticeMinutes": 60, "percent": "50", "minimum": "-1"}]},
            ["input", "payoutTiers"],
            id="minimum",
        ),
        pytest.param(
            {"calendar": {"timeZone": "Mars/Olympus"}},
            ["input", "calendar", "timeZone"],
            id="zone",
        ),
        pytest.param(
            {"calendar": {"timeZone": "UTC", "weekdays": [1, 8]}},
            ["input", "calendar", "weekdays"],
            id="weekday",
        ),
        pytest.param(
            {"calendar": {"timeZone": "UTC", "opensAt": 1000, "closesAt": 900}},
            ["input", "calendar", "opensAt"],
            id="hours",
        ),
        pytest.param(
            {"calendar": {"timeZone": "UTC", "holidays": ["1999-12-31"]}},
            ["input", "calendar", "holidays"],
            id="holiday",
        ),
        pytest.param({"noShowGraceMinutes": 1441}, ["input", "noShowGraceMinutes"], id="grace"),
        pytest.param({"policyId": "nope"}, ["input", "policyId"], id="policy-id"),
    ],
)
async def test_refused_policies_change_nothing(client, clock, change, field):
    # given
    world = await make_world(clock)
    admin = await make_user(world.agency, Role.ADMIN, name="Ada Admin")

    # when
    body = await gql(client, SAVE, {"i": {**STANDARD, **change}}, user=admin)

    # then
    payload = body["data"]["saveCancellationPolicy"]
    assert payload["policy"] is None
    (error,) = payload["errors"]
    assert error["field"] == field and error["code"] in ("INVALID", "REQUIRED", "NOT_FOUND")
    assert await CancellationPolicy.all().count() == 0
    assert await CancellationPolicyVersion.all().count() == 0


async def test_only_an_admin_saves_policies(client, clock):
    world = await make_world(clock)

    body = await gql(client, SAVE, {"i": STANDARD}, user=world.operator)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await CancellationPolicy.all().count() == 0


REVIEW = """{ pendingReview(first: 5) { edges { node { id kind charge { amount }
  rebookedCredit { amount } rebookedCreditConfirmed rebookedMissionId } } } }"""
CONFIRM = """mutation($i: ID!) { confirmRebookedCredit(input: { pendingReviewItemId: $i }) {
  item { charge { amount } rebookedCreditConfirmed } errors { code field } } }"""
ASSIGN = """mutation($m: ID!, $d: ID!) { assignDriver(input: { missionId: $m, driverId: $d }) {
  errors { code } } }"""
RESCHEDULE = """query($m: ID!, $at: DateTime!) { reschedulePreview(missionId: $m, pickupAt: $at) {
  billed decision { tier charge { amount } explanation } } }"""


async def test_rebooked_credit_and_reschedule_preview_over_graphql(client, clock):
    # given a policy crediting 25% when the slot is refilled, billing late changes
    world = await make_world(clock)
    admin = await make_user(world.agency, Role.ADMIN, name="Ada Admin")
    policy = {
        **STANDARD,
        "tiers": [{"noticeMinutes": 1440, "percent": "100"}],
        "payoutTiers": None,
        "rebookedCreditPercent": "25",
        "lateReschedulesBilled": True,
    }
    saved = await gql(client, SAVE, {"i": policy}, user=admin)
    assert saved["data"]["saveCancellationPolicy"]["errors"] == []
    _, (mission,) = await book(world)
    driver = gid("Driver", world.driver.id)
    await gql(client, ASSIGN, {"m": gid("Mission", mission.id), "d": driver}, user=world.operator)

    # when the reschedule is previewed, then the mission cancelled and its slot refilled
    later = (mission.pickup_at + timedelta(hours=1)).isoformat()
    preview = await gql(
        client, RESCHEDULE, {"m": gid("Mission", mission.id), "at": later}, user=world.operator
    )
    await gql(client, CANCEL, {"m": gid("Mission", mission.id)}, user=world.operator)
    _, (refill,) = await book(world)
    await gql(client, ASSIGN, {"m": gid("Mission", refill.id), "d": driver}, user=world.operator)
    review = await gql(client, REVIEW, user=world.operator)
    (edge,) = review["data"]["pendingReview"]["edges"]
    confirmed = await gql(client, CONFIRM, {"i": edge["node"]["id"]}, user=world.operator)

    # then
    assert preview["data"]["reschedulePreview"]["billed"] is True
    banner = preview["data"]["reschedulePreview"]["decision"]
    assert banner["tier"] == 1 and banner["charge"] == {"amount": "120.00"}
    assert banner["explanation"].startswith("Rescheduled with 12 h")
    node = edge["node"]
    assert (node["kind"], node["charge"], node["rebookedCredit"]) == (
        "CANCELLATION",
        {"amount": "120.00"},
        {"amount": "30.00"},
    )
    assert node["rebookedMissionId"] == gid("Mission", refill.id)
    assert not node["rebookedCreditConfirmed"]
    assert confirmed["data"]["confirmRebookedCredit"] == {
        "item": {"charge": {"amount": "90.00"}, "rebookedCreditConfirmed": True},
        "errors": [],
    }


MISSIONS = "{ missions(first: 5) { edges { node { pickupAt noShowGraceMinutes } } } }"
CREATE_ORDER = """mutation($i: CreateOrderInput!) { createOrder(input: $i) {
  errors { code field } } }"""


async def test_a_missions_own_grace_is_booked_and_shown(client, clock):
    # given
    world = await make_world(clock)
    start = clock.now() + timedelta(hours=5)
    mission = {
        "pickupAt": start.isoformat(),
        "estimatedEndAt": (start + timedelta(hours=1)).isoformat(),
        "noShowGraceMinutes": 30,
    }
    order = {"customerId": gid("Customer", world.customer.id), "reference": "AIR-1"}

    # when: a grace of 30 min after landing, then one past a day
    booked = await gql(
        client, CREATE_ORDER, {"i": {**order, "missions": [mission]}}, user=world.operator
    )
    refused = await gql(
        client,
        CREATE_ORDER,
        {
            "i": {
                **order,
                "reference": "AIR-2",
                "missions": [{**mission, "noShowGraceMinutes": 1441}],
            }
        },
        user=world.operator,
    )
    listed = await gql(client, MISSIONS, user=world.operator)

    # then
    assert booked["data"]["createOrder"]["errors"] == []
    assert refused["data"]["createOrder"]["errors"] == [
        {"code": "INVALID", "field": ["input", "missions", "0", "noShowGraceMinutes"]}
    ]
    assert [e["node"]["noShowGraceMinutes"] for e in listed["data"]["missions"]["edges"]] == [30]


MOVE = """mutation($m: ID!, $at: DateTime!, $end: DateTime!) { updateMission(input: {
  missionId: $m, pickupAt: $at, estimatedEndAt: $end }) {
  lateReschedule { tier charge { amount } } errors { code field } } }"""
LATE_REVIEW = """{ pendingReview(first: 5) { edges { node { id kind waived charge { amount }
  lateReschedule { fromPickupAt toPickupAt waived waiverNote decision { tier explanation }
    payouts { amount { amount } driver { name } } } } } } }"""
WAIVE_LATE = """mutation($i: ID!, $w: Boolean!) { setLateRescheduleWaiver(input: {
  pendingReviewItemId: $i, waived: $w, note: "Moved at our request" }) {
  item { waived lateReschedule { waived waiverNote } } errors { code field } } }"""
REPORT = """query($d: Date!) { cancellationReport(from: $d, to: $d, groupBy: REASON) {
  key label count waivedCount chargeTotal { amount } payoutTotal { amount } } }"""


async def test_a_late_reschedule_is_shown_paid_and_waived_over_graphql(client, clock):
    # given a policy billing late changes, and an assigned 2-hour job 12 h ahead
    world = await make_world(clock)
    admin = await make_user(world.agency, Role.ADMIN, name="Ada Admin")
    policy = {
        **STANDARD,
        "tiers": [{"noticeMinutes": 1440, "percent": "100"}],
        "payoutTiers": None,
        "lateReschedulesBilled": True,
    }
    saved = await gql(client, SAVE, {"i": policy}, user=admin)
    assert saved["data"]["saveCancellationPolicy"]["errors"] == []
    _, (mission,) = await book(world)
    driver = gid("Driver", world.driver.id)
    await gql(client, ASSIGN, {"m": gid("Mission", mission.id), "d": driver}, user=world.operator)

    # when the edit form moves it a day later
    later = mission.pickup_at + timedelta(days=1)
    moved = await gql(
        client,
        MOVE,
        {
            "m": gid("Mission", mission.id),
            "at": later.isoformat(),
            "end": (later + timedelta(hours=2)).isoformat(),
        },
        user=world.operator,
    )

    # then Pending Review shows the move, its decision and what Dana is paid
    assert moved["data"]["updateMission"]["lateReschedule"]["charge"] == {"amount": "120.00"}
    (edge,) = (await gql(client, LATE_REVIEW, user=world.operator))["data"]["pendingReview"][
        "edges"
    ]
    node = edge["node"]
    assert (node["kind"], node["waived"], node["charge"]) == (
        "LATE_RESCHEDULE",
        False,
        {"amount": "120.00"},
    )
    late = node["lateReschedule"]
    assert late["decision"]["tier"] == 1 and late["decision"]["explanation"].startswith(
        "Rescheduled"
    )
    assert late["payouts"] == [{"amount": {"amount": "60.00"}, "driver": {"name": "Dana Driver"}}]

    # when a reporter-only user tries to waive it, it is refused; the operator waives it
    reporter = await make_user(world.agency, Role.REPORTER, name="Rita Reporter")
    denied = await gql(client, WAIVE_LATE, {"i": node["id"], "w": True}, user=reporter)
    waived = await gql(client, WAIVE_LATE, {"i": node["id"], "w": True}, user=world.operator)

    # then
    assert denied["data"] is None or denied["data"]["setLateRescheduleWaiver"] is None
    assert [e["extensions"]["code"] for e in denied["errors"]] == ["FORBIDDEN"]
    assert waived["data"]["setLateRescheduleWaiver"] == {
        "item": {
            "waived": True,
            "lateReschedule": {"waived": True, "waiverNote": "Moved at our request"},
        },
        "errors": [],
    }
    day = clock.now().date().isoformat()
    (row,) = (await gql(client, REPORT, {"d": day}, user=reporter))["data"]["cancellationReport"]
    assert row == {
        "key": "LATE-RESCHEDULE",
        "label": "Late reschedule",
        "count": 1,
        "waivedCount": 1,
        "chargeTotal": {"amount": "0.00"},
        "payoutTotal": {"amount": "0.00"},
    }


SCHEDULED_SAVE = """mutation($i: CancellationPolicyInput!) { saveCancellationPolicy(input: $i) {
  policy { schedules { vehicleClass minLengthMinutes tiers { noticeMinutes percent } } }
  errors { code field } } }"""
VEHICLE_MISSIONS = "{ missions(first: 5) { edges { node { id vehicleClass } } } }"
PREVIEW_ONE = """query($m: ID) { cancellationPreview(missionId: $m) { missions { decision {
  billable schedule tier charge { amount } explanation } } } }"""


async def test_a_vehicle_class_has_its_own_tiers_over_graphql(client, clock):
    # given a policy whose SUVs pay 100% inside 72 h, sedans inside 24 h
    world = await make_world(clock)
    admin = await make_user(world.agency, Role.ADMIN, name="Ada Admin")
    policy = {
        **STANDARD,
        "tiers": [{"noticeMinutes": 1440, "percent": "100"}],
        "payoutTiers": None,
        "schedules": [
            {"vehicleClass": " SUV ", "tiers": [{"noticeMinutes": 4320, "percent": "100"}]}
        ],
    }
    saved = await gql(client, SCHEDULED_SAVE, {"i": policy}, user=admin)
    blank = await gql(
        client,
        SCHEDULED_SAVE,
        {"i": {**policy, "name": "Other", "schedules": [{"tiers": policy["tiers"]}]}},
        user=admin,
    )
    start = clock.now() + timedelta(hours=48)
    order = {"customerId": gid("Customer", world.customer.id)}

    def mission(vehicle_class: str | None) -> dict[str, object]:
        return {
            "pickupAt": start.isoformat(),
            "estimatedEndAt": (start + timedelta(hours=2)).isoformat(),
            "vehicleClass": vehicle_class,
        }

    # when an SUV and a sedan are booked 48 h ahead, and their cancellation previewed
    for reference, vehicle_class in (("SUV-1", "SUV"), ("CAR-1", "Sedan")):
        booked = await gql(
            client,
            CREATE_ORDER,
            {"i": {**order, "reference": reference, "missions": [mission(vehicle_class)]}},
            user=world.operator,
        )
        assert booked["data"]["createOrder"]["errors"] == []
    listed = await gql(client, VEHICLE_MISSIONS, user=world.operator)
    nodes = {
        e["node"]["vehicleClass"]: e["node"]["id"] for e in listed["data"]["missions"]["edges"]
    }
    previews = {
        vehicle_class: (await gql(client, PREVIEW_ONE, {"m": pk}, user=world.operator))["data"][
            "cancellationPreview"
        ]["missions"][0]["decision"]
        for vehicle_class, pk in nodes.items()
    }

    # then the policy keeps the schedule, refuses one that covers every mission, and the
    # SUV is billed under its schedule while the sedan is free
    assert saved["data"]["saveCancellationPolicy"] == {
        "policy": {
            "schedules": [
                {
                    "vehicleClass": "SUV",
                    "minLengthMinutes": 0,
                    "tiers": [{"noticeMinutes": 4320, "percent": "100"}],
                }
            ]
        },
        "errors": [],
    }
    assert blank["data"]["saveCancellationPolicy"]["errors"] == [
        {"code": "INVALID", "field": ["input", "schedules", "0"]}
    ]
    assert set(nodes) == {"SUV", "Sedan"}
    suv, sedan = previews["SUV"], previews["Sedan"]
    assert (suv["billable"], suv["schedule"], suv["tier"], suv["charge"]) == (
        True,
        1,
        1,
        {"amount": "120.00"},
    )
    assert 'policy "Standard" v1 for SUV missions' in suv["explanation"]
    assert (sedan["billable"], sedan["schedule"], sedan["tier"]) == (False, None, None)
