"""Bearer tokens: issue ours (JWT, HS256), verify ours or the identity provider's, and
load the user a token names.

Below the schema so that the command line and the demo seed issue tokens without
importing the GraphQL layer; the HTTP edge reads the header and calls `load_principal`.
It runs on every request: one unverified header read, one signature check, and one
statement (the user with its agency), shared by the requests and sign-ins that ask
while it is out (`_UserReads`).
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any

import jwt

from models.agency import User
from resolvers.rows import fetch_with
from resolvers.scope import Scope
from resolvers.sql import Statement

if TYPE_CHECKING:
    from resolvers.identity_provider import IdentityProvider

ALGORITHM = "HS256"
ISSUER = "dispatch-cancellations"
INVALID = "The token is invalid or has expired."
REVOKED = "This token was revoked: ask your agency's admin for a new one."


class AuthError(Exception):
    """The request carries no usable credentials (HTTP 401 / UNAUTHENTICATED)."""


def issue_token(secret: str, user: User, *, days: int = 30) -> str:
    """A signed token for `user`, valid for `days` days, at the user's token version."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user.id),
        "agency": user.agency_id,
        "ver": user.token_version,
        "iss": ISSUER,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(days=days)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def expiry_of(token: str) -> datetime:
    """When one of our tokens expires (read without verifying: we just signed it)."""
    claims = jwt.decode(token, options={"verify_signature": False})
    return datetime.fromtimestamp(int(claims["exp"]), UTC)


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


async def load_principal(
    secret: str, token: str, provider: IdentityProvider | None = None
) -> Principal:
    """Verify the token and load its user; an inactive user or a revoked token is refused.

    An HS256 token is ours, checked with our secret only; any other algorithm is the
    identity provider's (when one is configured), checked against its published keys
    only. So a token signed with HS256 and the provider's public key is just a bad
    signature of ours.
    """
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        raise AuthError(INVALID) from exc
    if algorithm == ALGORITHM:
        return await _ours(secret, token)
    if provider is not None and algorithm in provider.algorithms:
        claims = await provider.verify(token)
        return await _providers(claims, provider.user_claim)
    raise AuthError(INVALID)


async def _ours(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "exp"]},
        )
        user_id = int(claims["sub"])
        version = int(claims.get("ver", 0))
    except (jwt.PyJWTError, ValueError, KeyError, TypeError) as exc:
        raise AuthError(INVALID) from exc
    user = await _BY_ID.get(user_id)
    if user is None or user.agency_id != claims.get("agency"):
        raise AuthError("The token's user does not exist.")
    _admit(user)
    if version != user.token_version:
        raise AuthError(REVOKED)
    return Principal(user)


async def _providers(claims: dict[str, Any], user_claim: str) -> Principal:
    """The known, active user the provider's token names by `user_claim`; never a new one."""
    value = claims.get(user_claim)
    if not isinstance(value, str) or not value.strip():
        raise AuthError(f"The identity provider's token has no {user_claim!r} claim.")
    if user_claim == "email" and claims.get("email_verified") is False:
        raise AuthError("The identity provider has not verified this email address.")
    user = await _BY_EXTERNAL_ID.get(value.strip())
    if user is None:
        raise AuthError(
            f"No user of this service signs in as {value.strip()!r}: "
            "ask your agency's admin to add you."
        )
    _admit(user)
    issued = claims.get("iat")
    revoked = user.tokens_revoked_at
    if revoked is not None and (
        not isinstance(issued, int | float) or issued <= revoked.timestamp()
    ):
        raise AuthError(REVOKED)
    return Principal(user)


class _UserReads:
    """Users by one column, read by one statement for every caller that asks while the
    previous read is out: a thousand apps reconnecting at once sign in with a handful
    of statements, not a thousand (each then checks its user again, `access_lost`).

    A caller's read is always sent after it asked, so it sees every change committed
    before; callers asking for the same user get their own copies of the one row.
    """

    BATCH = 500  # values per statement, well inside every driver's limit on parameters

    def __init__(self, column: str, attribute: str) -> None:
        self.column = column
        self.attribute = attribute
        self._loop: asyncio.AbstractEventLoop | None = None
        self._asked: dict[int | str, asyncio.Future[User | None]] = {}
        self._reading: asyncio.Task[None] | None = None

    async def get(self, value: int | str) -> User | None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a new event loop (a test's, a restarted server's)
            self._loop, self._asked, self._reading = loop, {}, None
        future = self._asked.get(value)
        first = future is None
        if future is None:
            future = self._asked[value] = loop.create_future()
        if self._reading is None:
            self._reading = loop.create_task(self._read())
        user = await asyncio.shield(future)  # one caller leaving does not fail the others
        return user if first or user is None else copy.copy(user)

    async def _read(self) -> None:
        try:
            while self._asked:
                batch = dict(islice(self._asked.items(), self.BATCH))
                for value in batch:
                    del self._asked[value]
                try:
                    try:
                        rows = await self._rows(list(batch))
                    except Exception:
                        # One value may be what failed it: each is read alone, and each
                        # caller fails as it would have alone, and only then.
                        rows = await self._each_alone(batch)
                except BaseException:  # cancelled (the loop stops): so are its callers
                    for future in batch.values():
                        future.cancel()
                    raise
                found = {getattr(row, self.attribute): row for row in rows}
                for value, future in batch.items():
                    if not future.done():
                        future.set_result(found.get(value))
        finally:
            self._reading = None

    async def _each_alone(self, batch: dict[int | str, asyncio.Future[User | None]]) -> list[User]:
        rows: list[User] = []
        for value, future in batch.items():
            try:
                rows += await self._rows([value])
            except Exception as exc:
                if not future.done():
                    future.set_exception(exc)
        return rows

    async def _rows(self, values: list[int | str]) -> list[User]:
        sql = Statement()
        marks = ", ".join(sql.bind(v) for v in values)
        return await fetch_with(User, "agency", f"WHERE {self.column} IN ({marks})", sql.params)


_BY_ID = _UserReads('t."id"', "id")
_BY_EXTERNAL_ID = _UserReads('t."external_id"', "external_id")


def _admit(user: User) -> None:
    if not user.active:
        raise AuthError("This user account is deactivated.")


async def access_lost(user: User) -> str | None:
    """Why `user`, as loaded when a connection signed in, no longer holds (None: it does).

    For a WebSocket whose access changed between its sign-in and its registration, when
    the change's event could not yet end it.
    """
    current = await _BY_ID.get(user.id)
    if current is None or not current.active:
        return "This user account is deactivated."
    if (current.token_version, current.tokens_revoked_at) != (
        user.token_version,
        user.tokens_revoked_at,
    ):
        return REVOKED
    if (current.role, current.driver_id) != (user.role, user.driver_id):
        return "Your role or driver link changed: connect again."
    return None
