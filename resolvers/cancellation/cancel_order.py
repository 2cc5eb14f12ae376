"""`cancelOrder`: a whole order, all or nothing, by the cascade table of SPEC §4.2."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models.domain import events as ev
from models.domain.cascade import PreviewAction, plan_errors, plan_order_cancellation
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import OrderStatus
from models.orders import Mission, Order
from resolvers.cancellation.cancel_mission import (
    CancelOutcome,
    Done,
    Unchanged,
    allow_invoiced,
    outcome_of,
    result_of,
)
from resolvers.cancellation.effects import cancel_missions, facts
from resolvers.cancellation.inputs import CancelRequestInput, get_row, validate_request
from resolvers.clock import Clock
from resolvers.lifecycle import lock_missions, lock_order, refresh_order_statuses
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_idempotent

ORDER_ID = ("input", "orderId")
DECISIONS = ("input", "inProgressDecisions")


async def cancel_order(
    scope: Scope,
    clock: Clock,
    *,
    order_id: int,
    request: CancelRequestInput,
    in_progress_decisions: Mapping[int, bool] | None = None,
    idempotency_key: str | None = None,
) -> CancelOutcome:
    """Cancel every mission the table allows, or nothing.

    An in-progress mission needs a decision (cancel it or keep it running); without one
    for each, CONFIRMATION_REQUIRED lists them and nothing changes. An order already
    cancelled is ALREADY_CANCELLED.
    """
    decisions = dict(in_progress_decisions or {})
    done: list[Done] = []

    async def work(uow: UnitOfWork) -> dict[str, Any]:
        valid = await validate_request(uow, request)
        order = await get_row(uow, Order, order_id, ORDER_ID)
        ids = [m.id for m in await Mission.filter(order_id=order.id).only("id").using_db(uow.conn)]
        # Missions first (by id), then the order (refresh_order_statuses), then the agency
        # counter (flush_events): the same lock order as every other command.
        locked = {m.id: m for m in await lock_missions(uow, list(ids))}
        order = await lock_order(uow, order_id, ORDER_ID)
        if order.status == OrderStatus.CANCELLED:
            raise DomainError(ErrorCode.ALREADY_CANCELLED, "This order is already cancelled.")
        unknown = set(decisions) - set(locked)
        if unknown:
            raise DomainError(
                ErrorCode.INVALID,
                "A decision names a mission that is not part of this order.",
                field=DECISIONS,
                mission_ids=sorted(unknown),
            )
        plan = plan_order_cancellation(
            [facts(m) for m in locked.values()],
            in_progress_decisions=decisions,
            allow_invoiced=await allow_invoiced(uow, locked.values()),
        )
        errors = plan_errors(plan, field=DECISIONS)
        if errors:
            raise DomainError.many(errors)
        to_cancel = [locked[p.mission_id] for p in plan if p.action is PreviewAction.CANCEL]
        cancellations = await cancel_missions(uow, order, to_cancel, valid, order_level=True)
        uow.record(
            ev.ORDER_CANCELLED,
            order_id=order.id,
            missionsAffected=[c.mission_id for c in cancellations],
            missionsUnchanged=[
                {"missionId": p.mission_id, "reason": p.reason}
                for p in plan
                if p.action is not PreviewAction.CANCEL
            ],
            reasonCode=valid.reason.code,
            reasonLabel=valid.reason.label,
            note=valid.note,
            requestedBy=valid.requested_by,
            requestedAt=valid.requested_at,
            waived=valid.waive_billing,
        )
        await refresh_order_statuses(
            uow, [order.id], cancelled_at_order_level={order.id}, locked={order.id: order}
        )
        unchanged = [p for p in plan if p.action is not PreviewAction.CANCEL]
        outcome = CancelOutcome(
            cancellations=list(cancellations),
            unchanged=[Unchanged(locked[p.mission_id], p.action, p.reason) for p in unchanged],
            order=order,
            credit_note_required=any(c.credit_note_required for c in cancellations),
        )
        done.append(Done(result_of(order.id, cancellations, unchanged), outcome))
        return done[-1].result

    result = await run_idempotent(
        scope,
        clock,
        key=idempotency_key,
        operation="cancelOrder",
        request={
            "orderId": order_id,
            "inProgressDecisions": sorted(decisions.items()),
            **request.as_dict(),
        },
        work=work,
    )
    return await outcome_of(scope, result, done)
