"""Domain errors: expected, user-facing failures carried as data.

A use case catches :class:`DomainError` and puts its ``errors`` in the mutation
payload's ``errors: [UserError!]!`` list (SPEC §13).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class ErrorCode(enum.StrEnum):
    """Machine-readable code of a user-facing failure (the GraphQL ``ErrorCode`` enum)."""

    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    INVALID_REASON = "INVALID_REASON"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    ALREADY_CANCELLED = "ALREADY_CANCELLED"
    ALREADY_INVOICED = "ALREADY_INVOICED"
    CONFIRMATION_REQUIRED = "CONFIRMATION_REQUIRED"
    UNCANCEL_WINDOW_PASSED = "UNCANCEL_WINDOW_PASSED"
    SLOT_CONFLICT = "SLOT_CONFLICT"
    NOT_BILLABLE = "NOT_BILLABLE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    CONFLICT = "CONFLICT"


@dataclass(frozen=True)
class UserError:
    """One user-facing failure: a code, a sentence a dispatcher understands, and context.

    ``field`` is the path of the input field at fault (``("input", "requestedBy")``);
    ``mission_ids`` lists the missions at fault (e.g. those needing confirmation).
    """

    code: ErrorCode
    message: str
    field: tuple[str, ...] | None = None
    mission_ids: tuple[int, ...] = ()


class DomainError(Exception):
    """A refused command; carries one or more :class:`UserError`.

    ``DomainError(code, message, field=..., mission_ids=...)`` raises one error;
    ``DomainError.many([...])`` raises several at once (a cascade can fail in
    several places).
    """

    errors: list[UserError]

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        field: tuple[str, ...] | None = None,
        mission_ids: Iterable[int] = (),
    ) -> None:
        error = UserError(code, message, field, tuple(mission_ids))
        super().__init__(message)
        self.errors = [error]

    @classmethod
    def many(cls, errors: Iterable[UserError]) -> DomainError:
        """Build one exception carrying every error of ``errors`` (at least one)."""
        collected = list(errors)
        if not collected:
            raise ValueError("DomainError.many needs at least one error")
        first = collected[0]
        instance = cls(first.code, first.message, field=first.field, mission_ids=first.mission_ids)
        instance.errors = collected
        instance.args = ("; ".join(error.message for error in collected),)
        return instance

    @property
    def code(self) -> ErrorCode:
        """The code of the first error (convenient when there is only one)."""
        return self.errors[0].code

    def __repr__(self) -> str:
        return f"DomainError({self.errors!r})"
