"""A small closed-loop HTTP/1.1 load generator (keep-alive, one request in flight per connection).

Written on asyncio streams rather than httpx so that the client costs little and the same
for both servers: each "connection" is one TCP connection sending its next request as
soon as the previous response is read. Latencies in seconds, from just before the request
bytes are written to the last byte of the response body.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson


class HttpError(Exception):
    """A non-2xx answer or a broken connection."""


class Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
            self.writer = None

    def request_bytes(self, path: str, body: bytes, headers: dict[str, str]) -> bytes:
        head = [
            f"POST {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
        ]
        head += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(head) + "\r\n\r\n").encode() + body

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        """Send prepared request bytes; return (status, body)."""
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(raw)
        status_line = await self.reader.readline()
        if not status_line:
            await self.close()
            raise HttpError("connection closed")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, keep = None, False, True
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value.strip())
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                keep = False
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).strip().split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            body = b"".join(parts)
        else:
            body = await self.reader.readexactly(length or 0)
        if not keep:
            await self.close()
        return status, body


async def post_json(
    host: str, port: int, path: str, payload: Any, token: str | None = None
) -> tuple[int, Any]:
    """One request on a throwaway connection (set-up and checks, not measurements)."""
    conn = Connection(host, port)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        status, body = await conn.send(conn.request_bytes(path, orjson.dumps(payload), headers))
        return status, orjson.loads(body) if body else None
    finally:
        await conn.close()


@dataclass
class Run:
    """What one load run measured."""

    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    errors: int = 0
    first_error: str | None = None

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "n": len(self.latencies),
            "errors": self.errors,
            "first_error": self.first_error,
            "p50_ms": ms(percentile(self.latencies, 50)),
            "p99_ms": ms(percentile(self.latencies, 99)),
            "mean_ms": ms(sum(self.latencies) / len(self.latencies)) if self.latencies else None,
            "throughput_rps": round(self.throughput, 1),
            "elapsed_s": round(self.elapsed, 2),
        }


async def until(condition: Callable[[], bool], limit_s: float, step: float = 0.002) -> bool:
    """Poll `condition` until it holds or `limit_s` passes (cheaper than 1,000 readers setting Events)."""
    deadline = time.perf_counter() + limit_s
    while True:
        if condition():
            return True
        if time.perf_counter() >= deadline:
            return False
        await asyncio.sleep(step)


def percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


CheckFn = Callable[[int, bytes], str | None]


async def closed_loop(
    host: str,
    port: int,
    path: str,
    token: str,
    *,
    bodies: Sequence[Sequence[bytes]] | None = None,
    body: bytes | None = None,
    connections: int,
    duration: float,
    warmup: int = 0,
    check: CheckFn | None = None,
) -> Run:
    """`connections` clients, each sending back to back for `duration` seconds.

    With `body` every request is the same; with `bodies` client i sends bodies[i] in turn
    and stops when they run out (writes that must each touch distinct rows).
    """
    headers = {"Authorization": f"Bearer {token}"}
    run = Run()
    conns = [Connection(host, port) for _ in range(connections)]
    for c in conns:
        await c.open()
    try:
        if body is not None and warmup:
            raw = conns[0].request_bytes(path, body, headers)
            for i in range(warmup):
                await conns[i % connections].send(raw)
        deadline = time.perf_counter() + duration
        started = time.perf_counter()

        async def client(i: int) -> None:
            conn = conns[i]
            mine = (
                [conn.request_bytes(path, b, headers) for b in bodies[i]]
                if bodies is not None
                else None
            )
            fixed = conn.request_bytes(path, body, headers) if body is not None else None
            k = 0
            while time.perf_counter() < deadline:
                if mine is not None:
                    if k >= len(mine):
                        return
                    raw = mine[k]
                else:
                    raw = fixed  # type: ignore[assignment]
                k += 1
                t0 = time.perf_counter()
                try:
                    status, answer = await conn.send(raw)
                except (HttpError, ConnectionError, asyncio.IncompleteReadError, ValueError) as exc:
                    run.errors += 1
                    run.first_error = run.first_error or repr(exc)
                    await conn.close()
                    continue
                t1 = time.perf_counter()
                problem = (
                    check(status, answer)
                    if check
                    else (None if status == 200 else f"HTTP {status}")
                )
                if problem:
                    run.errors += 1
                    run.first_error = run.first_error or problem
                else:
                    run.latencies.append(t1 - t0)

        await asyncio.gather(*(client(i) for i in range(connections)))
        run.elapsed = time.perf_counter() - started
    finally:
        for c in conns:
            await c.close()
    return run


def graphql_check(field_name: str) -> CheckFn:
    """A GraphQL answer counts when HTTP 200, no top-level errors, and no payload errors."""

    def check(status: int, body: bytes) -> str | None:
        if status != 200:
            return f"HTTP {status}: {body[:200]!r}"
        doc = orjson.loads(body)
        if doc.get("errors"):
            return str(doc["errors"][0].get("message"))[:200]
        value = (doc.get("data") or {}).get(field_name)
        if isinstance(value, dict) and value.get("errors"):
            return str(value["errors"][0])[:200]
        return None

    return check


def raw_check(status: int, body: bytes) -> str | None:
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}"
    doc = orjson.loads(body)
    if doc.get("errors"):
        return str(doc["errors"][0])[:200]
    return None
