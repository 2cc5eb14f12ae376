"""Draft invoices: making one for a customer, and what other commands change on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem, ReviewKind
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.billing import ZERO, completed_mission_charge
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.orders import Mission, Order
from models.people import Customer
from resolvers.clock import Clock
from resolvers.invoicing.records import LINE_MISSION, refresh_total
from resolvers.lifecycle import policy_snapshot
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command


async def detach_from_drafts(uow: UnitOfWork, items: Sequence[PendingReviewItem]) -> None:
    """Take review items off the draft invoices they are on (waived or withdrawn)."""
    on_draft = [i for i in items if i.invoice_id is not None and i.invoiced_at is None]
    if not on_draft:
        return
    ids = [i.id for i in on_draft]
    await InvoiceLine.filter(review_item_id__in=ids).using_db(uow.conn).delete()
    await PendingReviewItem.filter(id__in=ids).using_db(uow.conn).update(invoice_id=None)
    await refresh_total(uow, [i.invoice_id for i in on_draft if i.invoice_id is not None])
    for item in on_draft:
        item.invoice_id = None


async def drop_missions_from_drafts(uow: UnitOfWork, mission_ids: Sequence[int]) -> None:
    """Take completed missions that were just cancelled off the draft invoices billing them.

    A cancelled mission is billed (or not) by its cancellation's decision, through Pending
    Review; leaving its MISSION line on a draft would bill it a second time when issued.
    """
    if not mission_ids:
        return
    lines = await InvoiceLine.filter(
        mission_id__in=list(mission_ids),
        kind=LINE_MISSION,
        invoice__status=InvoiceStatus.DRAFT,
        invoice__agency_id=uow.scope.agency_id,
    ).using_db(uow.conn)
    if not lines:
        return
    await InvoiceLine.filter(id__in=[line.id for line in lines]).using_db(uow.conn).delete()
    await refresh_total(uow, [line.invoice_id for line in lines])


async def lock_open_review_items(uow: UnitOfWork, cancellation_id: int) -> list[PendingReviewItem]:
    """The cancellation's Pending Review items not billed or withdrawn, row-locked.

    Locked the way issueInvoice takes them (the draft invoice they are on, then the items),
    and read again under the lock: when a concurrent createInvoice put one on a draft in
    between, the caller gets CONFLICT and nothing changes (a retry then sees the draft).
    """
    open_items = PendingReviewItem.filter(
        agency_id=uow.scope.agency_id,
        cancellation_id=cancellation_id,
        withdrawn_at__isnull=True,
        invoiced_at__isnull=True,
    )
    seen = await open_items.using_db(uow.conn)
    drafts = sorted({i.invoice_id for i in seen if i.invoice_id is not None})
    if drafts:
        await (
            Invoice.filter(id__in=drafts)
            .select_for_update(no_key=True)
            .order_by("id")
            .using_db(uow.conn)
        )
    items = list(await open_items.select_for_update(no_key=True).order_by("id").using_db(uow.conn))
    if any(i.invoice_id is not None and i.invoice_id not in drafts for i in items):
        raise DomainError(
            ErrorCode.CONFLICT,
            "An invoice was being prepared for this cancellation at the same moment; "
            "reload and try again.",
        )
    return items


async def create_invoice(scope: Scope, clock: Clock, *, customer_id: int) -> Invoice:
    """A DRAFT for the customer: completed missions not yet billed, and its Pending Review
    items not waived, withdrawn or billed. INVALID when there is nothing to bill."""

    async def work(uow: UnitOfWork) -> int:
        field = ("customerId",)
        customer = await uow.scope.query(Customer).filter(id=customer_id).using_db(uow.conn).first()
        if customer is None:
            raise not_found(Customer, field)
        # Lines already on any invoice (draft or issued) are not billed twice.
        billed = InvoiceLine.filter(mission_id__not_isnull=True, kind=LINE_MISSION)
        billed_ids = set(await billed.using_db(uow.conn).values_list("mission_id", flat=True))
        missions = [
            m
            for m in await uow.scope.query(Mission)
            .filter(
                order__customer_id=customer.id,
                status=MissionStatus.COMPLETED,
                invoiced_at__isnull=True,
            )
            .select_for_update(no_key=True)
            .order_by("id")  # the one lock order of missions (see lifecycle.lock_missions)
            .using_db(uow.conn)
            if m.id not in billed_ids
        ]
        missions.sort(key=lambda m: (m.pickup_at, m.id))
        items = list(
            await uow.scope.query(PendingReviewItem)
            .filter(
                customer_id=customer.id,
                waived=False,
                withdrawn_at__isnull=True,
                invoiced_at__isnull=True,
                invoice_id__isnull=True,
            )
            .select_for_update(no_key=True)
            .order_by("created_at", "id")
            .using_db(uow.conn)
        )
        if not missions and not items:
            raise DomainError(
                ErrorCode.INVALID, "This customer has nothing to invoice.", field=field
            )
        currency = missions[0].policy_currency if missions else items[0].currency
        invoice = await Invoice.create(
            agency_id=scope.agency_id,
            customer_id=customer.id,
            currency=currency,
            created_at=uow.now,
            using_db=uow.conn,
        )
        reasons = await _reason_labels(uow, items)
        lines = [
            InvoiceLine(
                invoice_id=invoice.id,
                kind=LINE_MISSION,
                description=f"Mission of {m.pickup_at:%Y-%m-%d %H:%M} UTC",
                amount=completed_mission_charge(
                    policy_snapshot(m), m.pickup_at, m.estimated_end_at
                ),
                mission_id=m.id,
            )
            for m in missions
        ] + [
            InvoiceLine(
                invoice_id=invoice.id,
                kind=i.kind.value,
                description=_item_description(i, reasons),
                amount=i.charge,
                mission_id=i.mission_id,
                review_item_id=i.id,
            )
            for i in items
        ]
        await InvoiceLine.bulk_create(lines, using_db=uow.conn)
        if items:
            await (
                PendingReviewItem.filter(id__in=[i.id for i in items])
                .using_db(uow.conn)
                .update(invoice_id=invoice.id)
            )
        total = sum((line.amount for line in lines), ZERO)
        await Invoice.filter(id=invoice.id).using_db(uow.conn).update(total=total)
        uow.record(
            ev.INVOICE_CREATED,
            invoiceId=invoice.id,
            customerId=customer.id,
            total=total,
            lines=len(lines),
        )
        return invoice.id

    invoice_id = await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)


async def _reason_labels(uow: UnitOfWork, items: Sequence[PendingReviewItem]) -> dict[int, str]:
    ids = [i.cancellation_id for i in items if i.cancellation_id is not None]
    if not ids:
        return {}
    rows = (
        await Cancellation.filter(id__in=ids).using_db(uow.conn).values_list("id", "reason_label")
    )
    return {int(i): str(label) for i, label in rows}


def _item_description(item: PendingReviewItem, reasons: dict[int, str]) -> str:
    if item.kind == ReviewKind.NO_SHOW_FEE:
        return "No-show fee"
    label = reasons.get(item.cancellation_id or 0, "")
    return f"Late cancellation ({label})" if label else "Late cancellation"


async def draft_for_order(uow: UnitOfWork, order: Order) -> Invoice | None:
    """The customer's DRAFT invoice that bills a mission of this order, if any (locked)."""
    mission_ids = (
        await Mission.filter(order_id=order.id).using_db(uow.conn).values_list("id", flat=True)
    )
    invoice_ids = (
        await InvoiceLine.filter(mission_id__in=list(mission_ids) or [0])
        .using_db(uow.conn)
        .values_list("invoice_id", flat=True)
    )
    if not invoice_ids:
        return None
    return await (
        uow.scope.query(Invoice)
        .filter(
            id__in=list(set(invoice_ids)),
            status=InvoiceStatus.DRAFT,
            customer_id=order.customer_id,
        )
        .select_for_update(no_key=True)
        .order_by("-id")
        .using_db(uow.conn)
        .first()
    )


async def add_line(uow: UnitOfWork, invoice: Invoice, **fields: Any) -> InvoiceLine:
    """Add a line to a draft and recompute its total."""
    line = await InvoiceLine.create(invoice_id=invoice.id, using_db=uow.conn, **fields)
    await refresh_total(uow, [invoice.id])
    return line
