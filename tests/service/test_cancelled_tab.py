"""The Cancelled tab: every filter, alone and combined, keyset pages, local-date bounds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from models.cancellations import Cancellation
from resolvers.paging import PageError
from resolvers.reporting import CancellationQuery, cancellations_page
from tests.factories import scope_of
from tests.service.cancelled_tab_data import T0, nine_cancellations
from tests.service.reporting_data import (
    Spec,
    World,
    add_cancellations,
    make_world,
)

Case = tuple[dict[str, Any], Callable[[Spec, World], bool]]


ALONE: dict[str, Case] = {
    "none": ({}, lambda s, w: not s.reverted),
    "include_reverted": ({"include_reverted": True}, lambda s, w: True),
    "customer_search": (
        {"customer_search": "  glob "},
        lambda s, w: not s.reverted and s.customer.name == "Globex",
    ),
    "customer_search_any_case": (
        {"customer_search": "BRELLA c"},
        lambda s, w: not s.reverted and s.customer.name == "Umbrella Corp",
    ),
    "customer_search_like_wildcard_is_literal": ({"customer_search": "%"}, lambda s, w: False),
    "reason_codes": (
        {"reason_codes": ["WEATHER", "DUPLICATE"]},
        lambda s, w: not s.reverted and s.reason_code in ("WEATHER", "DUPLICATE"),
    ),
    "reason_codes_empty": ({"reason_codes": []}, lambda s, w: False),
    "billable": ({"billable": True}, lambda s, w: not s.reverted and s.billable),
    "not_billable": ({"billable": False}, lambda s, w: not s.reverted and not s.billable),
    "waived": ({"waived": True}, lambda s, w: not s.reverted and s.waived),
    "not_waived": ({"waived": False}, lambda s, w: not s.reverted and not s.waived),
    "driver_billable_or_not": (
        {"driver_id": "eli"},
        lambda s, w: not s.reverted and w.drivers[1] in s.drivers,
    ),
    "unknown_driver": ({"driver_id": "nobody"}, lambda s, w: False),
    "date_range": (
        {"cancelled_from": date(2026, 5, 10), "cancelled_to": date(2026, 5, 10)},
        lambda s, w: not s.reverted,
    ),
    "date_range_before": ({"cancelled_to": date(2026, 5, 9)}, lambda s, w: False),
    "date_range_after": ({"cancelled_from": date(2026, 5, 11)}, lambda s, w: False),
}


COMBINED: dict[str, Case] = {
    "billable_not_waived_driver": (
        {"billable": True, "waived": False, "driver_id": "fay"},
        lambda s, w: not s.reverted and s.billable and not s.waived and w.drivers[2] in s.drivers,
    ),
    "customer_reason_reverted": (
        {
            "customer_search": "ini",
            "reason_codes": ["CUSTOMER_REQUEST", "OTHER"],
            "include_reverted": True,
        },
        lambda s, w: (
            s.customer.name == "Initech" and s.reason_code in ("CUSTOMER_REQUEST", "OTHER")
        ),
    ),
    "everything": (
        {
            "cancelled_from": date(2026, 5, 10),
            "cancelled_to": date(2026, 5, 10),
            "customer_search": "o",
            "reason_codes": ["CUSTOMER_REQUEST"],
            "billable": True,
            "waived": True,
            "driver_id": "eli",
            "include_reverted": True,
        },
        lambda s, w: (
            s.customer.name in ("Globex",)
            and s.reason_code == "CUSTOMER_REQUEST"
            and s.billable
            and s.waived
            and w.drivers[1] in s.drivers
        ),
    ),
}


def _query(w: World, args: dict[str, Any]) -> CancellationQuery:
    names = {"dana": w.drivers[0].id, "eli": w.drivers[1].id, "fay": w.drivers[2].id}
    if "driver_id" in args:
        args = {**args, "driver_id": names.get(args["driver_id"], -1)}
    return CancellationQuery(**args)


async def _all(w: World, q: CancellationQuery, first: int = 200) -> list[Cancellation]:
    rows: list[Cancellation] = []
    after = None
    while True:
        page = await cancellations_page(scope_of(w.operator), q, first, after)
        rows += page.rows
        if not page.has_next:
            return rows
        after = page.cursors[-1]


@pytest.mark.parametrize("case", [*ALONE, *COMBINED])
async def test_each_filter_alone_and_combined(db: str, case: str) -> None:
    # given cancellations of every kind
    w = await make_world()
    specs = nine_cancellations(w)
    made = await add_cancellations(w, specs)
    args, keep = {**ALONE, **COMBINED}[case]
    # when the tab is filtered
    page = await cancellations_page(scope_of(w.operator), _query(w, args), None, None)
    # then exactly the matching ones come, newest first, counted
    expected = [c.id for s, c in zip(specs, made, strict=True) if keep(s, w)][::-1]
    assert [r.id for r in page.rows] == expected
    assert page.total == len(expected)
    # and the count stays the whole list's on a page of one, and past the list's end
    if expected:
        one = await cancellations_page(scope_of(w.operator), _query(w, args), 1, None)
        past = await cancellations_page(scope_of(w.operator), _query(w, args), 5, page.cursors[-1])
        assert (len(one.rows), one.total) == (1, len(expected))
        assert (past.rows, past.total) == ([], len(expected))


async def test_another_agencys_cancellations_never_show(db: str) -> None:
    # given two agencies with cancellations
    mine, theirs = await make_world(), await make_world(name="Other agency")
    await add_cancellations(mine, [Spec(T0, mine.customers[0])])
    await add_cancellations(theirs, [Spec(T0, theirs.customers[0], [theirs.drivers[0]])])
    # when I list mine, even filtering on their driver
    everything = await cancellations_page(scope_of(mine.operator), CancellationQuery(), None, None)
    by_driver = await cancellations_page(
        scope_of(mine.operator), CancellationQuery(driver_id=theirs.drivers[0].id), None, None
    )
    # then only mine
    assert [r.agency_id for r in everything.rows] == [mine.agency.id]
    assert by_driver.rows == [] and by_driver.total == 0


async def test_pages_forward_stay_stable_when_newer_cancellations_arrive(db: str) -> None:
    # given 25 cancellations, three at each instant
    w = await make_world()
    c = w.customers[0]
    made = await add_cancellations(w, [Spec(T0 + timedelta(minutes=i // 3), c) for i in range(25)])
    scope, q = scope_of(w.operator), CancellationQuery()
    # when I read a first page, then newer cancellations arrive (and one older), and I read on
    first = await cancellations_page(scope, q, 10, None)
    await add_cancellations(w, [Spec(T0 + timedelta(days=1, minutes=i), c) for i in range(7)])
    (older,) = await add_cancellations(w, [Spec(T0 + timedelta(minutes=4), c)])
    second = await cancellations_page(scope, q, 10, first.cursors[-1])
    third = await cancellations_page(scope, q, 10, second.cursors[-1])
    # then the pages go on where the first stopped: no duplicate, no skip, newer ones not
    # mixed in, the older arrival in its place
    seen = [r.id for r in first.rows + second.rows + third.rows]
    expected = sorted([*made, older], key=lambda r: (r.cancelled_at, r.id), reverse=True)
    assert seen == [r.id for r in expected]
    assert (first.has_next, second.has_next, third.has_next) == (True, True, False)
    assert not first.has_previous and third.has_previous
    assert first.total == 25 and third.total == 33


async def test_a_tie_inserted_before_the_cursor_is_not_repeated(db: str) -> None:
    # given a page that ended inside a run of equal cancelledAt values
    w = await make_world()
    c = w.customers[0]
    made = await add_cancellations(w, [Spec(T0, c) for _ in range(4)])
    scope, q = scope_of(w.operator), CancellationQuery()
    first = await cancellations_page(scope, q, 2, None)
    # when another cancellation with the same instant (a higher id) arrives
    (late,) = await add_cancellations(w, [Spec(T0, c)])
    rest = await cancellations_page(scope, q, 10, first.cursors[-1])
    # then it sorts before the cursor (id descending) and the rest are exactly the others
    assert [r.id for r in first.rows] == [made[3].id, made[2].id]
    assert [r.id for r in rest.rows] == [made[1].id, made[0].id]
    assert late.id > made[3].id


async def test_a_bad_cursor_or_page_size_is_refused(db: str) -> None:
    w = await make_world()
    scope = scope_of(w.operator)
    with pytest.raises(PageError):
        await cancellations_page(scope, CancellationQuery(), 10, "not-a-cursor")
    with pytest.raises(PageError):
        await cancellations_page(scope, CancellationQuery(), 0, None)
    with pytest.raises(PageError):
        await cancellations_page(scope, CancellationQuery(), 201, None)


def _paris(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC)


@pytest.mark.parametrize(
    ("first_day", "last_day"),
    [
        (date(2026, 5, 1), date(2026, 5, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 3, 1), date(2026, 3, 29)),
        (date(2026, 10, 1), date(2026, 10, 25)),
    ],
    ids=["summer", "winter", "ends-on-spring-dst-day", "ends-on-autumn-dst-day"],
)
async def test_date_range_is_inclusive_in_the_agency_time_zone(
    db: str, first_day: date, last_day: date
) -> None:
    # given cancellations around both ends of the range, in Paris local time
    w = await make_world()
    c = w.customers[0]
    before = first_day - timedelta(days=1)
    after = last_day + timedelta(days=1)
    inside_first = _paris(first_day.year, first_day.month, first_day.day, 0, 30)
    inside_last = _paris(last_day.year, last_day.month, last_day.day, 23, 30)
    outside_before = _paris(before.year, before.month, before.day, 23, 30)
    outside_after = _paris(after.year, after.month, after.day, 0, 30)
    made = await add_cancellations(
        w, [Spec(t, c) for t in (outside_before, inside_first, inside_last, outside_after)]
    )
    # when the tab is filtered on those local dates
    q = CancellationQuery(cancelled_from=first_day, cancelled_to=last_day)
    rows = await _all(w, q)
    # then 00:30 on the first day and 23:30 on the last are in; the neighbours are out
    assert [r.id for r in rows] == [made[2].id, made[1].id]


async def test_the_day_is_the_agency_s_own(db: str) -> None:
    # given an agency in New York, and a cancellation at 23:30 there (03:30 UTC next day)
    w = await make_world(time_zone="America/New_York")
    at = datetime(2026, 7, 5, 3, 30, tzinfo=UTC)
    await add_cancellations(w, [Spec(at, w.customers[0])])
    # then it belongs to 4 July, not 5 July
    on_4th = await _all(
        w, CancellationQuery(cancelled_from=date(2026, 7, 4), cancelled_to=date(2026, 7, 4))
    )
    on_5th = await _all(
        w, CancellationQuery(cancelled_from=date(2026, 7, 5), cancelled_to=date(2026, 7, 5))
    )
    assert len(on_4th) == 1 and on_5th == []
