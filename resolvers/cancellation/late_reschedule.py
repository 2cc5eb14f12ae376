"""Late reschedules (issue 15): moving a mission's start, under a policy version that bills
changes, is billed as a cancellation of the original time, through Pending Review.

The edit form (`updateMission`) and its preview (`reschedulePreview`) ask the same
domain decision (`decide_reschedule`); a mission booked under no policy version, or
under one that does not bill changes, costs no statement here. A billed one pays its
drivers as a cancellation would (payout rows), and is waived as one is
(`setLateRescheduleWaiver`) until an issued invoice bills it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from models.billing import PendingReviewItem, ReviewKind
from models.domain import events as ev
from models.domain.billing import BillingDecision, decide_reschedule
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission, Order
from models.policies import LateReschedule, LateReschedulePayout
from resolvers import validation as v
from resolvers.cancellation.inputs import NOTE, get_row
from resolvers.cancellation.waiver import waiver_columns
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import active_assignments, driver_terms, lock_missions, policy_snapshot
from resolvers.policies import booked_terms
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command


async def judge_reschedule(
    uow: UnitOfWork, mission: Mission, new_pickup_at: datetime, judged_at: datetime
) -> BillingDecision | None:
    """The decision moving `mission` (as booked now) to `new_pickup_at` gets, if billed."""
    if mission.policy_version_id is None:
        return None
    terms = (await booked_terms(uow, [mission.policy_version_id])).get(mission.policy_version_id)
    if terms is None or not terms.late_reschedules_billed:
        return None
    active = (await active_assignments(uow, [mission.id])).get(mission.id, [])
    return decide_reschedule(
        pickup_at=mission.pickup_at,
        estimated_end_at=mission.estimated_end_at,
        new_pickup_at=new_pickup_at,
        judged_at=judged_at,
        policy=policy_snapshot(mission),
        drivers=driver_terms(active),
        terms=terms,
        vehicle_class=mission.vehicle_class,
    )


async def bill_late_reschedule(
    uow: UnitOfWork,
    mission: Mission,
    new_pickup_at: datetime,
    new_end_at: datetime,
    judged_at: datetime,
) -> tuple[BillingDecision, LateReschedule | None] | None:
    """Bill the move of a locked mission, before its times change.

    A billable decision gets a LateReschedule record and a Pending Review item (the
    customer's draft brought in step). One the customer pays nothing for but whose
    drivers are paid (the policy's own payout tiers) gets the record and its payouts
    only; one that bills and pays nothing is only returned.
    """
    decision = await judge_reschedule(uow, mission, new_pickup_at, judged_at)
    if decision is None:
        return None
    if not decision.billable and decision.payout_total == 0:
        return decision, None
    order = await Order.filter(id=mission.order_id).using_db(uow.conn).get()
    row = await LateReschedule.create(
        agency_id=uow.scope.agency_id,
        mission_id=mission.id,
        customer_id=order.customer_id,
        from_pickup_at=mission.pickup_at,
        from_estimated_end_at=mission.estimated_end_at,
        to_pickup_at=new_pickup_at,
        to_estimated_end_at=new_end_at,
        requested_at=judged_at,
        rescheduled_at=uow.now,
        rescheduled_by_id=uow.scope.user_id,
        policy_version_id=mission.policy_version_id,
        tier=decision.tier,
        billable=decision.billable,
        charge=decision.charge,
        payout_total=decision.payout_total,
        currency=decision.currency,
        decision=decision.to_dict(),
        using_db=uow.conn,
    )
    if decision.payouts:
        await LateReschedulePayout.bulk_create(
            [
                LateReschedulePayout(
                    agency_id=uow.scope.agency_id,
                    late_reschedule_id=row.id,
                    driver_id=p.driver_id,
                    amount=p.amount,
                )
                for p in decision.payouts
            ],
            using_db=uow.conn,
        )
    if not decision.billable:
        return decision, row
    # Billed as a cancellation of the original time: kind CANCELLATION, no cancellation.
    await PendingReviewItem.create(
        agency_id=uow.scope.agency_id,
        kind=ReviewKind.CANCELLATION,
        mission_id=mission.id,
        customer_id=order.customer_id,
        late_reschedule_id=row.id,
        charge=decision.charge,
        currency=decision.currency,
        created_at=uow.now,
        using_db=uow.conn,
    )
    await refresh_drafts(uow, order.customer_id, [mission.id])
    return decision, row


async def preview_reschedule(
    scope: Scope, clock: Clock, *, mission_id: int, pickup_at: datetime
) -> BillingDecision | None:
    """What moving the mission's start to `pickup_at` now would bill; changes nothing."""
    start = v.aware(pickup_at, ("pickupAt",), "The pickup time").astimezone(UTC)

    async def work(uow: UnitOfWork) -> BillingDecision | None:
        mission = await get_row(uow, Mission, mission_id, ("missionId",))
        return await judge_reschedule(uow, mission, start, uow.now)

    return await run_command(scope, clock, work)


ITEM_ID = ("input", "pendingReviewItemId")


async def set_late_reschedule_waiver(
    scope: Scope, clock: Clock, *, item_id: int, waived: bool, note: str | None = None
) -> PendingReviewItem:
    """Waive or bill the late reschedule a Pending Review item bills, as a cancellation's
    waiver does: nothing is charged or paid while waived, and the customer's draft follows.

    INVALID when the item bills no late reschedule; ALREADY_INVOICED once an issued
    invoice bills it; INVALID_TRANSITION when it was withdrawn.
    """

    async def work(uow: UnitOfWork) -> None:
        text = v.optional_text(note, NOTE, "The note")
        row = await get_row(uow, PendingReviewItem, item_id, ITEM_ID)
        # The mission first, as every command that changes what a mission bills.
        (mission,) = await lock_missions(uow, [row.mission_id])
        item = await (
            PendingReviewItem.filter(id=row.id).select_for_update(no_key=True).using_db(uow.conn)
        ).get()
        if item.late_reschedule_id is None:
            raise DomainError(
                ErrorCode.INVALID,
                "This item bills no late reschedule: waive a cancellation with "
                "setCancellationWaiver.",
                field=ITEM_ID,
            )
        if item.invoiced_at is not None:
            raise DomainError(
                ErrorCode.ALREADY_INVOICED,
                "This late reschedule is on an issued invoice: its waiver can no longer change.",
                field=ITEM_ID,
            )
        if item.withdrawn_at is not None:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, "This item was withdrawn.", field=ITEM_ID
            )
        if item.waived == waived:
            return
        await (
            LateReschedule.filter(id=item.late_reschedule_id)
            .using_db(uow.conn)
            .update(**waiver_columns(uow, waived, text))
        )
        await PendingReviewItem.filter(id=item.id).using_db(uow.conn).update(waived=waived)
        await refresh_drafts(uow, item.customer_id, [item.mission_id])
        # Billed as a cancellation of the original time: the same audit event, naming the
        # Pending Review item of the late reschedule instead of a cancellation.
        uow.record(
            ev.CANCELLATION_WAIVER_CHANGED,
            order_id=mission.order_id,
            mission_id=item.mission_id,
            cancellation_id=None,
            pendingReviewItemId=item.id,
            waived=waived,
            note=text,
            charge=item.charge,
        )

    await run_command(scope, clock, work)
    return await scope.get(PendingReviewItem, item_id)
