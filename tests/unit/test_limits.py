"""Each free-text limit fits the column that stores the text (resolvers/limits.py)."""

from __future__ import annotations

import pytest

from models.agency import Agency
from models.billing import CreditNote
from models.cancellations import Cancellation, CancellationReason
from models.orders import Mission, Order, Series
from models.people import Customer, Driver
from resolvers import limits

# Pairs, not a dict: several limits have the same value.
STORED_IN = [
    (limits.NAME_MAX, [(Customer, "name"), (Driver, "name"), (CancellationReason, "label")]),
    (limits.NAME_MAX, [(Cancellation, "requested_by")]),
    (limits.CODE_MAX, [(CancellationReason, "code"), (Cancellation, "reason_code")]),
    (limits.LOCATION_MAX, [(Mission, "pickup_location"), (Mission, "dropoff_location")]),
    (limits.REFERENCE_MAX, [(Order, "reference")]),
    (limits.RULE_MAX, [(Series, "rule")]),
    (limits.CREDIT_NOTE_REASON_MAX, [(CreditNote, "reason")]),
    (limits.TIME_ZONE_MAX, [(Agency, "time_zone")]),
]
COLUMNS = [(limit, model, column) for limit, cols in STORED_IN for model, column in cols]


@pytest.mark.parametrize(
    ("limit", "model", "column"), COLUMNS, ids=[f"{m.__name__}.{c}" for _, m, c in COLUMNS]
)
def test_a_limit_is_the_size_of_its_column(limit: int, model: type, column: str) -> None:
    # given the column that stores the text
    field = model._meta.fields_map[column]  # type: ignore[attr-defined]
    # when its size is read
    # then the limit is exactly that size: what passes the check fits
    assert field.max_length == limit
