"""Differential mode: graphql-core's answer and the compiled one must be the same.

Data are compared as the JSON a client receives (so key order counts); errors as their
formatted form (message, locations, path, extensions), in any order. A difference is
logged with both answers, recorded in `MISMATCHES`, and added to the response as an
`EXECUTOR_MISMATCH` error, so that no test and no client can miss it.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from graphql import ExecutionResult, GraphQLError

log = logging.getLogger("dispatch.executor")

MISMATCHES: list[str] = []
"""Every difference seen in this process (tests assert it stays empty)."""
MAX_KEPT = 100


def _data(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:
        return repr(value).encode()


def _errors(errors: list[GraphQLError] | None) -> list[bytes]:
    return sorted(orjson.dumps(e.formatted, default=str) for e in errors or ())


def _mismatch(executor: Any, where: str, expected: Any, actual: Any) -> GraphQLError:
    name = executor.operation.name.value if executor.operation.name else "(anonymous)"
    text = (
        f"{name} {where}: graphql-core gave {expected!r:.2000} but compiled gave {actual!r:.2000}"
    )
    log.error("executor mismatch: %s", text)
    if len(MISMATCHES) < MAX_KEPT:
        MISMATCHES.append(text)
    return GraphQLError(
        "The compiled executor and graphql-core disagree on this operation; see the log.",
        extensions={"code": "EXECUTOR_MISMATCH"},
    )


def compare_results(
    executor: Any, expected: ExecutionResult, actual: ExecutionResult
) -> ExecutionResult:
    """`actual`, with an EXECUTOR_MISMATCH error when it differs from `expected`."""
    want = (_data(expected.data), _errors(expected.errors))
    got = (_data(actual.data), _errors(actual.errors))
    if want == got:
        return actual
    error = _mismatch(executor, "result", want, got)
    return ExecutionResult(actual.data, [*(actual.errors or ()), error])


def compare_field(
    executor: Any,
    name: str,
    expected: tuple[Any, list[GraphQLError]],
    actual: tuple[Any, list[GraphQLError]],
) -> None:
    """Compare one mutation root field's completed value and errors."""
    want = (_data(expected[0]), _errors(expected[1]))
    got = (_data(actual[0]), _errors(actual[1]))
    if want != got:
        executor.collected_errors.add(_mismatch(executor, f"field {name}", want, got), None)
