"""The billing decision's inputs and record: it round-trips through JSON; float money, naive
times and implausible request times are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from models.domain.billing import (
    BillingDecision,
    DriverTerms,
    PolicySnapshot,
    decide_billing,
    validate_requested_at,
)
from models.domain.errors import DomainError, ErrorCode
from tests.unit.billing_terms import END, PARIS, PICKUP, driver, policy


def test_decision_round_trips_through_json() -> None:
    # given
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(minutes=7),
        judged_at=datetime(2025, 6, 10, 11, 0, tzinfo=PARIS),
        policy=policy(rate="33.33"),
        drivers=[driver(4, 200, "12.50")],
    )

    # when
    text = json.dumps(decision.to_dict())
    restored = BillingDecision.from_dict(json.loads(text))

    # then
    assert restored == decision
    assert decision.to_dict() == {
        "billable": True,
        "effectiveWindowMinutes": 200,
        "windowSource": "DRIVER",
        "scheduledMinutes": 7,
        "billableMinutes": 7,
        "charge": "3.89",
        "payouts": [{"driverId": 4, "amount": "1.46"}],
        "currency": "EUR",
        "judgedAt": "2025-06-10T09:00:00+00:00",
    }


@pytest.mark.parametrize(
    "build",
    [
        lambda: PolicySnapshot(60, 0, None, None, 60.0, "EUR"),  # type: ignore[arg-type]
        lambda: DriverTerms(1, None, 30.0),  # type: ignore[arg-type]
    ],
)
def test_float_money_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    # given: a rate given as a float

    # when / then
    with pytest.raises(TypeError):
        build()


def test_naive_times_are_refused() -> None:
    # given
    naive = datetime(2025, 6, 10, 10, 0)

    # when / then
    with pytest.raises(ValueError):
        decide_billing(
            pickup_at=naive,
            estimated_end_at=END,
            judged_at=PICKUP,
            policy=policy(),
            drivers=[],
        )


NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("requested_at", "expected"),
    [
        pytest.param(None, NOW, id="unset-is-now"),
        pytest.param(NOW, NOW, id="now"),
        pytest.param(NOW - timedelta(hours=3), NOW - timedelta(hours=3), id="earlier-today"),
        pytest.param(NOW - timedelta(days=7), NOW - timedelta(days=7), id="exactly-7-days"),
        pytest.param(
            datetime(2025, 6, 10, 13, 0, tzinfo=PARIS),
            datetime(2025, 6, 10, 11, 0, tzinfo=UTC),
            id="other-zone-to-utc",
        ),
        pytest.param(NOW + timedelta(seconds=1), ErrorCode.INVALID, id="future"),
        pytest.param(NOW - timedelta(days=7, seconds=1), ErrorCode.INVALID, id="more-than-7-days"),
        pytest.param(datetime(2025, 6, 10, 11, 0), ErrorCode.INVALID, id="naive"),
    ],
)
def test_validate_requested_at(
    requested_at: datetime | None, expected: datetime | ErrorCode
) -> None:
    # given: now is NOW

    # when
    if isinstance(expected, ErrorCode):
        with pytest.raises(DomainError) as raised:
            validate_requested_at(requested_at, NOW)
        error = raised.value.errors[0]

        # then
        assert error.code is expected
        assert error.field == ("input", "requestedAt")
    else:
        result = validate_requested_at(requested_at, NOW)

        # then
        assert result == expected
        assert result.tzinfo is UTC
