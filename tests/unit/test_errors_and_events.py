from __future__ import annotations

import re

import pytest

from models.domain import events
from models.domain.errors import DomainError, ErrorCode, UserError

EVENT_CONSTANTS = {
    name: value for name, value in vars(events).items() if re.fullmatch(r"[A-Z][A-Z_]+", name)
}
EVENT_CONSTANTS.pop("ALL_EVENT_TYPES")


def test_error_codes_are_their_own_names() -> None:
    # given / when
    pairs = [(code.name, code.value) for code in ErrorCode]

    # then
    assert all(name == value for name, value in pairs)
    assert len(pairs) == 13


def test_domain_error_carries_one_error() -> None:
    # given / when
    error = DomainError(ErrorCode.INVALID, "Bad.", field=("input", "x"), mission_ids=[3, 4])

    # then
    assert error.errors == [UserError(ErrorCode.INVALID, "Bad.", ("input", "x"), (3, 4))]
    assert error.code is ErrorCode.INVALID
    assert str(error) == "Bad."


def test_domain_error_many_carries_every_error() -> None:
    # given
    errors = [
        UserError(ErrorCode.REQUIRED, "Who asked?", ("input", "requestedBy")),
        UserError(ErrorCode.INVALID_REASON, "Unknown reason.", ("input", "reasonCode")),
    ]

    # when
    error = DomainError.many(errors)

    # then
    assert error.errors == errors
    assert error.code is ErrorCode.REQUIRED


def test_domain_error_many_needs_an_error() -> None:
    # given / when / then
    with pytest.raises(ValueError):
        DomainError.many([])


@pytest.mark.parametrize(("name", "value"), sorted(EVENT_CONSTANTS.items()))
def test_event_type_is_the_past_tense_name_in_pascal_case(name: str, value: str) -> None:
    # given: ORDER_CREATED -> "OrderCreated"
    expected = "".join(part.capitalize() for part in name.split("_"))

    # when / then
    assert value == expected
    assert value in events.ALL_EVENT_TYPES


def test_every_event_type_is_listed_once() -> None:
    # given / when
    values = list(EVENT_CONSTANTS.values())

    # then
    assert len(values) == 38
    assert set(values) == events.ALL_EVENT_TYPES


def test_domain_event_defaults_to_empty_data() -> None:
    # given / when
    event = events.DomainEvent(events.MISSION_CANCELLED, order_id=1, mission_id=2)

    # then
    assert event.data == {}
