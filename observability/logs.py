"""Logs: plain text on a terminal (the default), one JSON object a line with LOG_FORMAT=json.

In JSON (python-json-logger) every line has `time` (UTC, ISO 8601), `level`, `logger`,
`message` and the line's own fields. With it come the access lines (logger
`dispatch.access`): one per GraphQL request over HTTP and one per subscription start and
stop, with the request id, operation name and type, agency, user id, role, duration,
SQL statements, outcome and error codes. Neither the token nor the variables are ever
written (a variable holds a customer's free text).
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

access = logging.getLogger("dispatch.access")

ACCESS_LOG = False
"""Whether the access lines are written (LOG_FORMAT=json, or LOG_REQUESTS=1)."""


class UtcJsonFormatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


def json_formatter() -> logging.Formatter:
    return UtcJsonFormatter(
        "{asctime}{levelname}{name}{message}",
        style="{",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        # uvicorn adds a copy of its message with terminal colours
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],
    )


def configure(log_format: str, level: str, access_lines: bool = False) -> None:
    """Set up this process's logging (each worker calls it)."""
    global ACCESS_LOG
    ACCESS_LOG = log_format == "json" or access_lines
    if log_format != "json":
        logging.basicConfig(level=level.upper())
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        # uvicorn's own lines in the same JSON, through ours
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # uvicorn's access line has the URL, whose query string may hold a GET's variables:
    # the access lines here replace it
    logging.getLogger("uvicorn.access").disabled = True


def caller_fields(principal: Any) -> dict[str, Any]:
    """Who called: agency, user id and role (never the token)."""
    if principal is None:
        return {"agency": None, "user": None, "role": None}
    user = principal.user
    return {"agency": user.agency_id, "user": user.id, "role": str(user.role.value)}


def request_line(
    request_id: str,
    principal: Any,
    operation: str | None,
    kind: str,
    outcome: str,
    codes: list[str],
    seconds: float,
    statements: int,
) -> None:
    """The access line of one GraphQL request over HTTP."""
    duration_ms = round(seconds * 1000, 2)
    access.info(
        "request %s: %s %s: %s in %.1f ms, %d statements",
        request_id,
        kind,
        operation or "(anonymous)",
        outcome,
        duration_ms,
        statements,
        extra={
            "event": "request",
            "request_id": request_id,
            "operation": operation,
            "type": kind,
            **caller_fields(principal),
            "duration_ms": duration_ms,
            "statements": statements,
            "outcome": outcome,
            "codes": codes,
        },
    )


def subscription_line(
    event: str,
    request_id: str,
    principal: Any,
    kind: str,
    *,
    seconds: float | None = None,
    notices: int | None = None,
    outcome: str | None = None,
) -> None:
    """The access line of a subscription's start (`subscription_start`) or end."""
    fields: dict[str, Any] = {
        "event": event,
        "request_id": request_id,
        "operation": kind,
        "type": "subscription",
        **caller_fields(principal),
    }
    if seconds is not None:
        fields.update(duration_ms=round(seconds * 1000, 2), notices=notices, outcome=outcome)
    access.info("%s %s: %s", event.replace("_", " "), request_id, kind, extra=fields)
