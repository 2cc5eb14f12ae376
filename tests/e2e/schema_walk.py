"""Check a response's data against the schema: no null where the schema says non-null."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import graphql
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

TYPENAME = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())


class _AddTypenames(graphql.Visitor):
    def enter_selection_set(self, node: SelectionSetNode, *_args: Any) -> SelectionSetNode:
        return SelectionSetNode(selections=(*node.selections, TYPENAME))


def with_typenames(document: DocumentNode) -> DocumentNode:
    """The document with `__typename` in every selection set, so abstract types can be walked."""
    result: DocumentNode = graphql.visit(document, _AddTypenames())
    return result


def null_violations(
    schema: GraphQLSchema, document: DocumentNode, data: dict[str, Any]
) -> list[str]:
    """The paths in `data` holding null where the schema's type is non-null."""
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    assert root is not None
    found: list[str] = []
    objects: list[tuple[Any, SelectionSetNode, dict[str, Any], str]] = [
        (root, operation.selection_set, data, "")
    ]
    while objects:
        parent, selection_set, value, path = objects.pop()
        concrete = parent
        if not isinstance(parent, GraphQLObjectType):
            concrete = schema.get_type(value.get("__typename", ""))
            assert isinstance(concrete, GraphQLObjectType), (path, value)
        for field in _fields(schema, selection_set, concrete, fragments):
            key = field.alias.value if field.alias else field.name.value
            if field.name.value.startswith("__") or key not in value:
                continue
            definition = concrete.fields[field.name.value]
            pending = [(definition.type, value[key], f"{path}.{key}")]
            while pending:
                type_, item, where = pending.pop()
                if isinstance(type_, GraphQLNonNull):
                    if item is None:
                        found.append(where)
                        continue
                    type_ = type_.of_type
                if item is None:
                    continue
                if isinstance(type_, GraphQLList):
                    pending.extend((type_.of_type, v, f"{where}[{i}]") for i, v in enumerate(item))
                elif field.selection_set is not None:
                    objects.append((type_, field.selection_set, item, where))
    return found


def _fields(
    schema: GraphQLSchema,
    selection_set: SelectionSetNode,
    concrete: GraphQLObjectType,
    fragments: dict[str, FragmentDefinitionNode],
) -> Iterator[FieldNode]:
    """The fields of a selection set that apply to an object of type `concrete`."""
    sets = [selection_set]
    while sets:
        for selection in sets.pop().selections:
            if isinstance(selection, FieldNode):
                yield selection
                continue
            if isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is None:
                    continue
                condition, nested = fragment.type_condition, fragment.selection_set
            else:
                assert isinstance(selection, InlineFragmentNode)
                condition, nested = selection.type_condition, selection.selection_set
            if condition is None or _applies(schema, condition.name.value, concrete):
                sets.append(nested)


def _applies(schema: GraphQLSchema, type_name: str, concrete: GraphQLObjectType) -> bool:
    condition = schema.get_type(type_name)
    if condition is concrete:
        return True
    return graphql.is_abstract_type(condition) and schema.is_sub_type(condition, concrete)  # type: ignore[arg-type]
