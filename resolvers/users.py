"""The agency's people (ADMIN): create, change, deactivate, reactivate, revoke tokens, issue one.

Every change is an audit event. A change of what a user may do (deactivation, a role, a
driver link, revoked tokens) is an event of `ACCESS_CHANGES`: our tokens are checked
against the user on every request, and the event, travelling like a notice, ends the
user's open WebSockets on every server process (`subscriptions/sessions.py`).

The agency keeps at least one active ADMIN: deactivating or demoting the last one is
refused. The agency row is locked first, so two admins demoting each other at once are
served one after the other and the second is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from models.agency import Agency, Role, User
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.people import Driver
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.scope import Scope
from resolvers.tokens import expiry_of, issue_token
from resolvers.unit_of_work import UnitOfWork, run_command

EXTERNAL_ID_MAX = 200
TOKEN_DAYS_MAX = 365


@dataclass(frozen=True)
class UserDetails:
    """A new user: a DRIVER is linked to a driver of the agency, nobody else is."""

    name: str
    role: Role
    driver_id: int | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class UserChanges:
    """What to change; None leaves it as it is (an empty external id removes it)."""

    name: str | None = None
    role: Role | None = None
    driver_id: int | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class IssuedToken:
    """A bearer token, shown once."""

    user: User
    token: str
    expires_at: datetime


def _field(name: str) -> tuple[str, ...]:
    return ("input", name)


def _external_id(value: str | None) -> str | None:
    return v.optional_text(
        value, _field("externalId"), "The identity provider's id", EXTERNAL_ID_MAX
    )


def _taken(external_id: str) -> DomainError:
    return DomainError(
        ErrorCode.CONFLICT,
        f"Another user already signs in as {external_id!r} at the identity provider.",
        field=_field("externalId"),
    )


async def _lock_agency(scope: Scope, uow: UnitOfWork) -> None:
    await Agency.filter(id=scope.agency_id).using_db(uow.conn).select_for_update(no_key=True).get()


async def _driver_link(
    scope: Scope, uow: UnitOfWork, role: Role, driver_id: int | None
) -> int | None:
    """The driver a user of `role` is linked to: one of the agency's for a DRIVER, none else."""
    if role is not Role.DRIVER:
        if driver_id is not None:
            raise v.invalid(_field("driverId"), "Only a DRIVER user is linked to a driver.")
        return None
    if driver_id is None:
        raise v.required(_field("driverId"), "The driver a DRIVER user signs in for")
    exists = await scope.query(Driver).filter(id=driver_id).using_db(uow.conn).exists()
    if not exists:
        raise DomainError(ErrorCode.NOT_FOUND, "No such driver.", field=_field("driverId"))
    return driver_id


async def _external_id_free(uow: UnitOfWork, external_id: str | None, user_id: int = 0) -> None:
    if external_id is None:
        return
    if await User.filter(external_id=external_id).exclude(id=user_id).using_db(uow.conn).exists():
        raise _taken(external_id)


async def _keeps_an_admin(scope: Scope, uow: UnitOfWork, user: User, field: Any) -> None:
    """Refuse taking away the agency's last active ADMIN."""
    if user.role is not Role.ADMIN or not user.active:
        return
    others = (
        await scope.query(User)
        .filter(role=Role.ADMIN, active=True)
        .exclude(id=user.id)
        .using_db(uow.conn)
        .exists()
    )
    if not others:
        raise DomainError(
            ErrorCode.CONFLICT,
            f"{user.name} is the agency's last active admin: make another user ADMIN first.",
            field=field,
        )


def _view(user: User) -> dict[str, Any]:
    return {
        "userId": user.id,
        "name": user.name,
        "role": user.role,
        "driverId": user.driver_id,
        "externalId": user.external_id,
        "active": user.active,
    }


async def create_user(scope: Scope, clock: Clock, details: UserDetails) -> User:
    """A new, active user of the agency (who then needs a token, or signs in at the IdP)."""
    name = v.require_text(details.name, _field("name"), "The name")
    external_id = _external_id(details.external_id)
    role = Role(details.role)

    async def work(uow: UnitOfWork) -> User:
        driver_id = await _driver_link(scope, uow, role, details.driver_id)
        await _external_id_free(uow, external_id)
        user = await User.create(
            agency_id=scope.agency_id,
            name=name,
            role=role,
            driver_id=driver_id,
            external_id=external_id,
            using_db=uow.conn,
        )
        uow.record(ev.USER_CREATED, driver_ids=[driver_id] if driver_id else [], **_view(user))
        return user

    return await _guarded(scope, clock, work, external_id)


async def update_user(scope: Scope, clock: Clock, user_id: int, changes: UserChanges) -> User:
    """Change a user's name, role, driver link or identity provider id.

    A new role or driver link applies from the user's next request; their open
    WebSockets are ended (they sign in again with what they may now see).
    """
    name = (
        None if changes.name is None else v.require_text(changes.name, _field("name"), "The name")
    )
    external_id = _external_id(changes.external_id)

    async def work(uow: UnitOfWork) -> User:
        await _lock_agency(scope, uow)
        user = await scope.get(User, user_id, field=("id",), for_update=True)
        role = Role(changes.role) if changes.role is not None else user.role
        if role is not user.role:
            await _keeps_an_admin(scope, uow, user, _field("role"))
        wanted_driver = changes.driver_id
        if wanted_driver is None and role is Role.DRIVER:
            wanted_driver = user.driver_id
        driver_id = await _driver_link(scope, uow, role, wanted_driver)
        columns: dict[str, Any] = {"role": role, "driver_id": driver_id}
        if name is not None:
            columns["name"] = name
        if changes.external_id is not None:
            await _external_id_free(uow, external_id, user.id)
            columns["external_id"] = external_id
        before = _view(user)
        await User.filter(id=user.id).using_db(uow.conn).update(**columns)
        user.update_from_dict(columns)
        after = _view(user)
        changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
        if changed:
            access = "role" in changed or "driverId" in changed
            drivers = {d for d in (before["driverId"], after["driverId"]) if d}
            uow.record(
                ev.USER_UPDATED,
                driver_ids=drivers,
                userId=user.id,
                changes=changed,
                accessChanged=access,
            )
        return user

    return await _guarded(scope, clock, work, external_id)


async def set_active(scope: Scope, clock: Clock, user_id: int, active: bool) -> User:
    """Deactivate a user (refused from the next request on, WebSockets ended) or bring
    them back; their tokens from before a deactivation work again once reactivated,
    unless revoked."""

    async def work(uow: UnitOfWork) -> User:
        await _lock_agency(scope, uow)
        user = await scope.get(User, user_id, field=("id",), for_update=True)
        if user.active == active:
            return user  # nothing to change, nothing to record
        if not active:
            await _keeps_an_admin(scope, uow, user, ("id",))
        await User.filter(id=user.id).using_db(uow.conn).update(active=active)
        user.active = active
        uow.record(
            ev.USER_DEACTIVATED if not active else ev.USER_REACTIVATED,
            driver_ids=[user.driver_id] if user.driver_id else [],
            userId=user.id,
            name=user.name,
        )
        return user

    return await run_command(scope, clock, work)


async def revoke_tokens(scope: Scope, clock: Clock, user_id: int) -> User:
    """Refuse every token issued to the user until now: ours carry the version they were
    issued at (now outdated), the identity provider's their issue time."""

    async def work(uow: UnitOfWork) -> User:
        user = await scope.get(User, user_id, field=("userId",), for_update=True)
        # Token times are real times (PyJWT checks them against the system clock).
        revoked_at = datetime.now(UTC)
        version = user.token_version + 1
        await (
            User.filter(id=user.id)
            .using_db(uow.conn)
            .update(token_version=version, tokens_revoked_at=revoked_at)
        )
        user.token_version, user.tokens_revoked_at = version, revoked_at
        uow.record(ev.USER_TOKENS_REVOKED, userId=user.id, name=user.name, tokenVersion=version)
        return user

    return await run_command(scope, clock, work)


async def issue_user_token(
    scope: Scope, clock: Clock, secret: str, user_id: int, days: int
) -> IssuedToken:
    """A token for an active user, valid `days` days (1 to 365); recorded, never stored."""
    if not 1 <= days <= TOKEN_DAYS_MAX:
        raise v.invalid(("days",), f"A token is valid for 1 to {TOKEN_DAYS_MAX} days.")

    async def work(uow: UnitOfWork) -> IssuedToken:
        user = await scope.get(User, user_id, field=("userId",))
        if not user.active:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"{user.name} is deactivated: reactivate them before issuing a token.",
                field=("userId",),
            )
        token = issue_token(secret, user, days=days)
        expires_at = expiry_of(token)
        uow.record(ev.TOKEN_ISSUED, userId=user.id, name=user.name, expiresAt=expires_at)
        return IssuedToken(user, token, expires_at)

    return await run_command(scope, clock, work)


async def _guarded(scope: Scope, clock: Clock, work: Any, external_id: str | None) -> User:
    try:
        user: User = await run_command(scope, clock, work)
    except IntegrityError:
        # A concurrent change took the same identity provider id first (unique index).
        if external_id is None:
            raise
        raise _taken(external_id) from None
    return user
