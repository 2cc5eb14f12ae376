"""Apply a database's migration set, and tell what is left between the database and the models.

There is one aerich migration set per dialect (`migrations/sqlite`, `migrations/postgres`):
aerich writes SQL text for the dialect it generated on. `migrate(url)` picks the set by
the URL's dialect and applies whatever is pending; on PostgreSQL it holds an advisory
lock meanwhile so that two processes starting at once do not both migrate.

aerich keeps its state in class attributes of `aerich.migrate.Migrate`, so everything here
resets that state first and runs one aerich operation at a time per event loop.
"""

from __future__ import annotations

import asyncio
import inspect
import pkgutil
import shutil
import tempfile
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

import asyncpg
from aerich import Command
from aerich.migrate import Migrate
from aerich.models import Aerich
from aerich.utils import import_py_file
from tortoise import BaseDBAsyncClient, Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.backends.sqlite.client import SqliteTransactionWrapper
from tortoise.context import TortoiseContext, get_current_context
from tortoise.exceptions import OperationalError

from models.config import dialect_of, tortoise_config

__all__ = [
    "APP",
    "MigrationError",
    "aerich_command",
    "location",
    "migrate",
    "migration_files",
    "pending_model_changes",
    "tortoise_session",
]

APP = "models"
MIGRATIONS_DIR = Path(__file__).resolve().parent
# pg_advisory_lock key shared by every process that migrates a database of this service.
PG_LOCK_KEY = 0x6469_7370_6D69_67  # "dispmig"

_CONNECT_PARAMS = set(inspect.signature(asyncpg.connect).parameters) - {
    "dsn",
    "loop",
    "connection_class",
    "record_class",
}
_loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


class MigrationError(Exception):
    """The migration set cannot be applied as it stands."""


def location(dialect: str) -> Path:
    """aerich's `location` folder of a dialect (the files are in `<location>/models/`)."""
    return MIGRATIONS_DIR / dialect


def migration_files(dialect: str) -> list[str]:
    """The migration files of a dialect, oldest first (`0_<timestamp>_init.py`, …)."""
    folder = location(dialect) / APP
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.glob("*.py") if p.stem.split("_", 1)[0].isdigit()]
    return sorted(names, key=lambda name: int(name.split("_", 1)[0]))


async def migrate(database_url: str) -> list[str]:
    """Apply every pending migration of the URL's dialect; return the files applied.

    Idempotent: a database at head gets nothing. Uses the caller's Tortoise when it is
    already initialised on this database, otherwise opens its own and closes it after.
    """
    dialect = dialect_of(database_url)
    if not migration_files(dialect):
        raise MigrationError(
            f"No {dialect} migrations in {location(dialect) / APP}: "
            "run `python -m migrations.make_migration init`."
        )
    async with (
        _one_at_a_time(),
        tortoise_session(database_url) as config,
        _database_lock(database_url),
    ):
        command = aerich_command(config, location(dialect))
        await command.init()
        return await command.upgrade(run_in_transaction=True)


async def pending_model_changes(database_url: str) -> list[str]:
    """What still stands between this database and the models; empty when fully migrated.

    Three checks, each entry a readable sentence:
    - migration files of the dialect not applied to the database;
    - aerich's diff between the models state recorded by the last applied migration and
      the current models (run in a temporary copy of the location folder, so no file of
      the project is written): each statement a new migration would contain;
    - the live schema against the models: missing or unexpected tables and columns, and
      columns whose nullability differs.
    """
    dialect = dialect_of(database_url)
    async with _one_at_a_time(), tortoise_session(database_url) as config:
        applied = await _applied_versions()
        problems = [
            f"migration not applied: {name}"
            for name in migration_files(dialect)
            if name not in applied
        ]
        if applied:
            problems += [f"model change not migrated: {sql}" for sql in await _aerich_diff(config)]
        problems += await _schema_drift()
    return problems


@asynccontextmanager
async def tortoise_session(database_url: str) -> AsyncIterator[dict[str, Any]]:
    """Tortoise on this database, yielding its config.

    The caller's Tortoise when it is initialised on this very database with the aerich
    models; otherwise a private TortoiseContext (the caller's, if any, is left untouched)
    that is closed on exit.
    """
    config = tortoise_config(database_url)
    _forget_cached_queries()
    if _current_context_serves(config):
        yield config
        return
    try:
        async with TortoiseContext():
            await Tortoise.init(config=config)
            yield config
    finally:
        _forget_cached_queries()


def _forget_cached_queries() -> None:
    """Drop tortoise's process-wide cache of INSERT/DELETE SQL per model.

    tortoise 1.1.9 keys `EXECUTOR_CACHE` by (connection name, schema, table), not by
    dialect: after a model was saved on SQLite through connection "default", saving it on
    PostgreSQL through a connection also named "default" reuses the SQLite SQL (`?`
    placeholders: "syntax error at or near ','"). Clearing it is safe (it is rebuilt on
    use) and needed whenever one process switches dialects, as tests and make_migration do.
    """
    EXECUTOR_CACHE.clear()


def _current_context_serves(config: dict[str, Any]) -> bool:
    ctx = get_current_context()
    if ctx is None or not ctx.inited or ctx.apps is None:
        return False
    if APP not in ctx.apps or Aerich.__name__ not in ctx.apps[APP]:
        return False
    # After Tortoise.close_connections() a context stays "inited" with no connections;
    # read the private fields so as not to create an empty ConnectionHandler.
    handler = ctx._connections
    if handler is None or handler._db_config is None:
        return False
    current = handler._db_config.get("default")
    wanted = config["connections"]["default"]
    return current is not None and _database_identity(current) == _database_identity(wanted)


def _database_identity(info: str | dict[str, Any]) -> tuple[object, ...]:
    if isinstance(info, str):
        info = expand_db_url(info)
    creds = info.get("credentials", {})
    file_path = creds.get("file_path")
    if file_path and file_path != ":memory:":
        file_path = str(Path(file_path).resolve())
    return (
        info.get("engine"),
        file_path,
        creds.get("host"),
        str(creds.get("port")),
        creds.get("database"),
        creds.get("user"),
    )


@asynccontextmanager
async def _one_at_a_time() -> AsyncIterator[None]:
    """aerich's state is global: one operation at a time (per event loop)."""
    loop = asyncio.get_running_loop()
    lock = _loop_locks.get(loop)
    if lock is None:
        lock = _loop_locks[loop] = asyncio.Lock()
    async with lock:
        yield


@asynccontextmanager
async def _database_lock(database_url: str) -> AsyncIterator[None]:
    """On PostgreSQL, a session advisory lock held on a connection of its own."""
    if dialect_of(database_url) != "postgres":
        yield
        return
    creds = expand_db_url(database_url)["credentials"]
    # The URL's credentials and connection options (ssl, timeouts…) that asyncpg takes.
    conn = await asyncpg.connect(**{k: v for k, v in creds.items() if k in _CONNECT_PARAMS})
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", PG_LOCK_KEY)
        try:
            yield
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", PG_LOCK_KEY)
    finally:
        await conn.close()


def _reset_aerich_state() -> None:
    """Forget what a previous aerich run in this process left in `Migrate`."""
    Migrate.upgrade_operators = []
    Migrate.downgrade_operators = []
    Migrate._upgrade_fk_m2m_index_operators = []
    Migrate._downgrade_fk_m2m_index_operators = []
    Migrate._upgrade_m2m = []
    Migrate._downgrade_m2m = []
    Migrate._rename_fields = {}
    Migrate._rename_models = {}
    Migrate._last_version_content = None
    Migrate._db_version = None


def aerich_command(config: dict[str, Any], folder: Path) -> Command:
    """An aerich Command on `folder` (a location), with aerich's global state reset."""
    _reset_aerich_state()
    return _Command(config, app=APP, location=str(folder))


class _Command(Command):
    """aerich's Command, with each SQLite migration applied atomically.

    Python's sqlite3 `executescript()` first COMMITs the open transaction, so with
    `upgrade(run_in_transaction=True)` a SQLite migration failing halfway stays half
    applied and unrecorded, and the next start fails ("table … already exists"). Starting
    the script with BEGIN keeps its statements and the aerich row written after it in one
    transaction, which tortoise's transaction then commits or rolls back. (PostgreSQL runs
    the script inside the transaction already.) Migrations with RUN_IN_TRANSACTION = False
    are left as they are.
    """

    async def _upgrade(
        self,
        conn: BaseDBAsyncClient,
        version_file: str,
        fake: bool = False,
        version_module: pkgutil.ModuleInfo | None = None,
    ) -> None:
        if isinstance(conn, SqliteTransactionWrapper):
            conn = cast(BaseDBAsyncClient, _ScriptInTransaction(conn))
        await super()._upgrade(conn, version_file, fake, version_module)


class _ScriptInTransaction:
    """A SQLite transaction client whose scripts run inside a transaction of their own."""

    def __init__(self, conn: SqliteTransactionWrapper) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    async def execute_script(self, query: str) -> None:
        await self._conn.execute_script("BEGIN;\n" + query)


async def _applied_versions() -> set[str]:
    try:
        versions = await Aerich.filter(app=APP).values_list("version", flat=True)
    except OperationalError:  # no aerich table: nothing applied yet
        return set()
    return {str(v) for v in versions}


def _dialect_of_config(config: dict[str, Any]) -> str:
    """`sqlite` or `postgres`: the dialect of a `tortoise_config` (URL or expanded dict)."""
    info = config["connections"]["default"]
    if isinstance(info, str):
        return dialect_of(info)
    return "sqlite" if "sqlite" in str(info["engine"]) else "postgres"


async def _aerich_diff(config: dict[str, Any]) -> list[str]:
    """The upgrade statements `aerich migrate` would write now (in a throwaway folder)."""
    dialect = _dialect_of_config(config)
    with tempfile.TemporaryDirectory(prefix="aerich_diff_") as tmp:
        folder = Path(tmp, dialect)
        if location(dialect).is_dir():
            shutil.copytree(location(dialect), folder)
        (folder / APP).mkdir(parents=True, exist_ok=True)
        command = aerich_command(config, folder)
        await command.init()
        version = await command.migrate("pending", no_input=True)
        if not version:
            return []
        module = import_py_file(folder / APP / version)
        sql = await module.upgrade(Tortoise.get_connection("default"))
    return [s.strip() for s in str(sql).split(";\n") if s.strip()]


async def _schema_drift() -> list[str]:
    """Tables and columns of the live database against the models."""
    conn = Tortoise.get_connection("default")
    if conn.schema_generator.DIALECT == "sqlite":
        query = (
            'SELECT m.name AS table_name, p.name AS column_name, p."notnull" = 0 AS nullable '
            "FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    else:
        query = (
            "SELECT c.table_name, c.column_name, c.is_nullable = 'YES' AS nullable "
            "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
        )
    _, rows = await conn.execute_query(query)
    tables: dict[str, dict[str, bool]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], {})[row["column_name"]] = bool(row["nullable"])

    problems: list[str] = []
    expected_tables: set[str] = set()
    assert Tortoise.apps is not None
    for model in Tortoise.apps[APP].values():
        meta = model._meta
        expected_tables.add(meta.db_table)
        expected_tables.update(str(meta.fields_map[name].through) for name in meta.m2m_fields)
        columns = tables.get(meta.db_table)
        if columns is None:
            problems.append(f"table {meta.db_table} is missing")
            continue
        for field_name, column in meta.fields_db_projection.items():
            null = bool(meta.fields_map[field_name].null)
            if column not in columns:
                problems.append(f"column {meta.db_table}.{column} is missing")
            elif columns[column] != null:
                problems.append(
                    f"column {meta.db_table}.{column} is "
                    f"{'NULL' if columns[column] else 'NOT NULL'} but the model has null={null}"
                )
        for column in sorted(set(columns) - set(meta.fields_db_projection.values())):
            problems.append(f"column {meta.db_table}.{column} is not in the models")
    for table in sorted(set(tables) - expected_tables):
        problems.append(f"table {table} is not in the models")
    return problems
