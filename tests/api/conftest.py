"""Fixtures of the API tests: the agency edge inputs are sent to, and a live server for the
notice tests."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import uvicorn

from app import create_app
from models.agency import Role
from models.config import Settings
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.clock import FixedClock
from schema.http import view
from schema.http.ws_protocol import PROTOCOL as WS_PROTOCOL
from subscriptions import hub as hub_module
from tests.api.input_checks import EdgeWorld
from tests.api.live_notices import ALLOWED, BUFFER
from tests.conftest import TEST_SECRET
from tests.e2e.servers import free_port
from tests.factories import gid, make_agency, make_driver, make_user
from tests.service.cancel_helpers import NEXT_WEEK, assign, book, make_world, request


@pytest.fixture
async def edge_world(db: str, clock: FixedClock) -> EdgeWorld:
    """See EdgeWorld."""
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await assign(world, mission)
    _, (cancelled,) = await book(world, start=NEXT_WEEK)
    await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    return EdgeWorld(
        agency_id=world.agency.id,
        operator=await make_user(world.agency, Role.OPERATOR),
        mission=gid("Mission", mission.id),
        order=gid("Order", order.id),
        customer=gid("Customer", world.customer.id),
        driver=gid("Driver", world.driver.id),
    )


@pytest.fixture
async def server(db: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    """The real app behind a real uvicorn socket, in the test's event loop.

    `app.state.positioned` counts the streams that have read where their agency stands
    (`NoticeStream._position`): from then on a new commit reaches them (see `live`).
    """
    monkeypatch.setattr(view, "CONNECTION_INIT_TIMEOUT", timedelta(seconds=0.5))
    positioned = [0]
    position = hub_module.NoticeStream._position

    async def counted_position(stream: hub_module.NoticeStream, **kwargs: Any) -> int:
        seq = await position(stream, **kwargs)
        positioned[0] += 1
        return seq

    monkeypatch.setattr(hub_module.NoticeStream, "_position", counted_position)
    settings = Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            "ALLOWED_ORIGINS": ALLOWED,
            "NOTICE_BUFFER": str(BUFFER),
            "WEBHOOK_WORKER": "0",  # see tests/conftest.py `settings`
            # NOTICE_ROWS=1 runs the suite with the rows sent with the events
            "NOTICE_ROWS": os.environ.get("NOTICE_ROWS", "0"),
            # NOTICE_HUB_LEADS=0: with a stream woken to execute each live notice
            "NOTICE_HUB_LEADS": os.environ.get("NOTICE_HUB_LEADS", "1"),
        }
    )
    app = create_app(settings, clock=clock, manage_database=False)
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        ws=WS_PROTOCOL,  # as `python -m dispatch serve` runs it
        log_level="warning",
    )
    uv = uvicorn.Server(config)
    async with app.router.lifespan_context(app):
        task = asyncio.create_task(uv.serve())
        for _ in range(500):  # uvicorn has no "started" event to await
            if uv.started:
                break
            await asyncio.sleep(0.02)
        assert uv.started, "uvicorn did not start"
        app.state.url = f"ws://127.0.0.1:{port}/graphql"
        app.state.positioned = positioned
        try:
            yield app
        finally:
            uv.should_exit = True
            async with asyncio.timeout(10):
                await task


@pytest.fixture
async def acme() -> dict[str, Any]:
    agency = await make_agency()
    driver = await make_driver(agency)
    other_driver = await make_driver(agency, "Otto Other")
    return {
        "agency": agency,
        "operator": await make_user(agency, Role.OPERATOR),
        "reporter": await make_user(agency, Role.REPORTER),
        "driver": driver,
        "driver_user": await make_user(agency, Role.DRIVER, driver=driver),
        "other_driver": other_driver,
        "other_driver_user": await make_user(agency, Role.DRIVER, driver=other_driver),
    }


@pytest.fixture
def one_executor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server executes in the default (compiled) mode: these tests count its reads, and
    in differential mode (CI's) each notice runs through both executors, each reading its
    rows afresh by design, so no two executions share a read there."""
    import schema.compiled.executor as executor
    from models.config import ExecutorMode

    monkeypatch.setattr(executor, "executor_mode", lambda: ExecutorMode.COMPILED)
