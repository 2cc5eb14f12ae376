"""`dispatch create-user --external-id`: the first admin can sign in at the identity provider."""

from __future__ import annotations

import argparse

import pytest

from models.agency import User
from models.config import Settings
from resolvers import admin_commands as cmds
from tests.factories import make_agency


def _args(agency_id: int, external_id: str | None) -> argparse.Namespace:
    return argparse.Namespace(
        command="create-user",
        agency=agency_id,
        name="Alice",
        role="ADMIN",
        driver=None,
        external_id=external_id,
    )


async def test_create_user_records_who_the_user_is_at_the_provider(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    agency = await make_agency()

    # when
    assert await cmds.create_user(settings, _args(agency.id, "alice@acme.example")) == 0

    # then the printed id is an admin known at the provider
    user = await User.get(id=int(capsys.readouterr().out))
    assert user.external_id == "alice@acme.example"


async def test_create_user_refuses_an_external_id_already_taken(settings: Settings) -> None:
    # given
    agency = await make_agency()
    await cmds.create_user(settings, _args(agency.id, "alice"))

    # when / then
    with pytest.raises(cmds.CommandError, match="already signs in as 'alice'"):
        await cmds.create_user(settings, _args(agency.id, "alice"))
    assert await User.filter(external_id="alice").count() == 1
