"""A channel listened to (`subscriptions.broadcast.listening`): its messages go straight
from the backend's reader to a function, a list per pass of the loop, in order, over the
shared Redis and in process; held back while a reconnect's refill runs; a failing
listener does not stop the ones after it."""

from __future__ import annotations

import asyncio
import logging
import uuid

import pytest
from broadcaster import Event
from redis.asyncio import Redis

from subscriptions.broadcast import listening, make_broadcast
from subscriptions.broadcast import publish_all as broadcast_many
from tests.conftest import REDIS_URL
from tests.e2e.redis_helpers import BackendFactory, client_ids, needs_redis, wait_until


async def test_a_listened_channel_hands_its_messages_to_the_function_in_order(
    channel: str,
) -> None:
    await _listened_in_order("memory://", channel)


@needs_redis
async def test_a_listened_redis_channel_hands_its_messages_to_the_function_in_order(
    admin: Redis, channel: str
) -> None:
    await _listened_in_order(REDIS_URL, channel)


async def _listened_in_order(url: str, channel: str) -> None:
    broadcast = make_broadcast(url)
    await broadcast.connect()
    calls: list[list[str]] = []
    try:
        async with broadcast.subscribe(f"{channel}:other") as other:
            async with listening(broadcast, channel, calls.append):
                # when a commit's events are published, and a message on another channel
                await broadcast_many(broadcast, channel, [f"event {i}" for i in range(5)])
                await broadcast.publish(f"{channel}:other", "elsewhere")
                await wait_until(lambda: sum(map(len, calls)) >= 5, 3, "the listened messages")

                # then the listener has them all, in order, and the other channel's
                # message went the usual way, through broadcaster's queue
                assert [m for call in calls for m in call] == [f"event {i}" for i in range(5)]
                got = await asyncio.wait_for(other.get(), 2)
                assert got == Event(f"{channel}:other", "elsewhere")
                if url == "memory://":
                    assert calls == [[f"event {i}" for i in range(5)]]  # one pass, one call

            # and once the listening ends, the channel is unsubscribed: nothing more comes
            await broadcast.publish(channel, "after")
            await broadcast.publish(f"{channel}:other", "marker")
            got = await asyncio.wait_for(other.get(), 2)
            assert got == Event(f"{channel}:other", "marker")
            assert sum(map(len, calls)) == 5
    finally:
        await broadcast.disconnect()


async def test_a_failing_listener_is_logged_and_the_next_messages_still_come(
    channel: str, caplog: pytest.LogCaptureFixture
) -> None:
    broadcast = make_broadcast("memory://")
    await broadcast.connect()
    got: list[str] = []

    def deliver(messages: list[str]) -> None:
        if "boom" in messages:
            raise RuntimeError("a bug in the listener")
        got.extend(messages)

    try:
        async with listening(broadcast, channel, deliver):
            await broadcast.publish(channel, "boom")
            with caplog.at_level(logging.ERROR, logger="subscriptions.backend"):
                await wait_until(lambda: caplog.records, 2, "the logged failure")
            await broadcast.publish(channel, "next")
            await wait_until(lambda: got, 2, "the next message")
        assert got == ["next"]
        assert "a listener of" in caplog.records[0].getMessage()
    finally:
        await broadcast.disconnect()


@needs_redis
async def test_live_messages_wait_for_the_refill_after_a_reconnect(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # given a listened channel on a backend whose refill, after a reconnect, takes a while
    order: list[str] = []
    refill_started = asyncio.Event()
    refill_may_end = asyncio.Event()

    async def on_reconnect() -> None:
        refill_started.set()
        await refill_may_end.wait()
        order.append("refilled")

    name = f"test-{uuid.uuid4().hex[:12]}"
    backend = await make_backend(on_reconnect=on_reconnect, client_name=name)
    backend.listen(channel, order.extend)
    await backend.subscribe(channel)
    await backend.publish(channel, "before")
    await wait_until(lambda: order == ["before"], 3, "the first message")

    # when the subscriber connection is killed, and a message is published during the refill
    ids = await client_ids(admin, name)
    await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub", "ID", ids[f"{name}:sub"])
    await asyncio.wait_for(refill_started.wait(), 5)
    await backend.publish(channel, "live")
    await asyncio.sleep(0.2)  # it has reached the reader by now
    assert order == ["before"]
    refill_may_end.set()

    # then the live message reaches the listener after the refill, not before
    await wait_until(lambda: len(order) == 3, 3, "the live message")
    assert order == ["before", "refilled", "live"]


def test_a_hand_over_left_by_an_ended_loop_does_not_hold_up_the_next() -> None:
    from subscriptions.redis_inbox import Listeners

    # given a listened channel whose hand-over was scheduled on a loop that then ended
    listeners = Listeners()
    got: list[str] = []
    listeners.listen("c", got.extend)

    async def offer(message: str) -> bool:
        return listeners.offer(Event("c", message))

    def offer_then_stop() -> None:
        assert listeners.offer(Event("c", "left by the first loop"))
        first.stop()  # ends after this pass: the hand-over never runs there

    first = asyncio.new_event_loop()
    try:
        first.call_soon(offer_then_stop)
        first.run_forever()
    finally:
        first.close()
    assert got == []

    # when another loop offers a message, then it is handed over in that loop
    async def offer_and_wait() -> None:
        await offer("next")
        await wait_until(lambda: "next" in got, 2, "the hand-over")
        assert got == ["left by the first loop", "next"]

    second = asyncio.new_event_loop()
    try:
        second.run_until_complete(offer_and_wait())
    finally:
        second.close()
