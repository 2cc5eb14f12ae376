"""A request body over the limit is refused with 413 before it is read whole.

These talk to the ASGI app directly, with a client that hands the body over in chunks
and counts what the server took, so that "before it is read" is observed, not assumed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import pytest

from models.agency import Role
from models.config import ConfigError, Settings
from resolvers.clock import FixedClock
from tests.conftest import TEST_SECRET
from tests.factories import make_agency, make_user, token

LIMIT = 64 * 1024
CHUNK = 16 * 1024
TEN_MB = 10 * 1024 * 1024


@dataclass
class Upload:
    """An HTTP request sent to the app in chunks, counting the bytes the app received."""

    body: bytes
    declare_length: bool
    sent: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)

    async def receive(self) -> dict[str, Any]:
        chunk = self.body[self.sent : self.sent + CHUNK]
        self.sent += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": self.sent < len(self.body)}

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        return int(next(m["status"] for m in self.messages if m["type"] == "http.response.start"))

    @property
    def json(self) -> Any:
        return orjson.loads(
            b"".join(m.get("body", b"") for m in self.messages if m["type"] == "http.response.body")
        )


def _body(size: int) -> bytes:
    prefix = b'{"query": "{ viewer { name } }", "variables": {"note": "'
    return prefix + b"a" * max(0, size - len(prefix) - 3) + b'"}}'


async def _post(app: Any, upload: Upload, bearer: str) -> Upload:
    headers = [
        (b"host", b"testserver"),
        (b"content-type", b"application/json"),
        (b"authorization", f"Bearer {bearer}".encode()),
    ]
    if upload.declare_length:
        headers.append((b"content-length", str(len(upload.body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    await app(scope, upload.receive, upload.send)
    return upload


@pytest.fixture
async def small_app(db: str, clock: FixedClock) -> AsyncIterator[Any]:
    """The app with a 64 KB body limit."""
    from dispatch import create_app

    settings = Settings.from_env(
        {"DATABASE_URL": db, "DISPATCH_SECRET": TEST_SECRET, "MAX_BODY_BYTES": str(LIMIT)}
    )
    application = create_app(settings, clock=clock, manage_database=False)
    async with application.router.lifespan_context(application):
        yield application


def _assert_too_large(upload: Upload) -> None:
    assert upload.status == 413
    (error,) = upload.json["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert "64 KB" in error["message"] or "65536" in error["message"]


async def test_a_declared_length_over_the_limit_is_refused_unread(small_app: Any) -> None:
    # given a signed-in operator
    user = await make_user(await make_agency(), Role.OPERATOR)

    # when it announces a 10 MB body
    upload = await _post(small_app, Upload(_body(TEN_MB), declare_length=True), token(user))

    # then it is refused with 413 without the server taking a byte of it
    _assert_too_large(upload)
    assert upload.sent == 0


async def test_a_chunked_body_is_refused_once_it_passes_the_limit(small_app: Any) -> None:
    user = await make_user(await make_agency(), Role.OPERATOR)

    # when 10 MB arrive without a declared length
    upload = await _post(small_app, Upload(_body(TEN_MB), declare_length=False), token(user))

    # then reading stops at the limit
    _assert_too_large(upload)
    assert upload.sent <= LIMIT + CHUNK


@pytest.mark.parametrize("declare_length", [True, False], ids=["declared", "chunked"])
async def test_a_body_under_the_limit_is_served(small_app: Any, declare_length: bool) -> None:
    user = await make_user(await make_agency(), Role.OPERATOR)

    upload = await _post(small_app, Upload(_body(LIMIT - 100), declare_length), token(user))

    assert upload.status == 200
    assert upload.json["data"]["viewer"]["name"] == user.name


async def test_the_default_limit_is_256_kb(client: httpx.AsyncClient) -> None:
    # given the default settings
    user = await make_user(await make_agency(), Role.OPERATOR)
    headers = {"Authorization": f"Bearer {token(user)}", "Content-Type": "application/json"}

    # when a body just under and one just over 256 KB are sent
    under = await client.post("/graphql", content=_body(256 * 1024), headers=headers)
    over = await client.post("/graphql", content=_body(256 * 1024 + 1), headers=headers)

    # then only the second is refused
    assert under.status_code == 200, under.text
    assert over.status_code == 413
    assert over.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_the_limit_is_read_from_the_environment() -> None:
    base = {"DATABASE_URL": "sqlite://x.sqlite3", "DISPATCH_SECRET": TEST_SECRET}

    assert Settings.from_env(base).max_body_bytes == 256 * 1024
    assert Settings.from_env({**base, "MAX_BODY_BYTES": "1000"}).max_body_bytes == 1000
    with pytest.raises(ConfigError, match="MAX_BODY_BYTES"):
        Settings.from_env({**base, "MAX_BODY_BYTES": "lots"})
    with pytest.raises(ConfigError, match="MAX_BODY_BYTES"):
        Settings.from_env({**base, "MAX_BODY_BYTES": "0"})
