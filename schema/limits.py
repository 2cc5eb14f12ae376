"""How large and how complex a document may be (SPEC §12).

Limit errors are GraphQL errors with `extensions.code` LIMIT_EXCEEDED, reported before
anything runs. Depth, aliases and fragment nesting are measured by one walk over the
document that visits each fragment once, without recursion: Strawberry's depth and alias
limiters recursed once per fragment spread, in the rule's constructor (outside the
recursion guard graphql-core puts around validation), and walked a fragment again for
each of its spreads, so a chain of 250 fragments hit Python's recursion limit and a
fragment spread twice at every level took exponential time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    SKIP,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
# About twenty times the standard introspection query; checked before parsing.
MAX_DOCUMENT_CHARS = 64 * 1024
MAX_TOKENS = 4000
MAX_DEPTH = 10
MAX_ALIASES = 30
# Fragments spread inside fragments: deep enough for colocated UI fragments, far from
# the depth at which graphql-core stops validating (200).
MAX_FRAGMENT_NESTING = 32


def limit_exceeded(message: str, nodes: Any = None) -> GraphQLError:
    """A document refused for its size or its shape."""
    return GraphQLError(message, nodes, extensions={"code": LIMIT_EXCEEDED})


def document_too_large(length: int) -> GraphQLError:
    """The document is longer than MAX_DOCUMENT_CHARS."""
    return limit_exceeded(
        f"The document is {length:,} characters long; at most {MAX_DOCUMENT_CHARS:,} are allowed."
    )


@dataclass
class Shape:
    """What one definition costs, through the fragments it spreads.

    `depth`: the deepest selection, the definition's own selections at 0 (fields under
    `__schema`, `__type` are not counted: introspection has its own rule). `aliases`:
    aliased fields, counted once per spread. `nesting`: the longest chain of spreads.
    """

    depth: int = 0
    aliases: int = 0
    nesting: int = 0
    spreads: list[tuple[str, int, bool]] = field(default_factory=list)


def own_shape(selection_set: SelectionSetNode) -> Shape:
    """The definition's shape without its fragments, and the spreads to add."""
    shape = Shape()
    stack: list[tuple[SelectionSetNode, int, bool]] = [(selection_set, 0, True)]
    while stack:
        selections, level, counted = stack.pop()
        for selection in selections.selections:
            if counted:
                shape.depth = max(shape.depth, level)
            if isinstance(selection, FragmentSpreadNode):
                shape.spreads.append((selection.name.value, level, counted))
                continue
            nested = getattr(selection, "selection_set", None)  # a field or inline fragment
            if isinstance(selection, FieldNode):
                shape.aliases += selection.alias is not None
                if nested:
                    inside = counted and not selection.name.value.startswith("__")
                    stack.append((nested, level + 1, inside))
            elif nested:
                stack.append((nested, level, counted))
    return shape


def fragment_shapes(fragments: dict[str, FragmentDefinitionNode]) -> dict[str, Shape]:
    """Every fragment's shape through its spreads, each fragment walked once.

    Post-order over the spreads with an explicit stack. A spread of an unknown fragment,
    or one closing a cycle, adds nothing: validation reports those.
    """
    own = {name: own_shape(f.selection_set) for name, f in fragments.items()}
    done: dict[str, Shape] = {}
    for root in own:
        path = [(root, iter(own[root].spreads))]
        on_path = {root}
        while path:
            name, spreads = path[-1]
            for spread, _level, _counted in spreads:
                if spread in own and spread not in done and spread not in on_path:
                    path.append((spread, iter(own[spread].spreads)))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                done[name] = combined(own[name], done)
    return done


def combined(shape: Shape, fragments: dict[str, Shape]) -> Shape:
    """A shape with the shapes of the fragments it spreads added in."""
    total = Shape(shape.depth, shape.aliases)
    for name, level, counted in shape.spreads:
        spread = fragments.get(name)
        if spread is None:
            continue
        if counted:
            total.depth = max(total.depth, level + spread.depth)
        # capped: a fragment spread twice at every level doubles the count each time
        total.aliases = min(total.aliases + spread.aliases, 10 * MAX_ALIASES)
        total.nesting = max(total.nesting, 1 + spread.nesting)
    return total


def limit_errors(document: DocumentNode) -> list[GraphQLError]:
    """Depth and fragment nesting per operation, aliases over the whole document."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    shapes = fragment_shapes(fragments)
    errors: list[GraphQLError] = []
    aliases = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        name = definition.name.value if definition.name else "anonymous"
        shape = combined(own_shape(definition.selection_set), shapes)
        aliases += shape.aliases
        if shape.nesting > MAX_FRAGMENT_NESTING:
            errors.append(
                limit_exceeded(
                    f"'{name}' nests fragments {shape.nesting} deep; at most "
                    f"{MAX_FRAGMENT_NESTING} are allowed.",
                    [definition],
                )
            )
        if shape.depth > MAX_DEPTH:
            errors.append(
                limit_exceeded(
                    f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}", [definition]
                )
            )
    if aliases > MAX_ALIASES:
        errors.append(limit_exceeded(f"{aliases} aliases found. Allowed: {MAX_ALIASES}"))
    return errors


class OperationLimits(ValidationRule):
    """Refuse operations too deep, with too many aliases, or fragments nested too deep."""

    def enter_document(self, node: DocumentNode, *_args: Any) -> Any:
        for error in limit_errors(node):
            self.report_error(error)
        return SKIP
