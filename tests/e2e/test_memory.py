"""The server's memory stays flat under a stream of distinct large documents.

Every document below is different (a cache cannot share them) and is about as large as
the token limit lets a document be: 3,000 list items, about 1.2 MB once parsed. Caching
each of them (as Strawberry's parser and validation caches did, up to 512 entries each)
grows the server by about 1 MB a document; bounded by bytes, the cache stays within its
budget and the server's memory does not move.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.demo_server import DemoServer, demo_server

pytestmark = [pytest.mark.e2e]

MB = 1024 * 1024
WARM_UP = 30
STREAM = 200
# The document cache may keep 32 MB (estimated from above); the rest is slack for the
# allocator. With caches bounded by entries only, 150 such documents added 163 MB.
GROWTH_BOUND = 80 * MB


def large_document(n: int) -> str:
    items = " ".join(["1"] * 3000)
    return f"query Large{n}($items: [Int] = [{items}]) {{ viewer {{ name }} }}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server("sqlite", tmp_path_factory.mktemp("memory")) as running:
        yield running


def _send(client: httpx.Client, server: DemoServer, n: int) -> None:
    response = client.post(server.url, json={"query": large_document(n)})
    assert response.status_code == 200, response.text
    assert "errors" in response.json()  # $items is unused: refused, after parsing


def test_memory_stays_flat_under_distinct_large_documents(server: DemoServer) -> None:
    # given a server that has seen a few large documents already
    with httpx.Client(headers=server.headers(), timeout=30) as client:
        for n in range(WARM_UP):
            _send(client, server, n)
        before = server.rss_bytes()

        # when a stream of further distinct ones arrives
        for n in range(WARM_UP, WARM_UP + STREAM):
            _send(client, server, n)
        after = server.rss_bytes()

    # then its memory has not grown with them
    growth = after - before
    print(f"RSS {before / MB:.0f} MB -> {after / MB:.0f} MB ({growth / MB:+.0f} MB)")
    assert growth < GROWTH_BOUND, f"grew by {growth / MB:.0f} MB"
    server.assert_answers_at_once()
