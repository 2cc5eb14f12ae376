"""WebSocket frames of a result that many subscribers share, encoded once.

Subscribers whose notice cannot differ share one execution of it
(`schema/shared_execution.py`), so their results carry the very same `data` object,
which that module announces (`expect`). Each frame then differs only by the
subscription's id: the payload's JSON is encoded for the first of them and spliced into
the frames of the others. Any other message (an error, extensions, a result nobody
shares, a query's) is encoded as it is, and not kept.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import orjson

KEEP = 64
"""Payloads kept: a few notices' worth, each for every subscription that shares it."""


class SharedFrames:
    """Encodes `next` (graphql-transport-ws) and `data` (graphql-ws) messages."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        # id(data) -> (data, its payload's JSON once encoded); holding `data` keeps its
        # id unique.
        self._payloads: OrderedDict[int, tuple[Any, str | None]] = OrderedDict()
        self.encoded = 0
        self.reused = 0

    def expect(self, data: Any) -> None:
        """`data` is a result that several subscriptions share: keep its payload's JSON."""
        if type(data) is dict:
            found = self._payloads.get(id(data))
            if found is not None and found[0] is data:
                return  # already expected (its JSON may be encoded)
            self._payloads[id(data)] = (data, None)
            if len(self._payloads) > self.keep:
                self._payloads.popitem(last=False)

    def encode(self, message: dict[str, Any]) -> str | None:
        """The frame of a message whose payload is only a shared result's data, else None."""
        kind, op_id, payload = message.get("type"), message.get("id"), message.get("payload")
        if (kind != "next" and kind != "data") or type(op_id) is not str:
            return None
        if type(payload) is not dict or len(payload) != 1:
            return None
        data = payload.get("data")
        if type(data) is not dict:
            return None
        found = self._payloads.get(id(data))
        if found is None or found[0] is not data:
            return None  # nobody shares it: encoded as any message
        return frame_head(op_id, kind) + self._body(data, found[1]) + "}"

    def body(self, data: dict[str, Any]) -> str:
        """The payload JSON of a shared result's data (encoded once, kept for its frames)."""
        self.expect(data)
        return self._body(data, self._payloads[id(data)][1])

    def _body(self, data: dict[str, Any], body: str | None) -> str:
        if body is None:
            body = orjson.dumps({"data": data}).decode()
            self._payloads[id(data)] = (data, body)
            self.encoded += 1
        else:
            self.reused += 1
        return body


def frame_head(op_id: str, kind: str) -> str:
    """A frame up to its payload: `{"id":…,"type":…,"payload":` (the payload and `}` follow)."""
    return f'{{"id":{orjson.dumps(op_id).decode()},"type":"{kind}","payload":'


FRAMES = SharedFrames()
"""The process's one encoder of shared frames."""
