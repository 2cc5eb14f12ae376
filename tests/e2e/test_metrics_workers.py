"""/metrics of a server with several worker processes (WORKERS=2, multiprocess mode):
whichever worker a scrape reaches, it counts the requests every worker served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import REDIS_URL
from tests.e2e.demo_server import DemoServer, demo_server

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]

REQUESTS = 40


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    folder = tmp_path_factory.mktemp("workers")
    with demo_server(
        "postgres", folder, broadcast=REDIS_URL, WORKERS=2, PROMETHEUS_MULTIPROC_DIR=folder / "prom"
    ) as running:
        yield running


def served(text: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == "dispatch_graphql_requests_total" and s.labels["operation"] == "Viewer":
                total += s.value
    return total


def test_every_scrape_counts_every_workers_requests(workers: DemoServer) -> None:
    # given requests spread over the two workers by the kernel, on fresh connections
    for _ in range(REQUESTS):
        with httpx.Client(timeout=10) as client:
            response = client.post(
                workers.url,
                json={"query": "query Viewer { viewer { name } }"},
                headers=workers.headers(),
            )
            assert response.status_code == 200, response.text

    # when /metrics is scraped several times (each may reach either worker)
    scrapes = []
    pids = set()
    for _ in range(6):
        with httpx.Client(timeout=10) as client:
            text = client.get(f"{workers.server.http}/metrics").text
        scrapes.append(served(text))
        pids.update(
            s.labels["pid"]
            for family in text_string_to_metric_families(text)
            for s in family.samples
            if s.name == "dispatch_broadcast_connected"
        )

    # then every scrape counts all of them, and both workers report their own state (a
    # worker uvicorn restarted is gone from it)
    assert scrapes == [REQUESTS] * len(scrapes)
    assert len(pids) == 2, pids
