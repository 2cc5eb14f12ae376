"""Cancelling in a series: the target follows the single-mission rules; THIS_OCCURRENCE,
THIS_AND_FOLLOWING and WHOLE_SERIES choose the others, which keep their completed,
in-progress and invoiced occurrences."""

from __future__ import annotations

import pytest

from models.domain.cascade import (
    REASON_ALREADY_CANCELLED,
    REASON_COMPLETED,
    REASON_IN_PROGRESS,
    REASON_INVOICED,
    REASON_NO_SHOW,
    PlannedMission,
    SeriesScope,
    plan_errors,
    plan_series_cancellation,
)
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from tests.unit.cascade_expectations import (
    CANCEL,
    CONFIRM,
    CREDIT_NOTE,
    GONE,
    INVOICED,
    NO_SHOW,
    A,
    Expected,
    S,
    facts,
)


@pytest.mark.parametrize(
    ("status", "invoiced", "confirm", "allow", "expected"),
    [
        pytest.param(S.PENDING_ASSIGNMENT, False, False, False, CANCEL, id="pending"),
        pytest.param(S.ASSIGNED, False, False, False, CANCEL, id="assigned"),
        pytest.param(S.ACCEPTED_BY_DRIVER, False, False, False, CANCEL, id="accepted"),
        pytest.param(S.COMPLETED, False, False, False, CANCEL, id="completed"),
        pytest.param(S.IN_PROGRESS, False, False, False, CONFIRM, id="in-progress-unconfirmed"),
        pytest.param(S.IN_PROGRESS, False, True, False, CANCEL, id="in-progress-confirmed"),
        pytest.param(S.CANCELLED, False, True, True, GONE, id="cancelled"),
        pytest.param(S.CANCELLED, True, False, False, GONE, id="cancelled-invoiced"),
        pytest.param(S.NO_SHOW, False, True, True, NO_SHOW, id="no-show"),
        pytest.param(S.COMPLETED, True, False, False, INVOICED, id="completed-invoiced-block"),
        pytest.param(S.COMPLETED, True, False, True, CREDIT_NOTE, id="completed-invoiced-allow"),
        pytest.param(S.IN_PROGRESS, True, True, False, INVOICED, id="in-progress-invoiced-block"),
        pytest.param(S.ASSIGNED, True, False, True, CREDIT_NOTE, id="assigned-invoiced-allow"),
    ],
)
def test_series_target_follows_single_mission_rules(
    status: MissionStatus, invoiced: bool, confirm: bool, allow: bool, expected: Expected
) -> None:
    # given: the target and a later, plain occurrence
    occurrences = [facts(1, status, invoiced=invoiced), facts(2, S.ASSIGNED, week=1)]

    # when
    plan = plan_series_cancellation(
        1,
        occurrences,
        SeriesScope.THIS_OCCURRENCE,
        confirm_in_progress=confirm,
        allow_invoiced=allow,
    )

    # then: only the target is listed
    assert plan == [PlannedMission(1, *expected)]


# Week by week: completed, cancelled, TARGET (assigned), in progress, invoiced,
# accepted, no-show, pending.
SERIES = [
    facts(1, S.COMPLETED, week=0),
    facts(2, S.CANCELLED, week=1),
    facts(3, S.ASSIGNED, week=2),
    facts(4, S.IN_PROGRESS, week=3),
    facts(5, S.PENDING_ASSIGNMENT, week=4, invoiced=True),
    facts(6, S.ACCEPTED_BY_DRIVER, week=5),
    facts(7, S.NO_SHOW, week=6),
    facts(8, S.PENDING_ASSIGNMENT, week=7),
]


FOLLOWING = [
    PlannedMission(3, A.CANCEL, None, False),
    PlannedMission(4, A.UNCHANGED, REASON_IN_PROGRESS, False),
    PlannedMission(5, A.UNCHANGED, REASON_INVOICED, False),
    PlannedMission(6, A.CANCEL, None, False),
    PlannedMission(7, A.UNCHANGED, REASON_NO_SHOW, False),
    PlannedMission(8, A.CANCEL, None, False),
]


EARLIER = [
    PlannedMission(1, A.UNCHANGED, REASON_COMPLETED, False),
    PlannedMission(2, A.UNCHANGED, REASON_ALREADY_CANCELLED, False),
]


@pytest.mark.parametrize(
    ("scope", "confirm", "allow", "expected"),
    [
        pytest.param(SeriesScope.THIS_OCCURRENCE, False, False, FOLLOWING[:1], id="this"),
        pytest.param(SeriesScope.THIS_AND_FOLLOWING, False, False, FOLLOWING, id="following"),
        # confirmation and credit notes apply to the target only: other occurrences
        # that are in progress or invoiced stay unchanged
        pytest.param(
            SeriesScope.THIS_AND_FOLLOWING, True, True, FOLLOWING, id="following-confirm-allow"
        ),
        pytest.param(SeriesScope.WHOLE_SERIES, False, False, EARLIER + FOLLOWING, id="whole"),
        pytest.param(
            SeriesScope.WHOLE_SERIES, True, True, EARLIER + FOLLOWING, id="whole-confirm-allow"
        ),
    ],
)
def test_series_scopes(
    scope: SeriesScope, confirm: bool, allow: bool, expected: list[PlannedMission]
) -> None:
    # given: the series above, given in reverse order, target 3

    # when
    plan = plan_series_cancellation(
        3, list(reversed(SERIES)), scope, confirm_in_progress=confirm, allow_invoiced=allow
    )

    # then
    assert plan == expected


@pytest.mark.parametrize(
    ("scope", "expected_ids"),
    [
        (SeriesScope.THIS_OCCURRENCE, [1]),
        (SeriesScope.THIS_AND_FOLLOWING, [1, 2, 3, 4]),
        (SeriesScope.WHOLE_SERIES, [1, 2, 3, 4]),
    ],
    ids=["this", "following", "whole"],
)
def test_series_with_a_completed_target_cancels_it_and_keeps_completed_others(
    scope: SeriesScope, expected_ids: list[int]
) -> None:
    # given: a completed target followed by a completed, an invoiced completed and an open one
    occurrences = [
        facts(1, S.COMPLETED, week=0),
        facts(2, S.COMPLETED, week=1),
        facts(3, S.COMPLETED, week=2, invoiced=True),
        facts(4, S.ASSIGNED, week=3),
    ]

    # when
    plan = plan_series_cancellation(
        1, occurrences, scope, confirm_in_progress=False, allow_invoiced=True
    )

    # then
    assert [entry.mission_id for entry in plan] == expected_ids
    by_id = {entry.mission_id: entry for entry in plan}
    assert by_id[1].action is A.CANCEL
    if scope is not SeriesScope.THIS_OCCURRENCE:
        assert by_id[2] == PlannedMission(2, A.UNCHANGED, REASON_COMPLETED, False)
        assert by_id[3] == PlannedMission(3, A.UNCHANGED, REASON_COMPLETED, False)
        assert by_id[4] == PlannedMission(4, A.CANCEL, None, False)


def test_series_with_an_unconfirmed_in_progress_target_needs_confirmation() -> None:
    # given: the target is running; a later occurrence is open
    occurrences = [facts(1, S.IN_PROGRESS, week=0), facts(2, S.ASSIGNED, week=1)]

    # when
    plan = plan_series_cancellation(
        1, occurrences, SeriesScope.WHOLE_SERIES, confirm_in_progress=False, allow_invoiced=False
    )
    errors = plan_errors(plan, field=("input", "confirmInProgress"))

    # then
    assert [entry.action for entry in plan] == [A.NEEDS_CONFIRMATION, A.CANCEL]
    assert [(e.code, e.mission_ids) for e in errors] == [(ErrorCode.CONFIRMATION_REQUIRED, (1,))]


def test_this_and_following_includes_occurrences_at_the_same_time_and_excludes_earlier() -> None:
    # given: occurrence 2 starts with the target, occurrence 1 before it
    occurrences = [
        facts(1, S.ASSIGNED, week=0),
        facts(2, S.ASSIGNED, week=1),
        facts(3, S.ASSIGNED, week=1),
    ]

    # when
    plan = plan_series_cancellation(
        3,
        occurrences,
        SeriesScope.THIS_AND_FOLLOWING,
        confirm_in_progress=False,
        allow_invoiced=False,
    )

    # then
    assert [entry.mission_id for entry in plan] == [2, 3]


def test_series_target_not_in_the_series_is_not_found() -> None:
    # given
    occurrences = [facts(1, S.ASSIGNED)]

    # when
    with pytest.raises(DomainError) as raised:
        plan_series_cancellation(
            9,
            occurrences,
            SeriesScope.WHOLE_SERIES,
            confirm_in_progress=False,
            allow_invoiced=False,
        )

    # then
    assert raised.value.code is ErrorCode.NOT_FOUND
    assert raised.value.errors[0].mission_ids == (9,)
