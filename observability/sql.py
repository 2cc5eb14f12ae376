"""SQL statements per request (and a span each when tracing is on): every statement Tortoise sends is counted in the request
that sent it (a context variable holding a mutable counter, so statements sent by tasks
the request started count too). Installed once per process, at app creation."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from observability import tracing

_METHODS = ("execute_insert", "execute_many", "execute_query", "execute_query_dict")
_counter: ContextVar[list[int] | None] = ContextVar("sql_statements", default=None)
_installed = False


def start_counting() -> list[int]:
    """A new counter for the current request; `counter[0]` is its statements so far."""
    counter = [0]
    _counter.set(counter)
    return counter


def install() -> None:
    """Count the statements of Tortoise's SQLite and asyncpg clients (and transactions)."""
    global _installed
    if _installed:
        return
    from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
    from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

    for cls, system in (
        (SqliteClient, "sqlite"),
        (SqliteTransactionWrapper, "sqlite"),
        (AsyncpgDBClient, "postgresql"),
        (TransactionWrapper, "postgresql"),
    ):
        for name in _METHODS:
            if name in vars(cls):
                setattr(cls, name, _counted(vars(cls)[name], system))
    _installed = True


def _counted(method: Callable[..., Awaitable[Any]], system: str) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        counter = _counter.get()
        if counter is not None:
            counter[0] += 1
        if tracing.ENABLED:
            with tracing.sql_span(str(args[0]) if args else "", system):
                return await method(self, *args, **kwargs)
        return await method(self, *args, **kwargs)

    return counted
