from __future__ import annotations

import pytest

from models.domain.statuses import MissionStatus, OrderStatus, derive_order_status

S = MissionStatus
O = OrderStatus  # noqa: E741


def _statuses_id(statuses: list[MissionStatus]) -> str:
    return "+".join(s.value for s in statuses) or "no missions"


@pytest.mark.parametrize(
    ("statuses", "order_level", "expected"),
    [
        ([], False, O.OPEN),
        ([], True, O.OPEN),
        ([S.PENDING_ASSIGNMENT], False, O.OPEN),
        ([S.ASSIGNED, S.COMPLETED], False, O.OPEN),
        ([S.ACCEPTED_BY_DRIVER, S.CANCELLED], True, O.OPEN),
        ([S.IN_PROGRESS], False, O.IN_PROGRESS),
        ([S.IN_PROGRESS, S.PENDING_ASSIGNMENT], False, O.IN_PROGRESS),
        # a mission kept running after an order cancel keeps the order in progress
        ([S.IN_PROGRESS, S.CANCELLED, S.CANCELLED], True, O.IN_PROGRESS),
        ([S.CANCELLED, S.CANCELLED], False, O.CANCELLED),
        ([S.CANCELLED], True, O.CANCELLED),
        # ...and the order becomes cancelled once that mission ends
        ([S.COMPLETED, S.CANCELLED], True, O.CANCELLED),
        ([S.NO_SHOW, S.CANCELLED], True, O.CANCELLED),
        ([S.COMPLETED, S.CANCELLED], False, O.COMPLETED),
        ([S.NO_SHOW], False, O.NO_SHOW),
        ([S.NO_SHOW, S.NO_SHOW], False, O.NO_SHOW),
        ([S.NO_SHOW, S.COMPLETED], False, O.COMPLETED),
        ([S.NO_SHOW, S.CANCELLED], False, O.COMPLETED),
        ([S.COMPLETED], False, O.COMPLETED),
        ([S.COMPLETED, S.COMPLETED, S.CANCELLED, S.NO_SHOW], False, O.COMPLETED),
    ],
    ids=lambda value: _statuses_id(value) if isinstance(value, list) else None,
)
def test_derive_order_status(
    statuses: list[MissionStatus], order_level: bool, expected: OrderStatus
) -> None:
    # given: the missions' statuses of the case

    # when
    status = derive_order_status(statuses, cancelled_at_order_level=order_level)

    # then
    assert status is expected


def test_derive_order_status_accepts_a_generator() -> None:
    # given
    statuses = (status for status in [S.CANCELLED, S.CANCELLED])

    # when
    status = derive_order_status(statuses, cancelled_at_order_level=False)

    # then
    assert status is O.CANCELLED
