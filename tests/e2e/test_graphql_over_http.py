"""The GraphQL-over-HTTP spec, checked by its own audit suite (npm `graphql-http`).

`serverAudits` sends about 60 requests (media types, methods, status codes, parse,
validation and variable failures) to a real server, signed in as an operator; any MUST
or SHOULD that is not met fails the test, with the audit's reason and the response.
The package is installed once into a cache (tests/e2e/npm_tools.py); without npm or its
registry the test is skipped (fails with REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import service_missing
from tests.e2e.demo_server import DemoServer, demo_server
from tests.e2e.npm_tools import ToolMissing, installed, node

pytestmark = [pytest.mark.e2e]

AUDIT_SCRIPT = Path(__file__).with_name("graphql_http_audit.mjs")


@pytest.fixture(scope="module")
def audit_folder() -> Path:
    try:
        folder = installed("graphql-http")
        node()
    except ToolMissing as exc:
        service_missing("npm package graphql-http", exc)
    (folder / AUDIT_SCRIPT.name).write_text(AUDIT_SCRIPT.read_text())
    return folder


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server("sqlite", tmp_path_factory.mktemp("spec")) as running:
        yield running


def run_audit(folder: Path, url: str, token: str) -> list[dict[str, str]]:
    result = subprocess.run(
        [node(), AUDIT_SCRIPT.name, url, token],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    audits: list[dict[str, str]] = json.loads(result.stdout)
    return audits


def test_the_graphql_http_audit_passes_every_must_and_should(
    audit_folder: Path, edge: DemoServer
) -> None:
    # given a server on the demo data, and an operator's token
    token = edge.tokens["OPERATOR"]

    # when the spec's audits run against it
    audits = run_audit(audit_folder, edge.url, token)

    # then every one of them is met, MUSTs and SHOULDs alike
    assert len(audits) > 50, audits
    unmet = [
        f"{a['id']} {a['name']}: {a.get('reason')} [{a.get('response')}]"
        for a in audits
        if a["status"] != "ok"
    ]
    assert unmet == [], "\n".join(unmet)
    assert "Traceback" not in edge.server.tail(400)
