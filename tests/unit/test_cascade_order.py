"""cancelOrder's plan: every row of the SPEC §4.2 table, every mission listed by pickup with
the ones waiting for a decision, and the plan's errors."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from models.domain.cascade import (
    PlannedMission,
    PreviewAction,
    plan_errors,
    plan_order_cancellation,
)
from models.domain.errors import ErrorCode
from models.domain.statuses import MissionStatus
from tests.unit.cascade_expectations import (
    CANCEL,
    CREDIT_NOTE,
    DECIDE,
    DECIDE_CREDIT,
    DONE,
    GONE,
    INVOICED,
    KEPT,
    NO_SHOW,
    A,
    Expected,
    S,
    facts,
)


@pytest.mark.parametrize(
    ("status", "invoiced", "decisions", "allow", "expected"),
    [
        pytest.param(S.PENDING_ASSIGNMENT, False, None, False, CANCEL, id="pending"),
        pytest.param(S.ASSIGNED, False, None, False, CANCEL, id="assigned"),
        pytest.param(S.ACCEPTED_BY_DRIVER, False, None, False, CANCEL, id="accepted"),
        pytest.param(S.IN_PROGRESS, False, None, False, DECIDE, id="in-progress-no-decisions"),
        pytest.param(S.IN_PROGRESS, False, {}, False, DECIDE, id="in-progress-empty-decisions"),
        pytest.param(S.IN_PROGRESS, False, {99: True}, False, DECIDE, id="in-progress-other-id"),
        pytest.param(S.IN_PROGRESS, False, {1: True}, False, CANCEL, id="in-progress-cancel"),
        pytest.param(S.IN_PROGRESS, False, {1: False}, False, KEPT, id="in-progress-keep"),
        pytest.param(S.COMPLETED, False, None, False, DONE, id="completed"),
        pytest.param(S.NO_SHOW, False, None, False, NO_SHOW, id="no-show"),
        pytest.param(S.CANCELLED, False, {1: True}, False, GONE, id="cancelled"),
        pytest.param(S.ASSIGNED, True, None, False, INVOICED, id="invoiced-block"),
        pytest.param(S.ASSIGNED, True, None, True, CREDIT_NOTE, id="invoiced-allow"),
        pytest.param(S.IN_PROGRESS, True, None, False, INVOICED, id="invoiced-running-block"),
        pytest.param(S.IN_PROGRESS, True, None, True, DECIDE_CREDIT, id="invoiced-running-allow"),
        pytest.param(
            S.IN_PROGRESS, True, {1: True}, True, CREDIT_NOTE, id="invoiced-running-cancel"
        ),
        pytest.param(S.COMPLETED, True, None, True, DONE, id="invoiced-completed-allow"),
        pytest.param(S.CANCELLED, True, None, True, GONE, id="invoiced-cancelled-allow"),
    ],
)
def test_order_cancellation_table(
    status: MissionStatus,
    invoiced: bool,
    decisions: Mapping[int, bool] | None,
    allow: bool,
    expected: Expected,
) -> None:
    # given
    mission = facts(1, status, invoiced=invoiced)

    # when
    plan = plan_order_cancellation([mission], in_progress_decisions=decisions, allow_invoiced=allow)

    # then
    assert plan == [PlannedMission(1, *expected)]


def test_order_cancellation_lists_every_mission_by_pickup_and_the_ones_waiting() -> None:
    # given: missions given out of order, two in progress of which one is decided
    missions = [
        facts(5, S.IN_PROGRESS, week=4),
        facts(1, S.COMPLETED, week=0),
        facts(3, S.IN_PROGRESS, week=2),
        facts(2, S.ACCEPTED_BY_DRIVER, week=1),
        facts(4, S.IN_PROGRESS, week=3),
    ]

    # when
    plan = plan_order_cancellation(missions, in_progress_decisions={4: False}, allow_invoiced=False)
    errors = plan_errors(plan, field=("input", "inProgressDecisions"))

    # then
    assert [(entry.mission_id, entry.action) for entry in plan] == [
        (1, A.UNCHANGED),
        (2, A.CANCEL),
        (3, A.NEEDS_CONFIRMATION),
        (4, A.UNCHANGED),
        (5, A.NEEDS_CONFIRMATION),
    ]
    assert len(errors) == 1
    assert errors[0].code is ErrorCode.CONFIRMATION_REQUIRED
    assert errors[0].mission_ids == (3, 5)
    assert errors[0].field == ("input", "inProgressDecisions")
    assert "2 missions" in errors[0].message


@pytest.mark.parametrize(
    ("actions", "expected_ids"),
    [
        pytest.param([], None, id="empty-plan"),
        pytest.param([A.CANCEL, A.UNCHANGED], None, id="nothing-waiting"),
        pytest.param([A.CANCEL, A.NEEDS_CONFIRMATION], (2,), id="one-waiting"),
        pytest.param([A.NEEDS_CONFIRMATION, A.NEEDS_CONFIRMATION], (1, 2), id="two-waiting"),
    ],
)
def test_plan_errors(actions: list[PreviewAction], expected_ids: tuple[int, ...] | None) -> None:
    # given
    plan = [PlannedMission(i, action, None, False) for i, action in enumerate(actions, start=1)]

    # when
    errors = plan_errors(plan)

    # then
    if expected_ids is None:
        assert errors == []
    else:
        assert [(e.code, e.mission_ids, e.field) for e in errors] == [
            (ErrorCode.CONFIRMATION_REQUIRED, expected_ids, None)
        ]
