"""Invoices, as far as cancellations need them (SPEC §9): draft, issue, credit note.

Issued numbers are gapless per agency: allocated with `UPDATE agency … RETURNING`
inside the issuing transaction, so the row lock orders concurrent issuers and a
rolled-back issue gives its number back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from models.billing import (
    CreditNote,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PendingReviewItem,
    ReviewKind,
)
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.billing import ZERO, completed_mission_charge
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.orders import Mission, Order
from models.people import Customer
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.lifecycle import lock_missions, policy_snapshot
from resolvers.paging import Key, keyset_page
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command

LINE_MISSION = "MISSION"
LINE_NO_SHOW_FEE = ReviewKind.NO_SHOW_FEE.value


def invoice_number(seq: int) -> str:
    """The printed number of the agency's `seq`-th issued invoice."""
    return f"INV-{seq:06d}"


async def _locked_invoice(uow: UnitOfWork, invoice_id: int, field: tuple[str, ...]) -> Invoice:
    row = await (
        uow.scope.query(Invoice)
        .filter(id=invoice_id)
        .select_for_update(no_key=True)
        .using_db(uow.conn)
        .first()
    )
    if row is None:
        raise not_found(Invoice, field)
    return row


async def _refresh_total(uow: UnitOfWork, invoice_ids: Sequence[int]) -> None:
    for invoice_id in set(invoice_ids):
        amounts = (
            await InvoiceLine.filter(invoice_id=invoice_id)
            .using_db(uow.conn)
            .values_list("amount", flat=True)
        )
        total = sum((Decimal(a) for a in amounts), ZERO)
        await Invoice.filter(id=invoice_id).using_db(uow.conn).update(total=total)


async def detach_from_drafts(uow: UnitOfWork, items: Sequence[PendingReviewItem]) -> None:
    """Take review items off the draft invoices they are on (waived or withdrawn)."""
    on_draft = [i for i in items if i.invoice_id is not None and i.invoiced_at is None]
    if not on_draft:
        return
    ids = [i.id for i in on_draft]
    await InvoiceLine.filter(review_item_id__in=ids).using_db(uow.conn).delete()
    await PendingReviewItem.filter(id__in=ids).using_db(uow.conn).update(invoice_id=None)
    await _refresh_total(uow, [i.invoice_id for i in on_draft if i.invoice_id is not None])
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
    await _refresh_total(uow, [line.invoice_id for line in lines])


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


async def issue_invoice(scope: Scope, clock: Clock, *, invoice_id: int) -> Invoice:
    """Number a DRAFT and make it ISSUED; what it bills counts as invoiced from now on."""

    async def work(uow: UnitOfWork) -> None:
        invoice = await _locked_invoice(uow, invoice_id, ("invoiceId",))
        if invoice.status != InvoiceStatus.DRAFT:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"Invoice {invoice.number} is already issued.",
                field=("invoiceId",),
            )
        now = uow.now
        lines = (
            await InvoiceLine.filter(invoice_id=invoice.id)
            .using_db(uow.conn)
            .values_list("kind", "mission_id", "review_item_id")
        )
        by_kind: dict[str, list[int]] = defaultdict(list)
        for kind, mission_id, item_id in lines:
            if kind == LINE_MISSION and mission_id is not None:
                by_kind["missions"].append(mission_id)
            if item_id is not None:
                by_kind["items"].append(item_id)
        if by_kind["missions"]:
            # Missions are locked in id order before anything else, as every command does:
            # a cancellation of one of them either waits for this or is waited for.
            await lock_missions(uow, by_kind["missions"])
            await (
                Mission.filter(id__in=by_kind["missions"])
                .using_db(uow.conn)
                .update(invoiced_at=now)
            )
        if by_kind["items"]:
            await (
                PendingReviewItem.filter(id__in=by_kind["items"])
                .using_db(uow.conn)
                .update(invoiced_at=now)
            )
            cancellation_ids = (
                await PendingReviewItem.filter(
                    id__in=by_kind["items"], cancellation_id__not_isnull=True
                )
                .using_db(uow.conn)
                .values_list("cancellation_id", flat=True)
            )
            if cancellation_ids:
                await (
                    Cancellation.filter(id__in=list(cancellation_ids))
                    .using_db(uow.conn)
                    .update(invoiced_at=now)
                )
        # The number last: the agency row is the last lock taken, like the event cursor.
        number = invoice_number(await _next_invoice_seq(uow))
        await (
            Invoice.filter(id=invoice.id)
            .using_db(uow.conn)
            .update(number=number, status=InvoiceStatus.ISSUED, issued_at=now)
        )
        order_ids = {
            m.order_id
            for m in await Mission.filter(id__in=by_kind["missions"] or [0])
            .only("id", "order_id")
            .using_db(uow.conn)
        }
        # One event per order billed, so each order's history shows it (else one, unlinked).
        targets: list[int | None] = [*sorted(order_ids)] or [None]
        for order_id in targets:
            uow.record(
                ev.INVOICE_ISSUED,
                order_id=order_id,
                invoiceId=invoice.id,
                number=number,
                total=invoice.total,
            )

    await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)


async def _next_invoice_seq(uow: UnitOfWork) -> int:
    if uow.dialect == "sqlite":
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = ? RETURNING invoice_seq"
    else:
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = $1 RETURNING invoice_seq"
    rows = await uow.conn.execute_query_dict(sql, [uow.scope.agency_id])
    return int(rows[0]["invoice_seq"])


async def create_credit_note(
    scope: Scope, clock: Clock, *, invoice_id: int, amount: Decimal, reason: str | None
) -> Invoice:
    """Record a credit note by hand against an ISSUED invoice (at most its open balance)."""

    async def work(uow: UnitOfWork) -> None:
        invoice = await _locked_invoice(uow, invoice_id, ("invoiceId",))
        value = v.money(amount, ("amount",), "The credit note amount", allow_zero=False)
        text = v.require_text(reason, ("reason",), "The reason for the credit note", 500)
        if invoice.status != InvoiceStatus.ISSUED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                "A credit note can only be recorded against an issued invoice.",
                field=("invoiceId",),
            )
        credited = (
            await CreditNote.filter(invoice_id=invoice.id)
            .using_db(uow.conn)
            .values_list("amount", flat=True)
        )
        if sum((Decimal(c) for c in credited), ZERO) + value > invoice.total:
            raise DomainError(
                ErrorCode.INVALID,
                "Credit notes cannot exceed the invoice total.",
                field=("amount",),
            )
        note = await CreditNote.create(
            invoice_id=invoice.id,
            amount=value,
            reason=text,
            created_at=uow.now,
            created_by_id=scope.user_id,
            using_db=uow.conn,
        )
        uow.record(
            ev.CREDIT_NOTE_CREATED,
            invoiceId=invoice.id,
            creditNoteId=note.id,
            amount=value,
            reason=text,
        )

    await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)


async def list_invoices(scope: Scope, *, first: int | None, after: int | None) -> list[Invoice]:
    """The agency's invoices, newest first; `after` is the id of the last one seen."""
    qs = scope.query(Invoice)
    if after is not None:
        qs = qs.filter(id__lt=after)
    page = await keyset_page(qs, first=first, after=None, keys=[Key("id", descending=True)])
    return page.rows


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
    await _refresh_total(uow, [invoice.id])
    return line
