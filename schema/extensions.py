"""Schema extensions: limits, the document cache, per-operation loaders.

Unexpected errors are masked and logged by the schema itself (`schema.error_policy`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit

from schema.document_cache import CachedDocuments
from schema.limits import MAX_TOKENS

MAX_DEPTH = 10
MAX_ALIASES = 30

# The limit rules are built once: QueryDepthLimiter and MaxAliasesLimiter make a new rule
# class per instance, and the validation cache is keyed by the rule classes, so with them
# every request was validated again (about 6 ms of a 15 ms mutation).
LIMIT_RULES: list[type[ASTValidationRule]] = [
    depth_limit(MAX_DEPTH, None),
    alias_limit(MAX_ALIASES),
]


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
