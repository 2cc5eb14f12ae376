"""The webhook e2e tests' world: two `python -m dispatch serve` processes on one scratch
PostgreSQL database, each running the delivery worker with a shrunk retry schedule and
loopback allowed, and receiver processes (tests/e2e/webhook_receiver.py) on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise

from models.agency import Role
from models.config import tortoise_config
from tests.e2e.cluster import Cluster, api, seed
from tests.e2e.servers import ROOT, Server, free_port
from tests.factories import make_user, token

WEBHOOK_ENV = {
    "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    "WEBHOOK_RETRY_BASE_SECONDS": "0.2",
    "WEBHOOK_RETRY_MAX_SECONDS": "0.5",
    "WEBHOOK_RETRY_FOR_SECONDS": "300",
    # a lease of 2 * (1 + 2 * 2) + 5 = 15 s: a send cut off by a crash goes again soon
    "WEBHOOK_CONNECT_TIMEOUT": "1",
    "WEBHOOK_READ_TIMEOUT": "2",
}

CREATE = """mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id } secret errors { code message } } }"""


async def seed_with_admin(url: str) -> tuple[dict[str, int], dict[str, str]]:
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    # Tortoise caches INSERT SQL per model whatever the dialect: a SQLite test that ran
    # before in this process would leave its `?` placeholders for PostgreSQL.
    EXECUTOR_CACHE.clear()
    ids, tokens = await seed(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        from models.agency import Agency

        acme = await Agency.get(id=ids["acme"])
        tokens["admin"] = token(await make_user(acme, Role.ADMIN))
    finally:
        await Tortoise.close_connections()
    return ids, tokens


@dataclass
class Receiver:
    """A receiver process; `records()` is what it got, in arrival order."""

    port: int
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.webhook_receiver", str(self.port), str(self.log)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 0.2),
            ):
                return
            time.sleep(0.05)
        raise TimeoutError("the webhook receiver did not start")

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(5)
        self.popen = None

    def records(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        # Only whole lines: the receiver may be writing the last one as it is read.
        *whole, _partial = self.log.read_text().split("\n")
        return [json.loads(line) for line in whole if line]

    def delivered(self) -> list[dict[str, Any]]:
        """The bodies it answered 200 to, in arrival order."""
        return [json.loads(r["body"]) for r in self.records() if r["status"] == 200]

    async def fail_next(self, n: int) -> None:
        async with httpx.AsyncClient(timeout=5) as client:
            await client.post(f"http://127.0.0.1:{self.port}/_control", json={"fail": n})

    async def set_mode(self, mode: str) -> None:
        async with httpx.AsyncClient(timeout=5) as client:
            await client.post(f"http://127.0.0.1:{self.port}/_control", json={"mode": mode})

    async def wait_for(self, count: int, within: float = 30, *, ok: bool = True) -> None:
        """Until `count` requests (answered 200 when `ok`) were received."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            got = len(self.delivered()) if ok else len(self.records())
            if got >= count:
                return
            await asyncio.sleep(0.1)
        raise TimeoutError(
            f"{len(self.records())} requests, {len(self.delivered())} ok, not {count}"
        )


def new_receiver(tmp_path: Path) -> Receiver:
    receiver = Receiver(free_port(), tmp_path / f"receiver-{time.monotonic_ns()}.jsonl")
    receiver.start()
    return receiver


async def create_endpoint(
    cl: Cluster, server: Server, url: str, *, audience: str = "DISPATCH", events: list[str]
) -> tuple[str, str]:
    """(endpoint id, secret) of a new endpoint of the agency Acme."""
    data = await api(
        server,
        cl.tokens["admin"],
        CREATE,
        input={"url": url, "audience": audience, "events": events},
    )
    created = data["createWebhookEndpoint"]
    return created["endpoint"]["id"], created["secret"]


async def delete_endpoint(cl: Cluster, server: Server, endpoint_id: str) -> None:
    await api(
        server,
        cl.tokens["admin"],
        "mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { errors { code } } }",
        id=endpoint_id,
    )
