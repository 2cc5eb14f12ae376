"""Two admins taking each other away at once: one wins, the agency keeps an active ADMIN."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from models.agency import Role, User
from models.domain.errors import DomainError
from resolvers import users
from resolvers.clock import FixedClock
from tests.factories import make_agency, make_user, scope_of


@pytest.fixture(autouse=True)
def postgres_only(dialect: str) -> None:
    if dialect == "sqlite":
        pytest.skip("SQLite serialises writers: row locks are a PostgreSQL matter")


async def test_two_admins_deactivating_each_other_at_once_leave_one_active(
    db: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an agency with exactly two active admins, and a check slow enough that the
    # two commands overlap
    check = users._keeps_an_admin

    async def slow_check(*args: Any) -> None:
        await check(*args)
        await asyncio.sleep(0.2)

    monkeypatch.setattr(users, "_keeps_an_admin", slow_check)
    agency = await make_agency()
    ada = await make_user(agency, Role.ADMIN, name="Ada")
    bob = await make_user(agency, Role.ADMIN, name="Bob")

    # when each deactivates the other at the same moment
    outcomes = await asyncio.gather(
        users.set_active(scope_of(ada), clock, bob.id, False),
        users.set_active(scope_of(bob), clock, ada.id, False),
        return_exceptions=True,
    )

    # then exactly one succeeded, the other was refused, and one admin is still active
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 1, outcomes
    assert "last active admin" in str(refused[0])
    assert await User.filter(agency_id=agency.id, role=Role.ADMIN, active=True).count() == 1
