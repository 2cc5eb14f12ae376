"""What of the variables a plan depends on: those `@skip` and `@include` read."""

from __future__ import annotations

from typing import Any

from graphql import OperationDefinitionNode, VariableNode
from graphql.language import Visitor, visit


def directive_variables(
    operation: OperationDefinitionNode, fragments: dict[str, Any]
) -> tuple[str, ...]:
    """The variables that `@skip`/`@include` read in the operation and its fragments.

    A plan depends on their values (they decide which fields are selected) and on
    nothing else of the variables.
    """
    names: set[str] = set()

    class Finder(Visitor):
        def enter_directive(self, node: Any, *_: Any) -> None:
            if node.name.value in ("skip", "include"):
                for argument in node.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)

    visit(operation, Finder())
    for details in fragments.values():
        definition = getattr(details, "definition", details)
        visit(definition, Finder())
    return tuple(sorted(names))
