"""Notices at fleet scale (make bench, section `fleet`): a thousand drivers' apps plus the
boards, a reconnect storm, and the memory an idle subscription costs.

(b) fleet: `drivers` driverNotices subscribers, each its own driver (the agency gets
    drivers, and a DRIVER user for each, until it has that many), plus `boards`
    dispatchNotices subscribers, all on server B; cancellations on server A of missions
    whose drivers are among them. Judged: commit -> frame for the concerned driver(s) of
    each notice and for every board; lost and duplicated frames.
(c) storm: `resumers` board subscribers connect at once with `after` = the cursor from
    before `behind` cancellations; time until the last of them has them all, the reads
    of the events table the server made meanwhile (pg_stat_user_tables scans of `event`,
    which include the relay's), and commit -> frame of live cancellations fired during
    the storm at boards that were already connected.
(d) idle memory: server B's resident memory growth per open, idle subscription, with
    1,000 and then 5,000 open; judged on the 4,000 opened last (the first thousand may
    fit in memory the earlier cases freed).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import asyncpg
import orjson

from bench.clients import Clients, Want
from bench.load import Connection, ms, percentile
from bench.notices import Subscriber, commit_times, subscribe
from bench.raw_server import pk_of
from subscriptions.notices import encode_cursor

DRIVER_SUBSCRIPTION = """subscription {
  driverNotices {
    __typename
    ... on MissionCancelledNotice { cursor occurredAt mission { id } }
  }
}"""

BOARD_SUBSCRIPTION = """subscription($after: String) {
  dispatchNotices(after: $after) {
    __typename
    ... on MissionCancelledNotice { cursor occurredAt mission { id } }
  }
}"""

CANCEL = (
    "mutation($input: CancelMissionInput!) { cancelMission(input: $input) "
    "{ cancellations { id } errors { code message } } }"
)


async def add_drivers(dsn: str, agency_id: int, drivers: int) -> dict[int, int]:
    """Drivers until the agency has `drivers`, a DRIVER user for each: driver id -> user id."""
    conn = await asyncpg.connect(dsn)
    try:
        have = await conn.fetchval("SELECT count(*) FROM driver WHERE agency_id = $1", agency_id)
        if have < drivers:
            await conn.execute(
                """INSERT INTO driver (id, name, pay_rate_per_hour, cancellation_window_minutes,
                       active, created_at, agency_id)
                   SELECT m.top + g, 'Fleet driver ' || g, 30.00, NULL, true, now(), $2
                   FROM generate_series(1, $1) g, (SELECT max(id) AS top FROM driver) m""",
                drivers - have,
                agency_id,
            )
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence('driver', 'id'), max(id)) FROM driver"
            )
        await conn.execute(
            """INSERT INTO app_user (id, name, role, active, created_at, agency_id, driver_id)
               SELECT m.top + row_number() OVER (ORDER BY d.id), d.name, 'DRIVER', true, now(),
                      $1, d.id
               FROM driver d, (SELECT max(id) AS top FROM app_user) m
               WHERE d.agency_id = $1
                 AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.driver_id = d.id)""",
            agency_id,
        )
        await conn.execute(
            "SELECT setval(pg_get_serial_sequence('app_user', 'id'), max(id)) FROM app_user"
        )
        rows = await conn.fetch(
            """SELECT u.driver_id, min(u.id) AS user_id FROM app_user u
               WHERE u.agency_id = $1 AND u.role = 'DRIVER' AND u.active
               GROUP BY u.driver_id ORDER BY u.driver_id LIMIT $2""",
            agency_id,
            drivers,
        )
    finally:
        await conn.close()
    return {r["driver_id"]: r["user_id"] for r in rows}


async def _cancel(conn: Connection, token: str, mission: str, reason_code: str) -> float:
    body = orjson.dumps(
        {
            "query": CANCEL,
            "variables": {
                "input": {"missionId": mission, "requestedBy": "Bench", "reasonCode": reason_code}
            },
        }
    )
    t_send = time.time()
    status, answer = await conn.send(
        conn.request_bytes("/graphql", body, {"Authorization": f"Bearer {token}"})
    )
    doc = orjson.loads(answer)
    if status != 200 or doc.get("errors") or doc["data"]["cancelMission"]["errors"]:
        raise RuntimeError(f"cancelMission failed: {answer[:300]!r}")
    return t_send


async def _concerned(dsn: str, missions: list[int]) -> dict[int, list[int]]:
    """The drivers each mission's MissionCancelled event names."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT mission_id, driver_ids FROM event WHERE type = 'MissionCancelled' "
            "AND mission_id = ANY($1::int[])",
            missions,
        )
    finally:
        await conn.close()
    return {r["mission_id"]: [int(d) for d in orjson.loads(r["driver_ids"])] for r in rows}


async def _open(count: int, make: Callable[[int], Any], parallel: int) -> list[Subscriber]:
    """`count` subscribers, `parallel` connecting at a time; the i-th is `make(i)`'s."""
    gate = asyncio.Semaphore(parallel)

    async def one(i: int) -> Subscriber:
        async with gate:
            return await make(i)  # type: ignore[no-any-return]

    return list(await asyncio.gather(*(one(i) for i in range(count))))


async def _close(subs: list[Subscriber]) -> None:
    for sub in subs:
        if sub.task:
            sub.task.cancel()
    await asyncio.gather(*(sub.ws.close() for sub in subs), return_exceptions=True)


async def fleet(
    *,
    dsn: str,
    ws_url: str,
    http_port: int,
    operator_token: str,
    tokens: dict[int, str],
    missions: list[str],
    boards: int,
    reason_code: str,
    processes: int = 1,
) -> dict[str, Any]:
    """Cancel `missions` one at a time; frames at the concerned drivers and every board,
    the subscribers spread over `processes` client processes."""
    driver_ids = list(tokens)
    opened = time.perf_counter()
    async with Clients(ws_url, processes) as clients:
        driver_at = dict(
            zip(
                driver_ids,
                await clients.open([(tokens[d], DRIVER_SUBSCRIPTION, None) for d in driver_ids]),
                strict=True,
            )
        )
        board_at = await clients.open([(operator_token, BOARD_SUBSCRIPTION, None)] * boards)
        connect_s = time.perf_counter() - opened
        await asyncio.sleep(1.0)
        conn = Connection("127.0.0.1", http_port)
        sent: dict[str, float] = {}
        for mission in missions:
            sent[mission] = await _cancel(conn, operator_token, mission, reason_code)
            await clients.wait([(mission, board_at)], 3)
            await asyncio.sleep(0.02)
        await conn.close()
        ids = [pk_of(m) for m in missions]
        concerned = await _concerned(dsn, ids)
        want: list[Want] = [
            (m, [driver_at[d] for d in concerned.get(pk_of(m), ()) if d in driver_at])
            for m in missions
        ]
        await clients.wait(want, 5, 0.05)
        committed = await commit_times(dsn, ids)
        subs = await clients.collect()
    by_driver = {d: subs[i] for d, i in driver_at.items()}
    board_subs = [subs[i] for i in board_at]
    out = _fleet_figures(missions, concerned, committed, by_driver, board_subs, connect_s, sent)
    return {"client_processes": processes, **out}


def _fleet_figures(
    missions: list[str],
    concerned: dict[int, list[int]],
    committed: dict[int, float],
    by_driver: dict[int, Subscriber],
    boards: list[Subscriber],
    connect_s: float,
    sent: dict[str, float],
) -> dict[str, Any]:
    to_driver, to_board = [], []
    lost_driver = lost_board = wrong = 0
    for mission in missions[1:]:  # the first is the warm-up
        pk = pk_of(mission)
        t_commit = committed.get(pk)
        names = [d for d in concerned.get(pk, ()) if d in by_driver]
        for driver_id, sub in by_driver.items():
            t = sub.frames.get(mission)
            if driver_id in names:
                if t is None:
                    lost_driver += 1
                elif t_commit is not None:
                    to_driver.append(t - t_commit)
            elif t is not None:
                wrong += 1  # a driver told of another driver's mission
        for sub in boards:
            t = sub.frames.get(mission)
            if t is None:
                lost_board += 1
            elif t_commit is not None:
                to_board.append(t - t_commit)
    subs = [*by_driver.values(), *boards]
    return {
        "drivers": len(by_driver),
        "boards": len(boards),
        "notices": len(missions) - 1,
        "connect_s": round(connect_s, 2),
        "driver_frames": len(to_driver),
        "driver_p50_ms": ms(percentile(to_driver, 50)),
        "driver_p99_ms": ms(percentile(to_driver, 99)),
        "board_p50_ms": ms(percentile(to_board, 50)),
        "board_p99_ms": ms(percentile(to_board, 99)),
        "lost": lost_driver + lost_board,
        "duplicated": sum(s.duplicates for s in subs),
        "misdelivered": wrong,
        "commit_marks": len(committed),
        "subscriber_error_count": sum(len(s.errors) for s in subs),
        "subscriber_errors": [e for s in subs for e in s.errors][:3],
    }


STATS_IDLE_FLUSH_S = 11.0
"""PostgreSQL's PGSTAT_IDLE_INTERVAL (10 s) and a second: by then every backend's table
statistics are in pg_stat_user_tables."""


async def _event_scans(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables "
                "WHERE relname = 'event'"
            )
        )
    finally:
        await conn.close()


async def storm(
    *,
    dsn: str,
    ws_url: str,
    http_port: int,
    operator_token: str,
    agency_id: int,
    behind: list[str],
    live: list[str],
    resumers: int,
    reason_code: str,
    processes: int = 1,
) -> dict[str, Any]:
    """`resumers` boards resume at once `len(behind)` notices behind; live notices meanwhile."""
    conn = await asyncpg.connect(dsn)
    try:
        top = int(
            await conn.fetchval(
                "SELECT coalesce(max(seq), 0) FROM event WHERE agency_id = $1", agency_id
            )
        )
    finally:
        await conn.close()
    after = encode_cursor(agency_id, top)
    http = Connection("127.0.0.1", http_port)
    async with Clients(ws_url, processes) as clients:
        watcher_at = await clients.open([(operator_token, BOARD_SUBSCRIPTION, None)] * 10, 10)
        for mission in behind:
            await _cancel(http, operator_token, mission, reason_code)
        await clients.wait([(m, watcher_at) for m in behind], 10, 0.02)
        await asyncio.sleep(1.2)  # the server's table statistics are flushed about once a second
        scans_before = await _event_scans(dsn)
        started = time.perf_counter()
        opening = asyncio.ensure_future(
            clients.open(
                [(operator_token, BOARD_SUBSCRIPTION, {"after": after})] * resumers, resumers
            )
        )
        sent: dict[str, float] = {}
        try:
            for mission in live:  # live notices while the storm is caught up
                await asyncio.sleep(0.1)
                sent[mission] = await _cancel(http, operator_token, mission, reason_code)
        finally:
            resumed_at = await opening
            await http.close()
        caught = await clients.wait([(m, resumed_at) for m in behind], 30, 0.01)
        caught_s = time.perf_counter() - started
        await clients.wait([(m, watcher_at) for m in live], 10, 0.02)
        # A backend that flushed its statistics less than a second ago and then went idle
        # flushes the rest only after PostgreSQL's idle interval (10 s): read earlier, the
        # storm's own reads were sometimes not counted at all (0 at 1,000 resumers).
        await asyncio.sleep(STATS_IDLE_FLUSH_S)
        scans = await _event_scans(dsn) - scans_before
        committed = await commit_times(dsn, [pk_of(m) for m in live])
        subs = await clients.collect()
    watchers = [subs[i] for i in watcher_at]
    resumed = [subs[i] for i in resumed_at]
    live_latency = [
        w.frames[m] - committed[pk_of(m)]
        for w in watchers
        for m in live
        if m in w.frames and pk_of(m) in committed
    ]
    order_kept = all(_in_order(s, behind) for s in resumed)
    return {
        "resumers": resumers,
        "client_processes": processes,
        "behind": len(behind),
        "caught_up": caught,
        "caught_up_s": round(caught_s, 2),
        "event_scans": scans,
        "lost": sum(1 for s in resumed for m in behind if m not in s.frames),
        "duplicated": sum(s.duplicates for s in resumed),
        "order_kept": order_kept,
        "live_p50_ms": ms(percentile(live_latency, 50)),
        "live_p99_ms": ms(percentile(live_latency, 99)),
        "subscriber_error_count": sum(len(s.errors) for s in resumed + watchers),
        "subscriber_errors": [e for s in resumed + watchers for e in s.errors][:3],
    }


def _in_order(sub: Subscriber, missions: list[str]) -> bool:
    # Frames are kept in arrival order; the missions were cancelled one after another.
    wanted = set(missions)
    return [m for m in sub.frames if m in wanted] == [m for m in missions if m in sub.frames]


async def section(bench: Any) -> dict[str, Any]:
    """`make bench`'s fleet section: (b) the fleet, then (c) storms of two sizes."""
    from bench import fleet_goals, notices
    from bench.raw_server import gid

    scale = bench.args.scale
    n_drivers = 1000 if scale >= 1 else max(20, int(1000 * scale))
    n_boards = 50 if scale >= 1 else max(5, int(50 * scale))
    storms = (100, 1000) if scale >= 1 else (max(10, int(100 * scale)), max(20, int(1000 * scale)))
    dsn, agency_id = bench.dataset.dsn, bench.dataset.agency_id
    pool = [gid("Mission", m) for m in bench.dataset.fleet_pool]
    await notices.install_commit_marks(dsn)
    users = await add_drivers(dsn, agency_id, n_drivers)
    tokens = {driver_id: bench.token(user_id) for driver_id, user_id in users.items()}
    common = {
        "dsn": dsn,
        "ws_url": f"ws://127.0.0.1:{bench.b.port}/graphql",
        "http_port": bench.a.port,
        "operator_token": bench.tok_op,
        "reason_code": bench.dataset.reason_code,
    }
    k = bench.sizes.notice_targets
    out: dict[str, Any] = {"status": "ok", "fleets": [], "storms": []}
    for processes in (1, 2):  # the bench's subscribers in 1, then 2 client processes
        missions, pool = pool[: k + 1], pool[k + 1 :]
        try:
            row = await asyncio.wait_for(
                fleet(
                    **common,
                    tokens=tokens,
                    missions=missions,
                    boards=n_boards,
                    processes=processes,
                ),
                240,
            )
        except Exception as exc:  # a figure too: report it and go on
            row = {"client_processes": processes, "error": f"{type(exc).__name__}: {exc}"[:300]}
        out["fleets"].append(row)
    out["fleet"] = out["fleets"][0]  # 1 client process, as before
    for resumers, processes in ((storms[0], 1), (storms[1], 1), (storms[1], 2)):
        behind, live, pool = pool[:50], pool[50:55], pool[55:]
        try:
            row = await asyncio.wait_for(
                storm(
                    **common,
                    agency_id=agency_id,
                    behind=behind,
                    live=live,
                    resumers=resumers,
                    processes=processes,
                ),
                180,
            )
        except Exception as exc:
            row = {
                "resumers": resumers,
                "client_processes": processes,
                "error": f"{type(exc).__name__}: {exc}"[:300],
            }
        out["storms"].append(row)
    counts = (
        (1000, 5000) if scale >= 1 else (max(20, int(1000 * scale)), max(50, int(5000 * scale)))
    )
    try:
        out["idle_memory"] = await asyncio.wait_for(
            idle_memory(
                ws_url=common["ws_url"], token=bench.tok_op, pid=bench.b.popen.pid, counts=counts
            ),
            240,
        )
    except Exception as exc:
        out["idle_memory"] = [{"error": f"{type(exc).__name__}: {exc}"[:300]}]
    for row in out["fleets"]:
        bench.goal(fleet_goals.fleet_driver_p99(row))
    bench.goal(fleet_goals.idle_memory(out["idle_memory"]))
    for processes in (1, 2):
        rows = [r for r in out["storms"] if r.get("client_processes") == processes]
        if processes == 2:  # one size only in 2 processes: its reads compared with 1's smallest
            rows = [out["storms"][0], *rows]
        bench.goal(fleet_goals.storm_catch_up(rows, resumers=storms[-1], processes=processes))
    return out


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in KiB (Linux /proc)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


async def idle_memory(
    *, ws_url: str, token: str, pid: int, counts: tuple[int, ...]
) -> list[dict[str, Any]]:
    """Server RSS per idle subscription, with `counts` subscriptions open (cumulative)."""
    rows: list[dict[str, Any]] = []
    subs: list[Subscriber] = []
    try:
        await asyncio.sleep(1.0)
        base = rss_kb(pid)
        for count in counts:
            more = await _open(
                count - len(subs), lambda i: subscribe(ws_url, token, BOARD_SUBSCRIPTION), 100
            )
            subs += more
            await asyncio.sleep(2.0)  # let the server settle (buffers, first frames)
            grown = rss_kb(pid) - base
            step = grown - (rows[-1]["rss_growth_kb"] if rows else 0)
            added = len(subs) - (rows[-1]["subscriptions"] if rows else 0)
            rows.append(
                {
                    "subscriptions": len(subs),
                    "rss_growth_kb": grown,
                    "kb_per_subscription": round(grown / len(subs), 1),
                    # The first ones may fit in memory the earlier cases freed (the heap
                    # keeps it): the cost of the ones opened since the previous count is
                    # the figure judged.
                    "added": added,
                    "kb_per_added_subscription": round(step / added, 1),
                    "subscriber_error_count": sum(len(s.errors) for s in subs),
                }
            )
    finally:
        await _close(subs)
    return rows


def print_section(section: dict[str, Any]) -> None:
    """The fleet section's lines of `make bench`'s table."""
    status = section.get("status", "not run")
    print("\n4b. Notices at fleet scale" + ("" if status == "ok" else f": {status}"))
    if status != "ok":
        return
    for f in section.get("fleets") or [section.get("fleet", {})]:
        procs = f.get("client_processes", 1)
        if "error" in f:
            print(f"   fleet ({procs} client processes): {f['error']}")
            continue
        print(
            f"   fleet, {procs} client process{'es' if procs > 1 else ''}: {f['drivers']} drivers + "
            f"{f['boards']} boards, {f['notices']} notices: concerned driver p50/p99 "
            f"{f['driver_p50_ms']}/{f['driver_p99_ms']} ms, boards "
            f"{f['board_p50_ms']}/{f['board_p99_ms']} ms; lost {f['lost']}, duplicated "
            f"{f['duplicated']}, misdelivered {f['misdelivered']}"
        )
    for r in section.get("storms", []):
        procs = r.get("client_processes", 1)
        if "error" in r:
            print(f"   storm of {r.get('resumers')} ({procs} client processes): {r['error']}")
            continue
        print(
            f"   storm, {procs} client process{'es' if procs > 1 else ''}: {r['resumers']} "
            f"resumers {r['behind']} behind: all caught up "
            f"{r['caught_up']} in {r['caught_up_s']} s, event-table reads {r['event_scans']}, "
            f"lost {r['lost']}, duplicated {r['duplicated']}, order kept {r['order_kept']}; "
            f"live p50/p99 meanwhile {r['live_p50_ms']}/{r['live_p99_ms']} ms"
        )
    for r in section.get("idle_memory", []):
        if "error" in r:
            print(f"   idle memory: {r['error']}")
        else:
            print(
                f"   idle memory: {r['subscriptions']} open, server RSS +{r['rss_growth_kb']} KiB "
                f"({r['kb_per_subscription']} KiB each; "
                f"{r.get('kb_per_added_subscription')} KiB each of the last {r.get('added')})"
            )
