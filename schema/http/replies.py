"""What the edge answers on its own, before GraphQL runs: GraphQL-shaped error bodies."""

from __future__ import annotations

import uuid

from starlette.responses import JSONResponse
from starlette.types import Scope

SIGN_IN = "Sign in: send an Authorization: Bearer <token> header."


def request_id(scope: Scope) -> str:
    """The request's id: the client's `X-Request-Id`, else a new one; kept in the scope."""
    rid = scope.get("request_id")
    if rid is None:
        header = dict(scope.get("headers") or ()).get(b"x-request-id", b"")
        rid = header.decode("latin-1") or uuid.uuid4().hex[:12]
        scope["request_id"] = rid
    return str(rid)


def unauthorized(message: str) -> JSONResponse:
    """HTTP 401 with a GraphQL-shaped error body."""
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="dispatch"'},
    )
