"""Logs that can be read: a client's mistake is one INFO line; only our failures are ERRORs.

Every logger is captured (Strawberry's too), so an ERROR or a traceback from anywhere
fails these tests.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from models.agency import Role
from tests.factories import make_agency, make_user, token

# (what the client sends, the code it gets back)
GRAPHQL_CLIENT_ERRORS = [
    pytest.param(
        'mutation { createCustomer(input: {name: "X", billingRatePerHour: "1.00"}) { errors { code } } }',
        "FORBIDDEN",
        id="forbidden",
    ),
    pytest.param("{ orders(first: 201) { totalCount } }", "BAD_USER_INPUT", id="bad-user-input"),
    pytest.param("{ viewer { nope } }", "GRAPHQL_VALIDATION_FAILED", id="validation"),
    pytest.param("{ viewer { name }", "GRAPHQL_PARSE_FAILED", id="syntax"),
    pytest.param(
        "{ " + " ".join(f"a{i}: viewer {{ name }}" for i in range(31)) + " }",
        "LIMIT_EXCEEDED",
        id="limit",
    ),
    pytest.param(
        "query($d: Date!) { cancellationReport(from: $d, to: $d, groupBy: DAY) { key } }",
        "BAD_USER_INPUT",
        id="bad-variable",
    ),
]


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("dispatch", "strawberry"))]


def _assert_one_readable_line(caplog: pytest.LogCaptureFixture, *expected: str) -> None:
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    (line,) = _lines(caplog)
    assert line.levelno in (logging.INFO, logging.WARNING)
    assert line.exc_info is None
    assert "\n" not in line.getMessage()
    for text in expected:
        assert text in line.getMessage()


@pytest.mark.parametrize(("query", "code"), GRAPHQL_CLIENT_ERRORS)
async def test_a_client_error_is_one_info_line(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, query: str, code: str
) -> None:
    # given a signed-in reporter
    user = await make_user(await make_agency(), Role.REPORTER)

    # when it makes a mistake
    with caplog.at_level(logging.INFO):
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": {"d": "someday"}},
            headers={"Authorization": f"Bearer {token(user)}", "X-Request-Id": "req-5"},
        )

    # then it gets the code, and the log one line with the request id and the code
    assert code in [e["extensions"]["code"] for e in response.json()["errors"]]
    _assert_one_readable_line(caplog, "req-5", code)


async def _bad_token(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": "{ viewer { name } }"}, headers={"Authorization": "Bearer nope"}
    )


async def _no_token(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post("/graphql", json={"query": "{ viewer { name } }"})


async def _bare_null(client: httpx.AsyncClient, bearer: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
    return await client.post("/graphql", content=b"null", headers=headers)


async def _too_large(client: httpx.AsyncClient, bearer: str) -> httpx.Response:
    body = b'{"query": "{ viewer { name } }", "x": "' + b"a" * 300_000 + b'"}'
    headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
    return await client.post("/graphql", content=body, headers=headers)


@pytest.mark.parametrize(
    ("send", "status", "code"),
    [
        pytest.param(_no_token, 401, "UNAUTHENTICATED", id="no-token"),
        pytest.param(_bad_token, 401, "UNAUTHENTICATED", id="bad-token"),
        pytest.param(_bare_null, 400, "BAD_REQUEST", id="bare-null"),
        pytest.param(_too_large, 413, "PAYLOAD_TOO_LARGE", id="too-large"),
    ],
)
async def test_a_refused_request_is_one_info_line(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, send: Any, status: int, code: str
) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)
    args = (client,) if send in (_no_token, _bad_token) else (client, token(user))

    with caplog.at_level(logging.INFO):
        response = await send(*args)

    assert response.status_code == status
    _assert_one_readable_line(caplog, str(status), code)


async def test_a_request_id_the_client_sends_is_logged_short_and_printable(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    # given a client-chosen request id of 500 characters, with spaces and a tab
    noisy = "req 1\t" + "x" * 500

    # when its request is refused
    with caplog.at_level(logging.INFO):
        await client.post(
            "/graphql", json={"query": "{ viewer { name } }"}, headers={"X-Request-Id": noisy}
        )

    # then the log names it cut to 64 characters, spaces and control characters dropped
    (line,) = _lines(caplog)
    assert "req1" + "x" * 58 in line.getMessage()
    assert "x" * 59 not in line.getMessage()
