"""Every path that changes what a customer owes keeps its draft invoice in step (SPEC §9).

The customer pays 60.00 an hour with a 60-minute minimum: a 2 h booking is 120.00, a
1 h booking 60.00; the no-show fee is 35.50. Each test starts from a draft billing one
completed 1 h mission (60.00) and changes something through one path.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.agency import Role
from models.billing import Invoice, InvoiceLine, PendingReviewItem
from models.domain.cascade import SeriesScope
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.cancellation.no_show_fee import resolve_no_show_fee
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from resolvers.driver_app import accept_mission, complete_mission, start_mission
from resolvers.invoicing import create_invoice, issue_invoice
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import (
    assign,
    book,
    book_series,
    force_status,
    make_world,
    request,
    snapshot,
)

S = MissionStatus
FEE = Decimal("35.50")


async def _world_with_draft(clock):
    world = await make_world(clock, no_show_fee=FEE)
    _, (done,) = await book(world, hours=1)
    await force_status(done, S.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert draft.total == Decimal("60.00")
    return world, draft


async def _billed(draft: Invoice) -> tuple[list[tuple[str, Decimal]], Decimal]:
    rows = await InvoiceLine.filter(invoice_id=draft.id).order_by("id")
    return [(r.kind, Decimal(r.amount)) for r in rows], (await Invoice.get(id=draft.id)).total


async def test_a_mission_completed_through_the_status_update_joins_the_draft(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await force_status(mission, S.IN_PROGRESS)

    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.COMPLETED)

    assert await _billed(draft) == (
        [("MISSION", Decimal("60.00")), ("MISSION", Decimal("120.00"))],
        Decimal("180.00"),
    )


async def test_a_mission_completed_in_the_driver_app_joins_the_draft(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    app = scope_of(await make_user(world.agency, Role.DRIVER, driver=world.driver))
    await accept_mission(app, clock, mission.id)
    await start_mission(app, clock, mission.id)

    await complete_mission(app, clock, mission.id)

    assert (await _billed(draft))[1] == Decimal("180.00")


async def test_a_no_show_fee_of_another_order_goes_on_the_customers_draft(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    await force_status(mission, S.IN_PROGRESS)
    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="ADD")

    assert await _billed(draft) == (
        [("MISSION", Decimal("60.00")), ("NO_SHOW_FEE", FEE)],
        Decimal("95.50"),
    )
    (item,) = await PendingReviewItem.filter(mission_id=mission.id)
    assert item.invoice_id == draft.id


async def test_a_waived_no_show_fee_bills_nothing(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await force_status(mission, S.IN_PROGRESS)
    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    await resolve_no_show_fee(
        world.scope, clock, mission_id=mission.id, decision="WAIVE", note="First time"
    )

    assert (await _billed(draft))[1] == Decimal("60.00")


async def test_an_order_cancelled_late_puts_each_cancellation_on_the_draft(db, clock):
    world, draft = await _world_with_draft(clock)
    order, _ = await book(world, 2)  # 20:00 and 23:00 today: both inside the 24 h window

    await cancel_order(world.scope, clock, order_id=order.id, request=request())

    lines, total = await _billed(draft)
    assert sorted(lines) == [
        ("CANCELLATION", Decimal("120.00")),
        ("CANCELLATION", Decimal("120.00")),
        ("MISSION", Decimal("60.00")),
    ]
    assert total == Decimal("300.00")


async def test_a_series_cancelled_bills_only_the_occurrence_inside_the_window(db, clock):
    # given weekly occurrences: only the first starts inside the 24 h window
    world, draft = await _world_with_draft(clock)
    _, occurrences = await book_series(world, "FREQ=WEEKLY;COUNT=3")

    await cancel_mission(
        world.scope,
        clock,
        mission_id=occurrences[0].id,
        request=request(),
        series_scope=SeriesScope.WHOLE_SERIES,
    )

    lines, total = await _billed(draft)
    assert lines == [("MISSION", Decimal("60.00")), ("CANCELLATION", Decimal("120.00"))]
    assert total == Decimal("180.00")


async def test_the_edit_form_cancelling_a_completed_mission_swaps_its_line(db, clock):
    world, draft = await _world_with_draft(clock)
    (done,) = await InvoiceLine.filter(invoice_id=draft.id).values_list("mission_id", flat=True)

    await update_mission(
        world.scope,
        clock,
        mission_id=done,
        edit=MissionEdit(status=S.CANCELLED, cancel=request()),
    )

    assert await _billed(draft) == ([("CANCELLATION", Decimal("60.00"))], Decimal("60.00"))


async def test_reopening_through_the_status_update_takes_the_line_off(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    assert (await _billed(draft))[1] == Decimal("180.00")

    await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.PENDING_ASSIGNMENT
    )

    assert await _billed(draft) == ([("MISSION", Decimal("60.00"))], Decimal("60.00"))


async def test_a_second_draft_for_the_customer_is_refused(db, clock):
    world, draft = await _world_with_draft(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await create_invoice(world.scope, clock, customer_id=world.customer.id)

    assert refused.value.code is ErrorCode.INVALID
    assert "already has a draft" in refused.value.errors[0].message
    assert await snapshot(world.agency.id) == before
    assert (await _billed(draft))[1] == Decimal("180.00")


async def test_issuing_bills_what_is_owed_even_when_the_draft_was_out_of_step(db, clock):
    # given a draft whose line was lost (as drafts made before this rule could be)
    world, draft = await _world_with_draft(clock)
    await InvoiceLine.filter(invoice_id=draft.id).delete()
    await Invoice.filter(id=draft.id).update(total=Decimal("0.00"))

    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)

    assert await _billed(draft) == ([("MISSION", Decimal("60.00"))], Decimal("60.00"))
    assert issued.total == Decimal("60.00")


async def test_numbers_stay_gapless_around_a_refused_empty_draft(db, clock):
    # given one invoice issued, and a second customer's draft whose only line was taken off
    world, draft = await _world_with_draft(clock)
    first = await issue_invoice(world.scope, clock, invoice_id=draft.id)
    from tests.factories import make_customer

    other = await make_customer(world.agency, "Initech")
    _, (late,) = await book(world, customer=other)
    await cancel_mission(world.scope, clock, mission_id=late.id, request=request())
    empty = await create_invoice(world.scope, clock, customer_id=other.id)
    await update_mission_status(world.scope, clock, mission_id=late.id, status=S.PENDING_ASSIGNMENT)

    # when the empty draft is issued, then a real one
    with pytest.raises(DomainError) as refused:
        await issue_invoice(world.scope, clock, invoice_id=empty.id)
    _, (done,) = await book(world, customer=other)
    await force_status(done, S.IN_PROGRESS)
    await update_mission_status(world.scope, clock, mission_id=done.id, status=S.COMPLETED)
    second = await issue_invoice(world.scope, clock, invoice_id=empty.id)

    # then the refusal took no number: the next invoice is the very next one
    assert refused.value.code is ErrorCode.INVALID
    assert (first.number, second.number) == ("INV-000001", "INV-000002")
    assert second.total == Decimal("120.00")
