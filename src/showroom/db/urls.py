"""Database URLs and roles: who connects as whom.

Three logins (DATA_MODEL.md §4):

* **owner** runs migrations and owns every object: ``DATABASE_URL`` as the user wrote it. When that login
  is a superuser (the embedded database, a fresh local cluster) the objects are owned by a dedicated
  ``showroom_owner`` role instead (``SET ROLE`` during migrations), so no table belongs to a superuser.
* **app**, the service login: ``SHOWROOM_APP_DATABASE_URL``, else ``showroom_app`` on the owner's host.
* **maint**, the only BYPASSRLS login: ``SHOWROOM_MAINT_DATABASE_URL``, else ``showroom_maint``.

When ``showroom db upgrade`` creates the app/maint roles itself it gives them a password derived from
``SHOWROOM_SECRET_KEY`` (HMAC), so every process that knows the secret can log in and no password is
stored anywhere. The embedded database uses trust authentication on a private unix socket.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from showroom.errors import ConfigError

OWNER_ROLE = "showroom_owner"
APP_ROLE = "showroom_app"
MAINT_ROLE = "showroom_maint"
EMBEDDED_DATABASE = "showroom"

_POSTGRES_DRIVERS = {
    "postgres",
    "postgresql",
    "postgresql+psycopg",
    "postgresql+psycopg2",
    "postgresql+asyncpg",
    "postgresql+psycopg2cffi",
    "postgresql+pg8000",
}


def parse_url(raw: str, *, what: str = "DATABASE_URL") -> URL:
    """Accept a URL as users write it (``postgres://``, ``postgresql://``...) and pick our driver."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise ConfigError(f"{what} is not a valid URL; expected postgresql://user:password@host:5432/dbname") from None
    if url.drivername not in _POSTGRES_DRIVERS:
        raise ConfigError(f"{what} must be a postgresql:// URL, not {url.drivername}://")
    if not url.database:
        raise ConfigError(f"{what} names no database; expected postgresql://user:password@host:5432/dbname")
    return url.set(drivername="postgresql+psycopg")


def libpq(url: URL) -> str:
    """The same URL as a libpq conninfo string (for psycopg and procrastinate)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def role_password(secret: str, role: str) -> str:
    return hmac.new(secret.encode(), f"showroom-role:{role}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Topology:
    owner: URL
    app: URL
    maint: URL
    app_role: str
    maint_role: str
    create_app_role: bool
    create_maint_role: bool


def topology(
    owner: URL, *, app_url: str | None, maint_url: str | None, secret: str, embedded: bool = False
) -> Topology:
    """Work out the three logins from the owner URL and the optional explicit ones."""

    def derived(role: str) -> URL:
        if embedded:
            return owner.set(username=role, password=None)
        return owner.set(username=role, password=role_password(secret, role))

    app = parse_url(app_url, what="SHOWROOM_APP_DATABASE_URL") if app_url else derived(APP_ROLE)
    maint = parse_url(maint_url, what="SHOWROOM_MAINT_DATABASE_URL") if maint_url else derived(MAINT_ROLE)
    if app.username is None or maint.username is None:
        raise ConfigError("SHOWROOM_APP_DATABASE_URL and SHOWROOM_MAINT_DATABASE_URL must name a user")
    if app.username == owner.username:
        raise ConfigError(
            "SHOWROOM_APP_DATABASE_URL must log in as its own role, not as the owner "
            "(a table owner bypasses row-level security)"
        )
    return Topology(
        owner=owner,
        app=app,
        maint=maint,
        app_role=app.username,
        maint_role=maint.username,
        create_app_role=app_url is None,
        create_maint_role=maint_url is None,
    )
