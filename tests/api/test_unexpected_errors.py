"""Every unexpected failure is masked, with or without a field path; client errors are not."""

from __future__ import annotations

import logging

import httpx
import pytest
from graphql import GraphQLError, parse

from models.agency import Role
from schema.document_cache import DocumentCache
from schema.error_policy import MASKED_MESSAGE, is_unexpected
from tests.factories import make_agency, make_user, token

SECRET = 'relation "agency" does not exist: SELECT secret FROM agency'


async def test_a_failure_outside_any_field_is_masked_and_logged(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # given a bug that strikes while the document is validated, before any field runs
    user = await make_user(await make_agency(), Role.REPORTER)

    def broken(*args: object, **kwargs: object) -> list[GraphQLError]:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(DocumentCache, "validate", broken)

    # when a client sends a query
    with caplog.at_level(logging.ERROR, logger="dispatch.errors"):
        response = await client.post(
            "/graphql",
            json={"query": "{ viewer { name } }"},
            headers={"Authorization": f"Bearer {token(user)}", "X-Request-Id": "req-77"},
        )

    # then it is told only that something failed, and the log has the real error
    body = response.json()
    assert [e["message"] for e in body["errors"]] == [MASKED_MESSAGE]
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    assert "SELECT" not in response.text
    logged = [r for r in caplog.records if "req-77" in r.getMessage()]
    assert logged and logged[0].levelno == logging.ERROR
    assert logged[0].exc_info and SECRET in str(logged[0].exc_info[1])


async def test_a_value_a_scalar_refuses_is_shown_to_the_client(client: httpx.AsyncClient) -> None:
    # given a reporter sending a date that is not one
    user = await make_user(await make_agency(), Role.REPORTER)
    query = (
        "query($from: Date!) { cancellationReport(from: $from, to: $from, groupBy: DAY) { key } }"
    )

    # when it is sent
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": {"from": "the day after"}},
        headers={"Authorization": f"Bearer {token(user)}"},
    )

    # then the client learns which value was wrong
    (error,) = response.json()["errors"]
    assert "$from" in error["message"] and "the day after" in error["message"]


def _located(error: Exception, *, path: list[str | int] | None = None) -> GraphQLError:
    nodes = [parse("query($d: Date) { viewer { name } }").definitions[0]] if path is None else None
    return GraphQLError(str(error), nodes=nodes, path=path, original_error=error)


@pytest.mark.parametrize(
    ("error", "unexpected"),
    [
        pytest.param(
            GraphQLError("maximum recursion depth exceeded", original_error=RecursionError()),
            True,
            id="crash-without-path-or-node",
        ),
        pytest.param(_located(KeyError("F1"), path=["viewer"]), True, id="bug-in-a-resolver"),
        pytest.param(_located(ValueError("not a date")), False, id="scalar-refused-a-value"),
        pytest.param(
            GraphQLError("Sign in first.", extensions={"code": "UNAUTHENTICATED"}),
            False,
            id="graphql-error",
        ),
        pytest.param(GraphQLError("Syntax Error: Unexpected <EOF>."), False, id="syntax-error"),
    ],
)
def test_which_errors_are_unexpected(error: GraphQLError, unexpected: bool) -> None:
    assert is_unexpected(error) is unexpected
