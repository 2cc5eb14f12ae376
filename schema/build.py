"""Assemble the Strawberry schema from the feature modules."""

from __future__ import annotations

import importlib
import pkgutil

from strawberry.tools import merge_types

from schema.compiled.executor import CompiledExecution
from schema.error_policy import DispatchSchema
from schema.extensions import extensions
from schema.subscriptions import Subscription

QUERY_PACKAGE = "schema.queries"
MUTATION_PACKAGE = "schema.mutations"


def _modules(package: str) -> list[str]:
    pkg = importlib.import_module(package)
    if not hasattr(pkg, "__path__"):
        return [package]
    names = (m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    return [package, *sorted(f"{package}.{name}" for name in names)]


def _roots(package: str, suffix: str) -> tuple[type, ...]:
    """Every class named `…Query` / `…Mutation` defined in the package's modules."""
    found: list[type] = []
    for name in _modules(package):
        module = importlib.import_module(name)
        found.extend(
            obj
            for attr, obj in vars(module).items()
            if attr.endswith(suffix) and isinstance(obj, type) and obj.__module__ == module.__name__
        )
    return tuple(found)


def _described(merged: type, description: str) -> type:
    # merge_types takes no description; reporting tools expect one on every type.
    merged.__strawberry_definition__.description = description  # type: ignore[attr-defined]
    return merged


def build_schema() -> DispatchSchema:
    """The schema with every query, mutation and subscription."""
    return DispatchSchema(
        query=_described(
            merge_types("Query", _roots(QUERY_PACKAGE, "Query")),
            "Everything a client can read, scoped to the caller's agency.",
        ),
        mutation=_described(
            merge_types("Mutation", _roots(MUTATION_PACKAGE, "Mutation")),
            "Every change a client can make.",
        ),
        subscription=Subscription,
        extensions=extensions(),
        execution_context_class=CompiledExecution,
    )


schema = build_schema()
