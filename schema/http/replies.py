"""What the edge answers on its own, before GraphQL runs: GraphQL-shaped error bodies."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from starlette.responses import JSONResponse
from starlette.types import Scope

SIGN_IN = "Sign in: send an Authorization: Bearer <token> header."

# The `extensions.code` of a request refused before GraphQL runs, by HTTP status.
CODES = {400: "BAD_REQUEST", 401: "UNAUTHENTICATED", 404: "NOT_FOUND", 413: "PAYLOAD_TOO_LARGE"}


def request_id(scope: Scope) -> str:
    """The request's id: the client's `X-Request-Id`, else a new one; kept in the scope."""
    rid = scope.get("request_id")
    if rid is None:
        header = dict(scope.get("headers") or ()).get(b"x-request-id", b"")
        rid = header.decode("latin-1") or uuid.uuid4().hex[:12]
        scope["request_id"] = rid
    return str(rid)


def refusal(status: int, message: str, *, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """An HTTP error status with a GraphQL-shaped body: `{data: null, errors: [...]}`."""
    code = CODES.get(status, "BAD_REQUEST")
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )


def unauthorized(message: str) -> JSONResponse:
    """HTTP 401 UNAUTHENTICATED."""
    return refusal(401, message, headers={"WWW-Authenticate": 'Bearer realm="dispatch"'})
