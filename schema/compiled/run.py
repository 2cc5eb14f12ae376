"""Running a compiled operation: resolve level by level, then complete synchronously.

The first phase calls every resolver whose value the response needs to look into
(composite fields, and asynchronous ones), breadth first, and keeps each value (or the
exception it raised) in `Run.memo`. Per level, fields that declare a batch are
prepared for all their parents at once (one load per batch, not one per row), and
whatever is still awaitable is awaited together. The second phase (`complete.py`)
never waits: it reads the memo and builds the response.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from graphql import GraphQLError, GraphQLObjectType
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path
from strawberry.schema.schema_converter import get_arguments
from strawberry.types.info import Info

from resolvers.row_store import MISSING
from schema.compiled.plan import CompiledOperation, FieldPlan, Kind, ObjectPlan, Shape
from schema.compiled.walk import Found, ignore, walker_of

log = logging.getLogger("dispatch.executor")


class Raised:
    """A resolver's exception, kept until completion reports it at its path."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class Run:
    """The state of one execution of a compiled operation."""

    __slots__ = (
        "_args",
        "_infos",
        "_plain",
        "_sinfos",
        "compiled",
        "context",
        "errors",
        "executor",
        "is_awaitable",
        "memo",
        "rows",
        "runtime",
        "strawberry_schema",
        "width",
    )

    def __init__(self, compiled: CompiledOperation, executor: Any) -> None:
        self.compiled = compiled
        self.executor = executor
        self.context = executor.context_value
        self.is_awaitable = executor.is_awaitable
        self.width = compiled.width
        self.memo: dict[int, Any] = {}
        self.runtime: dict[int, Any] = {}  # id(value) -> ObjectPlan of an abstract position
        self.errors: list[GraphQLError] = []
        self._infos: list[Any] = [None] * compiled.width
        self._sinfos: list[Any] = [None] * compiled.width
        self._args: list[Any] = [None] * compiled.width
        self._plain: set[type] = set()  # types of values seen not to be awaitable
        self.rows: Any = None  # the operation's row store, for fields that `read` from it
        self.strawberry_schema = getattr(executor.schema, "_strawberry_schema", None)

    # -- what resolvers receive -----------------------------------------------------------

    def raw_info(self, plan: FieldPlan) -> Any:
        """graphql-core's resolve info of a field plan, built once per run.

        Its `path` is the first place the field was met: resolvers here read the
        context, arguments and selection, never the path (errors get their own).
        """
        info = self._infos[plan.index]
        if info is None:
            info = self._infos[plan.index] = self.executor.build_resolve_info(
                plan.field_def,
                plan.nodes,
                plan.parent_type,
                Path(None, plan.response_name, plan.parent_type.name),
            )
        return info

    def arguments(self, plan: FieldPlan) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """(GraphQL argument values, strawberry keyword arguments) of a field plan."""
        cached = self._args[plan.index]
        if cached is None:
            ex = self.executor
            try:
                values = get_argument_values(
                    plan.field_def, plan.nodes[0], ex.variable_values, None, ex.hide_suggestions
                )
                converted = self._converted(plan, values) if plan.kind == Kind.METHOD else None
                cached = (values, converted)
            except Exception as exc:  # a bad argument is a field error at every row
                cached = Raised(exc)
            self._args[plan.index] = cached
        if type(cached) is Raised:
            raise cached.error
        return cached  # type: ignore[no-any-return]

    def _converted(self, plan: FieldPlan, values: dict[str, Any]) -> dict[str, Any]:
        schema = self.strawberry_schema
        assert schema is not None  # METHOD plans exist only for strawberry schemas
        _, kwargs = get_arguments(
            field=plan.field,
            source=None,
            info=self.strawberry_info(plan),
            kwargs=values,
            config=schema.config,
            scalar_registry=schema.schema_converter.scalar_registry,
        )
        for reserved in (plan.info_name, plan.parent_name, plan.root_name):
            if reserved is not None:
                kwargs.pop(reserved, None)
        return kwargs

    def strawberry_info(self, plan: FieldPlan) -> Any:
        """strawberry's Info for a field plan, one per run like the raw info it wraps."""
        info = self._sinfos[plan.index]
        if info is None:
            info = self._sinfos[plan.index] = Info(_raw_info=self.raw_info(plan), _field=plan.field)
        return info

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, plan: FieldPlan, source: Any) -> Any:
        """The field's value on `source` (may be awaitable for FULL and async fields)."""
        kind = plan.kind
        if kind == Kind.BASIC:
            return getattr(source, plan.attr)  # type: ignore[arg-type]
        if kind == Kind.METHOD:
            kwargs: dict[str, Any] = {}
            if plan.has_args:
                converted = self.arguments(plan)[1]
                if converted:
                    kwargs.update(converted)
            if plan.info_name is not None:
                kwargs[plan.info_name] = self.strawberry_info(plan)
            if plan.parent_name is not None:
                kwargs[plan.parent_name] = source
            if plan.root_name is not None:
                kwargs[plan.root_name] = source
            assert plan.func is not None
            if plan.takes_self:
                return plan.func(source, **kwargs)
            return plan.func(**kwargs)
        if kind == Kind.TYPENAME:
            return plan.parent_type.name
        resolve_fn = plan.field_def.resolve or self.executor.field_resolver
        values = self.arguments(plan)[0] if plan.has_args else {}
        return resolve_fn(source, self.raw_info(plan), **values)

    def awaitable(self, value: Any) -> bool:
        """Whether `value` must be awaited (remembered per type: most values are plain)."""
        kind = type(value)
        if kind in self._plain:
            return False
        if self.is_awaitable(value):
            return True
        self._plain.add(kind)
        return False

    def keep(self, plan: FieldPlan, source: Any, pending: list[tuple[int, Awaitable[Any]]]) -> None:
        """Resolve and keep the value for completion (awaitables go to `pending`)."""
        key = id(source) * self.width + plan.index
        try:
            if plan.kind == Kind.BASIC:
                value = getattr(source, plan.attr)  # type: ignore[arg-type]
            elif plan.read is not None:
                rows = self.rows
                if rows is None:
                    rows = self.rows = self.context.rows
                value = plan.read(rows, source)
                if value is MISSING:  # not prepared: the resolver loads it
                    value = self.resolve(plan, source)
            else:
                value = self.resolve(plan, source)
        except Exception as exc:
            self.memo[key] = Raised(exc)
            return
        kind = type(value)
        if kind not in self._plain:
            if self.is_awaitable(value):
                pending.append((key, value))
            else:
                self._plain.add(kind)
        self.memo[key] = value

    async def settle(self, pending: list[tuple[int, Awaitable[Any]]]) -> None:
        """Await what resolvers left pending, keeping results and exceptions."""
        if not pending:
            return
        if len(pending) == 1:
            key, awaitable = pending[0]
            try:
                self.memo[key] = await awaitable
            except Exception as exc:
                self.memo[key] = Raised(exc)
            return
        results = await asyncio.gather(*(a for _, a in pending), return_exceptions=True)
        for (key, _), result in zip(pending, results, strict=True):
            if isinstance(result, BaseException):
                if not isinstance(result, Exception):
                    raise result  # cancellation and the like are not field errors
                result = Raised(result)
            self.memo[key] = result

    def memo_value(self, plan: FieldPlan, source: Any) -> Any:
        """What the first phase kept for a field (a `Raised` when it failed), or None."""
        return self.memo.get(id(source) * self.width + plan.index)

    def value(self, plan: FieldPlan, source: Any) -> Any:
        """The kept value of a resolved field (raises the kept exception)."""
        value = self.memo[id(source) * self.width + plan.index]
        if type(value) is Raised:
            raise value.error
        return value

    # -- the first phase ------------------------------------------------------------------

    async def expand(self, frontier: list[tuple[Any, Shape]]) -> None:
        """Resolve, level by level, every field completion will look into."""
        memo, width = self.memo, self.width
        walks = [(value, walker_of(shape)) for value, shape in frontier]
        while walks:
            objects: Found = []
            for value, walk in walks:
                walk(self, value, objects)
            walks = []
            pending: list[tuple[int, Awaitable[Any]]] = []
            batched: dict[Any, list[tuple[Any, FieldPlan]]] = {}
            for source, object_plan in objects:
                for plan in object_plan.expand_fields:
                    if plan.batch is not None:
                        batched.setdefault(plan.batch, []).append((source, plan))
                    else:
                        self.keep(plan, source, pending)
            if batched:
                await self._prepare(batched)
                for pairs in batched.values():
                    for source, plan in pairs:
                        self.keep(plan, source, pending)
            await self.settle(pending)
            for source, object_plan in objects:
                base = id(source) * width
                for plan in object_plan.expand_fields:
                    walk = plan.shape.walk or walker_of(plan.shape)
                    if walk is not ignore:
                        value = memo[base + plan.index]
                        if value is not None and type(value) is not Raised:
                            walks.append((value, walk))

    async def _prepare(self, batched: dict[Any, list[tuple[Any, FieldPlan]]]) -> None:
        # A batch that fails leaves its fields to resolve on their own (and fail there,
        # with their paths): preparing is an optimisation, never a second source of truth.
        jobs = [batch.prepare(self, pairs) for batch, pairs in batched.items()]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        for batch, result in zip(batched, results, strict=True):
            if isinstance(result, Exception):
                log.warning(
                    "planner: %r could not prepare (%s); fields load on their own", batch, result
                )
            elif isinstance(result, BaseException):
                raise result

    def runtime_plan(self, value: Any, shape: Shape) -> ObjectPlan | Exception:
        """The object plan of `value` at an abstract position (or why it has none)."""
        key = id(value)
        found = self.runtime.get(key)
        if found is None:
            found = self.runtime[key] = self._resolve_runtime(value, shape)
        return found  # type: ignore[no-any-return]

    def _resolve_runtime(self, value: Any, shape: Shape) -> ObjectPlan | Exception:
        abstract = shape.gql_type
        try:
            resolve_type = abstract.resolve_type or self.executor.type_resolver
            info = self.raw_info(shape.field)
            name = resolve_type(value, info, abstract)
            if self.is_awaitable(name):
                raise GraphQLError("Asynchronous type resolution is not compiled.")
            runtime: GraphQLObjectType = self.executor.ensure_valid_runtime_type(
                name, abstract, shape.field.details, info, value
            )
        except Exception as exc:
            return exc
        return shape.plans[runtime.name]
