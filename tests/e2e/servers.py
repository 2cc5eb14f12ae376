"""Helpers for tests over real sockets: server processes, a private Redis, a raw WS client.

Every wait is bounded: a missing message fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parents[2]
TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ------------------------------------------------------------------ processes


@dataclass
class Process:
    """A child process with its log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def stop(self, timeout: float = 10) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(5)

    def tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


@dataclass
class Server(Process):
    """A `python -m dispatch serve` process."""

    port: int = 0
    env: dict[str, str] = field(default_factory=dict)

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    async def health(self) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=5) as client:
            body: dict[str, Any] = (await client.get(f"{self.http}/healthz")).json()
            return body


def _spawn(name: str, args: list[str], env: dict[str, str], log_dir: Path) -> tuple[Any, Path]:
    log = log_dir / f"{name}.log"
    handle = log.open("wb")
    popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    return popen, log


def server_env(database_url: str, broadcast_url: str, secret: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "BROADCAST_"))}
    env.update(
        DATABASE_URL=database_url,
        BROADCAST_URL=broadcast_url,
        DISPATCH_SECRET=secret,
        LOG_LEVEL="warning",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)  # may say another LOG_LEVEL
    return env


def migrate(env: dict[str, str], log_dir: Path) -> None:
    """`python -m dispatch migrate`, bounded."""
    result = subprocess.run(
        [sys.executable, "-m", "dispatch", "migrate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    (log_dir / "migrate.log").write_bytes(result.stdout + result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed: {result.stderr.decode(errors='replace')[-2000:]}")


def start_server(name: str, env: dict[str, str], log_dir: Path) -> Server:
    port = free_port()
    env = {**env, "PORT": str(port), "HOST": "127.0.0.1"}
    popen, log = _spawn(name, [sys.executable, "-m", "dispatch", "serve"], env, log_dir)
    return Server(name=name, popen=popen, log=log, port=port, env=env)


async def wait_healthy(server: Server, within: float = 30, broadcast: str = "connected") -> None:
    """Until /healthz answers with the broadcast in state `broadcast`."""
    deadline = time.monotonic() + within
    last: object = None
    while time.monotonic() < deadline:
        if server.popen.poll() is not None:
            raise RuntimeError(f"{server.name} exited:\n{server.tail()}")
        try:
            body = await server.health()
            last = body
            if body.get("broadcast", {}).get("state") == broadcast:
                return
        except (httpx.HTTPError, ValueError) as exc:
            last = exc
        await asyncio.sleep(0.1)
    raise TimeoutError(f"{server.name} not healthy in {within}s: {last}\n{server.tail()}")


def start_redis(port: int, log_dir: Path) -> Process:
    """A private redis-server (never the shared one)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    popen, log = _spawn(
        f"redis-{port}",
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        dict(os.environ),
        log_dir,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return Process(name=f"redis-{port}", popen=popen, log=log)
        time.sleep(0.05)
    popen.kill()
    raise TimeoutError("private redis-server did not start")


# ------------------------------------------------------------------ raw client


class WsClient:
    """A GraphQL-over-WebSocket client speaking either protocol, with bounded waits."""

    def __init__(self, conn: ClientConnection, protocol: str) -> None:
        self.conn = conn
        self.protocol = protocol

    @classmethod
    @contextlib.asynccontextmanager
    async def connect(cls, url: str, protocol: str = TRANSPORT_WS, **kwargs: Any) -> Any:
        async with connect(url, subprotocols=[protocol], open_timeout=5, **kwargs) as conn:  # type: ignore[list-item]
            yield cls(conn, protocol)

    async def send(self, message: dict[str, Any]) -> None:
        await self.conn.send(json.dumps(message))

    async def recv(self, within: float = 5) -> dict[str, Any]:
        """The next protocol message, keep-alives skipped."""
        async with asyncio.timeout(within):
            while True:
                frame = await self.conn.recv()
                # Browsers' GraphQL clients read text frames only.
                assert isinstance(frame, str), f"a binary frame: {frame!r:.80}"
                message: dict[str, Any] = json.loads(frame)
                if message.get("type") not in ("ka", "ping", "pong"):
                    return message

    async def init(self, token: str | None, within: float = 5) -> dict[str, Any]:
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await self.send({"type": "connection_init", "payload": payload})
        return await self.recv(within)

    async def subscribe(
        self, op_id: str, query: str, variables: dict[str, Any] | None = None
    ) -> None:
        kind = "subscribe" if self.protocol == TRANSPORT_WS else "start"
        await self.send(
            {"id": op_id, "type": kind, "payload": {"query": query, "variables": variables or {}}}
        )

    async def next_data(self, within: float = 5) -> dict[str, Any]:
        """The payload of the next data message (asserts it is one)."""
        message = await self.recv(within)
        assert message["type"] in ("next", "data"), message
        payload: dict[str, Any] = message["payload"]
        return payload

    async def closed_code(self, within: float = 5) -> int | None:
        """Wait for the server to close; its close code."""
        try:
            async with asyncio.timeout(within):
                while True:
                    await self.conn.recv()
        except ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd else None

    async def nothing_for(self, seconds: float) -> None:
        """Assert no data message arrives for `seconds`."""
        with contextlib.suppress(TimeoutError):
            message = await self.recv(seconds)
            raise AssertionError(f"unexpected message {message}")
