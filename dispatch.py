"""The command line: python -m dispatch serve | deliver | migrate | seed-demo | create-agency
                                   | create-user | token | export-schema

The app itself is built in `app.py`; `create_app` and `app_factory` are re-exported
here for the callers that know them as `dispatch.create_app` and `dispatch:app_factory`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

from app import app_factory, create_app
from models.config import VAR, ConfigError, Settings

__all__ = ["app_factory", "create_app", "main", "serve_forever"]


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    from resolvers import admin_commands as cmds

    parser = argparse.ArgumentParser(prog="dispatch", description="Dispatch cancellations API")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the server (migrate first)")
    serve.add_argument("--workers", type=int, default=None)
    sub.add_parser("migrate", help="apply the database migrations")
    sub.add_parser("deliver", help="run only the webhook delivery worker (no HTTP server)")
    seed = sub.add_parser("seed-demo", help="load the demo agency (once) and print tokens")
    seed.add_argument("--quiet", action="store_true")
    agency = sub.add_parser("create-agency", help="create an agency")
    agency.add_argument("name")
    agency.add_argument("--time-zone", default="UTC")
    agency.add_argument("--currency", default="EUR")
    user = sub.add_parser("create-user", help="create a user of an agency")
    user.add_argument("--agency", type=int, required=True, help="agency id")
    user.add_argument("--name", required=True)
    user.add_argument("--role", required=True, choices=["ADMIN", "OPERATOR", "DRIVER", "REPORTER"])
    user.add_argument("--driver", type=int, help="driver id (required for DRIVER)")
    user.add_argument(
        "--external-id", help="who the user is at the identity provider (its AUTH_USER_CLAIM)"
    )
    token = sub.add_parser("token", help="print a bearer token for a user")
    token.add_argument("user_id", type=int)
    token.add_argument("--days", type=int, default=30)
    export = sub.add_parser("export-schema", help="write the SDL")
    export.add_argument("path", nargs="?", default="schema.graphql")
    args = parser.parse_args(argv)

    if args.command == "export-schema":
        from schema.build import schema

        with open(args.path, "w") as f:
            f.write(str(schema).rstrip() + "\n")
        print(f"wrote {args.path}")
        return 0
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return serve_forever(settings, args.workers or settings.workers)
    if args.command == "deliver":
        from subscriptions.webhooks.standalone import deliver_forever

        return asyncio.run(deliver_forever(settings))
    return asyncio.run(cmds.run(settings, args))


def serve_forever(settings: Settings, workers: int) -> int:
    """Run uvicorn; several workers need a shared database and Redis."""
    import uvicorn

    from schema.http.ws_protocol import PROTOCOL as WS_PROTOCOL

    if workers > 1 and (
        settings.broadcast_url.startswith("memory") or settings.dialect == "sqlite"
    ):
        print(
            "Several workers need BROADCAST_URL=redis://… and a PostgreSQL DATABASE_URL: "
            "with memory:// each worker would see only its own notices, and SQLite "
            "allows one writing process.",
            file=sys.stderr,
        )
        return 2
    if workers > 1:
        prepare_multiprocess_metrics()
    # LOG_FORMAT=json: every worker sets up its own logging (observability/logs.py)
    logging_options: dict[str, Any] = (
        {"log_config": None, "access_log": False} if settings.log_format == "json" else {}
    )
    uvicorn.run(
        "app:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level=settings.log_level,
        # uvicorn's "websockets-sansio", offering the hub a frame written at once
        ws=WS_PROTOCOL,
        # a WebSocket message over the body limit closes the socket (1009)
        ws_max_size=settings.max_body_bytes,
        **logging_options,
    )
    return 0


def prepare_multiprocess_metrics() -> None:
    """prometheus-client's multiprocess mode: the workers (spawned after this) write their
    samples under PROMETHEUS_MULTIPROC_DIR, emptied first (README, Metrics)."""
    import shutil
    from pathlib import Path

    folder = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or VAR / "prometheus")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


if __name__ == "__main__":
    sys.exit(main())
