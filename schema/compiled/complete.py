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
from graphql.execution.executor import invalid_return_type_error
from graphql.pyutils import Undefined, inspect, is_iterable

from schema.compiled.plan import FieldPlan, Kind, ObjectPlan, Shape, ShapeKind
from schema.compiled.run import Raised, Run

Completer = Callable[[Run, Any, Any], Any]

MAX_INT = 2_147_483_647
MIN_INT = -2_147_483_648

# How an object completer gets a field's value.
FROM_MEMO, FROM_ATTRIBUTE, TYPENAME, RESOLVED = range(4)


class NotCompiled(Exception):
    """A value the compiled path cannot complete (an awaitable leaf): use graphql-core."""


def path_list(path: Any, key: Any = None) -> list[Any]:
    """The response path of a linked pair (plus `key`), as errors carry it."""
    keys = [] if key is None else [key]
    while path is not None:
        path, last = path
        keys.append(last)
    keys.reverse()
    return keys


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


def _entry(field: FieldPlan) -> tuple[Any, ...]:
    shape = field.shape
    named = shape.of if shape.kind == ShapeKind.NON_NULL else shape
    leaf = named is not None and named.kind == ShapeKind.LEAF
    fast = _fast_type(named.gql_type) if leaf else None  # type: ignore[union-attr]
    if leaf and named.gql_type is GraphQLInt:  # type: ignore[union-attr]
        fast = int  # checked against the 32-bit range below
    if field.expand:
        how = FROM_MEMO
    elif field.kind == Kind.BASIC:
        how = FROM_ATTRIBUTE
    elif field.kind == Kind.TYPENAME:
        how = TYPENAME
    else:
        how = RESOLVED
    return (field.response_name, field.index, how, field.attr, fast, completer_of(shape), field)


def object_completer(plan: ObjectPlan, parent_field: FieldPlan | None) -> Callable[..., Any]:
    """Complete every selected field of one object (the value is known to be non-null)."""
    entries = [_entry(f) for f in plan.fields]
    is_type_of = plan.is_type_of
    origin = plan.origin
    gql_type = plan.gql_type
    type_name = gql_type.name

    def complete_fields(run: Run, source: Any, path: Any) -> dict[str, Any]:
        if is_type_of is not None and type(source) is not origin:
            info = run.raw_info(parent_field) if parent_field is not None else None
            if not is_type_of(source, info):  # type: ignore[arg-type]
                details = parent_field.details if parent_field is not None else []
                raise invalid_return_type_error(gql_type, source, details)
        results: dict[str, Any] = {}
        memo = run.memo
        base = id(source) * run.width
        for name, index, how, attr, fast, complete, field in entries:
            try:
                if how == FROM_ATTRIBUTE:
                    value = getattr(source, attr)
                elif how == FROM_MEMO:
                    value = memo[base + index]
                    if type(value) is Raised:
                        raise value.error
                elif how == TYPENAME:
                    results[name] = type_name
                    continue
                else:
                    value = run.resolve(field, source)
                    if run.awaitable(value):
                        if hasattr(value, "close"):
                            value.close()
                        raise NotCompiled(f"{type_name}.{field.field_name} is asynchronous")
                if type(value) is fast and (fast is not int or MIN_INT <= value <= MAX_INT):
                    results[name] = value
                else:
                    results[name] = complete(run, value, (path, name))
            except NotCompiled:
                raise
            except Exception as raw:
                error = located_error(raw, field.nodes, path_list(path, name))
                if field.non_null:
                    raise error from None
                run.errors.append(error)
                results[name] = None
        return results

    return complete_fields
