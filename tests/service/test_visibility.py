"""Driver visibility (resolvers/visibility.py): a driver sees only their own missions,
orders and themselves; every other role sees the whole agency, and no one another's."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from models.agency import Role
from models.cancellations import CancellationReason
from models.orders import Mission, Order
from models.people import Customer, Driver
from resolvers import visibility
from resolvers.assignments import unassign_driver
from resolvers.row_store import Children, RowStore
from resolvers.scope import Scope
from tests.factories import make_agency, make_customer, make_user, scope_of
from tests.service.cancel_helpers import World, assign, book, make_world


@dataclass
class Bookings:
    world: World
    dana: Scope
    own_order: Order
    own: Mission
    ended: Mission
    other: Mission
    other_order: Order


async def _bookings(clock) -> Bookings:
    """Dana's mission, a mission she was taken off, Eli's mission in another order."""
    world = await make_world(clock)
    own_order, (own, ended) = await book(world, 2)
    other_order, (other,) = await book(world)
    await assign(world, own)
    await assign(world, ended)
    await unassign_driver(world.scope, clock, mission_id=ended.id, driver_id=world.driver.id)
    await assign(world, other, world.driver2)
    dana = scope_of(await make_user(world.agency, Role.DRIVER, driver=world.driver))
    return Bookings(world, dana, own_order, own, ended, other, other_order)


def test_the_one_test_of_a_driver_is_the_role() -> None:
    # given scopes of every role, with or without a linked driver
    scopes = {
        (role, linked): Scope(1, 1, "u", role, driver_id=7 if linked else None)
        for role in Role
        for linked in (True, False)
    }
    # when each is asked whether it is a driver
    drivers = {key for key, scope in scopes.items() if scope.is_driver}
    # then exactly the DRIVER role is, linked or not
    assert drivers == {(Role.DRIVER, True), (Role.DRIVER, False)}


async def test_a_driver_sees_the_missions_they_were_ever_on(db, clock):
    # given Dana's mission, one she was taken off, and Eli's
    b = await _bookings(clock)
    # when the missions each caller may see are listed
    dana_sees = await visibility.missions(b.dana).order_by("id").values_list("id", flat=True)
    operator_sees = await visibility.missions(b.world.scope).values_list("id", flat=True)
    # then Dana sees hers (the ended one included), the operator sees all three
    assert dana_sees == [b.own.id, b.ended.id]
    assert sorted(operator_sees) == sorted([b.own.id, b.ended.id, b.other.id])


async def test_a_driver_sees_only_orders_with_a_mission_of_theirs(db, clock):
    # given Dana's order (two of her missions) and Eli's order
    b = await _bookings(clock)
    # when the orders each caller may see are listed
    dana_sees = await visibility.orders(b.dana).values_list("id", flat=True)
    operator_sees = await visibility.orders(b.world.scope).values_list("id", flat=True)
    # then Dana sees her order once, the operator both
    assert dana_sees == [b.own_order.id]
    assert sorted(operator_sees) == sorted([b.own_order.id, b.other_order.id])


async def test_find_answers_a_driver_only_what_is_theirs(db, clock):
    # given Dana and the agency's rows
    b = await _bookings(clock)
    reason = await CancellationReason.filter(agency_id=b.world.agency.id).first()
    assert reason is not None
    cases = [
        (Mission, b.own.id, True),
        (Mission, b.other.id, False),
        (Order, b.own_order.id, True),
        (Order, b.other_order.id, False),
        (Driver, b.world.driver.id, True),
        (Driver, b.world.driver2.id, False),
        (Customer, b.world.customer.id, False),
        (CancellationReason, reason.id, False),
    ]
    # when Dana and the operator look each up by id
    dana = [await visibility.find(b.dana, model, pk) is not None for model, pk, _ in cases]
    operator = [
        await visibility.find(b.world.scope, model, pk) is not None for model, pk, _ in cases
    ]
    # then Dana finds her own only, the operator finds everything
    assert dana == [expected for _, _, expected in cases]
    assert all(operator)


async def test_no_one_finds_another_agencys_rows(db, clock):
    # given a customer and a mission of another agency
    b = await _bookings(clock)
    other_agency = await make_agency("Other Cars")
    foreign = await make_customer(other_agency)
    # when the operator looks them up by id
    customer = await visibility.find(b.world.scope, Customer, foreign.id)
    missing = await visibility.find(b.world.scope, Mission, b.other.id + 1000)
    # then both are missing, exactly as a row that does not exist
    assert customer is None
    assert missing is None


async def test_a_planned_list_keeps_a_drivers_missions_only(db, clock):
    # given every mission of the agency, as the planner reads a list of them
    b = await _bookings(clock)
    every = Children(Mission, "agency_id", driver_visibility=visibility.DRIVER_MISSIONS_SQL)
    agency_id = b.world.agency.id
    # when each caller's store reads the list
    lists = {}
    for name, scope in (("dana", b.dana), ("operator", b.world.scope)):
        store = RowStore(scope.agency_id, visibility.own_driver_id(scope))
        await store.load_children(every, [agency_id])
        lists[name] = [m.id for m in store.children(every, agency_id)]
    # then Dana keeps hers, the operator keeps the whole list
    assert lists["dana"] == [b.own.id, b.ended.id]
    assert lists["operator"] == [
        m.id for m in await Mission.filter(agency_id=agency_id).order_by("id")
    ]


@pytest.mark.parametrize(
    ("role", "own", "sees_other", "sees_history"),
    [
        (Role.DRIVER, True, False, False),
        (Role.OPERATOR, True, True, True),
        (Role.ADMIN, True, True, True),
        (Role.REPORTER, True, True, True),
    ],
    ids=["driver", "operator", "admin", "reporter"],
)
async def test_drivers_and_order_history_by_role(db, clock, role, own, sees_other, sees_history):
    # given a user of the role (a DRIVER user linked to Dana)
    world = await make_world(clock)
    driver = world.driver if role is Role.DRIVER else None
    scope = scope_of(await make_user(world.agency, role, driver=driver))
    # when asked what it may see of drivers and order trails
    # then a driver sees themselves only, and no order's trail
    assert visibility.sees_driver(scope, world.driver.id) is own
    assert visibility.sees_driver(scope, world.driver2.id) is sees_other
    assert visibility.sees_order_history(scope) is sees_history


async def test_a_driver_account_linked_to_no_driver_sees_nothing(db, clock):
    # given a DRIVER account that names no driver, and the agency's missions
    b = await _bookings(clock)
    unlinked = Scope(b.world.agency.id, 999, "Nobody", Role.DRIVER, driver_id=None)
    # when it lists and looks up
    missions = await visibility.missions(unlinked).count()
    orders = await visibility.orders(unlinked).count()
    found = await visibility.find(unlinked, Mission, b.own.id)
    # then it sees nothing (it does not fall back to the whole agency)
    assert visibility.own_driver_id(unlinked) == visibility.UNLINKED
    assert (missions, orders, found) == (0, 0, None)
