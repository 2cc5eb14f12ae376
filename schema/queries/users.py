"""The agency's users (ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.agency import Role
from resolvers import listings
from schema import permissions as p
from schema.context import Info
from schema.selection import selects
from schema.types.node import PageAfter, PageFirst, connection
from schema.types.users import User, UserConnection


@strawberry.input(description="Which users to list.")
class UserFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, any case (at most 200 characters)."
    )
    roles: list[Role] | None = strawberry.field(default=None, description="Only these roles.")
    active: bool | None = strawberry.field(
        default=None, description="Only active (true) or deactivated (false) users; null: both."
    )


@strawberry.type
class UsersQuery:
    @strawberry.field(
        description="The agency's users by name. ADMIN.", permission_classes=[p.ADMIN]
    )
    async def users(
        self,
        info: Info,
        filter: Annotated[
            UserFilter | None, strawberry.argument(description="Which users.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> UserConnection:
        f = filter or UserFilter()
        page = listings.users_page(
            info.context.scope,
            search=f.search,
            roles=[r.value for r in f.roles or ()],
            active=f.active,
            first=first,
            after=after,
            with_total=selects(info, "totalCount"),
        )
        return await connection(UserConnection, page, User.of)
