"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

Headers: `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`:
`v1,<base64 of HMAC-SHA256(key, f"{id}.{timestamp}.{body}")>`, several separated by
spaces while a rotated secret overlaps. A secret is `whsec_<base64 of the key>`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable, Mapping

PREFIX = "whsec_"
TOLERANCE = 5 * 60


class InvalidSignature(Exception):
    """The request was not signed with the secret, or is too old or too new."""


def new_secret() -> str:
    """A fresh signing secret (24 random bytes)."""
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def sign(secrets_: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers, with one signature per secret (the current one first)."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body) for s in secrets_),
    }


def verify(
    secret: str, headers: Mapping[str, str], body: bytes, *, now: float | None = None
) -> None:
    """What a receiver runs: InvalidSignature unless one signature matches `secret`
    and the timestamp is within 5 minutes (a replayed old request is refused)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id = lowered.get("webhook-id", "")
    try:
        timestamp = int(lowered.get("webhook-timestamp", ""))
    except ValueError:
        raise InvalidSignature("missing or bad webhook-timestamp") from None
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE:
        raise InvalidSignature("timestamp too old or too new")
    expected = signature(secret, msg_id, timestamp, body)
    for candidate in lowered.get("webhook-signature", "").split():
        if hmac.compare_digest(candidate, expected):
            return
    raise InvalidSignature("no matching signature")
