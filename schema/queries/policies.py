"""Root query for cancellation policies."""

from __future__ import annotations

import strawberry

from resolvers import policies as rp
from schema import permissions as p
from schema.context import Info
from schema.types.policies import CancellationPolicy


@strawberry.type
class PolicyQuery:
    @strawberry.field(
        description="The agency's cancellation policies by name, each in its current version.",
        permission_classes=[p.READERS],
    )
    async def cancellation_policies(self, info: Info) -> list[CancellationPolicy]:
        return [
            CancellationPolicy.of(saved.policy, saved.terms)
            for saved in await rp.list_policies(info.context.scope)
        ]
