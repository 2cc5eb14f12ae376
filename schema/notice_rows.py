"""The rows a live notice names, read once per event for all its subscribers, and read
as the event arrives when the notices of its type needed them lately.

A notice's `mission`, `order`, `cancellation` or `driver` is a row the event names by id
(`ROW_OF`). The first subscriber's execution to ask starts the read; every other
subscriber of the same live event awaits that same read (`shared_row`). Started by the
execution, the read waits for the leader stream to wake and reach the field, which at a
hundred boards is after the hub has handed the event to all of them: about a millisecond
in which the database sits idle. So the hub also tells the app's `NoticeRows` of the
events someone hears as they arrive (before handing them out): the rows that notices of
each event's type asked for within the last `REMEMBER` seconds are read then, one
statement per model, and the executions find the read under way or done. A type whose
notices stopped asking for a row (the boards changed their query) stops costing a read
once REMEMBER has passed; a read ahead that fails leaves each execution to read its row
itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar

from tortoise.models import Model

from models.cancellations import Cancellation as CancellationRow
from models.orders import Mission as MissionRow
from models.orders import Order as OrderRow
from models.people import Driver as DriverRow
from schema.loaders import rows_by_ids
from subscriptions.notices import NoticeEvent, shared_get, shared_put

M = TypeVar("M", bound=Model)

log = logging.getLogger("dispatch.notices")

REMEMBER = 60.0
"""Seconds after a notice of a type last asked for a row during which that type's events
have the row read on arrival."""


def driver_of(event: NoticeEvent) -> int | None:
    driver_id = event.data.get("driverId") or (event.driver_ids or (None,))[0]
    try:
        return int(driver_id) if driver_id is not None else None
    except (TypeError, ValueError):
        return None


ROW_OF: dict[type[Model], Callable[[NoticeEvent], int | None]] = {
    MissionRow: lambda event: event.mission_id,
    OrderRow: lambda event: event.order_id,
    CancellationRow: lambda event: event.cancellation_id,
    DriverRow: driver_of,
}
"""The row of each model an event names (its primary key), if any."""


class NoticeRows:
    """Which rows the notices of each event type asked for, and when last."""

    def __init__(self) -> None:
        self._asked: dict[str, dict[type[Model], float]] = {}

    def asked(self, event: NoticeEvent, model: type[Model]) -> None:
        """A notice of `event`'s type needed its `model` row."""
        self._asked.setdefault(event.type, {})[model] = time.monotonic()

    def prefetch(self, events: list[NoticeEvent]) -> bool:
        """Start reading the rows the notices of these events' types asked for lately,
        one statement per model and agency; whether any read was started."""
        wanted: dict[tuple[int, type[Model]], dict[int, list[NoticeEvent]]] = {}
        now = time.monotonic()
        for event in events:
            asked = self._asked.get(event.type)
            if not asked:
                continue
            for model, at in list(asked.items()):
                if now - at > REMEMBER:
                    del asked[model]
                    continue
                pk = ROW_OF[model](event)
                if pk and shared_get(event, (model, pk)) is None:
                    by_pk = wanted.setdefault((event.agency_id, model), {})
                    by_pk.setdefault(pk, []).append(event)
        for (agency_id, model), by_pk in wanted.items():
            _read_ahead(agency_id, model, by_pk)
        return bool(wanted)


def rows_of(context: Any) -> NoticeRows | None:
    """The memory of the app serving `context` (app.py puts it on the app's state)."""
    try:
        rows = context.request.app.state.notice_rows
    except (AttributeError, KeyError):
        return None
    return rows if isinstance(rows, NoticeRows) else None


_READ_AGAIN: Any = object()
"""What a read ahead that failed gives those already waiting on it: read it yourselves."""


def _start(
    event: NoticeEvent, model: type[M], read: Callable[[int], Awaitable[M | None]]
) -> asyncio.Future[M | None]:
    """The event's shared read of its `model` row: the one under way, or `read(pk)`."""
    key = (model, ROW_OF[model](event) or 0)
    future: asyncio.Future[M | None] | None = shared_get(event, key)
    if future is None:
        future = asyncio.ensure_future(read(key[1]))
        shared_put(event, key, future)
    return future


def _read_ahead(agency_id: int, model: type[M], by_pk: dict[int, list[NoticeEvent]]) -> None:
    """One statement for the `model` rows these events name; each event's row is kept
    on it as the executions' `shared_row` would (key, and a future of the row)."""
    loop = asyncio.get_running_loop()
    rows: dict[int, asyncio.Future[M | None]] = {}
    for pk, events in by_pk.items():
        rows[pk] = loop.create_future()
        for event in events:
            shared_put(event, (model, pk), rows[pk])
    read = asyncio.ensure_future(rows_by_ids(model, list(by_pk), agency_id))
    read.add_done_callback(partial(_settle, model, by_pk, rows))


def _settle(
    model: type[Model],
    by_pk: dict[int, list[NoticeEvent]],
    rows: dict[int, asyncio.Future[Any]],
    read: asyncio.Future[list[Any]],
) -> None:
    if read.cancelled() or read.exception() is not None:
        # A guess that failed is nobody's error: the executions read the row themselves,
        # through their own loaders, as if nothing had been read ahead.
        if not read.cancelled():
            log.warning("notices: reading ahead %d rows failed: %s", len(rows), read.exception())
        for pk, events in by_pk.items():
            for event in events:
                if shared_get(event, (model, pk)) is rows[pk]:
                    del event.shared[(model, pk)]
            rows[pk].set_result(_READ_AGAIN)
        return
    found = {row.pk: row for row in read.result()}
    for pk, future in rows.items():
        if not future.done():
            future.set_result(found.get(pk))


async def shared_row(context: Any, event: NoticeEvent, model: type[M]) -> M | None:
    """The `model` row the event names, as it is now (None when there is none, or it is
    not the caller's agency's), read once for every subscriber of the same live event.

    The read is shielded so that one client leaving does not cancel it for the rest.
    """
    scope = getattr(getattr(context, "loaders", None), "scope", None)
    if scope is None or scope.agency_id != event.agency_id:
        return None  # the hub routes by agency: defence in depth only
    if (rows := rows_of(context)) is not None:
        rows.asked(event, model)
    # Through the caller's loader: the executions of a catch-up's events start together
    # on the same loaders, so their rows come in one statement, not one each.
    load = context.loaders.row(model).load
    row: M | None = await asyncio.shield(_start(event, model, load))
    if row is _READ_AGAIN:  # the read ahead failed: this execution reads it
        row = await asyncio.shield(_start(event, model, load))
    return row
