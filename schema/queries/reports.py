"""Reports for reporting tools: the cancellation report, computed by the database."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from resolvers.report import ReportRow, cancellation_report
from resolvers.reporting import ReportRangeError
from schema import permissions as p
from schema.context import Info
from schema.enums import CancellationReportGrouping
from schema.errors_gql import bad_argument
from schema.ids import to_global_id
from schema.types.common import Money

_KEY_TYPES = {"CUSTOMER": "Customer", "DRIVER": "Driver"}


@strawberry.type(
    description="One group of the cancellation report (reverted cancellations excluded). A "
    "late reschedule, billed as a cancellation of the original time, counts as one."
)
class CancellationReportRow:
    key: str = strawberry.field(
        description="The group: reason code, LATE-RESCHEDULE for late reschedules (REASON), "
        "customer's global id (CUSTOMER), "
        "driver's global id (DRIVER), ISO date in the agency's time zone (DAY), or the tier "
        "number, NONE when no tier applied (TIER)."
    )
    label: str = strawberry.field(
        description="What to show: reason label, customer name, driver name, the ISO date, "
        'or "Tier 2" / "No tier: free".'
    )
    count: int = strawberry.field(description="How many cancellations the group has.")
    billable_count: int = strawberry.field(
        description="How many of them the policy made billable (waived ones included)."
    )
    waived_count: int = strawberry.field(description="How many of them had billing waived.")
    charge_total: Money = strawberry.field(
        description="What is actually billed: the charges of billable cancellations and late "
        "reschedules not waived, less the rebooked slot credits the operator confirmed. "
        "By DRIVER, a cancellation's charge counts in each of its drivers' groups."
    )
    payout_total: Money = strawberry.field(
        description="What is actually paid out for cancellations and late reschedules not "
        "waived (under a policy's payout tiers a driver may be paid where the customer pays "
        "nothing); by DRIVER, that driver's own payouts."
    )

    @classmethod
    def of(cls, row: ReportRow, group_by: str, currency: str) -> CancellationReportRow:
        key = row.key
        if row.pk is not None:
            key = to_global_id(_KEY_TYPES[group_by], row.pk)
        return cls(
            key=key,
            label=row.label,
            count=row.count,
            billable_count=row.billable_count,
            waived_count=row.waived_count,
            # The report's sums are to the cent already (resolvers/report.py).
            charge_total=Money(amount=row.charge_total, currency=currency),  # type: ignore[arg-type]
            payout_total=Money(amount=row.payout_total, currency=currency),  # type: ignore[arg-type]
        )


@strawberry.type
class ReportsQuery:
    @strawberry.field(
        description="Cancellations made on agency-local days from..to (inclusive, at most "
        "731 days), grouped; one row per group that has any, computed by the database.",
        permission_classes=[p.READERS],
    )
    async def cancellation_report(
        self,
        info: Info,
        from_: Annotated[
            date, strawberry.argument(name="from", description="First agency-local day, inclusive.")
        ],
        to: Annotated[date, strawberry.argument(description="Last agency-local day, inclusive.")],
        group_by: Annotated[
            CancellationReportGrouping, strawberry.argument(description="How to group.")
        ],
    ) -> list[CancellationReportRow]:
        try:
            report = await cancellation_report(
                info.context.scope, from_, to, group_by.name, agency=info.context.agency
            )
        except ReportRangeError as exc:
            raise bad_argument(str(exc), "to") from exc
        return [CancellationReportRow.of(r, group_by.name, report.currency) for r in report.rows]
