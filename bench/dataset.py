"""The bench database: created, migrated with `python -m dispatch migrate`, filled in bulk, dropped.

Everything is generated server-side with INSERT … SELECT generate_series (no Python row
loops): one main agency (the one measured) plus noise agencies, so that every query has
to filter by agency as in production.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_DSN = os.environ.get("BENCH_PG_DSN", "postgres://postgres@127.0.0.1:5432/postgres")
REASONS = [
    ("CUSTOMER_REQUEST", "Customer request"),
    ("WEATHER", "Weather"),
    ("DUPLICATE", "Duplicate booking"),
    ("NO_VEHICLE", "No vehicle available"),
    ("PRICE", "Price"),
    ("OTHER", "Other"),
]
DRIVERS_PER_AGENCY = 50
NOISE_AGENCIES = 2
ID_TABLES = (
    "agency",
    "app_user",
    "cancellation_reason",
    "customer",
    "driver",
    "customer_order",
    "mission",
)
"""Tables whose ids the build chooses (rows related by arithmetic in SQL)."""
GROWTH_SIZES = (5_000, 50_000, 500_000)
"""Cancellations of the growth section's agencies (they are the noise agencies then)."""


@dataclass
class Sizes:
    """How much to build at a given --scale (1.0 = the full run)."""

    scale: float
    orders: int
    customers: int
    mission_pool: int  # cancelMission targets per side (GraphQL and raw)
    order_size: int  # missions of each cancelOrder target
    notice_targets: int  # cancellations fired per subscriber level

    @classmethod
    def at(cls, scale: float) -> Sizes:
        return cls(
            scale=scale,
            orders=max(300, int(20_000 * scale)),
            customers=max(20, int(500 * scale)),
            mission_pool=max(80, int(2_000 * scale)),
            order_size=max(50, int(1_000 * scale)),
            notice_targets=max(10, int(200 * min(scale * 4, 1.0))),
        )


@dataclass(frozen=True)
class GrowthAgency:
    """A noise agency of the growth section: its size in cancellations and its users."""

    cancellations: int
    agency_id: int
    operator_id: int
    reporter_id: int
    customers: int


@dataclass
class Dataset:
    """Ids the benchmarks need."""

    db_name: str
    dsn: str
    migrated_with: str
    build_seconds: float
    counts: dict[str, int]
    agency_id: int
    time_zone: str
    admin_id: int
    operator_id: int
    reporter_id: int
    reason_code: str
    # Missions to cancel one by one: one list per side, each a list of mission ids.
    cancel_pool_graphql: list[int] = field(default_factory=list)
    cancel_pool_raw: list[int] = field(default_factory=list)
    cancel_pool_count: list[int] = field(default_factory=list)
    notice_pool: list[int] = field(default_factory=list)
    fleet_pool: list[int] = field(default_factory=list)  # the fleet section's cancellations
    # Orders of `order_size` missions: graphql over HTTP, graphql in-process (counted), raw, raw counted.
    big_orders: dict[str, int] = field(default_factory=dict)
    growth_agencies: list[GrowthAgency] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "database": self.db_name,
            "migrated_with": self.migrated_with,
            "build_seconds": round(self.build_seconds, 2),
            "rows": self.counts,
        }


async def create_database(name: str) -> str:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name


async def drop_database(name: str) -> None:
    assert name.startswith("bench_")
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def migrate(dsn: str, secret: str) -> str:
    """`python -m dispatch migrate`; falls back to Tortoise's generate_schemas (said in the output)."""
    env = {**os.environ, "DATABASE_URL": dsn, "DISPATCH_SECRET": secret}
    proc = subprocess.run(
        [sys.executable, "-m", "dispatch", "migrate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode == 0:
        return "python -m dispatch migrate"
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
    code = (
        "import asyncio\n"
        "from tortoise import Tortoise\n"
        "from models.config import tortoise_config\n"
        "async def main():\n"
        f"    await Tortoise.init(config=tortoise_config({dsn!r}))\n"
        "    await Tortoise.generate_schemas(safe=True)\n"
        "    await Tortoise.close_connections()\n"
        "asyncio.run(main())\n"
    )
    fallback = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if fallback.returncode != 0:
        raise RuntimeError(
            f"migrate failed: {tail[0]}; generate_schemas failed: {fallback.stderr[-500:]}"
        )
    return f"Tortoise.generate_schemas (dispatch migrate failed: {tail[0][:160]})"


class _Ids:
    """Explicit primary keys, so that rows can be related by arithmetic in SQL."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str, n: int) -> int:
        """Reserve n ids; returns the base (ids are base+1 … base+n)."""
        base = self.next.get(table, 0)
        self.next[table] = base + n
        return base


async def _agency(conn: asyncpg.Connection, ids: _Ids, name: str, customers: int) -> dict[str, int]:
    a = ids.take("agency", 1) + 1
    await conn.execute(
        """INSERT INTO agency (id, name, time_zone, currency, default_cancellation_window_minutes,
               default_minimum_billing_minutes, invoiced_cancellation, event_seq, invoice_seq, created_at)
           VALUES ($1, $2, 'Europe/Paris', 'EUR', 1440, 60, 'BLOCK', 0, 0, now())""",
        a,
        name,
    )
    u0 = ids.take("app_user", 3)
    await conn.executemany(
        "INSERT INTO app_user (id, name, role, active, created_at, agency_id) VALUES ($1,$2,$3,true,now(),$4)",
        [
            (u0 + 1, f"Admin {a}", "ADMIN", a),
            (u0 + 2, f"Operator {a}", "OPERATOR", a),
            (u0 + 3, f"Reporter {a}", "REPORTER", a),
        ],
    )
    r0 = ids.take("cancellation_reason", len(REASONS))
    await conn.executemany(
        "INSERT INTO cancellation_reason (id, code, label, active, agency_id) VALUES ($1,$2,$3,true,$4)",
        [(r0 + i + 1, code, label, a) for i, (code, label) in enumerate(REASONS)],
    )
    c0 = ids.take("customer", customers)
    await conn.execute(
        """INSERT INTO customer (id, name, billing_rate_per_hour, cancellation_window_minutes,
               minimum_billing_minutes, created_at, agency_id)
           SELECT $1 + g, 'Customer ' || $3::int || '-' || g, 60.00,
                  CASE WHEN g % 4 = 0 THEN 2880 END, CASE WHEN g % 5 = 0 THEN 120 END, now(), $3
           FROM generate_series(1, $2) g""",
        c0,
        customers,
        a,
    )
    d0 = ids.take("driver", DRIVERS_PER_AGENCY)
    await conn.execute(
        """INSERT INTO driver (id, name, pay_rate_per_hour, cancellation_window_minutes, active,
               created_at, agency_id)
           SELECT $1 + g, 'Driver ' || $3::int || '-' || g, 30.00, NULL, true, now(), $3
           FROM generate_series(1, $2) g""",
        d0,
        DRIVERS_PER_AGENCY,
        a,
    )
    return {
        "agency": a,
        "admin": u0 + 1,
        "operator": u0 + 2,
        "reporter": u0 + 3,
        "reason0": r0,
        "customer0": c0,
        "customers": customers,
        "driver0": d0,
    }


async def _history(conn: asyncpg.Connection, ids: _Ids, ag: dict[str, int], orders: int) -> None:
    """`orders` orders of 3 missions; every third mission cancelled (one cancellation each)."""
    a, n_m = ag["agency"], orders * 3
    o0, m0 = ids.take("customer_order", orders), ids.take("mission", n_m)
    await conn.execute(
        """INSERT INTO customer_order (id, reference, status, cancelled_at_order_level, created_at,
               agency_id, customer_id)
           SELECT $1 + g, 'H-' || g, CASE WHEN g % 2 = 0 THEN 'OPEN' ELSE 'COMPLETED' END, false,
                  now() - interval '400 days' + g * interval '1 second', $3, $4 + 1 + (g % $5)
           FROM generate_series(1, $2) g""",
        o0,
        orders,
        a,
        ag["customer0"],
        ag["customers"],
    )
    # g = 1…n_m; order = (g-1)/3; status by g % 3: 0 cancelled, 1 completed, 2 cycling open states.
    await conn.execute(
        """INSERT INTO mission (id, status, pickup_at, estimated_end_at, pickup_location,
               dropoff_location, no_show_fee, policy_agency_window_minutes,
               policy_agency_minimum_billing_minutes, policy_customer_window_minutes,
               policy_customer_minimum_billing_minutes, policy_customer_rate_per_hour,
               policy_currency, created_at, updated_at, agency_id, order_id)
           SELECT $1 + g,
                  CASE g % 3 WHEN 0 THEN 'CANCELLED' WHEN 1 THEN 'COMPLETED'
                       ELSE (ARRAY['PENDING_ASSIGNMENT','ASSIGNED','ACCEPTED_BY_DRIVER'])[1 + (g / 3) % 3] END,
                  p, p + interval '90 minutes', 'Pickup ' || g, 'Dropoff ' || g, 'NOT_APPLICABLE',
                  1440, 60, NULL, NULL, 60.00, 'EUR', p - interval '10 days', p, $3, $4 + 1 + (g - 1) / 3
           FROM generate_series(1, $2) g,
                LATERAL (SELECT now() - interval '365 days' + (g::float8 / $2) * interval '395 days' AS p) t""",
        m0,
        n_m,
        a,
        o0,
    )
    await _assign(conn, ag, m0, n_m, active_statuses=("ASSIGNED", "ACCEPTED_BY_DRIVER"))
    await conn.execute(
        """INSERT INTO cancellation (cancelled_at, requested_at, cancelled_by_name, cancelled_by_role,
               requested_by, reason_code, reason_label, note, scope, billable,
               effective_window_minutes, window_source, scheduled_minutes, billable_minutes, charge,
               payout_total, currency, decision, waived, waived_at, waiver_note, credit_note_required,
               agency_id, cancelled_by_id, customer_id, mission_id, order_id, reason_id, waived_by_id,
               tier)
           SELECT at, at, 'Operator ' || $3::int, 'OPERATOR', 'Front desk', r.code, r.label,
                  CASE WHEN g % 4 = 0 THEN 'note ' || g END, 'THIS_OCCURRENCE', bill,
                  1440, 'AGENCY_DEFAULT', 90, CASE WHEN bill THEN 90 ELSE 0 END,
                  CASE WHEN bill THEN 90.00 ELSE 0 END, CASE WHEN bill THEN 45.00 * pay.n ELSE 0 END, 'EUR',
                  jsonb_build_object('billable', bill, 'effectiveWindowMinutes', 1440,
                      'windowSource', 'AGENCY_DEFAULT', 'scheduledMinutes', 90,
                      'billableMinutes', CASE WHEN bill THEN 90 ELSE 0 END,
                      'charge', CASE WHEN bill THEN '90.00' ELSE '0.00' END,
                      'payouts', pay.list, 'currency', 'EUR',
                      'judgedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')),
                  bill AND g % 7 = 0, CASE WHEN bill AND g % 7 = 0 THEN at END,
                  CASE WHEN bill AND g % 7 = 0 THEN 'goodwill' END, false,
                  $3, $4, o.customer_id, m.id, m.order_id, r.id, CASE WHEN bill AND g % 7 = 0 THEN $4::int END,
                  CASE WHEN bill THEN 1 END
           FROM mission m
           JOIN customer_order o ON o.id = m.order_id
           CROSS JOIN LATERAL (SELECT m.id - $1 AS g) gg
           CROSS JOIN LATERAL (SELECT (g / 3) % 2 = 0 AS bill) b
           CROSS JOIN LATERAL (SELECT LEAST(m.pickup_at - CASE WHEN bill THEN interval '60 minutes'
                                     ELSE interval '3000 minutes' END, now() - interval '1 minute') AS at) t
           JOIN cancellation_reason r ON r.id = $5 + 1 + ((g / 3) % $6)
           CROSS JOIN LATERAL (
               SELECT count(*) AS n, coalesce(jsonb_agg(jsonb_build_object('driverId', a.driver_id,
                          'amount', CASE WHEN bill THEN '45.00' ELSE '0.00' END) ORDER BY a.id), '[]') AS list
               FROM assignment a WHERE a.mission_id = m.id) pay
           WHERE m.id > $1 AND m.id <= $1 + $2 AND m.status = 'CANCELLED'""",
        m0,
        n_m,
        a,
        ag["operator"],
        ag["reason0"],
        len(REASONS),
    )
    await conn.execute(
        """INSERT INTO cancellation_payout (amount, agency_id, cancellation_id, driver_id)
           SELECT 45.00, c.agency_id, c.id, a.driver_id
           FROM cancellation c JOIN assignment a ON a.mission_id = c.mission_id
           WHERE c.agency_id = $1 AND c.billable""",
        a,
    )
    await conn.execute(
        """INSERT INTO pending_review_item (kind, charge, currency, waived, created_at, agency_id,
               cancellation_id, customer_id, mission_id)
           SELECT 'CANCELLATION', c.charge, 'EUR', false, c.cancelled_at, c.agency_id, c.id,
                  c.customer_id, c.mission_id
           FROM cancellation c WHERE c.agency_id = $1 AND c.billable AND NOT c.waived""",
        a,
    )
    await conn.execute(
        """INSERT INTO event (seq, type, occurred_at, actor_user_id, actor_name, actor_role, order_id,
               mission_id, cancellation_id, driver_ids, data, agency_id)
           SELECT row_number() OVER (ORDER BY c.cancelled_at, c.id), 'MissionCancelled', c.cancelled_at,
                  c.cancelled_by_id, c.cancelled_by_name, 'OPERATOR', c.order_id, c.mission_id, c.id,
                  coalesce((SELECT jsonb_agg(a.driver_id) FROM assignment a WHERE a.mission_id = c.mission_id), '[]'),
                  jsonb_build_object('reasonCode', c.reason_code, 'reasonLabel', c.reason_label,
                                     'requestedBy', c.requested_by, 'decision', c.decision),
                  c.agency_id
           FROM cancellation c WHERE c.agency_id = $1""",
        a,
    )


async def _assign(
    conn: asyncpg.Connection,
    ag: dict[str, int],
    m0: int,
    n_m: int,
    *,
    active_statuses: tuple[str, ...],
) -> None:
    """One driver per mission that has one (two on every fifth); ended unless the status is active."""
    for second in (False, True):
        await conn.execute(
            f"""INSERT INTO assignment (assigned_at, accepted_at, ended_at, slot_start, slot_end,
                   driver_window_minutes, driver_pay_rate_per_hour, agency_id, driver_id, mission_id)
               SELECT m.pickup_at - interval '5 days', m.pickup_at - interval '4 days',
                      CASE WHEN m.status = ANY($4::text[]) THEN NULL ELSE m.updated_at END,
                      m.pickup_at, m.estimated_end_at, NULL, 30.00, m.agency_id,
                      $5 + 1 + ((m.id - $1 {"+ 7" if second else ""}) % {DRIVERS_PER_AGENCY}), m.id
               FROM mission m
               WHERE m.id > $1 AND m.id <= $1 + $2 AND m.agency_id = $3
                 AND m.status <> 'PENDING_ASSIGNMENT' {"AND (m.id - $1) % 5 = 0" if second else ""}""",
            m0,
            n_m,
            ag["agency"],
            list(active_statuses),
            ag["driver0"],
        )


async def _targets(
    conn: asyncpg.Connection,
    ids: _Ids,
    ag: dict[str, int],
    prefix: str,
    orders: int,
    per_order: int,
    *,
    cycle: tuple[str, ...],
) -> list[list[int]]:
    """Open orders to cancel during the run; returns each order's mission ids (first one first)."""
    a, n_m = ag["agency"], orders * per_order
    o0, m0 = ids.take("customer_order", orders), ids.take("mission", n_m)
    await conn.execute(
        """INSERT INTO customer_order (id, reference, status, cancelled_at_order_level, created_at,
               agency_id, customer_id)
           SELECT $1 + g, $6 || '-' || g, 'OPEN', false, now(), $3, $4 + 1 + (g % $5)
           FROM generate_series(1, $2) g""",
        o0,
        orders,
        a,
        ag["customer0"],
        ag["customers"],
        prefix,
    )
    # Missions 2 h to 3 days ahead: inside the 1440-minute window for three in four (billable).
    await conn.execute(
        """INSERT INTO mission (id, status, pickup_at, estimated_end_at, pickup_location,
               dropoff_location, no_show_fee, policy_agency_window_minutes,
               policy_agency_minimum_billing_minutes, policy_customer_window_minutes,
               policy_customer_minimum_billing_minutes, policy_customer_rate_per_hour,
               policy_currency, created_at, updated_at, agency_id, order_id)
           SELECT $1 + g, ($6::text[])[1 + (g - 1) % cardinality($6::text[])], p, p + interval '90 minutes',
                  'Pickup', 'Dropoff', 'NOT_APPLICABLE', 1440, 60, NULL, NULL, 60.00, 'EUR', now(), now(),
                  $3, $4 + 1 + (g - 1) / $5
           FROM generate_series(1, $2) g,
                LATERAL (SELECT now() + CASE WHEN g % 4 = 0 THEN interval '3 days' ELSE interval '2 hours' END
                                + (g % 97) * interval '1 minute' AS p) t""",
        m0,
        n_m,
        a,
        o0,
        per_order,
        list(cycle),
    )
    await _assign(
        conn, ag, m0, n_m, active_statuses=("ASSIGNED", "ACCEPTED_BY_DRIVER", "IN_PROGRESS")
    )
    return [[m0 + o * per_order + i + 1 for i in range(per_order)] for o in range(orders)]


async def finish_sequences(conn: asyncpg.Connection, ids: _Ids) -> None:
    """After a fill with chosen ids: sequences past them, each agency's event cursor at its
    last event, and the relay's mark there too (the made-up history is not published)."""
    for table in ids.next:
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest((SELECT max(id) FROM {table}), 1))"
        )
    await conn.execute(
        """UPDATE agency SET event_seq = coalesce((SELECT max(seq) FROM event e WHERE e.agency_id = agency.id), 0)"""
    )
    await conn.execute(
        """INSERT INTO relay_mark (agency_id, published_seq, updated_at)
           SELECT id, event_seq, now() FROM agency ON CONFLICT (agency_id) DO UPDATE
           SET published_seq = EXCLUDED.published_seq"""
    )


async def settle_writes(conn: asyncpg.Connection) -> None:
    """Finish the bulk load's own disk work before anything is measured.

    Left alone, the load's aftermath runs during the first sections: autovacuum's first
    pass over the new tables, PostgreSQL's dirty buffers and the kernel's writeback of
    a few hundred MB. Measured on a 2-core machine (notices at 100 boards, six runs
    alternating): the worst notice came 91-328 ms after its commit without this and
    15-116 ms with it, its COMMIT waiting on a disk busy with the load's pages. So the
    tables are vacuumed, a checkpoint writes the dirty buffers, and the kernel syncs.
    """
    await conn.execute("VACUUM")
    try:
        await conn.execute("CHECKPOINT")  # superuser or pg_checkpoint only
    except asyncpg.PostgresError as exc:
        print(f"bench: CHECKPOINT refused ({exc}); measuring with the load's buffers dirty")
    os.sync()


async def build(
    scale: float, secret: str, db_name: str | None = None, growth: Sequence[int] = ()
) -> Dataset:
    """Create, migrate and fill bench_<pid>; `growth`: the noise agencies' sizes (in
    cancellations) instead of two at a quarter of the measured agency."""
    sizes = Sizes.at(scale)
    growth_agencies: list[GrowthAgency] = []
    name = db_name or f"bench_{os.getpid()}"
    started = time.perf_counter()
    dsn = await create_database(name)
    migrated_with = migrate(dsn, secret)
    ids = _Ids()
    conn = await asyncpg.connect(dsn)
    try:
        # Continue after whatever the migration may have inserted (nothing, normally).
        for table in ID_TABLES:
            ids.next[table] = int(await conn.fetchval(f"SELECT coalesce(max(id), 0) FROM {table}"))
        async with conn.transaction():
            await conn.execute("SET LOCAL synchronous_commit = off")
            main = await _agency(conn, ids, "Bench Agency", sizes.customers)
            await _history(conn, ids, main, sizes.orders)
            noise_sizes = list(growth) or [max(100, sizes.orders // 4)] * NOISE_AGENCIES
            for i, n in enumerate(noise_sizes):
                customers = max(10, min(sizes.customers * n // sizes.orders, 20_000))
                noise = await _agency(conn, ids, f"Noise Agency {i + 1}", customers)
                await _history(conn, ids, noise, n)
                if growth:
                    growth_agencies.append(
                        GrowthAgency(
                            n, noise["agency"], noise["operator"], noise["reporter"], customers
                        )
                    )
            open_states = ("ACCEPTED_BY_DRIVER",)
            pools = {}
            for label, n in (
                ("CMG", sizes.mission_pool),
                ("CMR", sizes.mission_pool),
                ("CMC", 4),
                # notices: 3 levels in 1 client process, 2 in 2; fleet: the fleet and 3
                # storms (55 each), the fleet and the largest storm in 1 and 2 processes
                ("NOT", sizes.notice_targets * 5 + 10),
                ("FLT", 2 * (sizes.notice_targets + 1) + 3 * 55 + 5),
            ):
                orders = await _targets(
                    conn, ids, main, label, n, 2, cycle=("ACCEPTED_BY_DRIVER", "ASSIGNED")
                )
                pools[label] = [o[0] for o in orders]
            big = {}
            for label in ("graphql_http", "graphql_counted", "raw_http", "raw_counted"):
                orders = await _targets(
                    conn,
                    ids,
                    main,
                    "BIG-" + label,
                    1,
                    sizes.order_size,
                    cycle=("PENDING_ASSIGNMENT", "ASSIGNED", *open_states),
                )
                big[label] = int(
                    await conn.fetchval("SELECT order_id FROM mission WHERE id = $1", orders[0][0])
                )
            await finish_sequences(conn, ids)
        await conn.execute("ANALYZE")
        await settle_writes(conn)
        counts = {}
        for table in (
            "agency",
            "customer",
            "driver",
            "customer_order",
            "mission",
            "assignment",
            "cancellation",
            "cancellation_payout",
            "pending_review_item",
            "event",
        ):
            counts[table] = int(await conn.fetchval(f"SELECT count(*) FROM {table}"))
    finally:
        await conn.close()
    return Dataset(
        db_name=name,
        dsn=dsn,
        migrated_with=migrated_with,
        build_seconds=time.perf_counter() - started,
        counts=counts,
        agency_id=main["agency"],
        time_zone="Europe/Paris",
        admin_id=main["admin"],
        operator_id=main["operator"],
        reporter_id=main["reporter"],
        reason_code=REASONS[0][0],
        cancel_pool_graphql=pools["CMG"],
        cancel_pool_raw=pools["CMR"],
        cancel_pool_count=pools["CMC"],
        notice_pool=pools["NOT"],
        fleet_pool=pools["FLT"],
        big_orders=big,
        growth_agencies=growth_agencies,
    )
