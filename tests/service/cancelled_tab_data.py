"""The Cancelled tab tests' data: nine cancellations an hour apart, across customers,
drivers, reasons, billable or not, waived and reverted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.service.reporting_data import Spec, World

T0 = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


def nine_cancellations(w: World) -> list[Spec]:
    globex, initech, umbrella = w.customers
    dana, eli, fay = w.drivers
    hour = timedelta(hours=1)
    return [
        Spec(T0, globex, [dana], "CUSTOMER_REQUEST", billable=True),
        Spec(T0 + hour, initech, [eli], "WEATHER", billable=False),
        Spec(T0 + 2 * hour, umbrella, [dana, eli], "DUPLICATE", billable=True, waived=True),
        Spec(T0 + 3 * hour, globex, [], "NO_DRIVER", billable=False),
        Spec(T0 + 4 * hour, initech, [fay], "CUSTOMER_REQUEST", billable=True, reverted=True),
        Spec(T0 + 5 * hour, umbrella, [fay], "WEATHER", billable=True),
        Spec(T0 + 6 * hour, globex, [eli, fay], "CUSTOMER_REQUEST", billable=True, waived=True),
        Spec(T0 + 7 * hour, initech, [dana], "OTHER", billable=False, reverted=True),
        Spec(T0 + 8 * hour, umbrella, [], "CUSTOMER_REQUEST", billable=False),
    ]
