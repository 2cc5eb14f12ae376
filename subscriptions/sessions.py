"""The WebSocket connections open in this process, by user: ended when the user's access changes.

A deactivation, revoked tokens, or a new role or driver link is an audit event; events
reach every server process through the broadcast (the hub hands each one to
`OpenSessions.access_changed`), so the user's sockets end on whichever process holds
them, within the broadcast's delay. They end with 4403 and a reason the client can show;
a client that connects again is authenticated afresh (refused, or with its new role).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from models.domain import events as ev
from subscriptions.notices import NoticeEvent

log = logging.getLogger("dispatch.sessions")

REASONS = {
    ev.USER_DEACTIVATED: "This user account is deactivated.",
    ev.USER_TOKENS_REVOKED: "This token was revoked: ask your agency's admin for a new one.",
    ev.USER_UPDATED: "Your role or driver link changed: connect again.",
}


class Session(Protocol):
    """An open, authenticated WebSocket connection."""

    async def end(self, reason: str) -> None:
        """Stop its operations and close it with 4403 and `reason`."""


def ended_access(event: NoticeEvent) -> tuple[int, str] | None:
    """(user id, reason) when `event` takes away what a user's open sockets were opened with."""
    reason = REASONS.get(event.type)
    if reason is None:
        return None
    if event.type == ev.USER_UPDATED and not event.data.get("accessChanged"):
        return None  # a new name: nothing the socket relies on
    user_id = event.data.get("userId")
    return (user_id, reason) if isinstance(user_id, int) else None


class OpenSessions:
    """This process's authenticated WebSockets, by user id."""

    def __init__(self) -> None:
        self._by_user: dict[int, set[Session]] = {}
        self._ending: set[asyncio.Task[None]] = set()

    def open(self, user_id: int, session: Session) -> None:
        self._by_user.setdefault(user_id, set()).add(session)

    def close(self, user_id: int, session: Session) -> None:
        group = self._by_user.get(user_id)
        if group is not None:
            group.discard(session)
            if not group:
                del self._by_user[user_id]

    def of_user(self, user_id: int) -> int:
        """How many sockets the user has open in this process."""
        return len(self._by_user.get(user_id, ()))

    def access_changed(self, event: NoticeEvent) -> None:
        """End the sockets of the user an event takes access from (called by the hub)."""
        ended = ended_access(event)
        if ended is None:
            return
        user_id, reason = ended
        for session in list(self._by_user.pop(user_id, ())):
            log.info("ending a WebSocket of user %d: %s", user_id, reason)
            task = asyncio.create_task(session.end(reason), name=f"end-session-{user_id}")
            self._ending.add(task)
            task.add_done_callback(self._ending.discard)
