"""Notice latency: a cancellation committed on server A, its frame at subscribers on server B.

Subscribers are plain `websockets` clients speaking graphql-transport-ws. For each
cancellation we keep three clocks (all CLOCK_REALTIME on one machine, so comparable
across processes):

  t_send      just before the mutation's request is written (bench process)
  occurredAt  the event's time, taken by the server at the start of the transaction, so
              t_send <= occurredAt <= commit
  t_response  when the mutation's response has been read (after commit and publish)
  t_frame     when a subscriber's frame has been read

  t_commit    clock_timestamp() taken by a DEFERRABLE INITIALLY DEFERRED constraint trigger on
              `event` that bench.run installs in the bench database for this section only:
              deferred triggers run inside COMMIT, just before the commit record is written, so
              t_commit precedes the moment the commit is durable by the WAL flush only.

Also per notice, the CPU time of each server's event-loop thread (A commits and
publishes, B fans out and writes), from /proc/<pid>/schedstat over the notices fired:
less noisy than latency, it tells whether a change to the fan-out made it cheaper.

Judged figure: frame - t_commit. Also reported, as a check on it: the bounds
  frame - occurredAt   (upper bound: occurredAt is before the commit),
  frame - t_response   (lower bound; negative when the frame beats the response).
The mutation's own latency (t_response - t_send) is reported separately.

The baseline is redis-py alone: N pub/sub connections (split over the same client
processes), one publisher, publish-to-receive time of a small JSON message. It runs
interleaved with ours, a message after each notice (`redis_url`), so that both figures of
a level are taken under the same load of the machine: run one after the other, a minute
apart, their ratio moved with whatever else the two cores did in between.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import asyncpg
import orjson
import websockets
from websockets.typing import Subprotocol

from bench.load import Connection, ms, percentile
from bench.raw_server import pk_of

SUBSCRIPTION = """subscription {
  dispatchNotices {
    __typename
    ... on MissionCancelledNotice { cursor occurredAt mission { id } }
  }
}"""


@dataclass
class Subscriber:
    ws: Any
    frames: dict[str, float] = field(default_factory=dict)  # mission id -> t_frame
    occurred: dict[str, str | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    duplicates: int = 0
    task: asyncio.Task[None] | None = None

    async def read(self) -> None:
        try:
            async for message in self.ws:
                t = time.time()
                doc = orjson.loads(message)
                kind = doc.get("type")
                if kind == "next":
                    data = (doc.get("payload") or {}).get("data") or {}
                    notice = next(iter(data.values()), None) or {}  # the one root field
                    mission = notice.get("mission")
                    if mission:
                        if mission["id"] in self.frames:
                            self.duplicates += 1
                        self.frames.setdefault(mission["id"], t)
                        self.occurred.setdefault(mission["id"], notice.get("occurredAt"))
                    elif (doc.get("payload") or {}).get("errors"):
                        self.errors.append(str(doc["payload"]["errors"])[:200])
                elif kind == "ping":
                    await self.ws.send(orjson.dumps({"type": "pong"}).decode())
                elif kind in ("error", "complete"):
                    self.errors.append(str(doc)[:200])
        except websockets.ConnectionClosed as exc:
            self.errors.append(f"closed {exc.code}")


async def subscribe(
    url: str, token: str, query: str = SUBSCRIPTION, variables: dict[str, Any] | None = None
) -> Subscriber:
    ws = await websockets.connect(
        url,
        subprotocols=[Subprotocol("graphql-transport-ws")],
        max_queue=None,
        open_timeout=20,
        ping_interval=None,
        compression=None,
    )
    await ws.send(
        orjson.dumps(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        ).decode()
    )
    ack = orjson.loads(await asyncio.wait_for(ws.recv(), 20))
    if ack.get("type") != "connection_ack":
        await ws.close()
        raise RuntimeError(f"no connection_ack: {ack}")
    await ws.send(
        orjson.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": query, "variables": variables or {}},
            }
        ).decode()
    )
    sub = Subscriber(ws)
    sub.task = asyncio.create_task(sub.read())
    return sub


def cpu_ns(pid: int | None) -> int | None:
    """Nanoseconds the main thread of `pid` (its event loop) has run (Linux), else None."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _per_notice_ms(before: int | None, after: int | None, notices: int) -> float | None:
    if before is None or after is None or notices <= 0:
        return None
    return round((after - before) / 1e6 / notices, 3)


def _epoch(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


COMMIT_MARK_SQL = """
CREATE TABLE IF NOT EXISTS bench_commit_mark (mission_id int, committed_at timestamptz);
CREATE OR REPLACE FUNCTION bench_mark_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'MissionCancelled' THEN
    INSERT INTO bench_commit_mark VALUES (NEW.mission_id, clock_timestamp());
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bench_commit_mark ON event;
CREATE CONSTRAINT TRIGGER bench_commit_mark AFTER INSERT ON event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_mark_commit();
"""


async def install_commit_marks(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(COMMIT_MARK_SQL)
    finally:
        await conn.close()


async def commit_times(dsn: str, mission_ids: list[int]) -> dict[int, float]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT mission_id, max(committed_at) AS at FROM bench_commit_mark WHERE mission_id = ANY($1::int[]) "
            "GROUP BY mission_id",
            mission_ids,
        )
    finally:
        await conn.close()
    return {r["mission_id"]: r["at"].timestamp() for r in rows}


async def notice_latency(
    *,
    dsn: str,
    ws_url: str,
    http_host: str,
    http_port: int,
    token: str,
    mission_gids: list[str],
    subscribers: int,
    reason_code: str,
    warmups: int = 1,
    per_notice_timeout: float = 3.0,
    processes: int = 1,
    server_pids: tuple[int | None, int | None] = (None, None),
    redis_url: str | None = None,
) -> dict[str, Any]:
    """Fire len(mission_gids) - warmups cancellations on A, one at a time; time frames on B
    at `subscribers` spread over `processes` client processes (bench/clients.py).
    `server_pids` (A, B): their event loops' CPU time per notice is reported. With
    `redis_url`, the redis-py baseline (as many subscribers, as many processes) publishes
    a message after each notice: its figures are `raw_redis`."""
    from bench.clients import Clients

    opened = time.perf_counter()
    async with (
        Clients(ws_url, processes) as clients,
        _Baseline(redis_url, subscribers, processes) as baseline,
    ):
        await clients.open([(token, SUBSCRIPTION, None)] * subscribers, 50)
        connect_s = time.perf_counter() - opened
        await baseline.open()
        await asyncio.sleep(0.5)  # no subscribe ack in the protocol: let the subscriptions land
        conn = Connection(http_host, http_port)
        headers = {"Authorization": f"Bearer {token}"}
        samples: list[dict[str, Any]] = []
        mutation = (
            "mutation($input: CancelMissionInput!) { cancelMission(input: $input) "
            "{ cancellations { id } errors { code message } } }"
        )
        cpu_before: tuple[int | None, ...] = ()
        for i, mission in enumerate(mission_gids):
            if i == warmups:
                cpu_before = tuple(cpu_ns(pid) for pid in server_pids)
            body = orjson.dumps(
                {
                    "query": mutation,
                    "variables": {
                        "input": {
                            "missionId": mission,
                            "requestedBy": "Bench",
                            "reasonCode": reason_code,
                        }
                    },
                }
            )
            raw = conn.request_bytes("/graphql", body, headers)
            t_send = time.time()
            status, answer = await conn.send(raw)
            t_response = time.time()
            doc = orjson.loads(answer)
            if status != 200 or doc.get("errors") or doc["data"]["cancelMission"]["errors"]:
                raise RuntimeError(f"cancelMission failed: {answer[:300]!r}")
            await clients.wait([(mission, None)], per_notice_timeout)
            if i >= warmups:
                samples.append({"mission": mission, "t_send": t_send, "t_response": t_response})
            await asyncio.sleep(0.01)
            await baseline.one(i)  # then its pause, as after a notice
        await conn.close()
        # Frames still in flight are late, not lost: wait up to 10 s for the stragglers.
        wanted = [s["mission"] for s in samples]
        await clients.wait([(m, None) for m in wanted], 10, 0.05)
        cpu_after = tuple(cpu_ns(pid) for pid in server_pids)
        subs = await clients.collect()
        raw_redis = await baseline.figures(warmups)
        committed = await commit_times(dsn, [pk_of(s["mission"]) for s in samples])
        judged, upper, lower, mutation_latency = [], [], [], []
        answered_after_commit = []  # A's work after the commit, until the client has the answer
        first_frames, spreads = [], []  # per notice: its first frame, and first to last
        # Per notice, whose frame came last, and the frames without it: a p99 made by one
        # subscription that is always last (its group's executor, say) shows here.
        last_of: Counter[int] = Counter()
        but_last: list[float] = []
        lost = 0
        for s in samples:
            mutation_latency.append(s["t_response"] - s["t_send"])
            t_commit = committed.get(pk_of(s["mission"]))
            if t_commit is not None:
                answered_after_commit.append(s["t_response"] - t_commit)
            # (frame time, subscriber) of every frame of this notice, earliest first
            ranked = sorted(
                (t, i)
                for i, sub in enumerate(subs)
                if (t := sub.frames.get(s["mission"])) is not None
            )
            if ranked and t_commit is not None:
                first_frames.append(ranked[0][0] - t_commit)
                spreads.append(ranked[-1][0] - ranked[0][0])
                last_of[ranked[-1][1]] += 1
                but_last.extend(t - t_commit for t, _ in ranked[:-1])
            for sub in subs:
                t = sub.frames.get(s["mission"])
                if t is None:
                    lost += 1
                    continue
                if t_commit is not None:
                    judged.append(t - t_commit)
                occurred = _epoch(sub.occurred.get(s["mission"]))
                upper.append(
                    t - (occurred if occurred and occurred >= s["t_send"] - 0.5 else s["t_send"])
                )
                lower.append(t - s["t_response"])
        errors = [e for sub in subs for e in sub.errors]
        return {
            "subscribers": subscribers,
            "client_processes": processes,
            "notices": len(samples),
            "connect_s": round(connect_s, 2),
            "expected_frames": len(samples) * subscribers,
            "lost": lost,
            "commit_marks": len(committed),
            "p50_ms": ms(percentile(judged, 50)),
            "p99_ms": ms(percentile(judged, 99)),
            "upper_bound_p50_ms": ms(percentile(upper, 50)),
            "upper_bound_p99_ms": ms(percentile(upper, 99)),
            "lower_bound_p50_ms": ms(percentile(lower, 50)),
            "lower_bound_p99_ms": ms(percentile(lower, 99)),
            # Where a p99 comes from: a notice late as a whole (its first frame) or frames
            # late within each notice (first to last).
            "first_frame_p50_ms": ms(percentile(first_frames, 50)),
            "first_frame_max_ms": ms(max(first_frames, default=None)),
            "spread_p50_ms": ms(percentile(spreads, 50)),
            "spread_max_ms": ms(max(spreads, default=None)),
            "last_same_share": round(last_of.most_common(1)[0][1] / len(first_frames), 3)
            if first_frames
            else None,
            "p99_but_last_ms": ms(percentile(but_last, 99)),
            # Includes the 10 ms pause after each notice's frames (pings, timers): an
            # idle server's loop costs ~0.01 ms of it.
            "cpu_a_ms_per_notice": _per_notice_ms(cpu_before[0], cpu_after[0], len(samples))
            if cpu_before
            else None,
            "cpu_b_ms_per_notice": _per_notice_ms(cpu_before[1], cpu_after[1], len(samples))
            if cpu_before
            else None,
            "mutation_p50_ms": ms(percentile(mutation_latency, 50)),
            "mutation_p99_ms": ms(percentile(mutation_latency, 99)),
            "response_after_commit_p50_ms": ms(percentile(answered_after_commit, 50)),
            "subscriber_errors": errors[:3],
            "subscriber_error_count": len(errors),
            **({"raw_redis": raw_redis} if raw_redis is not None else {}),
        }


class _Baseline:
    """redis-py's subscribers beside ours, a message published after each notice."""

    CHANNEL = "bench.raw"

    def __init__(self, url: str | None, subscribers: int, processes: int) -> None:
        self.url, self.subscribers, self.processes = url, subscribers, processes
        self.sent: dict[int, float] = {}

    async def __aenter__(self) -> _Baseline:
        if self.url is None:
            return self
        import redis.asyncio as aioredis

        from bench.clients import RedisClients

        self.publisher = aioredis.from_url(self.url)
        self.listeners = RedisClients(self.url, self.CHANNEL, self.processes)
        await self.listeners.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.url is not None:
            await self.listeners.__aexit__(*exc)
            await self.publisher.aclose()

    async def open(self) -> None:
        if self.url is not None:
            await self.listeners.open(self.subscribers)

    async def one(self, i: int) -> None:
        if self.url is None:
            return
        self.sent[i] = time.time()
        await self.publisher.publish(self.CHANNEL, orjson.dumps({"i": i, "t": self.sent[i]}))
        await self.listeners.wait(i, 3)
        await asyncio.sleep(0.01)

    async def figures(self, warmups: int) -> dict[str, Any] | None:
        if self.url is None:
            return None
        received = await self.listeners.collect()
        return _redis_figures(received, self.sent, warmups, self.subscribers, self.processes)


def _redis_figures(
    received: list[dict[int, float]],
    sent: dict[int, float],
    warmups: int,
    subscribers: int,
    processes: int,
) -> dict[str, Any]:
    latencies, lost = [], 0
    measured = [i for i in sorted(sent) if i >= warmups]
    for i in measured:
        for r in received:
            if i in r:
                latencies.append(r[i] - sent[i])
            else:
                lost += 1
    return {
        "subscribers": subscribers,
        "client_processes": processes,
        "messages": len(measured),
        "lost": lost,
        "p50_ms": ms(percentile(latencies, 50)),
        "p99_ms": ms(percentile(latencies, 99)),
    }
