"""`cancellationPreview`: the billing banner and cascade plan of a cancellation made now.

Read-only: the same plan and the same billing decision as the real thing, judged at
the clock's now; nothing is locked or written.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.domain.billing import BillingDecision
from models.domain.cascade import (
    PlannedMission,
    PreviewAction,
    SeriesScope,
    plan_order_cancellation,
    plan_series_cancellation,
)
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission, Order
from resolvers.cancellation.cancel_mission import allow_invoiced
from resolvers.cancellation.effects import facts, judge
from resolvers.cancellation.inputs import get_row
from resolvers.clock import Clock
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command


@dataclass(frozen=True)
class PreviewLine:
    """One mission of the preview: what would happen and the decision it would get."""

    mission: Mission
    action: PreviewAction
    reason: str | None
    decision: BillingDecision | None
    credit_note_required: bool


@dataclass(frozen=True)
class Preview:
    """Every mission concerned, by start time."""

    lines: list[PreviewLine]

    @property
    def credit_note_required(self) -> bool:
        """Some mission on an issued invoice would be cancelled."""
        return any(
            line.credit_note_required and line.action is PreviewAction.CANCEL for line in self.lines
        )


async def preview_cancellation(
    scope: Scope,
    clock: Clock,
    *,
    mission_id: int | None = None,
    order_id: int | None = None,
    series_scope: SeriesScope = SeriesScope.THIS_OCCURRENCE,
) -> Preview:
    """The plan for a mission (with its series scope) or for a whole order; changes nothing."""
    if (mission_id is None) == (order_id is None):
        raise DomainError(ErrorCode.INVALID, "Give either a mission or an order to preview.")

    async def work(uow: UnitOfWork) -> Preview:
        allowed = await allow_invoiced(uow)
        plan: list[PlannedMission]
        if mission_id is not None:
            target = await get_row(uow, Mission, mission_id, ("missionId",))
            missions = [target]
            in_series = (
                target.series_id is not None and series_scope is not SeriesScope.THIS_OCCURRENCE
            )
            if in_series:
                missions = list(await Mission.filter(series_id=target.series_id).using_db(uow.conn))
            plan = plan_series_cancellation(
                target.id,
                [facts(m) for m in missions],
                series_scope if in_series else SeriesScope.THIS_OCCURRENCE,
                confirm_in_progress=False,
                allow_invoiced=allowed,
            )
        else:
            assert order_id is not None
            order = await get_row(uow, Order, order_id, ("orderId",))
            missions = list(await Mission.filter(order_id=order.id).using_db(uow.conn))
            plan = plan_order_cancellation(
                [facts(m) for m in missions], in_progress_decisions=None, allow_invoiced=allowed
            )
        by_id = {m.id: m for m in missions}
        judged = await judge(uow, missions, uow.now)
        return Preview(
            [
                PreviewLine(
                    mission=by_id[p.mission_id],
                    action=p.action,
                    reason=p.reason,
                    decision=None
                    if p.action is PreviewAction.UNCHANGED
                    else judged[p.mission_id].decision,
                    credit_note_required=p.credit_note_required,
                )
                for p in plan
            ]
        )

    # A read-only unit: it records no event, so nothing is written or published.
    return await run_command(scope, clock, work)
