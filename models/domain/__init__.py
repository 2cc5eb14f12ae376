"""The pure domain: statuses and the transition table, the billing decision, cascade
plans, series expansion, domain errors and events. No ORM, no web framework, no I/O.
"""

from __future__ import annotations

from models.domain.billing import (
    BillingDecision,
    DriverTerms,
    Payout,
    PolicySnapshot,
    PolicySource,
    decide_billing,
    validate_requested_at,
)
from models.domain.cascade import (
    MissionFacts,
    PlannedMission,
    PreviewAction,
    SeriesScope,
    plan_errors,
    plan_order_cancellation,
    plan_series_cancellation,
)
from models.domain.errors import DomainError, ErrorCode, UserError
from models.domain.events import DomainEvent
from models.domain.series import expand_series
from models.domain.statuses import (
    TERMINAL,
    TRANSITIONS,
    MissionStatus,
    OrderStatus,
    check_transition,
    check_uncancel,
    derive_order_status,
    label,
    status_after_assignments,
)

__all__ = [
    "TERMINAL",
    "TRANSITIONS",
    "BillingDecision",
    "DomainError",
    "DomainEvent",
    "DriverTerms",
    "ErrorCode",
    "MissionFacts",
    "MissionStatus",
    "OrderStatus",
    "Payout",
    "PlannedMission",
    "PolicySnapshot",
    "PolicySource",
    "PreviewAction",
    "SeriesScope",
    "UserError",
    "check_transition",
    "check_uncancel",
    "decide_billing",
    "derive_order_status",
    "expand_series",
    "label",
    "plan_errors",
    "plan_order_cancellation",
    "plan_series_cancellation",
    "status_after_assignments",
    "validate_requested_at",
]
