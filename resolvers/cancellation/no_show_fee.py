"""`resolveNoShowFee`: the operator's decision on a pending no-show fee (SPEC §6)."""

from __future__ import annotations

from typing import Any

from models.billing import PendingReviewItem, ReviewKind
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission, NoShowFeeState, Order
from resolvers import validation as v
from resolvers.cancellation.inputs import NOTE, get_row
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import lock_missions
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

MISSION_ID = ("input", "missionId")
ADD = "ADD"
WAIVE = "WAIVE"


async def resolve_no_show_fee(
    scope: Scope, clock: Clock, *, mission_id: int, decision: str, note: str | None = None
) -> Mission:
    """ADD: a Pending Review item for the fee, billed on the customer's draft invoice when
    there is one. WAIVE: nothing billed; the note says why (required). Only while PENDING."""

    async def work(uow: UnitOfWork) -> None:
        text = v.optional_text(note, NOTE, "The note")
        if decision == WAIVE and text is None:
            raise v.required(NOTE, "Why the no-show fee is waived")
        await get_row(uow, Mission, mission_id, MISSION_ID)
        (mission,) = await lock_missions(uow, [mission_id])
        if mission.no_show_fee != NoShowFeeState.PENDING:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                "This mission has no no-show fee waiting for a decision.",
                mission_ids=[mission.id],
            )
        data: dict[str, Any] = {"decision": decision, "note": text}
        order = await get_row(uow, Order, mission.order_id, MISSION_ID)
        if decision == ADD:
            # The fee in force when the no-show was recorded (what the operator was shown).
            fee = mission.no_show_fee_amount
            if not fee:
                raise DomainError(ErrorCode.INVALID, "This no-show has no fee to add.")
            await PendingReviewItem.create(
                agency_id=uow.scope.agency_id,
                kind=ReviewKind.NO_SHOW_FEE,
                mission_id=mission.id,
                customer_id=order.customer_id,
                charge=fee,
                currency=mission.policy_currency,
                created_at=uow.now,
                using_db=uow.conn,
            )
            data["amount"] = fee
        state = NoShowFeeState.ADDED if decision == ADD else NoShowFeeState.WAIVED
        await Mission.filter(id=mission.id).using_db(uow.conn).update(no_show_fee=state)
        drafts = await refresh_drafts(uow, order.customer_id, [mission.id])
        if decision == ADD:
            data.update({"invoiceId": min(drafts)} if drafts else {"pendingReview": True})
        uow.record(
            ev.NO_SHOW_FEE_RESOLVED, order_id=mission.order_id, mission_id=mission.id, **data
        )

    await run_command(scope, clock, work)
    return await scope.get(Mission, mission_id)
