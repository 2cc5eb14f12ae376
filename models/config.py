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
    "models.policies",
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
    notice_direct_frames: bool = True
    # The hub starts a live notice's shared execution itself, waking no stream.
    notice_hub_leads: bool = True
    # Commands read the rows their events name and send them with the events.
    notice_rows: bool = False
    # Request bodies (and WebSocket messages) larger than this are refused (HTTP 413).
    max_body_bytes: int = 256 * 1024
    # The agency's identity provider (none: our HS256 tokens only).
    auth_jwks_url: str = ""
    auth_issuer: str = ""
    auth_audience: str = ""
    auth_user_claim: str = "sub"
    auth_algorithms: frozenset[str] = frozenset({"RS256", "ES256"})
    # A persisted-documents manifest: only its operations run (schema/trusted_documents.py).
    trusted_documents: str | None = None
    # When set, GET /metrics asks for `Authorization: Bearer <metrics_token>`.
    metrics_token: str | None = None
    # `text` (the default) or `json` (one object a line, with access lines)
    log_format: str = "text"
    # access lines (one per request, subscription start and stop) in text too
    log_requests: bool = False
    # GraphiQL at GET /graphql (GRAPHIQL=1/0; default: on in the embedded default only)
    graphiql_setting: str | None = None
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgres`: chooses the migration set."""
        return dialect_of(self.database_url)

    @property
    def graphiql(self) -> bool:
        """Whether GET /graphql from a browser shows GraphiQL."""
        if self.graphiql_setting is None:
            return self.embedded
        return self.graphiql_setting == "1"

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
        log_format = env.get("LOG_FORMAT", "text").strip().lower() or "text"
        if log_format not in ("text", "json"):
            raise ConfigError(f"LOG_FORMAT must be text or json (not {log_format!r}).")
        try:
            webhooks = WebhookSettings.from_env(env)
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        return cls(
            **_identity_provider(env),
            database_url=database_url,
            broadcast_url=env.get("BROADCAST_URL") or "memory://",
            secret=secret,
            host=env.get("HOST", "127.0.0.1"),
            port=port,
            log_level=env.get("LOG_LEVEL", "info").lower(),
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            workers=workers,
            notice_buffer=max(1, notice_buffer),
            notice_direct_frames=_switch(env, "NOTICE_DIRECT_FRAMES", default=True),
            notice_hub_leads=_switch(env, "NOTICE_HUB_LEADS", default=True),
            notice_rows=_switch(env, "NOTICE_ROWS", default=False),
            max_body_bytes=int(max_body_bytes),
            trusted_documents=env.get("TRUSTED_DOCUMENTS") or None,
            metrics_token=env.get("METRICS_TOKEN") or None,
            log_format=log_format,
            log_requests=env.get("LOG_REQUESTS", "") == "1",
            graphiql_setting=env.get("GRAPHIQL") or None,
            webhooks=webhooks,
        )


IDP_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256"})


def _switch(env: dict[str, str], name: str, *, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if value == "":
        return default
    if value in ("1", "true", "on", "yes"):
        return True
    if value in ("0", "false", "off", "no"):
        return False
    raise ConfigError(f"{name} must be 1 or 0 (not {value!r}).")


def _identity_provider(env: dict[str, str]) -> dict[str, Any]:
    """AUTH_JWKS_URL and what goes with it: the issuer and audience are then required."""
    url = env.get("AUTH_JWKS_URL", "").strip()
    if not url:
        return {}
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"AUTH_JWKS_URL must be an https:// (or http://) URL, not {url!r}.")
    issuer = env.get("AUTH_ISSUER", "").strip()
    audience = env.get("AUTH_AUDIENCE", "").strip()
    if not issuer or not audience:
        raise ConfigError(
            "AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE: a token is accepted only "
            "when the agency's identity provider issued it for this service."
        )
    claim = env.get("AUTH_USER_CLAIM", "sub").strip() or "sub"
    if not claim.replace("_", "").replace(":", "").replace("/", "").replace(".", "").isalnum():
        raise ConfigError(
            f"AUTH_USER_CLAIM must be a claim name such as sub or email, not {claim!r}."
        )
    names = env.get("AUTH_ALGORITHMS", "RS256,ES256")
    algorithms = frozenset(a.strip() for a in names.split(",") if a.strip())
    if not algorithms or not algorithms <= IDP_ALGORITHMS:
        raise ConfigError(
            f"AUTH_ALGORITHMS must list some of {', '.join(sorted(IDP_ALGORITHMS))} "
            f"(not {names!r}): the identity provider signs with a private key."
        )
    return {
        "auth_jwks_url": url,
        "auth_issuer": issuer,
        "auth_audience": audience,
        "auth_user_claim": claim,
        "auth_algorithms": algorithms,
    }


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
