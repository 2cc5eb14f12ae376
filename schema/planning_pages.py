"""Nested connections, planned: one page per parent for a whole level of parents.

`Driver.missions` or a `history` asked of every row of a page reads every parent's page
with one windowed statement (`resolvers/parent_pages.py`), keyed in the operation's
store by the connection and its arguments; the field's resolver then finds its page
there, or reads it through a dataloader keyed the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from resolvers.row_store import MISSING
from resolvers.validation import ArgumentError
from schema.context import Info
from schema.errors_gql import bad_argument
from schema.selection import selects

PagesRead = Callable[[Info, dict[str, Any], list[int]], Awaitable[dict[int, Any]]]
"""Reads one page per parent: (info, the field's arguments, parent ids) -> pages."""


class ParentPages:
    """Batch: a nested connection's page for every parent of a level, per arguments.

    `read` reads all the parents' pages in a constant number of statements
    (`resolvers/parent_pages.py`); the resolver finds its page in the store under
    `key(info, arguments)`. A refused argument is left to the resolver to report.
    """

    def __init__(self, name: str, read: PagesRead) -> None:
        self.name = name
        self.read = read

    def __repr__(self) -> str:
        return f"ParentPages({self.name})"

    def key(self, info: Info, arguments: dict[str, Any]) -> tuple[Any, ...]:
        counted = selects(info, "totalCount")
        values = sorted((name, _hashable(value)) for name, value in arguments.items())
        return (self.name, counted, *values)

    async def prepare(self, run: Any, pairs: Sequence[tuple[Any, Any]]) -> None:
        by_plan: dict[Any, list[Any]] = {}
        for source, plan in pairs:
            by_plan.setdefault(plan, []).append(source)
        for plan, sources in by_plan.items():
            info = run.strawberry_info(plan)
            arguments = run.arguments(plan)[1] or {}
            parents = [plan.field.metadata["key"](s) for s in sources]
            try:
                pages = await self.read(info, arguments, parents)
            except ArgumentError:
                continue
            run.context.rows.put_pages(self.key(info, arguments), pages)


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def pages_of(batch: ParentPages, key: Callable[[Any], int]) -> dict[str, Any]:
    """Field metadata: the field reads the page of `key(parent)` that `batch` reads."""
    return {"batch": batch, "key": key}


def paged(
    info: Info,
    batch: ParentPages,
    arguments: dict[str, Any],
    parent_id: int,
    then: Callable[[Any], Any],
) -> Any:
    """`then(page)` of the parent's page of a nested connection (maybe awaitable).

    `arguments` are the field's, by their Python names, as the batch received them.
    """
    key = batch.key(info, arguments)
    found = info.context.rows.page(key, parent_id)
    if found is MISSING:
        return _paged_later(info, batch, key, arguments, parent_id, then)
    return then(found)


async def _paged_later(
    info: Info,
    batch: ParentPages,
    key: tuple[Any, ...],
    arguments: dict[str, Any],
    parent_id: int,
    then: Callable[[Any], Any],
) -> Any:
    store = info.context.rows

    async def load(parent_ids: Sequence[int]) -> list[Any]:
        store.put_pages(key, await batch.read(info, arguments, list(parent_ids)))
        return [store.page(key, p) for p in parent_ids]

    try:
        found = await info.context.loaders.batch(("pages", key), load).load(parent_id)
    except ArgumentError as exc:
        raise bad_argument(str(exc), exc.argument) from exc
    return then(found)
