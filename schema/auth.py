"""The credentials a client presents: an `Authorization: Bearer <token>` header.

Tokens themselves (issuing, verifying, loading the user) live in `resolvers.tokens`;
they are re-exported here for the callers that know them by this name.
"""

from __future__ import annotations

from resolvers.identity_provider import IdentityProvider
from resolvers.tokens import ALGORITHM, ISSUER, AuthError, Principal, issue_token, load_principal

__all__ = ["ALGORITHM", "ISSUER", "AuthError", "Principal", "authenticate", "issue_token"]


def bearer_token(header: str | None) -> str:
    """The token of an `Authorization: Bearer …` header."""
    if not header:
        raise AuthError("Sign in: send an Authorization: Bearer <token> header.")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


async def authenticate(
    secret: str, header: str | None, provider: IdentityProvider | None = None
) -> Principal:
    """The principal of an `Authorization` header value; AuthError when it names nobody.

    The token is ours (HS256) or, with `provider`, the agency's identity provider's.
    """
    return await load_principal(secret, bearer_token(header), provider)
