"""Rows read with one hand-written statement, turned into model instances cheaply.

Tortoise spends 25-60 µs building one instance of a wide model (`_init_from_db` loops
over every column and converts most of them) and ~0.5-1.5 ms building a query. The
read path needs neither: its statements are fixed text (`resolvers/sql.py`), and a
`Reader` turns a result row into an instance of the same model with a function
generated once per model and dialect, converting only what the driver did not
already convert (asyncpg gives aware datetimes, Decimals and bools; SQLite gives
text, so Tortoise's own converters run there). The instances are the ones Tortoise
would build, attribute for attribute; they are for reading, never saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tortoise import connections
from tortoise.fields import DatetimeField
from tortoise.fields.data import CharEnumFieldInstance
from tortoise.models import Model

M = TypeVar("M", bound=Model)


def dialect() -> str:
    """`postgres` or `sqlite`: the dialect of the connection reads go to."""
    return str(connections.get("default").capabilities.dialect)


def _converter(field: Any, kind: str, dialect_name: str) -> Callable[[Any], Any] | None:
    """How one column's value becomes the attribute Tortoise would set (None: as it is)."""
    if kind == "native":
        return None
    if kind == "default":
        field_type = field.field_type
        return lambda v: None if v is None else field_type(v)
    if dialect_name == "postgres" and isinstance(field, DatetimeField):
        return None  # asyncpg already gives aware UTC datetimes
    if isinstance(field, CharEnumFieldInstance):
        members = {m.value: m for m in field.enum_type}
        to_python = field.to_python_value
        return lambda v: None if v is None else members.get(v) or to_python(v)
    return field.to_python_value  # type: ignore[no-any-return]


class Reader:
    """Reads rows of one model from `SELECT <reader.columns> FROM <table> t …`."""

    def __init__(self, model: type[Model], dialect_name: str) -> None:
        meta = model._meta
        self.model = model
        self.table = meta.db_table
        entries: list[tuple[str, str, Callable[[Any], Any] | None]] = []
        for kind, fields in (
            ("native", meta.db_native_fields),
            ("default", meta.db_default_fields),
            ("complex", meta.db_complex_fields),
        ):
            for column, attr, field in fields:
                entries.append((column, attr, _converter(field, kind, dialect_name)))
        entries.sort(key=lambda e: e[0])
        self.attributes = [attr for _, attr, _ in entries]
        self._column_names = [column for column, _, _ in entries]
        self.columns = self.select("t")
        self.width = len(entries)
        self.id_offset = self._column_names.index("id") if "id" in self._column_names else -1
        self._build = self._generate(model, entries)

    @staticmethod
    def _generate(
        model: type[Model], entries: list[tuple[str, str, Callable[[Any], Any] | None]]
    ) -> Callable[[Any, int], Model]:
        # One dict display per row: the fastest way CPython has to fill an instance.
        namespace: dict[str, Any] = {"new": model.__new__, "M": model}
        items = []
        for i, (_, attr, convert) in enumerate(entries):
            if convert is None:
                items.append(f"{attr!r}: r[o + {i}]")
            else:
                namespace[f"c{i}"] = convert
                items.append(f"{attr!r}: c{i}(r[o + {i}])")
        generated = model._meta.db_pk_column not in model._meta.generated_db_fields
        source = (
            "def build(r, o):\n"
            "    obj = new(M)\n"
            "    obj.__dict__.update({"
            f"'_partial': False, '_saved_in_db': True, '_custom_generated_pk': {generated!r}, "
            "'_await_when_save': {}, " + ", ".join(items) + "})\n"
            "    return obj\n"
        )
        exec(compile(source, f"<reader {model.__name__}>", "exec"), namespace)
        return namespace["build"]  # type: ignore[no-any-return]

    def select(self, alias: str) -> str:
        """The column list of this model under a table alias (`t`, `j0`…)."""
        return ", ".join(f'{alias}."{column}"' for column in self._column_names)

    def build(self, row: Any, offset: int = 0) -> Model:
        """The instance of the columns of `row` starting at `offset`."""
        return self._build(row, offset)

    def build_all(self, rows: Sequence[Any], offset: int = 0) -> list[Any]:
        build = self._build
        return [build(r, offset) for r in rows]


_READERS: dict[tuple[type[Model], str], Reader] = {}


def reader(model: type[M]) -> Reader:
    """The reader of `model` for the current connection's dialect."""
    name = dialect()
    key = (model, name)
    found = _READERS.get(key)
    if found is None:
        found = _READERS[key] = Reader(model, name)
    return found


async def execute(sql: str, params: Sequence[Any], conn: Any = None) -> Sequence[Any]:
    """The rows of one statement, through `conn` or Tortoise's connection (a
    transaction's, inside one; otherwise a pooled connection for the statement alone)."""
    client: Any = conn or connections.get("default")
    _, rows = await client.execute_query(sql, list(params))
    return rows  # type: ignore[no-any-return]


def select(model: type[Model], tail: str) -> str:
    """`SELECT <every column, as reader(model) builds them> FROM <model's table> t <tail>`."""
    r = reader(model)
    return f'SELECT {r.columns} FROM "{r.table}" t {tail}'


async def fetch(model: type[M], tail: str, params: Sequence[Any]) -> list[M]:
    """`select(model, tail)` as model instances."""
    return reader(model).build_all(await execute(select(model, tail), params))


async def fetch_with(model: type[M], relation: str, tail: str, params: Sequence[Any]) -> list[M]:
    """`fetch`, with the row the foreign key `relation` points to joined and attached (as
    Tortoise's `select_related` attaches it: `row.<relation>` is that row)."""
    field = model._meta.fields_map[relation]
    related: Any = field.related_model  # type: ignore[attr-defined]
    r, o = reader(model), reader(related)
    statement = (
        f'SELECT {r.columns}, {o.columns.replace("t.", "j.")} FROM "{r.table}" t '
        f'JOIN "{o.table}" j ON j."id" = t."{field.source_field}" {tail}'  # type: ignore[attr-defined]
    )
    found: list[Any] = []
    for row in await execute(statement, params):
        item = r.build(row)
        item.__dict__[f"_{relation}"] = o.build(row, r.width)
        found.append(item)
    return found


def utc(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in UTC (what the columns hold)."""
    return value.astimezone(datetime.UTC)
