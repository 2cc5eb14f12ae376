"""Property: whatever happens to a customer's missions, its invoice bills what it owes.

Hypothesis draws sequences of what operators and drivers do to one customer (cancel
inside or outside the window, waive on and off, un-cancel, cancel again, complete then
cancel a completed mission, no-shows with the fee added or waived, createInvoice), then
issues the invoice. An oracle written here from SPEC §3, §5, §6 and §9, not from the
code, keeps what the customer owes; after every step the draft bills exactly that, and
the issued invoice's lines are exactly those amounts, as exact Decimals.

Runs on SQLite and PostgreSQL like every service test; `DRAFT_PROPERTY_EXAMPLES` runs
more examples (the default keeps CI well under a minute per dialect).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.agency import Agency, Role
from models.billing import Invoice, InvoiceLine, InvoiceStatus
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.orders import Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.cancellation.no_show_fee import resolve_no_show_fee
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.cancellation.waiver import set_cancellation_waiver
from resolvers.driver_app import accept_mission, complete_mission, start_mission
from resolvers.invoicing import create_invoice, issue_invoice
from tests.factories import make_customer, make_driver, make_user, scope_of
from tests.service.cancel_helpers import NEXT_WEEK, TOMORROW, World, assign, book, make_world
from tests.service.cancel_helpers import force_status as put
from tests.service.cancel_helpers import request as cancel_request

RATE = Decimal("37.35")  # per hour: odd, so that amounts need rounding to the cent
MINIMUM = 60  # the agency's minimum billing minutes (make_agency)
FEE = Decimal("35.50")
CENT = Decimal("0.01")
EXAMPLES = int(os.environ.get("DRAFT_PROPERTY_EXAMPLES", "40"))


def charge(minutes: int) -> Decimal:
    """SPEC §3: rate x max(scheduled, minimum) minutes / 60, half-up to the cent."""
    return (RATE * max(minutes, MINIMUM) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Booked:
    """The oracle's view of one mission."""

    mission_id: int
    minutes: int
    soon: bool  # starts 12 h from now: inside the 24 h window, a cancellation is billable
    status: str = "OPEN"
    cancellation_id: int | None = None
    billable: bool = False
    waived: bool = False
    reverted: bool = False
    fee_added: bool = False

    def owed(self) -> list[Decimal]:
        if self.status == "COMPLETED":
            return [charge(self.minutes)]
        if self.status == "CANCELLED" and self.billable and not self.waived:
            return [charge(self.minutes)]
        if self.status == "NO_SHOW" and self.fee_added:
            return [FEE]
        return []


@dataclass
class Oracle:
    booked: list[Booked] = field(default_factory=list)
    draft_id: int | None = None

    def owed(self) -> list[Decimal]:
        return sorted(a for b in self.booked for a in b.owed())

    def pick(self, index: int, status: str | None = None, cancelled: bool = False) -> Booked | None:
        pool = [
            b
            for b in self.booked
            if (status is None or b.status == status)
            and (not cancelled or b.cancellation_id is not None)
        ]
        return pool[index % len(pool)] if pool else None


# Minutes booked: exact as hours (the booking helper takes hours); 45 bills the minimum,
# 90 and 150 need rounding half-up (56.025 -> 56.03, 93.375 -> 93.38).
LENGTHS = st.sampled_from([30, 45, 60, 90, 105, 150])
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("cancel"), st.booleans(), LENGTHS, st.booleans()),
        st.tuples(st.just("waive"), st.integers(0, 7), st.booleans()),
        st.tuples(st.just("uncancel"), st.integers(0, 7)),
        st.tuples(st.just("cancel_again"), st.integers(0, 7)),
        st.tuples(st.just("complete"), st.booleans(), LENGTHS, st.booleans()),
        st.tuples(st.just("cancel_completed"), st.integers(0, 7)),
        st.tuples(st.just("no_show"), st.booleans()),
        st.tuples(st.just("create_invoice")),
    ),
    min_size=1,
    max_size=10,
)


@dataclass
class CustomerUnderTest:
    world: World
    customer: Any

    async def book(self, minutes: int, soon: bool) -> Mission:
        _, (mission,) = await book(
            self.world,
            start=TOMORROW if soon else NEXT_WEEK,
            hours=minutes / 60,
            customer=self.customer,
        )
        return mission


async def _refused(call: Any, code: ErrorCode) -> None:
    try:
        await call
    except DomainError as exc:
        assert exc.code is code, exc
    else:
        raise AssertionError(f"expected {code}")


async def _step(c: CustomerUnderTest, o: Oracle, step: tuple[Any, ...]) -> None:
    w, clock = c.world, c.world.clock
    kind = step[0]
    if kind == "cancel":
        _, soon, minutes, waive = step
        mission = await c.book(minutes, soon)
        done = await cancel_mission(
            w.scope, clock, mission_id=mission.id, request=cancel_request(waive_billing=waive)
        )
        o.booked.append(
            Booked(
                mission.id,
                minutes,
                soon,
                "CANCELLED",
                done.cancellations[0].id,
                soon,
                soon and waive,
            )
        )
    elif kind == "waive":
        b = o.pick(step[1], cancelled=True)
        if b is None:
            return
        call = set_cancellation_waiver(
            w.scope, clock, cancellation_id=b.cancellation_id, waived=step[2], note="Goodwill"
        )
        if not b.billable:
            await _refused(call, ErrorCode.NOT_BILLABLE)
        elif b.reverted:
            await _refused(call, ErrorCode.INVALID_TRANSITION)
        else:
            await call
            b.waived = step[2]
    elif kind == "uncancel":
        b = o.pick(step[1], status="CANCELLED")
        if b is None:
            return
        await uncancel_mission(w.scope, clock, mission_id=b.mission_id)
        b.status, b.reverted = "OPEN", True
    elif kind == "cancel_again":
        b = o.pick(step[1], status="OPEN")
        if b is None:
            return
        done = await cancel_mission(
            w.scope, clock, mission_id=b.mission_id, request=cancel_request()
        )
        b.status, b.cancellation_id = "CANCELLED", done.cancellations[0].id
        b.billable, b.waived, b.reverted = b.soon, False, False
    elif kind == "complete":
        _, soon, minutes, by_driver = step
        mission = await c.book(minutes, soon)
        driver = await make_driver(w.agency, f"Driver {len(o.booked)}")
        await assign(w, mission, driver)
        if by_driver:
            app = scope_of(await make_user(w.agency, Role.DRIVER, driver=driver))
            await accept_mission(app, clock, mission.id)
            await start_mission(app, clock, mission.id)
            await complete_mission(app, clock, mission.id)
        else:
            await put(mission, MissionStatus.IN_PROGRESS)
            await update_mission_status(
                w.scope, clock, mission_id=mission.id, status=MissionStatus.COMPLETED
            )
        o.booked.append(Booked(mission.id, minutes, soon, "COMPLETED"))
    elif kind == "cancel_completed":
        b = o.pick(step[1], status="COMPLETED")
        if b is None:
            return
        done = await cancel_mission(
            w.scope, clock, mission_id=b.mission_id, request=cancel_request()
        )
        b.status, b.cancellation_id = "CANCELLED", done.cancellations[0].id
        b.billable, b.waived, b.reverted = b.soon, False, False
    elif kind == "no_show":
        mission = await c.book(60, True)
        await assign(w, mission, await make_driver(w.agency, f"Driver {len(o.booked)}"))
        await put(mission, MissionStatus.IN_PROGRESS)
        await update_mission_status(
            w.scope, clock, mission_id=mission.id, status=MissionStatus.NO_SHOW
        )
        add = step[1]
        await resolve_no_show_fee(
            w.scope, clock, mission_id=mission.id, decision="ADD" if add else "WAIVE", note="Why"
        )
        o.booked.append(Booked(mission.id, 60, True, "NO_SHOW", fee_added=add))
    elif kind == "create_invoice":
        call = create_invoice(w.scope, clock, customer_id=c.customer.id)
        if o.draft_id is not None or not o.owed():
            await _refused(call, ErrorCode.INVALID)
        else:
            o.draft_id = (await call).id


async def _lines(invoice_id: int) -> list[Decimal]:
    amounts = await InvoiceLine.filter(invoice_id=invoice_id).values_list("amount", flat=True)
    return sorted(amounts)  # type: ignore[type-var]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
async def test_the_issued_invoice_bills_what_the_customer_owes(db, clock, steps):
    # given a fresh agency (a 35.50 no-show fee) and a customer paying 37.35 an hour
    world = await make_world(clock, no_show_fee=FEE)
    c = CustomerUnderTest(
        world, await make_customer(world.agency, "Initech", billing_rate_per_hour=RATE)
    )
    oracle = Oracle()

    # when the steps happen, the draft (once there is one) bills what the customer owes
    for step in steps:
        await _step(c, oracle, step)
        if oracle.draft_id is not None:
            assert await _lines(oracle.draft_id) == oracle.owed(), step
            draft = await Invoice.get(id=oracle.draft_id)
            assert draft.total == sum(oracle.owed(), Decimal("0.00")), step

    # and the invoice is issued
    owed = oracle.owed()
    if oracle.draft_id is None:
        if not owed:
            return
        oracle.draft_id = (await create_invoice(world.scope, clock, customer_id=c.customer.id)).id
    issuing = issue_invoice(world.scope, clock, invoice_id=oracle.draft_id)
    if not owed:
        # then a draft with nothing to bill is refused and takes no number
        await _refused(issuing, ErrorCode.INVALID)
        assert (await Agency.get(id=world.agency.id)).invoice_seq == 0
        return
    issued = await issuing

    # then it bills each thing owed once, at its exact amount, and nothing else
    lines = await InvoiceLine.filter(invoice_id=issued.id)
    assert all(isinstance(line.amount, Decimal) for line in lines)
    assert all(line.amount == line.amount.quantize(CENT) for line in lines)
    assert sorted(line.amount for line in lines) == owed
    assert issued.status == InvoiceStatus.ISSUED and issued.number == "INV-000001"
    assert issued.total == sum(owed, Decimal("0.00"))
    assert issued.total == sum((line.amount for line in lines), Decimal("0.00"))
    # and what it billed counts as invoiced: none of it can be billed again
    completed = [b.mission_id for b in oracle.booked if b.status == "COMPLETED"]
    assert not await Mission.filter(id__in=completed, invoiced_at__isnull=True).exists()
