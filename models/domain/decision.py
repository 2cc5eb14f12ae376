"""The billing decision as it is stored with a cancellation and shown (SPEC §3, issue 15)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

ZERO = Decimal("0.00")


class PolicySource(enum.StrEnum):
    """Whose cancellation window won the decision."""

    CUSTOMER = "CUSTOMER"
    DRIVER = "DRIVER"
    AGENCY_DEFAULT = "AGENCY_DEFAULT"


@dataclass(frozen=True)
class Payout:
    """What one assigned driver is paid for a billable cancellation."""

    driver_id: int
    amount: Decimal


@dataclass(frozen=True)
class BillingDecision:
    """The outcome of :func:`decide_billing`, stored with the cancellation and its events.

    When not billable, ``billable_minutes`` is 0, ``charge`` is 0.00 and every
    assigned driver is still listed in ``payouts`` (0.00 unless the policy's own payout
    schedule pays them); the window, its source and the scheduled minutes are recorded
    either way. ``tier`` is the 1-based position of the tier that applied (None: no
    tier, free); ``notice_minutes`` / ``business_notice_minutes`` the notice measured
    (business time only under a policy with a calendar); ``policy_id`` /
    ``policy_version`` the version booked (None: the old single window). Decisions
    stored before issue 15 have no tier or notice recorded (None).
    """

    billable: bool
    effective_window_minutes: int
    window_source: PolicySource
    scheduled_minutes: int
    billable_minutes: int
    charge: Decimal
    payouts: tuple[Payout, ...]
    currency: str
    judged_at: datetime
    tier: int | None = None
    # Which of the policy's schedules priced it (1-based; None: the policy's own tiers).
    schedule: int | None = None
    policy_id: int | None = None
    policy_version: int | None = None
    # Measurements, not terms: a decision of the old single window is stored in the
    # shape SPEC §3 gave it (the cancellation row keeps its notice in columns).
    notice_minutes: int | None = field(default=None, compare=False)
    business_notice_minutes: int | None = field(default=None, compare=False)
    explanation: str = field(default="", compare=False)

    @property
    def payout_total(self) -> Decimal:
        """Sum of the payouts (each already rounded to the cent)."""
        return sum((payout.amount for payout in self.payouts), ZERO)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (camelCase keys, Decimals as strings, ``judgedAt`` ISO-8601).

        A decision under a policy version also has its tier, notice, version and
        sentence; one of the old single window keeps the old shape.
        """
        data: dict[str, Any] = {
            "billable": self.billable,
            "effectiveWindowMinutes": self.effective_window_minutes,
            "windowSource": self.window_source.value,
            "scheduledMinutes": self.scheduled_minutes,
            "billableMinutes": self.billable_minutes,
            "charge": str(self.charge),
            "payouts": [
                {"driverId": payout.driver_id, "amount": str(payout.amount)}
                for payout in self.payouts
            ],
            "currency": self.currency,
            "judgedAt": self.judged_at.isoformat(),
        }
        if self.policy_id is not None:
            data |= {
                "tier": self.tier,
                "schedule": self.schedule,
                "noticeMinutes": self.notice_minutes,
                "businessNoticeMinutes": self.business_notice_minutes,
                "policyId": self.policy_id,
                "policyVersion": self.policy_version,
                "explanation": self.explanation,
            }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BillingDecision:
        """Rebuild a decision from :meth:`to_dict`'s output."""
        return cls(
            billable=bool(data["billable"]),
            effective_window_minutes=int(data["effectiveWindowMinutes"]),
            window_source=PolicySource(data["windowSource"]),
            scheduled_minutes=int(data["scheduledMinutes"]),
            billable_minutes=int(data["billableMinutes"]),
            charge=Decimal(data["charge"]),
            payouts=tuple(
                Payout(int(payout["driverId"]), Decimal(payout["amount"]))
                for payout in data["payouts"]
            ),
            currency=str(data["currency"]),
            judged_at=datetime.fromisoformat(data["judgedAt"]),
            tier=_optional_int(data["tier"]) if "policyId" in data else _legacy_tier(data),
            schedule=_optional_int(data.get("schedule")),
            notice_minutes=_optional_int(data.get("noticeMinutes")),
            business_notice_minutes=_optional_int(data.get("businessNoticeMinutes")),
            policy_id=_optional_int(data.get("policyId")),
            policy_version=_optional_int(data.get("policyVersion")),
            explanation=str(data.get("explanation") or _legacy_explanation(data)),
        )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _legacy_tier(data: dict[str, Any]) -> int | None:
    return 1 if data["billable"] else None


def _legacy_explanation(data: dict[str, Any]) -> str:
    """The sentence of a decision stored before decisions explained themselves."""
    window = f"{data['effectiveWindowMinutes']}-minute cancellation window"
    if data["billable"]:
        return f"Cancelled inside the {window}: {data['charge']} {data['currency']}."
    return f"Cancelled before the {window}: nothing to pay."


# Among equal windows the party that actually set its own wins, customer first.
