"""Audit events as the API shows them ("View full history")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from models import audit as m
from resolvers.paging import Key, keyset_page
from schema.ids import to_global_id
from schema.scalars import JSON
from schema.types.common import Actor
from schema.types.node import Edge, Node, PageInfo, page_info


@strawberry.type(description="One immutable audit-trail entry.")
class Event(Node):
    row: strawberry.Private[m.Event]

    @strawberry.field(description="What happened, past tense, e.g. MissionCancelled.")
    def type(self) -> str:
        return self.row.type

    @strawberry.field(description="When it happened (UTC).")
    def occurred_at(self) -> datetime:
        return self.row.occurred_at

    @strawberry.field(description="Who did it.")
    def actor(self) -> Actor:
        r = self.row
        return Actor.of(r.actor_user_id, r.actor_name, r.actor_role)

    @strawberry.field(description="The order concerned, if any.")
    def order_id(self) -> strawberry.ID | None:
        return strawberry.ID(to_global_id("Order", self.row.order_id)) if self.row.order_id else None

    @strawberry.field(description="The mission concerned, if any.")
    def mission_id(self) -> strawberry.ID | None:
        r = self.row
        return strawberry.ID(to_global_id("Mission", r.mission_id)) if r.mission_id else None

    @strawberry.field(
        description="Details: reason code and label, note, requestedBy, missionsAffected, "
        "fromStatus, toStatus, billing decision, waiver, as applicable."
    )
    def data(self) -> JSON:
        data: dict[str, Any] = self.row.data
        return data

    @classmethod
    def of(cls, row: m.Event) -> Event:
        return cls(id=strawberry.ID(to_global_id("Event", row.id)), row=row)


@strawberry.type(description="A page of audit events, oldest first.")
class EventConnection:
    edges: list[Edge[Event]] = strawberry.field(description="The events of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more events exist.")


async def history(
    agency_id: int, first: int | None, after: str | None, **filters: int
) -> EventConnection:
    """Events matching `filters` (order_id, mission_id or cancellation_id), oldest first."""
    qs = m.Event.filter(agency_id=agency_id, **filters)
    page = await keyset_page(qs, first=first, after=after, keys=[Key("id")])
    return EventConnection(
        edges=[Edge(cursor=c, node=Event.of(r)) for r, c in zip(page.rows, page.cursors, strict=True)],
        page_info=page_info(page),  # type: ignore[arg-type]
    )
