"""Webhook endpoints of the agency (ADMIN): create, change, disable, delete, rotate."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import timedelta

from models.agency import Agency
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.webhook_settings import Network
from models.webhooks import WebhookAudience, WebhookEndpoint
from resolvers.clock import Clock
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command
from resolvers.webhook_urls import UrlRefused, parse_url, resolve
from subscriptions.webhooks.kinds import notice_types
from subscriptions.webhooks.signing import PREFIX, new_secret

MAX_OVERLAP = timedelta(days=7)


@dataclass(frozen=True)
class EndpointChanges:
    """What to set; None leaves it as it is."""

    url: str | None = None
    notice_types: list[str] | None = None
    enabled: bool | None = None


def _field(name: str) -> tuple[str, ...]:
    return ("input", name)


async def checked_url(url: str, allowed: tuple[Network, ...]) -> str:
    """The URL, stripped, once its host resolves only to addresses we may reach."""
    try:
        target = parse_url(url)
        await resolve(target, allowed)
    except UrlRefused as exc:
        raise DomainError(ErrorCode.INVALID, str(exc), field=_field("url")) from None
    return target.url


def checked_types(audience: WebhookAudience, names: list[str]) -> list[str]:
    """The notice type names, each one the audience has; sorted, once each."""
    known = notice_types(audience)
    unknown = sorted({n for n in names if n not in known})
    if unknown:
        raise DomainError(
            ErrorCode.INVALID,
            f"{', '.join(unknown)} is not a notice of the {audience.value} audience "
            f"(one of {', '.join(known)}).",
            field=_field("events"),
        )
    return sorted(set(names))


def checked_secret(secret: str | None) -> str:
    """A given secret (`whsec_` and 24 to 64 bytes in base64), or a new one."""
    if secret is None:
        return new_secret()
    try:
        key = base64.b64decode(secret.strip().removeprefix(PREFIX), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if not secret.strip().startswith(PREFIX) or not 24 <= len(key) <= 64:
        raise DomainError(
            ErrorCode.INVALID,
            "A signing secret is whsec_ followed by 24 to 64 bytes in base64; "
            "leave it out to have one generated.",
            field=_field("secret"),
        )
    return secret.strip()


async def create_endpoint(
    scope: Scope,
    clock: Clock,
    allowed: tuple[Network, ...],
    *,
    url: str,
    audience: WebhookAudience,
    types: list[str],
    secret: str | None = None,
) -> WebhookEndpoint:
    """A new endpoint, sent the notices committed from now on."""
    url = await checked_url(url, allowed)
    names = checked_types(audience, types)
    key = checked_secret(secret)

    async def work(uow: UnitOfWork) -> WebhookEndpoint:
        agency = await Agency.filter(id=scope.agency_id).using_db(uow.conn).first()
        assert agency is not None
        row = await WebhookEndpoint.create(
            agency_id=scope.agency_id,
            url=url,
            audience=audience,
            notice_types=names,
            secret=key,
            scanned_seq=agency.event_seq,
            created_at=uow.now,
            updated_at=uow.now,
            using_db=uow.conn,
        )
        uow.record(ev.WEBHOOK_ENDPOINT_CREATED, endpointId=row.id, url=url, audience=audience)
        return row

    return await run_command(scope, clock, work)


async def update_endpoint(
    scope: Scope,
    clock: Clock,
    allowed: tuple[Network, ...],
    pk: int,
    changes: EndpointChanges,
) -> WebhookEndpoint:
    """Change the URL, the notice types, or switch it on or off."""
    url = await checked_url(changes.url, allowed) if changes.url is not None else None

    async def work(uow: UnitOfWork) -> WebhookEndpoint:
        row = await _locked(scope, uow, pk)
        if changes.notice_types is not None:
            row.notice_types = checked_types(row.audience, changes.notice_types)
        if url is not None:
            row.url = url
        if changes.enabled is not None and changes.enabled != row.enabled:
            row.enabled = changes.enabled
            row.disabled_reason = None if changes.enabled else "Disabled by an administrator."
        row.updated_at = uow.now
        await row.save(using_db=uow.conn)
        uow.record(
            ev.WEBHOOK_ENDPOINT_UPDATED,
            endpointId=row.id,
            url=row.url,
            noticeTypes=row.notice_types,
            enabled=row.enabled,
        )
        return row

    return await run_command(scope, clock, work)


async def delete_endpoint(scope: Scope, clock: Clock, pk: int) -> int:
    """Delete the endpoint with its deliveries and their attempts."""

    async def work(uow: UnitOfWork) -> int:
        row = await _locked(scope, uow, pk)
        await row.delete(using_db=uow.conn)
        uow.record(ev.WEBHOOK_ENDPOINT_DELETED, endpointId=pk, url=row.url)
        return pk

    return await run_command(scope, clock, work)


async def rotate_secret(scope: Scope, clock: Clock, pk: int, overlap: timedelta) -> WebhookEndpoint:
    """A new secret; the old one still signs (as a second signature) for `overlap`."""
    if overlap < timedelta(0) or overlap > MAX_OVERLAP:
        raise DomainError(
            ErrorCode.INVALID,
            "The overlap is 0 to 10080 minutes (7 days).",
            field=("overlapMinutes",),
        )

    async def work(uow: UnitOfWork) -> WebhookEndpoint:
        row = await _locked(scope, uow, pk)
        row.previous_secret = row.secret if overlap else None
        row.previous_secret_until = uow.now + overlap if overlap else None
        row.secret = new_secret()
        row.updated_at = uow.now
        await row.save(using_db=uow.conn)
        uow.record(
            ev.WEBHOOK_SECRET_ROTATED,
            endpointId=row.id,
            overlapSeconds=int(overlap.total_seconds()),
        )
        return row

    return await run_command(scope, clock, work)


async def _locked(scope: Scope, uow: UnitOfWork, pk: int) -> WebhookEndpoint:
    qs = scope.query(WebhookEndpoint).filter(id=pk).using_db(uow.conn)
    if uow.dialect != "sqlite":
        qs = qs.select_for_update()
    row = await qs.first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, "There is no such webhook endpoint.", field=("id",))
    return row
