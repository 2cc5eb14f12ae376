"""Drafts and issuing under concurrent commands on PostgreSQL: one lock order, no deadlock.

Every command that changes what a mission bills locks the mission first, then the order,
then the customer's drafts; createInvoice and issueInvoice lock every mission they bill
first too. The customer pays 60.00 an hour (a 2 h booking is 120.00).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from models.billing import Invoice, InvoiceLine, InvoiceStatus
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.cancellation.waiver import set_cancellation_waiver
from resolvers.invoicing import create_invoice, issue_invoice
from tests.service.cancel_helpers import book, force_status, make_world, request, snapshot

S = MissionStatus


@pytest.fixture(autouse=True)
def postgres_only(dialect):
    if dialect == "sqlite":
        pytest.skip("SQLite serialises writers: row locks are a PostgreSQL matter")


async def test_commands_on_missions_of_one_draft_at_once_all_succeed(db, clock):
    # given a draft billing two completed missions and two billable cancellations
    world = await make_world(clock)
    _, (done1, done2, late1, late2, open_) = await book(world, 5, gap_hours=2.5)
    for mission in (done1, done2):
        await force_status(mission, S.COMPLETED)
    (c1,) = (
        await cancel_mission(world.scope, clock, mission_id=late1.id, request=request())
    ).cancellations
    await cancel_mission(world.scope, clock, mission_id=late2.id, request=request())
    await force_status(open_, S.IN_PROGRESS)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    assert draft.total == Decimal("480.00")

    # when five operators change five of its missions at the same moment
    results = await asyncio.gather(
        set_cancellation_waiver(world.scope, clock, cancellation_id=c1.id, waived=True),
        cancel_mission(world.scope, clock, mission_id=done1.id, request=request()),
        cancel_mission(
            world.scope, clock, mission_id=done2.id, request=request(waive_billing=True)
        ),
        uncancel_mission(world.scope, clock, mission_id=late2.id),
        update_mission_status(world.scope, clock, mission_id=open_.id, status=S.COMPLETED),
        return_exceptions=True,
    )

    # then none deadlocks, and the draft bills done1's cancellation and open_ completed
    assert [r for r in results if isinstance(r, BaseException)] == []
    lines = await InvoiceLine.filter(invoice_id=draft.id).values_list("kind", "mission_id")
    assert sorted(lines) == sorted([("CANCELLATION", done1.id), ("MISSION", open_.id)])
    assert (await Invoice.get(id=draft.id)).total == Decimal("240.00")


async def _paused_in(monkeypatch, target, name, call):
    """Start `call`, and hold it inside `target.name` (before it runs) until released."""
    original = getattr(target, name)
    paused, gate = asyncio.Event(), asyncio.Event()

    async def held(*args, **kwargs):
        if not paused.is_set():
            paused.set()
            await gate.wait()
        return await original(*args, **kwargs)

    monkeypatch.setattr(target, name, held)
    task = asyncio.create_task(call())
    await asyncio.wait_for(paused.wait(), 5)
    return task, gate


async def test_a_mission_completed_while_its_invoice_is_issued_is_a_conflict(
    db, clock, monkeypatch
):
    from resolvers.invoicing import owed

    # given a draft billing one completed mission, and another mission being driven
    world = await make_world(clock)
    _, (done, driven) = await book(world, 2)
    await force_status(done, S.COMPLETED)
    await force_status(driven, S.IN_PROGRESS)
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when issuing has read which missions it bills but not locked them yet, and the other
    # mission is completed (and put on the draft) in that moment
    issuing, gate = await _paused_in(
        monkeypatch,
        owed,
        "lock_missions",
        lambda: issue_invoice(world.scope, clock, invoice_id=draft.id),
    )
    monkeypatch.undo()
    await update_mission_status(world.scope, clock, mission_id=driven.id, status=S.COMPLETED)
    before = await snapshot(world.agency.id)
    gate.set()
    (outcome,) = await asyncio.gather(issuing, return_exceptions=True)

    # then issuing is refused with CONFLICT and nothing changed; issued again, it bills both
    assert isinstance(outcome, DomainError) and outcome.code is ErrorCode.CONFLICT, outcome
    assert await snapshot(world.agency.id) == before
    issued = await issue_invoice(world.scope, clock, invoice_id=draft.id)
    assert issued.total == Decimal("240.00") and issued.number == "INV-000001"


async def test_a_waiver_while_the_invoice_is_issued_waits_and_is_then_refused(
    db, clock, monkeypatch
):
    from resolvers import unit_of_work

    # given a billable cancellation on a draft
    world = await make_world(clock)
    _, (mission,) = await book(world)
    (c,) = (
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    ).cancellations
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)

    # when the waiver is switched on while issuing holds its locks, just before it commits
    flush = unit_of_work.UnitOfWork.flush_events
    gate, paused = asyncio.Event(), asyncio.Event()

    async def held_before_commit(self):
        if any(p["type"] == ev.INVOICE_ISSUED for p in self.pending):
            paused.set()
            await gate.wait()
        return await flush(self)

    monkeypatch.setattr(unit_of_work.UnitOfWork, "flush_events", held_before_commit)
    issuing = asyncio.create_task(issue_invoice(world.scope, clock, invoice_id=draft.id))
    await asyncio.wait_for(paused.wait(), 5)
    waiving = asyncio.create_task(
        set_cancellation_waiver(world.scope, clock, cancellation_id=c.id, waived=True)
    )
    await asyncio.sleep(0.3)  # the waiver now waits on the mission issuing locked
    assert not waiving.done()
    gate.set()
    issued = await issuing
    (outcome,) = await asyncio.gather(waiving, return_exceptions=True)

    # then the invoice bills the cancellation and the waiver, coming second, is refused
    assert issued.status == InvoiceStatus.ISSUED and issued.total == Decimal("120.00")
    assert isinstance(outcome, DomainError) and outcome.code is ErrorCode.ALREADY_INVOICED
    cancellation = await Cancellation.get(id=c.id)
    assert not cancellation.waived and cancellation.invoiced_at == clock.now()
