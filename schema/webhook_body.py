"""The body of a webhook delivery: the notice exactly as its subscription gives it.

The selection below is executed by graphql-core against the real schema, with the
notice as the subscription event (`notice_of`, what `dispatchNotices` / `driverNotices`
yield), as a board (ADMIN of the agency) or as the delivery's driver: the same types,
the same JSON, the same cursor, and a driver's delivery shows only what that driver
may read.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import DocumentNode, Executor, execute_subscription_event, parse

from models.agency import Agency, Role, User
from models.config import Settings
from models.webhooks import WebhookDelivery
from resolvers.clock import SystemClock
from resolvers.tokens import Principal
from schema.context import Context
from schema.ids import to_global_id
from schema.types.notices import notice_of
from subscriptions.notices import NoticeEvent

MISSION = "mission { id status pickupAt estimatedEndAt order { id reference status } }"

DISPATCH = parse(
    f"""subscription {{ dispatchNotices {{
  __typename
  ... on Notice {{ cursor occurredAt }}
  ... on MissionCancelledNotice {{ {MISSION} cancellation {{ id reasonCode requestedBy }} reasonLabel }}
  ... on OrderCancelledNotice {{ order {{ id reference status }} missionIds }}
  ... on SlotReleasedNotice {{ driver {{ id name }} from to missionId }}
  ... on MissionReopenedNotice {{ {MISSION} }}
  ... on MissionStatusChangedNotice {{ {MISSION} fromStatus toStatus }}
  ... on WebhookEndpointDisabledNotice {{ endpointId url reason }}
}} }}"""
)

DRIVER = parse(
    f"""subscription {{ driverNotices {{
  __typename
  ... on Notice {{ cursor occurredAt }}
  ... on MissionCancelledNotice {{ {MISSION} reasonLabel }}
  ... on MissionAssignedNotice {{ {MISSION} }}
  ... on MissionUnassignedNotice {{ missionId }}
}} }}"""
)


class RenderError(Exception):
    """The notice could not be executed (a row it names is gone, say)."""


def make_renderer(
    settings: Settings,
) -> Callable[[NoticeEvent, WebhookDelivery], Awaitable[dict[str, Any]]]:
    """The worker's `Render` for this process."""
    from schema.build import schema

    graphql_schema = schema._schema

    async def render(event: NoticeEvent, delivery: WebhookDelivery) -> dict[str, Any]:
        agency = await Agency.get(id=event.agency_id)
        driver_id = delivery.driver_id
        user = User(
            id=0,
            agency=agency,
            name="Webhook delivery",
            role=Role.DRIVER if driver_id else Role.ADMIN,
            driver_id=driver_id,
            active=True,
        )
        context = Context(
            settings=settings,
            clock=SystemClock(),
            principal=Principal(user),
            request_id=f"webhook-{delivery.id}",
        )
        document: DocumentNode = DRIVER if driver_id else DISPATCH
        executor = Executor.build(graphql_schema, document, context_value=context)
        if isinstance(executor, list):
            raise RenderError(str(executor))
        result: Any = execute_subscription_event(
            executor.build_per_event_executor(notice_of(event))
        )
        if inspect.isawaitable(result):
            result = await result
        if result.errors:
            raise RenderError("; ".join(e.message for e in result.errors))
        (notice,) = result.data.values()
        return {
            "type": notice["__typename"],
            "cursor": event.cursor,
            "occurredAt": event.occurred_at.isoformat(),
            "driverId": to_global_id("Driver", driver_id) if driver_id else None,
            "notice": notice,
        }

    return render
