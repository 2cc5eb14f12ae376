"""Which to-one relations a selection asks for, so that their rows come joined.

A list's root resolver asks, before reading its page, which `to_one` fields of its
node type the operation selects under `edges { node { … } }`; the page's statement
then joins those rows (`resolvers/joins.py`). The planner asks the same of a child
list's selection (a mission's assignments and their drivers). Directives are not
evaluated: a field behind `@skip` is joined anyway, which at worst reads a row that is
not sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

from resolvers.joins import Join
from schema.context import Info

NODES = ("edges", "node")
"""Where a connection's items are."""

_BY_TYPE: dict[type, dict[str, Join]] = {}
_CACHE: dict[tuple[int, tuple[str, ...], type], tuple[Any, list[Join]]] = {}
MAX_CACHED = 2048


def _joins_of(strawberry_type: type, info: Info) -> dict[str, Join]:
    """The type's joinable fields by GraphQL name."""
    found = _BY_TYPE.get(strawberry_type)
    if found is None:
        found = {}
        converter = info.schema.config.name_converter
        for field in strawberry_type.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            join = (getattr(field, "metadata", None) or {}).get("join")
            if join is not None:
                found[converter.get_graphql_name(field)] = join
        _BY_TYPE[strawberry_type] = found
    return found


def _children(nodes: Sequence[Any], fragments: dict[str, Any]) -> list[FieldNode]:
    """The fields selected directly in `nodes`' selection sets (through fragments)."""
    out: list[FieldNode] = []
    stack = [n.selection_set for n in nodes if n.selection_set is not None]
    seen: set[str] = set()
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                out.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if fragment is not None and name not in seen:
                    seen.add(name)
                    stack.append(fragment.selection_set)
    return out


def selected_joins(info: Info, path: tuple[str, ...], strawberry_type: type) -> list[Join]:
    """The joins of `strawberry_type`'s to-one fields selected at `path` below the field
    being resolved (e.g. `("edges", "node")` of a connection)."""
    raw = info._raw_info
    key = (id(raw.field_nodes[0]), path, strawberry_type)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is raw.field_nodes[0]:
        return cached[1]
    nodes: Sequence[Any] = raw.field_nodes
    for name in path:
        nodes = [n for n in _children(nodes, raw.fragments) if n.name.value == name]
    joinable = _joins_of(strawberry_type, info)
    names = {n.name.value for n in _children(nodes, raw.fragments)}
    joins = [joinable[name] for name in sorted(names) if name in joinable]
    if len(_CACHE) >= MAX_CACHED:
        _CACHE.clear()
    _CACHE[key] = (raw.field_nodes[0], joins)  # the node kept: its id is not reused meanwhile
    return joins


def plan_joins(object_plan: Any) -> list[Join]:
    """The joins of the to-one fields an object plan selects (the planner's side)."""
    joins: list[Join] = []
    for field in object_plan.fields:
        join = (getattr(field.field, "metadata", None) or {}).get("join")
        if join is not None and join not in joins:
            joins.append(join)
    return joins
