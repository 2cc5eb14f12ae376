"""AUTH_* settings: an identity provider is accepted only with its issuer and audience."""

from __future__ import annotations

import pytest

from models.config import ConfigError, Settings

BASE = {"DISPATCH_SECRET": "s" * 40}
IDP = {
    "AUTH_JWKS_URL": "https://idp.example.com/.well-known/jwks.json",
    "AUTH_ISSUER": "https://idp.example.com/",
    "AUTH_AUDIENCE": "dispatch-api",
}


def test_without_a_jwks_url_only_our_tokens_are_accepted() -> None:
    # when
    settings = Settings.from_env(BASE)
    # then
    assert settings.auth_jwks_url == ""


def test_a_provider_is_read_with_its_defaults() -> None:
    # when
    settings = Settings.from_env({**BASE, **IDP})
    # then
    assert settings.auth_issuer == "https://idp.example.com/"
    assert settings.auth_user_claim == "sub"
    assert settings.auth_algorithms == frozenset({"RS256", "ES256"})


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"AUTH_ISSUER": ""}, "AUTH_ISSUER and AUTH_AUDIENCE"),
        ({"AUTH_AUDIENCE": ""}, "AUTH_ISSUER and AUTH_AUDIENCE"),
        ({"AUTH_JWKS_URL": "file:///etc/keys.json"}, "https://"),
        ({"AUTH_ALGORITHMS": "HS256"}, "AUTH_ALGORITHMS"),
        ({"AUTH_USER_CLAIM": "sub; drop"}, "AUTH_USER_CLAIM"),
    ],
    ids=["no-issuer", "no-audience", "not-http", "symmetric-algorithm", "bad-claim"],
)
def test_an_incomplete_or_unsafe_provider_is_refused_at_start(
    env: dict[str, str], says: str
) -> None:
    # when / then
    with pytest.raises(ConfigError, match=says):
        Settings.from_env({**BASE, **IDP, **env})
