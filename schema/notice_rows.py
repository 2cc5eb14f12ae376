"""The rows a live notice names, read once per event for all its subscribers, and read
as the event arrives when the notices of its type needed them lately.

A notice's `mission`, `order`, `cancellation` or `driver` is a row the event names by id
(`row_of`). An event that came with its rows (its command read them in its transaction
and sent them with it: resolvers/carried_rows.py) needs no read: the row is built from
the columns it came with, as a read would build it. Otherwise the first subscriber's
execution to ask starts the read; every other subscriber of the same live event awaits
that same read (`shared_row`). Started by the
execution, the read waits for the leader stream to wake and reach the field, which at a
hundred boards is after the hub has handed the event to all of them: about a millisecond
in which the database sits idle. So the hub also tells the app's `NoticeRows` of the
events someone hears as they arrive (before handing them out): the rows that notices of
each event's type asked for within the last `REMEMBER` seconds are read then, one
statement per model, and the executions find the read under way or done. A type whose
notices stopped asking for a row (the boards changed their query) stops costing a read
once REMEMBER has passed; a read ahead that fails leaves each execution to read its row
itself.

A notice that asks for nothing of the row but its `id` (a board that finds the mission in
what it already shows, say) reads nothing: the event names the row by its primary key,
rows are never deleted and an event is its own agency's, so the id is what the read
would answer (`notice_row`). Its execution then waits on no database backend, which at
the moment of a commit's fan-out is a wait for a busy core (README, "Notices,
2026-12-06").
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar

from tortoise.models import Model

from models.people import Driver as DriverRow
from resolvers import carried_rows
from schema.loaders import rows_by_ids
from schema.selection import selects_only
from subscriptions.notices import CARRIED, NoticeEvent, shared_get, shared_put

M = TypeVar("M", bound=Model)

log = logging.getLogger("dispatch.notices")

REMEMBER = 60.0
"""Seconds after a notice of a type last asked for a row during which that type's events
have the row read on arrival."""


_NAME_OF: dict[type[Model], str] = {model: name for name, model in carried_rows.MODELS.items()}


def row_of(model: type[Model], event: NoticeEvent) -> int | None:
    """The primary key of the `model` row the event names, if any (one rule for the
    rows read here and the rows its command sent with it: resolvers/carried_rows.py)."""
    return carried_rows.named(event).get(_NAME_OF[model])


def driver_of(event: NoticeEvent) -> int | None:
    return row_of(DriverRow, event)


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
                pk = row_of(model, event)
                if pk and shared_get(event, (model, pk)) is None and not _carried(event, model):
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
    """The event's shared read of its `model` row: the one under way, the row it came
    with, or `read(pk)`."""
    key = (model, row_of(model, event) or 0)
    future: asyncio.Future[M | None] | None = shared_get(event, key) or _carried(event, model)
    if future is None:
        future = asyncio.ensure_future(read(key[1]))
        shared_put(event, key, future)
    return future


def _carried(event: NoticeEvent, model: type[M]) -> asyncio.Future[M | None] | None:
    """The `model` row the event came with, as a read that is done (kept on the event as
    the read would be), or None: it came with none, or with one that does not build
    (then it is dropped, and the row is read)."""
    name = _NAME_OF[model]
    encoded = shared_get(event, (CARRIED, name))
    if encoded is None:
        return None
    pk = row_of(model, event)
    row = carried_rows.build(name, encoded, event.agency_id)
    if row is None or pk is None or row.pk != pk:
        log.warning("notices: seq %s came with a %s row that is not its own", event.seq, name)
        del event.shared[(CARRIED, name)]
        return None
    future: asyncio.Future[M | None] = asyncio.get_running_loop().create_future()
    future.set_result(row)  # type: ignore[arg-type]
    shared_put(event, (model, pk), future)
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


ONLY_NAMED = frozenset(("id", "__typename"))
"""The fields of a row's object that the event's own primary key answers."""


async def notice_row(info: Any, event: NoticeEvent, model: type[M]) -> M | None:
    """The `model` row the event names, for the notice field `info` resolves: the row
    read once for every subscriber (`shared_row`), or, when the field asks for the id
    alone, an unsaved instance holding only the primary key (its other attributes are
    the model's defaults, which nothing asked for)."""
    if not selects_only(info, ONLY_NAMED):
        return await shared_row(info.context, event, model)
    pk = row_of(model, event)
    if pk is None or not _scope_is(info.context, event):
        return None
    return model(id=pk)


def _scope_is(context: Any, event: NoticeEvent) -> bool:
    """Whether the caller reads as the event's agency (the hub routes by agency: a check
    in depth)."""
    scope = getattr(getattr(context, "loaders", None), "scope", None)
    return scope is not None and scope.agency_id == event.agency_id


async def shared_row(context: Any, event: NoticeEvent, model: type[M]) -> M | None:
    """The `model` row the event names, as it is now, or as its command committed it when
    the event came with it (None when there is none, or it is not the caller's agency's),
    read once for every subscriber of the same live event.

    The read is shielded so that one client leaving does not cancel it for the rest.
    """
    if not _scope_is(context, event):
        return None
    if (rows := rows_of(context)) is not None:
        rows.asked(event, model)
    # Through the caller's loader: the executions of a catch-up's events start together
    # on the same loaders, so their rows come in one statement, not one each.
    load = context.loaders.row(model).load
    row: M | None = await asyncio.shield(_start(event, model, load))
    if row is _READ_AGAIN:  # the read ahead failed: this execution reads it
        row = await asyncio.shield(_start(event, model, load))
    return row
