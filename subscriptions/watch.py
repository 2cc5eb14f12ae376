"""Watch live notices from the command line: one JSON line per notice.

    python -m subscriptions.watch --url ws://127.0.0.1:8000/graphql --token TOKEN \\
        [--after CURSOR] [--driver]

Speaks graphql-transport-ws. Exits 0 when the server completes the subscription,
1 on an error (printed to stderr; when the subscriber fell behind, the error names
the cursor to pass as --after), 2 when the connection is refused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

COMMON = """
    __typename
    ... on Notice { cursor occurredAt }
    ... on MissionCancelledNotice { mission { id status } cancellation { id } reasonLabel }
"""
DISPATCH_FIELDS = """
    ... on OrderCancelledNotice { order { id status } missionIds }
    ... on SlotReleasedNotice { driver { id name } from to missionId }
    ... on MissionReopenedNotice { mission { id status } }
    ... on MissionStatusChangedNotice { mission { id } fromStatus toStatus }
"""
DRIVER_FIELDS = """
    ... on MissionAssignedNotice { mission { id status pickupAt } }
    ... on MissionUnassignedNotice { missionId }
"""


def query(driver: bool) -> str:
    root, fields = (
        ("driverNotices", DRIVER_FIELDS) if driver else ("dispatchNotices", DISPATCH_FIELDS)
    )
    return f"subscription($after: String) {{ {root}(after: $after) {{ {COMMON}{fields} }} }}"


async def watch(url: str, token: str, after: str | None, driver: bool) -> int:
    """Print notices until the subscription ends; the exit status."""
    async with connect(
        url, subprotocols=[Subprotocol("graphql-transport-ws")], open_timeout=10
    ) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        try:
            async with asyncio.timeout(10):
                ack = json.loads(await ws.recv())
        except ConnectionClosed as exc:
            print(f"connection refused ({exc.rcvd.code if exc.rcvd else '?'})", file=sys.stderr)
            return 2
        if ack.get("type") != "connection_ack":
            print(f"unexpected answer to connection_init: {ack}", file=sys.stderr)
            return 2
        payload = {"query": query(driver), "variables": {"after": after}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        try:
            async for raw in ws:
                message: dict[str, Any] = json.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif kind == "next":
                    body = message["payload"]
                    if body.get("errors"):
                        print(json.dumps(body["errors"]), file=sys.stderr)
                        return 1
                    notice = next(iter(body["data"].values()))
                    print(json.dumps(notice), flush=True)
                elif kind == "error":
                    print(json.dumps(message.get("payload")), file=sys.stderr)
                    return 1
                elif kind == "complete":
                    return 0
        except ConnectionClosed as exc:
            print(f"connection closed ({exc.rcvd.code if exc.rcvd else '?'})", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m subscriptions.watch", description=__doc__)
    parser.add_argument("--url", default="ws://127.0.0.1:8000/graphql")
    parser.add_argument("--token", required=True, help="a bearer token (python -m dispatch token)")
    parser.add_argument("--after", help="resume after this notice cursor")
    parser.add_argument("--driver", action="store_true", help="driverNotices (a driver's token)")
    args = parser.parse_args(argv)
    try:
        return asyncio.run(watch(args.url, args.token, args.after, args.driver))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
