"""Count the SQL statements the ORM sends (N+1 and bulk-write tests)."""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from typing import Any

from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

from models.config import ExecutorMode, executor_mode
from schema.compiled.executor import executor_override

_METHODS = (
    "execute_insert",
    "execute_many",
    "execute_query",
    "execute_query_dict",
    "execute_script",
)
_CLASSES = (
    SqliteClient,
    SqliteTransactionWrapper,
    AsyncpgDBClient,
    TransactionWrapper,
)
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("sqlcount_depth", default=0)


class Statements(list[str]):
    """The statements sent while counting, in order."""

    def matching(self, word: str) -> list[str]:
        return [s for s in self if word.lower() in s.lower()]


@contextlib.contextmanager
def count_statements() -> Iterator[Statements]:
    """Record every statement sent through Tortoise (nested calls counted once)."""
    seen = Statements()
    originals: list[tuple[type, str, Any]] = []
    # Differential mode runs every operation twice; a count is of the executor that
    # serves requests (every test run that way checks that both agree).
    exit_stack = contextlib.ExitStack()
    if executor_mode() is ExecutorMode.DIFFERENTIAL:
        exit_stack.enter_context(executor_override(ExecutorMode.COMPILED))

    def wrap(method: Any) -> Any:
        @functools.wraps(method)
        async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            token = _depth.set(_depth.get() + 1)
            try:
                if _depth.get() == 1:
                    seen.append(query)
                return await method(self, query, *args, **kwargs)
            finally:
                _depth.reset(token)

        return counted

    for cls in _CLASSES:
        for name in _METHODS:
            if name in vars(cls):
                originals.append((cls, name, vars(cls)[name]))
                setattr(cls, name, wrap(vars(cls)[name]))
    try:
        with exit_stack:
            yield seen
    finally:
        for cls, name, original in reversed(originals):
            setattr(cls, name, original)
