"""Prometheus metrics (prometheus-client), served at GET /metrics.

Several worker processes (`WORKERS=n`) share one port, so a scrape reaches any one of
them: `dispatch serve` then runs prometheus-client's multiprocess mode (every worker
writes its samples to files in PROMETHEUS_MULTIPROC_DIR, and whichever worker is
scraped sums them), instead of one registry per process that a scrape would see only a
part of. Per-process state (broadcast, relay, pool) keeps a `pid` label there, and
goes with its process.

What is counted where: requests, their latency and SQL statements in the GraphQL view
(`observe_operation`), refusals at the edge, subscriptions and notices in
schema/subscriptions.py, executor fallbacks in the executor, and the runtime's state
(broadcast, relay, pool) read from /healthz's sources at each scrape and every few
seconds (`refresh_state`).
"""

from __future__ import annotations

import collections
import os
import re
from pathlib import Path
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY

from subscriptions.turns import AtPassEnd

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
if MULTIPROCESS:
    # every process that loads the app writes its samples there (migrate, seed-demo too)
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
STATEMENT_BUCKETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100)
# Operation names come from clients: bounded, so a stream of made-up names cannot grow the
# registry (the rest are counted as "other").
MAX_OPERATION_NAMES = 200
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")

REQUESTS = Counter(
    "dispatch_graphql_requests",
    "GraphQL operations over HTTP, by operation name, type and outcome (ok, user:<code> "
    "for a mutation payload's error, graphql:<code> for a GraphQL error, internal).",
    ["operation", "type", "outcome"],
)
LATENCY = Histogram(
    "dispatch_graphql_request_duration_seconds",
    "Time to execute a GraphQL operation over HTTP.",
    ["operation", "type"],
    buckets=LATENCY_BUCKETS,
)
STATEMENTS = Histogram(
    "dispatch_sql_statements_per_request",
    "SQL statements one GraphQL operation over HTTP sent.",
    ["type"],
    buckets=STATEMENT_BUCKETS,
)
REFUSALS = Counter(
    "dispatch_http_refusals",
    "Requests refused before GraphQL ran, by HTTP status and code.",
    ["status", "code"],
)
SUBSCRIPTIONS = Gauge(
    "dispatch_subscriptions_open",
    "Open live-notice subscriptions, by kind.",
    ["kind"],
    multiprocess_mode="livesum",
)
NOTICES_SENT = Counter("dispatch_notices_sent", "Notices pushed to subscribers.", ["kind"])


def _add_counts(counts: list[tuple[Any, int]]) -> None:
    totals: collections.Counter[Any] = collections.Counter()
    for counter, n in counts:
        totals[counter] += n
    for counter, n in totals.items():
        counter.inc(n)


PER_PASS: AtPassEnd[tuple[Any, int]] = AtPassEnd(_add_counts)
"""`PER_PASS.add((counter, n))`: `counter.inc(n)` at the end of this pass of the loop, summed: the
hub writes a thousand boards' frames in one pass, and each `inc` takes a lock (in
multiprocess mode, a write to the worker's file) for a figure read once per scrape."""
NOTICES_DROPPED = Counter(
    "dispatch_subscriptions_dropped_slow",
    "Subscriptions ended by the slow-subscriber rule (SUBSCRIBER_TOO_SLOW), their buffered "
    "notices dropped.",
    ["kind"],
)
FALLBACKS = Counter(
    "dispatch_executor_fallbacks",
    "Operations (or root fields) the compiled executor left to graphql-core, by reason.",
    ["reason"],
)
BROADCAST_CONNECTED = Gauge(
    "dispatch_broadcast_connected",
    "1 when this process's broadcaster is connected.",
    multiprocess_mode="liveall",
)
BROADCAST_RECONNECTS = Gauge(
    "dispatch_broadcast_reconnects",
    "Times this process's broadcaster reconnected since it started.",
    multiprocess_mode="liveall",
)
RELAY_LAG = Gauge(
    "dispatch_relay_lag_events",
    "Committed events not yet published (relay backlog), as this process last saw it.",
    multiprocess_mode="max",
)
BUFFERED = Gauge(
    "dispatch_notices_buffered",
    "Notices waiting in subscribers' buffers.",
    multiprocess_mode="livesum",
)
POOL_IN_USE = Gauge(
    "dispatch_db_pool_in_use",
    "PostgreSQL connections of this process's pool in use.",
    multiprocess_mode="liveall",
)
POOL_SIZE = Gauge(
    "dispatch_db_pool_size",
    "PostgreSQL connections this process's pool holds.",
    multiprocess_mode="liveall",
)

_names: set[str] = set()


def operation_label(name: str | None) -> str:
    """The operation name as a label value: bounded in length, charset and count."""
    if not name:
        return "anonymous"
    if name in _names:
        return name
    if _NAME.fullmatch(name) is None:
        return "other"
    if len(_names) >= MAX_OPERATION_NAMES:
        return "other"
    _names.add(name)
    return name


_children: dict[tuple[str | None, str, str], tuple[Any, Any, Any]] = {}


def observe_operation(
    name: str | None, kind: str, outcome: str, seconds: float, statements: int
) -> None:
    """Count one operation (each label set's children are looked up once, not per request:
    `labels()` takes a lock and builds a key every time)."""
    key = (name, kind, outcome)
    children = _children.get(key)
    if children is None:
        operation = operation_label(name)
        children = (
            REQUESTS.labels(operation, kind, outcome),
            LATENCY.labels(operation, kind),
            STATEMENTS.labels(kind),
        )
        if len(_children) < 4 * MAX_OPERATION_NAMES:
            _children[key] = children
    requests, latency, statements_seen = children
    requests.inc()
    latency.observe(seconds)
    statements_seen.observe(statements)


def refresh_state(health: dict[str, Any], pool: tuple[int, int] | None) -> None:
    """Set the state gauges from the runtime's health (see NoticeRuntime.health)."""
    BROADCAST_CONNECTED.set(1 if health.get("state") == "connected" else 0)
    BROADCAST_RECONNECTS.set(health.get("reconnects") or 0)
    RELAY_LAG.set((health.get("relay") or {}).get("lag") or 0)
    BUFFERED.set(health.get("buffered") or 0)
    if pool is not None:
        size, idle = pool
        POOL_SIZE.set(size)
        POOL_IN_USE.set(size - idle)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus's text format: of every worker in multiprocess mode."""
    if MULTIPROCESS:
        _forget_dead_workers()
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(PROCESS_REGISTRY), CONTENT_TYPE_LATEST


def _forget_dead_workers() -> None:
    # A worker that was killed (uvicorn restarts one that stops answering) never said so:
    # its live gauges go when its process is gone.
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    pids = {path.stem.rsplit("_", 1)[-1] for path in folder.glob("gauge_live*_*.db")}
    for pid in pids:
        if pid.isdigit() and not _alive(int(pid)):
            multiprocess.mark_process_dead(int(pid))  # type: ignore[no-untyped-call]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def process_exited(pid: int) -> None:
    """Drop a stopped worker's live gauges (multiprocess mode)."""
    if MULTIPROCESS:
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
