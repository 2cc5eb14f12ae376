"""Compiled plans, kept per operation and bounded by count and by size.

A plan depends on the operation (the document cache hands the same document object to
every request with the same text) and on the values of the variables `@skip`/`@include`
read; nothing else. Entries hold their operation node, so an id is never mistaken for
another document's, and thereby keep the document alive: an entry weighs its
document as `schema/document_cache.py` weighs it, plus its field plans, and the cache
stays under `MAX_BYTES` as well as `MAX_OPERATIONS`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from schema.compiled.plan import (
    CompiledOperation,
    Unsupported,
    compile_operation,
)
from schema.compiled.variables import directive_variables
from schema.document_cache import BYTES_PER_TOKEN

MAX_OPERATIONS = 512
MAX_BYTES = 32 * 1024 * 1024
BYTES_PER_FIELD_PLAN = 1500  # a FieldPlan, its shape layers and completer closures


def _document_weight(operation: Any) -> int:
    """The bytes the operation's document keeps alive (its tokens, as the cache counts)."""
    tokens = 0
    token = operation.loc.start_token if operation.loc else None
    while token is not None and token.prev is not None:
        token = token.prev
    while token is not None:
        tokens += 1
        token = token.next
    return BYTES_PER_TOKEN * tokens


class _Entry:
    __slots__ = ("directives", "operation", "plans", "size")

    def __init__(self, operation: Any, directives: tuple[str, ...]) -> None:
        self.operation = operation
        self.directives = directives
        self.plans: dict[tuple[Any, ...], CompiledOperation | Unsupported] = {}
        self.size = 0


class PlanCache:
    """LRU of compiled operations, bounded by count and by bytes."""

    def __init__(self, max_operations: int = MAX_OPERATIONS, max_size: int = MAX_BYTES) -> None:
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
            if entry is not None:
                self.size -= entry.size
            entry = _Entry(operation, directive_variables(operation, executor.fragments))
            entry.size = _document_weight(operation)
            self.size += entry.size
            self._entries[key] = entry
        else:
            self._entries.move_to_end(key)
        coerced = getattr(executor.variable_values, "coerced", None) or {}
        values = tuple(bool(coerced.get(name)) for name in entry.directives)
        plan = entry.plans.get(values)
        if plan is None:
            try:
                plan = compile_operation(executor)
                size = plan.width * BYTES_PER_FIELD_PLAN
            except Unsupported as exc:
                plan, size = exc, BYTES_PER_FIELD_PLAN
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
