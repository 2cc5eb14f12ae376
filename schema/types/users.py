"""The agency's people, as ADMIN manages them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from models import agency as m
from models.agency import Role
from models.people import Driver as DriverRow
from schema.ids import to_global_id
from schema.planning import to_one
from schema.types.node import Connection, Node

if TYPE_CHECKING:
    from schema.types.people import Driver


@strawberry.type(
    description="Someone who signs in: an admin, operator, reporter, or a driver's app."
)
class User(Node):
    row: strawberry.Private[m.User]

    @strawberry.field(description="The user's name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="What the user may do.")
    def role(self) -> Role:
        return self.row.role

    @strawberry.field(description="Whether the user may sign in; a deactivated user is refused.")
    def active(self) -> bool:
        return self.row.active

    @strawberry.field(
        description="Who the user is at the agency's identity provider: the value of its "
        "tokens' AUTH_USER_CLAIM claim (sub or email); null: our tokens only."
    )
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field(
        description="When the user's tokens were last revoked; tokens issued before are refused."
    )
    def tokens_revoked_at(self) -> datetime | None:
        return self.row.tokens_revoked_at

    @strawberry.field(description="When the user was created.")
    def created_at(self) -> datetime:
        return self.row.created_at

    driver = to_one(
        DriverRow,
        lambda user: user.row.driver_id,
        lambda row: _people().Driver.of(row),
        graphql_type=Annotated["Driver", strawberry.lazy("schema.types.people")] | None,
        description="The driver this user signs in for (DRIVER users only).",
        nullable=True,
    )

    @classmethod
    def of(cls, row: m.User) -> User:
        return cls(id=strawberry.ID(to_global_id("User", row.id)), row=row)


@strawberry.type(description="A page of users.")
class UserConnection(Connection[User]):
    pass


def _people() -> Any:
    import schema.types.people

    return schema.types.people
