"""`cancelMission`: one mission, or occurrences of its series (SPEC §4.1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from models.agency import Agency, InvoicedCancellation
from models.cancellations import Cancellation
from models.domain.cascade import (
    PlannedMission,
    PreviewAction,
    SeriesScope,
    plan_series_cancellation,
)
from models.domain.statuses import MissionStatus, check_transition
from models.orders import Mission, Order
from resolvers.cancellation.effects import cancel_missions, facts
from resolvers.cancellation.inputs import CancelRequestInput, get_row, validate_request
from resolvers.clock import Clock
from resolvers.lifecycle import lock_missions, lock_order, refresh_order_statuses
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_idempotent

MISSION_ID = ("input", "missionId")


@dataclass(frozen=True)
class Unchanged:
    """A mission a cancellation left as it was, and why."""

    mission: Mission
    action: PreviewAction
    reason: str | None


@dataclass(frozen=True)
class CancelOutcome:
    """What a cancellation did: the records made, what stayed, the order after."""

    cancellations: list[Cancellation]
    unchanged: list[Unchanged]
    order: Order | None
    credit_note_required: bool


async def allow_invoiced(uow: UnitOfWork, missions: Iterable[Mission] | None = None) -> bool:
    """The agency's `invoicedCancellation` setting: may an invoiced mission be cancelled?

    Given `missions`, the setting is only read when one of them is invoiced (it decides
    nothing otherwise).
    """
    if missions is not None and all(m.invoiced_at is None for m in missions):
        return False
    agency = await Agency.filter(id=uow.scope.agency_id).using_db(uow.conn).first()
    assert agency is not None
    return agency.invoiced_cancellation == InvoicedCancellation.ALLOW_WITH_CREDIT_NOTE


def result_of(
    order_id: int, cancellations: Sequence[Cancellation], unchanged: Sequence[PlannedMission]
) -> dict[str, Any]:
    """The JSON result kept for idempotent retries: ids only, rows are re-read."""
    return {
        "orderId": order_id,
        "cancellationIds": [c.id for c in cancellations],
        "unchanged": [
            {"missionId": p.mission_id, "action": p.action.value, "reason": p.reason}
            for p in unchanged
        ],
        "creditNoteRequired": any(c.credit_note_required for c in cancellations),
    }


async def load_outcome(scope: Scope, result: dict[str, Any]) -> CancelOutcome:
    """Rebuild the outcome from its kept result (first try and retries alike)."""
    ids = result["cancellationIds"]
    by_id = {c.id: c for c in await scope.query(Cancellation).filter(id__in=ids)} if ids else {}
    left = result["unchanged"]
    missions = (
        {m.id: m for m in await scope.query(Mission).filter(id__in=[u["missionId"] for u in left])}
        if left
        else {}
    )
    return CancelOutcome(
        cancellations=[by_id[i] for i in ids],
        unchanged=[
            Unchanged(missions[u["missionId"]], PreviewAction(u["action"]), u["reason"])
            for u in left
        ],
        order=await scope.query(Order).filter(id=result["orderId"]).first(),
        credit_note_required=bool(result["creditNoteRequired"]),
    )


@dataclass(frozen=True)
class Done:
    """A command's kept result, and the outcome rows it made (reused after the commit)."""

    result: dict[str, Any]
    outcome: CancelOutcome


async def outcome_of(scope: Scope, result: dict[str, Any], done: list[Done]) -> CancelOutcome:
    """The first try's rows when `result` is its own; a replayed result is read again."""
    if done and done[-1].result is result:
        return done[-1].outcome
    return await load_outcome(scope, result)


async def cancel_in(
    uow: UnitOfWork,
    *,
    mission_id: int,
    request: CancelRequestInput,
    series_scope: SeriesScope = SeriesScope.THIS_OCCURRENCE,
    confirm_in_progress: bool = False,
) -> Done:
    """The cancellation inside an open unit of work (cancelMission and the edit form)."""
    valid = await validate_request(uow, request)
    if series_scope is SeriesScope.THIS_OCCURRENCE:
        # Lock before reading the status: a concurrent cancel, assign or start waits.
        locked = {m.id: m for m in await lock_missions(uow, [mission_id])}
        if mission_id not in locked:
            raise not_found(Mission, MISSION_ID)
        in_series = False
    else:
        target = await get_row(uow, Mission, mission_id, MISSION_ID)
        ids = [target.id]
        in_series = target.series_id is not None
        if in_series:
            occurrences = Mission.filter(series_id=target.series_id).only("id").using_db(uow.conn)
            ids = [m.id for m in await occurrences]
        locked = {m.id: m for m in await lock_missions(uow, ids)}
    target = locked[mission_id]
    allowed = await allow_invoiced(uow, locked.values())
    check_transition(
        target.status,
        MissionStatus.CANCELLED,
        confirm_in_progress=confirm_in_progress,
        invoiced=target.invoiced_at is not None,
        allow_invoiced=allowed,
        mission_id=target.id,
    )
    plan = plan_series_cancellation(
        target.id,
        [facts(m) for m in locked.values()],
        series_scope if in_series else SeriesScope.THIS_OCCURRENCE,
        confirm_in_progress=confirm_in_progress,
        allow_invoiced=allowed,
    )
    to_cancel = [locked[p.mission_id] for p in plan if p.action is PreviewAction.CANCEL]
    order = await lock_order(uow, target.order_id, MISSION_ID)
    cancellations = await cancel_missions(uow, order, to_cancel, valid, series_scope=series_scope)
    await refresh_order_statuses(uow, [order.id], locked={order.id: order})
    unchanged = [p for p in plan if p.action is not PreviewAction.CANCEL]
    return Done(
        result_of(order.id, cancellations, unchanged),
        CancelOutcome(
            cancellations=list(cancellations),
            unchanged=[Unchanged(locked[p.mission_id], p.action, p.reason) for p in unchanged],
            order=order,
            credit_note_required=any(c.credit_note_required for c in cancellations),
        ),
    )


async def cancel_mission(
    scope: Scope,
    clock: Clock,
    *,
    mission_id: int,
    request: CancelRequestInput,
    series_scope: SeriesScope = SeriesScope.THIS_OCCURRENCE,
    confirm_in_progress: bool = False,
    idempotency_key: str | None = None,
) -> CancelOutcome:
    """Cancel a mission (and, with a series scope, the occurrences it covers).

    The target follows the transition table (ALREADY_CANCELLED, INVALID_TRANSITION,
    CONFIRMATION_REQUIRED, ALREADY_INVOICED); other occurrences that are terminal,
    in progress or invoiced are left unchanged and listed with the reason.
    """
    series_scope = SeriesScope(series_scope)
    done: list[Done] = []

    async def work(uow: UnitOfWork) -> dict[str, Any]:
        done.append(
            await cancel_in(
                uow,
                mission_id=mission_id,
                request=request,
                series_scope=series_scope,
                confirm_in_progress=confirm_in_progress,
            )
        )
        return done[-1].result

    result = await run_idempotent(
        scope,
        clock,
        key=idempotency_key,
        operation="cancelMission",
        request={
            "missionId": mission_id,
            "scope": series_scope,
            "confirmInProgress": confirm_in_progress,
            **request.as_dict(),
        },
        work=work,
    )
    return await outcome_of(scope, result, done)
