"""The rows one operation has read, so that nested fields resolve without waiting.

The planner (`schema/planning.py`) fills the store a whole level at a time: every
customer the page's cancellations point to in one statement, every assignment of the
page's missions in one more. Resolvers then read it synchronously. Every statement
is scoped to the caller's agency, and lists of missions to what a driver may see,
inside the SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from resolvers.joins import Join, joined, read_joined
from resolvers.rows import execute, fetch, reader
from resolvers.sql import SortKey, Statement, order_by

MISSING: Any = object()
"""What the store answers for a key it has not read (None: read, and absent)."""


@dataclass(frozen=True, eq=False)
class Children:
    """The rows of `model` whose `fk` column points to a parent, in `order`.

    `where` is fixed SQL about `t` (no values); `driver_visibility` a condition with a
    `{driver}` slot applied when the caller is a driver (`resolvers/visibility.py`).
    Relations are constants, compared by identity (a store looks them up per row).
    """

    model: type[Model]
    fk: str
    order: tuple[SortKey, ...] = (SortKey('t."id"'),)
    where: str = ""
    driver_visibility: str = ""


class RowStore:
    """Rows by model and primary key, and child lists by relation and parent id."""

    def __init__(self, agency_id: int | None, driver_id: int | None = None) -> None:
        self.agency_id = agency_id
        self.driver_id = driver_id  # whose missions alone lists show (visibility.own_driver_id)
        self._rows: dict[type[Model], dict[int, Any]] = {}
        self._children: dict[Children, dict[int, list[Any]]] = {}
        self._pages: dict[Any, dict[int, Any]] = {}
        self.statements = 0

    def _scope(self, sql: Statement, model: type[Model]) -> list[str]:
        if "agency" in model._meta.fields_map and self.agency_id is not None:
            return [f't."agency_id" = {sql.bind(self.agency_id)}']
        return []

    def get(self, model: type[Model], pk: int) -> Any:
        """The row (None when it does not exist for this agency), or MISSING."""
        known = self._rows.get(model)
        return MISSING if known is None else known.get(pk, MISSING)

    def put_found(self, model: type[Model], found: dict[int, Any]) -> None:
        """Rows by key as a statement found them (None: that key names no row)."""
        known = self._rows.setdefault(model, {})
        for key, row in found.items():
            known.setdefault(key, row)

    def put(self, model: type[Model], rows: Iterable[Any]) -> None:
        known = self._rows.setdefault(model, {})
        for row in rows:
            known[row.id] = row  # every model of ours has an `id` primary key

    def children(self, relation: Children, parent_id: int) -> Any:
        """The parent's child rows, or MISSING when they were not read."""
        return self._children.get(relation, {}).get(parent_id, MISSING)

    def page(self, key: Any, parent_id: int) -> Any:
        """A nested connection's page of the parent (`key`: the connection and its
        arguments), or MISSING."""
        return self._pages.get(key, {}).get(parent_id, MISSING)

    def put_pages(self, key: Any, pages: dict[int, Any]) -> None:
        self._pages.setdefault(key, {}).update(pages)

    async def load(self, model: type[Model], pks: Iterable[int | None]) -> None:
        """Read the rows of `pks` that are not in the store yet (one statement)."""
        known = self._rows.setdefault(model, {})
        wanted = sorted({pk for pk in pks if pk is not None and pk not in known})
        if not wanted:
            return
        sql = Statement()
        conditions = self._scope(sql, model)
        conditions.append(sql.one_of('t."id"', wanted))
        rows = await fetch(model, "WHERE " + " AND ".join(conditions), sql.params)
        self.statements += 1
        for pk in wanted:
            known[pk] = None
        for row in rows:
            known[row.id] = row  # type: ignore[attr-defined]

    async def load_children(
        self, relation: Children, parent_ids: Iterable[int | None], joins: Sequence[Join] = ()
    ) -> None:
        """Read the child lists of the parents not read yet (one statement), with the
        rows the children's `joins` point to."""
        known = self._children.setdefault(relation, {})
        wanted = sorted({p for p in parent_ids if p is not None and p not in known})
        if not wanted:
            return
        sql = Statement()
        column = f't."{relation.fk}"'
        conditions = self._scope(sql, relation.model)
        conditions.append(sql.one_of(column, wanted))
        if relation.where:
            conditions.append(relation.where)
        if relation.driver_visibility and self.driver_id is not None:
            conditions.append(relation.driver_visibility.format(driver=sql.bind(self.driver_id)))
        extra_columns, extra_from = joined(relation.model, joins)
        r = reader(relation.model)
        statement = (
            f'SELECT {r.columns}{extra_columns} FROM "{r.table}" t{extra_from} '
            f"WHERE {' AND '.join(conditions)} ORDER BY {column}, {order_by(relation.order)}"
        )
        rows = read_joined(self, relation.model, joins, await execute(statement, sql.params))
        self.statements += 1
        for parent in wanted:
            known[parent] = []
        fk = relation.model._meta.fields_db_projection_reverse.get(relation.fk, relation.fk)
        for row in rows:
            known[getattr(row, fk)].append(row)
        self.put(relation.model, rows)
