"""Persisted operations: a client sends a document's hash instead of its text.

Apollo's automatic persisted queries (APQ), over GET and POST: a request whose
`extensions.persistedQuery.sha256Hash` names a document the store knows runs that
document; one it does not know is answered `PersistedQueryNotFound` and the client
retries with the text and the hash, which registers it (after checking the hash). The
store is in-process (bounded) by default, Redis when BROADCAST_URL is Redis (shared by
every process, kept a week).

With TRUSTED_DOCUMENTS (schema/trusted_documents.py) the store is the manifest and
nothing is registered: a hash, `documentId` or `doc_id` names a listed document.

Only requests that carry a hash or no text come here; the ordinary path pays nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from typing import Any, Protocol

import orjson
from redis import exceptions as redis_exc
from redis.asyncio import Redis
from strawberry.http import GraphQLRequestData

from schema.limits import MAX_DOCUMENT_CHARS
from schema.trusted_documents import TrustedDocuments

log = logging.getLogger("dispatch.persisted")

NOT_FOUND = "PersistedQueryNotFound"
REDIS_PREFIX = "dispatch:apq:"
REDIS_TTL_S = 7 * 24 * 3600


class PersistedQueryError(Exception):
    """The request names a document that cannot run: answered with `code` (an HTTP
    status `status` in application/json; 400 in application/graphql-response+json)."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class DocumentStore(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, query: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """The process's documents, least recently used first out, bounded by count and size."""

    def __init__(self, max_entries: int = 5000, max_chars: int = 32 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.chars = 0
        self._documents: OrderedDict[str, str] = OrderedDict()

    async def get(self, sha256: str) -> str | None:
        query = self._documents.get(sha256)
        if query is not None:
            self._documents.move_to_end(sha256)
        return query

    async def put(self, sha256: str, query: str) -> None:
        if sha256 in self._documents:
            return
        self._documents[sha256] = query
        self.chars += len(query)
        while len(self._documents) > self.max_entries or self.chars > self.max_chars:
            _, evicted = self._documents.popitem(last=False)
            self.chars -= len(evicted)

    async def close(self) -> None:
        return None


class RedisStore:
    """Documents in Redis, shared by every server process. Redis being down is a miss
    (the client sends the text again), never a failed request."""

    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    async def get(self, sha256: str) -> str | None:
        try:
            value = await self.redis.get(REDIS_PREFIX + sha256)
        except (redis_exc.RedisError, OSError) as exc:
            log.warning("persisted query store unavailable: %s", type(exc).__name__)
            return None
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    async def put(self, sha256: str, query: str) -> None:
        try:
            await self.redis.set(REDIS_PREFIX + sha256, query, ex=REDIS_TTL_S)
        except (redis_exc.RedisError, OSError) as exc:
            log.warning("persisted query store unavailable: %s", type(exc).__name__)

    async def close(self) -> None:
        await self.redis.aclose()


class TrustedStore:
    """The manifest's documents; nothing is ever registered."""

    def __init__(self, trusted: TrustedDocuments) -> None:
        self.trusted = trusted

    async def get(self, sha256: str) -> str | None:
        return self.trusted.by_id.get(sha256)

    async def put(self, sha256: str, query: str) -> None:
        return None

    async def close(self) -> None:
        return None


def store_for(broadcast_url: str, trusted: TrustedDocuments | None) -> DocumentStore:
    if trusted is not None:
        return TrustedStore(trusted)
    if broadcast_url.startswith(("redis://", "rediss://")):
        return RedisStore(broadcast_url)
    return MemoryStore()


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


async def resolve(
    store: DocumentStore, data: GraphQLRequestData, raw: dict[str, Any] | None
) -> None:
    """Fill in `data.query` from the hash the request names, or register its text.

    `raw` is the request's own object (body or query parameters), read only when the
    request has no text: for `documentId` / `doc_id`, the persisted-documents fields.
    """
    named = _named_id(data.extensions, raw)
    if named is None:
        return
    if data.query is None:
        query = await store.get(named)
        if query is None:
            raise PersistedQueryError(NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND", 200)
        data.query = query
        return
    if sha256_of(data.query) != named:
        raise PersistedQueryError(
            "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH", 400
        )
    if len(data.query) <= MAX_DOCUMENT_CHARS:
        await store.put(named, data.query)


def _named_id(extensions: dict[str, Any] | None, raw: dict[str, Any] | None) -> str | None:
    persisted = (extensions or {}).get("persistedQuery")
    if isinstance(persisted, dict):
        sha = persisted.get("sha256Hash")
        if isinstance(sha, str) and persisted.get("version", 1) == 1:
            return sha.lower()
        raise PersistedQueryError(
            "extensions.persistedQuery must be {version: 1, sha256Hash: <hex>}",
            "BAD_REQUEST",
            400,
        )
    for key in ("documentId", "doc_id"):
        value = (raw or {}).get(key)
        if isinstance(value, str) and value:
            return value.removeprefix("sha256:")
    return None


def raw_of(body: bytes | None, params: dict[str, str] | None) -> dict[str, Any] | None:
    """The request's top-level object (only for a request without text)."""
    if params is not None:
        return params
    try:
        value = orjson.loads(body or b"null")
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
