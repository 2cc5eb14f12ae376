"""The cancellation report: one GROUP BY in the database, exact to the cent, local days."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from resolvers.report import cancellation_report, offset_periods
from resolvers.reporting import ReportRangeError, local_days_to_utc
from tests.factories import gid, scope_of
from tests.service.reporting_data import Spec, World, add_cancellations, execute, make_world
from tests.sqlcount import count_statements

PARIS = ZoneInfo("Europe/Paris")
FIRST, LAST = date(2026, 3, 27), date(2026, 3, 31)  # spans the spring DST change (29 March)


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def _specs(w: World) -> list[Spec]:
    """Cancellations on every day of the range and just outside, with awkward cents."""
    globex, initech, umbrella = w.customers
    dana, eli, fay = w.drivers
    specs: list[Spec] = []
    codes = ["CUSTOMER_REQUEST", "WEATHER", "DUPLICATE", "OTHER"]
    customers = [globex, initech, umbrella]
    crews = [[dana], [eli, fay], [], [fay], [dana, eli]]
    charges = [Decimal("0.10"), Decimal("0.20"), Decimal("33.33"), Decimal("12345678.91")]
    day = FIRST - timedelta(days=1)
    i = 0
    while day <= LAST + timedelta(days=1):
        for hour, minute in [(0, 30), (1, 15), (2, 30), (3, 0), (12, 0), (23, 30)]:
            if day == date(2026, 3, 29) and hour == 2:
                continue  # 02:30 does not exist that night in Paris
            crew = crews[i % len(crews)]
            billable = i % 3 != 0
            specs.append(
                Spec(
                    _local(day, hour, minute),
                    customers[i % 3],
                    crew,
                    codes[i % 4],
                    billable=billable,
                    waived=billable and i % 5 == 0,
                    reverted=i % 7 == 0,
                    charge=charges[i % 4],
                    payouts=[Decimal("0.10") + Decimal(j) / 100 for j in range(len(crew))]
                    if billable
                    else None,
                )
            )
            i += 1
        day += timedelta(days=1)
    return specs


def _expected(w: World, specs: list[Spec], group_by: str) -> list[tuple[Any, ...]]:
    """The report computed in Python, the slow and obvious way."""
    start, end = local_days_to_utc(FIRST, LAST, "Europe/Paris")
    assert start is not None and end is not None
    groups: dict[str, list[Any]] = defaultdict(lambda: ["", 0, 0, 0, Decimal(0), Decimal(0)])

    def add(key: str, label: str, s: Spec, payout: Decimal) -> None:
        g = groups[key]
        billed = s.billable and not s.waived
        g[0] = label
        g[1] += 1
        g[2] += s.billable
        g[3] += s.waived
        g[4] += s.charge if billed else Decimal(0)
        g[5] += payout if billed else Decimal(0)

    for s in specs:
        if s.reverted or not start <= s.cancelled_at < end:
            continue
        amounts = s.payouts or [Decimal("0.00")] * len(s.drivers)
        if group_by == "REASON":
            add(s.reason_code, w.reasons[s.reason_code].label, s, sum(amounts, Decimal(0)))
        elif group_by == "CUSTOMER":
            add(gid("Customer", s.customer.id), s.customer.name, s, sum(amounts, Decimal(0)))
        elif group_by == "DAY":
            day = s.cancelled_at.astimezone(PARIS).date().isoformat()
            add(day, day, s, sum(amounts, Decimal(0)))
        else:
            for d, amount in zip(s.drivers, amounts, strict=True):
                add(gid("Driver", d.id), d.name, s, amount)
    rows = [(k, *v) for k, v in groups.items()]
    by_label = group_by in ("CUSTOMER", "DRIVER")
    return sorted(rows, key=lambda r: (r[1], r[0]) if by_label else r[0])


def _as_tuples(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            r["key"],
            r["label"],
            r["count"],
            r["billableCount"],
            r["waivedCount"],
            Decimal(r["chargeTotal"]["amount"]),
            Decimal(r["payoutTotal"]["amount"]),
        )
        for r in rows
    ]


REPORT = """
query Report($from: Date!, $to: Date!, $groupBy: CancellationReportGrouping!) {
  cancellationReport(from: $from, to: $to, groupBy: $groupBy) {
    key label count billableCount waivedCount
    chargeTotal { amount currency } payoutTotal { amount currency }
  }
}
"""


@pytest.mark.parametrize("group_by", ["REASON", "CUSTOMER", "DRIVER", "DAY"])
async def test_each_grouping_matches_the_cancellations_to_the_cent(db: str, group_by: str) -> None:
    # given cancellations across a DST change, some reverted, some waived, odd cents
    w = await make_world()
    specs = _specs(w)
    await add_cancellations(w, specs)
    # when a reporter asks for the report
    variables = {"from": FIRST.isoformat(), "to": LAST.isoformat(), "groupBy": group_by}
    body = await execute(REPORT, variables, user=w.reporter)
    # then every group is what the cancellations add up to, in the agency's currency
    assert "errors" not in body, body
    rows = body["data"]["cancellationReport"]
    assert _as_tuples(rows) == _expected(w, specs, group_by)
    assert {r["chargeTotal"]["currency"] for r in rows} == {"EUR"}


async def test_day_groups_follow_the_agency_clock_across_dst(db: str) -> None:
    # given cancellations just before and after local midnight around both DST changes
    w = await make_world()
    c = w.customers[0]
    times = [
        _local(date(2026, 3, 28), 23, 30),  # +01:00
        _local(date(2026, 3, 29), 0, 30),
        _local(date(2026, 3, 29), 23, 30),  # +02:00
        _local(date(2026, 3, 30), 0, 30),
        _local(date(2026, 10, 24), 23, 30),  # +02:00
        _local(date(2026, 10, 25), 0, 30),
        _local(date(2026, 10, 25), 23, 30),  # +01:00
        _local(date(2026, 10, 26), 0, 30),
    ]
    await add_cancellations(w, [Spec(t, c, billable=False) for t in times])
    # when reported by day over the whole period
    report = await cancellation_report(
        scope_of(w.reporter), date(2026, 3, 28), date(2026, 10, 26), "DAY"
    )
    # then each lands on its local day
    assert [(r.key, r.count) for r in report.rows] == [
        ("2026-03-28", 1),
        ("2026-03-29", 2),
        ("2026-03-30", 1),
        ("2026-10-24", 1),
        ("2026-10-25", 2),
        ("2026-10-26", 1),
    ]


async def test_report_totals_equal_the_cancelled_tab_listing(db: str) -> None:
    # given the same cancellations
    w = await make_world()
    await add_cancellations(w, _specs(w))
    dates = {"from": FIRST.isoformat(), "to": LAST.isoformat()}
    # when I list the billed ones of the range and ask for the report
    tab = await execute(
        """query($f: CancellationFilter) { cancellations(filter: $f, first: 200) {
             totalCount edges { node { waived decision { billable charge { amount }
             payouts { amount { amount } } } } } } }""",
        {"f": {"cancelledFrom": dates["from"], "cancelledTo": dates["to"]}},
        user=w.reporter,
    )
    report = await execute(REPORT, {**dates, "groupBy": "REASON"}, user=w.reporter)
    # then counts and money agree to the cent
    nodes = [e["node"] for e in tab["data"]["cancellations"]["edges"]]
    billed = [n for n in nodes if n["decision"]["billable"] and not n["waived"]]
    rows = report["data"]["cancellationReport"]
    assert sum(r["count"] for r in rows) == len(nodes) == tab["data"]["cancellations"]["totalCount"]
    assert sum(Decimal(r["chargeTotal"]["amount"]) for r in rows) == sum(
        Decimal(n["decision"]["charge"]["amount"]) for n in billed
    )
    assert sum(Decimal(r["payoutTotal"]["amount"]) for r in rows) == sum(
        Decimal(p["amount"]["amount"]) for n in billed for p in n["decision"]["payouts"]
    )
    assert sum(r["waivedCount"] for r in rows) == sum(n["waived"] for n in nodes)


@pytest.mark.parametrize("group_by", ["REASON", "CUSTOMER", "DRIVER", "DAY"])
async def test_the_report_is_one_aggregate_statement(db: str, group_by: str) -> None:
    # given many cancellations
    w = await make_world()
    await add_cancellations(w, _specs(w))
    # when the report runs
    with count_statements() as stmts:
        await cancellation_report(scope_of(w.reporter), FIRST, LAST, group_by)
    # then the database does the sums: the agency (time zone) and one GROUP BY
    assert len(stmts) == 2
    assert len(stmts.matching("GROUP BY")) == 1
    # and the GROUP BY alone when the caller's agency is at hand (as the API's is)
    with count_statements() as stmts:
        again = await cancellation_report(
            scope_of(w.reporter), FIRST, LAST, group_by, agency=w.agency
        )
    assert len(stmts) == 1 and again.rows


async def test_another_agency_is_not_in_my_report(db: str) -> None:
    mine, theirs = await make_world(), await make_world(name="Other")
    await add_cancellations(theirs, [Spec(_local(FIRST, 12), theirs.customers[0])])
    report = await cancellation_report(scope_of(mine.reporter), FIRST, LAST, "REASON")
    assert report.rows == []


async def test_a_bad_range_is_refused(db: str) -> None:
    w = await make_world()
    scope = scope_of(w.reporter)
    with pytest.raises(ReportRangeError):
        await cancellation_report(scope, LAST, FIRST, "DAY")
    with pytest.raises(ReportRangeError):
        await cancellation_report(scope, date(2020, 1, 1), date(2026, 1, 1), "DAY")
    body = await execute(
        REPORT, {"from": "2026-03-31", "to": "2026-03-01", "groupBy": "DAY"}, user=w.reporter
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_offset_periods_find_the_transitions() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    end = datetime(2027, 1, 1, tzinfo=UTC)
    assert offset_periods("Europe/Paris", start, end) == [
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 60),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 120),
        (end, 60),
    ]
    assert offset_periods("UTC", start, end) == [(end, 0)]
    assert offset_periods("Asia/Kolkata", start, end) == [(end, 330)]
