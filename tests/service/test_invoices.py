"""Invoices and the money path of a billable cancellation (SPEC §3, §9)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem
from models.cancellations import Cancellation
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.orders import Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.waiver import set_cancellation_waiver
from resolvers.invoicing import create_credit_note, create_invoice, issue_invoice
from tests.service.cancel_helpers import (
    NEXT_WEEK,
    book,
    force_status,
    make_world,
    request,
    snapshot,
)


async def test_money_path_review_waive_unwaive_invoice(db, clock):
    # given a completed mission (1 h 30 -> 90 min at 60.00/h = 90.00) and a billable
    # cancellation of 2 h (120.00) for the same customer
    world = await make_world(clock)
    _, (done, cancelled) = await book(world, 2)
    await Mission.filter(id=done.id).update(estimated_end_at=done.pickup_at + timedelta(minutes=90))
    await force_status(done, MissionStatus.COMPLETED)
    outcome = await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    c = outcome.cancellations[0]
    item = await PendingReviewItem.get(cancellation_id=c.id)
    assert item.charge == Decimal("120.00")

    # when the waiver is switched on then off
    waived = await set_cancellation_waiver(
        world.scope, clock, cancellation_id=c.id, waived=True, note="Goodwill"
    )
    assert waived.waived and waived.waiver_note == "Goodwill"
    assert (await PendingReviewItem.get(id=item.id)).waived
    unwaived = await set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=False)
    assert not unwaived.waived and not (await PendingReviewItem.get(id=item.id)).waived

    # and the customer is invoiced
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by("id")
    assert [(line.kind, line.amount) for line in lines] == [
        ("MISSION", Decimal("90.00")),
        ("CANCELLATION", Decimal("120.00")),
    ]
    assert invoice.status == InvoiceStatus.DRAFT and invoice.total == Decimal("210.00")
    issued = await issue_invoice(world.scope, clock, invoice_id=invoice.id)

    # then it is numbered, and what it bills counts as invoiced
    assert issued.status == InvoiceStatus.ISSUED and issued.number == "INV-000001"
    assert (await Mission.get(id=done.id)).invoiced_at == clock.now()
    assert (await Cancellation.get(id=c.id)).invoiced_at == clock.now()
    assert (await PendingReviewItem.get(id=item.id)).invoiced_at == clock.now()
    before = await snapshot(world.agency.id)
    with pytest.raises(DomainError) as refused:
        await set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=True)
    assert refused.value.code is ErrorCode.ALREADY_INVOICED
    assert await snapshot(world.agency.id) == before


async def test_waived_item_is_not_invoiced_and_waiving_takes_it_off_a_draft(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    c = outcome.cancellations[0]
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert invoice.total == Decimal("120.00")

    await set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=True)

    await invoice.refresh_from_db()
    assert invoice.total == Decimal("0.00")
    assert await InvoiceLine.filter(invoice_id=invoice.id).count() == 0


async def test_waiver_of_a_non_billable_cancellation_is_refused(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world, start=NEXT_WEEK)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await set_cancellation_waiver(
            world.scope, clock, cancellation_id=outcome.cancellations[0].id, waived=True
        )

    assert refused.value.code is ErrorCode.NOT_BILLABLE
    assert await snapshot(world.agency.id) == before


async def test_unwaiving_a_cancellation_waived_at_cancel_time_puts_it_in_review(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    outcome = await cancel_mission(
        world.scope, clock, mission_id=mission.id, request=request(waive_billing=True)
    )
    assert await PendingReviewItem.all().count() == 0

    await set_cancellation_waiver(
        world.scope, clock, cancellation_id=outcome.cancellations[0].id, waived=False
    )

    item = await PendingReviewItem.get(cancellation_id=outcome.cancellations[0].id)
    assert item.charge == Decimal("120.00") and not item.waived


async def test_nothing_to_invoice_and_issue_twice_are_refused(db, clock):
    world = await make_world(clock)
    before = await snapshot(world.agency.id)
    with pytest.raises(DomainError) as nothing:
        await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert nothing.value.code is ErrorCode.INVALID
    assert await snapshot(world.agency.id) == before

    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    await issue_invoice(world.scope, clock, invoice_id=invoice.id)
    before = await snapshot(world.agency.id)
    with pytest.raises(DomainError) as twice:
        await issue_invoice(world.scope, clock, invoice_id=invoice.id)
    assert twice.value.code is ErrorCode.INVALID_TRANSITION
    assert await snapshot(world.agency.id) == before


async def test_credit_note_only_on_issued_invoice_up_to_its_total(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    with pytest.raises(DomainError) as draft:
        await create_credit_note(
            world.scope, clock, invoice_id=invoice.id, amount=Decimal("10"), reason="x"
        )
    assert draft.value.code is ErrorCode.INVALID_TRANSITION
    await issue_invoice(world.scope, clock, invoice_id=invoice.id)

    await create_credit_note(
        world.scope, clock, invoice_id=invoice.id, amount=Decimal("20.50"), reason="Late"
    )
    with pytest.raises(DomainError) as too_much:
        await create_credit_note(
            world.scope, clock, invoice_id=invoice.id, amount=Decimal("99.51"), reason="More"
        )
    assert too_much.value.code is ErrorCode.INVALID


async def test_invoice_numbers_are_gapless_under_concurrency(db, clock, dialect):
    world = await make_world(clock)
    customers = []
    from tests.factories import make_customer

    for i in range(4):
        customer = await make_customer(world.agency, f"C{i}")
        _, (mission,) = await book(world, customer=customer)
        await force_status(mission, MissionStatus.COMPLETED)
        customers.append(customer)
    drafts = [await create_invoice(world.scope, clock, customer_id=c.id) for c in customers]

    await asyncio.gather(*[issue_invoice(world.scope, clock, invoice_id=d.id) for d in drafts])

    numbers = sorted(await Invoice.all().values_list("number", flat=True))
    assert numbers == ["INV-000001", "INV-000002", "INV-000003", "INV-000004"]


async def test_cancelling_a_completed_mission_on_a_draft_bills_it_once(db, clock):
    # given a completed 2 h mission (120.00) already on the customer's draft invoice
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert draft.total == Decimal("120.00")

    # when the operator cancels it before the draft is issued (a closeout correction)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then the draft no longer bills the mission as completed but through the cancellation's
    # own charge (its Pending Review item), once
    draft = await Invoice.get(id=draft.id)
    (item,) = await PendingReviewItem.filter(mission_id=mission.id)
    assert item.charge == Decimal("120.00") and item.invoice_id == draft.id
    billed = await InvoiceLine.filter(mission_id=mission.id).values_list("kind", "amount")
    assert [(kind, Decimal(a)) for kind, a in billed] == [("CANCELLATION", Decimal("120.00"))]
    assert draft.total == Decimal("120.00")


async def test_issuing_racing_a_cancellation_of_its_mission_never_deadlocks(db, clock, dialect):
    if dialect == "sqlite":
        pytest.skip("SQLite serialises writers: row locks are a PostgreSQL matter")
    # given a completed mission on a draft
    world = await make_world(clock)
    _, missions = await book(world, 3)
    for mission in missions:
        await force_status(mission, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the invoice is issued while one of its missions is being cancelled
    results = await asyncio.gather(
        issue_invoice(world.scope, clock, invoice_id=draft.id),
        cancel_mission(world.scope, clock, mission_id=missions[1].id, request=request()),
        return_exceptions=True,
    )

    # then one of two consistent outcomes, never a database error
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, DomainError)]
    assert unexpected == []
    cancelled = not isinstance(results[1], Exception)
    mission = await Mission.get(id=missions[1].id)
    if cancelled:  # cancelled first: the issued invoice bills it as a cancellation, not completed
        assert mission.status == MissionStatus.CANCELLED
        billed = InvoiceLine.filter(invoice_id=draft.id, mission_id=mission.id)
        assert await billed.values_list("kind", flat=True) == ["CANCELLATION"]
    else:  # issued first: the mission is invoiced and cancelling it was refused
        assert results[1].errors[0].code == ErrorCode.ALREADY_INVOICED
        assert mission.invoiced_at is not None
