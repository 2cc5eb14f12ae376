"""Validation of the fields every cancellation request carries (SPEC §4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from tortoise.models import Model

from models.cancellations import CancellationReason
from models.domain.billing import validate_requested_at
from models.domain.errors import DomainError, ErrorCode, UserError
from resolvers import validation as v
from resolvers.scope import not_found
from resolvers.unit_of_work import UnitOfWork
from resolvers.validation import Field

REQUESTED_BY = ("input", "requestedBy")
REASON_CODE = ("input", "reasonCode")
NOTE = ("input", "note")
WAIVER_NOTE = ("input", "waiverNote")

T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class CancelRequestInput:
    """What the client sent, before validation."""

    requested_by: str | None
    reason_code: str | None
    note: str | None = None
    requested_at: datetime | None = None
    waive_billing: bool = False
    waiver_note: str | None = None
    # Where the note sits in the client's input (the edit form calls it cancellationNote).
    note_field: tuple[str, ...] = ("input", "note")

    def as_dict(self) -> dict[str, object]:
        """The request as the idempotency record hashes it."""
        return {
            "requestedBy": self.requested_by,
            "reasonCode": self.reason_code,
            "note": self.note,
            "requestedAt": self.requested_at,
            "waiveBilling": self.waive_billing,
            "waiverNote": self.waiver_note,
        }


@dataclass(frozen=True)
class CancelRequest:
    """A validated cancellation request: who asked, why, and the moment judged."""

    requested_by: str
    reason: CancellationReason
    note: str | None
    requested_at: datetime
    waive_billing: bool
    waiver_note: str | None


async def validate_request(uow: UnitOfWork, raw: CancelRequestInput) -> CancelRequest:
    """Check every field at once; refuse with all the errors found (nothing changes)."""
    errors: list[UserError] = []

    def attempt(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except DomainError as exc:
            errors.extend(exc.errors)
            return None

    requested_by = attempt(
        lambda: v.require_text(raw.requested_by, REQUESTED_BY, "Who asked to cancel", 200)
    )
    reason = await _active_reason(uow, raw.reason_code, errors)
    note = attempt(lambda: v.optional_text(raw.note, raw.note_field, "The note"))
    waiver_note = attempt(lambda: v.optional_text(raw.waiver_note, WAIVER_NOTE, "The waiver note"))
    requested_at = attempt(lambda: validate_requested_at(raw.requested_at, uow.now))
    if errors:
        raise DomainError.many(errors)
    assert requested_by is not None and reason is not None and requested_at is not None
    return CancelRequest(
        requested_by=requested_by,
        reason=reason,
        note=note,
        requested_at=requested_at,
        waive_billing=bool(raw.waive_billing),
        waiver_note=waiver_note if raw.waive_billing else None,
    )


async def _active_reason(
    uow: UnitOfWork, code: str | None, errors: list[UserError]
) -> CancellationReason | None:
    """The agency's active reason with this code; an unknown or inactive one is INVALID_REASON."""
    code = (code or "").strip()
    if not code:
        errors.extend(v.required(REASON_CODE, "A cancellation reason").errors)
        return None
    max_length = CancellationReason._meta.fields_map["code"].max_length  # type: ignore[attr-defined]
    fits = len(code) <= max_length and "\x00" not in code
    reason = (
        await uow.scope.query(CancellationReason)
        .filter(code=code, active=True)
        .using_db(uow.conn)
        .first()
        if fits
        else None
    )
    if reason is None:
        errors.append(
            UserError(
                ErrorCode.INVALID_REASON,
                f"{code!r} is not an active cancellation reason of your agency.",
                REASON_CODE,
            )
        )
    return reason


async def get_row(uow: UnitOfWork, model: type[M], pk: int, field: Field) -> M:
    """A row of the caller's agency read inside the transaction, or NOT_FOUND."""
    row = await uow.scope.query(model).filter(id=pk).using_db(uow.conn).first()
    if row is None:
        raise not_found(model, field)
    return row
