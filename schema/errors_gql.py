"""Top-level GraphQL errors (not payload data): permission and bad query arguments."""

from __future__ import annotations

from graphql import GraphQLError


def forbidden(message: str = "Your role may not do this.") -> GraphQLError:
    """FORBIDDEN: signed in, but not allowed."""
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


def bad_argument(message: str, argument: str) -> GraphQLError:
    """BAD_USER_INPUT on a query argument (mutations report errors as data instead)."""
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT", "argument": argument})


def not_found(message: str = "No such record.") -> GraphQLError:
    """NOT_FOUND on a query argument."""
    return GraphQLError(message, extensions={"code": "NOT_FOUND"})
