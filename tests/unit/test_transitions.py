from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import (
    TRANSITIONS,
    MissionStatus,
    check_transition,
    check_uncancel,
    label,
    status_after_assignments,
)

S = MissionStatus
OK = None
NO = ErrorCode.INVALID_TRANSITION
CONFIRM = ErrorCode.CONFIRMATION_REQUIRED
AGAIN = ErrorCode.ALREADY_CANCELLED

# SPEC §2, row by row, with default flags (no confirmation, not invoiced).
# Columns: PENDING_ASSIGNMENT ASSIGNED ACCEPTED_BY_DRIVER IN_PROGRESS COMPLETED CANCELLED NO_SHOW
ORDER = list(MissionStatus)
GRID: dict[MissionStatus, list[ErrorCode | None]] = {
    S.PENDING_ASSIGNMENT: [NO, OK, NO, NO, NO, OK, NO],
    S.ASSIGNED: [OK, NO, OK, NO, NO, OK, NO],
    S.ACCEPTED_BY_DRIVER: [OK, OK, NO, OK, NO, OK, NO],
    S.IN_PROGRESS: [NO, NO, NO, NO, OK, CONFIRM, OK],
    S.COMPLETED: [NO, NO, NO, NO, NO, OK, NO],
    S.CANCELLED: [OK, NO, NO, NO, NO, AGAIN, NO],
    S.NO_SHOW: [NO, NO, NO, NO, NO, NO, NO],
}
CASES = [
    (from_status, to_status, GRID[from_status][column])
    for from_status in ORDER
    for column, to_status in enumerate(ORDER)
]


def _flags_id(flags: dict[str, bool]) -> str:
    return "+".join(name if on else f"not-{name}" for name, on in flags.items())


def test_the_moves_the_code_allows_are_exactly_the_grid_s_allowed_cells() -> None:
    # given: the grid's rows and columns, and the moves it allows (some with a flag)
    allowed = {
        (from_status, to_status) for from_status, to_status, e in CASES if e in (OK, CONFIRM)
    }

    # then: one row and one column per status, none left out or extra, and the code's
    # table holds every allowed move and nothing else
    assert list(GRID) == list(MissionStatus)
    assert [len(row) for row in GRID.values()] == [len(MissionStatus)] * len(MissionStatus)
    assert set(TRANSITIONS) == allowed


@pytest.mark.parametrize(("from_status", "to_status", "expected"), CASES)
def test_transition_table(
    from_status: MissionStatus, to_status: MissionStatus, expected: ErrorCode | None
) -> None:
    # given: the default flags (no confirmation, not invoiced)

    # when
    if expected is None:
        check_transition(from_status, to_status)
        error = None
    else:
        with pytest.raises(DomainError) as raised:
            check_transition(from_status, to_status)
        error = raised.value.errors[0].code

    # then
    assert error == expected


@pytest.mark.parametrize(("from_status", "to_status", "expected"), CASES)
def test_transitions_data_matches_the_grid(
    from_status: MissionStatus, to_status: MissionStatus, expected: ErrorCode | None
) -> None:
    # given
    allowed_in_grid = expected in (OK, CONFIRM)

    # when
    allowed_in_data = (from_status, to_status) in TRANSITIONS

    # then
    assert allowed_in_data == allowed_in_grid


@pytest.mark.parametrize(
    ("from_status", "to_status", "flags", "expected"),
    [
        (S.IN_PROGRESS, S.CANCELLED, {"confirm_in_progress": True}, OK),
        (S.IN_PROGRESS, S.CANCELLED, {"confirm_in_progress": False}, CONFIRM),
        (S.COMPLETED, S.CANCELLED, {"invoiced": True}, ErrorCode.ALREADY_INVOICED),
        (S.COMPLETED, S.CANCELLED, {"invoiced": True, "allow_invoiced": True}, OK),
        (S.COMPLETED, S.CANCELLED, {"invoiced": False}, OK),
        (S.ASSIGNED, S.CANCELLED, {"invoiced": True}, ErrorCode.ALREADY_INVOICED),
        (S.IN_PROGRESS, S.CANCELLED, {"invoiced": True}, ErrorCode.ALREADY_INVOICED),
        (
            S.IN_PROGRESS,
            S.CANCELLED,
            {"invoiced": True, "allow_invoiced": True},
            CONFIRM,
        ),
        (
            S.IN_PROGRESS,
            S.CANCELLED,
            {"invoiced": True, "allow_invoiced": True, "confirm_in_progress": True},
            OK,
        ),
        (S.CANCELLED, S.CANCELLED, {"confirm_in_progress": True, "invoiced": True}, AGAIN),
        (S.NO_SHOW, S.CANCELLED, {"confirm_in_progress": True}, NO),
        (S.CANCELLED, S.PENDING_ASSIGNMENT, {"invoiced": True}, ErrorCode.ALREADY_INVOICED),
        (
            S.CANCELLED,
            S.PENDING_ASSIGNMENT,
            {"invoiced": True, "allow_invoiced": True},
            ErrorCode.ALREADY_INVOICED,
        ),
    ],
    ids=lambda value: _flags_id(value) if isinstance(value, dict) else None,
)
def test_transition_flags(
    from_status: MissionStatus,
    to_status: MissionStatus,
    flags: dict[str, bool],
    expected: ErrorCode | None,
) -> None:
    # given: the flags of the case

    # when
    if expected is None:
        check_transition(from_status, to_status, **flags)
        error = None
    else:
        with pytest.raises(DomainError) as raised:
            check_transition(from_status, to_status, **flags)
        error = raised.value.code

    # then
    assert error == expected


def test_refusal_names_both_statuses_in_plain_words() -> None:
    # given
    from_status, to_status = S.NO_SHOW, S.CANCELLED

    # when
    with pytest.raises(DomainError) as raised:
        check_transition(from_status, to_status, mission_id=7)

    # then
    error = raised.value.errors[0]
    assert error.message == "A mission that is No show cannot become Cancelled."
    assert error.mission_ids == (7,)


def test_plain_strings_are_accepted_as_statuses() -> None:
    # given
    from_status, to_status = "ASSIGNED", "ACCEPTED_BY_DRIVER"

    # when / then: no error
    check_transition(from_status, to_status)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.PENDING_ASSIGNMENT, "Pending assignment"),
        (S.ASSIGNED, "Assigned"),
        (S.ACCEPTED_BY_DRIVER, "Accepted by driver"),
        (S.IN_PROGRESS, "In progress"),
        (S.COMPLETED, "Completed"),
        (S.CANCELLED, "Cancelled"),
        (S.NO_SHOW, "No show"),
    ],
)
def test_label(status: MissionStatus, expected: str) -> None:
    # given: a status

    # when
    text = label(status)

    # then
    assert text == expected


@pytest.mark.parametrize(
    ("current", "active", "accepted", "expected"),
    [
        (S.PENDING_ASSIGNMENT, 0, 0, S.PENDING_ASSIGNMENT),
        (S.PENDING_ASSIGNMENT, 1, 0, S.ASSIGNED),
        (S.ASSIGNED, 0, 0, S.PENDING_ASSIGNMENT),
        (S.ASSIGNED, 2, 1, S.ASSIGNED),
        (S.ASSIGNED, 2, 2, S.ACCEPTED_BY_DRIVER),
        (S.ACCEPTED_BY_DRIVER, 2, 1, S.ASSIGNED),
        (S.ACCEPTED_BY_DRIVER, 0, 0, S.PENDING_ASSIGNMENT),
        (S.ACCEPTED_BY_DRIVER, 1, 1, S.ACCEPTED_BY_DRIVER),
        (S.IN_PROGRESS, 0, 0, S.IN_PROGRESS),
        (S.COMPLETED, 1, 0, S.COMPLETED),
        (S.CANCELLED, 0, 0, S.CANCELLED),
        (S.NO_SHOW, 1, 1, S.NO_SHOW),
    ],
)
def test_status_after_assignments(
    current: MissionStatus, active: int, accepted: int, expected: MissionStatus
) -> None:
    # given: the counts of the case

    # when
    status = status_after_assignments(current, active, accepted)

    # then
    assert status is expected


@pytest.mark.parametrize(("active", "accepted"), [(-1, 0), (1, 2), (0, -1)])
def test_status_after_assignments_refuses_impossible_counts(active: int, accepted: int) -> None:
    # given: counts that cannot happen

    # when / then
    with pytest.raises(ValueError):
        status_after_assignments(S.ASSIGNED, active, accepted)


END = datetime(2025, 6, 10, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "now", "invoiced", "expected"),
    [
        (S.CANCELLED, END - timedelta(seconds=1), False, None),
        (S.CANCELLED, END, False, ErrorCode.UNCANCEL_WINDOW_PASSED),
        (S.CANCELLED, END + timedelta(days=1), False, ErrorCode.UNCANCEL_WINDOW_PASSED),
        (S.CANCELLED, END - timedelta(hours=1), True, ErrorCode.ALREADY_INVOICED),
        (S.COMPLETED, END - timedelta(hours=1), False, ErrorCode.INVALID_TRANSITION),
        (S.ASSIGNED, END - timedelta(hours=1), False, ErrorCode.INVALID_TRANSITION),
    ],
    ids=[
        "a second before the end",
        "at the end",
        "a day after the end",
        "invoiced",
        "completed",
        "assigned",
    ],
)
def test_check_uncancel(
    status: MissionStatus, now: datetime, invoiced: bool, expected: ErrorCode | None
) -> None:
    # given: a mission ending at END

    # when
    if expected is None:
        check_uncancel(status, estimated_end_at=END, now=now, invoiced=invoiced)
        error = None
    else:
        with pytest.raises(DomainError) as raised:
            check_uncancel(status, estimated_end_at=END, now=now, invoiced=invoiced)
        error = raised.value.code

    # then
    assert error == expected
