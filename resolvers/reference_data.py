"""Agency settings and reference data: customers, drivers, cancellation reasons (ADMIN)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from models.agency import Agency, InvoicedCancellation
from models.cancellations import CancellationReason
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.people import Customer, Driver
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.limits import CODE_MAX
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class AgencySettings:
    """The settings to change; None leaves a setting as it is."""

    time_zone: str | None = None
    currency: str | None = None
    default_cancellation_window_minutes: int | None = None
    default_minimum_billing_minutes: int | None = None
    invoiced_cancellation: InvoicedCancellation | None = None
    # "0" removes the fee.
    no_show_fee: Decimal | None = None


@dataclass(frozen=True)
class CustomerDetails:
    """A customer's name and terms (None windows fall back to the agency's)."""

    name: str
    billing_rate_per_hour: Decimal
    cancellation_window_minutes: int | None = None
    minimum_billing_minutes: int | None = None


@dataclass(frozen=True)
class DriverDetails:
    """A driver's name, pay and window (None window: the agency's)."""

    name: str
    pay_rate_per_hour: Decimal
    cancellation_window_minutes: int | None = None
    active: bool = True


@dataclass(frozen=True)
class ReasonDetails:
    """An entry of the reference list of cancellation reasons."""

    code: str
    label: str
    active: bool = True


def _field(name: str) -> tuple[str, ...]:
    return ("input", name)


def _settings_changes(settings: AgencySettings) -> dict[str, Any]:
    """The validated columns to update."""
    changes: dict[str, Any] = {}
    if settings.time_zone is not None:
        changes["time_zone"] = v.time_zone(settings.time_zone.strip(), _field("timeZone"))
    if settings.currency is not None:
        changes["currency"] = v.currency(settings.currency, _field("currency"))
    if settings.default_cancellation_window_minutes is not None:
        changes["default_cancellation_window_minutes"] = v.minutes(
            settings.default_cancellation_window_minutes,
            _field("defaultCancellationWindowMinutes"),
            "The default cancellation window",
        )
    if settings.default_minimum_billing_minutes is not None:
        changes["default_minimum_billing_minutes"] = v.minutes(
            settings.default_minimum_billing_minutes,
            _field("defaultMinimumBillingMinutes"),
            "The default minimum billing time",
        )
    if settings.invoiced_cancellation is not None:
        changes["invoiced_cancellation"] = InvoicedCancellation(settings.invoiced_cancellation)
    if settings.no_show_fee is not None:
        fee = v.money(settings.no_show_fee, _field("noShowFee"), "The no-show fee")
        changes["no_show_fee"] = fee if fee > 0 else None
    return changes


async def update_agency_settings(scope: Scope, clock: Clock, settings: AgencySettings) -> Agency:
    """Change the agency's defaults; existing bookings keep the terms they were booked under."""
    changes = _settings_changes(settings)

    async def work(uow: UnitOfWork) -> Agency:
        agency = (
            await Agency.filter(id=scope.agency_id)
            .using_db(uow.conn)
            .select_for_update(no_key=True)
            .get()
        )
        before = {name: getattr(agency, name) for name in changes}
        if changes:
            await Agency.filter(id=agency.id).using_db(uow.conn).update(**changes)
            for name, value in changes.items():
                setattr(agency, name, value)
        changed = {name: value for name, value in changes.items() if before[name] != value}
        if changed:
            uow.record(
                ev.AGENCY_SETTINGS_UPDATED,
                changes={
                    _camel(name): {"from": before[name], "to": value}
                    for name, value in changed.items()
                },
            )
        return agency

    return await run_command(scope, clock, work)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _customer_columns(details: CustomerDetails) -> dict[str, Any]:
    return {
        "name": v.require_text(details.name, _field("name"), "The name"),
        "billing_rate_per_hour": v.money(
            details.billing_rate_per_hour, _field("billingRatePerHour"), "The billing rate"
        ),
        "cancellation_window_minutes": v.minutes(
            details.cancellation_window_minutes,
            _field("cancellationWindowMinutes"),
            "The cancellation window",
        ),
        "minimum_billing_minutes": v.minutes(
            details.minimum_billing_minutes,
            _field("minimumBillingMinutes"),
            "The minimum billing time",
        ),
    }


def _driver_columns(details: DriverDetails) -> dict[str, Any]:
    return {
        "name": v.require_text(details.name, _field("name"), "The name"),
        "pay_rate_per_hour": v.money(
            details.pay_rate_per_hour, _field("payRatePerHour"), "The pay rate"
        ),
        "cancellation_window_minutes": v.minutes(
            details.cancellation_window_minutes,
            _field("cancellationWindowMinutes"),
            "The cancellation window",
        ),
        "active": bool(details.active),
    }


def _reason_columns(details: ReasonDetails) -> dict[str, Any]:
    code = v.require_text(details.code, _field("code"), "The code", max_length=CODE_MAX).upper()
    if not _CODE.match(code):
        raise v.invalid(
            _field("code"), "A code is capital letters, digits and underscores, e.g. WEATHER."
        )
    return {
        "code": code,
        "label": v.require_text(details.label, _field("label"), "The label"),
        "active": bool(details.active),
    }


def _data(columns: dict[str, Any]) -> dict[str, Any]:
    return {_camel(name): value for name, value in columns.items()}


async def create_customer(scope: Scope, clock: Clock, details: CustomerDetails) -> Customer:
    """A new customer of the agency."""
    columns = _customer_columns(details)

    async def work(uow: UnitOfWork) -> Customer:
        customer = await Customer.create(agency_id=scope.agency_id, using_db=uow.conn, **columns)
        uow.record(ev.CUSTOMER_CREATED, customerId=customer.id, **_data(columns))
        return customer

    return await run_command(scope, clock, work)


async def update_customer(
    scope: Scope, clock: Clock, customer_id: int, details: CustomerDetails
) -> Customer:
    """Change a customer's name and terms; missions already booked keep their snapshot."""
    columns = _customer_columns(details)

    async def work(uow: UnitOfWork) -> Customer:
        customer = await scope.get(Customer, customer_id, field=("id",), for_update=True)
        await Customer.filter(id=customer.id).using_db(uow.conn).update(**columns)
        customer.update_from_dict(columns)
        uow.record(ev.CUSTOMER_UPDATED, customerId=customer.id, **_data(columns))
        return customer

    return await run_command(scope, clock, work)


async def create_driver(scope: Scope, clock: Clock, details: DriverDetails) -> Driver:
    """A new driver of the agency."""
    columns = _driver_columns(details)

    async def work(uow: UnitOfWork) -> Driver:
        driver = await Driver.create(agency_id=scope.agency_id, using_db=uow.conn, **columns)
        uow.record(ev.DRIVER_CREATED, driverId=driver.id, **_data(columns))
        return driver

    return await run_command(scope, clock, work)


async def update_driver(
    scope: Scope, clock: Clock, driver_id: int, details: DriverDetails
) -> Driver:
    """Change a driver; existing assignments keep the terms snapshotted when assigned."""
    columns = _driver_columns(details)

    async def work(uow: UnitOfWork) -> Driver:
        driver = await scope.get(Driver, driver_id, field=("id",), for_update=True)
        await Driver.filter(id=driver.id).using_db(uow.conn).update(**columns)
        driver.update_from_dict(columns)
        uow.record(ev.DRIVER_UPDATED, driverId=driver.id, driver_ids=[driver.id], **_data(columns))
        return driver

    return await run_command(scope, clock, work)


def _code_taken(code: str) -> DomainError:
    return DomainError(
        ErrorCode.CONFLICT,
        f"The agency already has a reason with code {code}.",
        field=_field("code"),
    )


async def create_reason(scope: Scope, clock: Clock, details: ReasonDetails) -> CancellationReason:
    """A new cancellation reason; its code is unique in the agency (CONFLICT otherwise)."""
    columns = _reason_columns(details)

    async def work(uow: UnitOfWork) -> CancellationReason:
        if (
            await scope.query(CancellationReason)
            .filter(code=columns["code"])
            .using_db(uow.conn)
            .exists()
        ):
            raise _code_taken(columns["code"])
        reason = await CancellationReason.create(
            agency_id=scope.agency_id, using_db=uow.conn, **columns
        )
        uow.record(ev.REASON_CREATED, reasonId=reason.id, **columns)
        return reason

    try:
        return await run_command(scope, clock, work)
    except IntegrityError:
        # A concurrent create of the same code won the unique index.
        raise _code_taken(columns["code"]) from None


async def update_reason(
    scope: Scope, clock: Clock, reason_id: int, details: ReasonDetails
) -> CancellationReason:
    """Change a reason; past cancellations keep the code and label they were given."""
    columns = _reason_columns(details)

    async def work(uow: UnitOfWork) -> CancellationReason:
        reason = await scope.get(CancellationReason, reason_id, field=("id",), for_update=True)
        taken = (
            await scope.query(CancellationReason)
            .filter(code=columns["code"])
            .exclude(id=reason.id)
            .using_db(uow.conn)
            .exists()
        )
        if taken:
            raise _code_taken(columns["code"])
        await CancellationReason.filter(id=reason.id).using_db(uow.conn).update(**columns)
        reason.update_from_dict(columns)
        uow.record(ev.REASON_UPDATED, reasonId=reason.id, **columns)
        return reason

    try:
        return await run_command(scope, clock, work)
    except IntegrityError:
        raise _code_taken(columns["code"]) from None
