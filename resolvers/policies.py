"""Cancellation policies (issue 15): ADMIN saves versions; bookings snapshot the one in force.

Saving a policy appends a version and never changes an older one, so missions booked
under a version keep it. New bookings take the customer's policy, else the agency's
default one, else none (the old single window).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models.agency import Agency
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import CancellationTerms, TierSchedule
from models.domain.tiers import MAX_TIERS, Tier
from models.domain.working_calendar import WorkingCalendar
from models.orders import Mission
from models.people import Customer
from models.policies import CancellationPolicy, CancellationPolicyVersion
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

# An input reads one tier past the most a policy has, so that too many is refused, not cut.
MAX_INPUT_TIERS = MAX_TIERS + 1


@dataclass(frozen=True)
class PolicyDetails:
    """What an ADMIN saves: a new version of a policy (tiers, calendar, grace)."""

    name: str
    tiers: tuple[Tier, ...]
    payout_tiers: tuple[Tier, ...] | None = None
    calendar: WorkingCalendar | None = None
    no_show_grace_minutes: int = 0
    is_default: bool = False
    late_reschedules_billed: bool = False
    rebooked_credit_percent: Decimal = Decimal(0)
    schedules: tuple[TierSchedule, ...] = ()


@dataclass(frozen=True)
class SavedPolicy:
    """A policy with the terms of its current version."""

    policy: CancellationPolicy
    terms: CancellationTerms


def _terms(policy_id: int, version: int, name: str, details: PolicyDetails) -> CancellationTerms:
    return CancellationTerms(
        policy_id=policy_id,
        version=version,
        name=name,
        customer_tiers=details.tiers,
        payout_tiers=details.payout_tiers,
        calendar=details.calendar,
        no_show_grace_minutes=details.no_show_grace_minutes,
        late_reschedules_billed=details.late_reschedules_billed,
        rebooked_credit_percent=details.rebooked_credit_percent,
        schedules=details.schedules,
    )


async def save_policy(
    scope: Scope, clock: Clock, policy_id: int | None, details: PolicyDetails
) -> SavedPolicy:
    """Create a policy (``policy_id`` None) or save a new version of one.

    Refused, with nothing changed: a blank or taken name, tiers or a calendar the domain
    refuses (``INVALID`` naming the field). Making it the default takes that from the
    agency's previous default.
    """
    name = v.require_text(details.name, ("input", "name"), "The name")
    _terms(0, 1, name, details)  # every check before anything is written

    async def work(uow: UnitOfWork) -> SavedPolicy:
        # The agency's row lock orders concurrent saves (version numbers, one default).
        await (
            Agency.filter(id=scope.agency_id)
            .using_db(uow.conn)
            .select_for_update(no_key=True)
            .get()
        )
        taken = scope.query(CancellationPolicy).filter(name=name).using_db(uow.conn)
        if policy_id is None:
            if await taken.exists():
                raise _name_taken(name)
            policy = await CancellationPolicy.create(
                agency_id=scope.agency_id,
                name=name,
                created_at=uow.now,
                updated_at=uow.now,
                using_db=uow.conn,
            )
        else:
            policy = await scope.get(
                CancellationPolicy, policy_id, field=("input", "policyId"), for_update=True
            )
            if await taken.exclude(id=policy.id).exists():
                raise _name_taken(name)
        terms = _terms(policy.id, policy.version + 1, name, details)
        version = await CancellationPolicyVersion.create(
            agency_id=scope.agency_id,
            policy_id=policy.id,
            version=terms.version,
            terms=terms.to_dict(),
            created_at=uow.now,
            created_by_id=scope.user_id,
            using_db=uow.conn,
        )
        if details.is_default and not policy.is_default:
            await (
                scope.query(CancellationPolicy)
                .filter(is_default=True)
                .using_db(uow.conn)
                .update(is_default=False)
            )
        changes = {
            "name": name,
            "version": terms.version,
            "current_version_id": version.id,
            "is_default": details.is_default,
            "updated_at": uow.now,
        }
        await CancellationPolicy.filter(id=policy.id).using_db(uow.conn).update(**changes)
        policy.update_from_dict(changes)
        # A policy is one of the agency's settings: its audit event is the settings'.
        uow.record(
            ev.AGENCY_SETTINGS_UPDATED,
            changes={
                "cancellationPolicy": {
                    "from": None if terms.version == 1 else terms.version - 1,
                    "to": {**terms.to_dict(), "isDefault": details.is_default},
                }
            },
        )
        return SavedPolicy(policy, terms)

    return await run_command(scope, clock, work)


async def set_customer_policy(
    scope: Scope, clock: Clock, customer_id: int, policy_id: int | None
) -> Customer:
    """Give a customer its own policy (None: the agency's default) for its new bookings."""

    async def work(uow: UnitOfWork) -> Customer:
        customer = await scope.get(Customer, customer_id, field=("customerId",), for_update=True)
        if policy_id is not None:
            await scope.get(CancellationPolicy, policy_id, field=("policyId",))
        await (
            Customer.filter(id=customer.id)
            .using_db(uow.conn)
            .update(cancellation_policy_id=policy_id)
        )
        customer.cancellation_policy_id = policy_id
        uow.record(ev.CUSTOMER_UPDATED, customerId=customer.id, cancellationPolicyId=policy_id)
        return customer

    return await run_command(scope, clock, work)


def _name_taken(name: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID,
        f'The agency already has a policy named "{name}".',
        field=("input", "name"),
    )


async def version_in_force(uow: UnitOfWork, customer: Customer) -> int | None:
    """The version new bookings of ``customer`` get: its own policy's, else the default's."""
    query = uow.scope.query(CancellationPolicy)
    if customer.cancellation_policy_id is not None:
        query = query.filter(id=customer.cancellation_policy_id)
    else:
        query = query.filter(is_default=True)
    policy = await query.using_db(uow.conn).first()
    return None if policy is None else policy.current_version_id


async def booked_terms(
    uow: UnitOfWork, version_ids: Iterable[int | None]
) -> dict[int, CancellationTerms]:
    """The versions missions were booked under, by id (no statement when there are none)."""
    ids = sorted({i for i in version_ids if i is not None})
    if not ids:
        return {}
    rows = await CancellationPolicyVersion.filter(
        agency_id=uow.scope.agency_id, id__in=ids
    ).using_db(uow.conn)
    return {row.id: CancellationTerms.from_dict(row.terms) for row in rows}


async def list_policies(scope: Scope) -> list[SavedPolicy]:
    """The agency's policies by name, each with its current version (two statements)."""
    policies = await scope.query(CancellationPolicy).order_by("name", "id")
    versions = {
        row.id: CancellationTerms.from_dict(row.terms)
        for row in await scope.query(CancellationPolicyVersion).filter(
            id__in=[p.current_version_id for p in policies if p.current_version_id]
        )
    }
    return [
        SavedPolicy(p, versions[p.current_version_id])
        for p in policies
        if p.current_version_id in versions
    ]


async def grace_minutes(uow: UnitOfWork, mission: Mission) -> int:
    """The no-show grace of a mission: its own, else its booked version's, else none."""
    if mission.no_show_grace_minutes is not None:
        return mission.no_show_grace_minutes
    terms = await booked_terms(uow, [mission.policy_version_id])
    version = terms.get(mission.policy_version_id or 0)
    return 0 if version is None else version.no_show_grace_minutes
