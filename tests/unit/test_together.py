"""Together: the hub's frames of one fan-out's events wait for the later executions that
run, so that a connection's frames leave in one write, connection after connection
(subscriptions/direct.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

import subscriptions.direct as direct
from models.domain import events as ev
from subscriptions.direct import Claims, Together
from subscriptions.notices import NoticeEvent, shared_put

KEY = ("execution", "board")


FLUSH = (0, "written to the socket")


class _Member:
    """A subscriber: the frames the hub wrote for it, when they went to its socket, and
    what it was handed back."""

    def __init__(self, log: list[tuple[str, int, str]], name: str) -> None:
        self.log = log
        self.name = name
        self.claims: list[Claims] = []  # in claim order

    def claim(self, claims: Claims) -> None:
        self.claims.append(claims)
        claims.members.append(self)  # type: ignore[arg-type]

    def write_answered(self) -> None:
        # the answered ones, in claim order up to the first that is not
        while self.claims and self.claims[0].body is not None:
            claims = self.claims.pop(0)
            self.log.append((self.name, claims.event.seq, claims.body))  # type: ignore[arg-type]
        self.log.append((self.name, *FLUSH))

    def release_claim(self, event: NoticeEvent) -> None:
        if any(c.event is event for c in self.claims):
            self.claims = [c for c in self.claims if c.event.seq < event.seq]
            self.log.append((self.name, event.seq, "released"))


def _two_events(log: list[tuple[str, int, str]]) -> tuple[Claims, Claims]:
    """The claims of subscribers a and b for events 1 and 2."""
    members = [_Member(log, name) for name in ("a", "b")]
    both = []
    for seq in (1, 2):
        event = NoticeEvent(1, seq, ev.MISSION_STATUS_CHANGED, datetime(2026, 6, 1, tzinfo=UTC))
        claims = Claims(event)
        for member in members:
            member.claim(claims)
        both.append(claims)
    return both[0], both[1]


def _each_in_one_write(*frames: tuple[int, str]) -> list[tuple[Any, ...]]:
    """The log of a, then b, each written these frames in one write to its socket."""
    return [
        entry
        for name in ("a", "b")
        for entry in [*((name, seq, body) for seq, body in frames), (name, *FLUSH)]
    ]


def _running(claims: Claims) -> asyncio.Future[Any]:
    """The group's execution of the claims' event has started (and not ended, until the
    test sets the future's result)."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    shared_put(claims.event, KEY, ("operation", future))
    return future


async def test_frames_wait_for_a_later_execution_that_runs_then_leave_with_its_own() -> None:
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    Together(KEY, [first, second])
    running = _running(second)

    # when the first event's answer comes while the second's execution runs
    first.deliver("one")
    # then nothing is written yet
    assert log == []

    # when the second's answer comes
    running.set_result(None)
    second.deliver("two")
    # then both are written, in event order, each connection's in one write
    assert log == _each_in_one_write((1, "one"), (2, "two"))


async def test_frames_wait_for_a_later_execution_that_ended_and_whose_answer_comes_next() -> None:
    # (the rows came with the events: both executions end in one turn of the loop, and
    # the first's answer is handed out just before the second's)
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    Together(KEY, [first, second])
    _running(second).set_result(None)

    first.deliver("one")
    assert log == []
    second.deliver("two")

    assert log == _each_in_one_write((1, "one"), (2, "two"))


async def test_frames_do_not_wait_for_an_execution_that_has_not_started() -> None:
    # (it may start only once these frames are written: waiting would stall both)
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    Together(KEY, [first, second])

    first.deliver("one")

    assert log == _each_in_one_write((1, "one"))


async def test_held_frames_go_before_a_later_event_handed_back() -> None:
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    Together(KEY, [first, second])
    _running(second)
    first.deliver("one")

    # when the second event's execution fails and its claims are handed back
    second.release()

    # then the first's frames are written first, and then the streams take the second
    assert log == [*_each_in_one_write((1, "one")), ("a", 2, "released"), ("b", 2, "released")]


async def test_frames_wait_no_longer_than_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(direct, "TOGETHER_WAIT", 0.01)
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    Together(KEY, [first, second])
    _running(second)  # and it never ends

    first.deliver("one")
    await asyncio.sleep(0.05)

    assert log == _each_in_one_write((1, "one"))


class _Broken(_Member):
    """A subscriber whose frame cannot be written (say its stream's state is off)."""

    def write_answered(self) -> None:
        raise RuntimeError("cannot write")


async def test_a_member_that_fails_takes_its_own_event_back_and_the_others_get_theirs() -> None:
    log: list[tuple[str, int, str]] = []
    first, second = _two_events(log)
    broken = _Broken(log, "x")
    broken.claims.append(first)
    first.members.insert(0, broken)  # type: ignore[arg-type]
    Together(KEY, [first, second])
    running = _running(second)
    first.deliver("one")

    running.set_result(None)
    second.deliver("two")

    # then the broken one's stream takes the event back, and everyone else's frames,
    # held or not, are written in order
    assert log == [("x", 1, "released"), *_each_in_one_write((1, "one"), (2, "two"))]
