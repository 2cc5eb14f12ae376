"""Cancellation policy tiers: how much a cancellation costs by the notice it gave (issue 15).

Pure. A tier covers notice up to and including its length (SPEC §3's edge: a
cancellation exactly at the window's start is inside it), counted either in calendar
time or in the agency's business time. A policy lists its tiers nearest to the start
first; the first tier that covers the notice applies, and none applying means free.
The old single window is the one-tier case: 100% for notice up to the window.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from models.domain.errors import DomainError, ErrorCode
from models.domain.working_calendar import WorkingCalendar

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MAX_NOTICE_MINUTES = 366 * 24 * 60
MAX_TIERS = 10


class NoticeUnit(enum.StrEnum):
    """How a tier counts notice: wall time, or only the agency's working hours."""

    CALENDAR = "CALENDAR"
    BUSINESS = "BUSINESS"


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tier:
    """One tier: for notice up to ``notice_minutes`` (in ``unit``), the share to pay.

    The amount is ``percent`` of the full charge (half-up to the cent) plus
    ``flat_fee``, and never less than ``minimum``.
    """

    notice_minutes: int
    unit: NoticeUnit
    percent: Decimal
    flat_fee: Decimal = ZERO
    minimum: Decimal = ZERO

    def amount(self, full: Decimal) -> Decimal:
        """What this tier bills out of a full charge of ``full``."""
        return max(_money(full * self.percent / HUNDRED) + self.flat_fee, self.minimum)

    @property
    def bills_nothing(self) -> bool:
        """A 0% tier with no fee and no minimum: inside it, a cancellation is free."""
        return self.percent == 0 and self.flat_fee == 0 and self.minimum == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (Decimals as strings)."""
        return {
            "noticeMinutes": self.notice_minutes,
            "unit": self.unit.value,
            "percent": str(self.percent),
            "flatFee": str(self.flat_fee),
            "minimum": str(self.minimum),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tier:
        """Rebuild a tier from :meth:`to_dict`'s output."""
        return cls(
            notice_minutes=int(data["noticeMinutes"]),
            unit=NoticeUnit(data["unit"]),
            percent=Decimal(data["percent"]),
            flat_fee=Decimal(data["flatFee"]),
            minimum=Decimal(data["minimum"]),
        )


@dataclass(frozen=True)
class Notice:
    """The notice a cancellation gave: calendar time and, with a calendar, business time."""

    calendar: timedelta
    business: timedelta | None

    def covered_by(self, tier: Tier) -> bool:
        """Whether ``tier`` covers this notice (up to and including its length)."""
        limit = timedelta(minutes=tier.notice_minutes)
        if tier.unit is NoticeUnit.BUSINESS:
            if self.business is None:
                raise ValueError("a business-time tier needs a working calendar")
            return self.business <= limit
        return self.calendar <= limit


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def applicable_tier(tiers: Sequence[Tier], notice: Notice) -> int | None:
    """The index of the first tier that covers ``notice``; None when none does."""
    for index, tier in enumerate(tiers):
        if notice.covered_by(tier):
            return index
    return None


def check_tiers(
    tiers: Sequence[Tier], calendar: WorkingCalendar | None, field: tuple[str, ...]
) -> None:
    """Refuse tiers a policy cannot use (``INVALID`` on ``field``, naming the tier).

    At least one tier and at most 10; notice from 0 to 366 days; a percentage from 0 to
    100, fees and minimums not negative and in cents; a business-time tier needs the
    policy's calendar; among tiers of one unit, each covers more notice than the one
    before it (otherwise the later one could never apply).
    """
    if not tiers or len(tiers) > MAX_TIERS:
        raise DomainError(ErrorCode.INVALID, "A policy has 1 to 10 tiers.", field=field)
    last: dict[NoticeUnit, int] = {}
    for number, tier in enumerate(tiers, start=1):

        def refuse(message: str, number: int = number) -> DomainError:
            return DomainError(ErrorCode.INVALID, f"Tier {number}: {message}", field=field)

        if not 0 <= tier.notice_minutes <= MAX_NOTICE_MINUTES:
            raise refuse("notice must be between 0 minutes and 366 days.")
        if not ZERO <= tier.percent <= HUNDRED or _places(tier.percent) > 2:
            raise refuse("the percentage must be between 0 and 100, at most 2 decimals.")
        for name, value in (("flat fee", tier.flat_fee), ("minimum", tier.minimum)):
            if not ZERO <= value < Decimal("1e10") or _places(value) > 2:
                raise refuse(f"the {name} must be a positive amount in cents.")
        if tier.unit is NoticeUnit.BUSINESS and calendar is None:
            raise refuse("notice in business time needs the policy's working calendar.")
        previous = last.get(tier.unit)
        if previous is not None and tier.notice_minutes <= previous:
            raise refuse("each tier must cover more notice than the one before it.")
        last[tier.unit] = tier.notice_minutes


def one_tier(window_minutes: int) -> tuple[Tier, ...]:
    """The old single window as a policy: 100% for notice up to the window, else free."""
    return (Tier(window_minutes, NoticeUnit.CALENDAR, HUNDRED),)


def describe_duration(minutes: int) -> str:
    """``1 d 2 h 5 min``, ``3 h``, ``0 min``: a notice read out to a customer."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} d"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)


def describe_tier(tier: Tier, currency: str) -> str:
    """``50% plus 10.00 EUR (at least 25.00 EUR) for notice up to 2 d of business time``."""
    share = f"{tier.percent.normalize():f}% of the charge"
    if tier.flat_fee:
        share += f" plus {tier.flat_fee} {currency}"
    if tier.minimum:
        share += f" (at least {tier.minimum} {currency})"
    span = describe_duration(tier.notice_minutes)
    if tier.unit is NoticeUnit.BUSINESS:
        span += " of business time"
    return f"{share} for notice up to {span}"
