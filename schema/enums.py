"""GraphQL enums: the domain's enums, each value described for reporting tools."""

from __future__ import annotations

import enum
from typing import TypeVar

import strawberry

from models.agency import InvoicedCancellation, Role
from models.billing import InvoiceStatus
from models.domain.billing import PolicySource
from models.domain.cascade import PreviewAction, SeriesScope
from models.domain.errors import ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.domain.tiers import NoticeUnit
from models.orders import NoShowFeeState
from models.webhooks import DeliveryStatus, WebhookAudience

E = TypeVar("E", bound=enum.Enum)


def _described(cls: type[E], description: str, values: dict[str, str]) -> type[E]:
    missing = {m.name for m in cls} - set(values)
    assert not missing, f"{cls.__name__}: undescribed values {missing}"
    strawberry.enum(cls, description=description)
    for value in cls.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = values[value.name]
    return cls


_described(
    WebhookAudience,
    "Whose notices a webhook endpoint receives.",
    {
        "DISPATCH": "The dispatch board's notices (those of dispatchNotices).",
        "DRIVERS": "Every driver's notices (those of driverNotices), each naming its driver.",
    },
)
_described(
    DeliveryStatus,
    "Where a webhook delivery stands.",
    {
        "PENDING": "Not delivered yet: in flight, waiting for its turn, or for a retry.",
        "DELIVERED": "The receiver answered 2xx.",
        "FAILED": "Every retry failed for the whole retry period; redeliver sends it again.",
    },
)
_described(
    Role,
    "What a signed-in user may do.",
    {
        "ADMIN": "Everything in the agency, including settings and reference data.",
        "OPERATOR": "Orders, missions, cancellations, billing review and dispatch notices.",
        "DRIVER": "Their own missions and notices only (the driver app).",
        "REPORTER": "Read-only queries and reports.",
    },
)
_described(
    MissionStatus,
    "Where a mission stands in its lifecycle.",
    {
        "PENDING_ASSIGNMENT": "No driver assigned yet (unfilled).",
        "ASSIGNED": "Drivers are assigned; not every one has accepted.",
        "ACCEPTED_BY_DRIVER": "Every assigned driver accepted.",
        "IN_PROGRESS": "The mission has started.",
        "COMPLETED": "The mission was carried out.",
        "CANCELLED": "The mission was cancelled.",
        "NO_SHOW": "The customer did not show up; the driver's arrival is recorded.",
    },
)
_described(
    OrderStatus,
    "An order's status, derived from its missions.",
    {
        "OPEN": "Some mission is pending, assigned or accepted.",
        "IN_PROGRESS": "Some mission is in progress.",
        "COMPLETED": "Every mission ended and at least one was carried out.",
        "CANCELLED": "The order was cancelled, or every mission was.",
        "NO_SHOW": "Every mission was a no-show.",
    },
)
_described(
    SeriesScope,
    "Which occurrences of a recurring series a cancellation covers.",
    {
        "THIS_OCCURRENCE": "Only this occurrence.",
        "THIS_AND_FOLLOWING": "This occurrence and every later one.",
        "WHOLE_SERIES": "Every occurrence of the series.",
    },
)
_described(
    PolicySource,
    "Whose cancellation window decided the billing.",
    {
        "CUSTOMER": "The customer's own window.",
        "DRIVER": "An assigned driver's own window.",
        "AGENCY_DEFAULT": "The agency's default window.",
    },
)
_described(
    NoticeUnit,
    "How a policy tier counts notice.",
    {
        "CALENDAR": "Wall time, every minute counts.",
        "BUSINESS": "Only the agency's working hours on working days that are not holidays.",
    },
)
_described(
    InvoicedCancellation,
    "What cancelling a mission on an issued invoice does.",
    {
        "BLOCK": "Refused with ALREADY_INVOICED.",
        "ALLOW_WITH_CREDIT_NOTE": "Cancelled; the invoice stays and a credit note is required.",
    },
)
_described(
    NoShowFeeState,
    "Where a mission stands on the agency's no-show fee.",
    {
        "NOT_APPLICABLE": "No no-show, or the agency has no no-show fee.",
        "PENDING": "A no-show with a configured fee, waiting for the operator's decision.",
        "ADDED": "The fee was added to the invoice or to Pending Review.",
        "WAIVED": "The operator waived the fee.",
    },
)
_described(
    InvoiceStatus,
    "An invoice's status.",
    {
        "DRAFT": "Being prepared; its lines can still change.",
        "ISSUED": "Numbered and final; its missions count as invoiced.",
    },
)
_described(
    PreviewAction,
    "What a cancellation would do to one mission.",
    {
        "CANCEL": "The mission would be cancelled.",
        "NEEDS_CONFIRMATION": "In progress: cancelled only with an explicit decision.",
        "UNCHANGED": "The mission would be left as it is (see reason).",
    },
)
_described(
    ErrorCode,
    "Why a mutation was refused.",
    {
        "NOT_FOUND": "No such record in your agency.",
        "REQUIRED": "A required input is missing or blank.",
        "INVALID": "An input is malformed or out of range.",
        "INVALID_REASON": "The reason code is unknown or inactive.",
        "INVALID_TRANSITION": "The mission's status does not allow this change.",
        "ALREADY_CANCELLED": "The mission is already cancelled.",
        "ALREADY_INVOICED": "The mission or cancellation is on an issued invoice.",
        "CONFIRMATION_REQUIRED": "Missions in progress need an explicit decision.",
        "UNCANCEL_WINDOW_PASSED": "The mission's end time has passed; it cannot be reopened.",
        "SLOT_CONFLICT": "The driver already has a mission in that time slot.",
        "NOT_BILLABLE": "The cancellation is not billable, so there is nothing to waive.",
        "IDEMPOTENCY_KEY_REUSED": "The idempotency key was used for a different request.",
        "CONFLICT": "A concurrent change got there first; reload and try again.",
    },
)


@strawberry.enum(description="Which decision the operator takes on a pending no-show fee.")
class NoShowFeeDecision(enum.Enum):
    ADD = strawberry.enum_value("ADD", description="Bill the agency's no-show fee.")
    WAIVE = strawberry.enum_value("WAIVE", description="Bill nothing, and record why.")


@strawberry.enum(description="How the cancellation report groups cancellations.")
class CancellationReportGrouping(enum.Enum):
    REASON = strawberry.enum_value("REASON", description="By reason code.")
    CUSTOMER = strawberry.enum_value("CUSTOMER", description="By customer.")
    DRIVER = strawberry.enum_value("DRIVER", description="By assigned driver.")
    DAY = strawberry.enum_value("DAY", description="By cancellation day in the agency's time zone.")
    TIER = strawberry.enum_value(
        "TIER",
        description="By the policy tier that applied: 1 is the nearest to the start "
        "(the old single window is tier 1), NONE when no tier applied.",
    )
