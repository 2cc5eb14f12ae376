"""No operation runs without a token, whatever the method or the Accept header (SPEC §12).

Only the GraphiQL page (a GET with no query, asking for HTML) may be served to a caller
who has not signed in; it runs nothing.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models.agency import Role
from models.config import Settings
from tests.factories import make_agency, make_user, token

INTROSPECTION = "{ __schema { queryType { name } } }"
DATA = "{ viewer { name } }"


def _get(query: str, accept: str) -> dict[str, Any]:
    return {"method": "GET", "params": {"query": query}, "headers": {"Accept": accept}}


def _post(query: str, accept: str) -> dict[str, Any]:
    return {"method": "POST", "json": {"query": query}, "headers": {"Accept": accept}}


ANONYMOUS_OPERATIONS = [
    pytest.param(_get(INTROSPECTION, "text/html"), id="GET-introspection-accept-html"),
    pytest.param(_get(DATA, "text/html"), id="GET-data-accept-html"),
    pytest.param(
        _get(INTROSPECTION, "text/html,application/xhtml+xml,*/*;q=0.8"), id="GET-browser-accept"
    ),
    pytest.param(_get(INTROSPECTION, "*/*"), id="GET-accept-any"),
    pytest.param(_get(INTROSPECTION, "application/json"), id="GET-accept-json"),
    pytest.param(_post(INTROSPECTION, "text/html"), id="POST-introspection-accept-html"),
    pytest.param(_post(DATA, "application/json"), id="POST-data-accept-json"),
]


@pytest.mark.parametrize("request_args", ANONYMOUS_OPERATIONS)
async def test_an_operation_without_a_token_is_refused_with_401(
    client: httpx.AsyncClient, request_args: dict[str, Any]
) -> None:
    # given a caller with no token
    args = dict(request_args)

    # when it sends an operation, however it asks
    response = await client.request(args.pop("method"), "/graphql", **args)

    # then nothing runs: 401 UNAUTHENTICATED, no data
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "__schema" not in response.text and "queryType" not in response.text


async def test_a_get_with_a_token_runs_the_query(client: httpx.AsyncClient) -> None:
    # given a signed-in reporter
    user = await make_user(await make_agency(), Role.REPORTER)

    # when a browser-like GET carries the token
    response = await client.get(
        "/graphql",
        params={"query": DATA},
        headers={"Accept": "text/html", "Authorization": f"Bearer {token(user)}"},
    )

    # then the query runs
    assert response.status_code == 200, response.text
    assert response.json()["data"]["viewer"]["name"] == user.name


async def test_the_graphiql_page_is_served_without_a_token_and_runs_nothing(
    settings: Settings, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the embedded mode, which serves GraphiQL
    from dispatch import create_app

    monkeypatch.setattr(Settings, "embedded", property(lambda self: True))
    app = create_app(settings, clock=clock, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        # when a browser opens /graphql with no token, then with a query in the URL
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        operation = await client.get(
            "/graphql", params={"query": INTROSPECTION}, headers={"Accept": "text/html"}
        )

    # then it gets the page, and the operation is refused
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert operation.status_code == 401
