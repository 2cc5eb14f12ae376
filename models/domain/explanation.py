"""The one sentence a dispatcher reads to a customer about a billing decision (issue 15)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.domain.tiers import Tier, describe_duration, describe_tier

if TYPE_CHECKING:
    from models.domain.decision import BillingDecision, PolicySource
    from models.domain.policies import CancellationTerms

_WINDOW_OWNER = {
    "CUSTOMER": "the customer's",
    "DRIVER": "an assigned driver's",
    "AGENCY_DEFAULT": "the agency's",
}


def _notice(decision: BillingDecision, started: bool) -> str:
    if started:
        return "Cancelled once the mission had started"
    text = f"Cancelled with {describe_duration(decision.notice_minutes or 0)} notice"
    if decision.business_notice_minutes is not None:
        business = describe_duration(decision.business_notice_minutes)
        text += f" ({business} of business time)"
    return text


def explain(
    decision: BillingDecision,
    tier: Tier | None,
    full: Decimal,
    terms: CancellationTerms | None,
    source: PolicySource,
    *,
    started: bool,
) -> str:
    """``Cancelled with 20 h notice (6 h of business time): tier 2 of policy "Standard" v3,
    50% of the charge for notice up to 2 d, bills 60.00 of 120.00 EUR.``"""
    currency = decision.currency
    said = _notice(decision, started)
    if terms is None:
        window = f"{_WINDOW_OWNER[source.value]} {decision.effective_window_minutes}-minute window"
        if decision.billable:
            return f"{said}, inside {window}: {decision.charge} {currency}."
        return f"{said}, before {window}: nothing to pay."
    # ``policy "Standard" v3`` and, when a schedule priced it, ``for SUV missions``.
    of = terms.label
    if decision.schedule is not None:
        of += " " + terms.schedules[decision.schedule - 1].described
    if tier is None:
        return f"{said}, more than every tier of {of} covers: nothing to pay."
    share = describe_tier(tier, currency)
    where = f"tier {decision.tier} of {of}, {share}"
    if not decision.billable:
        return f"{said}: {where}: nothing to pay."
    return f"{said}: {where}: {decision.charge} of the full {full} {currency}."
