"""Cascade plans: which missions an order or series cancellation would touch (SPEC §4).

A plan is pure data: the use case applies it (or the preview shows it). Nothing is
cancelled while any entry still ``NEEDS_CONFIRMATION``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from models.domain.errors import DomainError, ErrorCode, UserError
from models.domain.statuses import TERMINAL, MissionStatus, check_transition


class SeriesScope(enum.StrEnum):
    """Which occurrences of a recurring series a cancellation covers."""

    THIS_OCCURRENCE = "THIS_OCCURRENCE"
    THIS_AND_FOLLOWING = "THIS_AND_FOLLOWING"
    WHOLE_SERIES = "WHOLE_SERIES"


class PreviewAction(enum.StrEnum):
    """What a cancellation would do to one mission."""

    CANCEL = "CANCEL"
    NEEDS_CONFIRMATION = "NEEDS_CONFIRMATION"
    UNCHANGED = "UNCHANGED"


@dataclass(frozen=True)
class MissionFacts:
    """What the plan needs to know about one mission."""

    mission_id: int
    status: MissionStatus
    pickup_at: datetime
    invoiced: bool


@dataclass(frozen=True)
class PlannedMission:
    """One mission's line in a plan: the action and, when not a plain cancel, why."""

    mission_id: int
    action: PreviewAction
    reason: str | None
    credit_note_required: bool


REASON_ALREADY_CANCELLED = "already cancelled"
REASON_COMPLETED = "already completed"
REASON_NO_SHOW = "recorded as a no-show"
REASON_INVOICED = "on an issued invoice"
REASON_CREDIT_NOTE = "on an issued invoice: a credit note must be issued by hand"
REASON_DECISION_NEEDED = "in progress: a decision to cancel it or keep it running is needed"
REASON_CONFIRMATION_NEEDED = "in progress: cancelling it needs explicit confirmation"
REASON_KEPT_RUNNING = "kept running by the operator's decision"
REASON_IN_PROGRESS = "in progress"

_TERMINAL_REASONS = {
    MissionStatus.CANCELLED: REASON_ALREADY_CANCELLED,
    MissionStatus.COMPLETED: REASON_COMPLETED,
    MissionStatus.NO_SHOW: REASON_NO_SHOW,
}


def _unchanged(mission: MissionFacts, reason: str) -> PlannedMission:
    return PlannedMission(mission.mission_id, PreviewAction.UNCHANGED, reason, False)


def _cancel(mission: MissionFacts) -> PlannedMission:
    if mission.invoiced:
        return PlannedMission(mission.mission_id, PreviewAction.CANCEL, REASON_CREDIT_NOTE, True)
    return PlannedMission(mission.mission_id, PreviewAction.CANCEL, None, False)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _chronological(missions: Iterable[MissionFacts]) -> list[MissionFacts]:
    return sorted(missions, key=lambda mission: (_utc(mission.pickup_at), mission.mission_id))


def plan_order_cancellation(
    missions: Sequence[MissionFacts],
    *,
    in_progress_decisions: Mapping[int, bool] | None,
    allow_invoiced: bool,
) -> list[PlannedMission]:
    """Plan ``cancelOrder`` per the table of SPEC §4.2, one entry per mission, by pickup time.

    PENDING_ASSIGNMENT, ASSIGNED, ACCEPTED_BY_DRIVER: cancelled. IN_PROGRESS: per
    ``in_progress_decisions[mission_id]`` (True: cancel, False: kept running; no
    decision: NEEDS_CONFIRMATION). COMPLETED, NO_SHOW, CANCELLED: unchanged, even
    when invoiced. A non-terminal mission on an issued invoice: unchanged unless
    ``allow_invoiced``, then cancelled with ``credit_note_required``. Decisions for
    missions that are not in progress are ignored.
    """
    decisions = in_progress_decisions or {}
    plan: list[PlannedMission] = []
    for mission in _chronological(missions):
        status = MissionStatus(mission.status)
        if status in TERMINAL:
            plan.append(_unchanged(mission, _TERMINAL_REASONS[status]))
        elif mission.invoiced and not allow_invoiced:
            plan.append(_unchanged(mission, REASON_INVOICED))
        elif status is MissionStatus.IN_PROGRESS:
            decision = decisions.get(mission.mission_id)
            if decision is None:
                plan.append(
                    PlannedMission(
                        mission.mission_id,
                        PreviewAction.NEEDS_CONFIRMATION,
                        REASON_DECISION_NEEDED,
                        mission.invoiced,
                    )
                )
            elif decision:
                plan.append(_cancel(mission))
            else:
                plan.append(_unchanged(mission, REASON_KEPT_RUNNING))
        else:
            plan.append(_cancel(mission))
    return plan


def _plan_target(
    target: MissionFacts, *, confirm_in_progress: bool, allow_invoiced: bool
) -> PlannedMission:
    """The single-mission rules of SPEC §4.1, through the transition table itself."""
    try:
        check_transition(
            target.status,
            MissionStatus.CANCELLED,
            confirm_in_progress=confirm_in_progress,
            invoiced=target.invoiced,
            allow_invoiced=allow_invoiced,
        )
    except DomainError as refused:
        code = refused.code
        if code is ErrorCode.CONFIRMATION_REQUIRED:
            return PlannedMission(
                target.mission_id,
                PreviewAction.NEEDS_CONFIRMATION,
                REASON_CONFIRMATION_NEEDED,
                target.invoiced,
            )
        if code is ErrorCode.ALREADY_INVOICED:
            return _unchanged(target, REASON_INVOICED)
        status = MissionStatus(target.status)
        return _unchanged(target, _TERMINAL_REASONS.get(status, refused.errors[0].message))
    return _cancel(target)


def _plan_other_occurrence(occurrence: MissionFacts) -> PlannedMission:
    status = MissionStatus(occurrence.status)
    if status in TERMINAL:
        return _unchanged(occurrence, _TERMINAL_REASONS[status])
    if status is MissionStatus.IN_PROGRESS:
        return _unchanged(occurrence, REASON_IN_PROGRESS)
    if occurrence.invoiced:
        return _unchanged(occurrence, REASON_INVOICED)
    return _cancel(occurrence)


def plan_series_cancellation(
    target_id: int,
    occurrences: Sequence[MissionFacts],
    scope: SeriesScope,
    *,
    confirm_in_progress: bool,
    allow_invoiced: bool,
) -> list[PlannedMission]:
    """Plan ``cancelMission`` on an occurrence of a series (SPEC §4.1), by pickup time.

    The target follows the single-mission rules: PENDING_ASSIGNMENT, ASSIGNED,
    ACCEPTED_BY_DRIVER and COMPLETED are cancelled; IN_PROGRESS only with
    ``confirm_in_progress`` (else NEEDS_CONFIRMATION); CANCELLED and NO_SHOW are
    unchanged; invoiced is unchanged unless ``allow_invoiced`` (then cancelled with
    ``credit_note_required``). ``THIS_AND_FOLLOWING`` adds every other occurrence
    whose pickup is not before the target's, ``WHOLE_SERIES`` every other one; of
    those, the terminal, in-progress or invoiced ones are unchanged with the reason.
    ``target_id`` missing from ``occurrences`` raises ``NOT_FOUND``.
    """
    target = next((o for o in occurrences if o.mission_id == target_id), None)
    if target is None:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            "This mission is not an occurrence of the series.",
            mission_ids=(target_id,),
        )
    scope = SeriesScope(scope)
    if scope is SeriesScope.THIS_OCCURRENCE:
        others: list[MissionFacts] = []
    elif scope is SeriesScope.THIS_AND_FOLLOWING:
        others = [
            o
            for o in occurrences
            if o.mission_id != target_id and _utc(o.pickup_at) >= _utc(target.pickup_at)
        ]
    else:
        others = [o for o in occurrences if o.mission_id != target_id]
    planned = {
        target_id: _plan_target(
            target, confirm_in_progress=confirm_in_progress, allow_invoiced=allow_invoiced
        )
    }
    for occurrence in others:
        planned[occurrence.mission_id] = _plan_other_occurrence(occurrence)
    return [planned[o.mission_id] for o in _chronological([target, *others])]


def plan_errors(
    plan: Iterable[PlannedMission], *, field: tuple[str, ...] | None = None
) -> list[UserError]:
    """The errors that stop a plan from being applied.

    Every NEEDS_CONFIRMATION entry goes into one ``CONFIRMATION_REQUIRED`` error
    listing their mission ids (``field`` lets the caller point at
    ``inProgressDecisions`` or ``confirmInProgress``). Empty when the plan can run.
    """
    waiting = tuple(
        entry.mission_id for entry in plan if entry.action is PreviewAction.NEEDS_CONFIRMATION
    )
    if not waiting:
        return []
    if len(waiting) == 1:
        message = "A mission is in progress: decide whether to cancel it or keep it running."
    else:
        message = (
            f"{len(waiting)} missions are in progress: "
            "decide for each whether to cancel it or keep it running."
        )
    return [UserError(ErrorCode.CONFIRMATION_REQUIRED, message, field, waiting)]
