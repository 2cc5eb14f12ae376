"""The one "cancel these missions" step shared by every cancellation path (SPEC §4).

Whatever the number of missions, it costs a constant number of statements: one query
for the active assignments, one UPDATE of the missions, one of the assignments, and
one bulk INSERT each for cancellations, payouts and Pending Review items (plus one
read-back of the cancellations, whose ids a bulk insert does not return), and, when
something billable changed, the customer's drafts brought in step (one query when it
has none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from models.billing import PendingReviewItem, ReviewKind
from models.cancellations import Cancellation, CancellationPayout
from models.domain import events as ev
from models.domain.billing import BillingDecision, decide_billing
from models.domain.cascade import MissionFacts, SeriesScope
from models.domain.statuses import MissionStatus
from models.orders import Assignment, Mission, Order
from resolvers.cancellation.inputs import CancelRequest
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import (
    active_assignments,
    driver_terms,
    end_assignments,
    policy_snapshot,
    record_released_slots,
)
from resolvers.policies import booked_terms
from resolvers.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Judged:
    """A mission with its active assignments and the decision a cancellation would get."""

    mission: Mission
    assignments: list[Assignment]
    decision: BillingDecision


async def judge(
    uow: UnitOfWork, missions: Sequence[Mission], judged_at: datetime
) -> dict[int, Judged]:
    """Each mission's billing decision at `judged_at`, with its drivers (one query)."""
    assignments = await active_assignments(uow, [m.id for m in missions])
    versions = await booked_terms(uow, (m.policy_version_id for m in missions))
    judged = {}
    for mission in missions:
        active = assignments.get(mission.id, [])
        judged[mission.id] = Judged(
            mission,
            active,
            decide_billing(
                pickup_at=mission.pickup_at,
                estimated_end_at=mission.estimated_end_at,
                judged_at=judged_at,
                policy=policy_snapshot(mission),
                drivers=driver_terms(active),
                terms=None
                if mission.policy_version_id is None
                else versions[mission.policy_version_id],
                vehicle_class=mission.vehicle_class,
            ),
        )
    return judged


async def cancel_missions(
    uow: UnitOfWork,
    order: Order,
    missions: Sequence[Mission],
    request: CancelRequest,
    *,
    series_scope: SeriesScope = SeriesScope.THIS_OCCURRENCE,
    order_level: bool = False,
) -> list[Cancellation]:
    """Cancel `missions` (locked rows of `order`, already checked against the table).

    Statuses, assignments ended and slots released, one Cancellation per mission with
    its own billing decision and payouts, a Pending Review item when billable and not
    waived, and the audit events. The caller recalculates the order's status.
    Returns the cancellations in the order of `missions`.
    """
    if not missions:
        return []
    now, scope = uow.now, uow.scope
    ids = [m.id for m in missions]
    judged = await judge(uow, missions, request.requested_at)
    from_status = {m.id: MissionStatus(m.status) for m in missions}
    await (
        Mission.filter(id__in=ids)
        .using_db(uow.conn)
        .update(status=MissionStatus.CANCELLED, updated_at=now)
    )
    for mission in missions:
        mission.status = MissionStatus.CANCELLED
    released = await end_assignments(uow, [a for j in judged.values() for a in j.assignments])
    record_released_slots(uow, released, order.id)

    rows = [_cancellation(uow, order, j, request, series_scope) for j in (judged[i] for i in ids)]
    if len(rows) == 1:
        await rows[0].save(using_db=uow.conn)  # INSERT … RETURNING id: one statement
        cancellations = rows
    else:
        await Cancellation.bulk_create(rows, using_db=uow.conn)
        # Bulk inserts set no ids: read them back. A mission has at most one
        # cancellation that is not reverted, and these missions were locked.
        by_mission = {
            c.mission_id: c
            for c in await Cancellation.filter(
                agency_id=scope.agency_id, mission_id__in=ids, reverted_at__isnull=True
            ).using_db(uow.conn)
        }
        cancellations = [by_mission[i] for i in ids]

    payouts = [
        CancellationPayout(
            agency_id=scope.agency_id, cancellation_id=c.id, driver_id=p.driver_id, amount=p.amount
        )
        for c in cancellations
        for p in judged[c.mission_id].decision.payouts
    ]
    if payouts:
        await CancellationPayout.bulk_create(payouts, using_db=uow.conn)
    items = [review_item(c, now) for c in cancellations if c.billable and not c.waived]
    if items:
        await PendingReviewItem.bulk_create(items, using_db=uow.conn)
    # Only these missions' billing changed: a completed one is no longer billed as such,
    # a billable one is now billed through its item (the others bill nothing, as before).
    completed = [i for i in ids if from_status[i] is MissionStatus.COMPLETED]
    await refresh_drafts(uow, order.customer_id, completed + [i.mission_id for i in items])

    for c in cancellations:
        j = judged[c.mission_id]
        uow.record(
            ev.MISSION_CANCELLED,
            order_id=order.id,
            mission_id=c.mission_id,
            cancellation_id=c.id,
            driver_ids=[a.driver_id for a in j.assignments],
            fromStatus=from_status[c.mission_id],
            toStatus=MissionStatus.CANCELLED,
            reasonCode=c.reason_code,
            reasonLabel=c.reason_label,
            note=c.note,
            requestedBy=c.requested_by,
            requestedAt=c.requested_at,
            scope=c.scope,
            orderLevel=order_level,
            decision=c.decision,
            waived=c.waived,
            waiverNote=c.waiver_note,
            creditNoteRequired=c.credit_note_required,
        )
    return cancellations


def review_item(cancellation: Cancellation, now: datetime) -> PendingReviewItem:
    """The Pending Review item of a billable cancellation."""
    return PendingReviewItem(
        agency_id=cancellation.agency_id,
        kind=ReviewKind.CANCELLATION,
        mission_id=cancellation.mission_id,
        customer_id=cancellation.customer_id,
        cancellation_id=cancellation.id,
        charge=cancellation.charge,
        currency=cancellation.currency,
        waived=False,
        created_at=now,
    )


def _cancellation(
    uow: UnitOfWork, order: Order, j: Judged, request: CancelRequest, series_scope: SeriesScope
) -> Cancellation:
    d = j.decision
    waived = request.waive_billing and d.billable
    scope = uow.scope
    return Cancellation(
        agency_id=scope.agency_id,
        mission_id=j.mission.id,
        order_id=order.id,
        customer_id=order.customer_id,
        cancelled_at=uow.now,
        requested_at=request.requested_at,
        cancelled_by_id=scope.user_id,
        cancelled_by_name=scope.user_name,
        cancelled_by_role=scope.role.value,
        requested_by=request.requested_by,
        reason_id=request.reason.id,
        reason_code=request.reason.code,
        reason_label=request.reason.label,
        note=request.note,
        scope=series_scope,
        billable=d.billable,
        effective_window_minutes=d.effective_window_minutes,
        window_source=d.window_source,
        scheduled_minutes=d.scheduled_minutes,
        billable_minutes=d.billable_minutes,
        charge=d.charge,
        payout_total=d.payout_total,
        currency=d.currency,
        decision=d.to_dict(),
        tier=d.tier,
        notice_minutes=d.notice_minutes,
        business_notice_minutes=d.business_notice_minutes,
        policy_version_id=j.mission.policy_version_id,
        waived=waived,
        waived_by_id=scope.user_id if waived else None,
        waived_at=uow.now if waived else None,
        waiver_note=request.waiver_note if waived else None,
        credit_note_required=j.mission.invoiced_at is not None,
    )


def facts(mission: Mission) -> MissionFacts:
    """What the cascade plan needs to know about a mission."""
    return MissionFacts(
        mission_id=mission.id,
        status=MissionStatus(mission.status),
        pickup_at=mission.pickup_at,
        invoiced=mission.invoiced_at is not None,
    )
