"""The executor strawberry runs: compiled plans, graphql-core, or both side by side.

`GRAPHQL_EXECUTOR` (models/config.py) chooses: `compiled` runs each operation from its
cached plan; `graphql-core` runs graphql-core's interpreter; `differential` runs both
and fails loudly when they disagree (the test suite runs once this way in CI). An
operation the compiler does not support runs through graphql-core in every mode, and
is counted in `FALLBACKS` and logged once per reason.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from copy import copy
from typing import Any

from graphql import ExecutionResult, located_error
from graphql.execution.executor import CollectedErrors
from graphql.pyutils import Path

from models.config import ExecutorMode, executor_mode
from observability import metrics
from schema.compiled.cache import PlanCache
from schema.compiled.complete import NotCompiled, completer_of
from schema.compiled.differential import compare_field, compare_results
from schema.compiled.plan import CompiledOperation, FieldPlan, Unsupported
from schema.compiled.run import Raised, Run
from schema.shared_execution import SharedEventExecution

log = logging.getLogger("dispatch.executor")

PLANS = PlanCache()
FALLBACKS: Counter[str] = Counter()
"""Operations (or root fields) that ran through graphql-core, by reason."""


_override: ContextVar[ExecutorMode | None] = ContextVar("executor_override", default=None)


def current_mode() -> ExecutorMode:
    """The mode operations run in here: an override (tests), else GRAPHQL_EXECUTOR."""
    return _override.get() or executor_mode()


@contextlib.contextmanager
def executor_override(mode: ExecutorMode) -> Iterator[None]:
    """Run the operations of the block in `mode` (e.g. to count one executor's statements)."""
    token = _override.set(mode)
    try:
        yield
    finally:
        _override.reset(token)


def executor_health() -> dict[str, Any]:
    """For /healthz: the mode, the plans kept, and what ran through graphql-core, by reason."""
    return {
        "mode": current_mode().value,
        "plans": len(PLANS),
        "plan_bytes": PLANS.size,
        "fallbacks": dict(FALLBACKS),
    }


def fallback(reason: str, operation_name: str | None) -> None:
    """Count an operation left to graphql-core (logged the first time per reason)."""
    if reason not in FALLBACKS:
        log.info(
            "compiled executor: %s (operation %s): graphql-core runs it", reason, operation_name
        )
    FALLBACKS[reason] += 1
    metrics.FALLBACKS.labels(reason).inc()


class CompiledExecution(SharedEventExecution):
    """graphql-core's executor, with `execute_operation` taken over by compiled plans."""

    def execute_operation(self, serially: bool | None = None) -> Any:
        mode = current_mode()
        if mode is ExecutorMode.GRAPHQL_CORE:
            return super().execute_operation(serially)
        compiled = self._plan()
        if compiled is None:
            return super().execute_operation(serially)
        if mode is ExecutorMode.DIFFERENTIAL:
            return self._differential(compiled, serially)
        return self._run(compiled, serially)

    def _plan(self) -> CompiledOperation | None:
        if self.abort_signal is not None or self.hooks is not None:
            fallback("abort signal or execution hooks", self._name())
            return None
        try:
            return PLANS.get(self)
        except Unsupported as exc:
            fallback(str(exc), self._name())
            return None

    def _name(self) -> str | None:
        name = self.operation.name
        return name.value if name else None

    # -- the compiled run -----------------------------------------------------------------

    async def _run(
        self, compiled: CompiledOperation, serially: bool | None, *, check: bool = False
    ) -> ExecutionResult:
        run = Run(compiled, self)
        root_value = self.root_value
        fields = compiled.root.fields
        data: dict[str, Any] | None = {}
        if compiled.serial if serially is None else serially:
            # Mutations: each root field is resolved and completed before the next runs.
            for plan in fields:
                pending: list[Any] = []
                run.keep(plan, root_value, pending)
                await run.settle(pending)
                checked = check and type(run.memo_value(plan, root_value)) is not Raised
                if checked:
                    expected = await self._core_field(plan, run.memo_value(plan, root_value))
                    first_error = len(run.errors)
                await self._expand(run, [plan])
                data = await self._complete_root(run, plan, data)
                if checked and data is not None:
                    actual = (data.get(plan.response_name), run.errors[first_error:])
                    compare_field(self, plan.response_name, expected, actual)
        else:
            pending = []
            for plan in fields:
                run.keep(plan, root_value, pending)
            await run.settle(pending)
            await self._expand(run, fields)
            for plan in fields:
                data = await self._complete_root(run, plan, data)
        errors = run.errors + self.collected_errors.errors
        return ExecutionResult(data, errors or None)

    async def _expand(self, run: Run, fields: list[FieldPlan]) -> None:
        frontier = []
        for plan in fields:
            value = run.memo_value(plan, self.root_value)
            if value is not None and type(value) is not Raised:
                frontier.append((value, plan.shape))
        await run.expand(frontier)

    async def _complete_root(
        self, run: Run, plan: FieldPlan, data: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        if data is None:
            return None  # a non-null root field failed: the response's data is null
        name = plan.response_name
        try:
            value = run.value(plan, self.root_value)
            try:
                data[name] = completer_of(plan.shape)(run, value, (None, name))
            except NotCompiled as exc:
                fallback(str(exc), self._name())
                data[name] = await self._core_complete(plan, value)
        except Exception as raw:
            run.errors.append(located_error(raw, plan.nodes, [name]))
            if plan.non_null:
                return None
            data[name] = None
        return data

    async def _core_complete(self, plan: FieldPlan, value: Any) -> Any:
        """graphql-core's completion of one root field's resolved value."""
        path = Path(None, plan.response_name, plan.parent_type.name)
        info = self.build_resolve_info(plan.field_def, plan.nodes, plan.parent_type, path)
        return_type = plan.field_def.type
        try:
            completed = self.complete_value(return_type, plan.details, info, path, value, None)
            if self.is_awaitable(completed):
                completed = await completed
        except Exception as raw:
            self.handle_field_error(raw, return_type, plan.details, path)
            return None
        return completed

    # -- differential ---------------------------------------------------------------------

    def _forget_loaded_rows(self) -> None:
        # Each executor must load what it reads itself, or the comparison proves nothing.
        reset = getattr(self.context_value, "reset_loaders", None)
        if reset is not None:
            reset()

    async def _core_field(self, plan: FieldPlan, value: Any) -> tuple[Any, list[Any]]:
        core = copy(self)
        core.collected_errors = CollectedErrors()
        self._forget_loaded_rows()
        try:
            completed = await core._core_complete(plan, value)
        except Exception as error:  # a non-null payload field failed
            return None, [error]
        finally:
            self._forget_loaded_rows()
        return completed, core.collected_errors.errors

    async def _differential(
        self, compiled: CompiledOperation, serially: bool | None
    ) -> ExecutionResult:
        if compiled.serial if serially is None else serially:
            # Mutations run once: each payload is completed by both executors.
            return await self._run(compiled, serially, check=True)
        core = copy(self)
        core.collected_errors = CollectedErrors()
        self._forget_loaded_rows()
        expected: Any = super(CompiledExecution, core).execute_operation(serially)
        if self.is_awaitable(expected):
            expected = await expected
        self._forget_loaded_rows()
        actual = await self._run(compiled, serially)
        return compare_results(self, expected, actual)
