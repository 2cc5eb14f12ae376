"""The broadcast message of an event (subscriptions/notices.py): what crosses between
server processes, with the rows its command sent along (resolvers/carried_rows.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from models.domain import events as ev
from subscriptions.notices import CARRIED, NoticeEvent, decode, encode, shared_get

EVENT = NoticeEvent(
    agency_id=3,
    seq=41,
    type=ev.MISSION_CANCELLED,
    occurred_at=datetime(2026, 6, 1, 8, 0, 0, 250000, tzinfo=UTC),
    order_id=5,
    mission_id=9,
    cancellation_id=12,
    driver_ids=(7, 8),
    data={"reasonCode": "CUSTOMER_REQUEST", "charge": "120.00"},
    rows={"Mission": [9, "CANCELLED", ["d", "120.00"]], "Driver": [7, "Dana"]},
)


def test_an_event_crosses_with_its_rows_kept_for_its_notices() -> None:
    got = decode(encode(EVENT))
    assert got == EVENT  # every field but what is shared among its subscribers
    assert got.rows == EVENT.rows
    assert shared_get(got, (CARRIED, "Mission")) == [9, "CANCELLED", ["d", "120.00"]]
    assert shared_get(got, (CARRIED, "Driver")) == [7, "Dana"]
    assert shared_get(got, (CARRIED, "Order")) is None


def test_an_event_without_rows_sends_none() -> None:
    bare = NoticeEvent(**{**EVENT.__dict__, "rows": {}, "shared": {}})
    assert "r" not in orjson.loads(encode(bare))
    assert decode(encode(bare)).shared == {}


def test_rows_that_are_not_an_object_are_dropped_and_the_event_stands() -> None:
    message = orjson.loads(encode(EVENT))
    message["r"] = ["not", "rows"]
    got = decode(orjson.dumps(message))
    assert got == EVENT and got.rows == {} and got.shared == {}


@pytest.mark.parametrize("message", ["", "[]", '{"a": 1}', '{"a": 1, "s": 2, "t": "x"}'])
def test_what_is_not_an_event_is_refused(message: str) -> None:
    with pytest.raises(ValueError, match="not a notice message"):
        decode(message)
