"""`make bench`: what users feel next to what the machine allows, in one run.

    python -m bench.run [--scale 1.0] [--only page,cancel_mission,cancel_order,notices,report,growth]
                         [--growth-sizes 5000,50000,500000]

Builds bench_<pid>, starts two GraphQL server processes (A and B, Redis broadcast), the raw
Starlette + asyncpg baseline and a private redis-server, runs each section, prints a
table, writes bench/results/<timestamp>.json, then stops everything it started and
drops the database. Benchmarks print figures; they never fail (exit 0 unless set-up fails).
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
import orjson

from bench import dataset as ds
from bench import fleet, goals, growth, load, notices
from bench import postgraphile as peer
from bench import raw_server as raw
from bench import webhooks as webhook_bench
from schema.http.ws_protocol import PROTOCOL as WS_PROTOCOL

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = (
    "page",
    "cancel_mission",
    "cancel_order",
    "notices",
    "fleet",
    "report",
    "webhooks",
    "growth",
)
TOTAL_BUDGET_S = 780  # everything bounded: the run stops starting sections after this
# (counted from the start, or with the growth section from the end of the dataset build)

PAGE_QUERY = """query CancelledTab($first: Int!, $after: String) {
  cancellations(first: $first, after: $after) {
    edges { cursor node {
      id cancelledAt requestedAt requestedBy reasonCode reasonLabel note waived
      customer { id name }
      mission { id status pickupAt estimatedEndAt assignments(includeEnded: true) { driver { id name } } }
      reason { id code label }
      cancelledBy { userId name role }
      decision { billable effectiveWindowMinutes windowSource scheduledMinutes billableMinutes
                 charge { amount currency } payouts { driver { id name } amount { amount currency } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
CANCEL_MISSION = """mutation CancelMission($input: CancelMissionInput!) {
  cancelMission(input: $input) { cancellations { id } errors { code message } }
}"""
CANCEL_ORDER = """mutation CancelOrder($input: CancelOrderInput!) {
  cancelOrder(input: $input) { cancellations { id } errors { code message } }
}"""
REPORT_QUERY = """query Report($from: Date!, $to: Date!, $groupBy: CancellationReportGrouping!) {
  cancellationReport(from: $from, to: $to, groupBy: $groupBy) {
    key label count billableCount waivedCount chargeTotal { amount currency } payoutTotal { amount currency }
  }
}"""
STATEMENT_METHOD = (
    "per HTTP request: the operation run in-process (GraphQL: schema.execute under tests/sqlcount.py; "
    "raw: the same SQL functions through a counting connection) + 1 for the per-request user lookup; "
    "BEGIN/COMMIT not counted on either side"
)
PROBE = """{ __schema { queryType { fields { name } } mutationType { fields { name } }
  subscriptionType { fields { name } } } }"""


# --- processes ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    port: int
    log: Path

    def tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


class Processes:
    """Every process this run starts; each stopped by its own id (its process group) at the end."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="bench_"))
        self.procs: list[Proc] = []

    def start(self, name: str, argv: list[str], env: dict[str, str], port: int) -> Proc:
        log = self.tmp / f"{name}.log"
        popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc = Proc(name, popen, port, log)
        self.procs.append(proc)
        return proc

    def uvicorn(self, name: str, factory: str, env: dict[str, str]) -> Proc:
        port = free_port()
        return self.start(
            name,
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                factory,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                "--ws",
                WS_PROTOCOL,  # as `python -m dispatch serve` runs it
                "--no-access-log",
                "--log-level",
                "warning",
                "--lifespan",
                "on",
            ],
            {**env, "PORT": str(port), "HOST": "127.0.0.1"},
            port,
        )

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.popen.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.popen.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.popen.wait(timeout=8)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.popen.pid, signal.SIGKILL)
                proc.popen.wait(timeout=5)
        shutil.rmtree(self.tmp, ignore_errors=True)


async def wait_http(proc: Proc, path: str = "/healthz", limit_s: float = 60) -> None:
    deadline = time.perf_counter() + limit_s
    last = ""
    while time.perf_counter() < deadline:
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited ({proc.popen.returncode}):\n{proc.tail()}")
        try:
            conn = load.Connection("127.0.0.1", proc.port)
            raw_req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
            status, body = await conn.send(raw_req)
            await conn.close()
            if status == 200:
                return
            last = f"HTTP {status} {body[:200]!r}"
        except (OSError, load.HttpError, ValueError, asyncio.IncompleteReadError) as exc:
            last = repr(exc)
        await asyncio.sleep(0.2)
    raise RuntimeError(f"{proc.name} not healthy after {limit_s}s: {last}\n{proc.tail()}")


async def ensure_postgres() -> None:
    try:
        conn = await asyncpg.connect(ds.PG_ADMIN_DSN, timeout=5)
        await conn.close()
        return
    except (TimeoutError, OSError, asyncpg.PostgresError):
        pass
    print("PostgreSQL not answering: starting it (pg_ctlcluster) …")
    await asyncio.to_thread(_start_postgres)
    for _ in range(30):
        try:
            conn = await asyncpg.connect(ds.PG_ADMIN_DSN, timeout=5)
            await conn.close()
            return
        except (TimeoutError, OSError, asyncpg.PostgresError):
            await asyncio.sleep(1)
    raise RuntimeError("PostgreSQL is not reachable at " + ds.PG_ADMIN_DSN)


def _start_postgres() -> None:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if versions:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
            check=False,
            timeout=60,
        )


async def start_redis(procs: Processes) -> tuple[str, str]:
    """A private redis-server (notices share one channel: keep the tests' Redis out of it)."""
    import redis.asyncio as aioredis

    binary = shutil.which("redis-server")
    if binary is None:
        url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
        return (
            url,
            "shared (no redis-server binary; notices may mix with other users of this Redis)",
        )
    port = free_port()
    procs.start(
        "redis",
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(procs.tmp),
            "--maxclients",
            "10000",
        ],
        {},
        port,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(50):
        try:
            client = aioredis.from_url(url)
            await client.ping()
            await client.aclose()
            return url, f"private redis-server on port {port}"
        except Exception:  # not up yet
            await asyncio.sleep(0.1)
    raise RuntimeError("private redis-server did not start")


# --- in-process statement counting ---------------------------------------------------------------


class InProcess:
    """Tortoise and the schema loaded in this process, to count a GraphQL operation's SQL statements."""

    def __init__(self, dsn: str, secret: str) -> None:
        self.dsn, self.secret = dsn, secret
        self.ready = False

    async def start(self) -> None:
        from tortoise import Tortoise

        from models.config import tortoise_config

        await Tortoise.init(config=tortoise_config(self.dsn), _enable_global_fallback=True)
        self.ready = True

    async def stop(self) -> None:
        if self.ready:
            from tortoise import Tortoise

            await Tortoise.close_connections()

    async def execute(
        self, query: str, variables: dict[str, Any], user_id: int
    ) -> tuple[int | None, float, Any]:
        """(statements, seconds, result) of one operation run through schema.execute.

        Statements are None when tests/sqlcount.py cannot be imported: nothing was counted,
        and the goals that rest on the count are then invalid, never met.
        """
        from models.agency import User
        from models.config import Settings
        from resolvers.clock import SystemClock
        from schema.auth import Principal
        from schema.build import schema
        from schema.context import Context

        try:
            from tests.sqlcount import count_statements
        except ImportError:  # a trimmed checkout: run, count nothing, and say so
            count_statements = None  # type: ignore[assignment]
        user = await User.filter(id=user_id).select_related("agency").get()
        settings = Settings.from_env({"DATABASE_URL": self.dsn, "DISPATCH_SECRET": self.secret})
        ctx = Context(
            settings=settings, clock=SystemClock(), principal=Principal(user), request_id="bench"
        )
        started = time.perf_counter()
        if count_statements is None:
            result = await schema.execute(query, variable_values=variables, context_value=ctx)
            return None, time.perf_counter() - started, result
        with count_statements() as seen:
            result = await schema.execute(query, variable_values=variables, context_value=ctx)
        return len(seen), time.perf_counter() - started, result


# --- the sections ----------------------------------------------------------------------------------


def gid(type_name: str, pk: int) -> str:
    return raw.gid(type_name, pk)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def per_request(statements: int | None, result: Any) -> int | str:
    """The figure printed for one in-process run: its statements + 1 for the user lookup."""
    if result.errors:
        return f"error: {result.errors[0].message[:120]}"
    if statements is None:
        return "not counted (tests/sqlcount.py could not be imported)"
    return statements + 1


class Bench:
    dataset: ds.Dataset
    inproc: InProcess
    a: Proc
    b: Proc
    raw: Proc
    secret: str
    redis_url: str
    tok_op: str
    tok_rep: str

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.sizes = ds.Sizes.at(args.scale)
        self.duration = args.duration or (5.0 if args.scale >= 0.5 else 1.5)
        self.results: dict[str, Any] = {}
        self.goals: list[dict[str, Any]] = []
        self.available: dict[str, bool] = {}
        self.peer = peer.Peer("not started")

    def goal(self, verdict: goals.Goal) -> None:
        self.goals.append(verdict.as_dict())

    async def probe(self) -> None:
        status, doc = await load.post_json(
            "127.0.0.1", self.a.port, "/graphql", {"query": PROBE}, self.tok_op
        )
        schema = (doc or {}).get("data", {}).get("__schema", {}) if status == 200 else {}

        def names(kind: str) -> set[str]:
            return {f["name"] for f in ((schema.get(kind) or {}).get("fields") or [])}

        q, m, s = names("queryType"), names("mutationType"), names("subscriptionType")
        self.available = {
            "cancellations": "cancellations" in q,
            "cancellationReport": "cancellationReport" in q,
            "cancelMission": "cancelMission" in m,
            "cancelOrder": "cancelOrder" in m,
            "dispatchNotices": "dispatchNotices" in s,
            "driverNotices": "driverNotices" in s,
        }
        if not schema:
            self.results["probe_error"] = f"introspection answered HTTP {status}: {str(doc)[:300]}"

    # 1. the Cancelled tab -------------------------------------------------------------------
    async def section_page(self) -> dict[str, Any]:
        if not self.available.get("cancellations"):
            return {"status": "not available: Query.cancellations is not in the schema yet"}
        out: dict[str, Any] = {"status": "ok", "cases": []}
        check = load.graphql_check("cancellations")
        # Same rows? Compare the first page's ids.
        _, g = await load.post_json(
            "127.0.0.1",
            self.a.port,
            "/graphql",
            {"query": PAGE_QUERY, "variables": {"first": 20}},
            self.tok_op,
        )
        _, r = await load.post_json("127.0.0.1", self.raw.port, "/page", {"first": 20}, self.tok_op)
        try:
            g_ids = [e["node"]["id"] for e in g["data"]["cancellations"]["edges"]]
            r_ids = [e["node"]["id"] for e in r["data"]["cancellations"]["edges"]]
            out["same_rows"] = g_ids == r_ids
        except (KeyError, TypeError):
            out["same_rows"] = None
            out["graphql_answer"] = str(g)[:400]
        # PostGraphile v5 side by side (bench/postgraphile.py): same rows? then measured per case.
        await self.peer.check_page(out, g, r)
        for size in (20, 100):
            gql_body = orjson.dumps({"query": PAGE_QUERY, "variables": {"first": size}})
            raw_body = orjson.dumps({"first": size})
            for conc in (1, 8):
                gr = await load.closed_loop(
                    "127.0.0.1",
                    self.a.port,
                    "/graphql",
                    self.tok_op,
                    body=gql_body,
                    connections=conc,
                    duration=self.duration,
                    warmup=10,
                    check=check,
                )
                rr = await load.closed_loop(
                    "127.0.0.1",
                    self.raw.port,
                    "/page",
                    self.tok_op,
                    body=raw_body,
                    connections=conc,
                    duration=self.duration,
                    warmup=10,
                    check=load.raw_check,
                )
                case: dict[str, Any] = {
                    "rows": size,
                    "connections": conc,
                    "graphql": gr.summary(),
                    "raw": rr.summary(),
                }
                case["p50_ratio"] = ratio(case["graphql"]["p50_ms"], case["raw"]["p50_ms"])
                case["throughput_ratio"] = ratio(
                    case["graphql"]["throughput_rps"], case["raw"]["throughput_rps"]
                )
                out["cases"].append(case)
                await self.peer.measure(case, self.tok_op, self.duration)

        def p50(side: str, rows: int) -> float | None:
            for c in out["cases"]:
                if c["rows"] == rows and c["connections"] == 1:
                    return c[side]["p50_ms"]
            return None

        for side in ("graphql", "raw"):
            a, b = p50(side, 20), p50(side, 100)
            out[f"{side}_per_row_ms"] = (
                round((b - a) / 80, 3) if a is not None and b is not None else None
            )
        counts: dict[int, int | str] = {}
        evidence: dict[int, goals.StatementCount] = {}
        for size in (20, 100):
            n, _, result = await self.inproc.execute(
                PAGE_QUERY, {"first": size}, self.dataset.operator_id
            )
            counts[size] = per_request(n, result)
            edges = ((result.data or {}).get("cancellations") or {}).get("edges")
            evidence[size] = goals.StatementCount(
                page_size=size,
                statements=n + 1 if n is not None else None,
                rows=len(edges) if edges is not None else None,
                error=result.errors[0].message[:120] if result.errors else None,
            )
        conn = await asyncpg.connect(self.dataset.dsn)
        try:
            counted = raw.Counted(conn)
            await raw.page(counted, self.dataset.agency_id, 20, None)
            raw_count = len(counted.statements) + 1
        finally:
            await conn.close()
        out["statements"] = {
            "graphql_20": counts[20],
            "graphql_100": counts[100],
            "raw": raw_count,
            "method": STATEMENT_METHOD,
        }
        self.goal(
            goals.page_latency(
                cases=[
                    goals.PageCase(
                        rows=c["rows"],
                        connections=c["connections"],
                        graphql=goals.Side.of(c["graphql"]),
                        raw=goals.Side.of(c["raw"]),
                        p50_ratio=c["p50_ratio"],
                    )
                    for c in out["cases"]
                ],
                same_rows=out["same_rows"],
                limit=3,
            )
        )
        self.goal(
            goals.statement_count_constant(
                small=evidence[20], large=evidence[100], same_rows=out["same_rows"]
            )
        )
        self.peer.judge(out, self.goal)
        return out

    # 2. cancelMission -------------------------------------------------------------------------
    async def section_cancel_mission(self) -> dict[str, Any]:
        if not self.available.get("cancelMission"):
            return {"status": "not available: Mutation.cancelMission is not in the schema yet"}
        clients = 8
        reason = self.dataset.reason_code

        def split(pool: list[int], body: Any) -> list[list[bytes]]:
            return [[orjson.dumps(body(m)) for m in pool[i::clients]] for i in range(clients)]

        gql = split(
            self.dataset.cancel_pool_graphql,
            lambda m: {
                "query": CANCEL_MISSION,
                "variables": {
                    "input": {
                        "missionId": gid("Mission", m),
                        "requestedBy": "Bench",
                        "reasonCode": reason,
                    }
                },
            },
        )
        rawb = split(
            self.dataset.cancel_pool_raw,
            lambda m: {
                "missionId": gid("Mission", m),
                "requestedBy": "Bench",
                "reasonCode": reason,
            },
        )
        limit = max(10.0, self.duration * 4)
        gr = await load.closed_loop(
            "127.0.0.1",
            self.a.port,
            "/graphql",
            self.tok_op,
            bodies=gql,
            connections=clients,
            duration=limit,
            check=load.graphql_check("cancelMission"),
        )
        rr = await load.closed_loop(
            "127.0.0.1",
            self.raw.port,
            "/cancel-mission",
            self.tok_op,
            bodies=rawb,
            connections=clients,
            duration=limit,
            check=load.raw_check,
        )
        out: dict[str, Any] = {
            "status": "ok",
            "clients": clients,
            "graphql": gr.summary(),
            "raw": rr.summary(),
        }
        out["throughput_ratio"] = ratio(
            out["graphql"]["throughput_rps"], out["raw"]["throughput_rps"]
        )
        pool = self.dataset.cancel_pool_count
        n, _, result = await self.inproc.execute(
            CANCEL_MISSION,
            {
                "input": {
                    "missionId": gid("Mission", pool[0]),
                    "requestedBy": "Bench",
                    "reasonCode": reason,
                }
            },
            self.dataset.operator_id,
        )
        conn = await asyncpg.connect(self.dataset.dsn)
        try:
            counted = raw.Counted(conn)
            user = dict(await conn.fetchrow(raw.USER_SQL, self.dataset.operator_id))
            await raw.cancel_mission(counted, user, pool[1], reason, "Bench")
        finally:
            await conn.close()
        out["statements"] = {
            "graphql": per_request(n, result),
            "raw": len(counted.statements) + 1,
            "method": STATEMENT_METHOD,
        }
        self.goal(
            goals.cancel_mission_throughput(
                graphql=goals.Side.of(out["graphql"]),
                raw=goals.Side.of(out["raw"]),
                ratio=out["throughput_ratio"],
                limit=0.5,
            )
        )
        return out

    # 3. cancelOrder ------------------------------------------------------------------------------
    async def section_cancel_order(self) -> dict[str, Any]:
        if not self.available.get("cancelOrder"):
            return {"status": "not available: Mutation.cancelOrder is not in the schema yet"}
        big, reason = self.dataset.big_orders, self.dataset.reason_code
        out: dict[str, Any] = {"status": "ok", "missions_per_order": self.sizes.order_size}

        async def timed(port: int, path: str, payload: Any) -> tuple[float, Any]:
            conn = load.Connection("127.0.0.1", port)
            raw_req = conn.request_bytes(
                path, orjson.dumps(payload), {"Authorization": f"Bearer {self.tok_op}"}
            )
            await conn.open()
            t0 = time.perf_counter()
            _, body = await conn.send(raw_req)
            secs = time.perf_counter() - t0
            await conn.close()
            return secs, orjson.loads(body)

        g_secs, g = await timed(
            self.a.port,
            "/graphql",
            {
                "query": CANCEL_ORDER,
                "variables": {
                    "input": {
                        "orderId": gid("Order", big["graphql_http"]),
                        "requestedBy": "Bench",
                        "reasonCode": reason,
                    }
                },
            },
        )
        r_secs, r = await timed(
            self.raw.port,
            "/cancel-order",
            {
                "orderId": gid("Order", big["raw_http"]),
                "requestedBy": "Bench",
                "reasonCode": reason,
            },
        )
        g_payload = (g.get("data") or {}).get("cancelOrder") or {}
        out["graphql"] = {
            "wall_ms": load.ms(g_secs),
            "cancelled": len(g_payload.get("cancellations") or []),
            "errors": (g.get("errors") or g_payload.get("errors") or [])[:1],
        }
        out["raw"] = {
            "wall_ms": load.ms(r_secs),
            "cancelled": len(r.get("cancellations") or []),
            "errors": (r.get("errors") or [])[:1],
        }
        n, secs, result = await self.inproc.execute(
            CANCEL_ORDER,
            {
                "input": {
                    "orderId": gid("Order", big["graphql_counted"]),
                    "requestedBy": "Bench",
                    "reasonCode": reason,
                }
            },
            self.dataset.operator_id,
        )
        out["graphql"]["statements"] = per_request(n, result)
        out["graphql"]["in_process_ms"] = load.ms(secs)
        conn = await asyncpg.connect(self.dataset.dsn)
        try:
            counted = raw.Counted(conn)
            user = dict(await conn.fetchrow(raw.USER_SQL, self.dataset.operator_id))
            t0 = time.perf_counter()
            await raw.cancel_order(counted, user, big["raw_counted"], reason, "Bench")
            out["raw"]["in_process_ms"] = load.ms(time.perf_counter() - t0)
            out["raw"]["statements"] = len(counted.statements) + 1
        finally:
            await conn.close()
        out["wall_ratio"] = ratio(out["graphql"]["wall_ms"], out["raw"]["wall_ms"])
        sides = {
            side: goals.OrderCancel(
                wall_ms=out[side]["wall_ms"],
                cancelled=out[side]["cancelled"],
                errors=out[side]["errors"],
            )
            for side in ("graphql", "raw")
        }
        self.goal(
            goals.cancel_order_wall_time(
                graphql=sides["graphql"],
                raw=sides["raw"],
                missions=self.sizes.order_size,
                limit=2,
            )
        )
        return out

    # 4. notices ------------------------------------------------------------------------------------
    async def section_notices(self) -> dict[str, Any]:
        if not (self.available.get("dispatchNotices") and self.available.get("cancelMission")):
            return {
                "status": "not available: Subscription.dispatchNotices or Mutation.cancelMission missing"
            }
        nominal = (1, 100, 1000)
        levels = (
            nominal
            if self.args.scale >= 1
            else tuple(max(1, int(n * max(self.args.scale, 0.05))) if n > 1 else 1 for n in nominal)
        )
        k = self.sizes.notice_targets
        pool = [gid("Mission", m) for m in self.dataset.notice_pool]
        await notices.install_commit_marks(self.dataset.dsn)
        out: dict[str, Any] = {
            "status": "ok",
            "method": "frame - commit (clock_timestamp() in a deferred "
            "constraint trigger on event, i.e. during COMMIT); bounds: upper = frame - "
            "occurredAt, lower = frame - mutation response",
            "levels": [],
        }
        # Each level with the bench's subscribers in 1 client process, then the larger ones
        # again over 2 (bench/clients.py); the redis-py baseline split the same way.
        runs = [(level, 1) for level in levels] + [(level, 2) for level in levels if level > 1]
        if self.args.notice_levels:
            runs = [run for run in runs if run in self.args.notice_levels]
        for level, processes in runs:
            missions, pool = pool[: k + 1], pool[k + 1 :]
            try:
                res = await asyncio.wait_for(
                    notices.notice_latency(
                        dsn=self.dataset.dsn,
                        ws_url=f"ws://127.0.0.1:{self.b.port}/graphql",
                        http_host="127.0.0.1",
                        http_port=self.a.port,
                        token=self.tok_op,
                        mission_gids=missions,
                        subscribers=level,
                        reason_code=self.dataset.reason_code,
                        processes=processes,
                        server_pids=(self.a.popen.pid, self.b.popen.pid),
                        # redis-py's baseline interleaved, a message after each notice
                        redis_url=self.redis_url,
                    ),
                    timeout=300,
                )
            except Exception as exc:  # report and go on: one level failing is a figure too
                res = {
                    "subscribers": level,
                    "client_processes": processes,
                    "error": f"{type(exc).__name__}: {exc}"[:300],
                    "raw_redis": {"error": "not run: the level failed"},
                }
            ours, theirs = res.get("p99_ms"), res["raw_redis"].get("p99_ms")
            res["p99_vs_redis"] = round(ours / theirs, 2) if ours and theirs else None
            out["levels"].append(res)
        for processes in (1, 2):
            for n, limit in ((100, 10), (1000, 50)):
                row = next(
                    (
                        r
                        for r in out["levels"]
                        if r.get("subscribers") == n and r.get("client_processes") == processes
                    ),
                    None,
                )
                measured = goals.NoticeLevel.of(row) if row is not None else None
                self.goal(
                    goals.notice_p99(
                        level=measured, subscribers=n, limit_ms=limit, processes=processes
                    )
                )
                self.goal(
                    goals.notice_vs_redis(
                        level=measured,
                        redis=row.get("raw_redis") if row is not None else None,
                        subscribers=n,
                        limit=2,
                        processes=processes,
                    )
                )
        return out

    # 4b. notices at fleet scale (bench/fleet.py) ---------------------------------------------
    async def section_fleet(self) -> dict[str, Any]:
        if not (self.available.get("driverNotices") and self.available.get("cancelMission")):
            return {"status": "not available: Subscription.driverNotices or Mutation.cancelMission"}
        return await fleet.section(self)

    # 6. webhooks (bench/webhooks.py) --------------------------------------------------------------
    async def section_webhooks(self) -> dict[str, Any]:
        return await webhook_bench.section(self)

    # 5. report -------------------------------------------------------------------------------------
    async def section_report(self) -> dict[str, Any]:
        if not self.available.get("cancellationReport"):
            return {"status": "not available: Query.cancellationReport is not in the schema yet"}
        today = date.today()
        span = {
            "from": (today - timedelta(days=400)).isoformat(),
            "to": (today + timedelta(days=40)).isoformat(),
        }
        out: dict[str, Any] = {"status": "ok", "range": span, "groupings": []}
        evidence: list[goals.ReportGrouping] = []
        for group in ("REASON", "CUSTOMER", "DRIVER", "DAY"):
            gbody = {"query": REPORT_QUERY, "variables": {**span, "groupBy": group}}
            rbody = {**span, "groupBy": group}
            _, g = await load.post_json("127.0.0.1", self.a.port, "/graphql", gbody, self.tok_rep)
            _, r = await load.post_json("127.0.0.1", self.raw.port, "/report", rbody, self.tok_rep)
            gr = await load.closed_loop(
                "127.0.0.1",
                self.a.port,
                "/graphql",
                self.tok_rep,
                body=orjson.dumps(gbody),
                connections=1,
                duration=self.duration / 2,
                warmup=2,
                check=load.graphql_check("cancellationReport"),
            )
            rr = await load.closed_loop(
                "127.0.0.1",
                self.raw.port,
                "/report",
                self.tok_rep,
                body=orjson.dumps(rbody),
                connections=1,
                duration=self.duration / 2,
                warmup=2,
                check=load.raw_check,
            )
            g_rows = ((g or {}).get("data") or {}).get("cancellationReport")
            r_rows = ((r or {}).get("data") or {}).get("cancellationReport")

            def size(rows: list[dict[str, Any]] | None) -> tuple[int | None, int | None]:
                if rows is None:
                    return None, None
                return len(rows), sum(x["count"] for x in rows)

            (g_groups, g_total), (r_groups, r_total) = size(g_rows), size(r_rows)
            row: dict[str, Any] = {
                "groupBy": group,
                "graphql": gr.summary(),
                "raw": rr.summary(),
                "groups": [g_groups, r_groups],
                "counts_total": [g_total, r_total],
            }
            if g_rows is None:
                row["graphql_error"] = str((g or {}).get("errors"))[:300]
            if r_rows is None:
                row["raw_error"] = str(r)[:300]
            row["p50_ratio"] = ratio(row["graphql"]["p50_ms"], row["raw"]["p50_ms"])
            out["groupings"].append(row)
            evidence.append(
                goals.ReportGrouping(
                    group_by=group,
                    graphql=goals.Side.of(row["graphql"]),
                    raw=goals.Side.of(row["raw"]),
                    groups=(g_groups, r_groups),
                    total=(g_total, r_total),
                    p50_ratio=row["p50_ratio"],
                    graphql_error=row.get("graphql_error"),
                    raw_error=row.get("raw_error"),
                )
            )
        self.goal(goals.report_ratio(groupings=evidence, limit=1.5))
        return out

    # 6. growth -------------------------------------------------------------------------------------
    async def section_growth(self) -> dict[str, Any]:
        if not self.available.get("cancellations") or not self.available.get("cancellationReport"):
            return {"status": "not available: the page or the report is not in the schema yet"}
        section = growth.Growth(self, PAGE_QUERY, REPORT_QUERY)
        out = await section.run()
        for verdict in section.goals:
            self.goal(verdict)
        return out

    # --- the run ----------------------------------------------------------------------------------
    async def run(self) -> int:
        started = time.perf_counter()
        wall = datetime.now(UTC)
        procs = Processes()
        inproc: InProcess | None = None
        dataset: ds.Dataset | None = None
        load1 = os.getloadavg()
        meta: dict[str, Any] = {
            "started": wall.isoformat(),
            "scale": self.args.scale,
            "duration_s": self.duration,
            "cpus": os.cpu_count(),
            "loadavg_start": [round(x, 2) for x in load1],
            "git": _git_head(),
        }
        peer_install = peer.install_task(  # npm runs while the dataset is built
            not self.args.no_peer and peer.wanted(self.args.only),
            "skipped: --no-peer" if self.args.no_peer else "skipped: page section not run",
        )
        try:
            await ensure_postgres()
            self.redis_url, meta["redis"] = await start_redis(procs)
            self.secret = secret = secrets.token_urlsafe(48)
            wanted = (
                [s.strip() for s in self.args.only.split(",")] if self.args.only else list(SECTIONS)
            )
            sizes = growth.sizes_of(self.args.growth_sizes, self.args.scale)
            print(f"building the dataset (scale {self.args.scale}) …", flush=True)
            if "growth" in wanted:
                print(
                    f"  with agencies of {sizes} cancellations for the growth section", flush=True
                )
            self.dataset = dataset = await ds.build(
                self.args.scale, secret, growth=sizes if "growth" in wanted else ()
            )
            # The growth agencies' build (minutes at 500,000) is not the sections' time.
            budget_from = started + (self.dataset.build_seconds if "growth" in wanted else 0)
            print(
                f"  {self.dataset.db_name}: {self.dataset.counts} in {self.dataset.build_seconds:.1f} s "
                f"[{self.dataset.migrated_with}]",
                flush=True,
            )
            from schema.auth import issue_token

            def token(user_id: int) -> str:
                user: Any = SimpleNamespace(
                    id=user_id, agency_id=self.dataset.agency_id, token_version=0
                )
                return issue_token(secret, user)

            self.token = token
            self.tok_op, self.tok_rep = (
                token(self.dataset.operator_id),
                token(self.dataset.reporter_id),
            )
            env = {
                "DATABASE_URL": self.dataset.dsn,
                "DISPATCH_SECRET": secret,
                "BROADCAST_URL": self.redis_url,
                "LOG_LEVEL": "warning",
                "WORKERS": "1",
                "BENCH_DSN": self.dataset.dsn,
                **webhook_bench.SERVER_ENV,
            }
            self.a = procs.uvicorn("graphql_a", "dispatch:app_factory", env)
            self.b = procs.uvicorn("graphql_b", "dispatch:app_factory", env)
            self.raw = procs.uvicorn("raw", "bench.raw_server:app_factory", env)
            await asyncio.gather(wait_http(self.a), wait_http(self.b), wait_http(self.raw))
            self.peer = await peer.start(peer_install, procs, self.dataset)
            meta["postgraphile"] = self.peer.meta()
            self.inproc = inproc = InProcess(self.dataset.dsn, secret)
            await inproc.start()
            await self.probe()
            meta["available"] = self.available
            for name in SECTIONS:
                if name not in wanted:
                    continue
                left = TOTAL_BUDGET_S - (time.perf_counter() - budget_from)
                if left < 20:
                    self.results[name] = {"status": "skipped: time budget used up"}
                    self.goal(goals.section_without_figures(name, self.results[name]["status"]))
                    continue
                print(f"section {name} …", flush=True)
                t0 = time.perf_counter()
                try:
                    self.results[name] = await asyncio.wait_for(
                        getattr(self, f"section_{name}")(), timeout=left
                    )
                except Exception as exc:  # a benchmark reports, it does not fail the build
                    self.results[name] = {
                        "status": f"error: {type(exc).__name__}: {exc}"[:400],
                        "trace": traceback.format_exc()[-1500:],
                    }
                self.results[name]["seconds"] = round(time.perf_counter() - t0, 1)
                status = str(self.results[name].get("status"))
                if status != "ok":
                    self.goal(goals.section_without_figures(name, status))
                print(
                    f"  {self.results[name].get('status')} ({self.results[name]['seconds']} s)",
                    flush=True,
                )
        finally:
            peer_install.cancel()  # still installing when the set-up failed: stop npm
            if inproc is not None:
                await inproc.stop()
            for proc in procs.procs:
                if proc.popen.poll() is not None and proc.popen.returncode not in (0, -15):
                    meta.setdefault("process_exits", {})[proc.name] = [
                        proc.popen.returncode,
                        proc.tail(8),
                    ]
            procs.stop_all()
            if dataset is not None and not self.args.keep_db:
                await ds.drop_database(dataset.db_name)
        meta["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        meta["seconds"] = round(time.perf_counter() - started, 1)
        meta["noisy"] = max(load1[0], meta["loadavg_end"][0]) > (os.cpu_count() or 1) * 0.5
        report = {
            "meta": meta,
            "dataset": dataset.summary() if dataset else None,
            "sections": self.results,
            "goals": self.goals,
            "goal_counts": goals.tally(self.goals),
        }
        print_table(report)
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{wall.strftime('%Y%m%dT%H%M%SZ')}.json"
        path.write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2, default=str))
        print(f"\nwrote {path.relative_to(ROOT)}")
        return 0


def _git_head() -> str | None:
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=5,
            ).stdout.strip()
            or None
        )
    except (OSError, subprocess.SubprocessError):
        return None


# --- printing ----------------------------------------------------------------------------------------


def _f(value: Any) -> str:
    return "-" if value is None else str(value)


def print_table(report: dict[str, Any]) -> None:
    meta = report["meta"]
    s = {name: report["sections"].get(name, {"status": "not run"}) for name in SECTIONS}
    print("\n" + "=" * 100)
    print(
        f"bench  scale {meta['scale']}  {meta['cpus']} cpus  load {meta['loadavg_start']} -> "
        f"{meta['loadavg_end']}  {meta['seconds']} s  git {meta.get('git')}"
    )
    if meta.get("noisy"):
        print("NOTE: the machine was busy with other work during this run: figures are noisy.")
    if report.get("dataset"):
        d = report["dataset"]
        print(f"dataset {d['rows']} built in {d['build_seconds']} s via {d['migrated_with']}")
    print("=" * 100)
    page = s.get("page", {})
    print(
        "\n1. Cancelled tab page"
        + ("" if page.get("status") == "ok" else f": {page.get('status')}")
    )
    if page.get("status") == "ok":
        print(f"   same rows as raw: {page.get('same_rows')}")
        print(
            f"   {'rows':>4} {'conn':>4} | {'gql p50':>8} {'p99':>8} {'req/s':>7} | {'raw p50':>8} {'p99':>8} "
            f"{'req/s':>7} | {'p50 x':>6} {'thr x':>6} | errors"
        )
        for c in page["cases"]:
            g, r = c["graphql"], c["raw"]
            print(
                f"   {c['rows']:>4} {c['connections']:>4} | {_f(g['p50_ms']):>8} {_f(g['p99_ms']):>8} "
                f"{g['throughput_rps']:>7} | {_f(r['p50_ms']):>8} {_f(r['p99_ms']):>8} {r['throughput_rps']:>7} | "
                f"{_f(c['p50_ratio']):>6} {_f(c['throughput_ratio']):>6} | {g['errors']}/{r['errors']}"
                + (f"  ({g['first_error']})" if g["first_error"] else "")
            )
        print(
            f"   per-row marginal cost (p50, 1 conn): graphql {page.get('graphql_per_row_ms')} ms, "
            f"raw {page.get('raw_per_row_ms')} ms"
        )
        st = page.get("statements", {})
        print(
            f"   SQL statements per page: graphql {st.get('graphql_20')} (20 rows) / {st.get('graphql_100')} "
            f"(100 rows), raw {st.get('raw')}"
        )
        print(f"   [statements counted {st.get('method')}]")
        peer.print_page(page)
    cm = s.get("cancel_mission", {})
    print(
        "\n2. cancelMission, 8 clients on distinct missions"
        + ("" if cm.get("status") == "ok" else f": {cm.get('status')}")
    )
    if cm.get("status") == "ok":
        for side in ("graphql", "raw"):
            x = cm[side]
            print(
                f"   {side:>7}: {x['throughput_rps']:>7} /s  p50 {_f(x['p50_ms'])} ms  p99 {_f(x['p99_ms'])} ms  "
                f"n {x['n']}  errors {x['errors']}"
                + (f" ({x['first_error']})" if x["first_error"] else "")
            )
        st = cm.get("statements", {})
        print(
            f"   throughput ratio {cm.get('throughput_ratio')}; SQL statements per call: graphql "
            f"{st.get('graphql')}, raw {st.get('raw')}"
        )
    co = s.get("cancel_order", {})
    print(
        f"\n3. cancelOrder of {co.get('missions_per_order', '?')} missions"
        + ("" if co.get("status") == "ok" else f": {co.get('status')}")
    )
    if co.get("status") == "ok":
        for side in ("graphql", "raw"):
            x = co[side]
            print(
                f"   {side:>7}: {_f(x.get('wall_ms'))} ms over HTTP, {_f(x.get('in_process_ms'))} ms in-process, "
                f"{_f(x.get('statements'))} statements, {x.get('cancelled')} cancelled"
                + (f", errors {x['errors']}" if x.get("errors") else "")
            )
        print(f"   wall ratio {co.get('wall_ratio')}")
    no = s.get("notices", {})
    print(
        "\n4. Notice latency, commit on A -> frame on B"
        + ("" if no.get("status") == "ok" else f": {no.get('status')}")
    )
    if no.get("status") == "ok":
        print(f"   [{no['method']}]")
        print(
            f"   {'subs':>5} {'procs':>5} | {'p50':>7} {'p99':>7} {'lost':>9} | {'ub p99':>7} "
            f"{'lb p99':>7} | {'mut p50':>7} {'mut p99':>7} | {'redis p50':>9} {'p99':>7} "
            f"{'lost':>5} | {'p99 ratio':>9}"
        )
        for r in no["levels"]:
            rr = r.get("raw_redis", {})
            procs = r.get("client_processes", 1)
            if "error" in r:
                print(f"   {r['subscribers']:>5} {procs:>5} | error: {r['error']}")
                continue
            print(
                f"   {r['subscribers']:>5} {procs:>5} | {_f(r['p50_ms']):>7} {_f(r['p99_ms']):>7} "
                f"{str(r['lost']) + '/' + str(r['expected_frames']):>9} | {_f(r['upper_bound_p99_ms']):>7} "
                f"{_f(r['lower_bound_p99_ms']):>7} | {_f(r['mutation_p50_ms']):>7} {_f(r['mutation_p99_ms']):>7} | "
                f"{_f(rr.get('p50_ms')):>9} {_f(rr.get('p99_ms')):>7} {_f(rr.get('lost')):>5} | "
                f"{_f(r.get('p99_vs_redis')):>9}"
                + (
                    f"  sub errors {r['subscriber_error_count']}: {r['subscriber_errors'][:1]}"
                    if r.get("subscriber_error_count")
                    else ""
                )
            )
        print(
            "   per notice: first frame p50 / max, first to last frame p50 / max (ms); "
            "event-loop CPU of server A, of server B (ms); share of notices whose last "
            "frame is the same subscriber's, p99 without each notice's last frame (ms); "
            "A's mutation answer after the commit, p50 (ms)"
        )
        for r in no["levels"]:
            if "error" not in r and r.get("first_frame_p50_ms") is not None:
                print(
                    f"   {r['subscribers']:>5} {r.get('client_processes', 1):>5} | "
                    f"{_f(r['first_frame_p50_ms']):>7} / {_f(r['first_frame_max_ms']):<7} | "
                    f"{_f(r['spread_p50_ms']):>7} / {_f(r['spread_max_ms']):<7} | "
                    f"{_f(r.get('cpu_a_ms_per_notice')):>7} {_f(r.get('cpu_b_ms_per_notice')):>7} | "
                    f"{_f(r.get('last_same_share')):>5} {_f(r.get('p99_but_last_ms')):>7} | "
                    f"{_f(r.get('response_after_commit_p50_ms')):>6}"
                )
    fleet.print_section(s.get("fleet", {}))
    rp = s.get("report", {})
    print(
        "\n5. cancellationReport over the dataset"
        + ("" if rp.get("status") == "ok" else f": {rp.get('status')}")
    )
    if rp.get("status") == "ok":
        for g in rp["groupings"]:
            print(
                f"   {g['groupBy']:>8}: graphql p50 {_f(g['graphql']['p50_ms'])} ms, raw SQL p50 "
                f"{_f(g['raw']['p50_ms'])} ms, ratio {g['p50_ratio']}; groups {g['groups']}, "
                f"cancellations counted {g['counts_total']}"
                + (f"  ({g['graphql']['first_error']})" if g["graphql"]["first_error"] else "")
            )
    growth.print_section(s.get("growth", {"status": "not run"}))
    counts = goals.tally(report["goals"])
    print("\nGoals (" + ", ".join(f"{n} {status}" for status, n in counts.items()) + ")")
    for goal in report["goals"]:
        print(f"   [{goal['status']:>7}] {goal['goal']}: {goal['detail']}")
        for reason in goal.get("reasons", []):
            print(f"             because {reason}")
    for name, res in s.items():
        if str(res.get("status", "")).startswith("error"):
            print(f"\n{name}: {res['status']}\n{res.get('trace', '')}")


def _notice_levels(text: str) -> frozenset[tuple[int, int]]:
    """`100:2,1000:1` as {(100, 2), (1000, 1)}; anything else is refused, not run as nothing."""
    try:
        levels = {(int(n), int(p)) for n, p in (spec.split(":") for spec in text.split(","))}
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected subscribers:client processes, comma-separated (say 100:2), not {text!r}"
        ) from None
    return frozenset(levels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1.0")),
        help="dataset and run size (1.0 = 20k orders, 60k missions, 20k cancellations)",
    )
    parser.add_argument("--duration", type=float, default=None, help="seconds per load case")
    parser.add_argument(
        "--only", default="", help="comma-separated sections: " + ",".join(SECTIONS)
    )
    parser.add_argument(
        "--growth-sizes",
        default=os.environ.get("BENCH_GROWTH_SIZES", ",".join(str(n) for n in ds.GROWTH_SIZES)),
        help="cancellations of each growth-section agency, comma-separated "
        "(default 5000,50000,500000; times --scale below 1; also BENCH_GROWTH_SIZES)",
    )
    parser.add_argument(
        "--notice-levels",
        type=_notice_levels,
        default=frozenset(),
        help="only these notice levels, as subscribers:client processes, comma-separated "
        "(say 100:2,1000:1; default every level)",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="do not drop bench_<pid> (debugging)"
    )
    parser.add_argument(
        "--no-peer",
        action="store_true",
        default=os.environ.get("BENCH_NO_PEER", "") not in ("", "0"),
        help="do not install or run PostGraphile next to ours (also BENCH_NO_PEER=1)",
    )
    if argv is None:  # `make bench BENCH_ARGS="--scale 0.05"`
        argv = sys.argv[1:] + shlex.split(os.environ.get("BENCH_ARGS", ""))
    args = parser.parse_args(argv)
    try:
        import uvloop

        return uvloop.run(Bench(args).run())
    except ImportError:
        return asyncio.run(Bench(args).run())


if __name__ == "__main__":
    sys.exit(main())
