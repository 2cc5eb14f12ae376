"""Statements of the read path, written once for both dialects.

`Statement` numbers placeholders for the dialect (`$1` on PostgreSQL, `?` on SQLite)
and keeps the values in order. A list of ids is one parameter on both (an array on
PostgreSQL, a JSON array read by `json_each` on SQLite), so a statement's text does not
depend on how many ids it reads, and the server's statement cache keeps working.
Keyset conditions (`after`) are here too: the cursor's row and everything before it in
the list's order is left out, as a condition an index seeks to.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from resolvers.rows import dialect


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order; the last key of a list is unique."""

    column: str
    descending: bool = False


class Statement:
    """Placeholders and their values for one statement.

    SQLite's `?` are positional: bind in the order the placeholders appear in the text.
    """

    def __init__(self, dialect_name: str | None = None) -> None:
        self.dialect = dialect_name or dialect()
        self.params: list[Any] = []

    def bind(self, value: Any) -> str:
        """A placeholder for `value`."""
        if isinstance(value, datetime.datetime):
            value = value.astimezone(datetime.UTC)
        self.params.append(value)
        return f"${len(self.params)}" if self.dialect == "postgres" else "?"

    def rows_of(self, model: Any, ids: Sequence[int], agency_id: int | None) -> str:
        """`WHERE` these rows of `model` (its table aliased `t`), only the agency's when the
        model has one (`agency_id` None: any agency's)."""
        marks = ", ".join(self.bind(i) for i in dict.fromkeys(ids))
        tail = f'WHERE t."id" IN ({marks})'
        if "agency" in model._meta.fields_map and agency_id is not None:
            tail += f' AND t."agency_id" = {self.bind(agency_id)}'
        return tail

    def one_of(self, column: str, values: Sequence[Any], kind: str = "int") -> str:
        """`column` is one of `values` (one parameter, whatever their number)."""
        if self.dialect == "postgres":
            return f"{column} = ANY({self.bind(list(values))}::{kind}[])"
        return f"{column} IN (SELECT value FROM json_each({self.bind(orjson.dumps(list(values)).decode())}))"

    def contains(self, column: str, text: str) -> str:
        """Case-insensitive substring match, as Tortoise's `icontains` writes it."""
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cast = "VARCHAR"
        return (
            f"UPPER(CAST({column} AS {cast})) LIKE UPPER({self.bind(f'%{escaped}%')}) ESCAPE '\\'"
        )

    def after(self, keys: Sequence[SortKey], values: Sequence[Any]) -> str:
        """Rows strictly after `values` in the order of `keys`.

        Keys all in one direction compare as one row value, `(a, b) < ($1, $2)`, which
        both dialects' b-trees seek to: a cursor inside thousands of rows sharing its
        first key (a cancelled order's missions share their `cancelled_at`) starts at
        its row, where `a <= $1 AND (a < $1 OR (a = $1 AND b < $2))` would read every
        tie before it and throw it away.
        """
        if len(keys) > 1 and len({k.descending for k in keys}) == 1:
            op = "<" if keys[0].descending else ">"
            columns = ", ".join(k.column for k in keys)
            bound_values = ", ".join(self.bind(v) for v in values)
            return f"({columns}) {op} ({bound_values})"
        bound = self.bind(values[0])
        first = keys[0]
        clauses = []
        for i, key in enumerate(keys):
            equal = [
                f"{k.column} = {self.bind(v)}" for k, v in zip(keys[:i], values[:i], strict=True)
            ]
            op = "<" if key.descending else ">"
            clauses.append(" AND ".join([*equal, f"{key.column} {op} {self.bind(values[i])}"]))
        # The redundant bound on the first key lets an index seek to the cursor.
        return (
            f"{first.column} {'<=' if first.descending else '>='} {bound} "
            f"AND ({' OR '.join(f'({c})' for c in clauses)})"
        )


def order_by(keys: Sequence[SortKey]) -> str:
    return ", ".join(f"{k.column}{' DESC' if k.descending else ''}" for k in keys)
