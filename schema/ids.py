"""Relay global ids: opaque on the wire, `Type:pk` inside."""

from __future__ import annotations

import base64
import binascii
import functools

from models.domain.errors import DomainError, ErrorCode


@functools.lru_cache(maxsize=16384)
def to_global_id(type_name: str, pk: int) -> str:
    """The opaque id a client sees for row `pk` of `type_name` (a page shows each of its
    rows' ids several times, and boards ask for the same pages again: kept, bounded)."""
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def parse_global_id(global_id: str) -> tuple[str, int] | None:
    """(type name, pk), or None when the id is not one of ours."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, pk = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        value = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    # Primary keys are 32-bit integers: anything larger is not one of ours.
    if not type_name or value <= 0 or value > 2**31 - 1:
        return None
    return type_name, value


def decode_id(global_id: str, type_name: str, field: tuple[str, ...] | None = None) -> int:
    """The pk of a global id of `type_name`; a malformed or foreign id is NOT_FOUND."""
    parsed = parse_global_id(global_id)
    if parsed is None or parsed[0] != type_name:
        label = "".join(" " + c.lower() if c.isupper() else c for c in type_name).strip()
        raise DomainError(ErrorCode.NOT_FOUND, f"No such {label}.", field=field)
    return parsed[1]
