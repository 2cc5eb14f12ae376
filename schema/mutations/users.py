"""People mutations (ADMIN): users, their activation, their tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from models.agency import Role
from resolvers import users as uc
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.types.users import User

UserIdArg = Annotated[strawberry.ID, strawberry.argument(description="The user's global id.")]


@strawberry.input(description="A new user.")
class CreateUserInput:
    name: str = strawberry.field(description="The user's name.")
    role: Role = strawberry.field(description="What the user may do.")
    driver_id: strawberry.ID | None = strawberry.field(
        default=None, description="The driver a DRIVER user signs in for (DRIVER only)."
    )
    external_id: str | None = strawberry.field(
        default=None,
        description="Who the user is at the identity provider (its AUTH_USER_CLAIM claim).",
    )


@strawberry.input(description="What to change of a user; a null field leaves it as it is.")
class UpdateUserInput:
    name: str | None = strawberry.field(default=None, description="The user's name.")
    role: Role | None = strawberry.field(
        default=None, description="A new role; away from DRIVER, the driver link goes."
    )
    driver_id: strawberry.ID | None = strawberry.field(
        default=None, description="Link a DRIVER user to this driver instead."
    )
    external_id: str | None = strawberry.field(
        default=None, description='The identity provider id; "" removes it.'
    )


@payload("The result of creating or changing a user.")
class UserPayload(Payload):
    user: User | None = strawberry.field(default=None, description="The user; null when refused.")


@payload("A new bearer token: shown this once, never stored.")
class IssueTokenPayload(Payload):
    token: str | None = strawberry.field(
        default=None, description="The bearer token; null when refused."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When the token stops working."
    )
    user: User | None = strawberry.field(default=None, description="Whose token it is.")


def _driver(global_id: strawberry.ID | None) -> int | None:
    return None if global_id is None else decode_id(global_id, "Driver", ("input", "driverId"))


@strawberry.type
class UsersMutation:
    @mutation(description="Add a user to the agency.", permission_classes=[p.ADMIN])
    async def create_user(
        self,
        info: Info,
        input: Annotated[CreateUserInput, strawberry.argument(description="The new user.")],
    ) -> UserPayload:
        details = uc.UserDetails(
            name=input.name,
            role=input.role,
            driver_id=_driver(input.driver_id),
            external_id=input.external_id,
        )
        row = await uc.create_user(info.context.scope, info.context.clock, details)
        return UserPayload(user=User.of(row))

    @mutation(
        description="Change a user's name, role, driver link or identity provider id; a new "
        "role or driver link applies from the next request and ends the user's WebSockets.",
        permission_classes=[p.ADMIN],
    )
    async def update_user(
        self,
        info: Info,
        id: UserIdArg,
        input: Annotated[UpdateUserInput, strawberry.argument(description="What to change.")],
    ) -> UserPayload:
        pk = decode_id(id, "User", ("id",))
        changes = uc.UserChanges(
            name=input.name,
            role=input.role,
            driver_id=_driver(input.driver_id),
            external_id=input.external_id,
        )
        row = await uc.update_user(info.context.scope, info.context.clock, pk, changes)
        return UserPayload(user=User.of(row))

    @mutation(
        description="Deactivate a user: refused from their next request on, their WebSockets "
        "ended. The agency's last active ADMIN cannot be deactivated.",
        permission_classes=[p.ADMIN],
    )
    async def deactivate_user(self, info: Info, id: UserIdArg) -> UserPayload:
        pk = decode_id(id, "User", ("id",))
        row = await uc.set_active(info.context.scope, info.context.clock, pk, False)
        return UserPayload(user=User.of(row))

    @mutation(
        description="Let a deactivated user sign in again (with tokens not revoked meanwhile).",
        permission_classes=[p.ADMIN],
    )
    async def reactivate_user(self, info: Info, id: UserIdArg) -> UserPayload:
        pk = decode_id(id, "User", ("id",))
        row = await uc.set_active(info.context.scope, info.context.clock, pk, True)
        return UserPayload(user=User.of(row))

    @mutation(
        description="Refuse every token issued to the user until now (ours and the identity "
        "provider's), and end their WebSockets; the user stays active.",
        permission_classes=[p.ADMIN],
    )
    async def revoke_tokens(self, info: Info, user_id: UserIdArg) -> UserPayload:
        pk = decode_id(user_id, "User", ("userId",))
        row = await uc.revoke_tokens(info.context.scope, info.context.clock, pk)
        return UserPayload(user=User.of(row))

    @mutation(
        description="A bearer token for an active user (a driver's app, a reporting tool), "
        "shown once.",
        permission_classes=[p.ADMIN],
    )
    async def issue_token(
        self,
        info: Info,
        user_id: UserIdArg,
        days: Annotated[
            int, strawberry.argument(description="How many days it works (1 to 365).")
        ] = 30,
    ) -> IssueTokenPayload:
        pk = decode_id(user_id, "User", ("userId",))
        context = info.context
        issued = await uc.issue_user_token(
            context.scope, context.clock, context.settings.secret, pk, days
        )
        return IssueTokenPayload(
            token=issued.token, expires_at=issued.expires_at, user=User.of(issued.user)
        )
