"""Late reschedules (issue 15): under a policy that bills changes, moving a mission's start
inside a tier's notice is billed as a cancellation of the original time, through Pending
Review and the customer's draft; the preview says the same; other moves bill nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.billing import Invoice, InvoiceLine, PendingReviewItem, ReviewKind
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.domain.tiers import NoticeUnit, Tier
from models.orders import Mission
from models.policies import LateReschedule
from resolvers.cancellation.late_reschedule import preview_reschedule
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from resolvers.invoicing import create_invoice
from resolvers.policies import PolicyDetails, save_policy
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, force_status, make_world, snapshot

D = Decimal
HOUR = 60
MOOVS = (
    Tier(24 * HOUR, NoticeUnit.CALENDAR, D(100)),
    Tier(48 * HOUR, NoticeUnit.CALENDAR, D(50)),
)


async def _world(clock, *, billed=True):  # type: ignore[no-untyped-def]
    world = await make_world(clock)
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    details = PolicyDetails("Standard", MOOVS, is_default=True, late_reschedules_billed=billed)
    await save_policy(admin, clock, None, details)
    return world


async def test_a_late_move_is_billed_as_a_cancellation_of_the_original_time(db, clock):
    # given a 2-hour job 30 h ahead (tier 2: 50%), assigned, and a draft for the customer
    world = await _world(clock)
    _, (done,) = await book(world, start=clock.now() - timedelta(days=2))
    await force_status(done, MissionStatus.COMPLETED)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=30))
    await assign(world, mission)
    later = mission.pickup_at + timedelta(days=3)

    # when the preview is asked, then the edit form moves the start 3 days later
    preview = await preview_reschedule(world.scope, clock, mission_id=mission.id, pickup_at=later)
    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        edit=MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2)),
    )

    # then the original time is billed at tier 2, as the preview said
    late = outcome.late_reschedule
    assert late is not None and late.charge == D("60.00") and late.tier == 2
    assert preview is not None and preview.to_dict() == late.decision
    assert late.decision["explanation"].startswith("Rescheduled with 1 d 6 h notice: tier 2")
    assert (late.from_pickup_at, late.to_pickup_at) == (mission.pickup_at, later)
    moved = await Mission.get(id=mission.id)
    assert moved.pickup_at == later and moved.status == MissionStatus.ASSIGNED
    item = await PendingReviewItem.get(late_reschedule_id=late.id)
    assert (item.kind, item.charge, item.cancellation_id) == (
        ReviewKind.CANCELLATION,
        D("60.00"),
        None,
    )
    # the draft bills what Pending Review says: the completed job and the late move
    lines = await InvoiceLine.filter(invoice_id=draft.id).order_by("id")
    assert [line.amount for line in lines] == [D("120.00"), D("60.00")]
    assert lines[1].description.startswith("Late reschedule")
    assert (await Invoice.get(id=draft.id)).total == D("180.00")


@pytest.mark.parametrize(
    ("billed", "hours_ahead"),
    [
        pytest.param(False, 30, id="policy-does-not-bill-changes"),
        pytest.param(True, 72, id="beyond-every-tier"),
    ],
)
async def test_other_moves_bill_nothing(db, clock, billed, hours_ahead):
    # given
    world = await _world(clock, billed=billed)
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=hours_ahead))
    later = mission.pickup_at + timedelta(days=1)

    # when
    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        edit=MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2)),
    )

    # then the mission moved and nothing is billed
    assert outcome.late_reschedule is None
    assert (await Mission.get(id=mission.id)).pickup_at == later
    assert await LateReschedule.all().count() == 0
    assert await PendingReviewItem.all().count() == 0


async def test_moving_only_the_end_bills_nothing(db, clock):
    world = await _world(clock)
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=5))

    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        edit=MissionEdit(estimated_end_at=mission.estimated_end_at + timedelta(hours=1)),
    )

    assert outcome.late_reschedule is None
    assert await PendingReviewItem.all().count() == 0


async def test_a_refused_move_bills_nothing(db, clock):
    # given a move whose end is before its start
    world = await _world(clock)
    _, (mission,) = await book(world, start=clock.now() + timedelta(hours=5))
    before = await snapshot(world.agency.id)

    # when
    with pytest.raises(DomainError) as refused:
        await update_mission(
            world.scope,
            clock,
            mission_id=mission.id,
            edit=MissionEdit(
                pickup_at=mission.pickup_at + timedelta(hours=1),
                estimated_end_at=mission.pickup_at,
            ),
        )

    # then
    assert refused.value.code is ErrorCode.INVALID
    assert await snapshot(world.agency.id) == before
    assert await LateReschedule.all().count() == 0
