"""Which errors a client sees as they are, which are masked, and how each is logged.

`DispatchSchema.process_errors` sees every error of every operation exactly once, before
it is sent: parse and validation errors, failures raised outside any field (an extension,
a validation rule) and failures inside resolvers, over HTTP and WebSocket alike. It is
the one place where unexpected errors are masked, so none can slip past on a path an
extension does not see.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

log = logging.getLogger("dispatch.errors")

MASKED_MESSAGE = "Internal error; it was logged."
INTERNAL_ERROR = "INTERNAL_ERROR"


def is_unexpected(error: GraphQLError) -> bool:
    """Mask only failures we did not mean to show.

    Expected failures are GraphQLErrors (permissions, limits, bad arguments, syntax and
    validation errors), and values a scalar refused: graphql-core wraps the scalar's
    ValueError or TypeError and reports it at the value's node, before any field runs.
    Anything else (raised in a resolver, or outside any field, such as a recursion error
    in a validation rule) is a bug: masked, and logged with the request id.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    refused_value = (
        error.path is None and bool(error.nodes) and isinstance(original, ValueError | TypeError)
    )
    return not refused_value


def masked(error: GraphQLError) -> GraphQLError:
    """What the client sees of an unexpected error: where, not what."""
    return GraphQLError(
        MASKED_MESSAGE,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": INTERNAL_ERROR},
    )


def request_id_of(execution_context: ExecutionContext | None) -> str:
    context = getattr(execution_context, "context", None)
    return str(getattr(context, "request_id", None) or "-")


class DispatchSchema(strawberry.Schema):
    """Strawberry's schema whose errors are masked and logged by our policy."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Replaced in place: Strawberry sends this very list to the client.
        others: list[GraphQLError] = []
        for index, error in enumerate(errors):
            if is_unexpected(error):
                log.error(
                    "unexpected error in request %s at %s",
                    request_id_of(execution_context),
                    error.path or "(no field)",
                    exc_info=error.original_error,
                )
                errors[index] = masked(error)
            else:
                others.append(error)
        if others:
            super().process_errors(others, execution_context)
