"""Bearer tokens (JWT, HS256): issue them, and load the user a token names.

Below the schema so that the command line and the demo seed issue tokens without
importing the GraphQL layer; the HTTP edge reads the header and calls `load_principal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from models.agency import User
from resolvers.rows import fetch_with
from resolvers.scope import Scope
from resolvers.sql import Statement

ALGORITHM = "HS256"
ISSUER = "dispatch-cancellations"


class AuthError(Exception):
    """The request carries no usable credentials (HTTP 401 / UNAUTHENTICATED)."""


def issue_token(secret: str, user: User, *, days: int = 30) -> str:
    """A signed token for `user`, valid for `days` days."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user.id),
        "agency": user.agency_id,
        "iss": ISSUER,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(days=days)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


@dataclass(frozen=True)
class Principal:
    """The signed-in user, as loaded for this request."""

    user: User

    @property
    def scope(self) -> Scope:
        return Scope(
            agency_id=self.user.agency_id,
            user_id=self.user.id,
            user_name=self.user.name,
            role=self.user.role,
            driver_id=self.user.driver_id,
        )


async def load_principal(secret: str, token: str) -> Principal:
    """Verify the token and load its user; an inactive or deleted user is refused."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "exp"]},
        )
        user_id = int(claims["sub"])
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise AuthError("The token is invalid or has expired.") from exc
    found = await fetch_with(
        User, "agency", f'WHERE t."id" = {Statement().bind(user_id)}', [user_id]
    )
    user = found[0] if found else None
    if user is None or user.agency_id != claims.get("agency"):
        raise AuthError("The token's user does not exist.")
    if not user.active:
        raise AuthError("This user account is deactivated.")
    return Principal(user)
