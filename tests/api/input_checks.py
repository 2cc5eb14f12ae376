"""Shared by the refused-input tests (tests/api/test_input_*.py): what "nothing changed"
means, and the agency the edge inputs are sent to."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from models.agency import Agency, User
from models.audit import Event
from models.cancellations import CancellationReason
from models.orders import Mission, Order
from models.people import Customer, Driver


async def snapshot(agency_id: int) -> tuple[Any, ...]:
    """Counts of what a refused input could have created, and the agency's settings."""
    agency = await Agency.get(id=agency_id)
    return (
        await Order.all().count(),
        await Mission.all().count(),
        await Customer.all().count(),
        await Driver.all().count(),
        await Event.all().count(),
        sorted(await CancellationReason.all().values_list("code", "label", "active")),
        (
            agency.time_zone,
            agency.currency,
            agency.default_cancellation_window_minutes,
            agency.default_minimum_billing_minutes,
            agency.no_show_fee,
        ),
    )


def cursor(values: list[Any]) -> str:
    """A page cursor as the API encodes one, around any values."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@dataclass(frozen=True)
class EdgeWorld:
    """An agency with a booked, assigned mission and a second one cancelled for WEATHER
    (which a filter or search ignoring an odd input would list). Ids are global ids."""

    agency_id: int
    operator: User
    mission: str
    order: str
    customer: str
    driver: str


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    """The one error of the one mutation payload in `body`."""
    (payload,) = body["data"].values()
    (error,) = payload["errors"]
    return dict(error)
