"""One page per parent for many parents in one statement: connections nested in lists.

A page of the Cancelled tab asking each cancellation's `history(first: 5)`, or a list
of drivers asking each one's `missions(first: 10)`, reads every parent's page with one
windowed statement (`ROW_NUMBER() OVER (PARTITION BY parent …)`); when `totalCount` is
selected the same window counts each parent's list (after a cursor, one grouped
statement more does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from tortoise.models import Model

from resolvers.paging import Key, Page, column, decode_cursor, encode_cursor, page_size
from resolvers.rows import execute, reader
from resolvers.sql import SortKey, Statement, order_by

M = TypeVar("M", bound=Model)

Source = Callable[[Statement, Sequence[int]], tuple[str, str, list[str]]]
"""Writes the rows' source for some parents: (FROM clause with alias `t` and any joins,
the SQL of each row's parent id, the WHERE conditions)."""


async def pages_by_parent(
    model: type[M],
    source: Source,
    parent_ids: Sequence[int],
    keys: list[Key],
    *,
    first: int | None,
    after: str | None,
    with_total: bool = False,
) -> dict[int, Page[M]]:
    """Each parent's page of `model` rows ordered by `keys`, after the cursor `after`."""
    size = page_size(first)
    values = decode_cursor(after, keys, model) if after else None
    parents = sorted(set(parent_ids))
    pages: dict[int, Page[M]] = {
        p: Page([], [], has_next=False, has_previous=bool(after)) for p in parents
    }
    if not parents:
        return pages
    r = reader(model)
    sql = Statement()
    from_clause, parent, where = source(sql, parents)
    sorted_by = [SortKey(column(model, k.field), k.descending) for k in keys]
    if values is not None:
        where.append(sql.after(sorted_by, values))
    # Without a cursor the window that ranks a parent's rows counts them too: the total
    # comes with the pages. After a cursor the ranked rows are only those after it.
    counted = with_total and values is None
    ranked = (
        f"SELECT t.*, {parent} AS parent_id, ROW_NUMBER() OVER "
        f"(PARTITION BY {parent} ORDER BY {order_by(sorted_by)}) AS n"
        + (f", COUNT(*) OVER (PARTITION BY {parent}) AS total_n" if counted else "")
        + f" FROM {from_clause} WHERE {' AND '.join(where) or 'TRUE'}"
    )
    statement = (
        f"SELECT {r.columns}, t.parent_id{', t.total_n' if counted else ''} FROM ({ranked}) t "
        f"WHERE t.n <= {sql.bind(size + 1)} ORDER BY t.parent_id, {order_by(sorted_by)}"
    )
    rows = await execute(statement, sql.params)
    by_parent: dict[int, list[M]] = {p: [] for p in parents}
    totals: dict[int, int] = {}
    for row in rows:
        parent_id = int(row[r.width])
        by_parent[parent_id].append(r.build(row))  # type: ignore[arg-type]
        if counted:
            totals[parent_id] = int(row[r.width + 1])
    if with_total and not counted:
        totals = await _totals(source, parents)
    for p, found in by_parent.items():
        shown = found[:size]
        pages[p] = Page(
            shown,
            [encode_cursor([getattr(x, k.field) for k in keys]) for x in shown],
            has_next=len(found) > size,
            has_previous=bool(after),
            total=totals.get(p, 0) if with_total else None,
        )
    return pages


async def _totals(source: Source, parents: Sequence[int]) -> dict[int, int]:
    sql = Statement()
    from_clause, parent, where = source(sql, parents)
    rows = await execute(
        f"SELECT {parent}, COUNT(*) FROM {from_clause} "
        f"WHERE {' AND '.join(where) or 'TRUE'} GROUP BY {parent}",
        sql.params,
    )
    return {int(p): int(n) for p, n in rows}
