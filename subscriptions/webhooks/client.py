"""The outbound HTTP request of a delivery: to the checked address only, bounded.

Timeouts for connect and read, no redirects (a 3xx is a failure), at most
`max_response_bytes` of the answer read, and the host resolved and checked before
each request (resolvers/webhook_urls.py) with the connection made to that address.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from models.webhook_settings import WebhookSettings
from resolvers.webhook_urls import UrlRefused, ip_literal, parse_url, resolve

USER_AGENT = "dispatch-webhooks/1"


@dataclass(frozen=True)
class Outcome:
    """What one request came to."""

    status_code: int | None
    error: str | None
    latency_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookClient:
    """One per worker; a connection pool per (host, address) so TLS names never mix."""

    def __init__(self, settings: WebhookSettings) -> None:
        self.settings = settings
        self._clients: dict[tuple[str, str, str, int], httpx.AsyncClient] = {}

    def _client(self, key: tuple[str, str, str, int]) -> httpx.AsyncClient:
        client = self._clients.get(key)
        if client is None:
            if len(self._clients) > 256:
                # Idle pools of endpoints long gone: dropped (their sockets close with them).
                self._clients.clear()
            s = self.settings
            client = self._clients[key] = httpx.AsyncClient(
                timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
                follow_redirects=False,
                trust_env=False,
                limits=httpx.Limits(max_connections=8, max_keepalive_connections=4),
            )
        return client

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> Outcome:
        """POST `body`; never raises for the receiver's failures (they are the outcome)."""
        started = time.monotonic()

        def done(status: int | None, error: str | None) -> Outcome:
            return Outcome(status, error, int((time.monotonic() - started) * 1000))

        try:
            target = parse_url(url)
            address = await resolve(target, self.settings.allowed_networks)
        except UrlRefused as exc:
            return done(None, str(exc))
        host = f"[{address}]" if address.version == 6 else str(address)
        key = (target.scheme, target.host, str(address), target.port)
        extensions = {}
        if target.scheme == "https" and ip_literal(target.host) is None:
            extensions["sni_hostname"] = target.host
        host_header = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
        request_headers = {
            **headers,
            "host": host_header,
            "content-type": "application/json",
            "user-agent": USER_AGENT,
        }
        limit = self.settings.connect_timeout + 2 * self.settings.read_timeout
        try:
            async with asyncio.timeout(limit):
                client = self._client(key)
                request = client.build_request(
                    "POST",
                    f"{target.scheme}://{host}:{target.port}{target.path}",
                    headers=request_headers,
                    content=body,
                    extensions=extensions,
                )
                response = await client.send(request, stream=True)
                try:
                    read = 0
                    async for chunk in response.aiter_raw():
                        read += len(chunk)
                        if read >= self.settings.max_response_bytes:
                            break  # the rest is not needed: the status code is the answer
                finally:
                    await response.aclose()
        except TimeoutError:
            return done(None, f"timed out after {limit:.0f} s")
        except httpx.TimeoutException as exc:
            return done(None, f"timed out ({type(exc).__name__})")
        except httpx.HTTPError as exc:
            return done(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__)
        except OSError as exc:
            return done(None, f"{type(exc).__name__}: {exc}"[:500])
        error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
        if 300 <= response.status_code < 400:
            error = f"HTTP {response.status_code}: redirects are not followed"
        return done(response.status_code, error)
