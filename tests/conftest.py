"""Shared fixtures: a freshly migrated database per test, on SQLite and on PostgreSQL.

Every test that uses `db` runs twice, once per dialect. Each dialect is migrated once
per session into a template (a file copied for SQLite, `CREATE DATABASE … TEMPLATE`
for PostgreSQL), so each test starts from the real migrated schema in milliseconds.
PostgreSQL and Redis tests skip when the service is absent, and fail instead when
REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import asyncpg
import httpx
import pytest
from tortoise import Tortoise

from models.config import Settings, tortoise_config
from resolvers.clock import FixedClock

PG_DSN = os.environ.get("TEST_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test")
# The shared Redis of the backend tests (tests/e2e); the notice e2e tests and the bench
# start private redis-servers, since notices share one channel.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
TEST_SECRET = "test-secret-" + "x" * 40
NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def service_missing(what: str, why: object) -> NoReturn:
    """Skip, or fail when CI requires every service."""
    message = f"{what} is not available ({why})"
    if REQUIRE_SERVICES:
        pytest.fail(message + " and REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(message)


def _pg_url(database: str) -> str:
    base = PG_DSN.rsplit("/", 1)[0]
    return f"{base}/{database}"


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_DSN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _migrate(url: str) -> None:
    from migrations.apply import migrate

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        await migrate(url)
    finally:
        await Tortoise.close_connections()


def _run_blocking(coro: Any) -> Any:
    """asyncio.run, also from a sync fixture requested while a test's loop is running."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    _run_blocking(_migrate(f"sqlite://{path}"))
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    name = f"tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        _run_blocking(_pg_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    try:
        _run_blocking(_migrate(_pg_url(name)))
        yield name
    finally:
        _run_blocking(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgres"])
def dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database_url(
    dialect: str, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[str]:
    """A migrated, empty database of the test's dialect, dropped afterwards."""
    if dialect == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.sqlite3"
        shutil.copy(template, path)
        yield f"sqlite://{path}"
        return
    template_name: str = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    await _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    try:
        yield _pg_url(name)
    finally:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[str]:
    """Tortoise opened on the test's database; yields the URL."""
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    # Tortoise caches INSERT SQL per model regardless of dialect: forget SQLite's.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        # Connect now, not lazily inside whatever task queries first: tortoise leaks an
        # aiosqlite connection whose opening is cancelled (an app's relay stopped during its
        # first pass), and its thread then fails on the closed loop after the test.
        await Tortoise.get_connection("default").execute_query("SELECT 1")
        yield database_url
    finally:
        await Tortoise.close_connections()


@pytest.fixture
def clock() -> FixedClock:
    """The test's "now": 2026-06-01 08:00 UTC unless a test moves it."""
    return FixedClock(NOW)


@pytest.fixture
def settings(db: str) -> Settings:
    return Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            # The delivery worker's polling would add statements to the counted ones; the
            # webhook tests run it themselves (tests/service/test_webhook_delivery.py, e2e).
            "WEBHOOK_WORKER": "0",
            # NOTICE_ROWS=1 runs the suite with the rows sent with the events
            "NOTICE_ROWS": os.environ.get("NOTICE_ROWS", "0"),
            # NOTICE_HUB_LEADS=0: with a stream woken to execute each live notice
            "NOTICE_HUB_LEADS": os.environ.get("NOTICE_HUB_LEADS", "1"),
        }
    )


@pytest.fixture
async def app(settings: Settings, clock: FixedClock) -> AsyncIterator[Any]:
    """The real ASGI app on the test database, its lifespan running."""
    from dispatch import create_app

    application = create_app(settings, clock=clock, manage_database=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture(autouse=True)
def executors_agree() -> Iterator[None]:
    """In differential mode (GRAPHQL_EXECUTOR=differential), no operation may differ."""
    from schema.compiled.differential import MISMATCHES

    seen = len(MISMATCHES)
    yield
    assert MISMATCHES[seen:] == [], "the compiled executor and graphql-core disagree"
