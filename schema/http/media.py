"""Which media type a response is written in, and what status a GraphQL result gets.

The GraphQL-over-HTTP spec's two response types:

- `application/json` (the default, and what every client got before): every well-formed
  request is answered 200, request errors included.
- `application/graphql-response+json`, when the client's `Accept` prefers it: a request
  error (the document does not parse or validate, a variable cannot be coerced, no
  operation to run) is a 4xx without a `data` entry; a result with `data` (even null,
  after a field error) stays 200.
"""

from __future__ import annotations

import functools

from starlette.types import Scope
from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
WANTS_KEY = "graphql_response_json"
"""Scope key: whether this request is answered in `application/graphql-response+json`."""


def wants_graphql_response(scope: Scope) -> bool:
    """Whether the client's `Accept` prefers `application/graphql-response+json` (kept in
    the scope; read once per request)."""
    wanted = scope.get(WANTS_KEY)
    if wanted is None:
        accept = b""
        for name, value in scope.get("headers") or ():
            if name == b"accept":
                accept = value
                break
        wanted = bool(accept) and _prefers_graphql_response(accept)
        scope[WANTS_KEY] = wanted
    return bool(wanted)


def media_type(scope: Scope) -> str:
    """The content type of this request's JSON responses."""
    if wants_graphql_response(scope):
        return f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
    return JSON


@functools.lru_cache(maxsize=256)
def _prefers_graphql_response(accept: bytes) -> bool:
    # Clients send a handful of distinct Accept headers: parsed once each.
    weights: dict[str, float] = {}
    for part in accept.decode("latin-1").split(","):
        media, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        media = media.strip().lower()
        weights[media] = max(weight, weights.get(media, 0.0))
    ours = weights.get(GRAPHQL_RESPONSE_JSON, 0.0)
    return ours > 0 and ours >= weights.get(JSON, 0.0)


def is_request_error(result: ExecutionResult) -> bool:
    """No operation ran: the errors came before execution (parse, validation, variables,
    limits), so there is no `data` at all. An error inside a field has a path."""
    errors = result.errors
    return result.data is None and bool(errors) and all(e.path is None for e in errors or ())


def status_of_request_error(result: ExecutionResult) -> int:
    """400 for the client's mistake; 500 when what failed before execution was ours."""
    for error in result.errors or ():
        if (error.extensions or {}).get("code") == "INTERNAL_ERROR":
            return 500
    return 400
