"""The command line's database commands: migrate, seed-demo, create-agency, create-user, token.

Each command opens Tortoise on the configured database and closes it when done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable

from tortoise import Tortoise

from models.agency import Agency, Role, User
from models.config import Settings, tortoise_config
from models.domain.errors import DomainError
from models.people import Driver
from resolvers import validation as v
from resolvers.tokens import issue_token

Command = Callable[[Settings, argparse.Namespace], Awaitable[int]]


class CommandError(Exception):
    """A command refused its arguments; the message says what to fix."""


async def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run one command; 0 on success, 1 on a refused argument (message on stderr)."""
    if args.command == "migrate":
        return await migrate(settings, args)
    commands: dict[str, Command] = {
        "seed-demo": seed_demo,
        "create-agency": create_agency,
        "create-user": create_user,
        "token": token,
    }
    command = commands.get(args.command)
    if command is None:
        print(f"unknown command {args.command!r}", file=sys.stderr)
        return 2
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        return await command(settings, args)
    except (CommandError, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await Tortoise.close_connections()


async def migrate(settings: Settings, args: argparse.Namespace) -> int:
    """Apply the pending migrations of the database's dialect (opens its own Tortoise)."""
    from migrations.apply import migrate as apply_migrations

    applied = await apply_migrations(settings.database_url)
    print("\n".join(f"applied {name}" for name in applied) or "nothing to migrate")
    return 0


async def seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    """Load the demo agency once and print a token per role."""
    from resolvers.demo import demo_instructions, seed_demo_agency

    tokens = await seed_demo_agency(settings)
    if not getattr(args, "quiet", False):
        print(demo_instructions(tokens, settings))
    return 0


async def create_agency(settings: Settings, args: argparse.Namespace) -> int:
    """Create an agency with default terms; prints its id."""
    name = v.require_text(args.name, ("name",), "The agency's name")
    agency = await Agency.create(
        name=name,
        time_zone=v.time_zone(args.time_zone, ("--time-zone",)),
        currency=v.currency(args.currency, ("--currency",)),
    )
    print(agency.id)
    return 0


async def create_user(settings: Settings, args: argparse.Namespace) -> int:
    """Create a user of an agency; a DRIVER user is linked to a driver of that agency."""
    agency = await Agency.filter(id=args.agency).first()
    if agency is None:
        raise CommandError(f"there is no agency {args.agency}.")
    role = Role(args.role)
    name = v.require_text(args.name, ("--name",), "The user's name")
    driver_id = getattr(args, "driver", None)
    if role is Role.DRIVER:
        if driver_id is None:
            raise CommandError("a DRIVER user needs --driver <driver id> (a driver of the agency).")
        if not await Driver.filter(id=driver_id, agency_id=agency.id).exists():
            raise CommandError(f"agency {agency.id} has no driver {driver_id}.")
    elif driver_id is not None:
        raise CommandError("--driver is only for DRIVER users.")
    external_id = v.optional_text(
        getattr(args, "external_id", None), ("--external-id",), "--external-id", 200
    )
    if external_id and await User.filter(external_id=external_id).exists():
        raise CommandError(f"another user already signs in as {external_id!r}.")
    user = await User.create(
        agency_id=agency.id, name=name, role=role, driver_id=driver_id, external_id=external_id
    )
    print(user.id)
    return 0


async def token(settings: Settings, args: argparse.Namespace) -> int:
    """Print a bearer token for an active user."""
    user = await User.filter(id=args.user_id).first()
    if user is None:
        raise CommandError(f"there is no user {args.user_id}.")
    if not user.active:
        raise CommandError(f"user {user.id} is deactivated: a token would be refused.")
    print(issue_token(settings.secret, user, days=getattr(args, "days", 30)))
    return 0
