"""Sign-ins sharing a user read: one caller's bad value fails that caller only."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from resolvers.tokens import _UserReads


class _Reads(_UserReads):
    """Users by name, from a dict; a statement holding "bad\\x00" fails as a whole."""

    statements: list[list[Any]]

    async def _rows(self, values: list[Any]) -> list[Any]:
        self.statements.append(values)
        await asyncio.sleep(0)
        if "bad\x00" in values:
            raise ValueError("invalid byte sequence")
        return [_User(v) for v in values if v != "nobody"]


class _User:
    def __init__(self, name: str) -> None:
        self.name = name


async def test_callers_share_a_read_and_a_bad_value_fails_only_its_caller() -> None:
    reads = _Reads('t."name"', "name")
    reads.statements = []
    # given a read out, and six callers asking meanwhile, one with a value that fails
    first = asyncio.ensure_future(reads.get("ann"))
    await asyncio.sleep(0)
    names = ["bob", "cy", "bad\x00", "dee", "nobody", "bob"]
    results = await asyncio.gather(*(reads.get(n) for n in names), return_exceptions=True)

    # then the others got their users (or None), each its own object, and only the bad
    # value's caller failed
    assert (await first).name == "ann"
    got = [r if isinstance(r, Exception) or r is None else r.name for r in results]
    assert got[:2] == ["bob", "cy"] and got[3:] == ["dee", None, "bob"]
    assert isinstance(results[2], ValueError)
    assert results[0] is not results[5]
    # and the five values were asked in one statement before each was read alone
    assert reads.statements[0] == ["ann"]
    assert sorted(reads.statements[1]) == sorted({"bob", "cy", "bad\x00", "dee", "nobody"})


async def test_a_read_that_fails_for_everyone_fails_every_caller() -> None:
    class Down(_Reads):
        async def _rows(self, values: list[Any]) -> list[Any]:
            raise ConnectionError("database down")

    reads = Down('t."name"', "name")
    results = await asyncio.gather(*(reads.get(n) for n in ["a", "b"]), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    with pytest.raises(ConnectionError):
        await reads.get("c")
