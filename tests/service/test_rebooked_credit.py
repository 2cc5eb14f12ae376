"""Rebooked slot credit (issue 15): when the agency fills a cancelled mission's freed slot
with another mission of the same driver, the policy's credit is offered on the Pending
Review item; the operator confirms it, and the draft bills the charge less the credit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.agency import Role
from models.billing import Invoice, PendingReviewItem
from models.domain.errors import DomainError, ErrorCode
from models.domain.tiers import NoticeUnit, Tier
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.rebooked_credit import confirm_rebooked_credit
from resolvers.invoicing import create_invoice
from resolvers.policies import PolicyDetails, save_policy
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, make_world, request, snapshot

D = Decimal
TIERS = (Tier(24 * 60, NoticeUnit.CALENDAR, D(100)),)


async def _cancelled(clock, percent="50"):  # type: ignore[no-untyped-def]
    # a 2-hour job 12 h ahead with Dana, cancelled: 120.00 in Pending Review and on a draft
    world = await make_world(clock)
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    details = PolicyDetails("Standard", TIERS, is_default=True, rebooked_credit_percent=D(percent))
    await save_policy(admin, clock, None, details)
    _, (mission,) = await book(world)
    await assign(world, mission)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    return world, mission, draft


async def test_the_same_driver_refilling_the_slot_offers_then_applies_the_credit(db, clock):
    # given
    world, cancelled, draft = await _cancelled(clock)

    # when the agency books another job in that slot and gives it to the same driver
    _, (refill,) = await book(world)
    await assign(world, refill)

    # then the credit is offered, not applied
    item = await PendingReviewItem.get(mission_id=cancelled.id)
    assert (item.rebooked_credit, item.rebooked_mission_id, item.charge) == (
        D("60.00"),
        refill.id,
        D("120.00"),
    )
    assert (await Invoice.get(id=draft.id)).total == D("120.00")

    # when the operator confirms it
    confirmed = await confirm_rebooked_credit(world.scope, clock, item_id=item.id)

    # then the item and the draft bill the charge less the credit
    assert confirmed.charge == D("60.00") and confirmed.rebooked_credit_confirmed_at is not None
    assert (await Invoice.get(id=draft.id)).total == D("60.00")

    # and confirming twice is refused, changing nothing
    before = await snapshot(world.agency.id)
    with pytest.raises(DomainError) as refused:
        await confirm_rebooked_credit(world.scope, clock, item_id=item.id)
    assert refused.value.code is ErrorCode.INVALID
    assert await snapshot(world.agency.id) == before


@pytest.mark.parametrize(
    ("percent", "same_driver"),
    [
        pytest.param("50", False, id="another-driver"),
        pytest.param("0", True, id="policy-offers-none"),
    ],
)
async def test_no_credit_is_offered(db, clock, percent, same_driver):
    # given
    world, cancelled, _ = await _cancelled(clock, percent)

    # when
    _, (refill,) = await book(world)
    await assign(world, refill, None if same_driver else world.driver2)

    # then
    item = await PendingReviewItem.get(mission_id=cancelled.id)
    assert (item.rebooked_credit, item.rebooked_mission_id) == (None, None)
    with pytest.raises(DomainError) as refused:
        await confirm_rebooked_credit(world.scope, clock, item_id=item.id)
    assert refused.value.code is ErrorCode.INVALID
