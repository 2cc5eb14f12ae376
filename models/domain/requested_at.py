"""When a cancellation is judged: when the customer asked, else when it is recorded (SPEC §3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.domain.errors import DomainError, ErrorCode

MAX_REQUESTED_AT_AGE = timedelta(days=7)


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def validate_requested_at(requested_at: datetime | None, now: datetime) -> datetime:
    """The moment to judge a cancellation at: when the customer asked, else ``now``.

    ``requested_at`` must be timezone-aware, not after ``now`` and at most 7 days
    before it (exactly 7 days is accepted); otherwise ``INVALID`` on
    ``("input", "requestedAt")``. Returned in UTC.
    """
    _require_aware("now", now)
    now = now.astimezone(UTC)
    if requested_at is None:
        return now
    field = ("input", "requestedAt")
    if requested_at.tzinfo is None or requested_at.utcoffset() is None:
        raise DomainError(
            ErrorCode.INVALID, "The request time must include a time zone.", field=field
        )
    try:
        requested_at = requested_at.astimezone(UTC)
    except OverflowError:
        raise DomainError(
            ErrorCode.INVALID, "The request time is out of range.", field=field
        ) from None
    if requested_at > now:
        raise DomainError(
            ErrorCode.INVALID, "The request time cannot be in the future.", field=field
        )
    if requested_at < now - MAX_REQUESTED_AT_AGE:
        raise DomainError(
            ErrorCode.INVALID,
            "The request time cannot be more than 7 days ago.",
            field=field,
        )
    return requested_at
