"""Compiled plans, kept per operation and bounded by count and by size.

A plan depends on the operation (the parser cache hands the same document object to
every request with the same text) and on the values of the variables `@skip`/`@include`
read; nothing else. Entries hold their operation node, so an id is never mistaken for
another document's. Size is counted in field plans, which is what a plan holds.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from schema.compiled.plan import (
    CompiledOperation,
    Unsupported,
    compile_operation,
    directive_variables,
)

MAX_OPERATIONS = 512
MAX_FIELD_PLANS = 200_000


class _Entry:
    __slots__ = ("directives", "operation", "plans", "size")

    def __init__(self, operation: Any, directives: tuple[str, ...]) -> None:
        self.operation = operation
        self.directives = directives
        self.plans: dict[tuple[Any, ...], CompiledOperation | Unsupported] = {}
        self.size = 0


class PlanCache:
    """LRU of compiled operations."""

    def __init__(
        self, max_operations: int = MAX_OPERATIONS, max_size: int = MAX_FIELD_PLANS
    ) -> None:
        self.max_operations = max_operations
        self.max_size = max_size
        self.size = 0
        self._entries: OrderedDict[int, _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, executor: Any) -> CompiledOperation:
        """The plan for the executor's operation and variables (raises Unsupported)."""
        operation = executor.operation
        key = id(operation)
        entry = self._entries.get(key)
        if entry is None or entry.operation is not operation:
            entry = _Entry(operation, directive_variables(operation, executor.fragments))
            self._entries[key] = entry
        else:
            self._entries.move_to_end(key)
        coerced = getattr(executor.variable_values, "coerced", None) or {}
        values = tuple(bool(coerced.get(name)) for name in entry.directives)
        plan = entry.plans.get(values)
        if plan is None:
            try:
                plan = compile_operation(executor)
                size = plan.width
            except Unsupported as exc:
                plan, size = exc, 1
            entry.plans[values] = plan
            entry.size += size
            self.size += size
            self._evict()
        if isinstance(plan, Unsupported):
            raise plan
        return plan

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_operations or self.size > self.max_size
        ):
            _, entry = self._entries.popitem(last=False)
            self.size -= entry.size
