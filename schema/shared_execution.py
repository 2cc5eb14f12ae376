"""One execution of a live event for every subscriber that would get the same answer.

graphql-core executes a subscription's selection set once per subscriber per event.
With a thousand dispatch boards open that is a thousand identical executions of the
same notice. Subscribers whose answer cannot differ (the same parsed document, the
same variables, the same agency, role and driver) now share one: the first to receive
the live event executes it, the others await that result. The cache lives on the
event the hub handed to all of them, so it is gone once they all have it, and an entry
serves for `SHARED_FOR` seconds only (subscriptions/notices.py): a subscriber that gets
the event later executes it afresh.

A stream catching up says which events it delivers after the one it executes (`AHEAD`,
put on that event by its sink): their executions start together with it, on the same
loaders, so a thousand resumers wait for one batch of executions, not for a chain of a
hundred run one after another, and the later ones find every answer ready.

The hub may also start a live event's execution itself, for a group none of whose
streams it wakes (`start_event`, subscriptions/direct.py): the subscription's own
executor, built when it subscribed (`SUBSCRIBING`), executes it as its stream would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from contextvars import ContextVar
from functools import partial
from typing import Any

from graphql import ExecutionResult, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.frames import FRAMES
from schema.types.notices import notice_of
from subscriptions.direct import CLAIMS
from subscriptions.notices import NoticeEvent, shared_get, shared_put

log = logging.getLogger("dispatch.notices")

AHEAD = "ahead"
"""`event.shared[(AHEAD, key)]`: the events the stream executing `event` delivers next."""


class SharedEventExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, sharing subscription-event executions when it can."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.operation.operation is OperationType.SUBSCRIPTION:
            # Built in the operation's task, just before its resolver runs there: the
            # resolver takes it for its sink (`subscribing`, schema/subscriptions.py).
            # Per-event copies are made by `copy`, without this.
            SUBSCRIBING.set(self)

    def start_event(self, event: NoticeEvent, key: tuple[Any, ...]) -> bool:
        """Start the group's execution of the live `event`, as this subscription's
        stream would when it yields the notice (fresh loaders, then the per-event
        executor): the hub does, for a stream it does not wake (subscriptions/direct.py).
        Its answer reaches the event's claims as any shared execution's does. False when
        it runs already."""
        if self._entry(event, key) is not None:
            return False
        reset = getattr(self.context_value, "reset_loaders", None)
        if reset is not None:
            # Each notice reads rows as they are now (schema/subscriptions.py). An earlier
            # notice's execution still running loads what it has not yet read afresh.
            reset()
        self._start(event, key)
        return True

    def build_per_event_executor(self, payload: Any) -> Any:
        event = getattr(payload, "event", None)
        key = self._sharing_key() if isinstance(event, NoticeEvent) else None
        if key is None:
            return super().build_per_event_executor(payload)
        entry = self._entry(event, key)  # type: ignore[arg-type]
        if entry is not None:
            # Another subscriber's execution answers this one: nothing to build.
            return _Executed(entry[1])
        executor = self.event_executor(payload)
        self._start_ahead(event, key)  # type: ignore[arg-type]
        return _SharedEvent(executor, event, key, self.operation)  # type: ignore[arg-type]

    def event_executor(self, payload: Any) -> Any:
        """graphql-core's executor of one event (the one a shared execution runs)."""
        return super().build_per_event_executor(payload)

    def _entry(self, event: NoticeEvent, key: tuple[Any, ...]) -> Any:
        """The group's execution of `event` for this operation, if one has started."""
        entry = shared_get(event, key)
        return entry if entry is not None and entry[0] is self.operation else None

    def _start(self, event: NoticeEvent, key: tuple[Any, ...]) -> None:
        executor = self.event_executor(notice_of(event))
        _SharedEvent(executor, event, key, self.operation).start()

    def _start_ahead(self, event: NoticeEvent, key: tuple[Any, ...]) -> None:
        later: list[NoticeEvent] | None = event.shared.pop((AHEAD, key), None)
        try:
            for upcoming in later or ():
                if self._entry(upcoming, key) is None:
                    self._start(upcoming, key)
        except Exception:  # each is then executed at its turn, failing there as it would
            log.warning("notices: starting executions ahead failed", exc_info=True)

    def _sharing_key(self) -> tuple[Any, ...] | None:
        # The same for every event of the subscription: worked out at its first event.
        try:
            return self.__dict__["_shared_key"]  # type: ignore[no-any-return]
        except KeyError:
            key = self.__dict__["_shared_key"] = self._work_out_sharing_key()
            return key

    def _work_out_sharing_key(self) -> tuple[Any, ...] | None:
        return sharing_key(self.operation, self.variable_values, self.context_value)


def sharing_key(operation: Any, variable_values: Any, context: Any) -> tuple[Any, ...] | None:
    """What makes a subscription's answer to an event what it is: its operation, its
    variables and who asks (agency, role, driver); None when nobody signed in."""
    principal = getattr(context, "principal", None)
    if principal is None:
        return None
    user = principal.user
    coerced = getattr(variable_values, "coerced", variable_values) or {}
    variables = repr(sorted(coerced.items()))
    # The operation node is compared by identity: the parser cache hands the same
    # document to every subscriber that sent the same text.
    key = ("execution", id(operation), variables, user.agency_id, user.role, user.driver_id)
    # The one tuple of every subscriber with this key: the hub's lookups by it, once per
    # subscriber per event, then find it by identity, reading objects already in cache.
    same = _KEYS.get(key)
    if same is None:
        if len(_KEYS) >= _KEYS_KEPT:
            _KEYS.clear()  # only a speed-up: equal keys still compare equal
        same = _KEYS[key] = key
    return same


SUBSCRIBING: ContextVar[SharedEventExecution | None] = ContextVar("subscribing", default=None)
"""The executor of the subscription the current task runs (set as it is built)."""


def subscribing() -> SharedEventExecution | None:
    """The executor Strawberry built for the subscription this task runs, taken once: the
    task's context (and every task started in it) then no longer holds it."""
    executor = SUBSCRIBING.get()
    if executor is not None:
        SUBSCRIBING.set(None)
    return executor


_KEYS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_KEYS_KEPT = 10_000


class _SharedEvent:
    """Stands in for the per-event executor: runs it once, shares the result."""

    def __init__(
        self, executor: Any, event: NoticeEvent, key: tuple[Any, ...], operation: Any
    ) -> None:
        self.executor = executor
        self.event = event
        self.key = key
        self.operation = operation

    def execute_operation(self, serially: bool | None = None) -> Awaitable[ExecutionResult]:
        return _await_shielded(self.start(serially))

    def start(self, serially: bool | None = None) -> asyncio.Future[ExecutionResult]:
        """The group's execution of the event: this one's, unless another's exists."""
        entry = shared_get(self.event, self.key)
        if entry is None or entry[0] is not self.operation:
            result = self.executor.execute_operation(serially)
            future: asyncio.Future[ExecutionResult]
            if asyncio.isfuture(result) or asyncio.iscoroutine(result):
                future = asyncio.ensure_future(result)
            else:
                future = asyncio.get_running_loop().create_future()
                future.set_result(result)
            future.add_done_callback(partial(_answered, self.event, self.key))
            entry = (self.operation, future)
            shared_put(self.event, self.key, entry)
        return entry[1]  # type: ignore[no-any-return]


def shared_body(future: asyncio.Future[ExecutionResult]) -> str | None:
    """The payload JSON of a finished shared execution, encoded once, or None when it
    failed or has errors (each subscriber then gets its own answer, errors and all)."""
    if future.cancelled() or future.exception() is not None:
        return None
    result = future.result()
    if result.errors or type(result.data) is not dict:
        return None
    return FRAMES.body(result.data)


def _answered(
    event: NoticeEvent, key: tuple[Any, ...], future: asyncio.Future[ExecutionResult]
) -> None:
    # Its subscribers' frames differ only by id: their payload is encoded once, and the
    # frames the hub claimed for this group are written from it now (subscriptions/direct.py).
    if not future.cancelled() and future.exception() is None:
        FRAMES.expect(future.result().data)
    claims = event.shared.pop((CLAIMS, key), None)
    if claims is None:
        return
    body = shared_body(future)
    if body is None:
        claims.release()  # each stream delivers it, errors and all, as it would alone
    else:
        claims.deliver(body)


class _Executed:
    """Stands in for the per-event executor when the shared execution already exists."""

    __slots__ = ("future",)

    def __init__(self, future: asyncio.Future[ExecutionResult]) -> None:
        self.future = future

    def execute_operation(self, serially: bool | None = None) -> Awaitable[ExecutionResult]:
        return _await_shielded(self.future)


async def _await_shielded(future: asyncio.Future[ExecutionResult]) -> ExecutionResult:
    # One subscriber leaving must not cancel the execution the others wait for.
    return await asyncio.shield(future)
