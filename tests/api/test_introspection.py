"""Reporting tools discover the schema: everything described; REPORTER reads all, writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import get_introspection_query

from models.agency import Role
from tests.factories import make_user
from tests.service.reporting_data import execute, make_world

STANDARD_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


async def _introspect(db: str) -> dict[str, Any]:
    w = await make_world()
    body = await execute(get_introspection_query(descriptions=True), user=w.reporter)
    assert "errors" not in body, body
    schema: dict[str, Any] = body["data"]["__schema"]
    return schema


def _undescribed(schema: dict[str, Any]) -> list[str]:
    missing: list[str] = []

    def check(what: str, item: dict[str, Any]) -> None:
        if not (item.get("description") or "").strip():
            missing.append(what)

    for t in schema["types"]:
        name = t["name"]
        if name.startswith("__") or name in STANDARD_SCALARS:
            continue
        check(f"type {name}", t)
        for f in t.get("fields") or []:
            check(f"field {name}.{f['name']}", f)
            for a in f.get("args") or []:
                check(f"argument {name}.{f['name']}({a['name']})", a)
        for f in t.get("inputFields") or []:
            check(f"input field {name}.{f['name']}", f)
        for v in t.get("enumValues") or []:
            check(f"enum value {name}.{v['name']}", v)
    return missing


@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_every_type_field_argument_and_value_is_described(db: str, dialect: str) -> None:
    # given the schema as a reporting tool sees it by introspection
    schema = await _introspect(db)
    # then nothing is left without a description
    assert _undescribed(schema) == []


def _named(ref: dict[str, Any]) -> dict[str, Any]:
    while ref.get("ofType"):
        ref = ref["ofType"]
    return ref


def _value(ref: dict[str, Any], types: dict[str, dict[str, Any]]) -> str:
    """A GraphQL literal of the argument's type (valid, not necessarily meaningful)."""
    if ref["kind"] == "NON_NULL":
        return _value(ref["ofType"], types)
    if ref["kind"] == "LIST":
        return f"[{_value(ref['ofType'], types)}]"
    name, kind = ref["name"], ref["kind"]
    if kind == "ENUM":
        return str(types[name]["enumValues"][0]["name"])
    if kind == "INPUT_OBJECT":
        required = [f for f in types[name]["inputFields"] if f["type"]["kind"] == "NON_NULL"]
        return "{" + ", ".join(f"{f['name']}: {_value(f['type'], types)}" for f in required) + "}"
    return {
        "Int": "1",
        "Float": "1.0",
        "Boolean": "false",
        "Date": '"2026-01-01"',
        "DateTime": '"2026-01-01T00:00:00+00:00"',
        "Decimal": '"1.00"',
        "JSON": "{}",
    }.get(name, '"x"')


def _operation(kind: str, field: dict[str, Any], types: dict[str, dict[str, Any]]) -> str:
    args = [a for a in field["args"] if a["type"]["kind"] == "NON_NULL"]
    arg_text = ", ".join(f"{a['name']}: {_value(a['type'], types)}" for a in args)
    call = f"{field['name']}({arg_text})" if arg_text else field["name"]
    returns = _named(field["type"])
    selection = " { __typename }" if returns["kind"] in ("OBJECT", "INTERFACE", "UNION") else ""
    return f"{kind} {{ {call}{selection} }}"


ADMIN_QUERIES = {"users", "webhookEndpoints", "webhookDeliveries"}


def _codes(body: dict[str, Any]) -> set[str]:
    return {str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []}


# Agency settings rather than reports: webhook URLs may carry a receiver's credentials.
@pytest.mark.parametrize("dialect", ["sqlite"])
async def test_a_reporter_runs_every_query_and_no_mutation(db: str, dialect: str) -> None:
    # given a reporter and the schema's root fields
    schema = await _introspect(db)
    types = {t["name"]: t for t in schema["types"]}
    w = await make_world(name="Reporting agency")
    reporter = await make_user(w.agency, Role.REPORTER, name="Rae Reporter")
    queries = types[schema["queryType"]["name"]]["fields"]
    mutations = types[schema["mutationType"]["name"]]["fields"] if schema["mutationType"] else []
    assert {"cancellations", "pendingReview", "cancellationReport"} <= {q["name"] for q in queries}
    # when the reporter runs each query but the agency's people (ADMIN's): never refused
    # for its role, never failing
    refused = {}
    for field in (q for q in queries if q["name"] not in ADMIN_QUERIES):
        body = await execute(_operation("query", field, types), user=reporter)
        masked = any(e["message"].startswith("Internal error") for e in body.get("errors") or [])
        if masked or _codes(body) & {"FORBIDDEN", "UNAUTHENTICATED"}:
            refused[field["name"]] = body["errors"]
    assert refused == {}
    # and each mutation: always refused
    allowed = {}
    for field in mutations:
        body = await execute(_operation("mutation", field, types), user=reporter)
        if "FORBIDDEN" not in _codes(body):
            allowed[field["name"]] = body
    assert allowed == {}
