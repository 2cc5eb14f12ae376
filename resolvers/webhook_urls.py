"""Which webhook URLs and addresses may be reached (no SSRF through a webhook URL).

A URL is HTTPS (plain HTTP only to a loopback host), with no credentials in it, and
every address its host resolves to must be public unless `WEBHOOK_ALLOWED_NETWORKS`
names its network. The delivery client checks again at each request, and connects
to the address it checked (a DNS answer that changed in between is not followed).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from models.webhook_settings import Network

URL_MAX = 2000
RESOLVE_TIMEOUT = 5.0
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(Exception):
    """The URL may not be used; the message says why, in a dispatcher's words."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    path: str  # with the query string


def parse_url(url: str) -> Target:
    """The target of a webhook URL, or UrlRefused (no DNS here)."""
    url = url.strip()
    if not url or len(url) > URL_MAX or not url.isprintable() or " " in url:
        raise UrlRefused(f"A webhook URL is 1 to {URL_MAX} characters without spaces.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UrlRefused("This is not a valid URL.") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise UrlRefused("A webhook URL starts with https:// and names a host.")
    if parts.username is not None or parts.password is not None:
        raise UrlRefused("A webhook URL may not contain a user name or password.")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise UrlRefused("A webhook URL must use https:// (http:// only for a loopback host).")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url, parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    literal = ip_literal(host)
    return literal is not None and literal.is_loopback


def ip_literal(host: str) -> Address | None:
    """The address when the host is written as one."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def refusal(address: Address, allowed: tuple[Network, ...]) -> str | None:
    """Why `address` may not be reached (None: it may)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in network for network in allowed):
        return None
    if address.is_global and not address.is_multicast:
        return None
    kind = (
        "a loopback"
        if address.is_loopback
        else "a link-local (cloud metadata)"
        if address.is_link_local
        else "a private or reserved"
    )
    return f"The URL's host is {kind} address ({address}); webhooks only reach public addresses."


async def resolve(target: Target, allowed: tuple[Network, ...]) -> Address:
    """The first address of the host, every one of them checked; UrlRefused otherwise."""
    literal = ip_literal(target.host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            async with asyncio.timeout(RESOLVE_TIMEOUT):
                infos = await asyncio.get_running_loop().getaddrinfo(
                    target.host, target.port, type=socket.SOCK_STREAM
                )
        except (OSError, TimeoutError):
            raise UrlRefused(f"The URL's host {target.host} could not be resolved.") from None
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
        if not addresses:
            raise UrlRefused(f"The URL's host {target.host} has no address.")
    for address in addresses:
        reason = refusal(address, allowed)
        if reason is not None:
            raise UrlRefused(reason)
    return addresses[0]
