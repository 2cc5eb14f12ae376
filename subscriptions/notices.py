"""Committed audit events as live notices: the wire format, cursors and who hears what.

Pure: no database, no broadcaster, no strawberry. An event travels between server
processes as one JSON message (`encode`/`decode`); subscribers see it as a notice
whose `cursor` is the opaque form of (agency, seq).
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from models.domain import events as ev

CHANNEL = "dispatch.events"
"""The one broadcast channel every server process publishes to and listens on."""

DISPATCH_TYPES: frozenset[str] = frozenset(
    {
        ev.MISSION_CANCELLED,
        ev.ORDER_CANCELLED,
        ev.SLOT_RELEASED,
        ev.MISSION_REOPENED,
        ev.MISSION_STATUS_CHANGED,
        ev.WEBHOOK_ENDPOINT_DISABLED,
    }
)
"""Event types shown on the dispatch board (`dispatchNotices`)."""

DRIVER_TYPES: frozenset[str] = frozenset(
    {ev.MISSION_CANCELLED, ev.DRIVER_ASSIGNED, ev.DRIVER_UNASSIGNED}
)
"""Event types a driver's app hears about, when the driver is among `driver_ids`."""


@dataclass(frozen=True)
class NoticeEvent:
    """One committed audit event, as much of it as a notice needs."""

    agency_id: int
    seq: int
    type: str
    occurred_at: datetime
    order_id: int | None = None
    mission_id: int | None = None
    cancellation_id: int | None = None
    driver_ids: tuple[int, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    # Rows a notice names, loaded once for every subscriber that got this same event
    # from the hub (a thousand subscribers must not mean a thousand identical queries).
    shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # The rows its command read for it and sent with it, by model name, their columns
    # encoded (resolvers/carried_rows.py); a received event keeps them in `shared` too,
    # under (CARRIED, name), where they serve for SHARED_FOR seconds like any read.
    rows: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def cursor(self) -> str:
        """The opaque resume point just after this event."""
        return encode_cursor(self.agency_id, self.seq)


Accept = Callable[[NoticeEvent], bool]

CARRIED = "carried"
"""`event.shared[(CARRIED, model name)]`: a row the event came with, its columns encoded."""

SHARED_FOR = 1.0
"""Seconds for which what one subscriber loaded or executed for an event serves the others:
a notice's rows are never older than this when it is sent (a row the event came with,
counted from its arrival: it was read in the event's own transaction, just before the
commit)."""


def shared_get(event: NoticeEvent, key: Any) -> Any:
    """What was kept on the event under `key` less than SHARED_FOR seconds ago, or None."""
    entry = event.shared.get(key)
    if entry is None or time.monotonic() - entry[0] > SHARED_FOR:
        return None
    return entry[1]


def shared_put(event: NoticeEvent, key: Any, value: Any) -> None:
    """Keep `value` on the event for the other subscribers that get it soon."""
    event.shared[key] = (time.monotonic(), value)


def of_row(row: Any) -> NoticeEvent:
    """From a `models.audit.Event` row (or anything with the same attributes)."""
    return NoticeEvent(
        agency_id=int(row.agency_id),
        seq=int(row.seq),
        type=str(row.type),
        occurred_at=row.occurred_at,
        order_id=row.order_id,
        mission_id=row.mission_id,
        cancellation_id=row.cancellation_id,
        driver_ids=tuple(int(d) for d in (row.driver_ids or ())),
        data=dict(row.data or {}),
        rows=dict(getattr(row, "notice_rows", None) or {}),
    )


def encode(event: NoticeEvent) -> str:
    """The broadcast message of an event (JSON text: Redis carries strings)."""
    message = {
        "a": event.agency_id,
        "s": event.seq,
        "t": event.type,
        "at": event.occurred_at.isoformat(),
        "o": event.order_id,
        "m": event.mission_id,
        "c": event.cancellation_id,
        "d": list(event.driver_ids),
        "x": event.data,
    }
    if event.rows:
        message["r"] = event.rows
    return orjson.dumps(message).decode()


def decode(message: str | bytes) -> NoticeEvent:
    """The event of a broadcast message; ValueError when it is not one of ours."""
    try:
        raw = orjson.loads(message)
        if type(raw) is not dict:
            raise TypeError("not an object")
        rows = raw.get("r") or {}
        if type(rows) is not dict:
            rows = {}  # not ours to build: the rows are read, the event stands
        now = time.monotonic()
        return NoticeEvent(
            agency_id=int(raw["a"]),
            seq=int(raw["s"]),
            type=str(raw["t"]),
            occurred_at=datetime.fromisoformat(raw["at"]),
            order_id=raw.get("o"),
            mission_id=raw.get("m"),
            cancellation_id=raw.get("c"),
            driver_ids=tuple(int(d) for d in raw.get("d") or ()),
            data=dict(raw.get("x") or {}),
            rows=rows,
            shared={(CARRIED, str(name)): (now, row) for name, row in rows.items()},
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a notice message: {exc}") from exc


def encode_cursor(agency_id: int, seq: int) -> str:
    """Opaque cursor for position `seq` of an agency's event stream."""
    return base64.urlsafe_b64encode(f"{agency_id}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int] | None:
    """(agency id, seq) of a cursor, or None when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        agency, _, seq = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        result = int(agency), int(seq)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if result[0] <= 0 or result[1] < 0:
        return None
    return result


@dataclass(frozen=True)
class Audience:
    """Who hears an event: its types, and for a driver's app, the driver it must name.

    Callable as an `Accept`; the hub also routes by it (`driver_id`: only the events that
    name that driver are offered), so an event wakes only the streams that hear of it.
    """

    types: frozenset[str]
    driver_id: int | None = None

    def __call__(self, event: NoticeEvent) -> bool:
        return event.type in self.types and (
            self.driver_id is None or self.driver_id in event.driver_ids
        )


for_dispatch = Audience(DISPATCH_TYPES)
"""Whether the dispatch board of the event's agency hears of it."""


def for_driver(driver_id: int) -> Audience:
    """The filter of one driver's app: its own assignments and cancellations."""
    return Audience(DRIVER_TYPES, driver_id)


def mission_ids_of(event: NoticeEvent) -> list[int]:
    """The missions an OrderCancelled event names (its data, whatever key the use case chose)."""
    for key in ("missionIds", "missionsAffected", "cancelledMissionIds"):
        value = event.data.get(key)
        if isinstance(value, list):
            return [int(v) for v in value if isinstance(v, int | str) and str(v).isdigit()]
    return []
