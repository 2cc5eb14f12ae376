"""Every command of these tests sends its events' rows with them (resolvers/carried_rows.py),
and every row sent is checked against the row as committed: built from what the event
carries, it must equal what a server reads from the database, attribute for attribute,
on SQLite and on PostgreSQL. A difference fails the test that made the command."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest

from resolvers import carried_rows, outbox
from resolvers.rows import reader
from schema.loaders import rows_by_ids

UNCHECKED = (
    # Commands racing on the same rows: a row one commit carried may be changed by the
    # next commit before this check reads it (what the order of seqs asks of a carried
    # row is checked in test_carried_rows.py).
    "test_cancel_concurrency",
    "test_invoice_concurrency",
    "test_users_concurrency",
    # They count a command's statements as it runs by default, rows not carried.
    "test_statement_counts",
    "test_nested_statements",
)


def attributes(row: Any) -> dict[str, tuple[type, Any]]:
    """What a row read for a notice is made of (resolvers/rows.py builds these), each value
    with its type: Decimal("120.00") == 120.0, a str enum equals its text, True == 1."""
    return {
        name: (type(value), value)
        for name in reader(type(row)).attributes
        for value in (getattr(row, name),)
    }


async def differences(events: Sequence[Any]) -> list[str]:
    """How the rows these events carry differ from the same rows read now."""
    found = []
    for event in events:
        for name, encoded in getattr(event, carried_rows.ATTRIBUTE, {}).items():
            built = carried_rows.build(name, encoded, event.agency_id)
            model = carried_rows.MODELS[name]
            pk = carried_rows.named(event)[name]
            (read,) = await rows_by_ids(model, [pk], event.agency_id)
            if built is None or attributes(built) != attributes(read):
                found.append(f"seq {event.seq} {event.type}: {name} {pk} carried as {encoded}")
    return found


@pytest.fixture(autouse=True)
async def carried_rows_checked(request: pytest.FixtureRequest) -> AsyncIterator[list[Any]]:
    if request.module.__name__.rsplit(".", 1)[-1] in UNCHECKED:
        yield []
        return
    carried: list[Any] = []
    problems: list[str] = []

    async def check(events: Sequence[Any]) -> None:
        carried.extend(e for e in events if getattr(e, carried_rows.ATTRIBUTE, None))
        problems.extend(await differences(events))

    was = carried_rows.CARRYING.enabled
    carried_rows.CARRYING.enabled = True
    outbox.add_listener(check)
    try:
        yield carried
    finally:
        outbox.remove_listener(check)
        carried_rows.CARRYING.enabled = was
    assert problems == []
