"""`uncancelMission`: reopen a cancelled mission before its end (SPEC §5)."""

from __future__ import annotations

from typing import Any

from models.billing import PendingReviewItem
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.statuses import MissionStatus, check_uncancel
from models.orders import Mission, Order
from resolvers import validation as v
from resolvers.cancellation.inputs import NOTE, get_row
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import lock_missions, refresh_order_statuses
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_idempotent

MISSION_ID = ("input", "missionId")


async def current_cancellation(uow: UnitOfWork, mission_id: int) -> Cancellation | None:
    """The mission's cancellation that is not reverted (at most one), row-locked."""
    return await (
        uow.scope.query(Cancellation)
        .filter(mission_id=mission_id, reverted_at__isnull=True)
        .select_for_update(no_key=True)
        .order_by("-id")
        .using_db(uow.conn)
        .first()
    )


async def reopen(uow: UnitOfWork, mission: Mission, note: str | None) -> None:
    """Reopen a locked CANCELLED mission as PENDING_ASSIGNMENT with no driver.

    Its cancellation is marked reverted, its Pending Review item withdrawn (and taken off
    the customer's draft invoice), an order cancelled at order level opens again, and the
    order's status is recalculated.
    """
    cancellation = await current_cancellation(uow, mission.id)
    check_uncancel(
        mission.status,
        estimated_end_at=mission.estimated_end_at,
        now=uow.now,
        # The one rule of every path (updateMissionStatus checks the mission): an invoiced
        # mission, or an invoiced cancellation, stays as it is.
        invoiced=mission.invoiced_at is not None
        or (cancellation is not None and cancellation.invoiced_at is not None),
        mission_id=mission.id,
    )
    now, scope = uow.now, uow.scope
    await (
        Mission.filter(id=mission.id)
        .using_db(uow.conn)
        .update(status=MissionStatus.PENDING_ASSIGNMENT, updated_at=now)
    )
    mission.status = MissionStatus.PENDING_ASSIGNMENT
    if cancellation is not None:
        await (
            Cancellation.filter(id=cancellation.id)
            .using_db(uow.conn)
            .update(reverted_at=now, reverted_by_id=scope.user_id)
        )
        await (
            PendingReviewItem.filter(
                cancellation_id=cancellation.id, withdrawn_at__isnull=True, invoiced_at__isnull=True
            )
            .using_db(uow.conn)
            .update(withdrawn_at=now)
        )
    # An order cancelled at order level opens again once one of its missions does.
    await (
        Order.filter(id=mission.order_id, cancelled_at_order_level=True)
        .using_db(uow.conn)
        .update(cancelled_at_order_level=False, cancelled_at=None)
    )
    uow.record(
        ev.MISSION_REOPENED,
        order_id=mission.order_id,
        mission_id=mission.id,
        cancellation_id=cancellation.id if cancellation else None,
        fromStatus=MissionStatus.CANCELLED,
        toStatus=MissionStatus.PENDING_ASSIGNMENT,
        note=note,
    )
    orders = await refresh_order_statuses(uow, [mission.order_id])
    await refresh_drafts(uow, orders[mission.order_id].customer_id, [mission.id])


async def uncancel_mission(
    scope: Scope,
    clock: Clock,
    *,
    mission_id: int,
    note: str | None = None,
    idempotency_key: str | None = None,
) -> Mission:
    """Reopen a cancelled mission; UNCANCEL_WINDOW_PASSED after its end, not if invoiced."""

    async def work(uow: UnitOfWork) -> dict[str, Any]:
        text = v.optional_text(note, NOTE, "The note")
        await get_row(uow, Mission, mission_id, MISSION_ID)
        (mission,) = await lock_missions(uow, [mission_id])
        await reopen(uow, mission, text)
        return {"missionId": mission.id}

    result = await run_idempotent(
        scope,
        clock,
        key=idempotency_key,
        operation="uncancelMission",
        request={"missionId": mission_id, "note": note},
        work=work,
    )
    return await scope.get(Mission, result["missionId"])
