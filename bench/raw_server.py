"""The baseline: a minimal Starlette + asyncpg server doing the same work by hand.

Same rows, same joins, same writes as the GraphQL service, with no ORM and no GraphQL:
what the machine allows. Each request still authenticates (JWT decode + one user
SELECT) because the agency scope comes from the token, as in the service.

    uvicorn --factory bench.raw_server:app_factory   (env BENCH_DSN, DISPATCH_SECRET)

The SQL functions take any asyncpg-like connection, so bench.run also calls them
in-process through `Counted` to count their statements.
"""

from __future__ import annotations

import base64
import contextlib
import os
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import jwt
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from models.domain.billing import DriverTerms, PolicySnapshot, decide_billing

ORDER_STATUS_OPEN = ("PENDING_ASSIGNMENT", "ASSIGNED", "ACCEPTED_BY_DRIVER")
CANCELLABLE = ("PENDING_ASSIGNMENT", "ASSIGNED", "ACCEPTED_BY_DRIVER", "COMPLETED")


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def pk_of(global_id: str) -> int:
    padded = global_id + "=" * (-len(global_id) % 4)
    return int(base64.urlsafe_b64decode(padded.encode()).decode().partition(":")[2])


class Counted:
    """An asyncpg connection that counts the statements sent through it."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.statements: list[str] = []

    def transaction(self) -> Any:
        return self.conn.transaction()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.conn, name)
        if name not in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
            return attr

        async def counted(sql: str, *args: Any, **kwargs: Any) -> Any:
            self.statements.append(sql)
            return await attr(sql, *args, **kwargs)

        return counted


# --- the Cancelled tab page ---------------------------------------------------------------

PAGE_SQL = """
SELECT c.id, c.cancelled_at, c.requested_at, c.requested_by, c.reason_code, c.reason_label, c.note,
       c.waived, c.decision::text AS decision, c.cancelled_by_id, c.cancelled_by_name, c.cancelled_by_role,
       cu.id AS customer_id, cu.name AS customer_name,
       r.id AS reason_id, r.code AS reason_code_now, r.label AS reason_label_now, r.active AS reason_active,
       m.id AS mission_id, m.status, m.pickup_at, m.estimated_end_at,
       (SELECT coalesce(json_agg(json_build_array(d.id, d.name) ORDER BY a.id), '[]')::text
          FROM assignment a JOIN driver d ON d.id = a.driver_id WHERE a.mission_id = m.id) AS drivers
FROM cancellation c
JOIN customer cu ON cu.id = c.customer_id
JOIN cancellation_reason r ON r.id = c.reason_id
JOIN mission m ON m.id = c.mission_id
WHERE c.agency_id = $1 AND c.reverted_at IS NULL
  AND ($2::timestamptz IS NULL OR (c.cancelled_at, c.id) < ($2::timestamptz, $3::int))
ORDER BY c.cancelled_at DESC, c.id DESC
LIMIT $4
"""


def _money(amount: str, currency: str) -> dict[str, str]:
    return {"amount": amount, "currency": currency}


async def page(conn: Any, agency_id: int, first: int, after: str | None) -> dict[str, Any]:
    """One page of the Cancelled tab, newest first, with the same nested data as the GraphQL query."""
    after_at, after_id = None, None
    if after:
        stamp, _, pk = base64.urlsafe_b64decode(after.encode()).decode().partition("|")
        after_at, after_id = datetime.fromisoformat(stamp), int(pk)
    rows = await conn.fetch(PAGE_SQL, agency_id, after_at, after_id, first + 1)
    edges = []
    for row in rows[:first]:
        drivers = orjson.loads(row["drivers"])
        names = {d[0]: d[1] for d in drivers}
        decision = orjson.loads(row["decision"])
        currency = decision["currency"]
        cursor = base64.urlsafe_b64encode(
            f"{row['cancelled_at'].isoformat()}|{row['id']}".encode()
        ).decode()
        edges.append(
            {
                "cursor": cursor,
                "node": {
                    "id": gid("Cancellation", row["id"]),
                    "cancelledAt": row["cancelled_at"].isoformat(),
                    "requestedAt": row["requested_at"].isoformat(),
                    "requestedBy": row["requested_by"],
                    "reasonCode": row["reason_code"],
                    "reasonLabel": row["reason_label"],
                    "note": row["note"],
                    "waived": row["waived"],
                    "customer": {
                        "id": gid("Customer", row["customer_id"]),
                        "name": row["customer_name"],
                    },
                    "mission": {
                        "id": gid("Mission", row["mission_id"]),
                        "status": row["status"],
                        "pickupAt": row["pickup_at"].isoformat(),
                        "estimatedEndAt": row["estimated_end_at"].isoformat(),
                        "assignments": [
                            {"driver": {"id": gid("Driver", d[0]), "name": d[1]}} for d in drivers
                        ],
                    },
                    "reason": {
                        "id": gid("CancellationReason", row["reason_id"]),
                        "code": row["reason_code_now"],
                        "label": row["reason_label_now"],
                    },
                    "cancelledBy": {
                        "userId": gid("User", row["cancelled_by_id"]),
                        "name": row["cancelled_by_name"],
                        "role": row["cancelled_by_role"],
                    },
                    "decision": {
                        "billable": decision["billable"],
                        "effectiveWindowMinutes": decision["effectiveWindowMinutes"],
                        "windowSource": decision["windowSource"],
                        "scheduledMinutes": decision["scheduledMinutes"],
                        "billableMinutes": decision["billableMinutes"],
                        "charge": _money(decision["charge"], currency),
                        "payouts": [
                            {
                                "driver": {
                                    "id": gid("Driver", p["driverId"]),
                                    "name": names.get(p["driverId"]),
                                },
                                "amount": _money(p["amount"], currency),
                            }
                            for p in decision["payouts"]
                        ],
                    },
                },
            }
        )
    return {
        "data": {
            "cancellations": {
                "edges": edges,
                "pageInfo": {
                    "hasNextPage": len(rows) > first,
                    "endCursor": edges[-1]["cursor"] if edges else None,
                },
            }
        }
    }


# --- cancelMission / cancelOrder by hand --------------------------------------------------


async def _reason(conn: Any, agency_id: int, code: str) -> asyncpg.Record:
    row = await conn.fetchrow(
        "SELECT id, code, label FROM cancellation_reason WHERE agency_id = $1 AND code = $2 AND active",
        agency_id,
        code,
    )
    if row is None:
        raise ValueError("INVALID_REASON")
    return row


def _decide(m: asyncpg.Record, drivers: list[asyncpg.Record], now: datetime) -> Any:
    return decide_billing(
        pickup_at=m["pickup_at"],
        estimated_end_at=m["estimated_end_at"],
        judged_at=now,
        policy=PolicySnapshot(
            agency_window_minutes=m["policy_agency_window_minutes"],
            agency_minimum_billing_minutes=m["policy_agency_minimum_billing_minutes"],
            customer_window_minutes=m["policy_customer_window_minutes"],
            customer_minimum_billing_minutes=m["policy_customer_minimum_billing_minutes"],
            customer_rate_per_hour=m["policy_customer_rate_per_hour"],
            currency=m["policy_currency"],
        ),
        drivers=[
            DriverTerms(a["driver_id"], a["driver_window_minutes"], a["driver_pay_rate_per_hour"])
            for a in drivers
        ],
    )


def _derive_order_status(statuses: list[str], order_level: bool) -> str:
    if "IN_PROGRESS" in statuses:
        return "IN_PROGRESS"
    if any(s in ORDER_STATUS_OPEN for s in statuses):
        return "OPEN"
    if order_level or all(s == "CANCELLED" for s in statuses):
        return "CANCELLED"
    if all(s == "NO_SHOW" for s in statuses):
        return "NO_SHOW"
    return "COMPLETED"


MISSION_COLUMNS = """m.id, m.order_id, m.status, m.pickup_at, m.estimated_end_at, m.invoiced_at,
    m.policy_agency_window_minutes, m.policy_agency_minimum_billing_minutes,
    m.policy_customer_window_minutes, m.policy_customer_minimum_billing_minutes,
    m.policy_customer_rate_per_hour, m.policy_currency"""

INSERT_CANCELLATIONS = """
INSERT INTO cancellation (cancelled_at, requested_at, cancelled_by_name, cancelled_by_role, requested_by,
    reason_code, reason_label, note, scope, billable, effective_window_minutes, window_source,
    scheduled_minutes, billable_minutes, charge, payout_total, currency, decision, waived,
    credit_note_required, agency_id, cancelled_by_id, customer_id, mission_id, order_id, reason_id, tier)
SELECT $1, $1, $2, $3, $4, $5, $6, $7, 'THIS_OCCURRENCE', u.billable, u.win, u.source, u.scheduled,
       u.minutes, u.charge, u.payout_total, u.currency, u.decision::jsonb, false, u.invoiced, $8, $9, $10,
       u.mission_id, $11, $12, CASE WHEN u.billable THEN 1 END
FROM unnest($13::int[], $14::bool[], $15::int[], $16::text[], $17::int[], $18::int[], $19::numeric[],
            $20::numeric[], $21::text[], $22::text[], $23::bool[])
     AS u(mission_id, billable, win, source, scheduled, minutes, charge, payout_total, currency,
          decision, invoiced)
RETURNING id, mission_id, billable, charge, currency
"""


async def cancel_missions(
    conn: Any,
    user: dict[str, Any],
    order: asyncpg.Record,
    missions: list[asyncpg.Record],
    reason: asyncpg.Record,
    requested_by: str,
    *,
    order_level: bool,
    now: datetime,
) -> list[int]:
    """The writes of a cancellation of `missions` (locked by the caller), in a constant number of statements."""
    agency_id, ids = user["agency_id"], [m["id"] for m in missions]
    assignments = await conn.fetch(
        """SELECT id, mission_id, driver_id, driver_window_minutes, driver_pay_rate_per_hour, slot_start,
                  slot_end FROM assignment WHERE mission_id = ANY($1::int[]) AND ended_at IS NULL""",
        ids,
    )
    by_mission: dict[int, list[asyncpg.Record]] = {}
    for a in assignments:
        by_mission.setdefault(a["mission_id"], []).append(a)
    decisions = {m["id"]: _decide(m, by_mission.get(m["id"], []), now) for m in missions}
    await conn.execute(
        "UPDATE mission SET status = 'CANCELLED', updated_at = $2 WHERE id = ANY($1::int[])",
        ids,
        now,
    )
    if assignments:
        await conn.execute(
            "UPDATE assignment SET ended_at = $2 WHERE id = ANY($1::int[])",
            [a["id"] for a in assignments],
            now,
        )
    ds = [decisions[i] for i in ids]
    rows = await conn.fetch(
        INSERT_CANCELLATIONS,
        now,
        user["name"],
        user["role"],
        requested_by,
        reason["code"],
        reason["label"],
        None,
        agency_id,
        user["id"],
        order["customer_id"],
        order["id"],
        reason["id"],
        ids,
        [d.billable for d in ds],
        [d.effective_window_minutes for d in ds],
        [d.window_source.value for d in ds],
        [d.scheduled_minutes for d in ds],
        [d.billable_minutes for d in ds],
        [d.charge for d in ds],
        [d.payout_total for d in ds],
        [d.currency for d in ds],
        [orjson.dumps(d.to_dict()).decode() for d in ds],
        [m["invoiced_at"] is not None for m in missions],
    )
    cancellation_of = {r["mission_id"]: r["id"] for r in rows}
    payouts = [
        (cancellation_of[i], p.driver_id, p.amount) for i in ids for p in decisions[i].payouts
    ]
    if payouts:
        await conn.execute(
            """INSERT INTO cancellation_payout (agency_id, cancellation_id, driver_id, amount)
               SELECT $1, c, d, a FROM unnest($2::int[], $3::int[], $4::numeric[]) AS u(c, d, a)""",
            agency_id,
            [p[0] for p in payouts],
            [p[1] for p in payouts],
            [p[2] for p in payouts],
        )
    billable = [r for r in rows if r["billable"]]
    if billable:
        await conn.execute(
            """INSERT INTO pending_review_item (kind, charge, currency, waived, created_at, agency_id,
                   cancellation_id, customer_id, mission_id)
               SELECT 'CANCELLATION', ch, cur, false, $1, $2, c, $3, m
               FROM unnest($4::int[], $5::int[], $6::numeric[], $7::text[]) AS u(c, m, ch, cur)""",
            now,
            agency_id,
            order["customer_id"],
            [r["id"] for r in billable],
            [r["mission_id"] for r in billable],
            [r["charge"] for r in billable],
            [r["currency"] for r in billable],
        )
    statuses = await conn.fetch("SELECT status FROM mission WHERE order_id = $1", order["id"])
    new_status = _derive_order_status([s["status"] for s in statuses], order_level)
    events: list[tuple[str, int | None, int | None, list[int], dict[str, Any]]] = []
    for m in missions:
        d = decisions[m["id"]]
        drivers = [a["driver_id"] for a in by_mission.get(m["id"], [])]
        events.append(
            (
                "MissionCancelled",
                m["id"],
                cancellation_of[m["id"]],
                drivers,
                {
                    "fromStatus": m["status"],
                    "toStatus": "CANCELLED",
                    "reasonCode": reason["code"],
                    "reasonLabel": reason["label"],
                    "requestedBy": requested_by,
                    "decision": d.to_dict(),
                },
            )
        )
        for a in by_mission.get(m["id"], []):
            events.append(
                (
                    "SlotReleased",
                    m["id"],
                    None,
                    [a["driver_id"]],
                    {
                        "driverId": a["driver_id"],
                        "from": a["slot_start"].isoformat(),
                        "to": a["slot_end"].isoformat(),
                    },
                )
            )
    if order_level:
        events.append(("OrderCancelled", None, None, [], {"missionIds": ids}))
    if new_status != order["status"]:
        await conn.execute(
            "UPDATE customer_order SET status = $2, cancelled_at = $3, cancelled_at_order_level = $4 WHERE id = $1",
            order["id"],
            new_status,
            now if new_status == "CANCELLED" else None,
            order_level,
        )
        events.append(
            ("OrderStatusChanged", None, None, [], {"from": order["status"], "to": new_status})
        )
    last = await conn.fetchval(
        "UPDATE agency SET event_seq = event_seq + $1 WHERE id = $2 RETURNING event_seq",
        len(events),
        agency_id,
    )
    first_seq = last - len(events) + 1
    await conn.execute(
        """INSERT INTO event (agency_id, seq, type, occurred_at, actor_user_id, actor_name, actor_role, order_id,
               mission_id, cancellation_id, driver_ids, data)
           SELECT $1, s, t, $2, $3, $4, $5, $6, m, c, di::jsonb, da::jsonb
           FROM unnest($7::bigint[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[])
                AS u(s, t, m, c, di, da)""",
        agency_id,
        now,
        user["id"],
        user["name"],
        user["role"],
        order["id"],
        [first_seq + i for i in range(len(events))],
        [e[0] for e in events],
        [e[1] for e in events],
        [e[2] for e in events],
        [orjson.dumps(e[3]).decode() for e in events],
        [orjson.dumps(e[4]).decode() for e in events],
    )
    return [cancellation_of[i] for i in ids]


async def cancel_mission(
    conn: Any, user: dict[str, Any], mission_id: int, reason_code: str, requested_by: str
) -> dict[str, Any]:
    now = datetime.now(UTC)
    async with conn.transaction():
        reason = await _reason(conn, user["agency_id"], reason_code)
        m = await conn.fetchrow(
            f"SELECT {MISSION_COLUMNS} FROM mission m WHERE m.id = $1 AND m.agency_id = $2 FOR UPDATE",
            mission_id,
            user["agency_id"],
        )
        if m is None:
            return {"errors": [{"code": "NOT_FOUND"}]}
        if m["status"] not in CANCELLABLE:
            return {
                "errors": [
                    {
                        "code": "ALREADY_CANCELLED"
                        if m["status"] == "CANCELLED"
                        else "INVALID_TRANSITION"
                    }
                ]
            }
        order = await conn.fetchrow(
            "SELECT id, customer_id, status FROM customer_order WHERE id = $1 FOR UPDATE",
            m["order_id"],
        )
        ids = await cancel_missions(
            conn, user, order, [m], reason, requested_by, order_level=False, now=now
        )
    return {"cancellations": [{"id": gid("Cancellation", i)} for i in ids], "errors": []}


async def cancel_order(
    conn: Any, user: dict[str, Any], order_id: int, reason_code: str, requested_by: str
) -> dict[str, Any]:
    now = datetime.now(UTC)
    async with conn.transaction():
        reason = await _reason(conn, user["agency_id"], reason_code)
        order = await conn.fetchrow(
            "SELECT id, customer_id, status FROM customer_order WHERE id = $1 AND agency_id = $2 FOR UPDATE",
            order_id,
            user["agency_id"],
        )
        if order is None:
            return {"errors": [{"code": "NOT_FOUND"}]}
        missions = await conn.fetch(
            f"SELECT {MISSION_COLUMNS} FROM mission m WHERE m.order_id = $1 ORDER BY m.pickup_at, m.id FOR UPDATE",
            order_id,
        )
        if any(m["status"] == "IN_PROGRESS" for m in missions):
            return {"errors": [{"code": "CONFIRMATION_REQUIRED"}]}
        todo = [
            m for m in missions if m["status"] in ORDER_STATUS_OPEN and m["invoiced_at"] is None
        ]
        ids = await cancel_missions(
            conn, user, order, todo, reason, requested_by, order_level=True, now=now
        )
    return {"cancellations": [{"id": gid("Cancellation", i)} for i in ids], "errors": []}


# --- the report -----------------------------------------------------------------------------

# Per grouping: (key, label, joins, payout column, GROUP BY) of each part; a late
# reschedule counts as a cancellation of the original time (issue 15).
_REPORT_PARTS = {
    "REASON": (
        ("c.reason_code", "max(c.reason_label)", "", "c.payout_total", "c.reason_code"),
        ("'LATE-RESCHEDULE'", "'Late reschedule'", "", "c.payout_total", "1"),
    ),
    "CUSTOMER": (
        (
            "cu.id",
            "cu.name",
            "JOIN customer cu ON cu.id = c.customer_id",
            "c.payout_total",
            "cu.id, cu.name",
        ),
    )
    * 2,
    "DRIVER": (
        (
            "d.id",
            "d.name",
            "JOIN cancellation_payout p ON p.cancellation_id = c.id "
            "JOIN driver d ON d.id = p.driver_id",
            "p.amount",
            "d.id, d.name",
        ),
        (
            "d.id",
            "d.name",
            "JOIN late_reschedule_payout p ON p.late_reschedule_id = c.id "
            "JOIN driver d ON d.id = p.driver_id",
            "p.amount",
            "d.id, d.name",
        ),
    ),
    "DAY": (
        ("(c.cancelled_at AT TIME ZONE $4)::date", "NULL::text", "", "c.payout_total", "1"),
        ("(c.rescheduled_at AT TIME ZONE $4)::date", "NULL::text", "", "c.payout_total", "1"),
    ),
}
_REPORT_FROM = (
    (
        "cancellation c",
        "c.charge - coalesce(c.rebooked_credit, 0)",
        "c.agency_id = $1 AND c.reverted_at IS NULL AND c.cancelled_at >= $2 AND c.cancelled_at < $3",
    ),
    (
        "late_reschedule c",
        "c.charge - coalesce(c.rebooked_credit, 0)",
        "c.agency_id = $1 AND c.rescheduled_at >= $2 AND c.rescheduled_at < $3",
    ),
)


def _report_sql(group_by: str) -> str:
    parts = [
        f"""SELECT {key} AS key, {label} AS label, count(*) AS n,
                   count(*) FILTER (WHERE c.billable) AS billable, count(*) FILTER (WHERE c.waived) AS waived,
                   coalesce(sum({charge}) FILTER (WHERE c.billable AND NOT c.waived), 0) AS charge,
                   coalesce(sum({payout}) FILTER (WHERE NOT c.waived), 0) AS payout
            FROM {table} {joins} WHERE {where} GROUP BY {group}"""
        for (key, label, joins, payout, group), (table, charge, where) in zip(
            _REPORT_PARTS[group_by], _REPORT_FROM, strict=True
        )
    ]
    order = "2" if group_by in ("CUSTOMER", "DRIVER") else "1"
    return (
        "SELECT key, label, sum(n)::int AS n, sum(billable)::int AS billable, "
        "sum(waived)::int AS waived, "
        "sum(charge) AS charge, sum(payout) AS payout "
        f"FROM ({' UNION ALL '.join(parts)}) g GROUP BY key, label ORDER BY {order}"
    )


REPORT_SQL = {group_by: _report_sql(group_by) for group_by in _REPORT_PARTS}


async def report(
    conn: Any, user: dict[str, Any], start: date, end: date, group_by: str
) -> dict[str, Any]:
    """The cancellation report as one SQL aggregate (agency-local dates, inclusive)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(user["time_zone"])
    lo = datetime.combine(start, datetime.min.time(), tz)
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
    args: list[Any] = [user["agency_id"], lo, hi]
    if group_by == "DAY":
        args.append(user["time_zone"])
    rows = await conn.fetch(REPORT_SQL[group_by], *args)
    currency = user["currency"]
    return {
        "data": {
            "cancellationReport": [
                {
                    "key": str(r["key"]),
                    "label": r["label"] or str(r["key"]),
                    "count": r["n"],
                    "billableCount": r["billable"],
                    "waivedCount": r["waived"],
                    "chargeTotal": _money(str(r["charge"]), currency),
                    "payoutTotal": _money(str(r["payout"]), currency),
                }
                for r in rows
            ]
        }
    }


# --- the HTTP app ---------------------------------------------------------------------------

USER_SQL = """SELECT u.id, u.name, u.role, u.active, u.agency_id, a.currency, a.time_zone
              FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1"""


def _json(body: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(body, default=_default), status_code=status, media_type="application/json"
    )


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError


def app_factory() -> Starlette:
    dsn = os.environ["BENCH_DSN"]
    secret = os.environ["DISPATCH_SECRET"]
    state: dict[str, asyncpg.Pool] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(dsn, min_size=2, max_size=10)
        try:
            yield
        finally:
            await state["pool"].close()

    async def with_user(request: Request, work: Any) -> Response:
        header = request.headers.get("authorization", "")
        try:
            claims = jwt.decode(
                header.partition(" ")[2],
                secret,
                algorithms=["HS256"],
                options={"verify_iss": False},
            )
        except jwt.PyJWTError:
            return _json({"errors": [{"message": "unauthenticated"}]}, 401)
        body = orjson.loads(await request.body() or b"{}")
        async with state["pool"].acquire() as conn:
            user = await conn.fetchrow(USER_SQL, int(claims["sub"]))
            if user is None or not user["active"]:
                return _json({"errors": [{"message": "unauthenticated"}]}, 401)
            return _json(await work(conn, dict(user), body))

    async def page_view(request: Request) -> Response:
        return await with_user(
            request,
            lambda c, u, b: page(c, u["agency_id"], int(b.get("first", 20)), b.get("after")),
        )

    async def cancel_mission_view(request: Request) -> Response:
        return await with_user(
            request,
            lambda c, u, b: cancel_mission(
                c, u, pk_of(b["missionId"]), b["reasonCode"], b["requestedBy"]
            ),
        )

    async def cancel_order_view(request: Request) -> Response:
        return await with_user(
            request,
            lambda c, u, b: cancel_order(
                c, u, pk_of(b["orderId"]), b["reasonCode"], b["requestedBy"]
            ),
        )

    async def report_view(request: Request) -> Response:
        return await with_user(
            request,
            lambda c, u, b: report(
                c, u, date.fromisoformat(b["from"]), date.fromisoformat(b["to"]), b["groupBy"]
            ),
        )

    async def healthz(request: Request) -> Response:
        return _json({"ok": True})

    return Starlette(
        routes=[
            Route("/page", page_view, methods=["POST"]),
            Route("/cancel-mission", cancel_mission_view, methods=["POST"]),
            Route("/cancel-order", cancel_order_view, methods=["POST"]),
            Route("/report", report_view, methods=["POST"]),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
