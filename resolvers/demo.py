"""Demo data: one agency with customers, drivers, users and missions in every open status.

Built through the use cases (so the audit trail is real), with dates relative to the
clock's now so that windows are open. Idempotent: when the demo agency exists, only
its tokens are printed. The seed is a list of steps, each `(scope, clock)`, that look
up what they need by name: a later step (e.g. cancelled and no-show missions) is one
more function appended to `SEED_STEPS`.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from models.agency import Agency, Role, User
from models.config import Settings
from models.people import Customer, Driver
from resolvers import assignments, driver_app, orders, reference_data
from resolvers.clock import Clock, SystemClock
from resolvers.scope import Scope
from resolvers.tokens import issue_token

DEMO_AGENCY = "Demo Chauffeurs"
DEMO_TIME_ZONE = "Europe/Paris"
REASONS = [
    ("CUSTOMER_REQUEST", "Customer request"),
    ("WEATHER", "Weather"),
    ("DUPLICATE", "Duplicate booking"),
    ("NO_DRIVER", "No driver available"),
    ("OTHER", "Other"),
]
CUSTOMERS = [
    reference_data.CustomerDetails("Hotel Lutetia", Decimal("90.00"), 2880, 120),
    reference_data.CustomerDetails("Maison Dupont Events", Decimal("75.00")),
    reference_data.CustomerDetails("Ambassade Services", Decimal("110.00"), 720, 60),
]
DRIVERS = [
    reference_data.DriverDetails("Camille Martin", Decimal("35.00")),
    reference_data.DriverDetails("Hugo Bernard", Decimal("32.00"), 720),
    reference_data.DriverDetails("Léa Petit", Decimal("38.00")),
    reference_data.DriverDetails("Nabil Haddad", Decimal("30.00"), 1440),
]
DRIVER_USER = "Camille Martin"
USERS = [
    ("Alice Admin", Role.ADMIN),
    ("Oscar Operator", Role.OPERATOR),
    ("Camille Martin", Role.DRIVER),
    ("Rita Reporter", Role.REPORTER),
]
DEMO_QUERY = (
    "{ viewer { name role agency { name } } "
    "missions(first: 5) { totalCount edges { node { id status pickupAt order { reference } } } } }"
)

DemoStep = Callable[[Scope, Clock], Awaitable[None]]


async def seed_demo_agency(settings: Settings, clock: Clock | None = None) -> dict[Role, str]:
    """Create the demo agency unless it exists; the token of one user per role."""
    clock = clock or SystemClock()
    agency = await Agency.filter(name=DEMO_AGENCY).order_by("id").first()
    if agency is None:
        agency = await _seed(clock)
    users = await User.filter(agency_id=agency.id, active=True).order_by("id")
    tokens: dict[Role, str] = {}
    for user in users:
        tokens.setdefault(Role(user.role), issue_token(settings.secret, user))
    return tokens


async def _seed(clock: Clock) -> Agency:
    agency = await Agency.create(name=DEMO_AGENCY)
    admin = await User.create(agency_id=agency.id, name=USERS[0][0], role=Role.ADMIN)
    scope = Scope(agency_id=agency.id, user_id=admin.id, user_name=admin.name, role=Role.ADMIN)
    for step in SEED_STEPS:
        await step(scope, clock)
    return agency


async def seed_reference_data(scope: Scope, clock: Clock) -> None:
    """Settings, reasons, customers, drivers, and the other users."""
    await reference_data.update_agency_settings(
        scope,
        clock,
        reference_data.AgencySettings(
            time_zone=DEMO_TIME_ZONE,
            currency="EUR",
            default_cancellation_window_minutes=1440,
            default_minimum_billing_minutes=60,
            no_show_fee=Decimal("25.00"),
        ),
    )
    for code, label in REASONS:
        await reference_data.create_reason(scope, clock, reference_data.ReasonDetails(code, label))
    for customer in CUSTOMERS:
        await reference_data.create_customer(scope, clock, customer)
    for driver in DRIVERS:
        await reference_data.create_driver(scope, clock, driver)
    camille = await _driver(scope, DRIVER_USER)
    for name, role in USERS[1:]:
        await User.create(
            agency_id=scope.agency_id,
            name=name,
            role=role,
            driver_id=camille.id if role is Role.DRIVER else None,
        )


async def seed_open_missions(scope: Scope, clock: Clock) -> None:
    """Orders whose missions are pending, assigned, accepted, in progress and completed."""
    now = clock.now()
    tomorrow = _local(now, days=1, at=time(9, 0))
    lutetia, dupont, ambassade = [await _customer(scope, c.name) for c in CUSTOMERS]
    camille, hugo, lea, _ = [await _driver(scope, d.name) for d in DRIVERS]
    driver_scope = await _driver_scope(scope, camille)

    await _book(scope, clock, dupont, "DEMO-1001", tomorrow, hours=2)
    assigned = await _book(scope, clock, lutetia, "DEMO-1002", tomorrow + timedelta(hours=3))
    await assignments.assign_driver(scope, clock, mission_id=assigned[0], driver_id=hugo.id)
    accepted = await _book(scope, clock, ambassade, "DEMO-1003", tomorrow + timedelta(hours=5))
    await assignments.assign_driver(scope, clock, mission_id=accepted[0], driver_id=camille.id)
    await driver_app.accept_mission(driver_scope, clock, accepted[0])
    running = await _book(scope, clock, lutetia, "DEMO-1004", now - timedelta(minutes=30))
    await assignments.assign_driver(scope, clock, mission_id=running[0], driver_id=camille.id)
    await driver_app.accept_mission(driver_scope, clock, running[0])
    await driver_app.report_arrival(driver_scope, clock, running[0])
    await driver_app.start_mission(driver_scope, clock, running[0])
    done = await _book(scope, clock, dupont, "DEMO-1005", now - timedelta(hours=4))
    await assignments.assign_driver(scope, clock, mission_id=done[0], driver_id=camille.id)
    await driver_app.accept_mission(driver_scope, clock, done[0])
    await driver_app.start_mission(driver_scope, clock, done[0])
    await driver_app.complete_mission(driver_scope, clock, done[0])
    # A round trip: two missions of one order, the outbound one staffed.
    trip = await orders.create_order(
        scope,
        clock,
        customer_id=ambassade.id,
        reference="DEMO-1006",
        missions=[
            orders.MissionDraft(
                tomorrow + timedelta(days=1),
                tomorrow + timedelta(days=1, hours=1),
                "Gare de Lyon",
                "Ambassade, rue du Faubourg",
            ),
            orders.MissionDraft(
                tomorrow + timedelta(days=1, hours=6),
                tomorrow + timedelta(days=1, hours=7),
                "Ambassade, rue du Faubourg",
                "Gare de Lyon",
            ),
        ],
    )
    await assignments.assign_driver(scope, clock, mission_id=trip.missions[0].id, driver_id=lea.id)


async def seed_weekly_series(scope: Scope, clock: Clock) -> None:
    """A weekly series of eight 08:30 rides, starting next Monday (local time)."""
    now = clock.now()
    local = now.astimezone(ZoneInfo(DEMO_TIME_ZONE))
    days = (7 - local.weekday()) % 7 or 7
    start = _local(now, days=days, at=time(8, 30))
    customer = await _customer(scope, CUSTOMERS[0].name)
    await orders.create_series(
        scope,
        clock,
        customer_id=customer.id,
        reference="DEMO-2001",
        first=orders.MissionDraft(start, start + timedelta(hours=1), "Hotel Lutetia", "La Défense"),
        rule="FREQ=WEEKLY;COUNT=8",
    )


SEED_STEPS: list[DemoStep] = [seed_reference_data, seed_open_missions, seed_weekly_series]
"""The demo, in order; a step added later sees everything the earlier ones made."""


def _local(now: datetime, *, days: int, at: time) -> datetime:
    """`at` o'clock in the demo's time zone, `days` days after today there."""
    zone = ZoneInfo(DEMO_TIME_ZONE)
    day = now.astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, at, tzinfo=zone)


async def _book(
    scope: Scope,
    clock: Clock,
    customer: Customer,
    reference: str,
    start: datetime,
    *,
    hours: int = 1,
) -> list[int]:
    booking = await orders.create_order(
        scope,
        clock,
        customer_id=customer.id,
        reference=reference,
        missions=[orders.MissionDraft(start, start + timedelta(hours=hours), "Paris", "Orly")],
    )
    return [m.id for m in booking.missions]


async def _customer(scope: Scope, name: str) -> Customer:
    return await scope.query(Customer).get(name=name)


async def _driver(scope: Scope, name: str) -> Driver:
    return await scope.query(Driver).get(name=name)


async def _driver_scope(scope: Scope, driver: Driver) -> Scope:
    user = await scope.query(User).get(driver_id=driver.id, role=Role.DRIVER)
    return Scope(
        agency_id=scope.agency_id,
        user_id=user.id,
        user_name=user.name,
        role=Role.DRIVER,
        driver_id=driver.id,
    )


def demo_instructions(tokens: dict[Role, str], settings: Settings) -> str:
    """The tokens per role and a curl command that works with the operator's token."""
    lines = ["Demo agency ready. Bearer tokens (valid 30 days):"]
    for role in Role:
        if role in tokens:
            lines.append(f"  {role.value:<9} {tokens[role]}")
    body = json.dumps({"query": DEMO_QUERY})
    bearer = tokens.get(Role.OPERATOR) or next(iter(tokens.values()), "<token>")
    lines += [
        "",
        "Try it (as the operator):",
        f"  curl -s http://{settings.host}:{settings.port}/graphql"
        f" -H 'Content-Type: application/json'"
        f" -H {shlex.quote('Authorization: Bearer ' + bearer)}"
        f" -d {shlex.quote(body)}",
    ]
    return "\n".join(lines)


async def seed_cancelled_and_no_show(scope: Scope, clock: Clock) -> None:
    """A billable cancellation waiting in Pending Review, a cancelled order, and a no-show
    whose fee waits for the operator's decision."""
    from models.domain.statuses import MissionStatus
    from resolvers.cancellation.cancel_mission import cancel_mission
    from resolvers.cancellation.cancel_order import cancel_order
    from resolvers.cancellation.inputs import CancelRequestInput
    from resolvers.cancellation.mission_status import update_mission_status

    now = clock.now()
    dupont, ambassade = [await _customer(scope, c.name) for c in CUSTOMERS[1:]]
    camille, _, _, nabil = [await _driver(scope, d.name) for d in DRIVERS]
    # Six hours ahead, inside the agency's 24 h window: billable, into Pending Review.
    late = await _book(scope, clock, dupont, "DEMO-3001", now + timedelta(hours=6), hours=2)
    await assignments.assign_driver(scope, clock, mission_id=late[0], driver_id=nabil.id)
    await cancel_mission(
        scope,
        clock,
        mission_id=late[0],
        request=CancelRequestInput("Front desk", "CUSTOMER_REQUEST", "Guest left early"),
    )
    trip = await orders.create_order(
        scope,
        clock,
        customer_id=ambassade.id,
        reference="DEMO-3002",
        missions=[
            orders.MissionDraft(now + timedelta(days=4), now + timedelta(days=4, hours=1)),
            orders.MissionDraft(now + timedelta(days=5), now + timedelta(days=5, hours=1)),
        ],
    )
    await cancel_order(
        scope,
        clock,
        order_id=trip.order.id,
        request=CancelRequestInput("Mme Laurent", "WEATHER", "Storm warning"),
    )
    # Started 2 h ago by Camille (between her other demo rides); nobody came.
    driver_scope = await _driver_scope(scope, camille)
    no_show = await _book(scope, clock, dupont, "DEMO-3003", now - timedelta(hours=2, minutes=15))
    await assignments.assign_driver(scope, clock, mission_id=no_show[0], driver_id=camille.id)
    await driver_app.accept_mission(driver_scope, clock, no_show[0])
    await driver_app.start_mission(driver_scope, clock, no_show[0])
    await update_mission_status(
        scope, clock, mission_id=no_show[0], status=MissionStatus.NO_SHOW, note="Nobody at the door"
    )


SEED_STEPS.append(seed_cancelled_and_no_show)
