"""Tiered policies on a real database (issue 15): a booking snapshots the version in force,
every cancellation path gets that version's tier, and saving a policy reprices nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.billing import Invoice, PendingReviewItem
from models.cancellations import Cancellation
from models.domain.cascade import SeriesScope
from models.domain.errors import DomainError, ErrorCode
from models.domain.tiers import NoticeUnit, Tier
from models.domain.working_calendar import WorkingCalendar
from models.orders import Mission
from models.policies import CancellationPolicy, CancellationPolicyVersion
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.preview import preview_cancellation
from resolvers.invoicing import create_invoice
from resolvers.policies import PolicyDetails, save_policy, set_customer_policy
from resolvers.report import cancellation_report
from tests.factories import make_customer, make_user, scope_of
from tests.service.cancel_helpers import assign, book, book_series, make_world, request, snapshot

D = Decimal
HOUR = 60
# Less than 24 h: 100%; 24-48 h: 50%; more: free (the clock is 2026-06-01 08:00 UTC).
MOOVS = (
    Tier(24 * HOUR, NoticeUnit.CALENDAR, D(100)),
    Tier(48 * HOUR, NoticeUnit.CALENDAR, D(50)),
)


async def admin_scope(world):  # type: ignore[no-untyped-def]
    return scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))


async def test_booking_gets_the_default_policy_and_its_tier(db, clock):
    # given the agency's default policy, and a 2-hour job booked 30 h ahead
    world = await make_world(clock)
    saved = await save_policy(
        await admin_scope(world), clock, None, PolicyDetails("Standard", MOOVS, is_default=True)
    )
    policy = saved.policy
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    await assign(world, mission)

    # when the preview is asked, then the mission cancelled
    preview = await preview_cancellation(world.scope, clock, mission_id=mission.id)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then tier 2: half of 120.00, the driver half of 60.00, as the preview said
    (c,) = outcome.cancellations
    assert (c.tier, c.notice_minutes, c.charge, c.payout_total) == (
        2,
        30 * HOUR,
        D("60.00"),
        D("30.00"),
    )
    assert c.policy_version_id == policy.current_version_id
    assert c.decision["policyVersion"] == 1 and c.decision["tier"] == 2
    assert 'tier 2 of policy "Standard" v1' in c.decision["explanation"]
    assert preview.lines[0].decision is not None
    assert preview.lines[0].decision.to_dict() == c.decision
    item = await PendingReviewItem.get(cancellation_id=c.id)
    assert item.charge == D("60.00")


async def test_a_new_version_reprices_only_new_bookings(db, clock):
    # given a booking under version 1
    world = await make_world(clock)
    admin = await admin_scope(world)
    policy = (
        await save_policy(admin, clock, None, PolicyDetails("Standard", MOOVS, is_default=True))
    ).policy
    _, (old,) = await book(world, start=clock.now() + timedelta(hours=30))

    # when the policy becomes 100% up to 48 h, and another job is booked
    strict = (Tier(48 * HOUR, NoticeUnit.CALENDAR, D(100)),)
    saved = await save_policy(
        admin, clock, policy.id, PolicyDetails("Standard", strict, is_default=True)
    )
    _, (new,) = await book(world, start=clock.now() + timedelta(hours=30))
    outcome = await cancel_order(world.scope, clock, order_id=old.order_id, request=request())
    newer = await cancel_order(world.scope, clock, order_id=new.order_id, request=request())

    # then the old booking keeps version 1's 50%, the new one gets version 2's 100%
    assert saved.policy.version == 2 and saved.terms.version == 2
    assert await CancellationPolicyVersion.filter(policy_id=policy.id).count() == 2
    assert [c.charge for c in outcome.cancellations] == [D("60.00")]
    assert [c.charge for c in newer.cancellations] == [D("120.00")]
    assert (await Mission.get(id=old.id)).policy_version_id != (
        await Mission.get(id=new.id)
    ).policy_version_id


async def test_the_customers_own_policy_wins_and_business_time_counts(db, clock):
    # given a default policy, and a customer whose contract counts 2 business days (Paris)
    world = await make_world(clock)
    admin = await admin_scope(world)
    await save_policy(admin, clock, None, PolicyDetails("Standard", MOOVS, is_default=True))
    office = WorkingCalendar("Europe/Paris")
    contract = await save_policy(
        admin,
        clock,
        None,
        PolicyDetails(
            "Interpreting", (Tier(16 * HOUR, NoticeUnit.BUSINESS, D(100)),), calendar=office
        ),
    )
    hotel = await make_customer(world.agency, name="Hotel")
    await set_customer_policy(admin, clock, hotel.id, contract.policy.id)
    # Monday 2026-06-01 08:00 UTC now; Wednesday 10:00 Paris is 2 business days 1 h away
    _, (mission,) = await book(world, customer=hotel, start=clock.now() + timedelta(days=2))

    # when
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then Monday 10:00-17:00, Tuesday 8 h and Wednesday 09:00-10:00: 16 h, inside the tier
    (c,) = outcome.cancellations
    assert (c.business_notice_minutes, c.notice_minutes) == (16 * HOUR, 48 * HOUR)
    assert c.billable and c.charge == D("120.00")
    assert "of business time" in c.decision["explanation"]


@pytest.mark.parametrize(
    ("details", "field"),
    [
        pytest.param(PolicyDetails(" ", MOOVS), ["input", "name"], id="blank-name"),
        pytest.param(PolicyDetails("Bad", ()), ["input", "tiers"], id="no-tiers"),
        pytest.param(
            PolicyDetails("Bad", (Tier(60, NoticeUnit.BUSINESS, D(50)),)),
            ["input", "tiers"],
            id="business-without-calendar",
        ),
        pytest.param(
            PolicyDetails("Bad", MOOVS, no_show_grace_minutes=-5),
            ["input", "noShowGraceMinutes"],
            id="grace",
        ),
    ],
)
async def test_a_refused_policy_changes_nothing(db, clock, details, field):
    # given
    world = await make_world(clock)
    admin = await admin_scope(world)
    before = await snapshot(world.agency.id)

    # when
    with pytest.raises(DomainError) as refused:
        await save_policy(admin, clock, None, details)

    # then
    assert refused.value.code in (ErrorCode.INVALID, ErrorCode.REQUIRED)
    assert list(refused.value.errors[0].field or ()) == field
    assert await CancellationPolicy.filter(agency_id=world.agency.id).count() == 0
    assert await snapshot(world.agency.id) == before


async def test_a_taken_name_is_refused(db, clock):
    world = await make_world(clock)
    admin = await admin_scope(world)
    await save_policy(admin, clock, None, PolicyDetails("Standard", MOOVS))

    with pytest.raises(DomainError) as refused:
        await save_policy(admin, clock, None, PolicyDetails("Standard", MOOVS))

    assert refused.value.code is ErrorCode.INVALID
    assert await CancellationPolicyVersion.filter(agency_id=world.agency.id).count() == 1
    assert await Cancellation.filter(agency_id=world.agency.id).count() == 0


async def test_the_report_groups_by_tier(db, clock):
    # given cancellations inside tier 1, inside tier 2, beyond every tier, and one booked
    # under the old window before the policy existed
    world = await make_world(clock)
    _, (old,) = await book(world, start=clock.now() + timedelta(hours=12))
    await cancel_mission(world.scope, clock, mission_id=old.id, request=request())
    await save_policy(
        await admin_scope(world), clock, None, PolicyDetails("Standard", MOOVS, is_default=True)
    )
    for hours in (12, 30, 60):
        _, (mission,) = await book(world, start=clock.now() + timedelta(hours=hours))
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # when
    day = clock.now().date()
    report = await cancellation_report(world.scope, day, day, "TIER")

    # then
    assert [(r.key, r.label, r.count, r.charge_total) for r in report.rows] == [
        ("NONE", "No tier: free", 1, D("0.00")),
        ("1", "Tier 1", 2, D("240.00")),
        ("2", "Tier 2", 1, D("60.00")),
    ]


async def test_each_occurrence_of_a_series_gets_its_own_tier(db, clock):
    # given a daily series from 12 h ahead under the policy (occurrences 12 h, 36 h, 60 h away)
    world = await make_world(clock)
    await save_policy(
        await admin_scope(world), clock, None, PolicyDetails("Standard", MOOVS, is_default=True)
    )
    _, missions = await book_series(world, "FREQ=DAILY;COUNT=3")

    # when the whole series is cancelled
    outcome = await cancel_mission(
        world.scope,
        clock,
        mission_id=missions[0].id,
        request=request(),
        series_scope=SeriesScope.WHOLE_SERIES,
    )

    # then tier 1, tier 2, free: each against its own start
    by_mission = {c.mission_id: c for c in outcome.cancellations}
    assert [(by_mission[m.id].tier, by_mission[m.id].charge) for m in missions] == [
        (1, D("120.00")),
        (2, D("60.00")),
        (None, D("0.00")),
    ]


async def test_a_new_version_leaves_the_draft_billing_what_pending_review_says(db, clock):
    # given a tier-2 cancellation (60.00) on the customer's draft
    world = await make_world(clock)
    admin = await admin_scope(world)
    saved = await save_policy(admin, clock, None, PolicyDetails("Standard", MOOVS, is_default=True))
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the policy becomes 100% for any notice up to 3 days
    strict = (Tier(72 * HOUR, NoticeUnit.CALENDAR, D(100)),)
    await save_policy(admin, clock, saved.policy.id, PolicyDetails("Standard", strict))

    # then the cancellation, its Pending Review item and the draft still bill 60.00
    item = await PendingReviewItem.get(mission_id=mission.id)
    assert item.charge == D("60.00")
    assert (await Invoice.get(id=draft.id)).total == D("60.00")
    assert (await Cancellation.get(mission_id=mission.id)).charge == D("60.00")
