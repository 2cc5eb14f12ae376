"""Generate the next migration of BOTH dialects from the current models, then verify them.

    .venv/bin/python -m migrations.make_migration NAME           # next migration, both sets
    .venv/bin/python -m migrations.make_migration init --reset   # delete both sets, new init

- SQLite: a scratch file is migrated to head, then aerich diffs it against the models.
- PostgreSQL: a scratch database `mig_make_<pid>` is migrated to head, diffed, dropped
  (server from $MIGRATIONS_PG_DSN, else $TEST_POSTGRES_DSN, else postgres@127.0.0.1:5432).
  When the server is unreachable, or with --offline-postgres, aerich diffs offline against
  the models state recorded in the last migration file.
- An init migration (first one, or --reset) is generated offline for each dialect and the
  append-only triggers of the `event` table (SPEC §8) are injected into it by this script,
  so regenerating never loses them. Never hand-edit them into the files.
- Finally each set is applied to an empty scratch database and must leave nothing to
  migrate (`pending_model_changes` empty) with the triggers in place. On any failure the
  files written by this run are removed (and, with --reset, the old sets restored).

aerich asks before treating a removed+added field as a rename; --no-input answers yes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg
from tortoise import Tortoise
from tortoise.context import TortoiseContext

from migrations import extras
from migrations.apply import (
    APP,
    aerich_command,
    location,
    migrate,
    migration_files,
    pending_model_changes,
    tortoise_session,
)
from models.config import tortoise_config

DIALECTS = ("sqlite", "postgres")
PG_DSN = (
    os.environ.get("MIGRATIONS_PG_DSN")
    or os.environ.get("TEST_POSTGRES_DSN")
    or "postgres://postgres@127.0.0.1:5432/test"
)
TRIGGERS_MARK = (
    "-- append-only event table (SPEC section 8), injected by migrations/make_migration.py"
)

# (upgrade SQL, downgrade SQL) appended to each dialect's init migration.
APPEND_ONLY_SQL: dict[str, tuple[str, str]] = {
    "sqlite": (
        """CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event"
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE on event is not allowed');
END;
CREATE TRIGGER "event_no_delete" BEFORE DELETE ON "event"
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE on event is not allowed');
END;""",
        """DROP TRIGGER IF EXISTS "event_no_delete";
DROP TRIGGER IF EXISTS "event_no_update";""",
    ),
    "postgres": (
        """CREATE OR REPLACE FUNCTION "event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % on event is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
    RETURN NULL;
END;
$$;
CREATE TRIGGER "event_no_update_delete" BEFORE UPDATE OR DELETE ON "event"
    FOR EACH ROW EXECUTE FUNCTION "event_append_only"();
CREATE TRIGGER "event_no_truncate" BEFORE TRUNCATE ON "event"
    FOR EACH STATEMENT EXECUTE FUNCTION "event_append_only"();""",
        """DROP TRIGGER IF EXISTS "event_no_truncate" ON "event";
DROP TRIGGER IF EXISTS "event_no_update_delete" ON "event";
DROP FUNCTION IF EXISTS "event_append_only"();""",
    ),
}
EXPECTED_TRIGGERS = {
    "sqlite": {"event_no_update", "event_no_delete"},
    "postgres": {"event_no_update_delete", "event_no_truncate"},
}


class MakeMigrationError(Exception):
    """The migrations could not be generated or did not verify."""


def inject_append_only(path: Path, dialect: str) -> None:
    """Append the event triggers to an init migration's upgrade and downgrade SQL."""
    text = path.read_text(encoding="utf-8")
    if TRIGGERS_MARK in text:
        return
    upgrade, downgrade = APPEND_ONLY_SQL[dialect]
    text = _append_sql(text, "upgrade", upgrade)
    text = _append_sql(text, "downgrade", downgrade)
    path.write_text(text, encoding="utf-8")


def inject_extras(path: Path, dialect: str) -> list[str]:
    """Add the dialect's raw-SQL extras that no earlier migration carries to this one
    (upgrade after the generated SQL, downgrade before it); returns their names."""
    others = [p for p in (location(dialect) / APP).glob("*.py") if p != path]
    todo = extras.missing_from(others, dialect)
    text = path.read_text(encoding="utf-8")
    for extra in todo:
        if extra.mark in text:
            continue
        text = _append_sql(text, "upgrade", extra.upgrade, extra.mark)
        text = _append_sql(text, "downgrade", extra.downgrade, extra.mark, first=True)
    path.write_text(text, encoding="utf-8")
    return [e.name for e in todo]


def _append_sql(
    text: str, function: str, sql: str, mark: str = TRIGGERS_MARK, *, first: bool = False
) -> str:
    pattern = re.compile(
        rf'(async def {function}\(db: BaseDBAsyncClient\) -> str:\n    return """)(.*?)(""")',
        re.DOTALL,
    )
    matches = pattern.findall(text)
    if len(matches) != 1:
        raise MakeMigrationError(f"cannot find the SQL of {function}() in the migration file")
    indented = "\n".join("        " + line if line else line for line in sql.splitlines())

    def add(m: re.Match[str]) -> str:
        body = m.group(2).rstrip()
        if first:  # undo the extra before the generated downgrade undoes what it needs
            rest = "\n" + body.lstrip("\n") if body.strip() else ""
            return f"{m.group(1)}\n        {mark}\n{indented}{rest}{m.group(3)}"
        body = f"{body}\n" if body else "\n"
        return f"{m.group(1)}{body}        {mark}\n{indented}{m.group(3)}"

    return pattern.sub(add, text)


def _shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def _pg_url(database: str) -> str:
    return PG_DSN.rsplit("/", 1)[0] + "/" + database


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_DSN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _postgres_reachable() -> bool:
    try:
        await _pg_admin("SELECT 1")
    except (OSError, asyncpg.PostgresError):
        return False
    return True


class _ScratchDatabase:
    """An empty scratch database of a dialect, removed on exit."""

    def __init__(self, dialect: str, tag: str) -> None:
        self.dialect = dialect
        self.name = f"mig_make_{os.getpid()}_{tag}_{uuid.uuid4().hex[:6]}"
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.url = ""

    async def __aenter__(self) -> str:
        if self.dialect == "sqlite":
            self._tmp = tempfile.TemporaryDirectory(prefix="mig_make_")
            self.url = f"sqlite://{Path(self._tmp.name, 'scratch.sqlite3')}"
        else:
            await _pg_admin(f'CREATE DATABASE "{self.name}"')
            self.url = _pg_url(self.name)
        return self.url

    async def __aexit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
        else:
            await _pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


async def generate_init(dialect: str) -> Path:
    """The init migration of a dialect (offline: no database needed), triggers included."""
    folder = location(dialect)
    before = set(migration_files(dialect))
    offline_url = "sqlite://:memory:" if dialect == "sqlite" else _pg_url("mig_offline_unused")
    async with TortoiseContext():
        command = aerich_command(tortoise_config(offline_url), folder)
        await command.init_migrations(safe=False)
    (new,) = set(migration_files(dialect)) - before
    path = folder / APP / new
    inject_append_only(path, dialect)
    inject_extras(path, dialect)
    return path


async def generate_next(dialect: str, name: str, *, offline: bool, no_input: bool) -> Path | None:
    """The next migration of a dialect from the current models; None when nothing changed."""
    folder = location(dialect)
    if offline:
        url = _pg_url("mig_offline_unused")
        async with TortoiseContext():
            await Tortoise.init(config=tortoise_config(url))
            command = aerich_command(tortoise_config(url), folder)
            await command.init(offline=True)
            version = await command.migrate(name, no_input=no_input, offline=True)
    else:
        async with _ScratchDatabase(dialect, "head") as url:
            await migrate(url)
            async with tortoise_session(url) as config:
                command = aerich_command(config, folder)
                await command.init()
                version = await command.migrate(name, no_input=no_input)
    if not version:
        return None
    path = folder / APP / version
    for name in inject_extras(path, dialect):
        print(f"{dialect}: added the extra {name}")
    return path


async def verify(dialect: str) -> None:
    """Apply the set to an empty database: nothing may be left to migrate, triggers present."""
    async with _ScratchDatabase(dialect, "verify") as url:
        applied = await migrate(url)
        problems = await pending_model_changes(url)
        async with tortoise_session(url):
            conn = Tortoise.get_connection("default")
            if dialect == "sqlite":
                query = (
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event'"
                )
            else:
                query = (
                    "SELECT tgname AS name FROM pg_trigger "
                    "WHERE tgrelid = 'event'::regclass AND NOT tgisinternal"
                )
            _, rows = await conn.execute_query(query)
            absent = [
                e.name for e in extras.of(dialect) if not (await conn.execute_query(e.exists))[1]
            ]
        missing = EXPECTED_TRIGGERS[dialect] - {row["name"] for row in rows}
    if missing:
        problems.append(f"triggers missing on event: {sorted(missing)}")
    if absent:
        problems.append(f"raw-SQL extras missing: {absent}")
    if problems:
        raise MakeMigrationError(
            f"{dialect}: after applying {applied}, still to migrate:\n  " + "\n  ".join(problems)
        )
    print(f"{dialect}: verified ({len(applied)} migrations from empty, nothing left to migrate)")


def _undo(created: list[Path], backup: Path | None) -> None:
    """Remove the files written by this run; restore the sets moved away by --reset."""
    for path in created:
        path.unlink(missing_ok=True)
    if backup is None:
        return
    for dialect in DIALECTS:
        saved = backup / dialect
        if saved.exists():
            shutil.rmtree(location(dialect), ignore_errors=True)
            shutil.move(str(saved), location(dialect))


async def make(name: str, *, reset: bool, no_input: bool, offline_postgres: bool) -> list[Path]:
    """Generate both dialects' next migration (or init), verify them; return the new files."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise MakeMigrationError("NAME must be lowercase letters, digits and underscores")
    if not reset and name == "init" and any(migration_files(d) for d in DIALECTS):
        raise MakeMigrationError(
            "migrations exist already: use --reset to regenerate the init migration, "
            "or give the new migration another name"
        )
    pg_online = not offline_postgres and await _postgres_reachable()
    if not pg_online:
        print("postgres: no server used; generating offline from the last migration file")
    backup = tempfile.TemporaryDirectory(prefix="mig_backup_")
    created: list[Path] = []
    try:
        if reset:
            for dialect in DIALECTS:
                if location(dialect).exists():
                    shutil.move(str(location(dialect)), Path(backup.name, dialect))
        for dialect in DIALECTS:
            if not migration_files(dialect):
                path: Path | None = await generate_init(dialect)
            else:
                path = await generate_next(
                    dialect,
                    name,
                    offline=dialect == "postgres" and not pg_online,
                    no_input=no_input,
                )
            if path is None:
                print(f"{dialect}: no changes")
            else:
                created.append(path)
                print(f"{dialect}: wrote {_shown(path)}")
        for dialect in DIALECTS:
            if dialect == "postgres" and not pg_online:
                print("postgres: NOT verified (no server used); run the tests with PostgreSQL")
                continue
            await verify(dialect)
    except BaseException:
        _undo(created, Path(backup.name) if reset else None)
        raise
    finally:
        backup.cleanup()
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m migrations.make_migration",
        description="Generate the next migration for SQLite and PostgreSQL from the models.",
    )
    parser.add_argument(
        "name", help="migration name, e.g. add_mission_priority (init with --reset)"
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="delete both migration sets and regenerate the init migration (pre-release only)",
    )
    parser.add_argument(
        "--no-input", action="store_true", help="do not ask; treat likely renames as renames"
    )
    parser.add_argument(
        "--offline-postgres",
        action="store_true",
        help="diff PostgreSQL offline against the last migration file (no server needed)",
    )
    args = parser.parse_args(argv)
    try:
        asyncio.run(
            make(
                args.name,
                reset=args.reset,
                no_input=args.no_input,
                offline_postgres=args.offline_postgres,
            )
        )
    except MakeMigrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
