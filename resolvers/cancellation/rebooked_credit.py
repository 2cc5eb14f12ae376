"""Rebooked slot credit (issue 15): when the agency fills a cancelled mission's freed slot
with another mission of the same driver, its policy may credit part of the cancellation's
charge; the Pending Review item shows the credit and the operator confirms it. A late
reschedule frees its original time as a cancellation does: a mission of the same driver
there earns the same credit on the late reschedule's item.

Offering costs the assignment two statements when the driver had no cancelled mission
and no late-rescheduled original time overlapping the new slot. Confirming locks the cancelled mission (as every command that
changes what a mission bills) and brings the customer's draft in step.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from models.billing import PendingReviewItem, ReviewKind
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import rebooked_credit
from models.domain.statuses import MissionStatus
from models.orders import Assignment, Mission
from models.policies import LateReschedule, LateReschedulePayout
from resolvers.cancellation.inputs import get_row
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import lock_missions
from resolvers.policies import booked_terms
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

ITEM_ID = ("input", "pendingReviewItemId")


async def offer_rebooked_credit(uow: UnitOfWork, driver_id: int, mission: Mission) -> None:
    """After assigning `driver_id` to `mission`: offer the credit on the open Pending Review
    items of the driver's cancelled missions whose slot the new one overlaps, and of the
    late reschedules whose original time (billed as cancelled) it overlaps."""
    freed = await (
        uow.scope.query(Assignment)
        .filter(
            driver_id=driver_id,
            ended_at__isnull=False,
            slot_start__lt=mission.estimated_end_at,
            slot_end__gt=mission.pickup_at,
            mission__status=MissionStatus.CANCELLED,
        )
        .exclude(mission_id=mission.id)
        .using_db(uow.conn)
        .values_list("mission_id", flat=True)
    )
    moved = await (
        uow.scope.query(LateReschedulePayout)
        .filter(
            driver_id=driver_id,
            late_reschedule__billable=True,
            late_reschedule__from_pickup_at__lt=mission.estimated_end_at,
            late_reschedule__from_estimated_end_at__gt=mission.pickup_at,
        )
        .exclude(late_reschedule__mission_id=mission.id)
        .using_db(uow.conn)
        .values_list("late_reschedule_id", flat=True)
    )
    if not freed and not moved:
        return
    cancelled = await Mission.filter(id__in=list(freed)).using_db(uow.conn) if freed else []
    lates = await LateReschedule.filter(id__in=list(moved)).using_db(uow.conn) if moved else []
    terms = await booked_terms(
        uow, [m.policy_version_id for m in cancelled] + [r.policy_version_id for r in lates]
    )

    def percent_of(version_id: int | None) -> Decimal:
        found = terms.get(version_id) if version_id is not None else None
        return Decimal(0) if found is None else found.rebooked_credit_percent

    by_mission = {m.id: percent_of(m.policy_version_id) for m in cancelled}
    by_late = {r.id: percent_of(r.policy_version_id) for r in lates}
    open_items = uow.scope.query(PendingReviewItem).filter(
        kind=ReviewKind.CANCELLATION,
        withdrawn_at__isnull=True,
        invoiced_at__isnull=True,
        rebooked_mission_id__isnull=True,
    )
    items = []
    if any(p > 0 for p in by_mission.values()):
        items += await open_items.filter(
            mission_id__in=[i for i, p in by_mission.items() if p > 0],
            cancellation_id__isnull=False,
        ).using_db(uow.conn)
    if any(p > 0 for p in by_late.values()):
        items += await open_items.filter(
            late_reschedule_id__in=[i for i, p in by_late.items() if p > 0]
        ).using_db(uow.conn)
    order_of = {m.id: m.order_id for m in cancelled}
    order_of.update(await _orders_of(uow, [r.mission_id for r in lates]))
    for item in items:
        percent = (
            by_mission[item.mission_id]
            if item.late_reschedule_id is None
            else by_late[item.late_reschedule_id]
        )
        credit = rebooked_credit(Decimal(item.charge), percent)
        await (
            PendingReviewItem.filter(id=item.id)
            .using_db(uow.conn)
            .update(rebooked_mission_id=mission.id, rebooked_credit=credit)
        )
        # A credit is a partial waiver of the cancellation's charge: its audit event.
        uow.record(
            ev.CANCELLATION_WAIVER_CHANGED,
            order_id=order_of[item.mission_id],
            mission_id=item.mission_id,
            cancellation_id=item.cancellation_id,
            waived=item.waived,
            charge=item.charge,
            rebookedCredit={"offered": credit, "rebookedMissionId": mission.id},
            **_item_of_late(item),
        )


async def _orders_of(uow: UnitOfWork, mission_ids: list[int]) -> dict[int, int]:
    if not mission_ids:
        return {}
    rows = await Mission.filter(id__in=mission_ids).using_db(uow.conn).values_list("id", "order_id")
    return dict(rows)  # type: ignore[arg-type]


def _item_of_late(item: PendingReviewItem) -> dict[str, Any]:
    """A late reschedule's item names itself in the event (it has no cancellation)."""
    return {} if item.late_reschedule_id is None else {"pendingReviewItemId": item.id}


async def confirm_rebooked_credit(scope: Scope, clock: Clock, *, item_id: int) -> PendingReviewItem:
    """Apply the offered credit: the item then bills its charge less the credit.

    INVALID when no credit is offered or it is already confirmed; ALREADY_INVOICED once
    an issued invoice bills the item; INVALID_TRANSITION when it was withdrawn.
    """

    async def work(uow: UnitOfWork) -> None:
        row = await get_row(uow, PendingReviewItem, item_id, ITEM_ID)
        (mission,) = await lock_missions(uow, [row.mission_id])
        item = await (
            PendingReviewItem.filter(id=row.id).select_for_update(no_key=True).using_db(uow.conn)
        ).get()
        if item.invoiced_at is not None:
            raise DomainError(
                ErrorCode.ALREADY_INVOICED, "This item is on an issued invoice.", field=ITEM_ID
            )
        if item.withdrawn_at is not None:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, "This item was withdrawn.", field=ITEM_ID
            )
        if item.rebooked_credit is None or item.rebooked_credit_confirmed_at is not None:
            raise DomainError(
                ErrorCode.INVALID,
                "No rebooked slot credit is waiting for confirmation on this item.",
                field=ITEM_ID,
            )
        charge = Decimal(item.charge) - Decimal(item.rebooked_credit)
        await (
            PendingReviewItem.filter(id=item.id)
            .using_db(uow.conn)
            .update(charge=charge, rebooked_credit_confirmed_at=uow.now)
        )
        # Reports net what is billed of the cancellation (or late reschedule) itself.
        billed = (
            Cancellation.filter(id=item.cancellation_id)
            if item.late_reschedule_id is None
            else LateReschedule.filter(id=item.late_reschedule_id)
        )
        await billed.using_db(uow.conn).update(rebooked_credit=item.rebooked_credit)
        await refresh_drafts(uow, item.customer_id, [item.mission_id])
        uow.record(
            ev.CANCELLATION_WAIVER_CHANGED,
            order_id=mission.order_id,
            mission_id=item.mission_id,
            cancellation_id=item.cancellation_id,
            waived=item.waived,
            charge=charge,
            rebookedCredit={"confirmed": item.rebooked_credit},
            **_item_of_late(item),
        )

    await run_command(scope, clock, work)
    return await scope.get(PendingReviewItem, item_id)
