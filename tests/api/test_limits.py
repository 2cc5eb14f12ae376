"""Query limits: depth, aliases, tokens and page size are capped (SPEC §12)."""

from __future__ import annotations

from models.agency import Role
from schema.extensions import MAX_ALIASES, MAX_DEPTH
from tests.factories import gql, make_agency, make_user


def _messages(body: dict) -> str:
    return " ".join(e["message"] for e in body.get("errors", []))


async def test_a_query_deeper_than_the_limit_is_refused(client):
    # given a reporter and a query nesting order -> missions -> order … past the limit
    user = await make_user(await make_agency(), Role.REPORTER)
    inner = "id"
    for i in range(MAX_DEPTH):
        inner = f"order {{ missions {{ {inner} }} }}" if i % 2 == 0 else inner
    query = "{ missions(first: 1) { edges { node { " + inner + " } } } }"

    # when it is sent
    body = await gql(client, query, user=user)

    # then it is refused before execution
    assert body.get("data") is None
    assert "exceeds maximum operation depth" in _messages(body)


async def test_a_query_within_the_limits_runs(client):
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, "{ viewer { name agency { name } } }", user=user)

    assert body["data"]["viewer"]["agency"]["name"] == "Acme Chauffeurs"


async def test_too_many_aliases_are_refused(client):
    user = await make_user(await make_agency(), Role.REPORTER)
    fields = " ".join(f"a{i}: viewer {{ name }}" for i in range(MAX_ALIASES + 1))

    body = await gql(client, "{ " + fields + " }", user=user)

    assert body.get("data") is None
    assert "aliases" in _messages(body).lower()


async def test_too_many_tokens_are_refused(client):
    user = await make_user(await make_agency(), Role.REPORTER)
    query = "{ viewer { " + " ".join(["name"] * 5000) + " } }"

    body = await gql(client, query, user=user)

    assert body.get("data") is None
    assert "token" in _messages(body).lower()


async def test_a_page_larger_than_the_cap_is_refused(client):
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, "{ orders(first: 201) { totalCount } }", user=user)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "between 1 and 200" in body["errors"][0]["message"]


async def test_the_full_introspection_query_passes_the_limits(client):
    # given a reporting tool's standard introspection query (deeply nested ofType chains)
    from graphql import get_introspection_query

    user = await make_user(await make_agency(), Role.REPORTER)

    # when it asks for the schema
    body = await gql(client, get_introspection_query(descriptions=True), user=user)

    # then it gets it
    assert "errors" not in body, body.get("errors")
    assert any(t["name"] == "Cancellation" for t in body["data"]["__schema"]["types"])
