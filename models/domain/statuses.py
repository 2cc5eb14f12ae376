"""Mission and order statuses, the mission transition table (SPEC §2) and un-cancel (§5).

This is the one implementation of the table: every path that changes a mission's
status (dedicated mutations, the generic status update, the edit form) calls
:func:`check_transition`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from types import MappingProxyType

from models.domain.errors import DomainError, ErrorCode


class MissionStatus(enum.StrEnum):
    """Where a mission is in its lifecycle."""

    PENDING_ASSIGNMENT = "PENDING_ASSIGNMENT"
    ASSIGNED = "ASSIGNED"
    ACCEPTED_BY_DRIVER = "ACCEPTED_BY_DRIVER"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"
    NO_SHOW = "NO_SHOW"


class OrderStatus(enum.StrEnum):
    """An order's status, derived from its missions (:func:`derive_order_status`)."""

    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"
    NO_SHOW = "NO_SHOW"


_S = MissionStatus

TERMINAL: frozenset[MissionStatus] = frozenset({_S.COMPLETED, _S.CANCELLED, _S.NO_SHOW})
"""Statuses a mission does not leave by itself (only by cancel or un-cancel)."""

OPEN_STATUSES: frozenset[MissionStatus] = frozenset(
    {_S.PENDING_ASSIGNMENT, _S.ASSIGNED, _S.ACCEPTED_BY_DRIVER}
)
"""Statuses of a mission that is booked and not yet started."""

TRANSITIONS: Mapping[tuple[MissionStatus, MissionStatus], str] = MappingProxyType(
    {
        (_S.PENDING_ASSIGNMENT, _S.ASSIGNED): "assign",
        (_S.PENDING_ASSIGNMENT, _S.CANCELLED): "cancel",
        (_S.ASSIGNED, _S.PENDING_ASSIGNMENT): "last driver unassigned or declined",
        (_S.ASSIGNED, _S.ACCEPTED_BY_DRIVER): "every assigned driver accepted",
        (_S.ASSIGNED, _S.CANCELLED): "cancel",
        (_S.ACCEPTED_BY_DRIVER, _S.PENDING_ASSIGNMENT): "last driver unassigned",
        (_S.ACCEPTED_BY_DRIVER, _S.ASSIGNED): "a new driver assigned and not yet accepted",
        (_S.ACCEPTED_BY_DRIVER, _S.IN_PROGRESS): "start",
        (_S.ACCEPTED_BY_DRIVER, _S.CANCELLED): "cancel",
        (_S.IN_PROGRESS, _S.COMPLETED): "complete",
        (_S.IN_PROGRESS, _S.CANCELLED): "cancel with explicit confirmation",
        (_S.IN_PROGRESS, _S.NO_SHOW): "no-show",
        (_S.COMPLETED, _S.CANCELLED): "cancel until invoiced",
        (_S.CANCELLED, _S.PENDING_ASSIGNMENT): "un-cancel",
    }
)
"""Every allowed (from, to) move with what triggers it; every other move is refused."""


def label(status: MissionStatus | OrderStatus) -> str:
    """Human label of a status for messages: ``IN_PROGRESS`` -> ``"In progress"``."""
    return status.value.replace("_", " ").capitalize()


def check_transition(
    from_status: MissionStatus,
    to_status: MissionStatus,
    *,
    confirm_in_progress: bool = False,
    invoiced: bool = False,
    allow_invoiced: bool = False,
    mission_id: int | None = None,
) -> None:
    """Refuse a status move that the table of SPEC §2 does not allow.

    Raises :class:`DomainError` with:

    - ``ALREADY_CANCELLED`` for CANCELLED -> CANCELLED;
    - ``INVALID_TRANSITION`` for any move not in :data:`TRANSITIONS` (from == to too);
    - ``ALREADY_INVOICED`` for a cancellation of an ``invoiced`` mission unless
      ``allow_invoiced`` (the agency's ``ALLOW_WITH_CREDIT_NOTE``), and for an
      un-cancel of an invoiced cancellation (never allowed);
    - ``CONFIRMATION_REQUIRED`` for IN_PROGRESS -> CANCELLED without
      ``confirm_in_progress``.

    ``mission_id``, when given, is put in the error's ``mission_ids``.
    """
    from_status, to_status = MissionStatus(from_status), MissionStatus(to_status)
    ids = () if mission_id is None else (mission_id,)
    if from_status is _S.CANCELLED and to_status is _S.CANCELLED:
        raise DomainError(
            ErrorCode.ALREADY_CANCELLED, "This mission is already cancelled.", mission_ids=ids
        )
    if (from_status, to_status) not in TRANSITIONS:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A mission that is {label(from_status)} cannot become {label(to_status)}.",
            mission_ids=ids,
        )
    if to_status is _S.CANCELLED and invoiced and not allow_invoiced:
        raise DomainError(
            ErrorCode.ALREADY_INVOICED,
            "This mission is on an issued invoice and cannot be cancelled.",
            mission_ids=ids,
        )
    if from_status is _S.CANCELLED and invoiced:
        raise DomainError(
            ErrorCode.ALREADY_INVOICED,
            "This cancellation is on an issued invoice and cannot be reverted.",
            mission_ids=ids,
        )
    if from_status is _S.IN_PROGRESS and to_status is _S.CANCELLED and not confirm_in_progress:
        raise DomainError(
            ErrorCode.CONFIRMATION_REQUIRED,
            "This mission is in progress: cancelling it needs explicit confirmation.",
            mission_ids=ids,
        )


def check_uncancel(
    status: MissionStatus,
    *,
    estimated_end_at: datetime,
    now: datetime,
    invoiced: bool,
    mission_id: int | None = None,
) -> None:
    """Refuse an un-cancel that SPEC §5 does not allow.

    Only a CANCELLED mission (else ``INVALID_TRANSITION``) whose cancellation is not
    invoiced (else ``ALREADY_INVOICED``) and whose ``estimated_end_at`` has not
    passed (``now >= estimated_end_at`` gives ``UNCANCEL_WINDOW_PASSED``).
    """
    status = MissionStatus(status)
    ids = () if mission_id is None else (mission_id,)
    if status is not _S.CANCELLED:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A mission that is {label(status)} cannot be un-cancelled.",
            mission_ids=ids,
        )
    check_transition(status, _S.PENDING_ASSIGNMENT, invoiced=invoiced, mission_id=mission_id)
    if now.astimezone(UTC) >= estimated_end_at.astimezone(UTC):
        raise DomainError(
            ErrorCode.UNCANCEL_WINDOW_PASSED,
            "This mission's scheduled end has passed: it can no longer be un-cancelled.",
            mission_ids=ids,
        )


def status_after_assignments(current: MissionStatus, active: int, accepted: int) -> MissionStatus:
    """Status derived from a mission's assignments, for a booked, not started mission.

    For PENDING_ASSIGNMENT, ASSIGNED and ACCEPTED_BY_DRIVER: no active assignment ->
    PENDING_ASSIGNMENT; every active assignment accepted -> ACCEPTED_BY_DRIVER; else
    ASSIGNED. Any other status is returned unchanged (assignments do not move a
    started or terminal mission). The caller still checks the move with
    :func:`check_transition` when the result differs from ``current``.
    """
    if active < 0 or accepted < 0 or accepted > active:
        raise ValueError(f"inconsistent assignment counts: active={active}, accepted={accepted}")
    current = MissionStatus(current)
    if current not in OPEN_STATUSES:
        return current
    if active == 0:
        return _S.PENDING_ASSIGNMENT
    if accepted == active:
        return _S.ACCEPTED_BY_DRIVER
    return _S.ASSIGNED


def derive_order_status(
    mission_statuses: Iterable[MissionStatus], *, cancelled_at_order_level: bool
) -> OrderStatus:
    """An order's status from its missions' statuses (SPEC §2, last paragraph).

    IN_PROGRESS if any mission is in progress; else OPEN if any is pending,
    assigned or accepted; else (all terminal) CANCELLED if the order was cancelled
    at order level or every mission is cancelled, NO_SHOW if every mission is a
    no-show, otherwise COMPLETED. An order without missions is OPEN.
    """
    statuses = {MissionStatus(status) for status in mission_statuses}
    if not statuses:
        return OrderStatus.OPEN
    if _S.IN_PROGRESS in statuses:
        return OrderStatus.IN_PROGRESS
    if statuses & OPEN_STATUSES:
        return OrderStatus.OPEN
    if cancelled_at_order_level or statuses == {_S.CANCELLED}:
        return OrderStatus.CANCELLED
    if statuses == {_S.NO_SHOW}:
        return OrderStatus.NO_SHOW
    return OrderStatus.COMPLETED
