"""Administration, to bootstrap and script a fresh install: ``showroom dealership``, ``showroom user`` and
``showroom api-key`` (run on the maintenance login, audited as the CLI)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from sqlalchemy import select

from showroom.cli.common import friendly, load_settings, validated, with_maintenance
from showroom.dealerships.routing import pending_routing
from showroom.errors import ShowroomError
from showroom.settings import Settings

dealership_app = typer.Typer(help="Dealerships (tenants).", no_args_is_help=True)
user_app = typer.Typer(help="Staff accounts.", no_args_is_help=True)
api_key_app = typer.Typer(help="API keys for integrations.", no_args_is_help=True)


async def dealership_by_subdomain(maint: Any, subdomain: str) -> Any:
    from showroom.models import Dealership  # lazy: the models are heavy; keeps `showroom --help` fast

    dealership = await maint.scalar(select(Dealership).where(Dealership.subdomain == subdomain.lower()))
    if dealership is None:
        raise ShowroomError(f"no dealership with subdomain {subdomain!r} (see `showroom dealership list`)")
    return dealership


@dealership_app.command("create")
@friendly
def dealership_create(
    name: Annotated[str, typer.Option(help="Display name, e.g. 'Lakeside Honda'.")],
    subdomain: Annotated[str, typer.Option(help="Lower-case letters, digits and hyphens; 2-63 characters.")],
    contact_email: Annotated[str, typer.Option(help="Where the dealership is reached.")],
    timezone: Annotated[str, typer.Option(help="IANA time zone of the showroom.")] = "America/New_York",
    website: Annotated[str | None, typer.Option(help="The dealership's website.")] = None,
    phone: Annotated[str | None, typer.Option(help="Main phone number.")] = None,
) -> None:
    """Create a dealership with its defaults (lead sources, default persona)."""
    # lazy: the services pull in the models; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.dealerships import service
    from showroom.dealerships.schemas import DealershipCreate

    data = validated(
        DealershipCreate,
        name=name,
        subdomain=subdomain,
        contact_email=contact_email,
        timezone=timezone,
        website=website,
        contact_phone=phone,
    )

    async def work(maint: Any, settings: Settings) -> Any:
        return await service.create(maint, data, CLI)

    dealership = with_maintenance(work)
    typer.echo(f"created dealership {dealership.id}: {dealership.name} (subdomain {dealership.subdomain})")


@dealership_app.command("list")
@friendly
def dealership_list() -> None:
    """List dealerships: id, subdomain, name, active, and any routing waiting for approval."""
    from showroom.dealerships import service  # lazy: pulls in the models; keeps `showroom --help` fast

    async def work(maint: Any, settings: Settings) -> Any:
        return await service.list_all(maint)

    for d in with_maintenance(work):
        pending = pending_routing(d.settings, d.lead_routing, d.approved_routing)
        waiting = "\trouting waits for approval: " + ", ".join(pending) if pending else ""
        typer.echo(f"{d.id}\t{d.subdomain}\t{d.name}\t{'active' if d.is_active else 'inactive'}{waiting}")


@dealership_app.command("approve-routing")
@friendly
def dealership_approve_routing(
    subdomain: Annotated[str, typer.Argument(help="The dealership whose requested routing to approve.")],
) -> None:
    """Approve the texting number and ADF vendor names/ids a dealership requests: they route messages to it only
    once approved, so check first that they are really its own."""
    # lazy: the services pull in the models; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.dealerships import service

    async def work(maint: Any, settings: Settings) -> dict[str, Any]:
        dealership = await dealership_by_subdomain(maint, subdomain)
        return dict((await service.approve_routing(maint, dealership.id, CLI)).approved_routing)

    approved = with_maintenance(work)
    if not approved:
        typer.echo(f"{subdomain} requests no routing (settings.sms_number, lead_routing.adf_vendor_names/ids)")
    for key, value in approved.items():
        typer.echo(f"approved {key}: {', '.join(value) if isinstance(value, list) else value}")


@user_app.command("create")
@friendly
def user_create(
    email: Annotated[str, typer.Option(help="Sign-in e-mail (unique across Showroom).")],
    role: Annotated[str, typer.Option(help="user, manager, dealership_admin or super_admin.")],
    dealership: Annotated[str | None, typer.Option(help="Subdomain of the dealership (not for super_admin).")] = None,
    name: Annotated[str | None, typer.Option(help="Full name.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    link: Annotated[bool, typer.Option("--link", help="No password: print a sign-in link instead.")] = False,
) -> None:
    """Create a staff account: prompts for a password (or prints a single-use sign-in link)."""
    # lazy: the services pull in the models, passwords the argon2 bindings; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.auth import users
    from showroom.auth.passwords import password_problem
    from showroom.auth.schemas import UserCreate

    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not link and sys.stdin.isatty():
        password = (
            typer.prompt(
                "Password (empty: print a sign-in link instead)",
                hide_input=True,
                default="",
                show_default=False,
                confirmation_prompt=True,
            )
            or None
        )
    if password is not None and (problem := password_problem(password, email=email)):
        raise ShowroomError(problem)
    data = validated(UserCreate, email=email, role=role, name=name, password=password)
    if (data.role == "super_admin") != (dealership is None):
        raise ShowroomError("--dealership is required, except for --role super_admin (which takes none)")

    async def work(maint: Any, settings: Settings) -> Any:
        dealership_id = (await dealership_by_subdomain(maint, dealership)).id if dealership else None
        return await users.create(maint, None, None, dealership_id, data, CLI, settings, email_link=False)  # type: ignore[arg-type]

    user, sign_in_link = with_maintenance(work)
    where = f"dealership {dealership}" if dealership else "the platform"
    typer.echo(f"created user {user.id}: {user.email} ({user.role}, {where})")
    if sign_in_link:
        typer.echo(f"sign-in link (single use, valid {load_settings().magic_link_hours} h): {sign_in_link}")


@api_key_app.command("create")
@friendly
def api_key_create(
    dealership: Annotated[str, typer.Option(help="Subdomain of the dealership the key acts for.")],
    name: Annotated[str, typer.Option(help="What the key is for, e.g. 'Cars.com ADF'.")],
    scope: Annotated[list[str], typer.Option(help="Repeat for each scope, e.g. --scope leads:write.")],
) -> None:
    """Create an API key; the key is printed once and never stored."""
    # lazy: the services pull in the models; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.auth import api_keys
    from showroom.auth.schemas import ApiKeyCreate

    data = validated(ApiKeyCreate, {"scopes": "--scope"}, name=name, scopes=scope)

    async def work(maint: Any, settings: Settings) -> Any:
        d = await dealership_by_subdomain(maint, dealership)
        return await api_keys.create(maint, d.id, data, CLI)

    row, key = with_maintenance(work)
    typer.echo(f"created API key {row.id} ({row.key_prefix}…) for {dealership} with scopes {', '.join(row.scopes)}")
    typer.echo(f"key (shown once, store it now): {key}")
