"""Expected failures as data: the `UserError` type of every mutation payload."""

from __future__ import annotations

import strawberry

from models.domain.errors import DomainError, ErrorCode
from models.domain.errors import UserError as DomainUserError
from schema.ids import to_global_id


@strawberry.type(
    description="Why a mutation was refused: a code, a sentence, and what is at fault."
)
class UserError:
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="A sentence a dispatcher understands.")
    field: list[str] | None = strawberry.field(
        description='Path of the input field at fault, e.g. ["input", "requestedBy"].'
    )
    mission_ids: list[strawberry.ID] | None = strawberry.field(
        description="Missions at fault, e.g. those that need confirmation."
    )

    @classmethod
    def from_domain(cls, error: DomainUserError) -> UserError:
        return cls(
            code=error.code,
            message=error.message,
            field=list(error.field) if error.field else None,
            mission_ids=[strawberry.ID(to_global_id("Mission", m)) for m in error.mission_ids]
            or None,
        )


def user_errors(exc: DomainError) -> list[UserError]:
    """The payload errors of a refused command."""
    return [UserError.from_domain(e) for e in exc.errors]
