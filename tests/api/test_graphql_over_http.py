"""The GraphQL-over-HTTP spec as a client sees it: the two response media types and their
status codes, mutations over GET, and which operation of a document runs."""

from __future__ import annotations

import httpx
import pytest

from models.agency import Role
from tests.factories import make_agency, make_user, token

GRAPHQL_RESPONSE = "application/graphql-response+json"
ACCEPT_NEW = {"Accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"}
TWO_OPERATIONS = "query Name { viewer { name } } query Role { viewer { role } }"


async def _signed_in() -> dict[str, str]:
    user = await make_user(await make_agency(), Role.OPERATOR)
    return {"Authorization": f"Bearer {token(user)}"}


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        pytest.param("{ viewer { name ", None, "GRAPHQL_PARSE_FAILED", id="parse"),
        pytest.param("{ viewer { nope } }", None, "GRAPHQL_VALIDATION_FAILED", id="validation"),
        pytest.param(
            "query($id: ID!) { node(id: $id) { id } }", {"id": 5.5}, "BAD_USER_INPUT", id="variable"
        ),
    ],
)
async def test_a_request_error_in_graphql_response_json_is_a_400_without_data(
    client: httpx.AsyncClient, query: str, variables: object, code: str
) -> None:
    # given a client that accepts application/graphql-response+json
    headers = {**await _signed_in(), **ACCEPT_NEW}

    # when its document cannot run
    body = {"query": query, "variables": variables}
    response = await client.post("/graphql", json=body, headers=headers)

    # then it is a 400 in that media type, with errors and no data entry
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    answer = response.json()
    assert "data" not in answer
    assert answer["errors"][0]["extensions"]["code"] == code


async def test_a_request_error_in_plain_json_is_still_a_200_with_null_data(
    client: httpx.AsyncClient,
) -> None:
    headers = await _signed_in()

    response = await client.post("/graphql", json={"query": "{ viewer { name "}, headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["data"] is None


async def test_a_field_error_in_graphql_response_json_stays_a_200_with_data(
    client: httpx.AsyncClient,
) -> None:
    # given a client that accepts application/graphql-response+json
    headers = {**await _signed_in(), **ACCEPT_NEW}

    # when a field fails while the operation runs (a page size out of range)
    query = "{ viewer { name } cancellations(first: 5000) { totalCount } }"
    response = await client.post("/graphql", json={"query": query}, headers=headers)

    # then the result is a 200 with its data entry (null: the page is non-null) and the
    # field's error
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    answer = response.json()
    assert "data" in answer
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert answer["errors"][0]["path"] == ["cancellations"]


async def test_json_is_the_answer_when_the_client_prefers_it(client: httpx.AsyncClient) -> None:
    headers = {**await _signed_in(), "Accept": f"application/json, {GRAPHQL_RESPONSE};q=0.5"}

    response = await client.post("/graphql", json={"query": "{ viewer { name } }"}, headers=headers)

    assert response.headers["content-type"] == "application/json"


async def test_a_mutation_over_get_is_a_405_that_allows_post(client: httpx.AsyncClient) -> None:
    headers = await _signed_in()

    response = await client.get(
        "/graphql",
        params={"query": 'mutation { acceptMission(missionId: "x") { errors { code } } }'},
        headers=headers,
    )

    assert response.status_code == 405, response.text
    assert response.headers["allow"] == "POST"
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_a_refusal_in_graphql_response_json_has_no_data_entry(
    client: httpx.AsyncClient,
) -> None:
    # when a client accepting application/graphql-response+json sends no token
    response = await client.post(
        "/graphql", json={"query": "{ viewer { name } }"}, headers=ACCEPT_NEW
    )

    # then the 401 comes in that media type, without a data entry
    assert response.status_code == 401
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in response.json()


async def test_a_document_of_several_operations_needs_an_operation_name(
    client: httpx.AsyncClient,
) -> None:
    headers = await _signed_in()

    response = await client.post("/graphql", json={"query": TWO_OPERATIONS}, headers=headers)

    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "operationName" in body["errors"][0]["message"]


async def test_the_named_operation_of_several_runs(client: httpx.AsyncClient) -> None:
    headers = await _signed_in()

    body = {"query": TWO_OPERATIONS, "operationName": "Role"}
    response = await client.post("/graphql", json=body, headers=headers)

    assert response.json() == {"data": {"viewer": {"role": "OPERATOR"}}}
