"""One GraphQL operation over HTTP, as metrics (and the request log line) see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INTERNAL = "INTERNAL_ERROR"


@dataclass
class OperationSeen:
    """What the document cache saw of the operation: its name and type (set on parse)."""

    name: str | None = None
    type: str = "unknown"


def outcome_of(data: Any, errors: list[Any] | None, kind: str) -> tuple[str, list[str]]:
    """`ok`, `user:<code>` (a mutation payload's first error), `graphql:<code>` (the first
    GraphQL error) or `internal`; with every code seen, for the log line."""
    if errors:
        codes = [str((e.extensions or {}).get("code") or "ERROR") for e in errors]
        if INTERNAL in codes:
            return "internal", codes
        return f"graphql:{codes[0]}", codes
    if kind == "mutation" and isinstance(data, dict):
        codes = [
            str(error.get("code"))
            for payload in data.values()
            if isinstance(payload, dict)
            for error in payload.get("errors") or ()
            if isinstance(error, dict)
        ]
        if codes:
            return f"user:{codes[0]}", codes
    return "ok", []
