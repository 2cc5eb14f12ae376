"""One `python -m dispatch serve` process on a fresh database loaded with the demo agency.

For the tests that talk to a real server as a client would: the hostile requests, the
memory test and the schema fuzzing. `seed-demo` prints one token per role; they are kept.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from tests.conftest import PG_DSN, TEST_SECRET, _pg_url, _run_blocking, service_missing
from tests.e2e.servers import ROOT, Server, migrate, server_env, start_server, wait_healthy

ROLES = ("ADMIN", "OPERATOR", "DRIVER", "REPORTER")
VIEWER = "{ viewer { name } }"


@dataclass
class DemoServer:
    """A running server and a bearer token for each demo role."""

    server: Server
    tokens: dict[str, str]

    @property
    def url(self) -> str:
        return f"{self.server.http}/graphql"

    def headers(self, role: str = "OPERATOR") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def rss_bytes(self) -> int:
        """The server process's resident memory, from /proc."""
        status = Path(f"/proc/{self.server.popen.pid}/status").read_text()
        line = next(li for li in status.splitlines() if li.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024

    def assert_answers_at_once(self, within: float = 5.0) -> None:
        """A normal query is answered, within `within` seconds (a bound, not a timing)."""
        assert self.server.popen.poll() is None, f"server exited:\n{self.server.tail()}"
        response = httpx.post(
            self.url, json={"query": VIEWER}, headers=self.headers(), timeout=within
        )
        assert response.status_code == 200, response.text
        assert response.json()["data"]["viewer"]["name"], response.text


def _seed(env: dict[str, str], log_dir: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "dispatch", "seed-demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    (log_dir / "seed.log").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"seed-demo failed: {result.stderr[-2000:]}")
    tokens = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ROLES:
            tokens[parts[0]] = parts[1]
    assert set(tokens) == set(ROLES), result.stdout
    return tokens


@contextlib.contextmanager
def _database(dialect: str, tmp: Path) -> Iterator[str]:
    if dialect == "sqlite":
        yield f"sqlite://{tmp / 'demo.sqlite3'}"
        return
    name = f"e2e_edge_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_DSN, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    try:
        _run_blocking(admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    try:
        yield _pg_url(name)
    finally:
        _run_blocking(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextlib.contextmanager
def demo_server(
    dialect: str, tmp: Path, broadcast: str = "memory://", **extra_env: Any
) -> Iterator[DemoServer]:
    """Migrate, seed the demo agency, serve; stop the server afterwards."""
    with _database(dialect, tmp) as url:
        env = server_env(url, broadcast, TEST_SECRET, **{k: str(v) for k, v in extra_env.items()})
        migrate(env, tmp)
        tokens = _seed(env, tmp)
        server = start_server(f"edge-{dialect}", env, tmp)
        try:
            _run_blocking(wait_healthy(server))
            yield DemoServer(server, tokens)
        finally:
            server.stop()
