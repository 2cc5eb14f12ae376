"""Documents over the size limit are refused before they are parsed."""

from __future__ import annotations

import httpx

from models.agency import Role
from schema.limits import MAX_DOCUMENT_CHARS
from tests.factories import gql, make_agency, make_user


async def test_a_document_over_the_size_limit_is_refused_before_parsing(
    client: httpx.AsyncClient,
) -> None:
    # given a document one character over the limit, with a syntax error at its end
    user = await make_user(await make_agency(), Role.REPORTER)
    head = "{ viewer { name } }\n#"
    document = head + "x" * (MAX_DOCUMENT_CHARS - len(head)) + "\n}"
    assert len(document) == MAX_DOCUMENT_CHARS + 2

    # when it is sent
    body = await gql(client, document, user=user)

    # then the size is what is refused: the parser never saw the syntax error
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert f"{MAX_DOCUMENT_CHARS:,}" in error["message"]
    assert "Syntax Error" not in error["message"]


async def test_a_document_at_the_size_limit_runs(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)
    head = "{ viewer { name } }\n#"
    document = head + "x" * (MAX_DOCUMENT_CHARS - len(head))

    body = await gql(client, document, user=user)

    assert body == {"data": {"viewer": {"name": user.name}}}


async def test_a_syntax_error_is_still_reported_as_one(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, "{ viewer { name }", user=user)

    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("Syntax Error")
