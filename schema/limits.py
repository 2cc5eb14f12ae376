"""How large and how complex a document may be (SPEC §12).

Limit errors are GraphQL errors with `extensions.code` LIMIT_EXCEEDED, reported before
anything runs.
"""

from __future__ import annotations

from graphql import GraphQLError

LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
# About twenty times the standard introspection query; checked before parsing.
MAX_DOCUMENT_CHARS = 64 * 1024
MAX_TOKENS = 4000


def limit_exceeded(message: str) -> GraphQLError:
    """A document refused for its size or its shape."""
    return GraphQLError(message, extensions={"code": LIMIT_EXCEEDED})


def document_too_large(length: int) -> GraphQLError:
    """The document is longer than MAX_DOCUMENT_CHARS."""
    return limit_exceeded(
        f"The document is {length:,} characters long; at most {MAX_DOCUMENT_CHARS:,} are allowed."
    )
