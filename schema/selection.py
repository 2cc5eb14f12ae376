"""What a field's selection asks for, read from the document (fragments included)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from schema.context import Info


def selects(info: Info, name: str) -> bool:
    """Whether the field being resolved selects `name` directly (e.g. `totalCount`).

    Directives are not evaluated: a field behind `@skip` counts as selected, which at
    worst computes what is then not sent.
    """
    return any(selected == name for selected in _names(info))


def selects_only(info: Info, names: Collection[str]) -> bool:
    """Whether every field the field being resolved selects directly is one of `names`
    (e.g. `id` and `__typename`: what a key alone answers). Directives are not
    evaluated: a field behind `@skip` counts as selected."""
    return all(selected in names for selected in _names(info))


def _names(info: Info) -> Iterator[str]:
    # The names of the fields selected directly, in its own fields and its fragments'.
    raw = info._raw_info
    fragments, seen = raw.fragments, set[str]()
    for node in raw.field_nodes:
        yield from _in(node.selection_set, fragments, seen)


def _in(
    selection_set: SelectionSetNode | None, fragments: dict[str, Any], seen: set[str]
) -> Iterator[str]:
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _in(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            spread = selection.name.value
            fragment = fragments.get(spread)
            if spread not in seen and fragment is not None:
                seen.add(spread)
                yield from _in(fragment.selection_set, fragments, seen)
