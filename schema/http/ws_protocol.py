"""uvicorn's WebSocket protocol with one ASGI extension: a text frame written at once.

The hub writes the live frames of many subscriptions in one pass (subscriptions/direct.py).
Through ASGI each frame is a `send` coroutine, wrapped by Starlette and awaited through
three layers: most of a frame's cost, for a write that never waits. This protocol is
uvicorn's sans-I/O one (`python -m dispatch serve` runs it, as does the bench) and puts
`SEND_NOW` in the scope's `extensions`: a callable that writes a text frame to the socket
if it takes it now, through the same websockets state machine (compression, closing
handshake), and says False when it would have to wait (the client reads slowly and the
buffer is full) or the connection is closing: the caller then sends through ASGI.
A frame taken is written to the socket at the end of the event loop's pass, with every
other frame of the same connection from that pass: a resumer's catch-up of 50 frames is
one write, not 50 (on loopback each write costs the reader's TCP work too). A caller that
knows the connection gets nothing more this pass writes its frames at once with
`WRITE_NOW`: the hub, writing a thousand boards' frames, so the first boards' clients
read theirs while the last boards' are still being written. Every other
write of uvicorn's drains the same connection buffer first, so frames keep their order.
The connections of one pass are flushed by one callback, not one each, and a thousand
subscribers of one notice mostly send the very same text (the same operation id): its
frame is serialized once, by websockets, and the same bytes queued on each connection
that negotiated no extension (the frame is then the same for every server connection).
Under any other server the extension is absent and every frame goes through ASGI.
"""

from __future__ import annotations

import logging
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.exceptions import InvalidState
from websockets.frames import OP_TEXT, Frame
from websockets.protocol import State

from subscriptions.turns import AtPassEnd

log = logging.getLogger(__name__)

_OPEN = State.OPEN  # an enum member looked up costs 0.2 µs on 3.11

SEND_NOW = "dispatch.websocket.send_now"
"""Scope extension: `send_now(head: str, body: str) -> bool`, the text frame `head + body +
"}"` (a frame's head is its operation's, its body the payload shared by many)."""

WRITE_NOW = "dispatch.websocket.write_now"
"""Scope extension: `write_now(head: str, bodies: list[str]) -> int`, the text frames of the
leading `bodies` the socket takes without waiting written to it now, after the frames
`send_now` queued this pass: how many."""

PROTOCOL = "schema.http.ws_protocol:DispatchWebSocketProtocol"
"""uvicorn's `ws` setting that selects it."""


class DispatchWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's `websockets-sansio` protocol, offering `SEND_NOW` to the application."""

    _flush_pending = False

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)  # absent when the handshake was refused
        if scope is not None:
            scope["extensions"][SEND_NOW] = self.send_now
            scope["extensions"][WRITE_NOW] = self.write_now

    def send_now(self, head: str, body: str) -> bool:
        """Write the text frame `head + body + "}"` if the socket takes it without waiting
        (what uvicorn's `send` does for `websocket.send` once the connection is open), at
        the end of this pass."""
        if not self._queue(head, (body,)):
            return False
        if not self._flush_pending:
            self._flush_pending = True
            _FLUSHES.add(self)
        return True

    def write_now(self, head: str, bodies: list[str]) -> int:
        """Write the text frames `head + body + "}"` of the leading `bodies` the socket
        takes without waiting, now: how many."""
        taken = self._queue(head, bodies)
        if taken:
            self._flush()
        return taken

    def _queue(self, head: str, bodies: tuple[str] | list[str]) -> int:
        # In the connection's buffer, as uvicorn's `send` would: how many were taken.
        if (
            not self.writable.is_set()
            or self.disconnected
            or not self.handshake_complete
            or self.close_sent
            or self.initial_response is not None
            or self.transport.is_closing()
        ):
            return 0
        conn = self.conn
        if (
            conn.extensions
            or conn.debug
            or conn.expect_continuation_frame
            or conn.state is not _OPEN
        ):
            taken = 0
            for body in bodies:
                try:
                    # compressed, logged, or refused as it says
                    conn.send_text((head + body + "}").encode())
                except InvalidState:
                    break
                taken += 1
            return taken
        writes, frames = conn.writes, _FRAMES
        for body in bodies:
            writes.append(frames.of(head, body))  # what send_text queues, made once
        return len(bodies)

    def _flush(self) -> None:
        """Write what this pass's `send_now` and `write_now` calls left in the connection's
        buffer (an ASGI send or a ping meanwhile may have written it already)."""
        self._flush_pending = False
        output = self.conn.data_to_send()
        if output and not self.transport.is_closing():
            self.transport.write(b"".join(output))


class _SameFrames:
    """The text frames serialized lately: the next connection sending the same text (the
    same notice to the same operation id) queues the same bytes. Keyed by head and body:
    a notice's body is one string for all its subscribers, so a lookup hashes nothing new,
    and a board's frames of a commit's two notices, written one after the other, are
    both found (a cache of the last frame alone missed every time)."""

    __slots__ = ("frames",)

    KEEP = 32
    """Frames kept at most (the notices of the last pass or so, for each operation id)."""

    def __init__(self) -> None:
        self.frames: dict[tuple[str, str], bytes] = {}

    def of(self, head: str, body: str) -> bytes:
        key = (head, body)
        frame = self.frames.get(key)
        if frame is None:
            # A server's frames are not masked; with no extension they are the same bytes
            # on every connection.
            text = head + body + "}"
            frame = Frame(OP_TEXT, text.encode()).serialize(mask=False, extensions=[])
            if len(self.frames) >= self.KEEP:
                self.frames.clear()
            self.frames[key] = frame
        return frame


def _flush_all(protocols: list[DispatchWebSocketProtocol]) -> None:
    for protocol in protocols:
        if not protocol._flush_pending:
            continue  # flushed already (`flush_now`)
        try:
            protocol._flush()
        except Exception:  # one broken transport must not keep the others' frames
            log.exception("websocket: writing a connection's frames failed")


_FRAMES = _SameFrames()
_FLUSHES: AtPassEnd[DispatchWebSocketProtocol] = AtPassEnd(_flush_all)
"""The connections with frames to write at the end of this pass: one callback for all."""
