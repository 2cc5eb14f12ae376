"""The document cache is bounded by entries and by bytes, and drops what it evicts whole."""

from __future__ import annotations

from graphql import parse, specified_rules

from schema.build import schema
from schema.document_cache import DocumentCache, weight_of

SCHEMA = schema._schema


def query(n: int, fields: int = 1) -> str:
    return f"query Q{n} {{ viewer {{ {' '.join(['name'] * fields)} }} }}"


def test_the_weight_grows_with_the_tokens_and_the_text() -> None:
    small, large = query(1), query(1, fields=500)

    assert weight_of(large, parse(large)) > 100 * len(large) > weight_of(small, parse(small))


def test_a_cached_document_is_parsed_once() -> None:
    cache = DocumentCache(max_entries=10, max_bytes=10**9)

    first = cache.parse(query(1))
    again = cache.parse(query(1))

    assert again is first
    assert len(cache) == 1


def test_the_cache_keeps_at_most_max_entries_and_forgets_the_least_recent() -> None:
    cache = DocumentCache(max_entries=3, max_bytes=10**9)
    kept = cache.parse(query(0))

    for n in range(1, 6):
        cache.parse(query(n))
        cache.parse(query(0))  # keep 0 recently used

    assert len(cache) == 3
    assert cache.parse(query(0)) is kept
    assert query(1) not in cache and query(5) in cache


def test_the_cache_keeps_at_most_max_bytes() -> None:
    one = weight_of(query(0, 50), parse(query(0, 50)))
    cache = DocumentCache(max_entries=1000, max_bytes=5 * one)

    for n in range(100):
        cache.parse(query(n, 50))

    assert 0 < cache.bytes <= 5 * one
    assert len(cache) <= 5


def test_a_document_over_the_whole_budget_is_not_cached() -> None:
    cache = DocumentCache(max_entries=10, max_bytes=1000)

    document = cache.parse(query(1, fields=200))

    assert document.definitions
    assert len(cache) == 0 and cache.bytes == 0


def test_validation_results_are_cached_with_their_document_and_go_with_it() -> None:
    cache = DocumentCache(max_entries=1, max_bytes=10**9)
    rules = tuple(specified_rules)
    bad = "{ viewer { nope } }"
    document = cache.parse(bad)

    first = cache.validate(SCHEMA, document, rules)
    again = cache.validate(SCHEMA, document, rules)
    cache.parse(query(2))  # evicts `bad` and its validation

    assert [e.message for e in first] == [e.message for e in again]
    assert "nope" in first[0].message
    assert bad not in cache
    assert cache.validate(SCHEMA, document, rules)[0].message == first[0].message
