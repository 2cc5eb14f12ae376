"""One live event for many subscribers: its rows read once, one execution per identical
subscription; and a stream that fails is masked and logged."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from models.domain import events as ev
from resolvers.clock import FixedClock
from tests.api.live_notices import (
    DISPATCH_QUERY,
    connected,
    live,
    protocols,
    record,
    status_changed,
)


async def test_many_subscribers_of_one_live_event_cost_one_read_of_its_rows(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    from tests.sqlcount import count_statements

    # given five dispatch boards subscribed to the same agency
    driver = acme["driver"]
    clients = [await connected(server, acme["operator"]) for _ in range(5)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(str(i), DISPATCH_QUERY)
        await live(server, 5)
        slot = {
            "mission_id": 7,
            "driver_ids": [driver.id],
            "driverId": driver.id,
            "start": "2026-06-02T09:00:00+00:00",
            "end": "2026-06-02T10:00:00+00:00",
        }

        # when one slot is released
        with count_statements() as statements:
            await record(acme["operator"], clock, [(ev.SLOT_RELEASED, slot)])
            notices = [(await c.next_data())["data"]["dispatchNotices"] for _, c in clients]

        # then every board hears of it, and the driver's row was read once for all five
        assert [n["driver"] for n in notices] == [{"name": driver.name}] * 5
        assert len(statements.matching('FROM "driver"')) == 1
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)


async def test_identical_subscriptions_share_one_execution_of_each_live_event(
    server: Any, acme: dict[str, Any], clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schema.build import schema

    # given four boards with the same subscription, and one with a different document
    executions: list[str] = []
    executor = schema.execution_context_class
    original = executor.execute_operation

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        executions.append(self.operation.operation.value)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(executor, "execute_operation", counted)
    other_query = DISPATCH_QUERY.replace("__typename", "__typename ... on Notice { cursor }", 1)
    clients = [await connected(server, acme["operator"]) for _ in range(5)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(str(i), other_query if i == 4 else DISPATCH_QUERY)
        await live(server, 5)
        executions.clear()

        # when one live event arrives
        await record(acme["operator"], clock, [status_changed()])
        notices = [(await c.next_data())["data"]["dispatchNotices"] for _, c in clients]

        # then all five are told, with two executions: one per distinct document
        assert {n["toStatus"] for n in notices} == {"IN_PROGRESS"}
        assert executions.count("subscription") == 2
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)


async def test_a_failing_notice_stream_is_masked_and_logged(
    server: Any, acme: dict[str, Any], monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    import json
    import logging

    from subscriptions import hub

    # given a database failure while the stream looks up where the agency stands
    async def broken(agency_id: int) -> int:
        raise RuntimeError('connection lost while running SELECT seq FROM "event"')

    monkeypatch.setattr(hub, "latest_seq", broken)
    cm, client = await connected(server, acme["operator"])
    try:
        # when a board subscribes
        with caplog.at_level(logging.ERROR, logger="dispatch.errors"):
            await client.subscribe("1", DISPATCH_QUERY)
            message = await client.recv()

        # then the client is told to resubscribe, without the database's words
        text = json.dumps(message)
        assert "Internal error" in text and "SELECT" not in text
        assert any("notice stream failed" in r.getMessage() for r in caplog.records)
    finally:
        await cm.__aexit__(None, None, None)


@protocols
async def test_boards_sharing_a_notice_get_it_encoded_once_each_under_its_own_id(
    server: Any, acme: dict[str, Any], clock: FixedClock, protocol: str
) -> None:
    from schema.frames import FRAMES
    from subscriptions.direct import COUNTS

    # given four boards with the same subscription, each under an id of its own
    clients = [await connected(server, acme["operator"], protocol) for _ in range(4)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(f"board-{i}", DISPATCH_QUERY)
        await live(server, 4)
        encoded, reused, written = FRAMES.encoded, FRAMES.reused, COUNTS.written

        # when one live event arrives
        await record(acme["operator"], clock, [status_changed()])
        messages = [await c.recv() for _, c in clients]

        # then each board gets the same notice under its own subscription id, and the
        # payload was encoded once for all four: one board executed it and sent its frame,
        # the hub wrote the other three from that execution (or, where the hub starts the
        # execution itself, NOTICE_HUB_LEADS, the hub wrote all four)
        assert [m["id"] for m in messages] == [f"board-{i}" for i in range(4)]
        assert len({orjson.dumps(m["payload"]) for m in messages}) == 1
        assert messages[0]["payload"]["data"]["dispatchNotices"]["toStatus"] == "IN_PROGRESS"
        assert FRAMES.encoded - encoded == 1
        by_hub = (0, 4) if server.state.runtime.hub.leads else (1, 3)
        assert (FRAMES.reused - reused, COUNTS.written - written) == by_hub
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)
