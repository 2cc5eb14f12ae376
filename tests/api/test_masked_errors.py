"""Unexpected failures are masked for the client and logged with the request id."""

from __future__ import annotations

import logging

import pytest

from models.agency import Agency, Role
from tests.factories import make_agency, make_user, token


async def test_an_unexpected_failure_is_masked_and_logged_with_the_request_id(
    client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    # given a bug deep in a resolver whose message would leak internals
    user = await make_user(await make_agency(), Role.OPERATOR)

    async def broken(*args, **kwargs):
        raise RuntimeError('relation "agency" does not exist: SELECT secret FROM agency')

    monkeypatch.setattr(Agency, "get", broken)

    # when a client asks for it
    with caplog.at_level(logging.ERROR, logger="dispatch.errors"):
        response = await client.post(
            "/graphql",
            json={"query": "{ viewer { name agency { name } } }"},
            headers={"Authorization": f"Bearer {token(user)}", "X-Request-Id": "req-42"},
        )

    # then the client sees a generic message, with no SQL or stack trace
    body = response.json()
    assert body["errors"][0]["message"] == "Internal error; it was logged."
    assert "SELECT" not in response.text and "Traceback" not in response.text
    # and the log has the real error with the request id
    logged = [r for r in caplog.records if "req-42" in r.getMessage()]
    assert logged and "SELECT secret" in str(logged[0].exc_info[1])
