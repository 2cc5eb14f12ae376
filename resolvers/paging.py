"""Keyset (cursor) pagination: stable under inserts, one indexed statement per page."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from tortoise.fields import BigIntField
from tortoise.models import Model

from resolvers.joins import Join, joined, read_joined
from resolvers.rows import execute, reader
from resolvers.sql import SortKey, Statement, order_by
from resolvers.validation import ArgumentError

M = TypeVar("M", bound=Model)

DEFAULT_PAGE = 20
MAX_PAGE = 200


class PageError(ArgumentError):
    """A bad `first` or `after` argument; `argument` says which."""


def _not_a_cursor() -> PageError:
    return PageError("after is not a cursor of this list.", "after")


@dataclass
class Page(Generic[M]):
    """One page of rows, with their cursors."""

    rows: list[M]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    total: int | None = None

    @classmethod
    def empty(cls) -> Page[M]:
        """A page of nothing."""
        return cls(rows=[], cursors=[], has_next=False, has_previous=False)


@dataclass(frozen=True)
class Key:
    """One column of the sort key; `descending` for newest-first lists."""

    field: str
    descending: bool = False


def page_size(first: int | None) -> int:
    """`first`, defaulted and capped."""
    if first is None:
        return DEFAULT_PAGE
    if first < 1 or first > MAX_PAGE:
        raise PageError(f"first must be between 1 and {MAX_PAGE}.", "first")
    return first


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, keys: list[Key], sample: type[Model]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode())
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise _not_a_cursor() from exc
    if not isinstance(values, list) or len(values) != len(keys):
        raise _not_a_cursor()
    out: list[Any] = []
    for key, value in zip(keys, values, strict=True):
        field = sample._meta.fields_map.get(key.field)
        field_type = field.field_type if field is not None else None
        if field_type is datetime:
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError) as exc:
                raise _not_a_cursor() from exc
            if value.tzinfo is None:
                raise _not_a_cursor()
        elif field_type is int:
            # Keys are 32-bit (BigInt: 64-bit) integers; anything else is no cursor of ours.
            bits = 63 if isinstance(field, BigIntField) else 31
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**bits:
                raise _not_a_cursor()
        elif field_type is str:
            max_length = getattr(field, "max_length", None) or 10_000
            if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
                raise _not_a_cursor()
        else:
            raise _not_a_cursor()
        out.append(value)
    return out


Conditions = Callable[[Statement], list[str]]
"""Writes a list's WHERE conditions (about the table alias `t`) into a statement."""


def column(model: type[Model], field: str) -> str:
    """The qualified column of a model field, e.g. `t."cancelled_at"`."""
    return f't."{model._meta.fields_db_projection.get(field, field)}"'


async def count_rows(model: type[Model], conditions: Conditions) -> int:
    """How many rows of `model` meet the conditions."""
    sql = Statement()
    where = " AND ".join(conditions(sql)) or "TRUE"
    rows = await execute(
        f'SELECT COUNT(*) FROM "{model._meta.db_table}" t WHERE {where}', sql.params
    )
    return int(rows[0][0])


async def sql_page(
    model: type[M],
    conditions: Conditions,
    keys: list[Key],
    *,
    first: int | None,
    after: str | None,
    with_total: bool,
    joins: Sequence[Join] = (),
    store: Any = None,
) -> Page[M]:
    """The page of `model`'s rows meeting `conditions` after the cursor `after`, ordered by
    `keys` (the last one unique), in one statement. The whole list is counted only
    `with_total`: what a page costs is the page, not what is stored. The count is a
    scalar subquery of the page's statement (evaluated once, no round trip of its own);
    only a page past the end of its list, which brings no row to carry it, counts with a
    second statement. The rows the page's `joins` point to go into `store` (the
    operation's row store)."""
    size = page_size(first)
    values = decode_cursor(after, keys, model) if after else None
    sql = Statement()
    total_column = ""
    if with_total:
        # Bound first: its placeholders come first in the text (SQLite's `?` are positional).
        counted = " AND ".join(conditions(sql)) or "TRUE"
        total_column = f', (SELECT COUNT(*) FROM "{model._meta.db_table}" t WHERE {counted})'
    where = conditions(sql)
    sorted_by = [SortKey(column(model, k.field), k.descending) for k in keys]
    if values is not None:
        where.append(sql.after(sorted_by, values))
    if store is None:
        joins = ()
    extra_columns, extra_from = joined(model, joins)
    r = reader(model)
    statement = (
        f'SELECT {r.columns}{extra_columns}{total_column} FROM "{r.table}" t{extra_from} '
        f"WHERE {' AND '.join(where) or 'TRUE'} ORDER BY {order_by(sorted_by)} "
        f"LIMIT {sql.bind(size + 1)}"
    )
    found = await execute(statement, sql.params)
    rows = read_joined(store, model, joins, found)
    total = None
    if with_total:
        if found:
            total = int(found[0][-1])
        else:
            total = await count_rows(model, conditions) if values is not None else 0
    has_next = len(rows) > size
    rows = rows[:size]
    cursors = [encode_cursor([getattr(r, k.field) for k in keys]) for r in rows]
    return Page(rows, cursors, has_next, has_previous=bool(after), total=total)
