"""GraphiQL in a real headless Chromium, on a machine that reaches nothing but the
server: the page renders from the service's own assets, a token pasted once signs the
queries in, a query runs, and a subscription shows a notice when a mission is cancelled.
Skipped without a Chromium (the OS package `chromium`; .ci/run installs it)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import service_missing
from tests.e2e.browser import Page, chromium_binary, headless_page
from tests.e2e.demo_server import DemoServer, demo_server

pytestmark = [pytest.mark.e2e]

VIEWER = "{ viewer { name role } }"
NOTICES = (
    "subscription { dispatchNotices { __typename "
    "... on MissionCancelledNotice { reasonLabel mission { id } } } }"
)
RESULT = "((document.querySelector('.result-window') || {}).innerText || '')"
CANCEL = """mutation($m: ID!, $key: String!) { cancelMission(input: { missionId: $m,
  requestedBy: "Browser test", reasonCode: "CUSTOMER_REQUEST", idempotencyKey: $key }) {
  errors { code message } } }"""


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = chromium_binary()
    if binary is None:
        service_missing("Chromium (apt-get install chromium)", "not on PATH")
    return binary


@pytest.fixture(scope="module")
def ide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server("sqlite", tmp_path_factory.mktemp("graphiql"), GRAPHIQL=1) as running:
        yield running


def gql(ide: DemoServer, query: str, variables: dict[str, object] | None = None) -> dict:
    response = httpx.post(
        ide.url,
        json={"query": query, "variables": variables or {}},
        headers=ide.headers(),
        timeout=10,
    )
    body: dict = response.json()
    assert "errors" not in body, body
    return body


async def open_ide(page: Page, ide: DemoServer, query: str) -> None:
    await page.goto(f"{ide.url}?{urllib.parse.urlencode({'q': query})}")
    await page.wait_for("!!document.querySelector('.graphiql-execute-button')")


async def run(page: Page) -> None:
    await page.evaluate("document.querySelector('.graphiql-execute-button').click()")


def cancel_a_mission(ide: DemoServer) -> str:
    missions = gql(ide, "{ missions(first: 100) { edges { node { id status } } } }")
    for edge in missions["data"]["missions"]["edges"]:
        node = edge["node"]
        if node["status"] in ("PENDING_ASSIGNMENT", "ASSIGNED", "ACCEPTED_BY_DRIVER"):
            body = gql(ide, CANCEL, {"m": node["id"], "key": f"browser-{node['id']}"})
            if not body["data"]["cancelMission"]["errors"]:
                return str(node["id"])
    raise AssertionError("no mission of the demo data could be cancelled")


async def test_graphiql_runs_a_query_and_shows_a_notice_offline(
    chromium: str, ide: DemoServer
) -> None:
    token = ide.tokens["OPERATOR"]
    name = gql(ide, VIEWER)["data"]["viewer"]["name"]
    async with headless_page(chromium) as page:
        # given the IDE page, and a token pasted once into it
        await open_ide(page, ide, VIEWER)
        await page.evaluate(
            f"document.getElementById('token').value = {json.dumps(token)};"
            "document.getElementById('use-token').click()"
        )
        await page.wait_for(
            "document.getElementById('token-state').textContent.startsWith('token set')"
        )

        # when a query runs
        await open_ide(page, ide, VIEWER)
        await run(page)

        # then its answer shows, signed in as the token's user
        shown = await page.wait_for(f"{RESULT}.includes({json.dumps(name)}) && {RESULT}")
        assert "OPERATOR" in shown

        # when a subscription runs and a mission is cancelled elsewhere
        await open_ide(page, ide, NOTICES)
        await run(page)
        for _ in range(50):
            health = await ide.server.health()
            if health["broadcast"]["subscribers"] >= 1:
                break
            await page.evaluate("new Promise(r => setTimeout(r, 100))")
        mission = cancel_a_mission(ide)

        # then the notice shows in the result pane
        shown = await page.wait_for(f"{RESULT}.includes('MissionCancelledNotice') && {RESULT}")
        assert mission in shown

        # and nothing was asked of any other host than the server
        elsewhere = [
            url
            for url in page.requested
            if not url.startswith((ide.server.http, ide.server.ws, "data:", "about:"))
        ]
        assert elsewhere == []
        assert page.console == []
