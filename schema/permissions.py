"""Who may run what (SPEC §12): permission classes attached to every root field."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from models.agency import Role


def unauthenticated() -> GraphQLError:
    """The error for a caller with no valid token."""
    return GraphQLError("Sign in first.", extensions={"code": "UNAUTHENTICATED"})


class _RolePermission(BasePermission):
    roles: frozenset[Role] = frozenset()
    message = "Your role may not do this."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        principal = info.context.principal
        if principal is None:
            self.message = "Sign in first."
            self.error_extensions = {"code": "UNAUTHENTICATED"}
            return False
        return bool(principal.user.role in self.roles)


def allow(*roles: Role) -> type[BasePermission]:
    """A permission class letting only `roles` through."""
    name = "Allow" + "".join(r.value.title() for r in roles)
    return type(name, (_RolePermission,), {"roles": frozenset(roles)})


ANY_ROLE = allow(Role.ADMIN, Role.OPERATOR, Role.DRIVER, Role.REPORTER)
READERS = allow(Role.ADMIN, Role.OPERATOR, Role.REPORTER)
DISPATCH = allow(Role.ADMIN, Role.OPERATOR)
ADMIN = allow(Role.ADMIN)
DRIVER = allow(Role.DRIVER)
