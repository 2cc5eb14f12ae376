"""Small value types shared by many: money and the actor of a change."""

from __future__ import annotations

from decimal import Decimal as PyDecimal

import strawberry

from models.agency import Role
from schema.scalars import Decimal

CENT = PyDecimal("0.01")


@strawberry.type(description="An amount in a currency.")
class Money:
    amount: Decimal = strawberry.field(description="The amount, exact to the cent.")
    currency: str = strawberry.field(description="ISO 4217 currency code, e.g. EUR.")

    @classmethod
    def of(cls, amount: PyDecimal, currency: str) -> Money:
        return cls(amount=amount.quantize(CENT), currency=currency)  # type: ignore[arg-type]


@strawberry.type(description="Who made a change, as recorded at the time.")
class Actor:
    user_id: strawberry.ID = strawberry.field(description="The user's global id.")
    name: str = strawberry.field(description="The user's name at the time.")
    role: Role = strawberry.field(description="The user's role at the time.")

    @classmethod
    def of(cls, user_id: int | None, name: str, role: str) -> Actor:
        from schema.ids import to_global_id

        return cls(
            user_id=strawberry.ID(to_global_id("User", user_id or 0)), name=name, role=Role(role)
        )
