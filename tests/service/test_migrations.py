"""Each dialect's migration set builds the models' schema from an empty database.

For SQLite (a temp file) and PostgreSQL (a database `mig_test_<uuid>` created and dropped
here): migrate from empty, every model table has its columns, nothing is left to migrate,
a second migrate applies nothing, and the event table refuses UPDATE and DELETE.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest
from aerich.models import Aerich
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import IntegrityError, OperationalError

from migrations.apply import (
    PG_LOCK_KEY,
    aerich_command,
    location,
    migrate,
    migration_files,
    pending_model_changes,
)
from models.agency import Agency, Role
from models.audit import Event
from models.billing import PendingReviewItem
from models.cancellations import Cancellation
from models.config import dialect_of, tortoise_config
from models.domain.tiers import NoticeUnit, Tier
from models.policies import LateReschedule, LateReschedulePayout
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.late_reschedule import set_late_reschedule_waiver
from resolvers.cancellation.rebooked_credit import confirm_rebooked_credit
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from resolvers.clock import FixedClock
from resolvers.policies import PolicyDetails, save_policy
from resolvers.report import cancellation_report
from tests.conftest import PG_DSN, service_missing
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, make_world, request

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)


def _pg_url(database: str) -> str:
    return PG_DSN.rsplit("/", 1)[0] + "/" + database


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_DSN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", POSTGRES])
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of the dialect, removed afterwards."""
    # tortoise caches INSERT SQL per (connection name, table), whatever the dialect.
    EXECUTOR_CACHE.clear()
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"mig_test_{uuid.uuid4().hex}"
    try:
        await _pg_admin(f'CREATE DATABASE "{name}"')
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    try:
        yield _pg_url(name)
    finally:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def orm(empty_url: str) -> AsyncIterator[str]:
    """Tortoise initialised by the caller on the empty database, as the service does."""
    await Tortoise.init(config=tortoise_config(empty_url), _enable_global_fallback=True)
    try:
        yield empty_url
    finally:
        await Tortoise.close_connections()


async def _live_columns() -> dict[str, set[str]]:
    conn = Tortoise.get_connection("default")
    if conn.schema_generator.DIALECT == "sqlite":
        query = (
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master AS m "
            "JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
        )
    else:
        query = (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
    _, rows = await conn.execute_query(query)
    tables: dict[str, set[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], set()).add(row["column_name"])
    return tables


async def test_migrate_from_empty_reaches_the_models(orm: str) -> None:
    dialect = dialect_of(orm)

    applied = await migrate(orm)

    assert applied == migration_files(dialect)
    assert applied[0].startswith("0_") and applied[0].endswith("_init.py")
    tables = await _live_columns()
    assert Tortoise.apps is not None
    for model in Tortoise.apps["models"].values():
        meta = model._meta
        assert meta.db_table in tables, f"table {meta.db_table} missing"
        assert tables[meta.db_table] == set(meta.fields_db_projection.values()), meta.db_table
    assert await pending_model_changes(orm) == []
    assert await migrate(orm) == []
    # The caller's Tortoise is still open and usable.
    assert Tortoise.is_inited()
    assert await Agency.all().count() == 0


async def test_events_are_append_only(orm: str) -> None:
    await migrate(orm)
    agency = await Agency.create(name="Acme")
    event = await Event.create(
        agency=agency,
        seq=1,
        type="ORDER_CREATED",
        occurred_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC),
        actor_name="Ann",
        actor_role="ADMIN",
        data={"note": "original"},
    )
    before = await Event.filter(id=event.id).values()
    conn = Tortoise.get_connection("default")

    attempts: list[Callable[[], Awaitable[object]]] = [
        lambda: Event.filter(id=event.id).update(type="TAMPERED"),
        lambda: Event.filter(id=event.id).delete(),
        lambda: conn.execute_script('UPDATE "event" SET "actor_name" = \'Mallory\''),
        lambda: conn.execute_script('DELETE FROM "event"'),
    ]
    if dialect_of(orm) == "postgres":
        attempts.append(lambda: conn.execute_script('TRUNCATE "event"'))
    for attempt in attempts:
        with pytest.raises(IntegrityError, match="append-only"):
            await attempt()

    assert await Event.filter(id=event.id).values() == before
    assert await Event.all().count() == 1


async def test_migrate_opens_and_closes_its_own_tortoise(empty_url: str) -> None:
    assert not Tortoise.is_inited()

    applied = await migrate(empty_url)

    assert applied == migration_files(dialect_of(empty_url))
    assert not Tortoise.is_inited()
    assert await migrate(empty_url) == []
    assert await pending_model_changes(empty_url) == []
    assert not Tortoise.is_inited()


async def test_pending_model_changes_sees_drift(orm: str) -> None:
    await migrate(orm)
    conn = Tortoise.get_connection("default")
    await conn.execute_script('ALTER TABLE "idempotency_record" ADD COLUMN "stray" INT')
    await conn.execute_script('DROP TABLE "relay_mark"')
    # Pretend the applied migrations never created event.actor_role.
    record = await Aerich.filter(app="models").order_by("-id").first()
    assert record is not None
    content = dict(record.content)
    event = dict(content["models.Event"])
    event["data_fields"] = [f for f in event["data_fields"] if f["name"] != "actor_role"]
    content["models.Event"] = event
    await Aerich.filter(pk=record.pk).update(content=content)

    problems = await pending_model_changes(orm)

    assert "column idempotency_record.stray is not in the models" in problems
    assert "table relay_mark is missing" in problems
    assert any(p.startswith("model change not migrated:") and "actor_role" in p for p in problems)


async def test_a_failing_migration_leaves_nothing_behind(
    orm: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialect = dialect_of(orm)
    shutil.copytree(location(dialect), tmp_path / "sets" / dialect)
    bad = tmp_path / "sets" / dialect / "models" / "99_20990101000000_bad.py"
    bad.write_text(
        "async def upgrade(db):\n"
        '    return \'CREATE TABLE "half" ("id" INT); CREATE TABLE "agency" ("id" INT);\'\n'
        "\n\n"
        "async def downgrade(db):\n"
        "    return 'DROP TABLE \"half\";'\n"
    )
    monkeypatch.setattr("migrations.apply.MIGRATIONS_DIR", tmp_path / "sets")

    with pytest.raises(OperationalError, match="already exists"):
        await migrate(orm)

    tables = await _live_columns()
    assert "half" not in tables
    assert "agency" in tables  # the migrations before the failing one are applied
    applied = await Aerich.filter(app="models").values_list("version", flat=True)
    assert sorted(applied) == sorted(migration_files(dialect)[:-1])
    bad.unlink()
    assert await migrate(orm) == []
    assert await pending_model_changes(orm) == []


async def _until_waiting_for_the_lock(holder: asyncpg.Connection, task: asyncio.Task) -> None:
    """Until another session of this database waits for the migrations' advisory lock."""
    waiting = """SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()
          AND ((l.classid::bigint << 32) | l.objid::bigint) = $1"""
    async with asyncio.timeout(10):
        while not await holder.fetchval(waiting, PG_LOCK_KEY):
            assert not task.done(), task  # it must wait, not finish or fail
            await asyncio.sleep(0.01)


@pytest.mark.parametrize("empty_url", [POSTGRES], indirect=True)
async def test_postgres_migrations_wait_for_the_advisory_lock(empty_url: str) -> None:
    holder = await asyncpg.connect(empty_url, timeout=5)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", PG_LOCK_KEY)
        task = asyncio.create_task(migrate(empty_url))
        # migrate() is seen waiting for the lock (not merely slow to start) and did nothing
        await _until_waiting_for_the_lock(holder, task)
        assert not task.done()
        assert await holder.fetchval("SELECT to_regclass('event')") is None
        await holder.execute("SELECT pg_advisory_unlock($1)", PG_LOCK_KEY)
        applied = await asyncio.wait_for(task, 10)
    finally:
        await holder.close()
    assert applied == migration_files("postgres")


@pytest.mark.parametrize("empty_url", [POSTGRES], indirect=True)
async def test_two_processes_migrating_at_once_migrate_once(empty_url: str) -> None:
    code = (
        "import asyncio, json, sys\n"
        "from migrations.apply import migrate\n"
        "print(json.dumps(asyncio.run(migrate(sys.argv[1]))))\n"
    )
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, empty_url, cwd=ROOT, stdout=asyncio.subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in procs)), 30)

    assert [p.returncode for p in procs] == [0, 0]
    results = sorted((json.loads(out) for out, _ in outputs), key=len)
    assert results == [[], migration_files("postgres")]


async def test_existing_data_moves_to_the_one_tier_shape(orm: str, clock: FixedClock) -> None:
    """Migration 6 on rows written before it: a billable cancellation of the old single
    window gets tier 1 (a free one none), a confirmed rebooked slot credit reaches its
    cancellation or late reschedule, a waived item's waiver its late reschedule, and a late
    reschedule's payouts (kept only in its decision) become payout rows and a total; the
    report then bills what Pending Review bills."""
    await migrate(orm)
    # given, at head: a billable and a free cancellation of the old single window (no
    # policy), a late reschedule under a policy that bills changes, a confirmed credit
    world = await make_world(clock)
    _, (billable,) = await book(world, start=clock.now() + timedelta(hours=5))
    _, (free,) = await book(world, start=clock.now() + timedelta(days=5))
    await assign(world, billable)
    for mission in (billable, free):
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    tiers = (Tier(24 * 60, NoticeUnit.CALENDAR, Decimal(100)),)
    details = PolicyDetails(
        "Standard",
        tiers,
        is_default=True,
        late_reschedules_billed=True,
        rebooked_credit_percent=Decimal(50),
    )
    await save_policy(admin, clock, None, details)
    _, (moved,) = await book(world, start=clock.now() + timedelta(hours=10))
    await assign(world, moved)
    later = moved.pickup_at + timedelta(days=2)
    edit = MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2))
    await update_mission(world.scope, clock, mission_id=moved.id, edit=edit)
    # Dana's original time refilled (the late reschedule's credit), another move waived
    _, (refill_late,) = await book(world, start=clock.now() + timedelta(hours=10))
    await assign(world, refill_late)
    late_item = await PendingReviewItem.get(mission_id=moved.id)
    await confirm_rebooked_credit(world.scope, clock, item_id=late_item.id)
    _, (waived,) = await book(world, start=clock.now() + timedelta(hours=14))
    await assign(world, waived, world.driver2)
    later = waived.pickup_at + timedelta(days=2)
    edit = MissionEdit(pickup_at=later, estimated_end_at=later + timedelta(hours=2))
    await update_mission(world.scope, clock, mission_id=waived.id, edit=edit)
    waived_item = await PendingReviewItem.get(mission_id=waived.id)
    await set_late_reschedule_waiver(world.scope, clock, item_id=waived_item.id, waived=True)
    _, (credited,) = await book(world, start=clock.now() + timedelta(hours=3))
    await assign(world, credited, world.driver2)
    await cancel_mission(world.scope, clock, mission_id=credited.id, request=request())
    _, (refill,) = await book(world, start=clock.now() + timedelta(hours=3))
    await assign(world, refill, world.driver2)
    item = await PendingReviewItem.get(mission_id=credited.id)
    await confirm_rebooked_credit(world.scope, clock, item_id=item.id)
    day = clock.now().date()
    expected = await cancellation_report(world.scope, day, day, "TIER")

    # when the database goes back to migration 5, with the old single window's decisions
    # stored as they were then (no tier), and is migrated again
    dialect = dialect_of(orm)
    conn = Tortoise.get_connection("default")
    command = aerich_command(tortoise_config(orm), location(dialect))
    await command.init()
    undone = await command.downgrade(6, False)
    assert [name.split("_", 1)[0] for name in undone] == ["6"]
    await conn.execute_script(
        'UPDATE "cancellation" SET "tier" = NULL WHERE "policy_version_id" IS NULL'
    )
    assert sorted(await migrate(orm)) == sorted(undone)

    # then the rows have the shapes the code reads
    rows = {c.mission_id: c for c in await Cancellation.all()}
    assert (rows[billable.id].tier, rows[free.id].tier) == (1, None)
    assert rows[credited.id].rebooked_credit == Decimal("60.00")
    late, late_waived = await LateReschedule.all().order_by("id")
    payouts = await LateReschedulePayout.filter(late_reschedule_id=late.id)
    assert [(p.driver_id, p.amount) for p in payouts] == [(world.driver.id, Decimal("60.00"))]
    assert (late.payout_total, late.rebooked_credit, late.waived) == (
        Decimal("60.00"),
        Decimal("60.00"),
        False,
    )
    assert (late_waived.waived, late_waived.rebooked_credit) == (True, None)
    # and the report is what it was before the round trip: 120 + 0 + (120 - 60) for the
    # cancellations, (120 - 60) + 0 (waived) for the late reschedules
    assert await cancellation_report(world.scope, day, day, "TIER") == expected
    assert sum((r.charge_total for r in expected.rows), Decimal(0)) == Decimal("240.00")
    assert await pending_model_changes(orm) == []
