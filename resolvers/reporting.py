"""Read side of cancellations: the Cancelled tab's filter and Pending Review (the report
is in `resolvers/report.py`).

Dates a person picks ("cancelled from 1 March to 31 March") are the agency's local
calendar days; they become half-open UTC bounds `[start, end)` here, with the agency's
IANA zone, so that 23:30 local on the last day is in and 00:30 the day after is out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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
    zone: str | None = None,
) -> Page[Cancellation]:
    """One page of the Cancelled tab, newest first (raises PageError); the rows `joins`
    point to go into `store`. `zone`: the agency's time zone when the caller has it (else
    it is read when a date filter needs it)."""
    if f.cancelled_from is None and f.cancelled_to is None:
        zone = "UTC"
    elif zone is None:
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
