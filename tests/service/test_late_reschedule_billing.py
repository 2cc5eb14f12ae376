"""A late reschedule is billed as a cancellation of the original time all the way (issue 15):
its drivers are paid, it can be waived until invoiced, un-cancelling a later cancellation
leaves it billed, and the cancellation report counts it and nets confirmed rebooked slot
credits."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.billing import Invoice, PendingReviewItem
from models.domain.errors import DomainError, ErrorCode
from models.domain.tiers import NoticeUnit, Tier
from models.orders import Mission
from models.policies import LateReschedule, LateReschedulePayout
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.late_reschedule import set_late_reschedule_waiver
from resolvers.cancellation.rebooked_credit import confirm_rebooked_credit
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from resolvers.invoicing import create_invoice, issue_invoice
from resolvers.policies import PolicyDetails, save_policy
from resolvers.report import GROUPINGS, LATE_RESCHEDULE_KEY, cancellation_report
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, make_world, request, snapshot

D = Decimal
HOUR = 60
TIERS = (
    Tier(24 * HOUR, NoticeUnit.CALENDAR, D(100)),
    Tier(48 * HOUR, NoticeUnit.CALENDAR, D(50)),
)


async def _world(clock, tiers=TIERS, **policy):  # type: ignore[no-untyped-def]
    world = await make_world(clock)
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    details = PolicyDetails(
        "Standard", tiers, is_default=True, late_reschedules_billed=True, **policy
    )
    await save_policy(admin, clock, None, details)
    return world


async def _moved_late(world, clock):  # type: ignore[no-untyped-def]
    """A 2-hour job 30 h ahead with Dana (tier 2: 50%), moved 3 days later."""
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    await assign(world, mission)
    later = mission.pickup_at + timedelta(days=3)
    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        edit=MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2)),
    )
    assert outcome.late_reschedule is not None
    item = await PendingReviewItem.get(late_reschedule_id=outcome.late_reschedule.id)
    return mission, outcome.late_reschedule, item


async def test_the_drivers_of_a_late_reschedule_are_paid_as_for_a_cancellation(db, clock):
    # given, when
    world = await _world(clock)
    _, late, _ = await _moved_late(world, clock)

    # then Dana gets 50% of her 60.00 for the original time, as a cancellation would pay
    payouts = await LateReschedulePayout.filter(late_reschedule_id=late.id)
    assert [(p.driver_id, p.amount) for p in payouts] == [(world.driver.id, D("30.00"))]
    assert (await LateReschedule.get(id=late.id)).payout_total == D("30.00")


async def test_a_late_reschedule_is_waived_and_billed_again_until_invoiced(db, clock):
    # given a late move on the customer's draft
    world = await _world(clock)
    _, late, item = await _moved_late(world, clock)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert (await Invoice.get(id=draft.id)).total == D("60.00")

    # when waived, the draft bills nothing and the report counts it waived
    waived = await set_late_reschedule_waiver(
        world.scope, clock, item_id=item.id, waived=True, note="Our dispatcher's mistake"
    )
    assert waived.waived
    row = await LateReschedule.get(id=late.id)
    assert (row.waived, row.waiver_note, row.waived_by_id) == (
        True,
        "Our dispatcher's mistake",
        world.operator.id,
    )
    assert (await Invoice.get(id=draft.id)).total == D("0.00")
    (group,) = (await cancellation_report(world.scope, _today(clock), _today(clock), "REASON")).rows
    assert (group.waived_count, group.charge_total, group.payout_total) == (1, D(0), D(0))

    # when billed again, the draft bills it again
    await set_late_reschedule_waiver(world.scope, clock, item_id=item.id, waived=False)
    assert (await Invoice.get(id=draft.id)).total == D("60.00")
    assert (await LateReschedule.get(id=late.id)).waiver_note is None

    # once the invoice is issued, the waiver can no longer change, and nothing does
    await issue_invoice(world.scope, clock, invoice_id=draft.id)
    before = await snapshot(world.agency.id)
    with pytest.raises(DomainError) as refused:
        await set_late_reschedule_waiver(world.scope, clock, item_id=item.id, waived=True)
    assert refused.value.code is ErrorCode.ALREADY_INVOICED
    assert await snapshot(world.agency.id) == before


async def test_the_late_reschedule_waiver_refuses_other_items(db, clock):
    # given a cancellation's Pending Review item
    world = await _world(clock)
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=5))
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    item = await PendingReviewItem.get(mission_id=mission.id)
    before = await snapshot(world.agency.id)

    # when it is waived as a late reschedule
    with pytest.raises(DomainError) as refused:
        await set_late_reschedule_waiver(world.scope, clock, item_id=item.id, waived=True)

    # then it is refused, pointing at the cancellation's own waiver, and nothing changed
    assert refused.value.code is ErrorCode.INVALID
    assert "setCancellationWaiver" in refused.value.errors[0].message
    assert await snapshot(world.agency.id) == before


async def test_uncancelling_after_a_late_reschedule_keeps_the_reschedule_billed(db, clock):
    # given a late move, then a cancellation of the new time, then its un-cancel
    world = await _world(clock)
    mission, late, item = await _moved_late(world, clock)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    await uncancel_mission(world.scope, clock, mission_id=mission.id)

    # then the cancellation is withdrawn, the late reschedule still bills the original time
    assert (await Mission.get(id=mission.id)).status.value == "PENDING_ASSIGNMENT"
    open_items = await PendingReviewItem.filter(mission_id=mission.id, withdrawn_at__isnull=True)
    assert [i.id for i in open_items] == [item.id]
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert (await Invoice.get(id=draft.id)).total == late.charge == D("60.00")


def _today(clock):  # type: ignore[no-untyped-def]
    return clock.now().date()


async def test_the_report_counts_late_reschedules_and_nets_confirmed_credits(db, clock):
    # given a late move (60.00, Dana paid 30.00) and a cancellation 12 h ahead with Eli
    # (120.00, Eli paid 60.00) whose freed slot Eli fills, with the 25% credit confirmed
    world = await _world(clock, rebooked_credit_percent=D(25))
    await _moved_late(world, clock)
    _, (cancelled,) = await book(world, start=clock.now() + timedelta(hours=12))
    await assign(world, cancelled, world.driver2)
    await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    _, (refill,) = await book(world, start=clock.now() + timedelta(hours=12))
    await assign(world, refill, world.driver2)
    item = await PendingReviewItem.get(mission_id=cancelled.id)
    await confirm_rebooked_credit(world.scope, clock, item_id=item.id)

    # when the report is asked for today, by every grouping
    day = _today(clock)
    reports = {g: await cancellation_report(world.scope, day, day, g) for g in GROUPINGS}

    # then every grouping bills 60.00 + 120.00 - 30.00 and pays 30.00 + 60.00
    for grouping, report in reports.items():
        rows = report.rows
        assert sum(r.count for r in rows) == 2, grouping
        assert sum((r.charge_total for r in rows), D(0)) == D("150.00"), grouping
        assert sum((r.payout_total for r in rows), D(0)) == D("90.00"), grouping
    by_reason = {r.key: r for r in reports["REASON"].rows}
    late = by_reason[LATE_RESCHEDULE_KEY]
    assert (late.label, late.count, late.billable_count, late.charge_total) == (
        "Late reschedule",
        1,
        1,
        D("60.00"),
    )
    by_driver = {r.pk: r for r in reports["DRIVER"].rows}
    assert by_driver[world.driver.id].payout_total == D("30.00")
    assert by_driver[world.driver2.id].payout_total == D("60.00")
    assert [(r.key, r.count) for r in reports["TIER"].rows] == [("1", 1), ("2", 1)]
    assert [r.key for r in reports["DAY"].rows] == [day.isoformat()]


async def test_a_move_the_customer_pays_nothing_for_still_pays_its_driver(db, clock):
    # given a policy paying drivers 100% up to 48 h whatever the customer pays (who pays
    # only inside 24 h), and Dana's 2-hour job 30 h ahead
    world = await _world(
        clock,
        tiers=(Tier(24 * HOUR, NoticeUnit.CALENDAR, D(100)),),
        payout_tiers=(Tier(48 * HOUR, NoticeUnit.CALENDAR, D(100)),),
    )
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    await assign(world, mission)
    later = mission.pickup_at + timedelta(days=3)

    # when the edit form moves it
    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        edit=MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2)),
    )

    # then the customer is billed nothing (no Pending Review item), Dana is paid her 60.00,
    # and the report pays it
    late = outcome.late_reschedule
    assert late is not None and (late.billable, late.charge) == (False, D("0.00"))
    payouts = await LateReschedulePayout.filter(late_reschedule_id=late.id)
    assert [(p.driver_id, p.amount) for p in payouts] == [(world.driver.id, D("60.00"))]
    assert await PendingReviewItem.filter(mission_id=mission.id).count() == 0
    day = _today(clock)
    (row,) = (await cancellation_report(world.scope, day, day, "DRIVER")).rows
    assert (row.pk, row.count, row.billable_count, row.charge_total, row.payout_total) == (
        world.driver.id,
        1,
        0,
        D("0.00"),
        D("60.00"),
    )


async def test_refilling_the_original_time_of_a_late_move_credits_it(db, clock):
    # given a policy crediting 25% for a refilled slot, and Dana's job moved late
    world = await _world(clock, rebooked_credit_percent=D(25))
    mission, late, item = await _moved_late(world, clock)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the agency gives Dana another job in the original time, and confirms the credit
    _, (refill,) = await book(world, start=late.from_pickup_at)
    await assign(world, refill)
    offered = await PendingReviewItem.get(id=item.id)
    confirmed = await confirm_rebooked_credit(world.scope, clock, item_id=item.id)

    # then the late reschedule's 60.00 bills 45.00 in Pending Review, the draft and the report
    assert (offered.rebooked_credit, offered.rebooked_mission_id) == (D("15.00"), refill.id)
    assert confirmed.charge == D("45.00")
    assert (await Invoice.get(id=draft.id)).total == D("45.00")
    assert (await LateReschedule.get(id=late.id)).rebooked_credit == D("15.00")
    day = _today(clock)
    (row,) = (await cancellation_report(world.scope, day, day, "REASON")).rows
    assert (row.key, row.charge_total) == (LATE_RESCHEDULE_KEY, D("45.00"))
    assert (await Mission.get(id=mission.id)).pickup_at != late.from_pickup_at
