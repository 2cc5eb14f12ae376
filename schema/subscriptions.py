"""The Subscription root: live notices over WebSocket, resumable with `after`."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from time import perf_counter
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from observability import logs, metrics
from resolvers import visibility
from schema.context import Info
from schema.direct_frames import socket_sink
from schema.permissions import DISPATCH, DRIVER
from schema.shared_execution import subscribing
from schema.types.notices import DispatchNotice, DriverNotice, notice_of
from subscriptions.hub import BufferOverflow, NoticeStream
from subscriptions.notices import (
    DISPATCH_TYPES,
    DRIVER_TYPES,
    Accept,
    decode_cursor,
    encode_cursor,
    for_dispatch,
    for_driver,
)
from subscriptions.runtime import active_runtime

log = logging.getLogger("dispatch.errors")

AFTER = (
    "The `cursor` of the last notice received: every later notice is sent first, in order, "
    "then live ones. Leave out to start with the next change."
)


def _after_seq(after: str | None, agency_id: int) -> int | None:
    if after is None:
        return None
    parsed = decode_cursor(after)
    if parsed is None or parsed[0] != agency_id:
        raise GraphQLError(
            "This cursor is not a notice cursor of your agency.",
            extensions={"code": "BAD_USER_INPUT", "argument": "after"},
        )
    return parsed[1]


async def _notices(
    info: Info, after: str | None, accept: Accept, types: frozenset[str], kind: str
) -> AsyncGenerator[object, None]:
    open_gauge = metrics.SUBSCRIPTIONS.labels(kind)
    sent = metrics.NOTICES_SENT.labels(kind)
    context = info.context
    if logs.ACCESS_LOG:
        logs.subscription_line("subscription_start", context.request_id, context.principal, kind)
    started, outcome = perf_counter(), "closed"
    tally = _Tally(sent)
    open_gauge.inc()
    try:
        async with aclosing(_stream(info, after, accept, types, kind, tally)) as notices:
            async for notice in notices:
                tally()
                yield notice
    except GraphQLError as exc:
        outcome = f"graphql:{(exc.extensions or {}).get('code')}"
        raise
    finally:
        open_gauge.dec()
        if logs.ACCESS_LOG:
            logs.subscription_line(
                "subscription_stop",
                context.request_id,
                context.principal,
                kind,
                seconds=perf_counter() - started,
                notices=tally.count,
                outcome=outcome,
            )


class _Tally:
    """The notices a subscription delivered, by its stream or by the hub (a frame the hub
    wrote, subscriptions/direct.py)."""

    __slots__ = ("count", "sent")

    def __init__(self, sent: Any) -> None:
        self.count = 0
        self.sent = sent

    def __call__(self, n: int = 1) -> None:
        self.count += n
        metrics.PER_PASS.add((self.sent, n))


async def _stream(
    info: Info,
    after: str | None,
    accept: Accept,
    types: frozenset[str],
    kind: str,
    tally: _Tally,
) -> AsyncGenerator[object, None]:
    scope = info.context.scope
    runtime = active_runtime(info.context)
    executor = subscribing()  # taken whether the hub leads or not (held by the sink only)
    stream = NoticeStream(
        runtime.hub,
        scope.agency_id,
        accept,
        after=_after_seq(after, scope.agency_id),
        types=types,
        idle_check=runtime.idle_check,
        sink=socket_sink(info, tally, lead=executor if runtime.hub.leads else None)
        if runtime.hub.direct
        else None,
    )
    try:
        async with aclosing(stream.__aiter__()) as events:
            async for event in events:
                # Each notice reads rows as they are now, not as a previous notice cached them.
                info.context.reset_loaders()
                yield notice_of(event)
    except BufferOverflow as exc:
        metrics.NOTICES_DROPPED.labels(kind).inc()
        cursor = encode_cursor(scope.agency_id, exc.last_seq)
        raise GraphQLError(
            "You fell too far behind and this subscription ended. Subscribe again with "
            f'after: "{cursor}" to receive every notice since the last one you got.',
            extensions={"code": "SUBSCRIBER_TOO_SLOW", "after": cursor},
        ) from None
    except GraphQLError:
        raise
    except Exception:
        # A failure in the stream itself (the database during a catch-up, say) has no
        # field path, so the masking extension would pass it through: mask it here.
        log.exception("notice stream failed in request %s", info.context.request_id)
        raise GraphQLError(
            "Internal error; it was logged. Subscribe again with after: the last cursor "
            "you received to continue.",
            extensions={"code": "INTERNAL_ERROR"},
        ) from None


@strawberry.type(
    description="Live notices, pushed over WebSocket (graphql-transport-ws or graphql-ws)."
)
class Subscription:
    @strawberry.subscription(
        description="The dispatch board's notices for your agency: cancellations, freed "
        "slots, reopened missions, status changes. OPERATOR and ADMIN.",
        permission_classes=[DISPATCH],
    )
    async def dispatch_notices(
        self,
        info: Info,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> AsyncGenerator[DispatchNotice, None]:
        async with aclosing(
            _notices(info, after, for_dispatch, DISPATCH_TYPES, "dispatchNotices")
        ) as notices:
            async for notice in notices:
                yield notice  # type: ignore[misc]

    @strawberry.subscription(
        description="A driver's own notices: missions assigned, unassigned or cancelled. DRIVER.",
        permission_classes=[DRIVER],
    )
    async def driver_notices(
        self,
        info: Info,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> AsyncGenerator[DriverNotice, None]:
        driver_id = visibility.own_driver_id(info.context.scope)
        if driver_id is None or driver_id == visibility.UNLINKED:
            raise GraphQLError(
                "This account is not linked to a driver.", extensions={"code": "FORBIDDEN"}
            )
        async with aclosing(
            _notices(info, after, for_driver(driver_id), DRIVER_TYPES, "driverNotices")
        ) as notices:
            async for notice in notices:
                yield notice  # type: ignore[misc]
