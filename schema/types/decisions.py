"""The billing decision a cancellation got (or would get), and its payouts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models.domain.billing import BillingDecision as Decision
from models.domain.billing import PolicySource
from models.people import Driver as DriverRow
from schema.planning import to_one
from schema.types.common import Money
from schema.types.people import Driver


@strawberry.type(description="What one driver is paid for a billable cancellation.")
class Payout:
    driver_id: strawberry.Private[int]
    amount: Money = strawberry.field(description="The amount paid to the driver.")

    driver = to_one(
        DriverRow,
        lambda p: p.driver_id,
        lambda row: Driver.of(row),
        graphql_type=Driver,
        description="The driver paid.",
    )


@strawberry.type(
    description="Whether a cancellation is billable under the policies in force, and for how much."
)
class BillingDecision:
    billable: bool = strawberry.field(
        description="Inside the effective window (or after the start)."
    )
    effective_window_minutes: int = strawberry.field(
        description="The largest window of the parties."
    )
    window_source: PolicySource = strawberry.field(description="Whose window won.")
    scheduled_minutes: int = strawberry.field(
        description="Scheduled length, rounded up to the minute."
    )
    billable_minutes: int = strawberry.field(
        description="max(scheduled, minimum billing); 0 when not billable."
    )
    charge: Money = strawberry.field(
        description="What the customer is charged (zero when not billable)."
    )
    payouts: list[Payout] = strawberry.field(description="What each assigned driver is paid.")
    judged_at: datetime = strawberry.field(
        description="The moment judged: when the customer asked."
    )
    tier: int | None = strawberry.field(
        description="The policy tier that applied (1 is the nearest to the start); "
        "null when none did (free). Under the old single window, 1 when billable."
    )
    schedule: int | None = strawberry.field(
        description="Which of the policy's schedules priced it (1 is its first); null: the "
        "policy's own tiers, or no policy."
    )
    notice_minutes: int | None = strawberry.field(
        description="The notice given, in whole minutes of calendar time (0 once started); "
        "null for a decision stored before notices were recorded."
    )
    business_notice_minutes: int | None = strawberry.field(
        description="The notice given, in whole minutes of the agency's business time; "
        "null when the policy has no working calendar."
    )
    policy_version: int | None = strawberry.field(
        description="The version of the policy the mission was booked under; "
        "null: the old single window."
    )
    explanation: str = strawberry.field(
        description="The decision in one sentence a dispatcher can read to the customer."
    )

    @classmethod
    def of(cls, d: Decision) -> BillingDecision:
        return cls(
            billable=d.billable,
            effective_window_minutes=d.effective_window_minutes,
            window_source=d.window_source,
            scheduled_minutes=d.scheduled_minutes,
            billable_minutes=d.billable_minutes,
            charge=Money.of(d.charge, d.currency),
            payouts=[
                Payout(driver_id=p.driver_id, amount=Money.of(p.amount, d.currency))
                for p in d.payouts
            ],
            judged_at=d.judged_at,
            tier=d.tier,
            schedule=d.schedule,
            notice_minutes=d.notice_minutes,
            business_notice_minutes=d.business_notice_minutes,
            policy_version=d.policy_version,
            explanation=d.explanation,
        )
