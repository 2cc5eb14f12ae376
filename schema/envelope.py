"""The mutation envelope: a refused command answers its payload with `errors` (SPEC §13).

Every mutation returns a `Payload`. A use case refuses by raising `DomainError`; the
`mutation` decorator catches it, wherever it is raised in the resolver (decoding an id,
checking an input, the use case itself), and answers the field's payload with only
`errors` set. Nothing else is caught: permission errors and unexpected failures stay
GraphQL errors. This is Saleor's `BaseMutation.mutate`/`handle_errors`, as a Strawberry
field extension, so a resolver is only "input -> use case -> payload".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, dataclass_transform

import strawberry
from strawberry.extensions.field_extension import AsyncExtensionResolver, FieldExtension
from strawberry.permission import BasePermission
from strawberry.types.field import StrawberryField

from models.domain.errors import DomainError
from schema.errors import UserError, user_errors

ERRORS = "Why the mutation was refused; empty on success."

T = TypeVar("T")


@strawberry.type(description="The result of a mutation.")
class Payload:
    """What every mutation payload has: the refusals, empty on success."""

    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)


@dataclass_transform(kw_only_default=True, field_specifiers=(strawberry.field, StrawberryField))
def payload(description: str) -> Callable[[type[T]], type[T]]:
    """Declare a `Payload` subclass as a GraphQL type; `errors` stays its last field."""

    def declare(cls: type[T]) -> type[T]:
        assert issubclass(cls, Payload), f"{cls.__name__} must subclass Payload"
        typed = strawberry.type(cls, description=description)
        # Inherited fields come first in a dataclass; clients (and schema.graphql) read
        # `errors` last, after what the mutation returns.
        typed.__strawberry_definition__.fields.sort(key=lambda f: f.python_name == "errors")  # type: ignore[attr-defined]
        return typed

    return declare


class RefusalsAsPayload(FieldExtension):
    """Turns a `DomainError` raised while resolving the field into its payload's errors."""

    payload_type: type[Payload]

    def apply(self, field: StrawberryField) -> None:
        returned: object = field.type
        if not (isinstance(returned, type) and issubclass(returned, Payload)):
            raise TypeError(f"mutation {field.python_name} must return a Payload")
        self.payload_type = returned

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Any, **kwargs: Any
    ) -> Any:
        try:
            return await next_(source, info, **kwargs)
        except DomainError as exc:
            return self.payload_type(errors=user_errors(exc))


def mutation(*, description: str, permission_classes: Sequence[type[BasePermission]]) -> Any:
    """`strawberry.mutation` whose refusals (`DomainError`) answer the payload's `errors`."""
    return strawberry.mutation(
        description=description,
        permission_classes=list(permission_classes),
        extensions=[RefusalsAsPayload()],
    )
