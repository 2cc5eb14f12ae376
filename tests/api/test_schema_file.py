"""The committed schema.graphql is the schema the code serves."""

from __future__ import annotations

from pathlib import Path

from schema.build import schema

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_matches_the_code() -> None:
    # given the SDL committed at the repository root
    committed = (ROOT / "schema.graphql").read_text()
    # when the code's schema is printed
    current = str(schema).rstrip() + "\n"
    # then they are the same (run `make schema` after changing the API)
    assert committed == current, "schema.graphql is stale: run `make schema` and commit it"
