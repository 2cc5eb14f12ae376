"""On PostgreSQL, the Cancelled tab's pages are served by an index, not a scan, and a page
seeks to its cursor however many rows share its time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from tortoise.backends.asyncpg.client import AsyncpgDBClient

from models.cancellations import Cancellation
from resolvers.paging import encode_cursor
from resolvers.reporting import CancellationQuery, cancellations_page
from tests.factories import scope_of
from tests.service.reporting_data import Spec, add_cancellations, make_world

ROWS = 100_000

# Every NOT NULL column, one cancellation every 10 minutes from 2024-01-01 (about 23 months).
FILL = """
INSERT INTO cancellation (
  agency_id, mission_id, order_id, customer_id, cancelled_at, requested_at,
  cancelled_by_id, cancelled_by_name, cancelled_by_role, requested_by, reason_id,
  reason_code, reason_label, scope, billable, effective_window_minutes, window_source,
  scheduled_minutes, billable_minutes, charge, payout_total, currency, decision, waived,
  credit_note_required, reverted_at
)
SELECT $1, $2, $3, $4, t.at, t.at, $5, 'Olive Operator', 'OPERATOR', 'Front desk', $6,
  'WEATHER', 'Weather', 'THIS_OCCURRENCE', g % 2 = 0, 1440, 'AGENCY_DEFAULT', 60,
  CASE WHEN g % 2 = 0 THEN 60 ELSE 0 END, CASE WHEN g % 2 = 0 THEN 60 ELSE 0 END,
  CASE WHEN g % 2 = 0 THEN 30 ELSE 0 END, 'EUR', '{}'::jsonb, g % 10 = 0, false,
  CASE WHEN g % 50 = 0 THEN t.at + interval '1 hour' END
FROM generate_series(1, $7::int) AS g,
  LATERAL (SELECT timestamptz '2024-01-01 00:00+00' + g * interval '10 minutes' AS at) AS t
"""

PAYOUTS = """
INSERT INTO cancellation_payout (agency_id, cancellation_id, driver_id, amount)
SELECT c.agency_id, c.id, CASE WHEN c.id % 3 = 0 THEN $2::int ELSE $3::int END, 30
FROM cancellation c WHERE c.agency_id = $1 AND c.id <> $4
"""


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, list[Any]]]]:
    """Every SELECT sent through asyncpg, with its parameters."""
    seen: list[tuple[str, list[Any]]] = []
    original = AsyncpgDBClient.execute_query

    async def record(self: Any, query: str, values: list[Any] | None = None) -> Any:
        if query.lstrip().upper().startswith("SELECT"):
            seen.append((query, list(values or [])))
        return await original(self, query, values)

    monkeypatch.setattr(AsyncpgDBClient, "execute_query", record)
    yield seen


async def _explain(query: str, values: list[Any], *, analyze: bool = False) -> str:
    db = Cancellation._meta.db
    rows = await db.execute_query_dict(f"EXPLAIN {'ANALYZE ' if analyze else ''}{query}", values)
    return "\n".join(r["QUERY PLAN"] for r in rows)


@pytest.mark.postgres
@pytest.mark.parametrize("dialect", ["postgres"])
@pytest.mark.parametrize(
    "query",
    [
        CancellationQuery(cancelled_from=date(2025, 3, 1), cancelled_to=date(2025, 3, 31)),
        CancellationQuery(
            cancelled_from=date(2025, 3, 1), cancelled_to=date(2025, 3, 31), waived=False
        ),
        CancellationQuery(
            cancelled_from=date(2025, 3, 1), cancelled_to=date(2025, 3, 31), driver_id=0
        ),
        CancellationQuery(),
    ],
    ids=["date-range", "date-range-not-waived", "date-range-driver", "first-page"],
)
async def test_cancelled_tab_pages_use_an_index(
    db: str, dialect: str, captured: list[tuple[str, list[Any]]], query: CancellationQuery
) -> None:
    # given 100,000 cancellations in one agency (and a few real ones to hang them on)
    w = await make_world()
    dana, eli = w.drivers[0], w.drivers[1]
    (seed,) = await add_cancellations(
        w, [Spec(datetime(2023, 12, 31, tzinfo=UTC), w.customers[0], [dana])]
    )
    conn = Cancellation._meta.db
    await conn.execute_query(
        FILL,
        [
            w.agency.id,
            seed.mission_id,
            seed.order_id,
            seed.customer_id,
            w.operator.id,
            w.reasons["WEATHER"].id,
            ROWS,
        ],
    )
    await conn.execute_query(PAYOUTS, [w.agency.id, dana.id, eli.id, seed.id])
    await conn.execute_script("ANALYZE")
    if query.driver_id is not None:
        query = CancellationQuery(**{**query.__dict__, "driver_id": dana.id})
    # when the first two pages are read, counted (totalCount asked) and not
    scope = scope_of(w.operator)
    captured.clear()
    page = await cancellations_page(scope, query, 20, None)
    await cancellations_page(scope, query, 20, page.cursors[-1])
    await cancellations_page(scope, query, 20, page.cursors[-1], with_total=False)
    # then no statement scans the whole cancellation table
    assert page.total and page.total > 20
    selects = [(q, v) for q, v in captured if "cancellation" in q]
    assert len(selects) >= 3
    for sql, values in selects:
        if "COUNT(" in sql.upper() and query == CancellationQuery():
            continue  # counting a whole agency's list reads it all, whatever the plan
        # (the page's own plan is checked on the page read without its count)
        plan = await _explain(sql, values)
        assert "Seq Scan on cancellation " not in plan + " ", f"{sql}\n{plan}"
    # and the next page seeks to its cursor in the index rather than filtering up to it
    next_page, values = [(q, v) for q, v in selects if "COUNT(" not in q.upper()][-1]
    plan = await _explain(next_page, values)
    index_conds = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any("ROW(cancelled_at, id) <" in line for line in index_conds), plan


TIES = 20_000
TIE_AT = "timestamptz '2025-06-01 12:00+00'"


@pytest.mark.postgres
@pytest.mark.parametrize("dialect", ["postgres"])
async def test_a_page_inside_thousands_of_ties_starts_at_its_cursor(
    db: str, dialect: str, captured: list[tuple[str, list[Any]]]
) -> None:
    # given 20,000 cancellations made at the same instant (a cancelled order's missions)
    w = await make_world()
    (seed,) = await add_cancellations(
        w, [Spec(datetime(2023, 12, 31, tzinfo=UTC), w.customers[0], [w.drivers[0]])]
    )
    conn = Cancellation._meta.db
    fill = FILL.replace("timestamptz '2024-01-01 00:00+00' + g * interval '10 minutes'", TIE_AT)
    await conn.execute_query(
        fill,
        [
            w.agency.id,
            seed.mission_id,
            seed.order_id,
            seed.customer_id,
            w.operator.id,
            w.reasons["WEATHER"].id,
            TIES,
        ],
    )
    await conn.execute_script("ANALYZE")
    listed = """SELECT id, cancelled_at FROM cancellation WHERE agency_id = $1
        AND reverted_at IS NULL ORDER BY cancelled_at DESC, id DESC"""
    _, rows = await conn.execute_query(listed, [w.agency.id])
    middle = rows[TIES // 2]
    # when the page after the middle one of them is read
    captured.clear()
    page = await cancellations_page(
        scope_of(w.operator),
        CancellationQuery(),
        20,
        encode_cursor([middle["cancelled_at"], middle["id"]]),
        with_total=False,
    )
    # then it lists the 20 that follow, reading them and not the 10,000 ties before
    assert [r.id for r in page.rows] == [r["id"] for r in rows[TIES // 2 + 1 : TIES // 2 + 21]]
    ((sql, values),) = captured
    plan = await _explain(sql, values, analyze=True)
    removed = [int(n) for n in re.findall(r"Rows Removed by Filter: (\d+)", plan)]
    assert sum(removed) < 100, plan
