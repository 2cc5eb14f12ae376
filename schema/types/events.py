"""Audit events as the API shows them ("View full history")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry

from models import audit as m
from resolvers.paging import Key
from resolvers.parent_pages import pages_by_parent
from resolvers.sql import Statement
from schema.context import Info
from schema.ids import to_global_id
from schema.planning_pages import ParentPages, paged, pages_of
from schema.scalars import JSON
from schema.types.common import Actor
from schema.types.node import Edge, Node, PageInfo, page_connection


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
        return (
            strawberry.ID(to_global_id("Order", self.row.order_id)) if self.row.order_id else None
        )

    @strawberry.field(description="The mission concerned, if any.")
    def mission_id(self) -> strawberry.ID | None:
        r = self.row
        return strawberry.ID(to_global_id("Mission", r.mission_id)) if r.mission_id else None

    @strawberry.field(
        description="Details: reason code and label, note, requestedBy, missionsAffected, "
        "fromStatus, toStatus, billing decision, waiver, as applicable."
    )
    def data(self) -> JSON:
        return JSON(public_ids(self.row.data))

    @classmethod
    def of(cls, row: m.Event) -> Event:
        return cls(id=strawberry.ID(to_global_id("Event", row.id)), row=row)


@strawberry.type(description="A page of audit events, oldest first.")
class EventConnection:
    edges: list[Edge[Event]] = strawberry.field(description="The events of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more events exist.")


HISTORY_PARENTS = ("order_id", "mission_id", "cancellation_id")


def _history_of(column: str) -> ParentPages:
    async def read(info: Info, arguments: dict[str, Any], parent_ids: list[int]) -> dict[int, Any]:
        agency_id = info.context.scope.agency_id

        def source(sql: Statement, parents: Sequence[int]) -> tuple[str, str, list[str]]:
            where = [f't."agency_id" = {sql.bind(agency_id)}', sql.one_of(f't."{column}"', parents)]
            return '"event" t', f't."{column}"', where

        return await pages_by_parent(
            m.Event,
            source,
            parent_ids,
            [Key("id")],
            first=arguments.get("first"),
            after=arguments.get("after"),
        )

    return ParentPages(f"history of {column}", read)


HISTORY = {column: _history_of(column) for column in HISTORY_PARENTS}
"""The nested history connections: every parent's page of a level in one statement."""


def history_metadata(column: str) -> dict[str, Any]:
    """Field metadata of a `history` field of the parents whose events have `column`."""
    return pages_of(HISTORY[column], lambda parent: parent.row.id)


def history(info: Info, first: int | None, after: str | None, column: str, parent_id: int) -> Any:
    """The events of one order, mission or cancellation, oldest first (maybe awaitable)."""
    return paged(
        info,
        HISTORY[column],
        {"first": first, "after": after},
        parent_id,
        lambda page: page_connection(EventConnection, page, Event.of),
    )


# Event data keeps the database's ids; clients see global ids, as everywhere else.
ID_KEYS = {
    "creditNoteId": "CreditNote",
    "customerId": "Customer",
    "driverId": "Driver",
    "invoiceId": "Invoice",
    "reasonId": "CancellationReason",
    "seriesId": "Series",
    "missionIds": "Mission",
    "missionsAffected": "Mission",
    "pendingReviewItemId": "PendingReviewItem",
}


def public_ids(value: Any, type_name: str | None = None) -> Any:
    """`value` with every database id under a known key replaced by its global id."""
    if isinstance(value, dict):
        return {k: public_ids(v, ID_KEYS.get(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [public_ids(v, type_name) for v in value]
    if type_name is not None and isinstance(value, int) and not isinstance(value, bool):
        return to_global_id(type_name, value)
    return value
