"""Finding, in resolved values, the objects whose fields the first phase resolves next.

Each layer of a field's type gets a walker, built once and kept on its `Shape`: lists
are unwrapped, abstract values find their runtime type (kept for completion), and an
object whose selection asks for nothing to resolve is not walked at all (`ignore`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graphql.pyutils import is_iterable

from schema.compiled.plan import ObjectPlan, Shape, ShapeKind

if TYPE_CHECKING:
    from schema.compiled.run import Run

Found = list[tuple[Any, ObjectPlan]]
Walk = Callable[["Run", Any, Found], None]


def walker_of(shape: Shape) -> Walk:
    """The function that finds, in a value of `shape`, the objects to resolve further."""
    walk = shape.walk
    if walk is None:
        walk = shape.walk = _walker(shape)
    return walk  # type: ignore[no-any-return]


def ignore(run: Run, value: Any, out: Found) -> None:
    return None


def _walker(shape: Shape) -> Walk:
    kind = shape.kind
    if kind == ShapeKind.NON_NULL:
        assert shape.of is not None
        return walker_of(shape.of)
    if kind == ShapeKind.LIST:
        assert shape.of is not None
        item = walker_of(shape.of)
        if item is ignore:
            return ignore

        def walk_list(run: Run, value: Any, out: Found) -> None:
            if type(value) is list or (not isinstance(value, Exception) and is_iterable(value)):
                for entry in value:
                    if entry is not None:
                        item(run, entry, out)

        return walk_list
    if kind == ShapeKind.OBJECT:
        plan = shape.plan
        assert plan is not None
        if not plan.expand_fields:
            return ignore

        origin = plan.origin

        def walk_object(run: Run, value: Any, out: Found) -> None:
            if type(value) is origin or not isinstance(value, Exception):
                out.append((value, plan))

        return walk_object
    if kind == ShapeKind.ABSTRACT:

        def walk_abstract(run: Run, value: Any, out: Found) -> None:
            if isinstance(value, Exception):
                return
            found = run.runtime_plan(value, shape)
            if isinstance(found, ObjectPlan) and found.expand_fields:
                out.append((value, found))

        return walk_abstract
    return ignore
