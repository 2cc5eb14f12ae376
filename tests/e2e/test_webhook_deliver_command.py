"""`python -m dispatch deliver`: the delivery worker as a process of its own."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from models.agency import Role
from models.webhook_settings import WebhookSettings
from models.webhooks import WebhookAudience
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.clock import FixedClock
from resolvers.webhook_endpoints import create_endpoint
from subscriptions.webhooks.client import WebhookClient
from subscriptions.webhooks.signing import verify
from tests.conftest import TEST_SECRET
from tests.e2e.servers import ROOT
from tests.e2e.webhook_helpers import WEBHOOK_ENV, new_receiver
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, book, make_world, request


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_the_deliver_command_sends_what_is_owed_and_stops_on_sigterm(
    db: str, dialect: str, clock: FixedClock, tmp_path: Path
) -> None:
    # given a receiver, an endpoint for it, and a cancellation committed
    receiver = new_receiver(tmp_path)
    try:
        world = await make_world(clock)
        admin = await make_user(world.agency, Role.ADMIN)
        allowed = WebhookSettings.from_env(WEBHOOK_ENV).allowed_networks
        endpoint = await create_endpoint(
            scope_of(admin),
            clock,
            allowed,
            url=receiver.url,
            audience=WebhookAudience.DISPATCH,
            types=["MissionCancelledNotice"],
        )
        _, (mission,) = await book(world)
        await assign(world, mission)
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

        # when the deliver command runs
        env = {**os.environ, **WEBHOOK_ENV, "DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET}
        log = (tmp_path / "deliver.log").open("wb")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "dispatch", "deliver", cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            await receiver.wait_for(1, within=60)
        finally:
            await asyncio.sleep(0.5)
            process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(process.wait(), 30)
            log.close()

        # then the receiver has it, signed, and the command ended cleanly
        (record,) = receiver.records()
        verify(endpoint.secret, record["headers"], record["body"].encode())
        assert code == 0, (tmp_path / "deliver.log").read_text()[-2000:]
    finally:
        receiver.stop()


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_a_redirect_is_not_followed_and_a_huge_answer_is_not_read_whole(
    dialect: str, tmp_path: Path
) -> None:
    # given a receiver that redirects, then one that answers 20 MB
    receiver = new_receiver(tmp_path)
    client = WebhookClient(WebhookSettings.from_env(WEBHOOK_ENV))
    try:
        await receiver.set_mode("redirect")
        redirected = await client.post(receiver.url, {}, b"{}")
        await receiver.set_mode("huge")
        started = time.monotonic()
        huge = await client.post(receiver.url, {}, b"{}")
        took = time.monotonic() - started
    finally:
        await client.close()
        receiver.stop()

    # then the redirect is a failure, and only the answer's start was read
    assert redirected.status_code == 302 and not redirected.ok
    assert "redirects are not followed" in (redirected.error or "")
    assert len(receiver.records()) == 2  # the redirect's target was never asked
    assert huge.ok and took < 4  # reading all of it would take 16 s
