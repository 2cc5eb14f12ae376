"""Late reschedules (issue 15): moving a mission's start, under a policy version that bills
changes, is billed as a cancellation of the original time, through Pending Review.

The edit form (`updateMission`) and its preview (`reschedulePreview`) ask the same
domain decision (`decide_reschedule`); a mission booked under no policy version, or
under one that does not bill changes, costs no statement here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from models.billing import PendingReviewItem, ReviewKind
from models.domain.billing import BillingDecision, decide_reschedule
from models.orders import Mission, Order
from models.policies import LateReschedule
from resolvers import validation as v
from resolvers.cancellation.inputs import get_row
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import active_assignments, driver_terms, policy_snapshot
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
    customer's draft brought in step); one that bills nothing is only returned.
    """
    decision = await judge_reschedule(uow, mission, new_pickup_at, judged_at)
    if decision is None:
        return None
    if not decision.billable:
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
        billable=True,
        charge=decision.charge,
        currency=decision.currency,
        decision=decision.to_dict(),
        using_db=uow.conn,
    )
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
