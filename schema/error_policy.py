"""Which errors a client sees as they are, which are masked, and how each is logged.

A client's mistake (bad input, permissions, limits, syntax and validation errors) is
one INFO line with the request id, the code and the message; an unexpected failure is an
ERROR with the traceback. Every error that reaches a client has an `extensions.code`:
parse and validation errors without one get GRAPHQL_PARSE_FAILED or
GRAPHQL_VALIDATION_FAILED, a refused variable BAD_USER_INPUT.

`DispatchSchema.process_errors` sees every error of every operation exactly once, before
it is sent: parse and validation errors, failures raised outside any field (an extension,
a validation rule) and failures inside resolvers, over HTTP and WebSocket alike. It is
the one place where unexpected errors are masked, so none can slip past on a path an
extension does not see.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError, VariableDefinitionNode
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


def code_of(error: GraphQLError) -> str | None:
    """The error's code; a pre-execution error without one is given one here."""
    extensions = error.extensions if error.extensions is not None else {}
    code = extensions.get("code")
    if code is None and error.path is None:
        if isinstance(error, GraphQLSyntaxError):
            code = "GRAPHQL_PARSE_FAILED"
        elif error.nodes and isinstance(error.nodes[0], VariableDefinitionNode):
            code = "BAD_USER_INPUT"
        else:
            code = "GRAPHQL_VALIDATION_FAILED"
        extensions["code"] = code
        error.extensions = extensions
    return None if code is None else str(code)


def one_line(text: str, limit: int = 300) -> str:
    """A message as one log line: newlines folded, long input cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def request_id_of(execution_context: ExecutionContext | None) -> str:
    context = getattr(execution_context, "context", None)
    return str(getattr(context, "request_id", None) or "-")


class DispatchSchema(strawberry.Schema):
    """Strawberry's schema whose errors are masked and logged by our policy.

    Strawberry's own `process_errors` logs every error at ERROR with a traceback, a
    client's typo as loudly as a bug.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        request_id = request_id_of(execution_context)
        for index, error in enumerate(errors):
            if is_unexpected(error):
                log.error(
                    "unexpected error in request %s at %s",
                    request_id,
                    error.path or "(no field)",
                    exc_info=error.original_error,
                )
                # Replaced in place: Strawberry sends this very list to the client.
                errors[index] = masked(error)
            elif code_of(error) != INTERNAL_ERROR:  # already masked and logged
                log.info(
                    "client error in request %s: %s: %s",
                    request_id,
                    code_of(error) or "ERROR",
                    one_line(error.message),
                )
