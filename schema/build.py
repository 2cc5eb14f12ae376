"""Assemble the Strawberry schema from the feature modules."""

from __future__ import annotations

import importlib

import strawberry
from strawberry.tools import merge_types

from schema.extensions import extensions

# Feature modules each contribute root classes; listed here so the order is stable.
QUERY_MODULES = ["schema.queries"]
MUTATION_MODULES: list[str] = []
SUBSCRIPTION_MODULE: str | None = None


def _roots(modules: list[str], suffix: str) -> tuple[type, ...]:
    found: list[type] = []
    for name in modules:
        module = importlib.import_module(name)
        found.extend(
            obj
            for attr, obj in vars(module).items()
            if attr.endswith(suffix) and isinstance(obj, type) and obj.__module__ == module.__name__
        )
    return tuple(found)


def build_schema() -> strawberry.Schema:
    """The schema with every query, mutation and subscription."""

    query = merge_types("Query", _roots(QUERY_MODULES, "Query"))
    mutation = merge_types("Mutation", _roots(MUTATION_MODULES, "Mutation")) if MUTATION_MODULES else None
    subscription = None
    if SUBSCRIPTION_MODULE:
        subscription = importlib.import_module(SUBSCRIPTION_MODULE).Subscription
    return strawberry.Schema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        extensions=extensions(),
    )


schema = build_schema()
