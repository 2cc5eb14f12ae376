"""People through GraphQL (ADMIN): create, change, deactivate, reactivate, revoke, issue a token.

Every change is an audit event; a deactivated user or a revoked token is refused on the
very next request; the agency keeps an active ADMIN.
"""

from __future__ import annotations

from typing import Any

import httpx

from models.agency import Role, User
from models.audit import Event
from tests.factories import gid, gql, make_agency, make_driver, make_user, token

USER = "user { id name role active externalId driver { name } }"
ERRORS = "errors { code field message }"

CREATE = f"""mutation($input: CreateUserInput!) {{
  createUser(input: $input) {{ {USER} {ERRORS} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: UpdateUserInput!) {{
  updateUser(id: $id, input: $input) {{ {USER} {ERRORS} }} }}"""
DEACTIVATE = f"mutation($id: ID!) {{ deactivateUser(id: $id) {{ {USER} {ERRORS} }} }}"
REACTIVATE = f"mutation($id: ID!) {{ reactivateUser(id: $id) {{ {USER} {ERRORS} }} }}"
REVOKE = f"mutation($id: ID!) {{ revokeTokens(userId: $id) {{ {USER} {ERRORS} }} }}"
ISSUE = f"""mutation($id: ID!, $days: Int!) {{
  issueToken(userId: $id, days: $days) {{ token expiresAt {USER} {ERRORS} }} }}"""
VIEWER = "{ viewer { name role driver { name } } }"
USERS = """query($filter: UserFilter) { users(filter: $filter) {
  totalCount edges { node { name role active } } } }"""


async def _bearer(client: httpx.AsyncClient, bearer: str, status: int = 200) -> dict[str, Any]:
    return await gql(client, VIEWER, bearer=f"Bearer {bearer}", status=status)


async def _events(type_: str) -> list[Event]:
    return await Event.filter(type=type_).order_by("seq")


async def test_an_admin_sets_up_a_new_driver_app_without_the_shell(
    client: httpx.AsyncClient,
) -> None:
    # given an admin and a driver of the agency
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    driver = await make_driver(agency, "Dana Driver")

    # when the admin creates a DRIVER user for the driver and issues a token
    created = await gql(
        client,
        CREATE,
        {"input": {"name": "Dana's phone", "role": "DRIVER", "driverId": gid("Driver", driver.id)}},
        user=admin,
    )
    user = created["data"]["createUser"]["user"]
    issued = await gql(client, ISSUE, {"id": user["id"], "days": 7}, user=admin)

    # then the token works, shown once, for that driver's app
    payload = issued["data"]["issueToken"]
    assert created["data"]["createUser"]["errors"] == [] and payload["errors"] == []
    assert user["driver"] == {"name": "Dana Driver"} and user["active"] is True
    viewer = await _bearer(client, payload["token"])
    assert viewer["data"]["viewer"] == {
        "name": "Dana's phone",
        "role": "DRIVER",
        "driver": {"name": "Dana Driver"},
    }
    # and both changes are in the audit trail, the token itself nowhere
    (made,) = await _events("UserCreated")
    (issued_event,) = await _events("TokenIssued")
    assert made.actor_user_id == admin.id and made.data["role"] == "DRIVER"
    assert payload["token"] not in str(issued_event.data)


async def test_a_refused_create_changes_nothing(client: httpx.AsyncClient) -> None:
    # given an admin, and a driver of another agency
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    foreign = await make_driver(await make_agency("Other"), "Foreign Driver")
    before = await User.all().count()

    # when the admin creates a DRIVER without a driver, with another agency's, and an
    # OPERATOR linked to a driver
    cases = [
        ({"name": "X", "role": "DRIVER"}, "REQUIRED"),
        ({"name": "X", "role": "DRIVER", "driverId": gid("Driver", foreign.id)}, "NOT_FOUND"),
        ({"name": "X", "role": "OPERATOR", "driverId": gid("Driver", foreign.id)}, "INVALID"),
        ({"name": "  ", "role": "OPERATOR"}, "REQUIRED"),
    ]
    answers = [await gql(client, CREATE, {"input": i}, user=admin) for i, _ in cases]

    # then each is refused with its code on its field, and no user was created
    for answer, (_, code) in zip(answers, cases, strict=True):
        payload = answer["data"]["createUser"]
        assert payload["user"] is None
        assert [e["code"] for e in payload["errors"]] == [code], payload
    assert await User.all().count() == before
    assert await _events("UserCreated") == []


async def test_a_deactivated_user_is_refused_on_the_next_request_and_back_when_reactivated(
    client: httpx.AsyncClient,
) -> None:
    # given an operator whose token works
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    operator = await make_user(agency, Role.OPERATOR, name="Leaver")
    bearer = token(operator)
    await _bearer(client, bearer)

    # when the admin deactivates them
    answer = await gql(client, DEACTIVATE, {"id": gid("User", operator.id)}, user=admin)

    # then their very next request is refused, saying why
    assert answer["data"]["deactivateUser"]["user"]["active"] is False
    refused = await _bearer(client, bearer, status=401)
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "deactivated" in refused["errors"][0]["message"]

    # and once reactivated the same token works again
    await gql(client, REACTIVATE, {"id": gid("User", operator.id)}, user=admin)
    assert (await _bearer(client, bearer))["data"]["viewer"]["name"] == "Leaver"
    assert [e.type for e in await Event.filter(type__startswith="User").order_by("seq")] == [
        "UserDeactivated",
        "UserReactivated",
    ]


async def test_the_last_active_admin_can_be_neither_deactivated_nor_demoted(
    client: httpx.AsyncClient,
) -> None:
    # given an agency whose only active admin is Ada (another admin is deactivated)
    agency = await make_agency()
    ada = await make_user(agency, Role.ADMIN, name="Ada")
    await make_user(agency, Role.ADMIN, name="Gone", active=False)
    ada_id = gid("User", ada.id)

    # when Ada deactivates or demotes herself
    deactivated = await gql(client, DEACTIVATE, {"id": ada_id}, user=ada)
    demoted = await gql(client, UPDATE, {"id": ada_id, "input": {"role": "OPERATOR"}}, user=ada)

    # then both are refused and she is still an active admin
    for payload in (deactivated["data"]["deactivateUser"], demoted["data"]["updateUser"]):
        assert payload["user"] is None
        assert payload["errors"][0]["code"] == "CONFLICT"
        assert "last active admin" in payload["errors"][0]["message"]
    ada_now = await User.get(id=ada.id)
    assert ada_now.active and ada_now.role is Role.ADMIN
    assert await _events("UserDeactivated") == [] and await _events("UserUpdated") == []

    # and with a second active admin, she may step down
    bob = await make_user(agency, Role.ADMIN, name="Bob")
    demoted = await gql(client, UPDATE, {"id": ada_id, "input": {"role": "OPERATOR"}}, user=bob)
    assert demoted["data"]["updateUser"]["user"]["role"] == "OPERATOR"


async def test_a_new_role_applies_on_the_next_request(client: httpx.AsyncClient) -> None:
    # given two admins, one of whom can list users
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    other = await make_user(agency, Role.ADMIN, name="Demoted")
    bearer = token(other)
    listed = await gql(client, USERS, bearer=f"Bearer {bearer}")
    assert listed["data"]["users"]["totalCount"] == 2

    # when the first makes the second a REPORTER
    await gql(
        client, UPDATE, {"id": gid("User", other.id), "input": {"role": "REPORTER"}}, user=admin
    )

    # then the same token may no longer list users
    refused = await gql(client, USERS, bearer=f"Bearer {bearer}")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    (event,) = await _events("UserUpdated")
    assert event.data["changes"] == {"role": {"from": "ADMIN", "to": "REPORTER"}}
    assert event.data["accessChanged"] is True


async def test_revoked_tokens_are_refused_and_a_new_one_works(client: httpx.AsyncClient) -> None:
    # given a reporter with two tokens
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    reporter = await make_user(agency, Role.REPORTER, name="Lost phone")
    old = [token(reporter), token(reporter)]

    # when the admin revokes their tokens, then issues a new one
    revoked = await gql(client, REVOKE, {"id": gid("User", reporter.id)}, user=admin)
    issued = await gql(client, ISSUE, {"id": gid("User", reporter.id), "days": 30}, user=admin)

    # then every token from before is refused, the user stays active, the new token works
    assert revoked["data"]["revokeTokens"]["user"]["active"] is True
    for bearer in old:
        refused = await _bearer(client, bearer, status=401)
        assert "revoked" in refused["errors"][0]["message"]
    new = issued["data"]["issueToken"]["token"]
    assert (await _bearer(client, new))["data"]["viewer"]["name"] == "Lost phone"
    assert len(await _events("UserTokensRevoked")) == 1


async def test_a_token_is_not_issued_for_bad_days_or_a_deactivated_user(
    client: httpx.AsyncClient,
) -> None:
    # given an admin and a deactivated user
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    gone = await make_user(agency, Role.OPERATOR, active=False)
    active = await make_user(agency, Role.OPERATOR)

    # when
    answers = [
        await gql(client, ISSUE, {"id": gid("User", active.id), "days": 0}, user=admin),
        await gql(client, ISSUE, {"id": gid("User", active.id), "days": 366}, user=admin),
        await gql(client, ISSUE, {"id": gid("User", gone.id), "days": 30}, user=admin),
    ]

    # then
    codes = [a["data"]["issueToken"]["errors"][0]["code"] for a in answers]
    assert codes == ["INVALID", "INVALID", "INVALID_TRANSITION"]
    assert all(a["data"]["issueToken"]["token"] is None for a in answers)
    assert await _events("TokenIssued") == []


async def test_only_an_admin_manages_users_and_only_their_agencys(
    client: httpx.AsyncClient,
) -> None:
    # given an operator, and an admin of another agency
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    target = await make_user(agency, Role.REPORTER)
    foreign_admin = await make_user(await make_agency("Other"), Role.ADMIN)

    # when each tries to manage the reporter
    by_operator = await gql(client, DEACTIVATE, {"id": gid("User", target.id)}, user=operator)
    listing = await gql(client, USERS, user=operator)
    by_foreigner = await gql(client, DEACTIVATE, {"id": gid("User", target.id)}, user=foreign_admin)

    # then: FORBIDDEN for the role, NOT_FOUND across agencies, and nothing changed
    assert by_operator["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert by_foreigner["data"]["deactivateUser"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await User.get(id=target.id)).active is True


async def test_users_are_listed_by_name_with_a_filter(client: httpx.AsyncClient) -> None:
    # given
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN, name="Ada Admin")
    await make_user(agency, Role.OPERATOR, name="Olga Operator")
    await make_user(agency, Role.OPERATOR, name="Otto Gone", active=False)
    await make_user(await make_agency("Other"), Role.OPERATOR, name="Oscar Elsewhere")

    # when
    everyone = await gql(client, USERS, user=admin)
    operators = await gql(
        client, USERS, {"filter": {"roles": ["OPERATOR"], "active": True}}, user=admin
    )
    searched = await gql(client, USERS, {"filter": {"search": "gone"}}, user=admin)

    # then
    names = [e["node"]["name"] for e in everyone["data"]["users"]["edges"]]
    assert names == ["Ada Admin", "Olga Operator", "Otto Gone"]
    assert [e["node"]["name"] for e in operators["data"]["users"]["edges"]] == ["Olga Operator"]
    assert searched["data"]["users"]["edges"] == [
        {"node": {"name": "Otto Gone", "role": "OPERATOR", "active": False}}
    ]


async def test_a_driver_relinked_sees_the_new_drivers_missions_from_the_next_request(
    client: httpx.AsyncClient,
) -> None:
    # given a driver's app signed in as Dana
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    dana = await make_driver(agency, "Dana")
    eli = await make_driver(agency, "Eli")
    app_user = await make_user(agency, Role.DRIVER, name="Shared phone", driver=dana)
    bearer = token(app_user)

    # when the admin links the phone to Eli instead
    answer = await gql(
        client,
        UPDATE,
        {"id": gid("User", app_user.id), "input": {"driverId": gid("Driver", eli.id)}},
        user=admin,
    )

    # then the same token is Eli's from the next request
    assert answer["data"]["updateUser"]["user"]["driver"] == {"name": "Eli"}
    assert (await _bearer(client, bearer))["data"]["viewer"]["driver"] == {"name": "Eli"}
    (event,) = await _events("UserUpdated")
    assert event.data["changes"] == {"driverId": {"from": dana.id, "to": eli.id}}
    assert sorted(event.driver_ids) == sorted([dana.id, eli.id])
