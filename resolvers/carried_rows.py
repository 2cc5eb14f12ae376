"""The rows an event names, read in its own transaction and sent with it to every server.

A live notice shows the mission, order, cancellation or driver its event names. Read by
each server process as the event arrives, that row costs one statement per process per
event, and on a busy machine its answer comes last: the notice waits for a database
backend to get a core while both servers are busy with the commit's answer and the
fan-out (README, "Notices, 2026-12-04"). So the command that records the events reads
those rows itself, in its own transaction, once it holds the agency's lock for their
seqs: the rows it wrote are the ones it commits (it holds them until then), and a row it
only read already shows the change of every command of the agency with a lower seq
(they committed before the lock was granted; each statement reads what was committed
when it starts). It is the row as of the event's place in the agency's order, not later:
a change committed after it comes with the later event that made it, if any, as a read
on arrival would show. The
publisher sends each event with its rows (`subscriptions/notices.py`), and a server
builds the instance from the columns as if it had read them itself (`Reader.build`),
so nothing else changes: one rule names the rows (`named`), one reader builds them.

Only small commits carry rows (`CARRY_MAX` events): a cancelled order of a thousand
missions would send a megabyte to every server for rows the few boards read in one
statement anyway. Off unless the process turns it on (`NOTICE_ROWS`, models/config.py).
"""

from __future__ import annotations

import base64
import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from models.cancellations import Cancellation
from models.orders import Mission, Order
from models.people import Driver
from resolvers.rows import execute, reader, select
from resolvers.sql import Statement

log = logging.getLogger("dispatch.notices")

MODELS: dict[str, type[Model]] = {
    "Mission": Mission,
    "Order": Order,
    "Cancellation": Cancellation,
    "Driver": Driver,
}
"""The models whose rows an event names, by the name they travel under."""

ATTRIBUTE = "notice_rows"
"""The attribute of a `models.audit.Event` instance holding its carried rows (by name)."""

CARRY_MAX = 32
"""Commits of more events than this send none of their rows."""


class Carrying:
    """Whether this process's commands read their events' rows (off by default)."""

    enabled = False


CARRYING = Carrying()


def _pk(value: Any) -> int | None:
    try:
        pk = int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None
    return pk if pk is not None and pk > 0 else None


def named(source: Any) -> dict[str, int]:
    """The primary key of each row an event names, by model name: its mission, order and
    cancellation, and its driver (the one its data names, else the first of its
    `driver_ids`). `source` is the event (a row, a `NoticeEvent`), or the fields of one
    about to be written (a mapping)."""
    get = source.get if isinstance(source, Mapping) else partial(getattr, source)
    data = get("data") or {}
    found: dict[str, int] = {}
    for name, value in (
        ("Mission", get("mission_id")),
        ("Order", get("order_id")),
        ("Cancellation", get("cancellation_id")),
        ("Driver", data.get("driverId") or next(iter(get("driver_ids") or ()), None)),
    ):
        pk = _pk(value)
        if pk is not None:
            found[name] = pk
    return found


# --- the columns on the wire -------------------------------------------------------------------
# A column's value as the driver gave it, in JSON: null, booleans, numbers and strings as
# they are; anything else as [tag, text], so that the server that builds the row gets the
# very value its own read would have given (a Decimal, not a float; an aware datetime).


def _encode_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return ["f", repr(value)]  # inf and nan are not JSON
    if isinstance(value, Decimal):
        return ["d", str(value)]
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["D", value.isoformat()]
    if isinstance(value, datetime.time):
        return ["T", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    if isinstance(value, bytes | bytearray | memoryview):
        return ["b", base64.b64encode(bytes(value)).decode()]
    raise TypeError(f"a column value of type {type(value).__name__} is not carried")


_DECODERS: dict[str, Callable[[str], Any]] = {
    "f": float,
    "d": Decimal,
    "t": datetime.datetime.fromisoformat,
    "D": datetime.date.fromisoformat,
    "T": datetime.time.fromisoformat,
    "u": uuid.UUID,
    "b": base64.b64decode,
}


def _decode_value(value: Any) -> Any:
    if type(value) is list:
        tag, text = value
        return _DECODERS[tag](text)
    if value is None or isinstance(value, bool | int | str):
        return value
    raise ValueError(f"not a carried column value: {value!r}")


def encode_row(row: Any) -> list[Any]:
    """A result row of `SELECT <reader(model).columns>` as JSON-safe values."""
    return [_encode_value(v) for v in row]


def build(name: str, encoded: Any, agency_id: int) -> Model | None:
    """The instance of a carried row, as `reader(model)` builds a row read here; None when
    it is not one (a malformed message) or not the agency's."""
    model = MODELS.get(name)
    if model is None or type(encoded) is not list:
        return None
    r = reader(model)
    if len(encoded) != r.width:
        return None
    try:
        row = r.build(tuple(_decode_value(v) for v in encoded))
    except (ArithmeticError, KeyError, TypeError, ValueError):  # Decimal("x") is one
        return None
    owner = getattr(row, "agency_id", agency_id)
    return row if owner == agency_id else None


async def read(
    conn: BaseDBAsyncClient, agency_id: int, wanted: Mapping[str, Iterable[int]]
) -> dict[str, dict[int, list[Any]]]:
    """The rows named, one statement per model, in the transaction `conn`, encoded."""
    found: dict[str, dict[int, list[Any]]] = {}
    for name, pks in wanted.items():
        model = MODELS[name]
        sql = Statement(str(conn.capabilities.dialect))
        tail = sql.rows_of(model, sorted(set(pks)), agency_id)
        offset = reader(model).id_offset
        found[name] = {}
        for row in await execute(select(model, tail), sql.params, conn):
            try:
                found[name][int(row[offset])] = encode_row(row)
            except TypeError as exc:  # a column type the codec lacks: read, never refused
                log.warning("notice rows: a %s row is not sent with its events: %s", name, exc)
    return found
