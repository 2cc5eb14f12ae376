"""Concurrent cancellations on PostgreSQL: exactly one consistent outcome (SPEC §4.4)."""

from __future__ import annotations

import asyncio
import itertools
from decimal import Decimal

import pytest

from models.agency import Role
from models.audit import Event
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.driver_app import accept_mission, start_mission
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, make_world, order_status, request


@pytest.fixture(autouse=True)
def postgres_only(dialect):
    if dialect == "sqlite":
        pytest.skip("SQLite serialises writers: row locks are a PostgreSQL matter")


async def _both(*calls):
    return await asyncio.gather(*calls, return_exceptions=True)


def _codes(results):
    return sorted(r.code.value for r in results if isinstance(r, DomainError))


async def test_two_cancels_of_one_mission(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)

    results = await _both(
        cancel_mission(world.scope, clock, mission_id=mission.id, request=request()),
        cancel_mission(world.scope, clock, mission_id=mission.id, request=request(note="2")),
    )

    assert _codes(results) == ["ALREADY_CANCELLED"]
    assert await Cancellation.filter(mission_id=mission.id).count() == 1
    assert await Event.filter(type=ev.MISSION_CANCELLED).count() == 1
    assert await Event.filter(type=ev.SLOT_RELEASED).count() == 1


async def test_cancel_racing_an_assignment(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)

    results = await _both(
        cancel_mission(world.scope, clock, mission_id=mission.id, request=request()),
        assign(world, mission),
    )

    assert not isinstance(results[0], Exception)
    assert _codes(results) in ([], ["INVALID_TRANSITION"])
    assert (await Mission.get(id=mission.id)).status == MissionStatus.CANCELLED
    assert await Assignment.filter(mission_id=mission.id, ended_at__isnull=True).count() == 0


async def test_cancel_racing_a_start(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    driver_user = await make_user(world.agency, Role.DRIVER, driver=world.driver)
    await assign(world, mission)
    await accept_mission(scope_of(driver_user), clock, mission.id)

    results = await _both(
        cancel_mission(world.scope, clock, mission_id=mission.id, request=request()),
        start_mission(scope_of(driver_user), clock, mission.id),
    )

    row = await Mission.get(id=mission.id)
    cancellations = await Cancellation.filter(mission_id=mission.id).count()
    if row.status == MissionStatus.CANCELLED:
        assert cancellations == 1 and row.started_at is None
        assert isinstance(results[1], DomainError)
    else:
        assert row.status == MissionStatus.IN_PROGRESS and cancellations == 0
        assert isinstance(results[0], DomainError)
        assert results[0].code is ErrorCode.CONFIRMATION_REQUIRED


async def test_cancel_racing_an_uncancel(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    results = await _both(
        uncancel_mission(world.scope, clock, mission_id=mission.id),
        cancel_mission(world.scope, clock, mission_id=mission.id, request=request()),
    )

    assert not isinstance(results[0], Exception)
    row = await Mission.get(id=mission.id)
    current = await Cancellation.filter(mission_id=mission.id, reverted_at__isnull=True).count()
    assert (row.status == MissionStatus.CANCELLED) == (current == 1)
    assert row.status in (MissionStatus.CANCELLED, MissionStatus.PENDING_ASSIGNMENT)


async def test_two_order_cancels_and_a_mission_cancel_overlapping(db, clock):
    world = await make_world(clock)
    order, missions = await book(world, 3)

    results = await _both(
        cancel_order(world.scope, clock, order_id=order.id, request=request()),
        cancel_order(world.scope, clock, order_id=order.id, request=request()),
        cancel_mission(world.scope, clock, mission_id=missions[1].id, request=request()),
    )

    assert sum(1 for r in results[:2] if isinstance(r, DomainError)) >= 1
    for m in missions:
        assert await Cancellation.filter(mission_id=m.id).count() == 1
    assert await Event.filter(type=ev.MISSION_CANCELLED).count() == 3
    assert await order_status(order) == OrderStatus.CANCELLED


async def test_concurrent_retries_with_one_key_make_one_cancellation(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)

    results = await _both(
        *[
            cancel_mission(
                world.scope, clock, mission_id=mission.id, request=request(), idempotency_key="k"
            )
            for _ in range(3)
        ]
    )

    assert not any(isinstance(r, Exception) for r in results)
    assert len({r.cancellations[0].id for r in results}) == 1
    assert await Cancellation.filter(mission_id=mission.id).count() == 1


async def test_concurrent_cancels_of_missions_of_one_order_all_succeed(db, clock):
    # given an order of four assigned missions
    world = await make_world(clock)
    order, missions = await book(world, count=4)
    for mission in missions:
        await assign(world, mission)

    # when four operators cancel one mission each at the same moment
    results = await _both(
        *(
            cancel_mission(world.scope, clock, mission_id=m.id, request=request(note=str(m.id)))
            for m in missions
        )
    )

    # then every cancel succeeds (no deadlock between the cancellation inserts' foreign-key
    # locks and the order row lock) and the order ends cancelled
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert await Cancellation.filter(order_id=order.id).count() == 4
    assert await order_status(order) == OrderStatus.CANCELLED


async def test_rescheduling_racing_an_assignment_never_double_books_a_driver(db, clock):
    from resolvers.cancellation.update_mission import MissionEdit, update_mission

    # given Dana on mission Y, and mission X later that day with no driver
    world = await make_world(clock)
    _, (y, x) = await book(world, 2, gap_hours=10)
    await assign(world, y)

    # when Y is moved onto X's slot while Dana is being assigned to X
    moved = MissionEdit(pickup_at=x.pickup_at, estimated_end_at=x.estimated_end_at)
    results = await _both(
        update_mission(world.scope, clock, mission_id=y.id, edit=moved),
        assign(world, x),
    )

    # then exactly one wins and the other is a SLOT_CONFLICT: Dana never holds two
    # overlapping active assignments
    assert _codes(results) == ["SLOT_CONFLICT"], results
    active = await Assignment.filter(driver_id=world.driver.id, ended_at__isnull=True)
    slots = sorted((a.slot_start, a.slot_end) for a in active)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(slots))
    # and the loser changed nothing: either Y moved onto X's slot and Dana is not on X,
    # or Dana is on X and Y kept its time
    y_now = await Mission.get(id=y.id)
    moved = (y_now.pickup_at, y_now.estimated_end_at) == (x.pickup_at, x.estimated_end_at)
    dana_on_x = {a.mission_id for a in active} >= {x.id}
    assert moved != dana_on_x
    assert isinstance(results[1 if moved else 0], DomainError)
    if not moved:
        assert (y_now.pickup_at, y_now.estimated_end_at) == (y.pickup_at, y.estimated_end_at)
    assert {a.mission_id for a in active} == ({y.id} if moved else {y.id, x.id})


async def _until_a_session_waits_on_a_lock(database_url):
    """From a connection of its own: until another session of the test's database is
    blocked on a lock held by a third (fails after 10 s)."""
    import asyncpg

    blocked = """SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND wait_event_type = 'Lock' AND cardinality(pg_blocking_pids(pid)) > 0"""
    conn = await asyncpg.connect(database_url, timeout=5)
    try:
        async with asyncio.timeout(10):
            while True:
                if await conn.fetchval(blocked):
                    return
                await asyncio.sleep(0.01)
    finally:
        await conn.close()


async def _while_an_invoice_is_being_made(monkeypatch, database_url, world, clock, other):
    """Run `other` while createInvoice holds its locks, just before it commits; return
    once `other` is seen blocked on one of them."""
    from resolvers import unit_of_work
    from resolvers.invoicing import create_invoice

    gate, paused = asyncio.Event(), asyncio.Event()
    flush = unit_of_work.UnitOfWork.flush_events

    async def held_before_commit(self):
        if any(p["type"] == ev.INVOICE_CREATED for p in self.pending):
            paused.set()
            await gate.wait()
        return await flush(self)

    monkeypatch.setattr(unit_of_work.UnitOfWork, "flush_events", held_before_commit)
    making = asyncio.create_task(create_invoice(world.scope, clock, customer_id=world.customer.id))
    await asyncio.wait_for(paused.wait(), 5)
    racing = asyncio.create_task(other())
    try:
        await _until_a_session_waits_on_a_lock(database_url)
    finally:
        gate.set()
    invoice = await making
    (outcome,) = await asyncio.gather(racing, return_exceptions=True)
    monkeypatch.setattr(unit_of_work.UnitOfWork, "flush_events", flush)
    return invoice, outcome


@pytest.mark.parametrize("change", ["waive", "uncancel"])
async def test_a_waiver_or_uncancel_racing_an_invoice_never_bills_what_it_removed(
    db, clock, monkeypatch, change
):
    from models.billing import InvoiceLine, PendingReviewItem
    from resolvers.cancellation.waiver import set_cancellation_waiver
    from resolvers.invoicing import issue_invoice
    from tests.service.cancel_helpers import force_status

    # given a billable cancellation in Pending Review (and a completed mission, billed too)
    world = await make_world(clock)
    _, (mission, done) = await book(world, 2)
    await assign(world, mission)
    await force_status(done, MissionStatus.COMPLETED)
    (c,) = (
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    ).cancellations

    async def waive():
        return await set_cancellation_waiver(
            world.scope, clock, cancellation_id=c.id, waived=True, note="goodwill"
        )

    async def reopen():
        return await uncancel_mission(world.scope, clock, mission_id=mission.id)

    # when it is waived (or un-cancelled) while an invoice is being made with it, and
    # waits on the rows the invoice locked
    invoice, outcome = await _while_an_invoice_is_being_made(
        monkeypatch, db, world, clock, waive if change == "waive" else reopen
    )

    # then the change waited for the invoice and took the item off the draft: issuing never
    # bills a waived or reverted cancellation
    assert not isinstance(outcome, BaseException), outcome
    issued = await issue_invoice(world.scope, clock, invoice_id=invoice.id)
    item = await PendingReviewItem.get(cancellation_id=c.id)
    cancellation = await Cancellation.get(id=c.id)
    assert cancellation.waived or cancellation.reverted_at is not None
    assert await InvoiceLine.filter(invoice_id=invoice.id, review_item_id=item.id).count() == 0
    assert item.invoice_id is None and item.invoiced_at is None
    assert issued.total == Decimal("120.00")  # the completed mission alone
