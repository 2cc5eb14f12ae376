"""A draft invoice bills what the customer has to pay at every moment (SPEC §3, §6, §9).

Each test changes what is billed while a draft exists, then issues it, and checks the
lines an accountant would see. Amounts are worked out here from the test's bookings
(the customer pays 60.00 an hour, at least 60 minutes), not by the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.cancellation.waiver import set_cancellation_waiver
from resolvers.invoicing import create_invoice, issue_invoice
from tests.service.cancel_helpers import book, force_status, make_world, request, snapshot

ONE_HOUR = Decimal("60.00")  # a 1 h booking at 60.00/h
TWO_HOURS = Decimal("120.00")


async def _lines(invoice_id: int) -> list[tuple[str, Decimal]]:
    rows = await InvoiceLine.filter(invoice_id=invoice_id).order_by("id")
    return [(row.kind, Decimal(row.amount)) for row in rows]


async def test_a_waiver_switched_on_and_off_on_a_draft_is_billed_again(db, clock):
    # given two billable cancellations of 60.00 each on the customer's draft (120.00)
    world = await make_world(clock)
    _, (m1, m2) = await book(world, 2, hours=1)
    (c1,) = (
        await cancel_mission(world.scope, clock, mission_id=m1.id, request=request())
    ).cancellations
    (c2,) = (
        await cancel_mission(world.scope, clock, mission_id=m2.id, request=request())
    ).cancellations
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert draft.total == ONE_HOUR + ONE_HOUR

    # when the first is waived then billed again, and the second waived
    await set_cancellation_waiver(world.scope, clock, cancellation_id=c1.id, waived=True)
    await set_cancellation_waiver(world.scope, clock, cancellation_id=c1.id, waived=False)
    await set_cancellation_waiver(world.scope, clock, cancellation_id=c2.id, waived=True)
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)

    # then the issued invoice bills the first cancellation, once
    assert issued.status == InvoiceStatus.ISSUED
    assert await _lines(draft.id) == [("CANCELLATION", ONE_HOUR)]
    assert issued.total == ONE_HOUR
    item = await PendingReviewItem.get(cancellation_id=c1.id)
    assert item.invoice_id == draft.id and item.invoiced_at == clock.now()


async def test_cancelling_a_completed_mission_on_a_draft_swaps_its_line(db, clock):
    # given a completed 2 h mission (120.00) and a completed 1 h one (60.00) on a draft
    world = await make_world(clock)
    _, (late, other) = await book(world, 2)
    await force_status(late, MissionStatus.COMPLETED)
    await force_status(other, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert draft.total == TWO_HOURS + TWO_HOURS

    # when one is cancelled as a closeout correction (inside the window: billable, 120.00)
    await cancel_mission(world.scope, clock, mission_id=late.id, request=request())

    # then the draft bills it as a cancellation instead of as completed, and only once
    assert await _lines(draft.id) == [("MISSION", TWO_HOURS), ("CANCELLATION", TWO_HOURS)]
    assert (await Invoice.get(id=draft.id)).total == TWO_HOURS + TWO_HOURS
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)
    assert issued.total == TWO_HOURS + TWO_HOURS
    billed = await InvoiceLine.filter(mission_id=late.id).values_list("kind", flat=True)
    assert billed == ["CANCELLATION"]


async def test_cancelling_a_completed_mission_outside_the_window_bills_nothing(db, clock):
    # given a completed mission next week on a draft, with another one billed beside it
    from tests.service.cancel_helpers import NEXT_WEEK

    world = await make_world(clock)
    _, (far,) = await book(world, start=NEXT_WEEK)
    _, (near,) = await book(world, hours=1)
    await force_status(far, MissionStatus.COMPLETED)
    await force_status(near, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the far one is cancelled, a week ahead of its start (not billable)
    await cancel_mission(world.scope, clock, mission_id=far.id, request=request())

    # then the draft no longer bills it at all
    assert await _lines(draft.id) == [("MISSION", ONE_HOUR)]
    assert (await Invoice.get(id=draft.id)).total == ONE_HOUR


async def test_uncancelled_then_cancelled_again_while_on_a_draft(db, clock):
    # given a billable cancellation on the customer's draft
    world = await make_world(clock)
    _, (mission,) = await book(world, hours=1)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the mission is reopened: the draft bills nothing any more
    await uncancel_mission(world.scope, clock, mission_id=mission.id)
    assert await _lines(draft.id) == []
    assert (await Invoice.get(id=draft.id)).total == Decimal("0.00")

    # and when it is cancelled again: the new cancellation is on the draft
    (again,) = (
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    ).cancellations
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)

    # then the invoice bills it once, through the cancellation in force
    assert await _lines(draft.id) == [("CANCELLATION", ONE_HOUR)]
    assert issued.total == ONE_HOUR
    item = await PendingReviewItem.get(cancellation_id=again.id)
    assert item.invoiced_at == clock.now()


async def test_a_billable_cancellation_after_the_draft_was_made_joins_it(db, clock):
    # given a draft for one completed mission
    world = await make_world(clock)
    _, (done,) = await book(world, hours=1)
    await force_status(done, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when another order of the customer is cancelled late (billable, 120.00)
    _, (late,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=late.id, request=request())

    # then the draft bills both
    assert await _lines(draft.id) == [("MISSION", ONE_HOUR), ("CANCELLATION", TWO_HOURS)]
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)
    assert issued.total == ONE_HOUR + TWO_HOURS


async def test_a_draft_with_nothing_to_bill_is_not_issued_and_takes_no_number(db, clock):
    # given a draft whose only cancellation was waived
    world = await make_world(clock)
    _, (mission,) = await book(world, hours=1)
    (c,) = (
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    ).cancellations
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    await set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=True)
    before = await snapshot(world.agency.id)

    # when it is issued
    with pytest.raises(DomainError) as refused:
        await issue_invoice(world.scope, clock, invoice_id=draft.id)

    # then it is refused, nothing changed, and the next invoice issued takes INV-000001
    assert refused.value.code is ErrorCode.INVALID
    assert refused.value.errors[0].field == ("invoiceId",)
    assert "nothing to bill" in refused.value.errors[0].message
    assert await snapshot(world.agency.id) == before
    await set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=False)
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)
    assert issued.number == "INV-000001" and issued.total == ONE_HOUR
