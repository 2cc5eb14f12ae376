"""A request that is not a GraphQL request is a 400 with a GraphQL error, never a 500."""

from __future__ import annotations

import httpx
import pytest

from models.agency import Role
from tests.factories import make_agency, make_user, token

NOT_A_REQUEST = [
    pytest.param(b"null", id="null"),
    pytest.param(b'"x"', id="string"),
    pytest.param(b"123", id="number"),
    pytest.param(b"true", id="boolean"),
    pytest.param(b"[]", id="empty-batch"),
    pytest.param(b'[{"query": "{ viewer { name } }"}]', id="batch"),
    pytest.param(b'{"query": ', id="malformed-json"),
    pytest.param(b"\xff\xfe{}", id="not-utf8"),
    pytest.param(b"{}", id="no-query"),
    pytest.param(b'{"query": 5}', id="query-not-a-string"),
    pytest.param(b'{"query": "{ viewer { name } }", "variables": "x"}', id="variables-string"),
    pytest.param(b'{"query": "{ viewer { name } }", "variables": [1]}', id="variables-list"),
    pytest.param(b'{"query": "{ viewer { name } }", "extensions": 1}', id="extensions-number"),
]


async def _signed_in_headers() -> dict[str, str]:
    user = await make_user(await make_agency(), Role.OPERATOR)
    return {"Authorization": f"Bearer {token(user)}"}


def _assert_bad_request(response: httpx.Response) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert error["message"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("body", NOT_A_REQUEST)
async def test_a_json_body_that_is_not_an_operation_is_a_400(
    client: httpx.AsyncClient, body: bytes
) -> None:
    # given a signed-in caller
    headers = {**await _signed_in_headers(), "Content-Type": "application/json"}

    # when its body is not a GraphQL request object
    response = await client.post("/graphql", content=body, headers=headers)

    # then it is told so, as a GraphQL error
    _assert_bad_request(response)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
    ids=["text", "form", "multipart", "none"],
)
async def test_a_body_of_another_content_type_is_a_400(
    client: httpx.AsyncClient, content_type: str
) -> None:
    headers = {**await _signed_in_headers(), "Content-Type": content_type}

    response = await client.post(
        "/graphql", content=b'{"query": "{ viewer { name } }"}', headers=headers
    )

    _assert_bad_request(response)


async def test_a_get_with_variables_that_are_not_json_is_a_400(client: httpx.AsyncClient) -> None:
    headers = await _signed_in_headers()

    response = await client.get(
        "/graphql",
        params={"query": "{ viewer { name } }", "variables": "{not json"},
        headers=headers,
    )

    _assert_bad_request(response)
