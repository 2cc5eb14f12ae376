"""The transaction of one command: rows, audit events, idempotency, then publish."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.audit import Event
from models.domain.errors import DomainError, ErrorCode
from models.idempotency import IdempotencyRecord
from resolvers import carried_rows, outbox
from resolvers.clock import Clock
from resolvers.limits import IDEMPOTENCY_KEY_MAX
from resolvers.scope import Scope

T = TypeVar("T")


def dialect(conn: BaseDBAsyncClient | None = None) -> str:
    """`sqlite` or `postgres` for the default connection."""
    conn = conn or connections.get("default")
    return str(conn.capabilities.dialect)


class UnitOfWork:
    """Collects the audit events of one command and writes them with its changes."""

    def __init__(self, scope: Scope, clock: Clock, conn: BaseDBAsyncClient) -> None:
        self.scope = scope
        self.clock = clock
        self.now: datetime = clock.now()
        self.conn = conn
        self.pending: list[dict[str, Any]] = []
        self.events: list[Event] = []

    @property
    def dialect(self) -> str:
        return dialect(self.conn)

    def record(
        self,
        type: str,
        *,
        order_id: int | None = None,
        mission_id: int | None = None,
        cancellation_id: int | None = None,
        driver_ids: Iterable[int] = (),
        **data: Any,
    ) -> None:
        """Add an audit event, written when the unit commits."""
        self.pending.append(
            {
                "type": type,
                "order_id": order_id,
                "mission_id": mission_id,
                "cancellation_id": cancellation_id,
                "driver_ids": sorted(set(driver_ids)),
                "data": _json_safe(data),
            }
        )

    async def flush_events(self) -> list[Event]:
        """Allocate cursors under the agency row's lock and insert the events in bulk.

        The UPDATE … RETURNING takes the agency row lock until commit, so a transaction
        that allocates later commits later: cursors increase in commit order, gaplessly.
        """
        if not self.pending:
            return []
        n = len(self.pending)
        placeholder = "?" if self.dialect == "sqlite" else "$"
        if placeholder == "?":
            sql = "UPDATE agency SET event_seq = event_seq + ? WHERE id = ? RETURNING event_seq"
        else:
            sql = "UPDATE agency SET event_seq = event_seq + $1 WHERE id = $2 RETURNING event_seq"
        rows = await self.conn.execute_query_dict(sql, [n, self.scope.agency_id])
        last = int(rows[0]["event_seq"])
        # Read once the agency's lock is held: every command with a lower seq has committed,
        # so a row this one only read is no older than their changes (read before the lock,
        # a driver renamed by the seq before could travel with this seq under its old name).
        carried, named = None, []
        if carried_rows.CARRYING.enabled:
            named = [carried_rows.named(item) for item in self.pending]
            carried = await self._read_named_rows(named)
        actor = self.scope
        events = [
            Event(
                agency_id=actor.agency_id,
                seq=last - n + i + 1,
                occurred_at=self.now,
                actor_user_id=actor.user_id,
                actor_name=actor.user_name,
                actor_role=actor.role.value,
                **item,
            )
            for i, item in enumerate(self.pending)
        ]
        await Event.bulk_create(events, using_db=self.conn)
        if carried:
            for event, names in zip(events, named, strict=True):
                # Not a column: what the publisher sends with the event (subscriptions/)
                sent = {n: carried[n][pk] for n, pk in names.items() if pk in carried[n]}
                setattr(event, carried_rows.ATTRIBUTE, sent)
        self.pending.clear()
        self.events.extend(events)
        return events

    async def _read_named_rows(
        self, named: list[dict[str, int]]
    ) -> dict[str, dict[int, list[Any]]] | None:
        """The rows the pending events name (`named`, each event's), read in this
        transaction, when they are few (resolvers/carried_rows.py)."""
        if len(named) > carried_rows.CARRY_MAX:
            return None
        wanted: dict[str, set[int]] = {}
        for rows in named:
            for name, pk in rows.items():
                wanted.setdefault(name, set()).add(pk)
        if not wanted:
            return None
        return await carried_rows.read(self.conn, self.scope.agency_id, wanted)


async def run_command(
    scope: Scope,
    clock: Clock,
    work: Callable[[UnitOfWork], Awaitable[T]],
) -> T:
    """Run `work` in one transaction with its events; publish them after commit."""
    async with in_transaction() as conn:
        uow = UnitOfWork(scope, clock, conn)
        result = await work(uow)
        await uow.flush_events()
    await outbox.events_committed(uow.events)
    return result


async def run_idempotent(
    scope: Scope,
    clock: Clock,
    *,
    key: str | None,
    operation: str,
    request: dict[str, Any],
    work: Callable[[UnitOfWork], Awaitable[dict[str, Any]]],
) -> dict[str, Any]:
    """Like `run_command`, but a retry with the same key returns the first result.

    The record is written in the same transaction as the change, so a result is kept
    exactly when the change was committed. The same key with a different request is
    IDEMPOTENCY_KEY_REUSED. Two concurrent first tries: the second either hits the unique
    key or is refused by the rules after the first committed; both return the first's result.
    """
    if key is None:
        return await run_command(scope, clock, work)
    key = key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX or not key.isprintable():
        raise DomainError(
            ErrorCode.INVALID,
            f"An idempotency key must be 1 to {IDEMPOTENCY_KEY_MAX} printable characters.",
            field=("input", "idempotencyKey"),
        )
    digest = hashlib.sha256(
        json.dumps([operation, _json_safe(request)], sort_keys=True).encode()
    ).hexdigest()

    async def first_try(uow: UnitOfWork) -> dict[str, Any]:
        earlier = await _earlier(scope, key)
        if earlier is not None:
            return _replay(earlier, digest)
        result = await work(uow)
        await IdempotencyRecord.create(
            agency_id=scope.agency_id,
            key=key,
            operation=operation,
            request_hash=digest,
            result=result,
            created_at=uow.now,
            using_db=uow.conn,
        )
        return result

    try:
        return await run_command(scope, clock, first_try)
    except (IntegrityError, DomainError):
        # A concurrent first try with this key may have committed while this one waited
        # on its row locks and was then refused by the rules (ALREADY_CANCELLED…) or hit
        # the unique key: the retry gets the first result, as if it had come later.
        earlier = await _earlier(scope, key)
        if earlier is None:
            raise
        return _replay(earlier, digest)


async def _earlier(scope: Scope, key: str) -> IdempotencyRecord | None:
    return await IdempotencyRecord.filter(agency_id=scope.agency_id, key=key).first()


def _replay(record: IdempotencyRecord, digest: str) -> dict[str, Any]:
    if record.request_hash != digest:
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This idempotency key was already used for a different request.",
            field=("input", "idempotencyKey"),
        )
    result: dict[str, Any] = record.result
    return result


def _json_safe(value: Any) -> Any:
    """Decimals as strings, datetimes as ISO-8601, enums as their values, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
