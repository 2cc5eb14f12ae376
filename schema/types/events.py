"""Audit events as the API shows them ("View full history")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry

from models import audit as m
from resolvers.paging import Key, Page, decode_cursor, encode_cursor, page_size
from schema.context import Info
from schema.ids import to_global_id
from schema.scalars import JSON
from schema.types.common import Actor
from schema.types.node import Edge, Node, PageInfo, connection


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


async def history(
    info: Info, first: int | None, after: str | None, **parent: int
) -> EventConnection:
    """Events of one order, mission or cancellation (`parent`), oldest first.

    Batched: every history asked for with the same `first`/`after` in one operation (a
    page of the Cancelled tab, say) is read with one windowed query and one fetch.
    """
    ((column, parent_id),) = parent.items()
    assert column in HISTORY_PARENTS
    agency_id = info.context.scope.agency_id

    async def read() -> Page[m.Event]:
        size = page_size(first)
        after_id = int(decode_cursor(after, [Key("id")], m.Event)[0]) if after else 0

        async def load(parent_ids: Sequence[int]) -> list[list[m.Event]]:
            return await _first_events(agency_id, column, list(parent_ids), size + 1, after_id)

        loader = info.context.loaders.batch(("history", column, size, after_id), load)
        rows = await loader.load(parent_id)
        return Page(
            rows=rows[:size],
            cursors=[encode_cursor([r.id]) for r in rows[:size]],
            has_next=len(rows) > size,
            has_previous=bool(after),
        )

    return await connection(EventConnection, read(), Event.of)


async def _first_events(
    agency_id: int, column: str, parent_ids: list[int], limit: int, after_id: int
) -> list[list[m.Event]]:
    """For each parent, its first `limit` events with an id above `after_id`."""
    db = m.Event._meta.db
    mark = "${}" if db.capabilities.dialect == "postgres" else "?"
    ids = list(dict.fromkeys(parent_ids))
    values = [agency_id, after_id, *ids, limit]
    marks = [mark.format(i + 1) for i in range(len(values))]
    ranked = await db.execute_query_dict(
        f"SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY {column} ORDER BY id) AS n "
        f"FROM event WHERE agency_id = {marks[0]} AND id > {marks[1]} "
        f"AND {column} IN ({', '.join(marks[2:-1])})) AS ranked WHERE n <= {marks[-1]}",
        values,
    )
    grouped: dict[int, list[m.Event]] = defaultdict(list)
    if ranked:
        for row in await m.Event.filter(id__in=[r["id"] for r in ranked]).order_by("id"):
            grouped[getattr(row, column)].append(row)
    return [grouped.get(i, []) for i in parent_ids]


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
