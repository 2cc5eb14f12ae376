"""What a field's selection asks for, read from the document (fragments included)."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from schema.context import Info


def selects(info: Info, name: str) -> bool:
    """Whether the field being resolved selects `name` directly (e.g. `totalCount`).

    Directives are not evaluated: a field behind `@skip` counts as selected, which at
    worst computes what is then not sent.
    """
    raw = info._raw_info
    fragments = raw.fragments
    return any(_in(node.selection_set, name, fragments, set()) for node in raw.field_nodes)


def _in(
    selection_set: SelectionSetNode | None, name: str, fragments: dict[str, Any], seen: set[str]
) -> bool:
    if selection_set is None:
        return False
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value == name:
                return True
        elif isinstance(selection, InlineFragmentNode):
            if _in(selection.selection_set, name, fragments, seen):
                return True
        elif isinstance(selection, FragmentSpreadNode):
            spread = selection.name.value
            fragment = fragments.get(spread)
            if spread not in seen and fragment is not None:
                seen.add(spread)
                if _in(fragment.selection_set, name, fragments, seen):
                    return True
    return False
