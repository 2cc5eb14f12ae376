"""The second phase: build the response from resolved values, synchronously.

Each layer of a field's type gets a completer closure, built once per plan and kept
on its `Shape`. The rules are graphql-core's (`Executor.complete_value` and friends):
a returned exception is raised; null in a non-null position is an error that
propagates to the nearest nullable parent; lists must be iterable; leaves are
coerced by their type (with exact fast paths for str and bool); abstract values find
their runtime type; every error gets the field's nodes and its path.

Paths are linked pairs `(parent, key)`, made only where a value has children, and
turned into a list only for an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLError,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
    located_error,
)
from graphql.pyutils import Undefined, inspect, is_iterable

from schema.compiled import codegen
from schema.compiled.codegen import NotCompiled, path_list
from schema.compiled.plan import FieldPlan, ObjectPlan, Shape, ShapeKind
from schema.compiled.run import Run

__all__ = ["NotCompiled", "completer_of", "object_completer", "path_list"]

Completer = Callable[[Run, Any, Any], Any]

MAX_INT = 2_147_483_647
MIN_INT = -2_147_483_648


def completer_of(shape: Shape) -> Completer:
    """The completer of a shape, built on first use and kept on it."""
    made = shape.complete
    if made is None:
        made = shape.complete = _build(shape)
    return made  # type: ignore[no-any-return]


def _fast_type(gql_type: Any) -> type | None:
    # Values of these Python types are what the GraphQL type coerces them to.
    if gql_type is GraphQLString or gql_type is GraphQLID:
        return str
    if gql_type is GraphQLBoolean:
        return bool
    return None


def _build(shape: Shape) -> Completer:
    kind = shape.kind
    if kind == ShapeKind.NON_NULL:
        return _non_null(shape)
    if kind == ShapeKind.LIST:
        return _list(shape)
    if kind == ShapeKind.LEAF:
        return _leaf(shape)
    if kind == ShapeKind.OBJECT:
        assert shape.plan is not None
        complete_fields = object_completer(shape.plan, shape.field)

        def complete_object(run: Run, value: Any, path: Any) -> Any:
            if value is None or value is Undefined:
                return None
            if isinstance(value, Exception):
                raise value
            return complete_fields(run, value, path)

        return complete_object
    return _abstract(shape)


def _non_null(shape: Shape) -> Completer:
    inner_shape = shape.of
    assert inner_shape is not None
    field = shape.field
    message = f"Cannot return null for non-nullable field {field.parent_type}.{field.field_name}."
    if inner_shape.kind == ShapeKind.OBJECT:
        assert inner_shape.plan is not None
        complete_fields = object_completer(inner_shape.plan, inner_shape.field)

        origin = inner_shape.plan.origin

        def complete_non_null_object(run: Run, value: Any, path: Any) -> Any:
            if type(value) is not origin:
                if value is None or value is Undefined:
                    raise TypeError(message)
                if isinstance(value, Exception):
                    raise value
            return complete_fields(run, value, path)

        return complete_non_null_object
    if inner_shape.kind == ShapeKind.LEAF:
        return _leaf(inner_shape, message)
    inner = completer_of(inner_shape)
    fast = None

    # The inner completer returns None only for a null value, so testing first is exact.
    def complete_non_null(run: Run, value: Any, path: Any) -> Any:
        if value is None or value is Undefined:
            raise TypeError(message)
        if type(value) is fast:
            return value
        completed = inner(run, value, path)
        if completed is None:
            raise TypeError(message)
        return completed

    return complete_non_null


def _list(shape: Shape) -> Completer:
    assert shape.of is not None
    item = completer_of(shape.of)
    item_non_null = shape.of.kind == ShapeKind.NON_NULL
    field = shape.field
    nodes = field.nodes
    message = f"Expected Iterable, but did not find one for field '{field.parent_type}.{field.field_name}'."

    def complete_list(run: Run, value: Any, path: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if type(value) is not list:
            if isinstance(value, Exception):
                raise value
            if not is_iterable(value):
                raise GraphQLError(message)
        out = []
        append = out.append
        for index, entry in enumerate(value):
            try:
                append(item(run, entry, (path, index)))
            except Exception as raw:
                error = located_error(raw, nodes, path_list(path, index))
                if item_non_null:
                    raise error from None
                run.errors.append(error)
                append(None)
        return out

    return complete_list


def _leaf(shape: Shape, null_message: str | None = None) -> Completer:
    """A leaf's completer; with `null_message`, of the non-null leaf (null is that error)."""
    gql_type = shape.gql_type
    coerce = gql_type.coerce_output_value
    fast = _fast_type(gql_type)
    is_int = gql_type is GraphQLInt
    # strawberry's enum types look a member up by scanning every value: ask them once per
    # member, and answer from that (members are singletons, so by identity).
    members = getattr(gql_type, "wrapped_cls", None)
    names = {id(m): coerce(m) for m in members} if isinstance(members, type) else {}  # type: ignore[attr-defined]

    def complete_leaf(run: Run, value: Any, path: Any) -> Any:
        if value is None or value is Undefined:
            if null_message is not None:
                raise TypeError(null_message)
            return None
        kind = type(value)
        if kind is fast or (is_int and kind is int and MIN_INT <= value <= MAX_INT):
            return value
        if kind is members:
            return names[id(value)]
        if isinstance(value, Exception):
            raise value
        coerced = coerce(value)
        if coerced is Undefined or coerced is None:
            raise TypeError(
                f"Expected `{inspect(gql_type)}.coerce_output_value({inspect(value)})` to"
                f" return non-nullable value, returned: {inspect(coerced)}"
            )
        return coerced

    return complete_leaf


def _abstract(shape: Shape) -> Completer:
    by_name = {name: object_completer(plan, shape.field) for name, plan in shape.plans.items()}

    def complete_abstract(run: Run, value: Any, path: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise value
        plan = run.runtime_plan(value, shape)
        if isinstance(plan, Exception):
            raise plan
        return by_name[plan.name](run, value, path)

    return complete_abstract


def object_completer(plan: ObjectPlan, parent_field: FieldPlan | None) -> Completer:
    """Complete every selected field of one object (generated code, `codegen.py`)."""
    return codegen.object_completer_of(plan, parent_field, completer_of)
