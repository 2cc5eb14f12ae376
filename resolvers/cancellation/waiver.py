"""`setCancellationWaiver`: switch billing of a billable cancellation off or on (SPEC §3)."""

from __future__ import annotations

from typing import Any

from models.billing import PendingReviewItem
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from resolvers import validation as v
from resolvers.cancellation.effects import review_item
from resolvers.cancellation.inputs import NOTE, get_row
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import lock_missions
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

CANCELLATION_ID = ("input", "cancellationId")


def waiver_columns(uow: UnitOfWork, waived: bool, note: str | None) -> dict[str, Any]:
    """The waiver columns a waived (or billed again) cancellation or late reschedule gets:
    who waived it, when and why, all cleared when it is billed again."""
    return {
        "waived": waived,
        "waived_by_id": uow.scope.user_id if waived else None,
        "waived_at": uow.now if waived else None,
        "waiver_note": note if waived else None,
    }


async def set_cancellation_waiver(
    scope: Scope, clock: Clock, *, cancellation_id: int, waived: bool, note: str | None = None
) -> Cancellation:
    """Waive or bill a billable cancellation until the invoice billing it is issued.

    NOT_BILLABLE when the policy did not make it billable; ALREADY_INVOICED once
    issued; INVALID_TRANSITION when it was reverted. Waiving takes its line off the
    customer's draft invoice; un-waiving puts it (back) into Pending Review and on the
    draft, if there is one.
    """

    async def work(uow: UnitOfWork) -> None:
        text = v.optional_text(note, NOTE, "The note")
        row = await get_row(uow, Cancellation, cancellation_id, CANCELLATION_ID)
        # Its mission first, as every command that changes what a mission bills (and
        # createInvoice, issueInvoice) locks it: an invoice being made waits, or is waited for.
        await lock_missions(uow, [row.mission_id])
        cancellation = await (
            Cancellation.filter(id=row.id).select_for_update(no_key=True).using_db(uow.conn).first()
        )
        assert cancellation is not None
        if not cancellation.billable:
            raise DomainError(
                ErrorCode.NOT_BILLABLE,
                "This cancellation is not billable: there is nothing to waive.",
                field=CANCELLATION_ID,
            )
        if cancellation.invoiced_at is not None:
            raise DomainError(
                ErrorCode.ALREADY_INVOICED,
                "This cancellation is on an issued invoice: its waiver can no longer change.",
                field=CANCELLATION_ID,
            )
        if cancellation.reverted_at is not None:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                "This cancellation was reverted: there is nothing to bill or waive.",
                field=CANCELLATION_ID,
            )
        if cancellation.waived == waived:
            return
        now = uow.now
        await (
            Cancellation.filter(id=cancellation.id)
            .using_db(uow.conn)
            .update(**waiver_columns(uow, waived, text))
        )
        item = await (
            PendingReviewItem.filter(
                cancellation_id=cancellation.id, withdrawn_at__isnull=True, invoiced_at__isnull=True
            )
            .using_db(uow.conn)
            .first()
        )
        if item is None and not waived:
            cancellation.waived = False
            await PendingReviewItem.bulk_create([review_item(cancellation, now)], using_db=uow.conn)
        elif item is not None:
            await PendingReviewItem.filter(id=item.id).using_db(uow.conn).update(waived=waived)
        await refresh_drafts(uow, cancellation.customer_id, [cancellation.mission_id])
        uow.record(
            ev.CANCELLATION_WAIVER_CHANGED,
            order_id=cancellation.order_id,
            mission_id=cancellation.mission_id,
            cancellation_id=cancellation.id,
            waived=waived,
            note=text,
            charge=cancellation.charge,
        )

    await run_command(scope, clock, work)
    return await scope.get(Cancellation, cancellation_id)
