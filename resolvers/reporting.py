"""Read side of cancellations: the Cancelled tab's filter, Pending Review, and the report.

Dates a person picks ("cancelled from 1 March to 31 March") are the agency's local
calendar days; they become half-open UTC bounds `[start, end)` here, with the agency's
IANA zone, so that 23:30 local on the last day is in and 00:30 the day after is out.
The report is one GROUP BY statement per call, written per dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from models.agency import Agency
from models.billing import PendingReviewItem
from models.cancellations import Cancellation
from resolvers import validation as v
from resolvers.joins import Join
from resolvers.limits import CODE_MAX
from resolvers.paging import Conditions, Key, Page, sql_page
from resolvers.scope import Scope
from resolvers.sql import Statement

NEWEST_FIRST = [Key("cancelled_at", descending=True), Key("id", descending=True)]
OLDEST_FIRST = [Key("id")]
MAX_REPORT_DAYS = 731
GROUPINGS = ("REASON", "CUSTOMER", "DRIVER", "DAY", "TIER")


class ReportRangeError(ValueError):
    """A report's `from`/`to` that cannot be reported on."""


@dataclass(frozen=True)
class CancellationQuery:
    """What the Cancelled tab asks for; None means "any"."""

    cancelled_from: date | None = None
    cancelled_to: date | None = None
    customer_search: str | None = None
    reason_codes: list[str] | None = None
    billable: bool | None = None
    waived: bool | None = None
    driver_id: int | None = None
    include_reverted: bool = False


def local_days_to_utc(
    first: date | None, last: date | None, zone: str
) -> tuple[datetime | None, datetime | None]:
    """The UTC bounds `[start, end)` of the agency-local days `first`..`last`, inclusive."""
    tz = ZoneInfo(zone)

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)

    try:
        start = midnight(first) if first is not None else None
        end = midnight(last + timedelta(days=1)) if last is not None else None
    except OverflowError:
        raise ReportRangeError("The dates must be between the years 2000 and 2200.") from None
    return start, end


async def agency_zone(scope: Scope) -> Agency:
    """The caller's agency row (time zone and currency)."""
    return await Agency.get(id=scope.agency_id)


def cancellation_conditions(scope: Scope, zone: str, f: CancellationQuery) -> Conditions:
    """The agency's cancellations matching every given filter, as SQL conditions (a search
    or a list of codes past its limit is an ArgumentError on `filter`)."""
    start, end = local_days_to_utc(f.cancelled_from, f.cancelled_to, zone)
    search = v.search_text(f.customer_search, "filter", "customerSearch")
    codes = None
    if f.reason_codes is not None:
        listed = v.listed_codes(f.reason_codes, "filter", "reasonCodes")
        # A code longer than the column (or with a NUL) matches nothing: it is no code of ours.
        codes = [c for c in listed if len(c) <= CODE_MAX and "\x00" not in c]

    def conditions(sql: Statement) -> list[str]:
        where = [f't."agency_id" = {sql.bind(scope.agency_id)}']
        if not f.include_reverted:
            where.append('t."reverted_at" IS NULL')
        if start is not None:
            where.append(f't."cancelled_at" >= {sql.bind(start)}')
        if end is not None:
            where.append(f't."cancelled_at" < {sql.bind(end)}')
        if search:
            where.append(
                't."customer_id" IN (SELECT cu."id" FROM "customer" cu WHERE '
                f'cu."agency_id" = {sql.bind(scope.agency_id)} AND {sql.contains("cu.name", search)})'
            )
        if codes is not None:
            where.append(sql.one_of('t."reason_code"', codes, "text"))
        if f.billable is not None:
            where.append(f't."billable" = {sql.bind(f.billable)}')
        if f.waived is not None:
            where.append(f't."waived" = {sql.bind(f.waived)}')
        if f.driver_id is not None:
            # The cancellation records one payout row per driver assigned when it happened
            # (0.00 when not billable), so this is "drivers assigned at cancellation".
            where.append(
                't."id" IN (SELECT p."cancellation_id" FROM "cancellation_payout" p WHERE '
                f'p."agency_id" = {sql.bind(scope.agency_id)} '
                f'AND p."driver_id" = {sql.bind(f.driver_id)})'
            )
        return where

    return conditions


async def cancellations_page(
    scope: Scope,
    f: CancellationQuery,
    first: int | None,
    after: str | None,
    *,
    with_total: bool = True,
    joins: Sequence[Join] = (),
    store: Any = None,
) -> Page[Cancellation]:
    """One page of the Cancelled tab, newest first (raises PageError); the rows `joins`
    point to go into `store`."""
    zone = "UTC"
    if f.cancelled_from is not None or f.cancelled_to is not None:
        zone = (await agency_zone(scope)).time_zone
    conditions = cancellation_conditions(scope, zone, f)
    return await sql_page(
        Cancellation,
        conditions,
        NEWEST_FIRST,
        first=first,
        after=after,
        with_total=with_total,
        joins=joins,
        store=store,
    )


async def pending_review_page(
    scope: Scope,
    first: int | None,
    after: str | None,
    *,
    with_total: bool = True,
    joins: Sequence[Join] = (),
    store: Any = None,
) -> Page[PendingReviewItem]:
    """Items neither withdrawn nor invoiced, oldest first; waived ones stay (toggleable)."""

    def conditions(sql: Statement) -> list[str]:
        return [
            f't."agency_id" = {sql.bind(scope.agency_id)}',
            't."invoiced_at" IS NULL',
            't."withdrawn_at" IS NULL',
        ]

    return await sql_page(
        PendingReviewItem,
        conditions,
        OLDEST_FIRST,
        first=first,
        after=after,
        with_total=with_total,
        joins=joins,
        store=store,
    )


@dataclass(frozen=True)
class ReportRow:
    """One group of the cancellation report; money in the agency's currency.

    `key` is the reason code, the ISO date, or (with `pk`) the customer's or driver's id.
    """

    key: str
    label: str
    pk: int | None
    count: int
    billable_count: int
    waived_count: int
    charge_total: Decimal
    payout_total: Decimal


@dataclass(frozen=True)
class Report:
    """The report's rows and the agency currency of its money."""

    currency: str
    rows: list[ReportRow]


def offset_periods(zone: str, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offsets over `[start, end)`: (until, offset minutes), the last until `end`."""
    tz = ZoneInfo(zone)

    def offset(at: datetime) -> int:
        delta = at.astimezone(tz).utcoffset()
        return int(delta.total_seconds() // 60) if delta is not None else 0

    periods: list[tuple[datetime, int]] = []
    cursor, current = start, offset(start)
    while cursor < end:
        step = min(cursor + timedelta(days=1), end)
        if step < end and offset(step) != current:
            # Bisect on whole seconds: offset(low) == current != offset(high).
            low, high = int(cursor.timestamp()), int(step.timestamp())
            while high - low > 1:
                mid = (low + high) // 2
                if offset(datetime.fromtimestamp(mid, UTC)) == current:
                    low = mid
                else:
                    high = mid
            cursor = datetime.fromtimestamp(high, UTC)
            periods.append((cursor, current))
            current = offset(cursor)
        else:
            cursor = step
    periods.append((end, current))
    return periods


class _Sql:
    """Placeholders and per-dialect expressions for one statement."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}" if self.dialect == "postgres" else "?"

    def cents(self, column: str) -> str:
        # SQLite keeps decimals as text and would sum them as floats: sum whole cents.
        if self.dialect == "sqlite":
            return f"CAST(ROUND({column} * 100) AS INTEGER)"
        return column

    def local_day(self, zone: str, start: datetime, end: datetime) -> str:
        if self.dialect == "postgres":
            return f"CAST((c.cancelled_at AT TIME ZONE {self.param(zone)}) AS DATE)"
        periods = offset_periods(zone, start, end)
        *changes, (_, last) = periods
        whens = " ".join(
            f"WHEN c.cancelled_at < {self.param(until)} THEN date(c.cancelled_at, '{mins:+d} minutes')"
            for until, mins in changes
        )
        otherwise = f"date(c.cancelled_at, '{last:+d} minutes')"
        return f"CASE {whens} ELSE {otherwise} END" if whens else otherwise


async def cancellation_report(scope: Scope, first: date, last: date, group_by: str) -> Report:
    """Counts and totals per group of the cancellations made on local days first..last.

    Reverted cancellations are left out. chargeTotal sums what is actually billed: the
    charge of billable cancellations not waived; payoutTotal likewise. For DRIVER the
    groups come from the payout rows: a cancellation counts once for each of its drivers.
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by}")
    if last < first:
        raise ReportRangeError("to must be on or after from.")
    if (last - first).days + 1 > MAX_REPORT_DAYS:
        raise ReportRangeError(f"A report covers at most {MAX_REPORT_DAYS} days.")
    agency = await agency_zone(scope)
    start, end = local_days_to_utc(first, last, agency.time_zone)
    assert start is not None and end is not None
    db = Cancellation._meta.db
    sql = _Sql(db.capabilities.dialect)
    payout = "c.payout_total"
    joins = ""
    if group_by == "REASON":
        key, label, order = "c.reason_code", "MAX(c.reason_label)", "1"
    elif group_by == "CUSTOMER":
        key, label, order = "c.customer_id", "MAX(cu.name)", "2, 1"
        joins = "JOIN customer cu ON cu.id = c.customer_id"
    elif group_by == "DRIVER":
        key, label, order, payout = "p.driver_id", "MAX(d.name)", "2, 1", "p.amount"
        joins = "JOIN cancellation_payout p ON p.cancellation_id = c.id JOIN driver d ON d.id = p.driver_id"
    elif group_by == "TIER":  # issue 15: 0 is no tier (free); before tiers, billable is tier 1
        key = "COALESCE(c.tier, CASE WHEN c.billable THEN 1 ELSE 0 END)"
        label, order = "NULL", "1"
    else:
        key = sql.local_day(agency.time_zone, start, end)
        label, order = "NULL", "1"
    billed = "c.billable AND NOT c.waived"
    statement = (
        f"SELECT {key} AS k, {label} AS label, COUNT(*) AS n, "
        "SUM(CASE WHEN c.billable THEN 1 ELSE 0 END) AS billable_n, "
        "SUM(CASE WHEN c.waived THEN 1 ELSE 0 END) AS waived_n, "
        f"SUM(CASE WHEN {billed} THEN {sql.cents('c.charge')} ELSE 0 END) AS charge_total, "
        f"SUM(CASE WHEN {billed} THEN {sql.cents(payout)} ELSE 0 END) AS payout_total "
        f"FROM cancellation c {joins} "
        f"WHERE c.agency_id = {sql.param(scope.agency_id)} AND c.reverted_at IS NULL "
        f"AND c.cancelled_at >= {sql.param(start)} AND c.cancelled_at < {sql.param(end)} "
        f"GROUP BY 1 ORDER BY {order}"
    )
    rows = await db.execute_query_dict(statement, sql.params)
    return Report(agency.currency, [_report_row(r, group_by, sql.dialect) for r in rows])


def _report_row(r: dict[str, Any], group_by: str, dialect: str) -> ReportRow:
    def money(value: Any) -> Decimal:
        if dialect == "sqlite":
            return (Decimal(int(value or 0)) / 100).quantize(Decimal("0.01"))
        return Decimal(value or 0).quantize(Decimal("0.01"))

    raw = r["k"]
    pk = int(raw) if group_by in ("CUSTOMER", "DRIVER") else None
    key = raw.isoformat() if isinstance(raw, date) else str(raw)
    label = str(r["label"]) if r["label"] is not None else key
    if group_by == "TIER":
        key, label = ("NONE", "No tier: free") if not raw else (key, f"Tier {key}")
    return ReportRow(
        key=key,
        label=label,
        pk=pk,
        count=int(r["n"]),
        billable_count=int(r["billable_n"] or 0),
        waived_count=int(r["waived_n"] or 0),
        charge_total=money(r["charge_total"]),
        payout_total=money(r["payout_total"]),
    )
