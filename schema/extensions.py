"""Schema extensions: limits, caches, masking of unexpected errors, per-operation loaders."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

log = logging.getLogger("dispatch.errors")

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 4000


def is_unexpected(error: GraphQLError) -> bool:
    """Mask only failures we did not mean to show.

    Expected failures are GraphQLErrors (permissions, limits, bad arguments) or happen
    before execution (parsing, validation, variable coercion: no path). Anything else
    raised while resolving a field is a bug: masked, and logged with the request id.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return error.path is not None


class LogUnexpectedErrors(SchemaExtension):
    """Log unexpected errors with the request id before they are masked."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or []
        for error in errors:
            if is_unexpected(error):
                request_id = getattr(self.execution_context.context, "request_id", "-")
                log.error(
                    "unexpected error in request %s at %s",
                    request_id,
                    error.path,
                    exc_info=error.original_error,
                )


class FreshLoaders(SchemaExtension):
    """Dataloaders live for one operation, also on a long-lived WebSocket connection."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if hasattr(context, "reset_loaders"):
            context.reset_loaders()
        yield


def extensions() -> list[Callable[[], SchemaExtension] | type[SchemaExtension]]:
    """The extension factories of the schema, outermost first."""
    factories: list[Any] = [
        lambda: MaskErrors(
            should_mask_error=is_unexpected, error_message="Internal error; it was logged."
        ),
        LogUnexpectedErrors,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        FreshLoaders,
    ]
    return factories
