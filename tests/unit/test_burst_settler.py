"""BurstSettler: the young generations are collected once a burst of subscriptions is
over (subscriptions/heap.py)."""

from __future__ import annotations

import asyncio
import gc

from subscriptions.heap import BurstSettler


async def test_a_burst_is_followed_by_one_collection_once_it_is_over() -> None:
    settler = BurstSettler(burst=50, quiet=0.05)
    seen: list[int] = []

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            seen.append(info["generation"])

    gc.callbacks.append(collected)
    try:
        # when sixty subscriptions open, a few milliseconds apart
        for _ in range(60):
            settler.opened_one()
            await asyncio.sleep(0.002)
        # then nothing is collected by the settler while they keep coming
        assert settler.collections == 0
        # and once they stop, the young generations are collected once
        await asyncio.sleep(0.15)
        assert settler.collections == 1
        assert 1 in seen
    finally:
        gc.callbacks.remove(collected)


async def test_a_few_subscriptions_are_left_to_the_collector() -> None:
    settler = BurstSettler(burst=50, quiet=0.02)
    for _ in range(10):
        settler.opened_one()
    await asyncio.sleep(0.1)
    assert settler.collections == 0


async def test_a_stopped_settler_collects_nothing() -> None:
    settler = BurstSettler(burst=5, quiet=0.02)
    for _ in range(10):
        settler.opened_one()
    settler.stop()
    await asyncio.sleep(0.1)
    assert settler.collections == 0


async def test_subscriptions_that_trickle_in_are_no_burst() -> None:
    settler = BurstSettler(burst=5, quiet=0.01)
    for _ in range(8):  # each a quiet spell after the one before
        settler.opened_one()
        await asyncio.sleep(0.03)
    assert settler.collections == 0
