"""What a customer owes at this moment: the source of truth that draft invoices follow.

A customer owes (SPEC §3, §6, §9):
- each COMPLETED mission not yet invoiced, at the terms it was booked under;
- each Pending Review item (a billable cancellation, a no-show fee added) that is
  neither withdrawn (un-cancelled), waived nor invoiced.
Nothing else is billed: a cancelled mission is billed through its cancellation's item
only, and a no-show only through its fee.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from models.billing import InvoiceLine, InvoiceStatus, PendingReviewItem, ReviewKind
from models.domain.billing import completed_mission_charge
from models.domain.statuses import MissionStatus
from models.orders import Mission
from resolvers.invoicing.records import LINE_MISSION
from resolvers.lifecycle import lock_missions, policy_snapshot
from resolvers.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Owed:
    """One thing the customer owes, as a draft's line bills it."""

    kind: str
    mission_id: int
    review_item_id: int | None
    amount: Decimal
    currency: str
    description: str

    @property
    def key(self) -> tuple[str, int] | None:
        """What its line bills (see `billed_by`)."""
        return billed_by(self.kind, self.mission_id, self.review_item_id)


def billed_by(
    kind: str, mission_id: int | None, review_item_id: int | None
) -> tuple[str, int] | None:
    """What a line bills: a Pending Review item, or a completed mission as such.

    None for a line no rule made: a no-show fee put on a draft directly, before fees
    always went through Pending Review (such a line is left as it is).
    """
    if review_item_id is not None:
        return ("ITEM", review_item_id)
    if kind == LINE_MISSION and mission_id is not None:
        return (LINE_MISSION, mission_id)
    return None


async def owed(uow: UnitOfWork, customer_id: int, mission_ids: Collection[int]) -> list[Owed]:
    """What the customer owes for these missions (two queries), in the order a draft lists
    it: completed missions by start, then Pending Review items as they arrived."""
    missions = await (
        uow.scope.query(Mission)
        .filter(
            id__in=list(mission_ids),
            order__customer_id=customer_id,
            status=MissionStatus.COMPLETED,
            invoiced_at__isnull=True,
        )
        .using_db(uow.conn)
    )
    items = await (
        uow.scope.query(PendingReviewItem)
        .filter(
            mission_id__in=list(mission_ids),
            customer_id=customer_id,
            waived=False,
            withdrawn_at__isnull=True,
            invoiced_at__isnull=True,
        )
        .select_related("cancellation")
        .using_db(uow.conn)
    )
    billed = [
        Owed(
            kind=LINE_MISSION,
            mission_id=m.id,
            review_item_id=None,
            amount=completed_mission_charge(policy_snapshot(m), m.pickup_at, m.estimated_end_at),
            currency=m.policy_currency,
            description=f"Mission of {m.pickup_at:%Y-%m-%d %H:%M} UTC",
        )
        for m in sorted(missions, key=lambda m: (m.pickup_at, m.id))
    ]
    billed += [
        Owed(
            kind=i.kind.value,
            mission_id=i.mission_id,
            review_item_id=i.id,
            amount=Decimal(i.charge),
            currency=i.currency,
            description=_item_description(i),
        )
        for i in sorted(items, key=lambda i: (i.created_at, i.id))
    ]
    return billed


def _item_description(item: PendingReviewItem) -> str:
    if item.kind == ReviewKind.NO_SHOW_FEE:
        return "No-show fee"
    if item.late_reschedule_id is not None:
        return "Late reschedule (the original time, billed as a cancellation)"
    label = item.cancellation.reason_label if item.cancellation is not None else ""
    return f"Late cancellation ({label})" if label else "Late cancellation"


async def lock_customer_billing(uow: UnitOfWork, customer_id: int) -> set[int]:
    """Lock every mission whose billing the customer's drafts may hold; returns their ids.

    Completed and not invoiced, with a Pending Review item still open (waived or not), or
    on a draft of the customer. Making or issuing an invoice takes these locks first, as
    every command that changes what a mission bills does: each waits for the other.
    """
    completed = (
        uow.scope.query(Mission)
        .filter(
            order__customer_id=customer_id,
            status=MissionStatus.COMPLETED,
            invoiced_at__isnull=True,
        )
        .using_db(uow.conn)
        .values_list("id", flat=True)
    )
    reviewed = (
        uow.scope.query(PendingReviewItem)
        .filter(customer_id=customer_id, withdrawn_at__isnull=True, invoiced_at__isnull=True)
        .using_db(uow.conn)
        .values_list("mission_id", flat=True)
    )
    drafted = (
        InvoiceLine.filter(
            invoice__agency_id=uow.scope.agency_id,
            invoice__customer_id=customer_id,
            invoice__status=InvoiceStatus.DRAFT,
            mission_id__not_isnull=True,
        )
        .using_db(uow.conn)
        .values_list("mission_id", flat=True)
    )
    ids: set[int] = set()
    for query in (completed, reviewed, drafted):
        ids.update(await query)  # type: ignore[arg-type]
    return {m.id for m in await lock_missions(uow, ids)}
