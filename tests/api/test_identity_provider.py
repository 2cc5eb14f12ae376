"""Tokens from the agency's identity provider, end to end: RS256/ES256 JWTs verified against
a JWKS served over HTTP by another process, mapped to a known, active user by a claim.

Refused (HTTP 401 UNAUTHENTICATED, saying why): an unknown `kid`, a rotated-out key, a
wrong issuer or audience, an expired token, an HS256 token signed with the provider's
public key (alg confusion), `alg: none`, a subject no user signs in as, a deactivated
user, a token issued before `revokeTokens`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from app import create_app
from models.agency import Role, User
from models.config import Settings
from resolvers import identity_provider
from resolvers.clock import FixedClock
from tests.api.idp import AUDIENCE, ISSUER, JwksServer, SigningKey, claims, hs256_with, jwks_server
from tests.conftest import TEST_SECRET
from tests.factories import gid, gql, make_agency, make_user, token

VIEWER = "{ viewer { name role } }"


@pytest.fixture(scope="module")
def rsa_key() -> SigningKey:
    return SigningKey.make("key-1")


@pytest.fixture
def idp(tmp_path: Path, rsa_key: SigningKey) -> Iterator[JwksServer]:
    server = jwks_server(tmp_path)
    server.publish(rsa_key)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.asynccontextmanager
async def _client(db: str, clock: FixedClock, idp: JwksServer, **env: str) -> AsyncIterator[Any]:
    settings = Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            "AUTH_JWKS_URL": idp.url,
            "AUTH_ISSUER": ISSUER,
            "AUTH_AUDIENCE": AUDIENCE,
            **env,
        }
    )
    app = create_app(settings, clock=clock, manage_database=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


@pytest.fixture
async def client(db: str, clock: FixedClock, idp: JwksServer) -> AsyncIterator[Any]:
    async with _client(db, clock, idp) as c:
        yield c


async def _viewer(client: httpx.AsyncClient, bearer: str, status: int = 200) -> dict[str, Any]:
    return await gql(client, VIEWER, bearer=f"Bearer {bearer}", status=status)


def _refusal(body: dict[str, Any]) -> str:
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["data"] is None
    return str(error["message"])


@pytest.mark.parametrize("algorithm", ["RS256", "ES256"])
async def test_a_known_user_signs_in_with_the_providers_token(
    client: httpx.AsyncClient, idp: JwksServer, algorithm: str
) -> None:
    # given a user known at the provider as "okta|ada", and the provider's key
    key = SigningKey.make(f"key-{algorithm}", algorithm)
    idp.publish(key)
    agency = await make_agency()
    ada = await make_user(agency, Role.OPERATOR, name="Ada")
    await User.filter(id=ada.id).update(external_id="okta|ada")

    # when Ada calls with the provider's token
    body = await _viewer(client, key.sign(claims("okta|ada")))

    # then she is herself, with her role here
    assert body["data"]["viewer"] == {"name": "Ada", "role": "OPERATOR"}
    # and our own tokens keep working beside the provider's
    assert (await _viewer(client, token(ada)))["data"]["viewer"]["name"] == "Ada"


async def test_the_user_may_be_named_by_a_verified_email(
    db: str, clock: FixedClock, idp: JwksServer, rsa_key: SigningKey
) -> None:
    # given a provider whose tokens name users by email
    agency = await make_agency()
    ada = await make_user(agency, Role.REPORTER, name="Ada")
    await User.filter(id=ada.id).update(external_id="ada@acme.example")

    async with _client(db, clock, idp, AUTH_USER_CLAIM="email") as client:
        # when
        signed_in = await _viewer(
            client,
            rsa_key.sign(claims("x-1", email="ada@acme.example", email_verified=True)),
        )
        unverified = await _viewer(
            client,
            rsa_key.sign(claims("x-1", email="ada@acme.example", email_verified=False)),
            status=401,
        )

    # then only the verified address signs her in
    assert signed_in["data"]["viewer"]["name"] == "Ada"
    assert "not verified" in _refusal(unverified)


async def test_a_rotated_key_is_fetched_and_a_retired_one_refused(
    client: httpx.AsyncClient,
    idp: JwksServer,
    rsa_key: SigningKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a user who signed in with the provider's first key
    monkeypatch.setattr(identity_provider, "MIN_REFRESH", 0.0)
    agency = await make_agency()
    ada = await make_user(agency, Role.OPERATOR, name="Ada")
    await User.filter(id=ada.id).update(external_id="ada")
    await _viewer(client, rsa_key.sign(claims("ada")))

    # when the provider rotates: it publishes a new key only, and signs with it
    new_key = SigningKey.make("key-2")
    idp.publish(new_key)
    with_new = await _viewer(client, new_key.sign(claims("ada")))
    with_old = await _viewer(client, rsa_key.sign(claims("ada")), status=401)

    # then the new key is fetched and honoured, and the retired one is refused
    assert with_new["data"]["viewer"]["name"] == "Ada"
    assert "does not publish" in _refusal(with_old)


async def test_made_up_kids_do_not_make_a_fetch_each(
    client: httpx.AsyncClient, idp: JwksServer, rsa_key: SigningKey
) -> None:
    # given a user signed in, the keys fetched once
    agency = await make_agency()
    ada = await make_user(agency, Role.OPERATOR)
    await User.filter(id=ada.id).update(external_id="ada")
    await _viewer(client, rsa_key.sign(claims("ada")))
    fetched = idp.fetches()

    # when twenty tokens name keys nobody published
    for n in range(20):
        forged = SigningKey(f"made-up-{n}", "RS256", rsa_key.private)
        body = await _viewer(client, forged.sign(claims("ada")), status=401)
        assert "does not publish" in _refusal(body)

    # then the provider was asked at most once more
    assert fetched == 1
    assert idp.fetches() <= fetched + 1


def _expired(key: SigningKey) -> str:
    return key.sign(claims("ada", iat=1_700_000_000, exp=1_700_003_600))


REFUSED = {
    "unknown-kid": (
        lambda key: SigningKey("nobody-published-this", "RS256", key.private).sign(claims("ada")),
        "does not publish",
    ),
    "wrong-issuer": (
        lambda key: key.sign(claims("ada", iss="https://evil.example.com/")),
        "not issued by",
    ),
    "wrong-audience": (lambda key: key.sign(claims("ada", aud="another-api")), "audience"),
    "expired": (_expired, "expired"),
    "hs256-signed-with-the-public-key": (
        lambda key: hs256_with(key.public_pem(), claims("ada"), key.kid),
        "invalid",
    ),
    "alg-none": (
        lambda key: jwt.encode(claims("ada"), None, algorithm="none", headers={"kid": key.kid}),
        "invalid",
    ),
    "unknown-subject": (lambda key: key.sign(claims("mallory")), "ask your agency's admin"),
}


@pytest.mark.parametrize("case", list(REFUSED))
async def test_a_bad_provider_token_is_refused_with_401(
    client: httpx.AsyncClient, rsa_key: SigningKey, case: str
) -> None:
    # given a user known at the provider as "ada"
    agency = await make_agency()
    ada = await make_user(agency, Role.ADMIN)
    await User.filter(id=ada.id).update(external_id="ada")
    users = await User.all().count()
    make, says = REFUSED[case]

    # when a bad token is presented
    body = await _viewer(client, make(rsa_key), status=401)

    # then it is refused, saying why, and no user came from the token's say-so
    assert says in _refusal(body)
    assert await User.all().count() == users


async def test_a_deactivated_or_revoked_user_is_refused_with_the_providers_token(
    client: httpx.AsyncClient, rsa_key: SigningKey
) -> None:
    # given two users known at the provider, and an admin
    agency = await make_agency()
    admin = await make_user(agency, Role.ADMIN)
    leaver = await make_user(agency, Role.OPERATOR, name="Leaver")
    lost = await make_user(agency, Role.OPERATOR, name="Lost phone")
    await User.filter(id=leaver.id).update(external_id="leaver")
    await User.filter(id=lost.id).update(external_id="lost")
    leaver_token = rsa_key.sign(claims("leaver"))
    lost_token = rsa_key.sign(claims("lost", iat=int(claims("lost")["iat"]) - 60))
    await _viewer(client, leaver_token)
    await _viewer(client, lost_token)

    # when the admin deactivates one and revokes the other's tokens
    deactivate = "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }"
    revoke = "mutation($id: ID!) { revokeTokens(userId: $id) { errors { code } } }"
    await gql(client, deactivate, {"id": gid("User", leaver.id)}, user=admin)
    await gql(client, revoke, {"id": gid("User", lost.id)}, user=admin)

    # then both provider tokens are refused on the next request
    assert "deactivated" in _refusal(await _viewer(client, leaver_token, status=401))
    assert "revoked" in _refusal(await _viewer(client, lost_token, status=401))
