"""Fragments are bounded cleanly: long chains, unknown names, and limits counted through them."""

from __future__ import annotations

import httpx

from models.agency import Role
from schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_FRAGMENT_NESTING
from tests.factories import gql, make_agency, make_user, token


def chain(length: int) -> str:
    """`{ ...F0 }` where F0 spreads F1, … and the last one asks for the viewer's name."""
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(length - 1)]
    fragments.append(f"fragment F{length - 1} on Query {{ viewer {{ name }} }}")
    return "{ ...F0 }\n" + "\n".join(fragments)


def _codes(body: dict) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]


async def test_a_long_fragment_chain_is_refused_with_a_graphql_error(
    client: httpx.AsyncClient,
) -> None:
    # given a reporter and a chain of 250 fragments
    user = await make_user(await make_agency(), Role.REPORTER)

    # when it is sent
    response = await client.post(
        "/graphql",
        json={"query": chain(250)},
        headers={"Authorization": f"Bearer {token(user)}"},
    )

    # then it is refused for its nesting, and no recursion error shows
    body = response.json()
    assert response.status_code == 200
    assert body.get("data") is None
    assert "LIMIT_EXCEEDED" in _codes(body)
    assert f"at most {MAX_FRAGMENT_NESTING}" in response.text
    assert "recursion" not in response.text.lower()


async def test_a_fragment_chain_within_the_limit_runs(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, chain(MAX_FRAGMENT_NESTING), user=user)

    assert body == {"data": {"viewer": {"name": user.name}}}


async def test_one_fragment_more_than_the_limit_is_refused(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, chain(MAX_FRAGMENT_NESTING + 1), user=user)

    assert body.get("data") is None
    assert _codes(body) == ["LIMIT_EXCEEDED"]


async def test_an_unknown_fragment_is_a_validation_error(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)

    body = await gql(client, "{ ...Nowhere }", user=user)

    assert [e["message"] for e in body["errors"]] == ["Unknown fragment 'Nowhere'."]


async def test_a_fragment_cycle_is_a_validation_error(client: httpx.AsyncClient) -> None:
    user = await make_user(await make_agency(), Role.REPORTER)
    query = "{ ...A } fragment A on Query { ...B } fragment B on Query { viewer { name } ...A }"

    body = await gql(client, query, user=user)

    assert body.get("data") is None
    assert any("within itself" in e["message"] for e in body["errors"])


async def test_depth_is_counted_through_fragments(client: httpx.AsyncClient) -> None:
    # given a query whose fragments nest orders and missions past the depth limit
    user = await make_user(await make_agency(), Role.REPORTER)
    fragments = [
        f"fragment D{i} on Mission {{ order {{ missions {{ ...D{i + 1} }} }} }}"
        for i in range(MAX_DEPTH)
    ]
    fragments.append(f"fragment D{MAX_DEPTH} on Mission {{ id }}")
    query = '{ mission(id: "x") { ...D0 } }\n' + "\n".join(fragments)

    # when it is sent
    body = await gql(client, query, user=user)

    # then it is refused for its depth
    assert body.get("data") is None
    assert any("exceeds maximum operation depth" in e["message"] for e in body["errors"])
    assert "LIMIT_EXCEEDED" in _codes(body)


async def test_aliases_are_counted_through_each_spread(client: httpx.AsyncClient) -> None:
    # given a fragment with half the alias limit, spread three times
    user = await make_user(await make_agency(), Role.REPORTER)
    aliases = " ".join(f"a{i}: name" for i in range(MAX_ALIASES // 2))
    query = (
        "{ viewer { ...Names } v1: viewer { ...Names } v2: viewer { ...Names } }"
        f" fragment Names on Viewer {{ {aliases} }}"
    )

    # when it is sent
    body = await gql(client, query, user=user)

    # then it is refused for its aliases
    assert body.get("data") is None
    assert any("aliases" in e["message"] for e in body["errors"])
    assert "LIMIT_EXCEEDED" in _codes(body)


async def test_a_fragment_spread_twice_at_every_level_is_validated_once_per_fragment(
    client: httpx.AsyncClient,
) -> None:
    # given 24 levels, each spreading the next twice (2^24 paths through the fragments)
    user = await make_user(await make_agency(), Role.REPORTER)
    fragments = [f"fragment B{i} on Query {{ ...B{i + 1} ...B{i + 1} }}" for i in range(23)]
    fragments.append("fragment B23 on Query { viewer { name } }")
    query = "{ ...B0 }\n" + "\n".join(fragments)

    # when it is sent, then it is answered (the limits walk each fragment once)
    body = await gql(client, query, user=user)

    assert body == {"data": {"viewer": {"name": user.name}}}
