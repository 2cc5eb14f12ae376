"""Schema extensions: limits, the document cache, per-operation loaders.

Unexpected errors are masked and logged by the schema itself (`schema.error_policy`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graphql import ASTValidationRule
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension

from schema.document_cache import CachedDocuments
from schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, OperationLimits

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "extensions"]

# Built once: the document cache keys validation results by the rule classes.
LIMIT_RULES: list[type[ASTValidationRule]] = [OperationLimits]


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
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        CachedDocuments,
        FreshLoaders,
    ]
    return factories
