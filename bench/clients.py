"""Bench subscribers spread over several client processes (issue 12: "1 and 2 client
processes").

`Clients(processes=1)` keeps every subscriber in the bench process, as before. With 2, the
i-th subscriber opened goes to process i % 2: 0 is the bench process, 1 a child
(`python -m bench.clients`) that opens its share, reads its frames and answers the bench
over its stdin/stdout, one JSON line each way. Frame times are `time.time()`
(CLOCK_REALTIME, one machine), so samples of both processes are merged as they are;
`collect` hands back every subscriber, in the order opened, with its frames in arrival
order, duplicates and errors, for the same loss / duplicate / order checks.

The redis-py baseline is split the same way (`RedisClients`), so that a ratio compares
like with like.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import sys
import time
from pathlib import Path
from typing import Any

import orjson

from bench.load import until
from bench.notices import Subscriber, subscribe

ROOT = Path(__file__).resolve().parent.parent
Spec = tuple[str, str, dict[str, Any] | None]  # token, query, variables
Want = tuple[str, list[int] | None]  # a mission id, the subscribers that must have it (None: all)


def _has(subs: list[Subscriber], want: list[Want]) -> bool:
    for mission, which in want:
        chosen = subs if which is None else [subs[i] for i in which]
        if not all(mission in s.frames for s in chosen):
            return False
    return True


def settle_heap() -> None:
    """Once a case's clients are open, keep the cyclic collector off them (as the server
    does, app.settle_heap): a full collection of a thousand connections' objects stalls
    this process for ~80 ms, during which no frame or message is read, ours or redis-py's.
    """
    gc.collect()
    gc.freeze()


def unsettle_heap() -> None:
    """The case's clients are closed: what they held may be collected again."""
    gc.unfreeze()


async def _open(url: str, specs: list[Spec], parallel: int) -> list[Subscriber]:
    gate = asyncio.Semaphore(max(1, parallel))

    async def one(spec: Spec) -> Subscriber:
        async with gate:
            return await subscribe(url, spec[0], spec[1], spec[2])

    opened = list(await asyncio.gather(*(one(s) for s in specs)))
    settle_heap()
    return opened


async def _close(subs: list[Subscriber]) -> None:
    for sub in subs:
        if sub.task:
            sub.task.cancel()
    await asyncio.gather(*(sub.ws.close() for sub in subs if sub.ws), return_exceptions=True)
    unsettle_heap()


class _Child:
    """A client process, one request at a time."""

    def __init__(self) -> None:
        self.proc: asyncio.subprocess.Process | None = None
        self.lock = asyncio.Lock()

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.clients",
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=256 * 1024 * 1024,
        )

    async def ask(self, op: str, **args: Any) -> Any:
        proc = self.proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        async with self.lock:
            proc.stdin.write(orjson.dumps({"op": op, **args}) + b"\n")
            await proc.stdin.drain()
            line = await proc.stdout.readline()
        if not line:
            raise RuntimeError(f"client process exited ({proc.returncode}) during {op}")
        answer = orjson.loads(line)
        if "error" in answer:
            raise RuntimeError(f"client process, {op}: {answer['error']}")
        return answer.get("result")

    async def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        with contextlib.suppress(Exception):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            proc.kill()  # our own child, by its handle
            await proc.wait()


class Clients:
    """Subscribers of one bench case over `processes` client processes (1 or 2)."""

    def __init__(self, url: str, processes: int = 1) -> None:
        if processes not in (1, 2):
            raise ValueError("1 or 2 client processes")
        self.url = url
        self.processes = processes
        self.local: list[Subscriber] = []
        self.child = _Child() if processes == 2 else None
        self.child_count = 0
        self.where: list[tuple[int, int]] = []  # subscriber -> (process, index there)

    async def __aenter__(self) -> Clients:
        if self.child is not None:
            await self.child.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                await self.close()
            else:  # the case's own error is the one to report
                with contextlib.suppress(Exception):
                    await self.close()
        finally:
            if self.child is not None:
                await self.child.stop()  # it also exits on its own when the pipe closes

    def __len__(self) -> int:
        return len(self.where)

    async def open(self, specs: list[Spec], parallel: int = 50) -> list[int]:
        """Open `specs`, spread over the processes; their indices, in order."""
        mine: list[Spec] = []
        theirs: list[Spec] = []
        first = len(self.where)
        for i, spec in enumerate(specs):
            if (first + i) % self.processes == 0:
                self.where.append((0, len(self.local) + len(mine)))
                mine.append(spec)
            else:
                self.where.append((1, self.child_count + len(theirs)))
                theirs.append(spec)
        share = max(1, parallel // self.processes)
        jobs: list[Any] = [_open(self.url, mine, share)]
        if theirs:
            assert self.child is not None
            jobs.append(self.child.ask("open", url=self.url, specs=theirs, parallel=share))
        opened = await asyncio.gather(*jobs)
        self.local += opened[0]
        self.child_count += len(theirs)
        return list(range(first, first + len(specs)))

    async def wait(self, want: list[Want], limit_s: float, step: float = 0.002) -> bool:
        """Until the subscribers named in `want` all have their missions (or `limit_s`)."""
        mine: list[Want] = []
        theirs: list[Want] = []
        for mission, which in want:
            if which is None:
                mine.append((mission, None))
                theirs.append((mission, None))
                continue
            mine.append((mission, [self.where[i][1] for i in which if self.where[i][0] == 0]))
            theirs.append((mission, [self.where[i][1] for i in which if self.where[i][0] == 1]))
        jobs: list[Any] = [until(lambda: _has(self.local, mine), limit_s, step)]
        if self.child is not None and self.child_count:
            jobs.append(self.child.ask("wait", want=theirs, limit_s=limit_s, step=step))
        return all(await asyncio.gather(*jobs))

    async def collect(self) -> list[Subscriber]:
        """Every subscriber opened, in order, with what it received so far."""
        remote: list[Subscriber] = []
        if self.child is not None and self.child_count:
            for row in await self.child.ask("collect"):
                sub = Subscriber(ws=None)
                sub.frames = row["frames"]
                sub.occurred = row["occurred"]
                sub.errors = row["errors"]
                sub.duplicates = row["duplicates"]
                remote.append(sub)
        return [self.local[i] if p == 0 else remote[i] for p, i in self.where]

    async def close(self) -> None:
        """Close every subscriber (they stay collectable until the next open)."""
        await _close(self.local)
        if self.child is not None and self.child_count:
            await self.child.ask("close")


class RedisClients:
    """The redis-py baseline's subscriber connections over `processes` processes."""

    def __init__(self, url: str, channel: str, processes: int = 1) -> None:
        self.url, self.channel, self.processes = url, channel, processes
        self.local = _RedisListeners()
        self.child = _Child() if processes == 2 else None

    async def __aenter__(self) -> RedisClients:
        if self.child is not None:
            await self.child.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.local.close()
        if self.child is not None:
            with contextlib.suppress(Exception):
                await self.child.ask("redis_close")
            await self.child.stop()

    async def open(self, count: int) -> None:
        theirs = count // 2 if self.child is not None else 0
        jobs: list[Any] = [self.local.open(self.url, self.channel, count - theirs)]
        if self.child is not None and theirs:
            jobs.append(self.child.ask("redis_open", url=self.url, channel=self.channel, n=theirs))
        await asyncio.gather(*jobs)

    async def wait(self, i: int, limit_s: float) -> bool:
        jobs: list[Any] = [until(lambda: self.local.have(i), limit_s)]
        if self.child is not None:
            jobs.append(self.child.ask("redis_wait", i=i, limit_s=limit_s))
        return all(await asyncio.gather(*jobs))

    async def collect(self) -> list[dict[int, float]]:
        received = list(self.local.received)
        if self.child is not None:
            for row in await self.child.ask("redis_collect"):
                received.append({int(k): v for k, v in row.items()})
        return received


class _RedisListeners:
    def __init__(self) -> None:
        self.received: list[dict[int, float]] = []
        self.clients: list[tuple[Any, Any]] = []
        self.tasks: list[asyncio.Task[None]] = []

    async def open(self, url: str, channel: str, count: int) -> None:
        import redis.asyncio as aioredis

        for _ in range(count):
            client = aioredis.from_url(url)
            pubsub = client.pubsub()
            await pubsub.subscribe(channel)
            got: dict[int, float] = {}
            self.received.append(got)
            self.clients.append((client, pubsub))
            self.tasks.append(asyncio.create_task(self._listen(pubsub, got)))
        settle_heap()

    @staticmethod
    async def _listen(pubsub: Any, got: dict[int, float]) -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                got[orjson.loads(message["data"])["i"]] = time.time()

    def have(self, i: int) -> bool:
        return all(i in r for r in self.received)

    async def close(self) -> None:
        for t in self.tasks:
            t.cancel()
        for client, pubsub in self.clients:
            try:
                await pubsub.aclose()
                await client.aclose()
            except Exception:  # closing after cancel: nothing to report
                pass
        self.tasks, self.clients = [], []
        unsettle_heap()


# --- the child process -------------------------------------------------------------------------


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=256 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out = sys.stdout.buffer
    subs: list[Subscriber] = []
    redis = _RedisListeners()
    while line := await reader.readline():
        request = orjson.loads(line)
        op = request.pop("op")
        try:
            result: Any = None
            if op == "open":
                specs = [(s[0], s[1], s[2]) for s in request["specs"]]
                subs += await _open(request["url"], specs, request["parallel"])
            elif op == "wait":
                want = [(m, w) for m, w in request["want"]]
                ready = functools.partial(_has, subs, want)
                result = await until(ready, request["limit_s"], request["step"])
            elif op == "collect":
                result = [
                    {
                        "frames": s.frames,
                        "occurred": s.occurred,
                        "errors": s.errors,
                        "duplicates": s.duplicates,
                    }
                    for s in subs
                ]
            elif op == "close":
                await _close(subs)
                subs = []
            elif op == "redis_open":
                await redis.open(request["url"], request["channel"], request["n"])
            elif op == "redis_wait":
                result = await until(
                    functools.partial(redis.have, request["i"]), request["limit_s"]
                )
            elif op == "redis_collect":
                result = redis.received
            elif op == "redis_close":
                await redis.close()
            else:
                raise ValueError(f"unknown op {op!r}")
            answer = {"result": result}
        except Exception as exc:  # the bench reports it as the case's error
            answer = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        out.write(orjson.dumps(answer, option=orjson.OPT_NON_STR_KEYS) + b"\n")
        out.flush()
    await _close(subs)
    await redis.close()


def main() -> None:
    try:
        import uvloop

        uvloop.run(_serve())
    except ImportError:
        asyncio.run(_serve())


if __name__ == "__main__":
    main()
