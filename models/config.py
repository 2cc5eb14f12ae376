"""Configuration, read once from the environment."""

from __future__ import annotations

import enum
import functools
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

from models.webhook_settings import WebhookSettings

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite://{VAR / 'dispatch.sqlite3'}"
MODEL_MODULES = [
    "models.agency",
    "models.people",
    "models.orders",
    "models.cancellations",
    "models.billing",
    "models.audit",
    "models.idempotency",
    "models.webhooks",
]


POOL_SIZE = 20
"""PostgreSQL connections per server process (`?maxsize=` in DATABASE_URL overrides)."""


class ConfigError(Exception):
    """The environment does not describe a runnable service."""


@dataclass(frozen=True)
class Settings:
    """Everything the service reads from its environment."""

    database_url: str
    broadcast_url: str
    secret: str
    host: str
    port: int
    log_level: str
    allowed_origins: tuple[str, ...]
    workers: int
    # Live notices a subscriber may fall behind by before its subscription ends.
    notice_buffer: int = 1000
    # Request bodies (and WebSocket messages) larger than this are refused (HTTP 413).
    max_body_bytes: int = 256 * 1024
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgres`: chooses the migration set."""
        return dialect_of(self.database_url)

    @property
    def embedded(self) -> bool:
        """The embedded default: the SQLite file under var/ and in-process broadcast."""
        return self.database_url == DEFAULT_DATABASE_URL

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the settings; generate and keep the secret only for the embedded default."""
        env = dict(os.environ if env is None else env)
        database_url = env.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        dialect_of(database_url)
        secret = env.get("DISPATCH_SECRET", "")
        if not secret:
            if database_url != DEFAULT_DATABASE_URL:
                raise ConfigError(
                    "DISPATCH_SECRET must be set when DATABASE_URL points at a database other "
                    "than the embedded default: tokens signed with a throwaway secret would "
                    "not survive a restart or work across server processes."
                )
            secret = _embedded_secret()
        if len(secret) < 32:
            raise ConfigError("DISPATCH_SECRET must be at least 32 characters long.")
        origins = env.get("ALLOWED_ORIGINS", "")
        try:
            port = int(env.get("PORT", "8000"))
            workers = int(env.get("WORKERS", "1"))
            notice_buffer = int(env.get("NOTICE_BUFFER", "1000"))
        except ValueError as exc:
            raise ConfigError(
                f"PORT, WORKERS and NOTICE_BUFFER must be whole numbers ({exc})."
            ) from exc
        max_body_bytes = env.get("MAX_BODY_BYTES", str(256 * 1024)).strip()
        if not max_body_bytes.isdigit() or int(max_body_bytes) < 1:
            raise ConfigError(
                f"MAX_BODY_BYTES must be a whole number of bytes, at least 1 "
                f"(not {max_body_bytes!r})."
            )
        try:
            webhooks = WebhookSettings.from_env(env)
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        return cls(
            database_url=database_url,
            broadcast_url=env.get("BROADCAST_URL") or "memory://",
            secret=secret,
            host=env.get("HOST", "127.0.0.1"),
            port=port,
            log_level=env.get("LOG_LEVEL", "info").lower(),
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            workers=workers,
            notice_buffer=max(1, notice_buffer),
            max_body_bytes=int(max_body_bytes),
            webhooks=webhooks,
        )


def dialect_of(url: str) -> str:
    """The SQL dialect a database URL speaks."""
    scheme = url.split(":", 1)[0]
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgres", "postgresql", "asyncpg", "psycopg"):
        return "postgres"
    raise ConfigError(f"DATABASE_URL must be sqlite://… or postgres://…, not {scheme!r}.")


def _embedded_secret() -> str:
    path = VAR / "secret"
    VAR.mkdir(exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def tortoise_config(database_url: str) -> dict[str, object]:
    """The Tortoise ORM configuration for one database (aerich reads it too)."""
    url = database_url
    if url.startswith("postgresql://"):
        url = "postgres://" + url[len("postgresql://") :]
    if url.startswith("postgres://") and "maxsize=" not in url:
        # Concurrent requests each hold a connection for a statement or a transaction:
        # more than Tortoise's default 5.
        url += ("&" if "?" in url else "?") + f"maxsize={POOL_SIZE}"
    return {
        "connections": {"default": _connection(url)},
        "apps": {
            "models": {
                "models": [*MODEL_MODULES, "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(url: str) -> str | dict[str, Any]:
    """Tortoise's connection entry for a URL: PostgreSQL through asyncpg goes through
    `models.database` (a pool without a session reset per statement); others as given."""
    if not url.startswith(("postgres://", "asyncpg://")):
        return url
    info: dict[str, Any] = expand_db_url(url)
    if info["engine"] == "tortoise.backends.asyncpg":
        info["engine"] = "models.database"
    return info


class ExecutorMode(enum.Enum):
    """Which executor runs GraphQL operations (`GRAPHQL_EXECUTOR`)."""

    COMPILED = "compiled"
    GRAPHQL_CORE = "graphql-core"
    DIFFERENTIAL = "differential"


@functools.cache
def executor_mode() -> ExecutorMode:
    """`GRAPHQL_EXECUTOR`, read once per process (default: compiled)."""
    raw = os.environ.get("GRAPHQL_EXECUTOR", "compiled").strip().lower()
    try:
        return ExecutorMode(raw)
    except ValueError:
        choices = ", ".join(m.value for m in ExecutorMode)
        raise ConfigError(f"GRAPHQL_EXECUTOR must be one of {choices}, not {raw!r}.") from None
