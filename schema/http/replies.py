"""What the edge answers on its own, before GraphQL runs: GraphQL-shaped error bodies."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

from starlette.responses import JSONResponse
from starlette.types import Scope

from observability.metrics import REFUSALS
from schema.http.media import media_type, wants_graphql_response

log = logging.getLogger("dispatch.errors")

SIGN_IN = "Sign in: send an Authorization: Bearer <token> header."

# The `extensions.code` of a request refused before GraphQL runs, by HTTP status.
CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    500: "INTERNAL_ERROR",
}


def request_id(scope: Scope) -> str:
    """The request's id: the client's `X-Request-Id`, else a new one; kept in the scope."""
    rid = scope.get("request_id")
    if rid is None:
        header = dict(scope.get("headers") or ()).get(b"x-request-id", b"")
        # the client's words go into our log lines: short and printable only
        given = "".join(c for c in header.decode("latin-1")[:64] if c.isprintable() and c != " ")
        rid = given or uuid.uuid4().hex[:12]
        scope["request_id"] = rid
    return str(rid)


def refusal(
    scope: Scope,
    status: int,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
    code: str | None = None,
) -> JSONResponse:
    """An HTTP error status with a GraphQL-shaped body: `{data: null, errors: [...]}`.

    A refusal is the client's doing (500 aside, which is logged where it happens): one
    INFO line with the request id.
    """
    code = code or CODES.get(status, "BAD_REQUEST")
    if wants_graphql_response(scope) and status == 200:
        status = 400  # a request error, in application/graphql-response+json
    REFUSALS.labels(str(status), code).inc()
    if status < 500:
        log.info("refused request %s: %d %s: %s", request_id(scope), status, code, message)
    body: dict[str, object] = {"errors": [{"message": message, "extensions": {"code": code}}]}
    if not wants_graphql_response(scope):
        body = {"data": None, **body}  # application/graphql-response+json: no data entry
    return JSONResponse(
        body,
        status_code=status,
        headers={**(headers or {}), "X-Request-ID": request_id(scope)},
        media_type=media_type(scope),
    )


def unauthorized(scope: Scope, message: str) -> JSONResponse:
    """HTTP 401 UNAUTHENTICATED."""
    headers = {"WWW-Authenticate": 'Bearer realm="dispatch"'}
    return refusal(scope, 401, message, headers=headers)
