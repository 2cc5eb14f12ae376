"""Rows a foreign key points to, read in the statement that reads the rows pointing.

A page of cancellations whose selection asks for each one's customer, mission and
reason reads them with `LEFT JOIN`s in the page's own statement, into the operation's
row store, instead of one statement more per relation: every statement is a round
trip, and on a busy machine a round trip costs more than the rows it brings. A joined
row is of the parent's agency (the parent is already scoped to the caller's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from resolvers.rows import reader


@dataclass(frozen=True, eq=False)
class Join:
    """The `model` row that the parent's column `fk` points to."""

    model: type[Model]
    fk: str


def joined(parent: type[Model], joins: Sequence[Join]) -> tuple[str, str]:
    """(extra columns, extra FROM clauses) of a statement about `parent` rows `t`."""
    if not joins:
        return "", ""
    scoped = "agency" in parent._meta.fields_map
    columns, clauses = [], []
    for i, join in enumerate(joins):
        alias = f"j{i}"
        r = reader(join.model)
        columns.append(r.select(alias))
        same_agency = (
            f' AND {alias}."agency_id" = t."agency_id"'
            if scoped and "agency" in join.model._meta.fields_map
            else ""
        )
        clauses.append(
            f'LEFT JOIN "{r.table}" {alias} ON {alias}."id" = t."{join.fk}"{same_agency}'
        )
    return ", " + ", ".join(columns), " " + " ".join(clauses)


def read_joined(
    store: Any, parent: type[Model], joins: Sequence[Join], rows: Sequence[Any]
) -> list[Any]:
    """The parent instances of `rows`, the joined rows put into `store` (None where the
    key names no row of the agency, as the store's own loads mark it)."""
    r = reader(parent)
    built = r.build_all(rows)
    if not joins:
        return built
    attributes = [parent._meta.fields_db_projection_reverse.get(j.fk, j.fk) for j in joins]
    offset = r.width
    for join, attribute in zip(joins, attributes, strict=True):
        other = reader(join.model)
        found: dict[int, Any] = {}
        for item, row in zip(built, rows, strict=True):
            key = getattr(item, attribute)
            if key is None or key in found:
                continue
            found[key] = (
                other.build(row, offset) if row[offset + other.id_offset] is not None else None
            )
        store.put_found(join.model, found)
        offset += other.width
    return built
