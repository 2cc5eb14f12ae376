"""Tokens from the agency's identity provider (Google, Entra ID, Okta, Keycloak, Auth0…).

An RS256/ES256 JWT is verified against the provider's published keys (its JWKS URL,
fetched with PyJWT's `PyJWKClient`), its issuer and its audience. The keys are kept for
`KEYS_LIFESPAN` seconds; a token naming a `kid` not among them makes one fresh fetch
(the provider rotated its keys), at most once per `MIN_REFRESH` seconds so that a stream
of made-up `kid`s does not turn into a stream of fetches. The fetch is blocking HTTP: it
runs in a thread, under a lock, so one request fetches while the others wait for it.
When the provider cannot be reached, the keys already known keep working.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import jwt
from jwt import PyJWK, PyJWKClient

from models.config import IDP_ALGORITHMS, Settings
from resolvers.tokens import INVALID, AuthError

log = logging.getLogger("dispatch.auth")

KEYS_LIFESPAN = 300.0
MIN_REFRESH = 10.0
FETCH_TIMEOUT = 5.0
LEEWAY = 30
ASYMMETRIC = IDP_ALGORITHMS


class IdentityProvider:
    """Verifies the provider's tokens; `user_claim` names the claim that says who it is."""

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        user_claim: str = "sub",
        algorithms: frozenset[str] = frozenset({"RS256", "ES256"}),
    ) -> None:
        self.jwks_url = jwks_url
        self.issuer = issuer
        self.audience = audience
        self.user_claim = user_claim
        self.algorithms = algorithms & ASYMMETRIC
        self._client = PyJWKClient(
            jwks_url, cache_keys=False, cache_jwk_set=False, timeout=FETCH_TIMEOUT
        )
        self._keys: dict[str, PyJWK] | None = None
        self._fetched_at = float("-inf")
        self._tried_at = float("-inf")
        self._lock = asyncio.Lock()

    @classmethod
    def of(cls, settings: Settings) -> IdentityProvider | None:
        """The provider the settings configure, or None (our tokens only)."""
        if not settings.auth_jwks_url:
            return None
        return cls(
            settings.auth_jwks_url,
            issuer=settings.auth_issuer,
            audience=settings.auth_audience,
            user_claim=settings.auth_user_claim,
            algorithms=settings.auth_algorithms,
        )

    async def verify(self, token: str) -> dict[str, Any]:
        """The token's claims once its signature, issuer, audience and expiry hold."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError(INVALID) from exc
        algorithm = header.get("alg")
        if algorithm not in self.algorithms:
            raise AuthError(INVALID)
        key = await self._key(header.get("kid"))
        if key.algorithm_name and key.algorithm_name != algorithm:
            raise AuthError(INVALID)  # the key is published for another algorithm
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                issuer=self.issuer,
                audience=self.audience,
                leeway=LEEWAY,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("The identity provider's token has expired.") from exc
        except jwt.InvalidIssuerError as exc:
            raise AuthError("The token was not issued by this agency's identity provider.") from exc
        except jwt.InvalidAudienceError as exc:
            raise AuthError("The token was not issued for this service (audience).") from exc
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthError(INVALID) from exc
        return claims

    async def _key(self, kid: object) -> PyJWK:
        stale = time.monotonic() - self._fetched_at > KEYS_LIFESPAN
        if stale:
            await self._refresh()
        key = self._find(kid)
        if key is None:
            await self._refresh()  # perhaps the provider rotated its keys
            key = self._find(kid)
        if key is not None:
            return key
        if self._keys is None:
            raise AuthError("The identity provider's keys could not be fetched; try again shortly.")
        raise AuthError("The token is signed with a key the identity provider does not publish.")

    def _find(self, kid: object) -> PyJWK | None:
        keys = self._keys or {}
        if kid is None and len(keys) == 1:
            return next(iter(keys.values()))
        return keys.get(kid) if isinstance(kid, str) else None

    async def _refresh(self) -> None:
        """Fetch the keys, unless a fetch (even a failed one) was tried in MIN_REFRESH."""
        asked_at = time.monotonic()
        async with self._lock:
            if asked_at - self._tried_at < MIN_REFRESH:
                return  # fetched a moment ago, or by another request while this one waited
            self._tried_at = time.monotonic()
            try:
                keys = await asyncio.to_thread(self._client.get_signing_keys)
            except (jwt.PyJWKClientError, jwt.PyJWKSetError, OSError) as exc:
                # The keys already known keep working until the provider answers again.
                log.warning("identity provider keys from %s not fetched: %s", self.jwks_url, exc)
                return
            self._keys = {str(k.key_id): k for k in keys if k.key_id}
            self._fetched_at = time.monotonic()
