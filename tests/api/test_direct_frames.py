"""Frames the hub writes (subscriptions/direct.py) against frames each stream sends itself.

Every subscription below is opened twice over real sockets: once as it runs in production
(the hub may write its frames) and once with no sink (its stream sends every frame, as
before the hub wrote any). Both must receive exactly the same messages, in the same order,
whatever the mix of events, protocols, drivers and cursors; and the hub must really have
written frames, or the comparison proves nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import schema.subscriptions as subscriptions_module
from models.domain import events as ev
from resolvers.clock import FixedClock
from schema.direct_frames import OPERATION
from subscriptions.direct import COUNTS
from tests.api.live_notices import (
    DISPATCH_QUERY,
    DRIVER_QUERY,
    connected,
    live,
    record,
    status_changed,
    unassigned,
)
from tests.e2e.servers import LEGACY_WS, TRANSPORT_WS

STREAMED = "streamed-"
"""Operation ids with this prefix get no sink: their streams send every frame."""


@pytest.fixture
def streamed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    real = subscriptions_module.socket_sink

    def sink_unless_streamed(info: Any, on_sent: Any) -> Any:
        operation = OPERATION.get()
        if operation is not None and operation[0].startswith(STREAMED):
            return None
        return real(info, on_sent)

    monkeypatch.setattr(subscriptions_module, "socket_sink", sink_unless_streamed)


def slot_released(driver: Any, mission_id: int) -> tuple[str, dict[str, Any]]:
    return ev.SLOT_RELEASED, {
        "mission_id": mission_id,
        "driver_ids": [driver.id],
        "driverId": driver.id,
        "start": "2026-06-02T09:00:00+00:00",
        "end": "2026-06-02T10:00:00+00:00",
    }


async def received(client: Any, count: int) -> list[dict[str, Any]]:
    """The next `count` messages, without their subscription ids."""
    messages = []
    for _ in range(count):
        message = await client.recv(10)
        messages.append({k: v for k, v in message.items() if k != "id"})
    return messages


@pytest.fixture(params=["send_now", "asgi_send"])
def writes(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, list[str]]:
    """How the hub's frames reach the socket: uvicorn's extension (schema/http/ws_protocol.py),
    or, as under a server without it, the ASGI send driven at once. Lists the frames
    written through the extension."""
    import schema.direct_frames as direct_frames
    from schema.http.ws_protocol import DispatchWebSocketProtocol

    written: list[str] = []
    if request.param == "asgi_send":
        monkeypatch.setattr(direct_frames, "SEND_NOW", "no such extension")
    else:
        real = DispatchWebSocketProtocol.send_now

        def counted(self: DispatchWebSocketProtocol, text: str) -> bool:
            done = real(self, text)
            if done:
                written.append(text)
            return done

        monkeypatch.setattr(DispatchWebSocketProtocol, "send_now", counted)
    return request.param, written


@pytest.mark.usefixtures("streamed_ids")
async def test_frames_the_hub_writes_equal_the_frames_streams_send(
    server: Any, acme: dict[str, Any], clock: FixedClock, writes: tuple[str, list[str]]
) -> None:
    driver, other = acme["driver"], acme["other_driver"]
    # given an early event, whose cursor a resuming board starts after
    await record(acme["operator"], clock, [status_changed(1)])
    early = await server.state.runtime.hub.reads.latest(acme["agency"].id)
    from subscriptions.notices import encode_cursor

    after = encode_cursor(acme["agency"].id, early - 1)

    # and, each twice (hub-written and streamed): boards over both protocols, a board
    # resuming from a cursor, and both drivers' apps
    specs = [
        ("board", acme["operator"], TRANSPORT_WS, DISPATCH_QUERY, None),
        ("board", acme["operator"], TRANSPORT_WS, DISPATCH_QUERY, None),
        ("legacy-board", acme["operator"], LEGACY_WS, DISPATCH_QUERY, None),
        ("resuming-board", acme["operator"], TRANSPORT_WS, DISPATCH_QUERY, {"after": after}),
        ("driver", acme["driver_user"], TRANSPORT_WS, DRIVER_QUERY, None),
        ("other-driver", acme["other_driver_user"], LEGACY_WS, DRIVER_QUERY, None),
    ]
    pairs = []
    for i, (name, user, protocol, query, variables) in enumerate(specs):
        pair = []
        for prefix in ("direct-", STREAMED):
            cm, client = await connected(server, user, protocol)
            await client.subscribe(f"{prefix}{name}-{i}", query, variables)
            pair.append((cm, client))
        pairs.append((name, pair))
    try:
        await live(server, 2 * len(specs))
        # the resuming boards get the early event first
        for name, pair in pairs:
            if name == "resuming-board":
                caught_up = [await received(c, 1) for _, c in pair]
                assert caught_up[0] == caught_up[1]
                assert caught_up[0][0]["payload"]["data"]["dispatchNotices"]["toStatus"]
        written = COUNTS.written

        # when events come one commit at a time and several to a commit, some for the
        # boards only, some naming one driver or the other
        batches = [
            [status_changed(2)],
            [unassigned(driver.id, 3)],
            [slot_released(driver, 4), unassigned(other.id, 5), status_changed(6)],
            [unassigned(other.id, 7)],
            [status_changed(8), status_changed(9)],
            [slot_released(other, 10)],
        ]
        for batch in batches:
            await record(acme["operator"], clock, batch)
            await asyncio.sleep(0.02)  # let the streams park between commits

        # then each subscription's hub-written messages equal its streamed ones
        expected = {
            "board": 6,
            "legacy-board": 6,
            "resuming-board": 6,
            "driver": 1,
            "other-driver": 2,
        }
        for name, pair in pairs:
            got = [await received(c, expected[name]) for _, c in pair]
            assert got[0] == got[1], name
            if name == "driver":
                assert got[0][0]["payload"]["data"]["driverNotices"]["missionId"]
        # and nothing more came to either
        for _, pair in pairs:
            for _, client in pair:
                await client.nothing_for(0.05)
        # and the hub did write frames: of the three hub-written boards sharing a query, one
        # executes each event, the hub writes the two others' frames of every board event
        # that came first in its commit (the next one finds them still claimed: streamed)
        assert COUNTS.written - written >= 2 * 4
        # through uvicorn's extension, or else through the ASGI send
        mode, extension_writes = writes
        by_extension = COUNTS.written - written if mode == "send_now" else 0
        assert len(extension_writes) == by_extension
    finally:
        for _, pair in pairs:
            for cm, _ in pair:
                await cm.__aexit__(None, None, None)


async def test_with_direct_frames_switched_off_every_stream_sends_its_own_frames(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    from models.config import ConfigError, Settings

    # given the switch (NOTICE_DIRECT_FRAMES=0), as the server reads it
    env = {"DISPATCH_SECRET": "s" * 32}
    assert Settings.from_env({**env, "NOTICE_DIRECT_FRAMES": "0"}).notice_direct_frames is False
    assert Settings.from_env(env).notice_direct_frames is True
    with pytest.raises(ConfigError, match="NOTICE_DIRECT_FRAMES"):
        Settings.from_env({**env, "NOTICE_DIRECT_FRAMES": "maybe"})
    server.state.runtime.hub.direct = False
    clients = [await connected(server, acme["operator"]) for _ in range(3)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(f"board-{i}", DISPATCH_QUERY)
        await live(server, 3)
        written = COUNTS.written

        # when an event comes
        await record(acme["operator"], clock, [status_changed(2)])

        # then every board gets it, and the hub wrote none of the frames
        for _, client in clients:
            assert (await client.next_data())["data"]["dispatchNotices"]["toStatus"]
        assert COUNTS.written == written
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)
