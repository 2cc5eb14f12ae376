"""Agency settings and reference data mutations (ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.agency import InvoicedCancellation
from resolvers import reference_data as rd
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.scalars import Decimal
from schema.types.agency import Agency
from schema.types.cancellations import CancellationReason
from schema.types.people import Customer, Driver

IdArg = Annotated[
    strawberry.ID, strawberry.argument(description="The global id of the record to change.")
]


@strawberry.input(
    description="Agency settings to change; a null field leaves that setting as it is."
)
class AgencySettingsInput:
    time_zone: str | None = strawberry.field(
        default=None, description="IANA time zone, e.g. Europe/Paris."
    )
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 currency code, e.g. EUR."
    )
    default_cancellation_window_minutes: int | None = strawberry.field(
        default=None, description="Default cancellation window in minutes of notice (0 or more)."
    )
    default_minimum_billing_minutes: int | None = strawberry.field(
        default=None, description="Default minimum billing time in minutes (0 or more)."
    )
    invoiced_cancellation: InvoicedCancellation | None = strawberry.field(
        default=None, description="What cancelling a mission on an issued invoice does."
    )
    no_show_fee: Decimal | None = strawberry.field(
        default=None, description='The no-show fee; null: unchanged; "0": no fee.'
    )


@strawberry.input(description="A customer's name and terms.")
class CustomerInput:
    name: str = strawberry.field(description="The customer's name.")
    billing_rate_per_hour: Decimal = strawberry.field(
        description="What the customer pays per hour."
    )
    cancellation_window_minutes: int | None = strawberry.field(
        default=None, description="Cancellation window in minutes; null: the agency default."
    )
    minimum_billing_minutes: int | None = strawberry.field(
        default=None, description="Minimum billing time in minutes; null: the agency default."
    )


@strawberry.input(description="A driver's name and terms.")
class DriverInput:
    name: str = strawberry.field(description="The driver's name.")
    pay_rate_per_hour: Decimal = strawberry.field(description="What the driver is paid per hour.")
    cancellation_window_minutes: int | None = strawberry.field(
        default=None, description="Cancellation window in minutes; null: the agency default."
    )
    active: bool | None = strawberry.field(
        default=True, description="Whether the driver can be assigned."
    )


@strawberry.input(description="An entry of the reference list of cancellation reasons.")
class CancellationReasonInput:
    code: str = strawberry.field(description="Stable code, unique in the agency, e.g. WEATHER.")
    label: str = strawberry.field(description="What dispatchers see.")
    active: bool | None = strawberry.field(
        default=True, description="Whether cancellations may use it."
    )


@payload("The result of changing the agency's settings.")
class AgencyPayload(Payload):
    agency: Agency | None = strawberry.field(
        default=None, description="The agency; null when refused."
    )


@payload("The result of creating or changing a customer.")
class CustomerPayload(Payload):
    customer: Customer | None = strawberry.field(
        default=None, description="The customer; null when refused."
    )


@payload("The result of creating or changing a driver.")
class DriverPayload(Payload):
    driver: Driver | None = strawberry.field(
        default=None, description="The driver; null when refused."
    )


@payload("The result of creating or changing a cancellation reason.")
class CancellationReasonPayload(Payload):
    reason: CancellationReason | None = strawberry.field(
        default=None, description="The reason; null when refused."
    )


def _customer(data: CustomerInput) -> rd.CustomerDetails:
    return rd.CustomerDetails(
        name=data.name,
        billing_rate_per_hour=data.billing_rate_per_hour,
        cancellation_window_minutes=data.cancellation_window_minutes,
        minimum_billing_minutes=data.minimum_billing_minutes,
    )


def _driver(data: DriverInput) -> rd.DriverDetails:
    return rd.DriverDetails(
        name=data.name,
        pay_rate_per_hour=data.pay_rate_per_hour,
        cancellation_window_minutes=data.cancellation_window_minutes,
        active=data.active is not False,
    )


def _reason(data: CancellationReasonInput) -> rd.ReasonDetails:
    return rd.ReasonDetails(code=data.code, label=data.label, active=data.active is not False)


@strawberry.type
class ReferenceMutation:
    @mutation(
        description="Change the agency's defaults; existing bookings keep their terms.",
        permission_classes=[p.ADMIN],
    )
    async def update_agency_settings(
        self,
        info: Info,
        input: Annotated[
            AgencySettingsInput, strawberry.argument(description="The settings to change.")
        ],
    ) -> AgencyPayload:
        settings = rd.AgencySettings(
            time_zone=input.time_zone,
            currency=input.currency,
            default_cancellation_window_minutes=input.default_cancellation_window_minutes,
            default_minimum_billing_minutes=input.default_minimum_billing_minutes,
            invoiced_cancellation=input.invoiced_cancellation,
            no_show_fee=input.no_show_fee,
        )
        row = await rd.update_agency_settings(info.context.scope, info.context.clock, settings)
        return AgencyPayload(agency=Agency.of(row))

    @mutation(description="Add a customer.", permission_classes=[p.ADMIN])
    async def create_customer(
        self,
        info: Info,
        input: Annotated[CustomerInput, strawberry.argument(description="The new customer.")],
    ) -> CustomerPayload:
        row = await rd.create_customer(info.context.scope, info.context.clock, _customer(input))
        return CustomerPayload(customer=Customer.of(row))

    @mutation(
        description="Change a customer; missions already booked keep their terms.",
        permission_classes=[p.ADMIN],
    )
    async def update_customer(
        self,
        info: Info,
        id: IdArg,
        input: Annotated[
            CustomerInput, strawberry.argument(description="The customer's new details.")
        ],
    ) -> CustomerPayload:
        pk = decode_id(id, "Customer", ("id",))
        row = await rd.update_customer(info.context.scope, info.context.clock, pk, _customer(input))
        return CustomerPayload(customer=Customer.of(row))

    @mutation(description="Add a driver.", permission_classes=[p.ADMIN])
    async def create_driver(
        self,
        info: Info,
        input: Annotated[DriverInput, strawberry.argument(description="The new driver.")],
    ) -> DriverPayload:
        row = await rd.create_driver(info.context.scope, info.context.clock, _driver(input))
        return DriverPayload(driver=Driver.of(row))

    @mutation(
        description="Change a driver; existing assignments keep their terms.",
        permission_classes=[p.ADMIN],
    )
    async def update_driver(
        self,
        info: Info,
        id: IdArg,
        input: Annotated[DriverInput, strawberry.argument(description="The driver's new details.")],
    ) -> DriverPayload:
        pk = decode_id(id, "Driver", ("id",))
        row = await rd.update_driver(info.context.scope, info.context.clock, pk, _driver(input))
        return DriverPayload(driver=Driver.of(row))

    @mutation(
        description="Add a cancellation reason (code unique in the agency).",
        permission_classes=[p.ADMIN],
    )
    async def create_cancellation_reason(
        self,
        info: Info,
        input: Annotated[
            CancellationReasonInput, strawberry.argument(description="The new reason.")
        ],
    ) -> CancellationReasonPayload:
        row = await rd.create_reason(info.context.scope, info.context.clock, _reason(input))
        return CancellationReasonPayload(reason=CancellationReason.of(row))

    @mutation(
        description="Change a cancellation reason; past cancellations keep their code and label.",
        permission_classes=[p.ADMIN],
    )
    async def update_cancellation_reason(
        self,
        info: Info,
        id: IdArg,
        input: Annotated[
            CancellationReasonInput, strawberry.argument(description="The reason's new details.")
        ],
    ) -> CancellationReasonPayload:
        pk = decode_id(id, "CancellationReason", ("id",))
        row = await rd.update_reason(info.context.scope, info.context.clock, pk, _reason(input))
        return CancellationReasonPayload(reason=CancellationReason.of(row))
