"""WebSocket frames of a result that many subscribers share, encoded once.

Subscribers whose notice cannot differ share one execution of it
(`schema/shared_execution.py`), so their results carry the very same `data` object.
Each frame then differs only by the subscription's id: the payload's JSON is encoded
for the first of them and spliced into the frames of the others. A result of its own
(an error, extensions, a subscription nobody shares) is encoded as any message is.
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
        # id(data) -> (data, its payload's JSON); holding `data` keeps its id unique.
        self._payloads: OrderedDict[int, tuple[Any, str]] = OrderedDict()
        self.encoded = 0
        self.reused = 0

    def encode(self, message: dict[str, Any]) -> str | None:
        """The frame of a message whose payload is only a result's data, else None."""
        kind, op_id, payload = message.get("type"), message.get("id"), message.get("payload")
        if (kind != "next" and kind != "data") or type(op_id) is not str:
            return None
        if type(payload) is not dict or len(payload) != 1:
            return None
        data = payload.get("data")
        if type(data) is not dict:
            return None
        found = self._payloads.get(id(data))
        if found is not None and found[0] is data:
            body = found[1]
            self.reused += 1
        else:
            body = orjson.dumps(payload).decode()
            self._payloads[id(data)] = (data, body)
            if len(self._payloads) > self.keep:
                self._payloads.popitem(last=False)
            self.encoded += 1
        return f'{{"id":{orjson.dumps(op_id).decode()},"type":"{kind}","payload":{body}}}'


FRAMES = SharedFrames()
"""The process's one encoder of shared frames."""
