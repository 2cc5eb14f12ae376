"""/healthz tells which executor serves GraphQL and what it left to graphql-core."""

from __future__ import annotations

from schema.compiled.executor import FALLBACKS, current_mode, fallback


async def test_healthz_shows_the_executor_and_its_fallbacks(db, client) -> None:
    # given one operation the compiled executor left to graphql-core
    fallback("a test's reason", "Probe")
    # when an operator's monitoring asks
    response = await client.get("/healthz")
    # then the executor's mode, its plans and the fallbacks by reason are shown
    executor = response.json()["executor"]
    assert executor["mode"] == current_mode().value
    assert executor["fallbacks"]["a test's reason"] == FALLBACKS["a test's reason"] >= 1
    assert executor["plans"] >= 0 and executor["plan_bytes"] >= 0
