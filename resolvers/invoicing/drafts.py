"""Draft invoices, and the one rule that keeps them billing what the customer owes.

`refresh_drafts` is called, inside the same transaction, by every command that changes
what a mission bills: a cancellation (of a completed mission, or a billable one), an
un-cancel, a waiver switched on or off, a completion, a no-show fee decided, and by
createInvoice and issueInvoice. For the missions it is given, it makes the customer's
drafts bill exactly what `owed` says: a line whose thing is no longer owed goes, a thing
newly owed goes on the customer's newest draft in its currency (or waits in Pending
Review when there is none), and what is on a draft stays there.

Lock order, for every command: missions (by id), then orders, then the customer's draft
invoices (by id), then the agency row (the invoice number, then the event cursors). The
caller of `refresh_drafts` holds its missions' locks: review items, cancellations and
lines are only written under their mission's lock, so they need no place of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.people import Customer
from resolvers.clock import Clock
from resolvers.invoicing.owed import Owed, billed_by, lock_customer_billing, owed
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command


@dataclass(frozen=True)
class DraftChange:
    """What `refresh_drafts` changed on one draft."""

    added: int
    total: Decimal


async def refresh_drafts(
    uow: UnitOfWork, customer_id: int, mission_ids: Iterable[int]
) -> dict[int, DraftChange]:
    """Make the customer's drafts bill what it owes for these missions (locked by the caller).

    Returns the drafts whose lines changed. One query when the customer has no draft;
    otherwise four reads and at most four writes (and one UPDATE per draft changed),
    whatever the number of missions.
    """
    ids = sorted(set(mission_ids))
    if not ids:
        return {}
    drafts = list(
        await uow.scope.query(Invoice)
        .filter(customer_id=customer_id, status=InvoiceStatus.DRAFT)
        .select_for_update(no_key=True)
        .order_by("id")
        .using_db(uow.conn)
    )
    if not drafts:
        return {}
    currency = {d.id: d.currency for d in drafts}
    total = {d.id: Decimal(d.total) for d in drafts}
    newest = {d.currency: d.id for d in drafts}  # by id: the last one of a currency wins
    wanted = {o.key: o for o in await owed(uow, customer_id, ids)}
    lines = await InvoiceLine.filter(invoice_id__in=list(currency), mission_id__in=ids).using_db(
        uow.conn
    )
    stale: list[InvoiceLine] = []
    kept: set[tuple[str, int]] = set()
    for line in sorted(lines, key=lambda line: line.id):
        key = billed_by(line.kind, line.mission_id, line.review_item_id)
        if key is None:
            continue
        want = wanted.get(key)
        if (
            want is None
            or key in kept  # billed twice: the later line goes
            or want.amount != Decimal(line.amount)
            or want.currency != currency[line.invoice_id]
        ):
            stale.append(line)
        else:
            kept.add(key)
    new = [o for key, o in wanted.items() if key not in kept and o.currency in newest]
    await _write(uow, stale, new, newest)
    added = Counter(newest[o.currency] for o in new)
    removed = {line.invoice_id for line in stale}
    for o in new:
        total[newest[o.currency]] += o.amount
    for line in stale:
        total[line.invoice_id] -= Decimal(line.amount)
    changed = {}
    for draft_id in sorted(added.keys() | removed):
        # Decimal arithmetic on the kept total (the sum of the lines), never SQL's SUM
        # (SQLite would add the amounts as floats).
        changed[draft_id] = DraftChange(added[draft_id], total[draft_id])
        await Invoice.filter(id=draft_id).using_db(uow.conn).update(total=total[draft_id])
    return changed


async def _write(
    uow: UnitOfWork, stale: list[InvoiceLine], new: list[Owed], newest: dict[str, int]
) -> None:
    """Delete the stale lines, add the new ones, and point each item at its draft."""
    if stale:
        await InvoiceLine.filter(id__in=[line.id for line in stale]).using_db(uow.conn).delete()
    moved = {o.review_item_id for o in new if o.review_item_id is not None}
    off = {line.review_item_id for line in stale if line.review_item_id is not None} - moved
    if off:
        await PendingReviewItem.filter(id__in=list(off)).using_db(uow.conn).update(invoice_id=None)
    if not new:
        return
    await InvoiceLine.bulk_create(
        [
            InvoiceLine(
                invoice_id=newest[o.currency],
                kind=o.kind,
                description=o.description,
                amount=o.amount,
                mission_id=o.mission_id,
                review_item_id=o.review_item_id,
            )
            for o in new
        ],
        using_db=uow.conn,
    )
    by_draft: dict[int, list[int]] = {}
    for o in new:
        if o.review_item_id is not None:
            by_draft.setdefault(newest[o.currency], []).append(o.review_item_id)
    for draft_id, item_ids in by_draft.items():
        await (
            PendingReviewItem.filter(id__in=item_ids).using_db(uow.conn).update(invoice_id=draft_id)
        )


async def create_invoice(scope: Scope, clock: Clock, *, customer_id: int) -> Invoice:
    """A DRAFT billing everything the customer owes (see `owed`), in step with every later
    change until issued. INVALID when there is nothing to bill, or when the customer
    already has a draft (which already bills everything)."""

    async def work(uow: UnitOfWork) -> int:
        field = ("customerId",)
        customer = await uow.scope.query(Customer).filter(id=customer_id).using_db(uow.conn).first()
        if customer is None:
            raise not_found(Customer, field)
        locked = await lock_customer_billing(uow, customer.id)
        existing = (
            uow.scope.query(Invoice)
            .filter(customer_id=customer.id, status=InvoiceStatus.DRAFT)
            .using_db(uow.conn)
        )
        if await existing.exists():
            raise DomainError(
                ErrorCode.INVALID,
                "This customer already has a draft invoice; it bills everything there is to "
                "invoice and follows every change until it is issued.",
                field=field,
            )
        billed = await owed(uow, customer.id, locked)
        if not billed:
            raise DomainError(
                ErrorCode.INVALID, "This customer has nothing to invoice.", field=field
            )
        invoice = await Invoice.create(
            agency_id=scope.agency_id,
            customer_id=customer.id,
            currency=billed[0].currency,
            created_at=uow.now,
            using_db=uow.conn,
        )
        made = (await refresh_drafts(uow, customer.id, locked))[invoice.id]
        uow.record(
            ev.INVOICE_CREATED,
            invoiceId=invoice.id,
            customerId=customer.id,
            total=made.total,
            lines=made.added,
        )
        return invoice.id

    invoice_id = await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)
