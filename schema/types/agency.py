"""The agency (tenant) and the signed-in viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from models import agency as m
from models.agency import InvoicedCancellation, Role
from models.people import Driver as DriverRow
from schema.ids import to_global_id
from schema.planning import to_one
from schema.types.common import Money
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.people import Driver


@strawberry.type(
    description="The agency (tenant): its defaults apply where customers and drivers set none."
)
class Agency(Node):
    row: strawberry.Private[m.Agency]

    @strawberry.field(description="The agency's name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="IANA time zone for local dates, e.g. Europe/Paris.")
    def time_zone(self) -> str:
        return self.row.time_zone

    @strawberry.field(description="ISO 4217 currency of all amounts.")
    def currency(self) -> str:
        return self.row.currency

    @strawberry.field(description="Default cancellation window (minutes of notice).")
    def default_cancellation_window_minutes(self) -> int:
        return self.row.default_cancellation_window_minutes

    @strawberry.field(description="Default minimum billing time in minutes.")
    def default_minimum_billing_minutes(self) -> int:
        return self.row.default_minimum_billing_minutes

    @strawberry.field(description="What cancelling an invoiced mission does.")
    def invoiced_cancellation(self) -> InvoicedCancellation:
        return self.row.invoiced_cancellation

    @strawberry.field(description="The no-show fee, or null when the agency charges none.")
    def no_show_fee(self) -> Money | None:
        fee = self.row.no_show_fee
        return Money.of(fee, self.row.currency) if fee else None

    @classmethod
    def of(cls, row: m.Agency) -> Agency:
        return cls(id=strawberry.ID(to_global_id("Agency", row.id)), row=row)


@strawberry.type(description="The signed-in user.")
class Viewer:
    user: strawberry.Private[m.User]
    agency_row: strawberry.Private[m.Agency]

    @strawberry.field(description="The user's global id.")
    def user_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("User", self.user.id))

    @strawberry.field(description="The user's name.")
    def name(self) -> str:
        return self.user.name

    @strawberry.field(description="The user's role.")
    def role(self) -> Role:
        return self.user.role

    @strawberry.field(description="The user's agency.")
    def agency(self) -> Agency:
        return Agency.of(self.agency_row)

    driver = to_one(
        DriverRow,
        lambda viewer: viewer.user.driver_id,
        lambda row: _people().Driver.of(row),
        graphql_type=Annotated["Driver", strawberry.lazy("schema.types.people")] | None,
        description="The driver this user signs in for (drivers only).",
        nullable=True,
    )


def _people() -> Any:
    import schema.types.people

    return schema.types.people
