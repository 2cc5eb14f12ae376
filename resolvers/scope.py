"""The one way resolvers reach data: everything is scoped to the caller's agency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.agency import Role
from models.domain.errors import DomainError, ErrorCode

M = TypeVar("M", bound=Model)

NOT_FOUND_LABELS = {
    "Mission": "mission",
    "Order": "order",
    "Customer": "customer",
    "Driver": "driver",
    "Cancellation": "cancellation",
    "CancellationReason": "cancellation reason",
    "Invoice": "invoice",
    "PendingReviewItem": "review item",
    "Series": "series",
    "Event": "event",
    "User": "user",
}


@dataclass(frozen=True)
class Scope:
    """Who is acting, for which agency. Every query a resolver makes starts here."""

    agency_id: int
    user_id: int
    user_name: str
    role: Role
    driver_id: int | None = None

    def query(self, model: type[M]) -> QuerySet[M]:
        """All rows of `model` that belong to this agency."""
        return model.filter(agency_id=self.agency_id)

    async def get(
        self,
        model: type[M],
        pk: int | None,
        *,
        field: tuple[str, ...] | None = None,
        for_update: bool = False,
        **filters: Any,
    ) -> M:
        """One row of this agency, or NOT_FOUND exactly as if it did not exist."""
        if pk is None:
            raise not_found(model, field)
        qs = self.query(model).filter(id=pk, **filters)
        if for_update:
            qs = qs.select_for_update(no_key=True)
        row = await qs.first()
        if row is None:
            raise not_found(model, field)
        return row

    @property
    def is_driver(self) -> bool:
        """Whether the caller is a driver's app, which sees only that driver's missions,
        orders and notices (resolvers/visibility.py). The one test of it: the role."""
        return self.role is Role.DRIVER

    @property
    def actor(self) -> dict[str, Any]:
        """The actor as the audit trail records it."""
        return {"userId": self.user_id, "name": self.user_name, "role": self.role.value}


def not_found(model: type[Model], field: tuple[str, ...] | None = None) -> DomainError:
    """The NOT_FOUND error for a model, worded for a dispatcher."""
    label = NOT_FOUND_LABELS.get(model.__name__, model.__name__.lower())
    return DomainError(ErrorCode.NOT_FOUND, f"No such {label}.", field=field)
