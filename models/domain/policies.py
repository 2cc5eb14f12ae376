"""A cancellation policy version, as a mission snapshots it at booking (issue 15).

Pure. A policy is versioned: saving it makes a new version and a mission keeps the
version in force when it was booked, so a change never reprices existing bookings.
A mission booked under no policy version is judged by the old single window (the
customer's, the drivers' and the agency's, the stricter winning), which is the
one-tier case of :mod:`models.domain.tiers`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from models.domain.errors import DomainError, ErrorCode
from models.domain.tiers import (
    CENT,
    MAX_NOTICE_MINUTES,
    Tier,
    check_tiers,
    describe_duration,
)
from models.domain.working_calendar import WorkingCalendar

MAX_GRACE_MINUTES = 24 * 60
MAX_SCHEDULES = 10
VEHICLE_CLASS_MAX = 64


def _class_key(vehicle_class: str) -> str:
    """Vehicle classes compare in any case and spacing: "SUV" is " suv"."""
    return " ".join(vehicle_class.split()).casefold()


@dataclass(frozen=True)
class TierSchedule:
    """Other customer tiers for some of the missions: those of a vehicle class ("SUV"), or
    scheduled for at least ``min_length_minutes`` (interpreters' 2 / 3 / 7-day tiers by
    assignment length), or both. ``vehicle_class`` None: any class."""

    tiers: tuple[Tier, ...]
    vehicle_class: str | None = None
    min_length_minutes: int = 0

    def covers(self, vehicle_class: str | None, length_minutes: int) -> bool:
        """Whether a mission of this class, scheduled for this long, takes these tiers."""
        if self.vehicle_class is not None and (
            vehicle_class is None or _class_key(vehicle_class) != _class_key(self.vehicle_class)
        ):
            return False
        return length_minutes >= self.min_length_minutes

    @property
    def described(self) -> str:
        """``for SUV missions of 4 h or more``: how the explanation names the schedule."""
        kind = "missions" if self.vehicle_class is None else f"{self.vehicle_class} missions"
        if self.min_length_minutes:
            return f"for {kind} of {describe_duration(self.min_length_minutes)} or more"
        return f"for {kind}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "vehicleClass": self.vehicle_class,
            "minLengthMinutes": self.min_length_minutes,
            "tiers": [tier.to_dict() for tier in self.tiers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TierSchedule:
        return cls(
            tiers=tuple(Tier.from_dict(t) for t in data["tiers"]),
            vehicle_class=data.get("vehicleClass"),
            min_length_minutes=int(data.get("minLengthMinutes", 0)),
        )


def _check_schedules(schedules: tuple[TierSchedule, ...], calendar: WorkingCalendar | None) -> None:
    if len(schedules) > MAX_SCHEDULES:
        raise DomainError(
            ErrorCode.INVALID,
            f"A policy has at most {MAX_SCHEDULES} schedules besides its own tiers.",
            field=("input", "schedules"),
        )
    for index, schedule in enumerate(schedules):
        field = ("input", "schedules", str(index))
        name = schedule.vehicle_class
        if name is not None and (not name.strip() or len(name) > VEHICLE_CLASS_MAX):
            raise DomainError(
                ErrorCode.INVALID,
                f"Schedule {index + 1}: a vehicle class is 1 to {VEHICLE_CLASS_MAX} characters.",
                field=(*field, "vehicleClass"),
            )
        if not 0 <= schedule.min_length_minutes <= MAX_NOTICE_MINUTES:
            raise DomainError(
                ErrorCode.INVALID,
                f"Schedule {index + 1}: the least length must be between 0 minutes and 366 days.",
                field=(*field, "minLengthMinutes"),
            )
        if name is None and schedule.min_length_minutes == 0:
            raise DomainError(
                ErrorCode.INVALID,
                f"Schedule {index + 1}: say which missions it is for: a vehicle class, a "
                "least length, or both.",
                field=field,
            )
        check_tiers(schedule.tiers, calendar, (*field, "tiers"))


@dataclass(frozen=True)
class CancellationTerms:
    """One version of an agency's cancellation policy.

    ``customer_tiers`` price the customer's charge; ``payout_tiers`` are the drivers'
    own schedule (None: drivers are paid the customer tier's percentage of their pay).
    ``calendar`` counts business-time notice. ``no_show_grace_minutes`` is how long a
    driver waits before a no-show may be recorded. ``late_reschedules_billed``: moving
    a mission's start counts, for billing, as a cancellation of the original time ("the
    same timelines apply to changes"). ``rebooked_credit_percent``: how much of a
    cancellation's charge is credited when the agency fills the freed slot of the same
    driver with another mission (the operator confirms it before invoicing).
    ``schedules``: other customer tiers for some missions (a vehicle class, a least
    length); the first that covers a mission prices it, else ``customer_tiers`` do.
    """

    policy_id: int
    version: int
    name: str
    customer_tiers: tuple[Tier, ...]
    payout_tiers: tuple[Tier, ...] | None = None
    calendar: WorkingCalendar | None = None
    no_show_grace_minutes: int = 0
    late_reschedules_billed: bool = False
    rebooked_credit_percent: Decimal = Decimal(0)
    schedules: tuple[TierSchedule, ...] = ()

    def __post_init__(self) -> None:
        credit = self.rebooked_credit_percent
        if not Decimal(0) <= credit <= Decimal(100) or credit != credit.quantize(CENT):
            raise DomainError(
                ErrorCode.INVALID,
                "The rebooked slot credit is a percentage from 0 to 100, at most 2 decimals.",
                field=("input", "rebookedCreditPercent"),
            )
        check_tiers(self.customer_tiers, self.calendar, ("input", "tiers"))
        if self.payout_tiers is not None:
            check_tiers(self.payout_tiers, self.calendar, ("input", "payoutTiers"))
        _check_schedules(self.schedules, self.calendar)
        if not 0 <= self.no_show_grace_minutes <= MAX_GRACE_MINUTES:
            raise DomainError(
                ErrorCode.INVALID,
                "The no-show grace period must be between 0 minutes and 24 hours.",
                field=("input", "noShowGraceMinutes"),
            )

    def tiers_for(
        self, vehicle_class: str | None, length_minutes: int
    ) -> tuple[int | None, tuple[Tier, ...]]:
        """The customer tiers that price a mission: (1-based schedule, its tiers), or
        (None, the policy's own tiers) when no schedule covers it."""
        for number, schedule in enumerate(self.schedules, start=1):
            if schedule.covers(vehicle_class, length_minutes):
                return number, schedule.tiers
        return None, self.customer_tiers

    @property
    def label(self) -> str:
        """``policy "Standard" v3``: how the explanation names it."""
        return f'policy "{self.name}" v{self.version}'

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form: what a policy version row stores."""
        return {
            "policyId": self.policy_id,
            "version": self.version,
            "name": self.name,
            "customerTiers": [tier.to_dict() for tier in self.customer_tiers],
            "payoutTiers": None
            if self.payout_tiers is None
            else [tier.to_dict() for tier in self.payout_tiers],
            "calendar": None if self.calendar is None else self.calendar.to_dict(),
            "noShowGraceMinutes": self.no_show_grace_minutes,
            "lateReschedulesBilled": self.late_reschedules_billed,
            "rebookedCreditPercent": str(self.rebooked_credit_percent),
            "schedules": [schedule.to_dict() for schedule in self.schedules],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CancellationTerms:
        """Rebuild a version from :meth:`to_dict`'s output."""
        payout = data.get("payoutTiers")
        calendar = data.get("calendar")
        return cls(
            policy_id=int(data["policyId"]),
            version=int(data["version"]),
            name=str(data["name"]),
            customer_tiers=tuple(Tier.from_dict(t) for t in data["customerTiers"]),
            payout_tiers=None if payout is None else tuple(Tier.from_dict(t) for t in payout),
            calendar=None if calendar is None else WorkingCalendar.from_dict(calendar),
            no_show_grace_minutes=int(data.get("noShowGraceMinutes", 0)),
            late_reschedules_billed=bool(data.get("lateReschedulesBilled", False)),
            rebooked_credit_percent=Decimal(data.get("rebookedCreditPercent", "0")),
            schedules=tuple(TierSchedule.from_dict(s) for s in data.get("schedules", ())),
        )


def rebooked_credit(charge: Decimal, percent: Decimal) -> Decimal:
    """The credit on a cancellation's charge when its driver's freed slot was filled:
    ``percent`` of it, half-up to the cent (never more than the charge)."""
    return min(charge, (charge * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP))


def no_show_allowed_from(
    pickup_at: datetime,
    arrived_at: datetime | None,
    grace_minutes: int,
) -> datetime:
    """When a no-show may first be recorded: the grace after pickup or arrival, the later.

    The arrival is the one the driver reported (or the operator gave); without one, the
    grace runs from the pickup time.
    """
    start = pickup_at.astimezone(UTC)
    if arrived_at is not None and arrived_at.astimezone(UTC) > start:
        start = arrived_at.astimezone(UTC)
    return start + timedelta(minutes=grace_minutes)


def check_no_show_grace(
    *,
    pickup_at: datetime,
    arrived_at: datetime | None,
    grace_minutes: int,
    now: datetime,
) -> None:
    """Refuse a no-show recorded before the driver has waited the grace period.

    ``INVALID_TRANSITION`` (the move to NO_SHOW is not allowed yet) saying which rule and
    from when it is allowed (UTC, to the second). Without a
    grace (0) there is no waiting rule, as before policies had one.
    """
    if grace_minutes <= 0:
        return
    allowed = no_show_allowed_from(pickup_at, arrived_at, grace_minutes)
    if now.astimezone(UTC) < allowed:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A no-show can be recorded only after the driver has waited {grace_minutes} "
            f"minutes: from {allowed.isoformat(timespec='seconds')}.",
            field=("input", "status"),
        )
