"""Object completers as generated Python: straight-line code per selection.

For each object plan one function is written and compiled once: a line or two per
selected field (read the attribute or the kept value, take a str/bool/int as it is,
hand anything else to that field's completer), each in its own `try` so that a
field's failure is located at its path and nulls, or propagates from, exactly that
field. It does what a loop over the fields would do, without a loop's per-field
dispatch. Names in the source are the schema's (Python attribute names and response
keys, quoted with `repr`), never text from a request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLString, located_error
from graphql.execution.executor import invalid_return_type_error

from schema.compiled.plan import FieldPlan, Kind, ObjectPlan, ShapeKind
from schema.compiled.run import Raised, Run


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


def _failed(run: Run, raw: Exception, field: FieldPlan, path: Any, name: str) -> None:
    """A field's failure: raised when the field is non-null (its parent nulls), else kept."""
    if isinstance(raw, NotCompiled):
        raise raw
    error = located_error(raw, field.nodes, path_list(path, name))
    if field.non_null:
        raise error from None
    run.errors.append(error)


def _resolved(run: Run, field: FieldPlan, source: Any) -> Any:
    value = run.resolve(field, source)
    if run.awaitable(value):
        if hasattr(value, "close"):
            value.close()
        raise NotCompiled(f"{field.parent_type.name}.{field.field_name} is asynchronous")
    return value


def _take_as_is(field: FieldPlan, value: str) -> str:
    """The condition under which a value needs no completion (types coerce it to itself)."""
    shape = field.shape
    named = shape.of if shape.kind == ShapeKind.NON_NULL else shape
    if named is None or named.kind != ShapeKind.LEAF:
        return ""
    gql_type = named.gql_type
    if gql_type is GraphQLString or gql_type is GraphQLID:
        return f"type({value}) is str"
    if gql_type is GraphQLBoolean:
        return f"type({value}) is bool"
    if gql_type is GraphQLInt:
        return f"type({value}) is int and -2147483648 <= {value} <= 2147483647"
    return ""


def object_completer_of(
    plan: ObjectPlan, parent_field: FieldPlan | None, completer_of: Callable[[Any], Any]
) -> Callable[[Run, Any, Any], dict[str, Any]]:
    """The generated completer of one object plan, made once and kept on the plan."""
    made = plan.completer
    if made is None:
        made = plan.completer = object_completer(plan, parent_field, completer_of)
    return made  # type: ignore[no-any-return]


def object_completer(
    plan: ObjectPlan, parent_field: FieldPlan | None, completer_of: Callable[[Any], Any]
) -> Callable[[Run, Any, Any], dict[str, Any]]:
    """The generated completer of one object plan (the value is known to be non-null)."""
    namespace: dict[str, Any] = {
        "Raised": Raised,
        "_failed": _failed,
        "_resolved": _resolved,
        "is_type_of": plan.is_type_of,
        "origin": plan.origin,
        "gql_type": plan.gql_type,
        "parent_field": parent_field,
        "invalid": invalid_return_type_error,
    }
    lines = ["def complete_fields(run, source, path):"]
    if plan.is_type_of is not None:
        lines += [
            "    if type(source) is not origin:",
            "        info = run.raw_info(parent_field) if parent_field is not None else None",
            "        if not is_type_of(source, info):",
            "            details = parent_field.details if parent_field is not None else []",
            "            raise invalid(gql_type, source, details)",
        ]
    lines.append("    results = {}")
    if any(f.expand for f in plan.fields):
        lines += ["    memo = run.memo", "    base = id(source) * run.width"]
    for i, field in enumerate(plan.fields):
        name = repr(field.response_name)
        if field.kind == Kind.TYPENAME and not field.expand:
            lines.append(f"    results[{name}] = {plan.name!r}")
            continue
        namespace[f"c{i}"] = completer_of(field.shape)
        namespace[f"f{i}"] = field
        lines.append("    try:")
        if field.expand:
            lines += [
                f"        v = memo[base + {field.index}]",
                "        if type(v) is Raised:",
                "            raise v.error",
            ]
        elif field.kind == Kind.BASIC:
            assert field.attr is not None and field.attr.isidentifier()
            lines.append(f"        v = source.{field.attr}")
        else:
            lines.append(f"        v = _resolved(run, f{i}, source)")
        as_is = _take_as_is(field, "v")
        complete = f"c{i}(run, v, (path, {name}))"
        if as_is:
            complete = f"v if {as_is} else {complete}"
        inner = field.shape.of if field.shape.kind == ShapeKind.NON_NULL else None
        if inner is not None and inner.kind == ShapeKind.OBJECT and inner.plan is not None:
            # a non-null object of its own class: straight to its fields
            namespace[f"o{i}"] = object_completer_of(inner.plan, inner.field, completer_of)
            namespace[f"t{i}"] = inner.plan.origin
            complete = f"o{i}(run, v, (path, {name})) if type(v) is t{i} else {complete}"
        if not field.non_null:
            complete = f"None if v is None else {complete}"
        lines += [
            f"        results[{name}] = {complete}",
            "    except Exception as raw:",
            f"        _failed(run, raw, f{i}, path, {name})",
            f"        results[{name}] = None",
        ]
    lines.append("    return results")
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<completer {plan.name}>", "exec"), namespace)
    return namespace["complete_fields"]  # type: ignore[no-any-return]
