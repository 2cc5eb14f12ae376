"""PostGraphile v5 as a peer in the page section of `make bench` (issue 11 §4).

Installed from npm into a cache folder outside the repository (default
~/.cache/dispatch-bench/postgraphile, or $BENCH_PEER_CACHE): a package.json written here,
`npm install --no-audit --no-fund`, reused as long as it asks for the same packages. Node
>= 22 is needed: the machine's `node` when it is new enough, otherwise Node's prebuilt
binary from the npm package `node-<platform>-<arch>@22`, installed into the same folder.

It runs bench/postgraphile/server.mjs (a node:http server around grafserv, plus /healthz)
with graphile.config.mjs (amber preset, @dataplan/pg over `pg`, its own pool of 10,
NODE_ENV=production, no GraphiQL, no watch, no explain), both copied next to the
node_modules, on the bench database, in one Node process.

Nothing here fails the run: when npm is unreachable, the install fails or the server does
not start, the peer is "not available: …", the page section says so and the PostGraphile
column is left out. `--no-peer` (or BENCH_NO_PEER=1) skips it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fcntl
import json
import os
import platform
import re
import shutil
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from bench import goals, load
from bench import raw_server as raw

if TYPE_CHECKING:
    from bench.dataset import Dataset

HERE = Path(__file__).resolve().parent / "postgraphile"  # graphile.config.mjs, server.mjs
CACHE = Path(
    os.environ.get("BENCH_PEER_CACHE") or "~/.cache/dispatch-bench/postgraphile"
).expanduser()
# What the cache folder's package.json asks for. @dataplan/pg, grafast and grafserv come with
# postgraphile; `pg` is its peer dependency (the adaptor's driver), named so that it is ours.
PACKAGES = {"postgraphile": "^5", "pg": "^8"}
NODE_MAJOR = 22
INSTALL_TIMEOUT_S = 300
START_TIMEOUT_S = 90
WARMUP = 50  # requests per page size before the first measured case (the cases add 10 each)
POOL_MAX = 10  # the raw baseline's asyncpg pool (ours: Tortoise's default of 5)

SCOPE = (
    "condition {agencyId: <the measured agency>, revertedAt: null} as query variables "
    "(PostGraphile does no per-request auth here: ours and raw decode the JWT and SELECT the "
    "user on every request, which this side skips)"
)
# The Cancelled tab in PostGraphile's generated schema, field for field the data of
# bench.run.PAGE_QUERY: global ids are its Node ids, the operator is the cancellation's
# cancelled_by_* columns (as ours reads them), the decision its columns, and the payouts
# (with their drivers) the cancellation_payout rows.
PAGE_QUERY = """query CancelledTab($agencyId: Int!, $first: Int!, $after: Cursor) {
  allCancellations(first: $first, after: $after, orderBy: [CANCELLED_AT_DESC, ROW_ID_DESC],
                   condition: {agencyId: $agencyId, revertedAt: null}) {
    edges { cursor node {
      id cancelledAt requestedAt requestedBy reasonCode reasonLabel note waived
      customerByCustomerId { id name }
      missionByMissionId { id status pickupAt estimatedEndAt
        assignmentsByMissionId(orderBy: ROW_ID_ASC) { nodes { driverByDriverId { id name } } } }
      cancellationReasonByReasonId { id code label }
      cancelledById cancelledByName cancelledByRole
      billable effectiveWindowMinutes windowSource scheduledMinutes billableMinutes charge currency
      cancellationPayoutsByCancellationId(orderBy: ROW_ID_ASC) {
        nodes { amount driverByDriverId { id name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
FIELD = "allCancellations"


# --- install -------------------------------------------------------------------------------


@dataclass
class Install:
    """Where PostGraphile is installed and which Node runs it (or why it is not available)."""

    status: str  # "ok" or "not available: …" / "skipped: …"
    folder: Path = CACHE
    node: str | None = None
    node_version: str | None = None
    node_source: str | None = None
    versions: dict[str, str] = field(default_factory=dict)
    how: str | None = None  # "reused" or "installed in N s"

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _node_version(binary: str) -> str | None:
    import subprocess

    try:
        out = subprocess.run([binary, "-v"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _major(version: str | None) -> int:
    m = re.match(r"v?(\d+)", version or "")
    return int(m.group(1)) if m else 0


def node_package() -> str | None:
    """The npm package that carries Node's prebuilt binary for this machine."""
    system = {"Linux": "linux", "Darwin": "darwin"}.get(platform.system())
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower()
    )
    return f"node-{system}-{arch}" if system and arch else None


def manifest(need_node: str | None) -> str:
    deps = dict(PACKAGES)
    if need_node:
        deps[need_node] = f"^{NODE_MAJOR}"
    doc = {
        "name": "dispatch-bench-postgraphile",
        "private": True,
        "description": "Written by bench/postgraphile.py (make bench): PostGraphile v5 as a peer.",
        "dependencies": dict(sorted(deps.items())),
    }
    return json.dumps(doc, indent=2) + "\n"


def _installed_versions(folder: Path) -> dict[str, str]:
    out = {}
    for name in ("postgraphile", "@dataplan/pg", "grafast", "grafserv", "pg"):
        with contextlib.suppress(OSError, ValueError, KeyError):
            doc = json.loads((folder / "node_modules" / name / "package.json").read_text())
            out[name] = doc["version"]
    return out


async def _npm_install(folder: Path) -> str | None:
    """Run npm install in `folder`; None when it worked, else what went wrong (one line)."""
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not on PATH"
    proc = await asyncio.create_subprocess_exec(
        npm,
        "install",
        "--no-audit",
        "--no-fund",
        "--no-progress",
        "--fetch-retries=1",
        "--fetch-retry-mintimeout=2000",
        "--fetch-retry-maxtimeout=5000",
        cwd=folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = await asyncio.wait_for(proc.communicate(), INSTALL_TIMEOUT_S)
    except (TimeoutError, asyncio.CancelledError) as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()
        if isinstance(exc, asyncio.CancelledError):
            raise
        return f"npm install did not finish in {INSTALL_TIMEOUT_S} s"
    if proc.returncode == 0:
        return None
    text = output.decode(errors="replace")
    lines = [ln.removeprefix("npm error").strip() for ln in text.splitlines()]
    lines = [e for e in lines if e and not e.startswith("A complete log")]
    # "code ECONNREFUSED" and the line saying which request failed, when there is one.
    said = [e for e in lines if e.startswith("code ")][:1]
    said += [e for e in lines if "request to" in e or "reason:" in e][:1] or lines[1:3]
    return f"npm install failed ({proc.returncode}): " + ("; ".join(said) or text[-300:])


def _lock(folder: Path) -> Any:
    """An exclusive lock on the cache folder (two bench runs must not install at once)."""
    handle = (folder / ".lock").open("w")
    deadline = time.perf_counter() + INSTALL_TIMEOUT_S
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.perf_counter() > deadline:
                handle.close()
                raise TimeoutError("another bench run holds the PostGraphile cache lock") from None
            time.sleep(0.5)


async def install(folder: Path = CACHE) -> Install:
    """PostGraphile v5 (and Node 22 when the machine's is older) in `folder`; never raises."""
    try:
        return await _install(folder)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # the peer is optional: say why, do not fail the run
        return Install(f"not available: {type(exc).__name__}: {exc}"[:300], folder)


@dataclass
class _Plan:
    need_node: str | None  # the npm package of Node's binary, when the machine's is too old
    machine: str | None
    machine_version: str | None
    wanted: str  # the package.json
    problem: str | None = None


def _plan(folder: Path) -> _Plan:
    machine = shutil.which("node")
    machine_version = _node_version(machine) if machine else None
    need_node = None
    if _major(machine_version) < NODE_MAJOR:
        need_node = node_package()
        if need_node is None:
            problem = (
                f"not available: node {machine_version or 'missing'} is older than "
                f"{NODE_MAJOR} and no npm package of Node's binary fits "
                f"{platform.system()} {platform.machine()}"
            )
            return _Plan(None, machine, machine_version, "", problem)
    folder.mkdir(parents=True, exist_ok=True)
    return _Plan(need_node, machine, machine_version, manifest(need_node))


def _is_installed(folder: Path, wanted: str) -> bool:
    stamp = folder / ".installed"
    return (
        stamp.exists()
        and stamp.read_text() == wanted
        and (folder / "node_modules" / "postgraphile" / "package.json").exists()
    )


def _write(path: Path, text: str | None) -> None:
    if text is None:
        path.unlink(missing_ok=True)
    elif not path.exists() or path.read_text() != text:
        path.write_text(text)


async def _install(folder: Path) -> Install:
    plan = await asyncio.to_thread(_plan, folder)
    if plan.problem:
        return Install(plan.problem, folder)
    started = time.perf_counter()
    lock = await asyncio.to_thread(_lock, folder)
    try:
        if await asyncio.to_thread(_is_installed, folder, plan.wanted):
            how = "reused"
        else:
            await asyncio.to_thread(_write, folder / ".installed", None)
            await asyncio.to_thread(_write, folder / "package.json", plan.wanted)
            problem = await _npm_install(folder)
            if problem:
                return Install(f"not available: {problem}"[:400], folder)
            await asyncio.to_thread(_write, folder / ".installed", plan.wanted)
            how = f"installed in {time.perf_counter() - started:.0f} s"
    finally:
        lock.close()
    return await asyncio.to_thread(_finish, folder, plan, how)


def _finish(folder: Path, plan: _Plan, how: str) -> Install:
    if plan.need_node:
        node = str(folder / "node_modules" / plan.need_node / "bin" / "node")
        source = f"npm package {plan.need_node} (machine node: {plan.machine_version or 'none'})"
    else:
        node, source = plan.machine or "node", "machine"
    node_version = _node_version(node)
    if _major(node_version) < NODE_MAJOR:
        return Install(
            f"not available: {node} is {node_version or 'not runnable'}, PostGraphile v5 needs "
            f"Node >= {NODE_MAJOR}",
            folder,
        )
    return Install(
        "ok",
        folder,
        node=node,
        node_version=node_version,
        node_source=source,
        versions=_installed_versions(folder),
        how=how,
    )


def wanted(only: str) -> bool:
    """Whether the page section runs (bench.run's --only)."""
    return not only or "page" in [s.strip() for s in only.split(",")]


def install_task(enabled: bool, why_not: str = "skipped: --no-peer") -> asyncio.Task[Install]:
    """Start installing in the background (npm runs while the dataset is built)."""

    async def skipped() -> Install:
        return Install(why_not)

    return asyncio.create_task(install() if enabled else skipped())


# --- the server ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _healthy(port: int, alive: Callable[[], bool], limit_s: float) -> str | None:
    """None once GET /healthz answers 200, else the last problem."""
    deadline = time.perf_counter() + limit_s
    last = "no answer"
    while time.perf_counter() < deadline:
        if not alive():
            return "the process exited"
        conn = load.Connection("127.0.0.1", port)
        try:
            status, body = await conn.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            if status == 200:
                return None
            last = f"HTTP {status} {body[:120]!r}"
        except (OSError, load.HttpError, ValueError, asyncio.IncompleteReadError) as exc:
            last = repr(exc)
        finally:
            await conn.close()
        await asyncio.sleep(0.3)
    return f"not healthy after {limit_s:.0f} s: {last}"


@dataclass
class Peer:
    """PostGraphile as run for this bench (or why not), and what the page section measured."""

    status: str
    install: Install | None = None
    port: int = 0
    agency_id: int = 0
    started_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def meta(self) -> dict[str, Any]:
        i = self.install
        out: dict[str, Any] = {"status": self.status}
        if i is not None and i.ok:
            out |= {
                "versions": i.versions,
                "node": i.node_version,
                "node_from": i.node_source,
                "cache": str(i.folder),
                "install": i.how,
                "start_s": self.started_s,
                "pool_max": POOL_MAX,
                "mode": "NODE_ENV=production, graphiql/watch/explain/websockets off, 1 process",
            }
        return out

    def label(self) -> str:
        i = self.install
        if not self.ok or i is None:
            return f"PostGraphile: {self.status}"
        return (
            f"PostGraphile {i.versions.get('postgraphile', '?')} (@dataplan/pg "
            f"{i.versions.get('@dataplan/pg', '?')}, pg {i.versions.get('pg', '?')}) on node "
            f"{i.node_version} [{i.node_source}], {i.how}, cache {i.folder}"
        )

    # --- the page section ----------------------------------------------------------------------

    def body(self, first: int) -> bytes:
        return orjson.dumps(
            {
                "query": PAGE_QUERY,
                "variables": {"agencyId": self.agency_id, "first": first},
                "operationName": "CancelledTab",
            }
        )

    async def check_page(self, out: dict[str, Any], ours: Any, raw_answer: Any) -> None:
        """Before measuring: does PostGraphile's first page list the same cancellations?

        Sets out["postgraphile"] (status, query, scope, installed versions) and
        out["same_rows_peer"]: its ids == ours == raw's, in the same order (None when a side
        did not answer), plus out["same_data_peer"]: every value of the page compared with ours.
        """
        out["postgraphile"] = {**self.meta(), "query": PAGE_QUERY, "scope": SCOPE}
        if not self.ok:
            out["same_rows_peer"] = None
            return
        status, doc = await load.post_json(
            "127.0.0.1", self.port, "/graphql", orjson.loads(self.body(20))
        )
        try:
            peer_nodes = [e["node"] for e in doc["data"][FIELD]["edges"]]
            peer_ids = [node_pk(n["id"]) for n in peer_nodes]
        except (KeyError, TypeError, ValueError):
            out["same_rows_peer"] = None
            out["postgraphile"]["answer"] = f"HTTP {status}: {str(doc)[:400]}"
            return
        sides = {}
        for name, answer in (("ours", ours), ("raw", raw_answer)):
            with contextlib.suppress(KeyError, TypeError, ValueError):
                edges = answer["data"]["cancellations"]["edges"]
                sides[name] = [e["node"] for e in edges]
        ids = {k: [raw.pk_of(n["id"]) for n in v] for k, v in sides.items()}
        out["postgraphile"]["first_page_ids"] = peer_ids
        await self.warm_up()
        out["same_rows_peer"] = (
            all(v == peer_ids for v in ids.values()) if len(ids) == 2 and peer_ids else None
        )
        reference = sides.get("ours") or sides.get("raw")
        if reference is None or not out["same_rows_peer"]:
            out["same_data_peer"] = None
            return
        try:
            problem = first_difference(
                [normal_ours(n) for n in reference], [normal_peer(n) for n in peer_nodes]
            )
        except (KeyError, TypeError, ValueError) as exc:
            problem = f"cannot compare: {type(exc).__name__}: {exc}"
        out["same_data_peer"] = problem is None
        if problem:
            out["postgraphile"]["first_difference"] = problem[:600]

    async def warm_up(self, requests: int = WARMUP) -> None:
        """V8 compiles hot code after a few hundred calls: let it, before the first case."""
        for size in (20, 100):
            conn = load.Connection("127.0.0.1", self.port)
            try:
                raw_req = conn.request_bytes("/graphql", self.body(size), {})
                for _ in range(requests):
                    await conn.send(raw_req)
            finally:
                await conn.close()

    async def measure(self, case: dict[str, Any], token: str, duration: float) -> None:
        """The same closed loop as ours and raw, right after them, on the same case."""
        if not self.ok:
            return
        size, conns = case["rows"], case["connections"]
        body = self.body(size)
        _, probe = await load.post_json("127.0.0.1", self.port, "/graphql", orjson.loads(body))
        try:
            expected = len(probe["data"][FIELD]["edges"])
        except (KeyError, TypeError):
            expected = size
        run = await load.closed_loop(
            "127.0.0.1",
            self.port,
            "/graphql",
            token,  # sent like to the others, and ignored: PostGraphile is not given auth
            body=body,
            connections=conns,
            duration=duration,
            warmup=10,
            check=page_check(expected),
        )
        case["postgraphile"] = run.summary()
        case["postgraphile"]["rows_returned"] = expected
        ours, peer = case["graphql"], case["postgraphile"]
        case["throughput_ratio_peer"] = _ratio(ours["throughput_rps"], peer["throughput_rps"])
        case["p50_ratio_peer"] = _ratio(ours["p50_ms"], peer["p50_ms"])

    def judge(self, out: dict[str, Any], goal: Callable[[goals.Goal], None]) -> None:
        """Issue 11's goal, per case: ours >= 1.0x PostGraphile's throughput, same run
        (judged by bench/goals.py on the evidence)."""
        p20, p100 = _p50(out, "postgraphile", 20), _p50(out, "postgraphile", 100)
        out["postgraphile_per_row_ms"] = (
            round((p100 - p20) / 80, 3) if p20 is not None and p100 is not None else None
        )
        for case in out["cases"]:
            measured = case.get("postgraphile")
            goal(
                goals.peer_throughput(
                    case=goals.PeerCase(
                        rows=case["rows"],
                        connections=case["connections"],
                        graphql=goals.Side.of(case["graphql"]),
                        peer=goals.Side.of(measured),
                        throughput_ratio=case["throughput_ratio_peer"],
                    )
                    if self.ok and measured is not None
                    else None,
                    rows=case["rows"],
                    connections=case["connections"],
                    peer_status=self.status,
                    same_rows=out.get("same_rows_peer"),
                    same_data=out.get("same_data_peer"),
                )
            )


async def start(task: asyncio.Task[Install], procs: Any, dataset: Dataset) -> Peer:
    """Wait for the install, start PostGraphile on the bench database (via `procs`, so that
    bench.run stops it with the others), wait until it serves. Never raises."""
    try:
        inst = await task
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        inst = Install(f"not available: {type(exc).__name__}: {exc}"[:300])
    if not inst.ok:
        peer = Peer(inst.status, inst)
    else:
        peer = await _start(inst, procs, dataset)
    print(f"  {peer.label()}", flush=True)
    return peer


async def _start(inst: Install, procs: Any, dataset: Dataset) -> Peer:
    t0 = time.perf_counter()
    try:
        for name in ("graphile.config.mjs", "server.mjs"):
            # Next to node_modules: ESM resolves "postgraphile" from the importing file.
            text = await asyncio.to_thread((HERE / name).read_text)
            await asyncio.to_thread(_write, inst.folder / name, text)
        port = _free_port()
        assert inst.node is not None
        proc = procs.start(
            "postgraphile",
            [inst.node, str(inst.folder / "server.mjs")],
            {
                "DATABASE_URL": dataset.dsn,
                "PORT": str(port),
                "PG_POOL_MAX": str(POOL_MAX),
                "NODE_ENV": "production",
                "GRAPHILE_ENV": "production",
            },
            port,
        )
        problem = await _healthy(port, lambda: proc.popen.poll() is None, START_TIMEOUT_S)
        if problem:
            lines = proc.tail(40).splitlines()
            said = [ln for ln in lines if "failed to start" in ln or "rror" in ln][:2] or lines[-4:]
            tail = " | ".join(ln.strip() for ln in said)
            return Peer(f"not available: server {problem}: {tail}"[:500], inst)
    except Exception as exc:
        return Peer(f"not available: {type(exc).__name__}: {exc}"[:300], inst)
    return Peer(
        "ok",
        inst,
        port=port,
        agency_id=dataset.agency_id,
        started_s=round(time.perf_counter() - t0, 1),
    )


# --- comparing answers ---------------------------------------------------------------------


def node_pk(node_id: str) -> int:
    """The primary key in a PostGraphile Node id (base64 of ["Cancellation", 123])."""
    decoded = json.loads(base64.b64decode(node_id + "=" * (-len(node_id) % 4)))
    return int(decoded[-1])


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def normal_ours(n: dict[str, Any]) -> dict[str, Any]:
    """A row of our page (or raw's: the same shape) as plain values, to compare with the peer's.

    Payouts: ours come from the cancellation's `decision` JSON, which also lists the 0.00
    payouts of a non-billable cancellation; the cancellation_payout table (PostGraphile's
    relation) has rows for the billable ones only. So zero payouts are left out here.
    """
    m, d = n["mission"], n["decision"]
    return {
        "id": raw.pk_of(n["id"]),
        "cancelledAt": _at(n["cancelledAt"]),
        "requestedAt": _at(n["requestedAt"]),
        "requestedBy": n["requestedBy"],
        "reasonCode": n["reasonCode"],
        "reasonLabel": n["reasonLabel"],
        "note": n["note"],
        "waived": n["waived"],
        "customer": (raw.pk_of(n["customer"]["id"]), n["customer"]["name"]),
        "mission": (
            raw.pk_of(m["id"]),
            m["status"],
            _at(m["pickupAt"]),
            _at(m["estimatedEndAt"]),
        ),
        "drivers": [(raw.pk_of(a["driver"]["id"]), a["driver"]["name"]) for a in m["assignments"]],
        "reason": (raw.pk_of(n["reason"]["id"]), n["reason"]["code"], n["reason"]["label"]),
        "cancelledBy": (
            raw.pk_of(n["cancelledBy"]["userId"]),
            n["cancelledBy"]["name"],
            n["cancelledBy"]["role"],
        ),
        "decision": (
            d["billable"],
            d["effectiveWindowMinutes"],
            d["windowSource"],
            d["scheduledMinutes"],
            d["billableMinutes"],
            Decimal(d["charge"]["amount"]),
            d["charge"]["currency"],
        ),
        "payouts": sorted(
            (raw.pk_of(p["driver"]["id"]), p["driver"]["name"], Decimal(p["amount"]["amount"]))
            for p in d["payouts"]
            if Decimal(p["amount"]["amount"]) != 0
        ),
    }


def normal_peer(n: dict[str, Any]) -> dict[str, Any]:
    m = n["missionByMissionId"]
    c, r = n["customerByCustomerId"], n["cancellationReasonByReasonId"]
    return {
        "id": node_pk(n["id"]),
        "cancelledAt": _at(n["cancelledAt"]),
        "requestedAt": _at(n["requestedAt"]),
        "requestedBy": n["requestedBy"],
        "reasonCode": n["reasonCode"],
        "reasonLabel": n["reasonLabel"],
        "note": n["note"],
        "waived": n["waived"],
        "customer": (node_pk(c["id"]), c["name"]),
        "mission": (node_pk(m["id"]), m["status"], _at(m["pickupAt"]), _at(m["estimatedEndAt"])),
        "drivers": [
            (node_pk(a["driverByDriverId"]["id"]), a["driverByDriverId"]["name"])
            for a in m["assignmentsByMissionId"]["nodes"]
        ],
        "reason": (node_pk(r["id"]), r["code"], r["label"]),
        "cancelledBy": (n["cancelledById"], n["cancelledByName"], n["cancelledByRole"]),
        "decision": (
            n["billable"],
            n["effectiveWindowMinutes"],
            n["windowSource"],
            n["scheduledMinutes"],
            n["billableMinutes"],
            Decimal(n["charge"]),
            n["currency"],
        ),
        "payouts": sorted(
            (
                node_pk(p["driverByDriverId"]["id"]),
                p["driverByDriverId"]["name"],
                Decimal(p["amount"]),
            )
            for p in n["cancellationPayoutsByCancellationId"]["nodes"]
        ),
    }


def first_difference(ours: list[dict[str, Any]], peer: list[dict[str, Any]]) -> str | None:
    if len(ours) != len(peer):
        return f"{len(ours)} rows / {len(peer)} rows"
    for i, (a, b) in enumerate(zip(ours, peer, strict=True)):
        for key in a:
            if a[key] != b.get(key):
                return (
                    f"row {i} (id {a['id']}) {key}: ours {a[key]!s} / PostGraphile {b.get(key)!s}"
                )
    return None


def page_check(rows: int) -> load.CheckFn:
    """Like load.graphql_check: HTTP 200, no errors, and a page of `rows` edges."""

    def check(status: int, body: bytes) -> str | None:
        if status != 200:
            return f"HTTP {status}: {body[:200]!r}"
        doc = orjson.loads(body)
        if doc.get("errors"):
            return str(doc["errors"][0].get("message"))[:200]
        value = (doc.get("data") or {}).get(FIELD)
        if not isinstance(value, dict) or not isinstance(value.get("edges"), list):
            return f"no {FIELD}.edges in the answer"
        if len(value["edges"]) != rows:
            return f"{len(value['edges'])} rows instead of {rows}"
        return None

    return check


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _p50(out: dict[str, Any], side: str, rows: int) -> float | None:
    for c in out["cases"]:
        if c["rows"] == rows and c["connections"] == 1 and side in c:
            return c[side]["p50_ms"]
    return None


# --- printing ------------------------------------------------------------------------------


def _f(value: Any) -> str:
    return "-" if value is None else str(value)


def print_page(page: dict[str, Any]) -> None:
    """The page section's PostGraphile lines, under bench.run's table."""
    info = page.get("postgraphile") or {}
    if info.get("status") != "ok":
        print(f"   PostGraphile: {info.get('status', 'not run')}")
        return
    v = info.get("versions", {})
    print(
        f"   PostGraphile v5 side by side: postgraphile {v.get('postgraphile')}, node {info.get('node')}, "
        f"same rows as ours and raw: {page.get('same_rows_peer')}, same data as ours: "
        f"{page.get('same_data_peer')}"
        + (f"  ({info['first_difference']})" if info.get("first_difference") else "")
        + (f"  ({info['answer']})" if info.get("answer") else "")
    )
    print(
        f"   {'rows':>4} {'conn':>4} | {'ours req/s':>10} {'p50':>7} {'p99':>7} | {'PG req/s':>8} "
        f"{'p50':>7} {'p99':>7} | {'raw req/s':>9} {'p50':>7} {'p99':>7} | {'ours/PG':>7} | errors o/PG/r"
    )
    for c in page["cases"]:
        g, p, r = c["graphql"], c.get("postgraphile"), c["raw"]
        if p is None:
            continue
        print(
            f"   {c['rows']:>4} {c['connections']:>4} | {g['throughput_rps']:>10} {_f(g['p50_ms']):>7} "
            f"{_f(g['p99_ms']):>7} | {p['throughput_rps']:>8} {_f(p['p50_ms']):>7} {_f(p['p99_ms']):>7} | "
            f"{r['throughput_rps']:>9} {_f(r['p50_ms']):>7} {_f(r['p99_ms']):>7} | "
            f"{_f(c.get('throughput_ratio_peer')):>6}x | {g['errors']}/{p['errors']}/{r['errors']}"
            + (f"  ({p['first_error']})" if p["first_error"] else "")
        )
    print(
        f"   per-row marginal cost (p50, 1 conn): PostGraphile {page.get('postgraphile_per_row_ms')} ms"
    )
