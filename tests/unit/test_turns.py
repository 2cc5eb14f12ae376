"""Turns: at most so many waiting tasks go on in one pass of the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from subscriptions.turns import Turns
from tests.loop_passes import pass_counter


async def test_a_crowd_goes_on_a_few_per_pass_in_the_order_it_came() -> None:
    # given a bound of 8 per pass, and a count of the loop's passes
    turns = Turns(8)
    passes = pass_counter()
    went: list[tuple[int, int]] = []  # (who, in which pass)

    async def one(i: int) -> None:
        await turns.take()
        went.append((i, passes[0]))

    # when 50 wait at once, and one of them gives up
    tasks = [asyncio.ensure_future(one(i)) for i in range(50)]
    await asyncio.sleep(0)
    tasks[20].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    # then they went in order, never more than 8 in one pass, and all but the one
    assert [i for i, _ in went] == [i for i in range(50) if i != 20]
    per_pass: dict[int, int] = {}
    for _, p in went:
        per_pass[p] = per_pass.get(p, 0) + 1
    assert max(per_pass.values()) <= 8
    assert len(per_pass) >= 49 // 8


async def test_under_the_bound_a_caller_goes_on_without_waiting() -> None:
    turns = Turns(8)
    step = turns.take().__await__()
    try:
        step.send(None)
    except StopIteration:
        pass  # finished at once: no pass waited
    else:
        raise AssertionError("took a turn while under the bound")


async def test_what_one_pass_gathers_is_handed_over_once_at_its_end() -> None:
    from subscriptions.turns import AtPassEnd

    runs: list[list[int]] = []
    at_end = AtPassEnd(runs.append)

    # when three items are added in one pass, and one in the next
    for i in range(3):
        at_end.add(i)
    assert runs == []  # not before the pass ends
    await asyncio.sleep(0)
    at_end.add(3)
    await asyncio.sleep(0)

    # then each pass's items were handed over together, once
    assert runs == [[0, 1, 2], [3]]


def test_a_process_wide_bound_carries_on_in_the_next_loop() -> None:
    # given a bound whose last loop ended with callers still waiting and a pass scheduled
    turns = Turns(2)

    async def crowd(n: int) -> list[Any]:
        # callers stepped by hand, not tasks: the loop may end with them waiting
        steps = [turns.take().__await__() for _ in range(n)]
        waiting = []
        for step in steps:
            try:
                step.send(None)
                waiting.append(step)
            except StopIteration:
                pass
        return waiting

    first = asyncio.new_event_loop()
    try:
        left = first.run_until_complete(crowd(10))
        assert left  # some were still waiting when their loop ended
    finally:
        first.close()
    for step in left:
        step.close()

    # when a new loop's callers take turns, then every one of them goes on
    async def everyone(n: int) -> int:
        went = 0

        async def one() -> None:
            nonlocal went
            await turns.take()
            went += 1

        await asyncio.wait_for(asyncio.gather(*(one() for _ in range(n))), 5)
        return went

    second = asyncio.new_event_loop()
    try:
        assert second.run_until_complete(everyone(7)) == 7
    finally:
        second.close()


def test_two_loops_in_turn_each_let_their_own_callers_through() -> None:
    # given one bound, and callers left waiting on one loop while another loop's go
    turns = Turns(1)

    async def crowd(n: int) -> list[asyncio.Task[None]]:
        tasks = [asyncio.ensure_future(turns.take()) for _ in range(n)]
        await asyncio.sleep(0)
        return tasks

    async def everyone(n: int) -> None:
        await asyncio.wait_for(asyncio.gather(*(turns.take() for _ in range(n))), 5)

    async def until_done(tasks: list[asyncio.Task[None]]) -> None:
        await asyncio.wait_for(asyncio.gather(*tasks), 5)

    first, second = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        waiting = first.run_until_complete(crowd(3))
        assert not all(t.done() for t in waiting)
        second.run_until_complete(everyone(3))

        # when the first loop runs again, then its own callers all go on
        first.run_until_complete(until_done(waiting))
        assert all(t.done() and not t.cancelled() for t in waiting)
    finally:
        first.close()
        second.close()
