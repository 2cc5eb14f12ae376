"""The planner's side of the types: fields that say what they load, and load it per level.

A relational field declares a *batch* in its metadata. The compiled executor
(`schema/compiled/run.py`) gathers, level by level, every parent the response needs
that field for, and asks the batch to load for all of them at once (one statement,
into the operation's `RowStore`); the field's resolver then reads the store and
returns at once. Under graphql-core, or for a parent the planner did not see, the
same resolver falls back to a dataloader, which batches per event-loop tick as
before: the answer is the same either way, only the cost differs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from tortoise.models import Model

from resolvers.joins import Join
from resolvers.row_store import MISSING, Children, RowStore
from schema.context import Info
from schema.joins import plan_joins


class RowsById:
    """Batch: the rows of one model that the parents' foreign keys point to."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    async def prepare(self, run: Any, pairs: Sequence[tuple[Any, Any]]) -> None:
        keys = [plan.field.metadata["key"](source) for source, plan in pairs]
        await run.context.rows.load(self.model, keys)


class ChildRows:
    """Batch: the child lists of the parents along one relation."""

    def __init__(self, relation: Children) -> None:
        self.relation = relation

    async def prepare(self, run: Any, pairs: Sequence[tuple[Any, Any]]) -> None:
        keys = [plan.field.metadata["key"](source) for source, plan in pairs]
        # the children's to-one relations that the selection asks for come joined
        joins: list[Any] = []
        for plan in {plan for _, plan in pairs}:
            shape = plan.shape
            while shape.of is not None:
                shape = shape.of
            if shape.plan is not None:
                joins += [j for j in plan_joins(shape.plan) if j not in joins]
        await run.context.rows.load_children(self.relation, keys, joins)


_BY_ID: dict[type[Model], RowsById] = {}
_CHILDREN: dict[Children, ChildRows] = {}


def by_id(model: type[Model], key: Callable[[Any], int | None]) -> dict[str, Any]:
    """Field metadata: the field reads `model`'s row `key(parent)` from the store."""
    batch = _BY_ID.get(model) or _BY_ID.setdefault(model, RowsById(model))
    return {"batch": batch, "key": key}


def children_of(relation: Children, key: Callable[[Any], int | None]) -> dict[str, Any]:
    """Field metadata: the field reads the child list of `key(parent)` along `relation`."""
    batch = _CHILDREN.get(relation) or _CHILDREN.setdefault(relation, ChildRows(relation))
    return {"batch": batch, "key": key}


def one(info: Info, model: type[Model], pk: int | None, then: Callable[[Any], Any]) -> Any:
    """`then(row)` of the row `pk` of `model` (None for no key; LookupError if missing).

    Synchronous when the row is in the operation's store; otherwise an awaitable that
    loads it through the operation's dataloader.
    """
    if pk is None:
        return None
    row = info.context.rows.get(model, pk)
    if row is MISSING:
        return _one_later(info, model, pk, then)
    if row is None:
        raise LookupError(f"{model.__name__} {pk} is missing or another agency's")
    return then(row)


def maybe_one(info: Info, model: type[Model], pk: int | None, then: Callable[[Any], Any]) -> Any:
    """Like `one`, with None for a row that does not exist."""
    if pk is None:
        return None
    row = info.context.rows.get(model, pk)
    if row is MISSING:
        return _maybe_later(info, model, pk, then)
    return then(row) if row is not None else None


def many(info: Info, relation: Children, parent_id: int, then: Callable[[list[Any]], Any]) -> Any:
    """`then(rows)` of the parent's child rows along `relation` (maybe awaitable)."""
    rows = info.context.rows.children(relation, parent_id)
    if rows is MISSING:
        return _many_later(info, relation, parent_id, then)
    return then(rows)


async def _one_later(info: Info, model: type[Model], pk: int, then: Callable[[Any], Any]) -> Any:
    row = await _row_loader(info, model).load(pk)
    if row is None:
        raise LookupError(f"{model.__name__} {pk} is missing or another agency's")
    return then(row)


async def _maybe_later(info: Info, model: type[Model], pk: int, then: Callable[[Any], Any]) -> Any:
    row = await _row_loader(info, model).load(pk)
    return then(row) if row is not None else None


async def _many_later(
    info: Info, relation: Children, parent_id: int, then: Callable[[list[Any]], Any]
) -> Any:
    store = info.context.rows

    async def load(parent_ids: Sequence[int]) -> list[list[Any]]:
        await store.load_children(relation, parent_ids)
        return [store.children(relation, p) for p in parent_ids]

    rows = await info.context.loaders.batch(("children", relation), load).load(parent_id)
    return then(rows)


def _row_loader(info: Info, model: type[Model]) -> Any:
    store = info.context.rows

    async def load(pks: Sequence[int]) -> list[Any]:
        await store.load(model, pks)
        return [store.get(model, pk) for pk in pks]

    return info.context.loaders.batch(("rows", model), load)


def to_one(
    model: type[Model],
    key: str | Callable[[Any], int | None],
    then: Callable[[Any], Any],
    *,
    graphql_type: Any,
    description: str,
    nullable: bool = False,
) -> Any:
    """A field returning `then(row)` of the `model` row the parent's key names: `key` is
    the column of the parent's `row` (then the row can come joined with its parent's,
    `schema/joins.py`), or a function of the parent.

    Its metadata carries `read` (the store, the parent -> the value, or MISSING), which
    the resolver uses and the compiled executor calls directly, without building an
    Info for every row.
    """
    name = model.__name__
    join = None
    if isinstance(key, str):
        join = Join(model, key)
        key = _row_key(key)

    def read(store: RowStore, parent: Any) -> Any:
        pk = key(parent)
        if pk is None:
            return None
        row = store.get(model, pk)
        if row is None:
            if nullable:
                return None
            raise LookupError(f"{name} {pk} is missing or another agency's")
        return MISSING if row is MISSING else then(row)

    later = _maybe_later if nullable else _one_later

    def resolve(self: Any, info: Info) -> Any:
        value = read(info.context.rows, self)
        if value is MISSING:
            return later(info, model, key(self), then)  # type: ignore[arg-type]
        return value

    return strawberry.field(
        resolver=resolve,
        description=description,
        graphql_type=graphql_type,
        metadata={**by_id(model, key), "read": read, "join": join},
    )


def _row_key(column: str) -> Callable[[Any], int | None]:
    def key(parent: Any) -> int | None:
        return getattr(parent.row, column)  # type: ignore[no-any-return]

    return key


def to_many(
    relation: Children,
    key: str | Callable[[Any], int | None],
    then: Callable[[Any, list[Any]], Any],
    *,
    graphql_type: Any,
    description: str,
    empty: Any = None,
) -> Any:
    """A field returning `then(parent, rows)` of the parent's child rows along `relation`
    (`empty` when the parent has no key; `key` as for `to_one`). Read as `to_one` is."""
    if isinstance(key, str):
        key = _row_key(key)

    def read(store: RowStore, parent: Any) -> Any:
        parent_id = key(parent)
        if parent_id is None:
            return empty
        rows = store.children(relation, parent_id)
        return MISSING if rows is MISSING else then(parent, rows)

    def resolve(self: Any, info: Info) -> Any:
        value = read(info.context.rows, self)
        if value is MISSING:
            return many(info, relation, key(self), lambda rows: then(self, rows))  # type: ignore[arg-type]
        return value

    return strawberry.field(
        resolver=resolve,
        description=description,
        graphql_type=graphql_type,
        metadata={**children_of(relation, key), "read": read},
    )
