"""The delivery worker on a real database: giving up after the retry period, leases that
run out after a crash, one lane at a time, and addresses refused at send time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from models.agency import Role
from models.audit import Event
from models.config import Settings
from models.domain import events as ev
from models.webhook_settings import WebhookSettings
from models.webhooks import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookAudience,
    WebhookDelivery,
    WebhookEndpoint,
)
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.clock import FixedClock, SystemClock
from resolvers.webhook_deliveries import redeliver
from resolvers.webhook_endpoints import create_endpoint, rotate_secret
from schema.webhook_body import make_renderer
from subscriptions.notices import of_row
from subscriptions.webhooks.claims import claim
from subscriptions.webhooks.client import WebhookClient
from subscriptions.webhooks.enqueue import enqueue_all
from subscriptions.webhooks.signing import verify
from subscriptions.webhooks.worker import DeliveryWorker
from tests.conftest import TEST_SECRET
from tests.e2e.servers import free_port
from tests.e2e.webhook_helpers import new_receiver
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import World, assign, book, make_world, request

LOOPBACK = WebhookSettings.from_env({"WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8"})
LEASE = timedelta(seconds=60)


async def _endpoint(world: World, url: str, **kwargs: Any) -> WebhookEndpoint:
    admin = await make_user(world.agency, Role.ADMIN)
    return await create_endpoint(
        scope_of(admin),
        world.clock,
        LOOPBACK.allowed_networks,
        url=url,
        audience=kwargs.get("audience", WebhookAudience.DISPATCH),
        types=kwargs.get("types", ["MissionCancelledNotice"]),
    )


async def _cancel_one(world: World) -> None:
    _, (mission,) = await book(world)
    await assign(world, mission)
    await cancel_mission(world.scope, world.clock, mission_id=mission.id, request=request())


async def test_an_endpoint_failing_for_the_whole_period_is_disabled_and_the_board_told(
    db: str, clock: FixedClock
) -> None:
    # given an endpoint nobody listens on, and a retry period of one second
    world = await make_world(clock)
    endpoint = await _endpoint(world, f"http://127.0.0.1:{free_port()}/hook")
    await _cancel_one(world)
    webhooks = WebhookSettings.from_env(
        {
            "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
            "WEBHOOK_RETRY_BASE_SECONDS": "0.1",
            "WEBHOOK_RETRY_MAX_SECONDS": "0.2",
            "WEBHOOK_RETRY_FOR_SECONDS": "1",
        }
    )
    settings = Settings.from_env({"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET})
    worker = DeliveryWorker(webhooks, make_renderer(settings))

    # when the worker runs for a while
    async with asyncio.timeout(15):
        while (await WebhookEndpoint.get(id=endpoint.id)).enabled:
            await worker.run_once()
            await asyncio.sleep(0.05)
        await worker.drain()
    await worker.stop()

    # then the delivery failed after retrying for the period, and the endpoint is off
    (delivery,) = await WebhookDelivery.filter(endpoint_id=endpoint.id)
    attempts = await WebhookAttempt.filter(delivery_id=delivery.id).order_by("id")
    assert delivery.status == DeliveryStatus.FAILED
    assert len(attempts) >= 3
    assert attempts[-1].attempted_at - attempts[0].attempted_at >= timedelta(seconds=0.9)
    assert all(a.status_code is None and a.error for a in attempts)
    assert attempts[-1].next_retry_at is None
    disabled = await WebhookEndpoint.get(id=endpoint.id)
    assert disabled.disabled_reason and "failed for" in disabled.disabled_reason
    (notice,) = await Event.filter(agency_id=world.agency.id, type=ev.WEBHOOK_ENDPOINT_DISABLED)
    assert notice.data["endpointId"] == endpoint.id
    # as the board sees it (the dispatchNotices shape)
    board = await make_renderer(settings)(of_row(notice), delivery)
    assert board["type"] == "WebhookEndpointDisabledNotice"
    assert board["notice"]["url"] == endpoint.url
    assert board["notice"]["reason"].startswith("Deliveries failed for 1 s (last: ")

    # and a redelivery by hand makes it pending again
    again = await redeliver(world.scope, clock, delivery.id)
    assert again.status == DeliveryStatus.PENDING


async def test_a_delivery_claimed_by_a_process_that_died_is_sent_again_after_its_lease(
    db: str, clock: FixedClock
) -> None:
    # given a delivery owed
    world = await make_world(clock)
    await _endpoint(world, "http://127.0.0.1:9/hook")
    await _cancel_one(world)
    now = datetime.now(UTC)
    await enqueue_all(now)

    # when a process claims it and dies without a word
    (first,) = await claim(now, 10, LEASE)

    # then nobody else takes it while the lease runs, and it is taken again after
    assert await claim(now + timedelta(seconds=30), 10, LEASE) == []
    (again,) = await claim(now + LEASE + timedelta(seconds=1), 10, LEASE)
    assert again.delivery.id == first.delivery.id
    assert again.lease_token != first.lease_token


async def test_only_the_oldest_pending_delivery_of_a_lane_is_sent(
    db: str, clock: FixedClock
) -> None:
    # given two notices for one driver and one for another, to a driver endpoint
    world = await make_world(clock)
    await _endpoint(world, "http://127.0.0.1:9/hook", audience=WebhookAudience.DRIVERS)
    for driver in (world.driver, world.driver, world.driver2):
        _, (mission,) = await book(world)
        await assign(world, mission, driver)
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    now = datetime.now(UTC)
    owed = await enqueue_all(now)

    # when deliveries are claimed
    claimed = await claim(now, 10, LEASE)

    # then the first of each driver's, not the second of the first driver
    rows = await WebhookDelivery.all().order_by("id")
    assert owed == 3 and [r.driver_id for r in rows] == [
        world.driver.id,
        world.driver.id,
        world.driver2.id,
    ]
    assert sorted(c.delivery.id for c in claimed) == [rows[0].id, rows[2].id]


async def test_enqueueing_twice_owes_each_notice_once(db: str, clock: FixedClock) -> None:
    world = await make_world(clock)
    await _endpoint(world, "http://127.0.0.1:9/hook")
    await _cancel_one(world)
    now = datetime.now(UTC)

    assert await enqueue_all(now) == 1
    assert await enqueue_all(now) == 0
    assert await WebhookDelivery.all().count() == 1


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_a_private_address_is_refused_at_send_time_too(dialect: str) -> None:
    # given a client that may reach public addresses only
    client = WebhookClient(WebhookSettings())

    # when it is asked to post to loopback and to the metadata address
    loopback = await client.post(f"http://127.0.0.1:{free_port()}/", {}, b"{}")
    metadata = await client.post("https://169.254.169.254/latest", {}, b"{}")

    # then it refuses without connecting
    assert loopback.status_code is None and "loopback" in (loopback.error or "")
    assert metadata.status_code is None and "link-local" in (metadata.error or "")


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_a_receiver_that_never_answers_holds_up_no_other_endpoint(
    db: str, dialect: str, clock: FixedClock, tmp_path: Path
) -> None:
    # given an endpoint whose receiver accepts and never answers, and a healthy one
    held: list[asyncio.StreamWriter] = []

    async def never_answer(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    black_hole = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    hole_port = black_hole.sockets[0].getsockname()[1]
    receiver = new_receiver(tmp_path)
    world = await make_world(clock)
    await _endpoint(world, f"http://127.0.0.1:{hole_port}/hook")
    await _endpoint(world, receiver.url)
    settings = Settings.from_env({"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET})
    webhooks = WebhookSettings.from_env(
        {"WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8", "WEBHOOK_READ_TIMEOUT": "8"}
    )
    worker = DeliveryWorker(webhooks, make_renderer(settings), interval=0.1)
    await worker.start()
    try:
        # when three missions are cancelled
        for _ in range(3):
            await _cancel_one(world)

        # then the healthy receiver has all three long before the other one times out
        await receiver.wait_for(3, within=5)
    finally:
        await worker.stop()
        receiver.stop()
        black_hole.close()
        for writer in held:
            writer.close()


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_during_a_rotation_overlap_a_delivery_verifies_with_either_secret(
    db: str, dialect: str, clock: FixedClock, tmp_path: Path
) -> None:
    # given an endpoint whose secret was rotated with an hour of overlap
    receiver = new_receiver(tmp_path)
    world = await make_world(clock)
    endpoint = await _endpoint(world, receiver.url)
    old = endpoint.secret
    admin = await make_user(world.agency, Role.ADMIN)
    rotated = await rotate_secret(scope_of(admin), SystemClock(), endpoint.id, timedelta(hours=1))
    settings = Settings.from_env({"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET})
    worker = DeliveryWorker(LOOPBACK, make_renderer(settings), interval=0.1)
    await worker.start()
    try:
        # when a notice is delivered
        await _cancel_one(world)
        await receiver.wait_for(1)
    finally:
        await worker.stop()
        receiver.stop()

    # then a receiver with the old secret or with the new one verifies it
    (record,) = receiver.records()
    body = record["body"].encode()
    assert rotated.secret != old
    assert len(record["headers"]["webhook-signature"].split()) == 2
    verify(old, record["headers"], body)
    verify(rotated.secret, record["headers"], body)
