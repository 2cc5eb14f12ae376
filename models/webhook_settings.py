"""Webhook delivery settings (`WEBHOOK_*`), read with the rest of the configuration."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class WebhookSettings:
    """How webhooks are delivered: timeouts, the retry schedule, which addresses."""

    # Private, loopback, link-local... networks a URL may nonetheless reach
    # (`WEBHOOK_ALLOWED_NETWORKS=127.0.0.0/8`): none by default, so no SSRF.
    allowed_networks: tuple[Network, ...] = ()
    # Retries: base * 2**(n-1) seconds after the n-th failure, capped at max, with
    # jitter; a delivery failing for `retry_for` seconds gives up and disables its endpoint.
    retry_base: float = 30.0
    retry_max: float = 3600.0
    retry_for: float = 86400.0
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    max_response_bytes: int = 64 * 1024
    # Run the delivery worker in each server process (0: only `python -m dispatch deliver`).
    in_server: bool = True
    # Deliveries sent at once by one process.
    concurrency: int = 8

    @classmethod
    def from_env(cls, env: dict[str, str]) -> WebhookSettings:
        """The `WEBHOOK_*` variables; ValueError naming the bad one."""
        networks: list[Network] = []
        for raw in env.get("WEBHOOK_ALLOWED_NETWORKS", "").split(","):
            if raw.strip():
                try:
                    networks.append(ipaddress.ip_network(raw.strip(), strict=False))
                except ValueError:
                    raise ValueError(
                        f"WEBHOOK_ALLOWED_NETWORKS: {raw.strip()!r} is not a network "
                        "(e.g. 127.0.0.0/8)"
                    ) from None
        numbers: dict[str, float] = {}
        for name, default in (
            ("WEBHOOK_RETRY_BASE_SECONDS", cls.retry_base),
            ("WEBHOOK_RETRY_MAX_SECONDS", cls.retry_max),
            ("WEBHOOK_RETRY_FOR_SECONDS", cls.retry_for),
            ("WEBHOOK_CONNECT_TIMEOUT", cls.connect_timeout),
            ("WEBHOOK_READ_TIMEOUT", cls.read_timeout),
        ):
            raw = env.get(name, "").strip()
            try:
                numbers[name] = float(raw) if raw else default
            except ValueError:
                raise ValueError(f"{name} must be a number of seconds, not {raw!r}") from None
            if numbers[name] <= 0:
                raise ValueError(f"{name} must be more than 0, not {raw!r}")
        return cls(
            allowed_networks=tuple(networks),
            retry_base=numbers["WEBHOOK_RETRY_BASE_SECONDS"],
            retry_max=numbers["WEBHOOK_RETRY_MAX_SECONDS"],
            retry_for=numbers["WEBHOOK_RETRY_FOR_SECONDS"],
            connect_timeout=numbers["WEBHOOK_CONNECT_TIMEOUT"],
            read_timeout=numbers["WEBHOOK_READ_TIMEOUT"],
            in_server=env.get("WEBHOOK_WORKER", "1").strip() not in ("0", "false", "no"),
        )
